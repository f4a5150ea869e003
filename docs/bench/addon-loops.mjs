// The BLAS addon's loops on their own (docs/bench/blas.md, "Vector loops and fused attention"):
// a fused matMul with and without its bias (the bias loop's share of the call), AdamW and the
// EMA over a parameter-sized array, one thread. Usage, from the repository root:
//   node docs/bench/addon-loops.mjs [values]        (default 250,000: about cpu-small's parameters)
// BLAS_NODE=path/to/blas.node times another build (an older one has no adamw/ema: those lines are skipped).
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const addon = createRequire(import.meta.url)(process.env.BLAS_NODE ? path.resolve(process.env.BLAS_NODE) : path.join(root, 'main', 'common', 'blas', 'build', 'Release', 'blas.node'));
addon.setThreads(1);

const time = (f, reps) => {
  for (let i = 0; i < Math.max(3, reps / 10); i++) f();
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) f();
  return ((performance.now() - t0) / reps) * 1000; // µs a call
};

const heap = new Float32Array((64 << 20) >> 2);
for (let i = 0; i < heap.length; i += 7) heap[i] = Math.random() - 0.5;
for (const [m, n, k] of [[1024, 288, 96], [1024, 96, 96], [2560, 96, 32]]) {
  const bOff = 4 * (m * k + 64);
  const cOff = bOff + 4 * (k * n + 64);
  const biasOff = cOff + 4 * (m * n + 64);
  const gemm = (bias) => () => addon.sgemm(heap, 0, 0, m, n, k, 1, 0, 0, bOff, 0, cOff, bias ? biasOff : -1, bias ? n : 0, 0, 0);
  const plain = time(gemm(false), 300);
  const withBias = time(gemm(true), 300);
  console.log(`sgemm [${m}×${k}]·[${k}×${n}]: ${plain.toFixed(1)} µs, with a bias per column ${withBias.toFixed(1)} µs (${((2 * m * n * k) / withBias / 1e3).toFixed(1)} GFLOP/s)`);
}

if (!addon.adamw) process.exit(0);
const n = Number(process.argv[2]) || 250_000;
const values = () => Float32Array.from({ length: n }, () => Math.random() - 0.5);
const [x, g, m] = [values(), values(), values()];
const v = values().map(Math.abs);
const out = new Float32Array(n);
console.log(`adamw over ${n} values: ${(time(() => addon.adamw(x, g, m, v, out, 0.9, 0.999, 0.99, 1e-3, 0.5, 1e-8), 100) / 1000).toFixed(3)} ms`);
console.log(`ema over ${n} values: ${(time(() => addon.ema(x, g, out, 0.99, 0.01), 100) / 1000).toFixed(3)} ms`);
