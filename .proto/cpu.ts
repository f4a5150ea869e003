import { initBackend } from '../worker/backend.ts';
import { resolveConfig } from '../worker/config.ts';
import { syntheticShapes } from '../worker/data.ts';
import { Trainer } from '../worker/train.ts';
await initBackend('cpu');
const data = syntheticShapes({ count: 64, size: 16, channels: 1, seed: 7 });
const out = [];
for (const w of [1, 2]) {
  const t = await Trainer.create({ config: resolveConfig('tiny', { optimization: { workers: w } }), data });
  const l = []; for (let i = 0; i < 3; i++) l.push(t.trainStep().loss);
  out.push({ w: t.workers, l, counts: t.tensorCounts() });
  await t.dispose();
}
console.log(JSON.stringify(out));
