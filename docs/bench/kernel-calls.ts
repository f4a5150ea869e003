// Kernel calls of one training step, by kernel (docs/bench/blas.md, "Vector loops and fused attention"):
// one gradient thread, synthetic images, tf.profile over five steps after three to warm up.
// Usage, from the repository root:
//   npx tsx docs/bench/kernel-calls.ts [auto|fused|matmul|conv] [preset]   (default: auto cpu-small)
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../worker/backend/backend.ts';
import { resolveConfig } from '../../main/common/config.ts';
import { setModelKernels } from '../../worker/model/model.ts';
import { syntheticShapes } from '../../worker/data/synthetic.ts';
import { Trainer } from '../../worker/train/trainer.ts';

async function main() {
  const attention = (process.argv[2] ?? 'auto') as 'auto' | 'fused' | 'matmul' | 'conv';
  await initBackend('wasm');
  setModelKernels({ attention });
  const cfg = resolveConfig(process.argv[3] ?? 'cpu-small', { optimization: { workers: 1, steps: 100, minutes: 0 } });
  const data = syntheticShapes({ count: 512, size: cfg.data.crop_size, channels: cfg.data.channels, seed: 3 });
  const t = await Trainer.create({ config: cfg, data });
  for (let i = 0; i < 3; i++) t.trainStep();
  const steps = 5;
  const info = await tf.profile(() => {
    for (let i = 0; i < steps; i++) t.trainStep();
  });
  const by = new Map<string, number>();
  for (const k of info.kernels) by.set(k.name, (by.get(k.name) ?? 0) + 1);
  console.log(`${attention} attention (${tf.getBackend()}): ${info.kernels.length / steps} kernel calls a step`);
  for (const [name, n] of [...by].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`  ${name.padEnd(24)} ${n / steps}`);
  await t.dispose();
}
void main();
