// The desktop app: one window on the built renderer, the lab service in this
// (main) process, the `lab` API over IPC, training workers as utilityProcesses.
// Electron's security checklist is applied in code; each rule is named where it is
// (the window's webPreferences and the CSP, as data, in security.ts).
import { app, BrowserWindow, ipcMain, Menu, dialog, shell, session, utilityProcess, protocol, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { gpuWindowWorker, probeGpuWindow, setupGpuSession } from './gpu-window.ts';
import { routedLauncher } from '../runs/routed-worker.ts';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Lab } from '../lab/lab.ts';
import { resolveHome } from '../lab/home.ts';
import { callApi, errorBody, subscribe, thumbnailFromQuery, type LabEvent } from '../lab/api.ts';
import { setWorkerLauncher, WORKER_EXEC_ARGV, type WorkerHandle } from '../runs/worker-host.ts';
import { GPU_SCHEME, WEB_PREFERENCES, electronCsp } from './security.ts';
import type { FromWorker, ToWorker } from '../common/protocol.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const RENDERER_HTML = path.join(here, '..', 'renderer', 'index.html');
const PRELOAD = path.join(here, '..', 'preload', 'preload.cjs');
const WORKER = path.join(here, 'worker.js');
const GPU_PRELOAD = path.join(here, '..', 'preload', 'gpu-preload.cjs');
const GPU_WORKER_ROOT = path.join(here, '..', 'gpu-worker'); // npm run build:gpu-worker
const DEV_URL = process.env.ELECTRON_RENDERER_URL; // set by electron-vite dev
// better-sqlite3 rebuilt for Electron's ABI by bin/start.mjs (the CLI keeps the Node build).
const ELECTRON_SQLITE = path.join(here, '..', 'native', 'better_sqlite3.node');
import fs from 'node:fs';
if (!process.env.JEPA_LAB_SQLITE_BINDING && fs.existsSync(ELECTRON_SQLITE)) process.env.JEPA_LAB_SQLITE_BINDING = ELECTRON_SQLITE;

// Thumbnails reach the sandboxed page through a privileged scheme of our own, not file://.
protocol.registerSchemesAsPrivileged([
  { scheme: 'lab-thumb', privileges: { standard: true, secure: true, supportFetchAPI: true } },
  // the GPU window's page and its dedicated worker need a standard, secure origin (file:// gives none)
  { scheme: GPU_SCHEME, privileges: { standard: true, secure: true } },
]);
// Chromium on Linux exposes WebGPU only behind this switch (the blocklist it lifts
// is for web content; the GPU window runs only our own code).
if (process.platform === 'linux') {
  app.commandLine.appendSwitch('enable-unsafe-webgpu');
  app.commandLine.appendSwitch('enable-features', 'Vulkan');
}

/** utilityProcess behind the run manager's WorkerHandle interface. */
function utilityWorker(): WorkerHandle {
  const child = utilityProcess.fork(WORKER, [], { serviceName: 'JEPA Lab training worker', stdio: 'inherit', execArgv: WORKER_EXEC_ARGV, env: { ...process.env, JEPA_LAB_WORKER: '1' } });
  const exitFns: ((code: number | null, signal: string | null) => void)[] = [];
  child.on('exit', (code) => exitFns.forEach((f) => f(code, code === null ? 'SIGKILL' : null)));
  return {
    get pid() {
      return child.pid;
    },
    send: (m: ToWorker) => child.postMessage(m),
    onMessage: (fn) => child.on('message', (m: FromWorker) => fn(m)),
    onExit: (fn) => exitFns.push(fn),
    kill: () => void child.kill(),
  };
}

/** Rule: validate the sender of every IPC message — only our own top frame may call the lab. */
function trustedSender(e: IpcMainInvokeEvent, win: BrowserWindow | null): boolean {
  const frame = e.senderFrame;
  if (!win || e.sender !== win.webContents || !frame || frame.parent !== null) return false;
  const url = new URL(frame.url);
  return DEV_URL ? url.origin === new URL(DEV_URL).origin : url.protocol === 'file:' && decodeURIComponent(url.pathname) === RENDERER_HTML.replace(/\\/g, '/');
}

/** Rule: shell.openExternal only for vetted https links. */
const EXTERNAL_ALLOW = ['https://github.com/facebookresearch/ijepa', 'https://arxiv.org/abs/2301.08243'];
function openExternalVetted(url: string): void {
  if (url.startsWith('https://') && EXTERNAL_ALLOW.some((a) => url === a || url.startsWith(`${a}/`))) void shell.openExternal(url);
}

function harden(contents: WebContents): void {
  // Rule: block navigation away from the app.
  contents.on('will-navigate', (e, url) => {
    if (!(DEV_URL && url.startsWith(DEV_URL))) e.preventDefault();
  });
  // Rule: no new windows; vetted https links open in the system browser.
  contents.setWindowOpenHandler(({ url }) => {
    openExternalVetted(url);
    return { action: 'deny' };
  });
  // Rule: no <webview>.
  contents.on('will-attach-webview', (e) => e.preventDefault());
}

async function main(): Promise<void> {
  // Single instance: a second launch focuses the first window.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  await app.whenReady();
  // WebGPU trainings in the hidden GPU window, everything else in a utilityProcess (main/runs/routed-worker.ts)
  setupGpuSession(GPU_WORKER_ROOT);
  const gpuWindow = () => gpuWindowWorker({ preload: GPU_PRELOAD, harden });
  setWorkerLauncher(routedLauncher({ gpuWindow, process: utilityWorker, probe: () => probeGpuWindow(gpuWindow) }));
  let lab: Lab;
  try {
    lab = Lab.open(resolveHome(process.env.JEPA_LAB_HOME));
  } catch (e) {
    // a damaged lab.db, a lost one, a home that cannot be written: say so, rather than a window that never opens
    dialog.showErrorBox('JEPA Lab cannot open its lab', e instanceof Error ? e.message : String(e));
    app.quit();
    return;
  }

  // Rule: a strict Content-Security-Policy on every response (security.ts says which).
  const csp = electronCsp(DEV_URL);
  session.defaultSession.webRequest.onHeadersReceived((details, cb) => {
    cb({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
  });
  // Rule: deny every permission request (camera, notifications, …): the lab needs none.
  session.defaultSession.setPermissionRequestHandler((_wc, _perm, cb) => cb(false));

  protocol.handle('lab-thumb', async (req) => {
    try {
      const png = await thumbnailFromQuery(lab, new URL(req.url).searchParams);
      return new Response(new Uint8Array(png), { headers: { 'content-type': 'image/png' } });
    } catch (e) {
      return new Response(errorBody(e).body.error, { status: 400 });
    }
  });

  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    title: 'JEPA Lab',
    show: false,
    webPreferences: { preload: PRELOAD, ...WEB_PREFERENCES }, // the security rules: security.ts
  });
  harden(win.webContents);
  win.once('ready-to-show', () => win.show());
  app.on('second-instance', () => {
    if (win.isMinimized()) win.restore();
    win.focus();
  });

  // The lab API: one channel; sender and arguments validated (api.ts validates each method's args).
  ipcMain.handle('lab:call', async (e, method: unknown, args: unknown) => {
    if (!trustedSender(e, win)) return { ok: false, error: { error: 'refused: IPC from an untrusted frame', kind: 'bad-input' } };
    if (typeof method !== 'string' || method.length > 64) return { ok: false, error: { error: 'method must be a string', kind: 'bad-input' } };
    try {
      return { ok: true, value: await callApi(lab, method, args) };
    } catch (err) {
      return { ok: false, error: errorBody(err).body };
    }
  });
  const unsubscribe = subscribe(lab, (ev: LabEvent) => {
    if (!win.isDestroyed()) win.webContents.send('lab:event', ev);
  });

  Menu.setApplicationMenu(
    Menu.buildFromTemplate([
      ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
      {
        label: 'File',
        submenu: [
          { label: 'New Run…', accelerator: 'CmdOrCtrl+N', click: () => win.webContents.send('lab:event', { type: 'menu', action: 'new-run' }) },
          {
            label: 'Import Dataset…',
            accelerator: 'CmdOrCtrl+I',
            click: async () => {
              const r = await dialog.showOpenDialog(win, { title: 'Import a folder of images or an IDX file', properties: ['openFile', 'openDirectory'] });
              if (!r.canceled && r.filePaths[0]) win.webContents.send('lab:event', { type: 'menu', action: 'import', path: r.filePaths[0] });
            },
          },
          { label: 'Open Lab Home', click: () => void shell.openPath(lab.home) },
          { type: 'separator' },
          { role: 'quit' },
        ],
      },
      { role: 'editMenu' },
      { role: 'viewMenu' },
      {
        label: 'Help',
        submenu: [
          {
            label: 'About JEPA Lab',
            click: () => {
              void dialog.showMessageBox(win, {
                title: 'About JEPA Lab',
                message: `JEPA Lab ${app.getVersion()}`,
                detail: [`Electron ${process.versions.electron}, Chromium ${process.versions.chrome}, Node ${process.versions.node}`, `Lab home: ${lab.home}`, 'Training backend: chosen by each worker, best first (see a run\'s backend column and events)'].join('\n'),
              });
            },
          },
          { label: 'I-JEPA paper', click: () => openExternalVetted('https://arxiv.org/abs/2301.08243') },
          { label: 'Reference implementation', click: () => openExternalVetted('https://github.com/facebookresearch/ijepa') },
        ],
      },
    ]),
  );

  app.on('window-all-closed', () => {
    unsubscribe();
    lab.close();
    app.quit();
  });
  if (DEV_URL) await win.loadURL(DEV_URL);
  else await win.loadFile(RENDERER_HTML);
}

void main();
