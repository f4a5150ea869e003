// The hidden GPU window: where the desktop app's training worker runs when it
// uses WebGPU (Electron's utilityProcess has no navigator.gpu). The window loads
// the GPU worker bundle (worker/browser/, built to out/gpu-worker) from its own
// scheme in its own session, and the lab talks to the worker over a
// MessageChannelMain with the typed protocol (main/runs/browser-worker.ts).
import { BrowserWindow, MessageChannelMain, session, type WebContents } from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import { browserWorkerHandle, type PortLike } from '../runs/browser-worker.ts';
import type { WorkerHandle } from '../runs/worker-host.ts';
import type { GpuWindowProbe } from '../runs/routed-worker.ts';
import type { BackendReport, FromBrowserWorker, ToBrowserWorker } from '../common/protocol.ts';
import { GPU_SCHEME, GPU_WINDOW_CSP, GPU_WINDOW_PREFERENCES } from './security.ts';

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };

/** Serve out/gpu-worker on the GPU window's scheme, in its session, with its CSP; deny it every permission. */
export function setupGpuSession(root: string): void {
  const ses = session.fromPartition(GPU_WINDOW_PREFERENCES.partition);
  ses.setPermissionRequestHandler((_wc, _perm, cb) => cb(false));
  ses.protocol.handle(GPU_SCHEME, (req) => {
    const rel = path.normalize(decodeURIComponent(new URL(req.url).pathname)).replace(/^([/\\])+/, '');
    const file = path.join(root, rel);
    if (!file.startsWith(root + path.sep) || !fs.existsSync(file)) return new Response('not found', { status: 404 });
    return new Response(fs.readFileSync(file), { headers: { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'content-security-policy': GPU_WINDOW_CSP } });
  });
}

/** A training worker in a new hidden GPU window, behind the run manager's WorkerHandle. */
export function gpuWindowWorker(opts: { preload: string; harden: (c: WebContents) => void }): WorkerHandle {
  const win = new BrowserWindow({ show: false, width: 320, height: 200, title: 'JEPA Lab GPU worker', webPreferences: { preload: opts.preload, ...GPU_WINDOW_PREFERENCES } });
  opts.harden(win.webContents);
  const { port1, port2 } = new MessageChannelMain();
  const port: PortLike = {
    postMessage: (m: ToBrowserWorker) => port1.postMessage(m),
    onMessage: (fn: (m: FromBrowserWorker) => void) => {
      port1.on('message', (e) => fn(e.data as FromBrowserWorker));
      port1.start();
    },
  };
  // no pid: the run manager kills a recorded pid it finds alive after a restart, and a window cannot outlive the app
  const handle = browserWorkerHandle(port, () => {
    port1.close();
    if (!win.isDestroyed()) win.destroy();
  });
  // the renderer died (a GPU crash, the OS killing it): the job ends as a killed process would
  win.webContents.on('render-process-gone', (_e, d) => handle.kill(d.reason === 'killed' ? 'SIGKILL' : 'SIGABRT'));
  win.webContents.once('did-finish-load', () => win.webContents.postMessage('jepa-lab:worker-port', null, [port2]));
  void win.loadURL(`${GPU_SCHEME}://worker/gpu-worker.html`);
  return handle;
}

/**
 * Whether the app's Chromium has a hardware WebGPU adapter: a `doctor` job in a
 * GPU window, once per app run (auto sends trainings there only if so).
 */
let probed: Promise<GpuWindowProbe | null> | null = null;
export function probeGpuWindow(launch: () => WorkerHandle): Promise<GpuWindowProbe | null> {
  probed ??= new Promise<BackendReport[]>((resolve, reject) => {
    const w = launch();
    let result: { backends: BackendReport[] } | null = null;
    w.onMessage((m) => {
      if (m.type === 'result') result = m.value as { backends: BackendReport[] };
    });
    w.onExit(() => (result ? resolve(result.backends) : reject(new Error('the GPU window did not answer'))));
    w.send({ type: 'start', job: { kind: 'doctor' } });
  })
    .then((backends) => {
      const gpu = backends.find((b) => b.request === 'webgpu');
      if (!gpu?.adapter) return { hardware: false, detail: gpu?.why || 'no adapter' };
      return { hardware: !gpu.adapter.software, detail: gpu.detail };
    })
    .catch(() => null);
  return probed;
}
