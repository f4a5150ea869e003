// The desktop app's GPU worker code (worker/browser/, the bundle its hidden
// window runs in a dedicated worker) in Debian's Chromium with WebGPU on
// SwiftShader, driven by a real lab through the run manager's WorkerHandle
// interface and the typed protocol, as the app drives it: the lab sends the job
// and its files over a MessagePort, the worker trains and asks the lab to write
// its checkpoints. Only the carrier differs from the app: Electron passes the
// MessagePort to the window's preload; here Playwright relays the port's
// messages (the Electron binary cannot be downloaded on this machine).
//
// Tolerance: the 20 steps' losses within 1e-5 relative of the cpu backend's (under Node).
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { Lab } from '../../main/lab/lab.ts';
import { forkWorker, setWorkerLauncher, type WorkerHandle } from '../../main/runs/worker-host.ts';
import { browserWorkerHandle, type PortLike } from '../../main/runs/browser-worker.ts';
import { runWorkerJob } from '../../main/runs/jobs.ts';
import type { BenchTrainResult, FromBrowserWorker, ToBrowserWorker } from '../../main/common/protocol.ts';
import { resolveConfig } from '../../main/common/config.ts';
import { CHROMIUM, ROOT } from './helpers.ts';

const OUT = path.join(ROOT, 'out', 'gpu-worker');
/** Chromium's WebGPU on its bundled SwiftShader (Vulkan on the CPU); --enable-unsafe-webgpu is what Linux needs for WebGPU at all. */
export const WEBGPU_FLAGS = ['--enable-unsafe-webgpu', '--use-webgpu-adapter=swiftshader'];

let browser: Browser;
let server: http.Server;
let base = '';
let home = '';

beforeAll(async () => {
  // the GPU window's bundle, as `npm run build:gpu-worker` makes it for the app
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '-c', 'worker/browser/vite.config.ts'], { cwd: ROOT, stdio: 'pipe' });
  server = http.createServer((req, res) => {
    const file = path.join(OUT, path.normalize(decodeURIComponent(new URL(req.url!, 'http://x').pathname)).replace(/^([/\\])+/, ''));
    if (!file.startsWith(OUT) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': file.endsWith('.html') ? 'text/html' : 'text/javascript' }).end(fs.readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  if (!fs.existsSync(CHROMIUM)) throw new Error(`no chromium at ${CHROMIUM}: install it (apt-get install -y chromium) or set CHROMIUM_PATH`);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless=new', '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run', ...WEBGPU_FLAGS] });
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'jepa-gpu-window-'));
}, 300_000);

afterAll(async () => {
  setWorkerLauncher(forkWorker);
  await browser?.close();
  server?.close();
  if (home) fs.rmSync(home, { recursive: true, force: true });
});

/**
 * A GPU worker in a new page of the GPU window's bundle, behind a WorkerHandle.
 * The page makes a MessageChannel, gives one end to the page's worker as the
 * app's preload does, and Playwright relays the other end's messages.
 */
function pageWorker(): WorkerHandle {
  let toPage: ((m: ToBrowserWorker) => void) | null = null;
  const queued: ToBrowserWorker[] = [];
  let fromPage: (m: FromBrowserWorker) => void = () => {};
  const port: PortLike = {
    postMessage: (m) => (toPage ? toPage(m) : queued.push(m)),
    onMessage: (fn) => (fromPage = fn),
  };
  const opened = browser.newPage();
  const handle = browserWorkerHandle(port, () => void opened.then((p) => p.close()).catch(() => {}));
  void (async () => {
    const page = await opened;
    page.on('pageerror', (e) => fromPage({ type: 'error', message: `page error: ${e.message}` }));
    await page.exposeFunction('jepaLabToHost', (m: FromBrowserWorker) => fromPage(m));
    await page.goto(`${base}/gpu-worker.html`);
    await page.evaluate(() => {
      const ch = new MessageChannel();
      const w = window as unknown as { jepaLabToHost: (m: unknown) => void; jepaLabToPage: (m: unknown) => void };
      ch.port1.onmessage = (e) => w.jepaLabToHost(e.data);
      w.jepaLabToPage = (m) => ch.port1.postMessage(m);
      window.postMessage('jepa-lab:worker-port', '*', [ch.port2]);
    });
    toPage = (m) => void page.evaluate((msg) => (window as unknown as { jepaLabToPage: (m: unknown) => void }).jepaLabToPage(msg), m as unknown).catch(() => {});
    for (const m of queued.splice(0)) toPage(m);
  })().catch((e: unknown) => fromPage({ type: 'error', message: String(e) }));
  return handle;
}

const tiny = (backend: 'webgpu' | 'cpu' | 'auto') => ({
  preset: 'tiny',
  steps: 20,
  seed: 0,
  backend,
  config: { logging: { log_every: 1, eval_every: 10, checkpoint_every: 10 }, regularization: { vicreg_weight: 0.05, vicreg_cov_weight: 0.01 } },
});

describe("the GPU window's worker in Chromium (WebGPU on SwiftShader)", () => {
  it('trains 20 steps through the lab whose losses match the cpu backend under Node; its probes run and its checkpoints land on disk', async () => {
    const lab = Lab.open(home);
    try {
      setWorkerLauncher(forkWorker);
      const ref = await lab.train({ ...tiny('cpu'), name: 'cpu' });
      expect((await lab.wait(ref.id)).status).toBe('completed');
      const refLoss = lab.store.metrics(ref.id, { names: ['loss'] }).loss;

      setWorkerLauncher(pageWorker);
      const run = await lab.train({ ...tiny('webgpu'), name: 'gpu-window' });
      const done = await lab.wait(run.id);
      expect(done.status, lab.events(run.id).map((e) => e.message).join('\n')).toBe('completed');
      expect(done.backend).toMatch(/^webgpu .*SwiftShader/i);
      const loss = lab.store.metrics(run.id, { names: ['loss'] }).loss;
      expect(loss.step).toEqual(refLoss.step);
      let worst = 0;
      loss.value.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - refLoss.value[i]) / Math.abs(refLoss.value[i]))));
      console.log(`GPU window worker (Chromium, SwiftShader) vs cpu backend (Node), 20 steps: worst relative loss difference ${worst.toExponential(2)}`);
      expect(worst).toBeLessThan(1e-5);
      // the probe ran in the browser too, and the checkpoints were written by the lab side
      expect(lab.store.metrics(run.id, { names: ['rankme'] }).rankme.step).toEqual([0, 10, 20]);
      const cks = lab.store.checkpoints(run.id);
      expect(cks.map((c) => c.step)).toEqual([10, 20]);
      for (const c of cks) expect(fs.existsSync(path.join(c.path, 'encoder.safetensors'))).toBe(true);
    } finally {
      lab.close();
    }
  });

  it("auto never picks the software adapter: in the window it falls back and says why", async () => {
    setWorkerLauncher(pageWorker);
    const r = (await runWorkerJob({ kind: 'bench', mode: 'train', config: resolveConfig('tiny'), steps: 1, backend: 'auto' })) as BenchTrainResult;
    expect(r.backend).not.toMatch(/^webgpu/);
    expect(r.skipped[0].package).toBe('@tensorflow/tfjs-backend-webgpu');
    expect(r.skipped[0].reason).toMatch(/software adapter \(SwiftShader/);
    expect(r.skipped.find((s) => s.package === '@tensorflow/tfjs-node')?.reason).toMatch(/not available in a browser worker/);
    const forced = (await runWorkerJob({ kind: 'bench', mode: 'train', config: resolveConfig('tiny'), steps: 2, backend: 'webgpu' })) as BenchTrainResult;
    expect(forced.adapter?.software).toBe('SwiftShader');
    expect(forced.adapter?.via).toBe('browser');
    expect(forced.ms_per_step).toBeGreaterThan(0);
  });

  it('refuses a write outside the job’s checkpoint folder', async () => {
    const { applyFsOp } = await import('../../main/runs/browser-worker.ts');
    const root = path.join(home, 'runs', '1', 'checkpoints');
    expect(() => applyFsOp({ type: 'fs', op: 'write', path: path.join(home, 'lab.db'), data: new Uint8Array(1) }, root)).toThrow(/refused/);
    expect(() => applyFsOp({ type: 'fs', op: 'write', path: `${root}/../../../x`, data: new Uint8Array(1) }, root)).toThrow(/refused/);
    expect(() => applyFsOp({ type: 'fs', op: 'mkdir', path: path.join(root, 'x') }, null)).toThrow(/refused/);
  });
});
