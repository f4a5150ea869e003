import { Worker } from 'node:worker_threads';
const t0 = performance.now();
const w = new Worker('/work/main/.proto/boot.mjs', { workerData: { entry: '/work/main/.proto/inner.ts' } });
w.on('message', (m) => { console.log(m, 'total', performance.now() - t0); w.terminate(); });
w.on('error', (e) => console.error('err', e));
