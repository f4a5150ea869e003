import { parentPort } from 'node:worker_threads';
const t0 = performance.now();
const { initBackend } = await import('/work/main/worker/backend.ts');
const b = await initBackend('wasm');
const x: number = 1;
parentPort!.postMessage({ ok: true, backend: b.name, ms: performance.now() - t0 });
