// One matMul at a time on the wasm backend, with the BLAS kernels (worker/backend/blas-kernels.ts)
// and without (tfjs-backend-wasm's own), alternating in one process: the shapes of the
// docs/bench/issue7-step.json step. Prints the median ms of each and the speed-up.
//
//   npx tsx docs/bench/matmuls.ts [--reps 4] [--calls 5]
//
// OPENBLAS_NUM_THREADS=1 caps the BLAS at one thread (as each of two gradient threads has it).
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { describeBackend, initBackend } from '../../worker/backend/backend.ts';
import { blasKernelsActive, useBlasKernels } from '../../worker/backend/blas-kernels.ts';

const { values } = parseArgs({ options: { reps: { type: 'string', default: '4' }, calls: { type: 'string', default: '5' } } });
const reps = Number(values.reps);
const calls = Number(values.calls);
const info = await initBackend('wasm');
console.log(describeBackend(info));
if (!blasKernelsActive()) {
  console.error(`the BLAS kernels are not active here (${info.blasSkipped}): nothing to compare`);
  process.exit(1);
}

// [name, a shape, b shape, transposeA, transposeB, fused bias]
const cases: [string, number[], number[], boolean, boolean, boolean][] = [
  ['qkv forward x·W + b (target encoder)', [3136, 192], [192, 576], false, false, true],
  ['fc1 forward x·W + b', [1600, 192], [192, 768], false, false, true],
  ['fc2 forward x·W + b', [1600, 768], [768, 192], false, false, true],
  ['dx = dy·Wᵀ (fc1)', [1600, 768], [192, 768], false, true, false],
  ['dW = xᵀ·dy (fc1)', [1600, 192], [1600, 768], true, false, false],
  ['attention q·kᵀ, 192 heads of 49×64', [192, 49, 64], [192, 49, 64], false, true, false],
  ['attention a·v, 192 heads', [192, 49, 49], [192, 49, 64], false, false, false],
];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const [name, sa, sb, ta, tb, fused] of cases) {
  const a = tf.randomNormal(sa);
  const b = tf.randomNormal(sb);
  const bias = tf.randomNormal([tb ? sb[sb.length - 2] : sb[sb.length - 1]]);
  const op = () => (fused ? tf.fused.matMul({ a: a as tf.Tensor2D, b: b as tf.Tensor2D, transposeA: ta, transposeB: tb, bias }) : tf.matMul(a, b, ta, tb));
  const ms: Record<'wasm' | 'blas', number[]> = { wasm: [], blas: [] };
  for (let r = 0; r < reps; r++)
    for (const on of [false, true]) {
      useBlasKernels(on);
      op().dispose(); // warm
      const t = performance.now();
      for (let i = 0; i < calls; i++) op().dispose();
      ms[on ? 'blas' : 'wasm'].push((performance.now() - t) / calls);
    }
  const [w, bl] = [median(ms.wasm), median(ms.blas)];
  console.log(`${name.padEnd(40)} [${sa}]·[${sb}]${ta ? ' tA' : ''}${tb ? ' tB' : ''}: wasm ${w.toFixed(1)} ms, BLAS ${bl.toFixed(1)} ms (${(w / bl).toFixed(1)}×)`);
  tf.dispose([a, b, bias]);
}
