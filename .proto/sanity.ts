import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../worker/backend.ts';
import { resolveConfig } from '../worker/config.ts';
import { syntheticShapes } from '../worker/data.ts';
import { Trainer } from '../worker/train.ts';
await initBackend('wasm');
const data = syntheticShapes({ count: 160, size: 16, channels: 1, seed: 7 });
const variants: Record<string, object> = {
  plain: {},
  reg: { regularization: { vicreg_weight: 1, vicreg_cov_weight: 0.04, sigreg_weight: 0.1 } },
  micro: { optimization: { micro_batch: 3 }, regularization: { vicreg_weight: 1, vicreg_cov_weight: 0.04 } },
};
for (const [name, over] of Object.entries(variants)) {
  const runs = [];
  for (const w of [1, 2]) {
    const t0 = performance.now();
    const t = await Trainer.create({ config: resolveConfig('tiny', over, { optimization: { workers: w, steps: 8 } }), data });
    const ch = t.startWorkers();
    const t1 = performance.now();
    const losses = []; const regs = [];
    let counts: number[] = [];
    while (t.step < 8) { const r = t.trainStep(); losses.push(r.loss); regs.push(r.reg); if (r.step === 1) counts = t.tensorCounts(); }
    const countsEnd = t.tensorCounts();
    const params = [...t.model.encoder.params, ...t.model.predictor.params, ...t.model.target.params].map((p) => p.v.dataSync().slice());
    const ms = performance.now() - t1;
    await t.dispose();
    runs.push({ losses, regs, params, counts, countsEnd, ch, start: t1 - t0, ms });
  }
  const [a, b] = runs;
  let maxRel = 0;
  a.losses.forEach((l, i) => (maxRel = Math.max(maxRel, Math.abs(l - b.losses[i]) / Math.abs(l))));
  let maxP = 0;
  a.params.forEach((p, i) => p.forEach((v, j) => (maxP = Math.max(maxP, Math.abs(v - b.params[i][j])))));
  console.log(name, b.ch, 'loss maxRel', maxRel.toExponential(2), 'param maxAbs', maxP.toExponential(2), 'counts', a.counts, a.countsEnd, b.counts, b.countsEnd, 'start', b.start.toFixed(0), 'ms', a.ms.toFixed(0), b.ms.toFixed(0));
  console.log('  regs', JSON.stringify(a.regs[7]), JSON.stringify(b.regs[7]));
}
console.log('tensors at end', tf.memory().numTensors);
