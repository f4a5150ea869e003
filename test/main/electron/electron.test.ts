// The desktop app. The Electron binary cannot be downloaded on this CI machine
// (ELECTRON_SKIP_BINARY_DOWNLOAD), so the tests that launch it skip with a message
// saying so; the build itself, the security settings and the bundled worker are
// checked everywhere, and the renderer is covered by the browser tests (test/e2e).
import { beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { execFileSync, fork } from 'node:child_process';
import { tempHome, ROOT, cli, until } from '../../helpers.ts';
import { loadDigits } from '../../../main/data/digits.ts';
import { saveImageSet } from '../../../main/common/imageset.ts';
import { resolveConfig } from '../../../main/common/config.ts';
import { GPU_SCHEME, GPU_WINDOW_CSP, GPU_WINDOW_PREFERENCES, WEB_PREFERENCES, electronCsp } from '../../../main/electron/security.ts';
import type { FromWorker } from '../../../main/common/protocol.ts';

const require = createRequire(import.meta.url);
function electronBinary(): string | null {
  try {
    const p = require('electron') as unknown;
    return typeof p === 'string' && fs.existsSync(p) ? p : null;
  } catch {
    return null;
  }
}
const binary = electronBinary();
const OUT = path.join(ROOT, 'out');

beforeAll(() => {
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build', '-c', 'electron.config.ts'], { cwd: ROOT, stdio: 'pipe' });
}, 180_000);

describe('desktop build (no Electron binary needed)', () => {
  it('builds main, a CommonJS preload and the renderer', () => {
    expect(fs.existsSync(path.join(OUT, 'main/electron.js'))).toBe(true);
    expect(fs.existsSync(path.join(OUT, 'main/worker.js'))).toBe(true);
    expect(fs.existsSync(path.join(OUT, 'renderer/index.html'))).toBe(true);
    const preload = fs.readFileSync(path.join(OUT, 'preload/preload.cjs'), 'utf8');
    // A sandboxed preload must be CommonJS and may only reach 'electron'.
    expect(preload).toMatch(/require\("electron"\)/);
    expect(preload).not.toMatch(/^import /m);
    expect(preload).toMatch(/exposeInMainWorld\("lab"/);
  });

  it('keeps the security rules in the window settings and the CSP', () => {
    expect(WEB_PREFERENCES).toEqual({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
    });
    const directives = (devUrl?: string) => Object.fromEntries(electronCsp(devUrl).split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    const app = directives();
    // no remote content, no inline script; thumbnails through the app's own lab-thumb: scheme
    expect(app['default-src']).toEqual(["'self'"]);
    expect(app['script-src']).toEqual(["'self'"]);
    expect(app['object-src']).toEqual(["'none'"]);
    expect(app['connect-src']).toEqual(["'self'"]);
    expect(app['img-src']).toEqual(["'self'", 'lab-thumb:', 'data:', 'blob:']);
    // under electron-vite dev, only the dev server's websocket is added
    const dev = directives('http://localhost:5173');
    expect(dev['connect-src']).toEqual(["'self'", 'ws:']);
    expect(dev['script-src']).toEqual(["'self'"]);
    // the handlers are wired in the built main process
    const main = fs.readFileSync(path.join(OUT, 'main/electron.js'), 'utf8');
    expect(main).toMatch(/Content-Security-Policy/);
    expect(main).toMatch(/setWindowOpenHandler/);
    expect(main).toMatch(/will-navigate/);
    // The renderer bundle never touches Node or the filesystem.
    const assets = fs.readdirSync(path.join(OUT, 'renderer/assets')).filter((f) => f.endsWith('.js'));
    for (const f of assets) expect(fs.readFileSync(path.join(OUT, 'renderer/assets', f), 'utf8')).not.toMatch(/require\("(fs|child_process|better-sqlite3)"\)/);
  });

  it('keeps the hidden GPU window as strict as the main window, in a session and under a CSP of its own', () => {
    // every rule of the main window, with the same value
    for (const [k, v] of Object.entries(WEB_PREFERENCES)) expect(GPU_WINDOW_PREFERENCES[k as keyof typeof GPU_WINDOW_PREFERENCES], k).toBe(v);
    // and only these besides: its own session, and no throttling of a window that is never shown
    expect(Object.keys(GPU_WINDOW_PREFERENCES).filter((k) => !(k in WEB_PREFERENCES)).sort()).toEqual(['backgroundThrottling', 'partition']);
    expect(GPU_WINDOW_PREFERENCES.partition).not.toMatch(/^persist:/);
    const csp = Object.fromEntries(GPU_WINDOW_CSP.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    expect(csp['default-src']).toEqual(["'none'"]);
    expect(csp['script-src']).toEqual(["'self'"]);
    expect(csp['worker-src']).toEqual(["'self'"]);
    expect(csp['connect-src']).toEqual(["'none'"]);
    expect(csp['object-src']).toEqual(["'none'"]);
    expect(GPU_WINDOW_CSP).not.toMatch(/unsafe|\*|data:|blob:/);
    // the GPU window's preload is CommonJS, reaches only 'electron', and exposes nothing to the page
    const preload = fs.readFileSync(path.join(OUT, 'preload/gpu-preload.cjs'), 'utf8');
    expect(preload).toMatch(/require\("electron"\)/);
    expect(preload).not.toMatch(/exposeInMainWorld|contextBridge/);
    expect(preload).toMatch(/jepa-lab:worker-port/);
    // the main process registers the scheme, serves the window under its CSP, hardens it, and routes jobs (built code)
    const main = fs.readFileSync(path.join(OUT, 'main/electron.js'), 'utf8');
    expect(main).toContain(`"${GPU_SCHEME}"`);
    expect(main).toMatch(/enable-unsafe-webgpu/);
    expect(main).toMatch(/MessageChannelMain/);
    expect(main).toMatch(/setPermissionRequestHandler\(\(_wc, _perm, cb\) => cb\(false\)\)[\s\S]*setPermissionRequestHandler/);
  });

  it('the bundled worker runs a job (here under Node fork; in the app under utilityProcess)', async () => {
    const dir = tempHome('eworker');
    saveImageSet(dir, { ...loadDigits(), name: 'digits' });
    const child = fork(path.join(OUT, 'main/worker.js'), [], { env: { ...process.env, JEPA_LAB_WORKER: '1' }, serialization: 'advanced', cwd: ROOT });
    const msgs: FromWorker[] = [];
    child.on('message', (m) => msgs.push(m as FromWorker));
    child.send({ type: 'start', job: { kind: 'features', config: resolveConfig('tiny'), datasetDir: dir, indices: [0, 1, 2], backend: 'wasm' } });
    const code = await new Promise((r) => child.on('exit', r));
    expect(code).toBe(0);
    const f = msgs.find((m) => m.type === 'features') as Extract<FromWorker, { type: 'features' }>;
    expect(f.indices).toEqual([0, 1, 2]);
    expect(f.data.length).toBe(3 * 16);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe.skipIf(!binary)('Electron app (needs the Electron binary)', () => {
  it('opens its window, shows a run started from the CLI, and trains a tiny run from the UI', async () => {
    const { _electron } = await import('playwright-core');
    const home = tempHome('electron');
    const r = cli(['train', '--preset', 'tiny', '--steps', '5', '--name', 'from-cli'], { home });
    expect(r.code).toBe(0);
    const app = await _electron.launch({ args: [path.join(OUT, 'main/electron.js')], executablePath: binary!, env: { ...process.env, JEPA_LAB_HOME: home } });
    const win = await app.firstWindow();
    await win.getByText('from-cli').waitFor({ timeout: 30_000 });
    expect(await win.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
    await win.getByRole('button', { name: /new run|launch/i }).first().click();
    await win.getByRole('button', { name: /^(start|launch|train)/i }).first().click();
    await until(async () => (await win.getByText(/running|completed/).count()) > 0, 60_000, 'a run from the UI');
    await app.close();
  });
});

if (!binary) console.warn('test/electron.test.ts: the Electron binary is not installed here (ELECTRON_SKIP_BINARY_DOWNLOAD=1: it cannot be downloaded on this machine), so the tests that launch the app are skipped; the build, its security settings and the bundled worker are still tested, and test/e2e covers the renderer in Chromium.');
