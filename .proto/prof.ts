import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../worker/backend.ts';
import { resolveConfig } from '../worker/config.ts';
import { syntheticShapes } from '../worker/data.ts';
import { Trainer } from '../worker/train.ts';
import { pooledFeatures, stepModel } from '../worker/step.ts';
import { patchify } from '../worker/model.ts';
await initBackend('wasm');
const over = JSON.parse(process.argv[2] ?? '{}');
const cfg = resolveConfig('cpu-small', over);
const data = syntheticShapes({ count: 256, size: 28, channels: 1, seed: 0 });
const steps = [1, 2, 3, 4, 5, 6, 7, 8];
const time = (f: () => void) => { const t = performance.now(); f(); return performance.now() - t; };
const sum = (a: number[]) => a.reduce((x, y) => x + y, 0);
for (const w of [1, 2]) {
  const t = await Trainer.create({ config: resolveConfig('cpu-small', over, { optimization: { workers: w } }), data });
  t.startWorkers();
  t.trainStep();
  const full: number[] = [], half: number[] = [], pooled: number[] = [], inputs: number[] = [], step: number[] = [];
  for (const s of steps) {
    const inp = t.stepInputs(s);
    inputs.push(time(() => t.stepInputs(s)));
    full.push(time(() => tf.dispose(t.gradients(s, undefined, inp).grads as tf.Tensor[])));
    if (w === 1) {
      const h = { x: inp.x.subarray(0, inp.x.length / 2), masks: { context: inp.masks.context.slice(0, 32), targets: inp.masks.targets.slice(0, 32) } };
      half.push(time(() => tf.dispose(t.gradients(s, undefined, h).grads as tf.Tensor[])));
      const sm = stepModel(t.config, t.model);
      const p = patchify(h.x, 32, 28, 1, 4);
      pooled.push(time(() => pooledFeatures(sm, p, h.masks)));
    }
  }
  for (const s of steps) { t.step = s; step.push(time(() => t.trainStep())); }
  console.log(`workers ${w}: gradients ${sum(full).toFixed(0)} ms over ${steps.length} steps; trainStep ${sum(step).toFixed(0)}; inputs ${sum(inputs).toFixed(0)}` + (w === 1 ? `; half-batch gradients ${sum(half).toFixed(0)}; half-batch pooled forward ${sum(pooled).toFixed(0)}` : ''));
  await t.dispose();
}
