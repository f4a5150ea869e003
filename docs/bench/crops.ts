// Time of one step's training crops on the main thread (docs/bench/README.md, "The same step at
// batch 128"): randomResizedCrop of the cpu-small preset's batch, synthetic images of its size.
// Usage, from the repository root:
//   npx tsx docs/bench/crops.ts [preset] [rounds]   (default: cpu-small 5)
import { resolveConfig } from '../../main/common/config.ts';
import { Rng, Stream } from '../../main/common/rng.ts';
import { randomResizedCrop } from '../../worker/data/augment.ts';
import { syntheticShapes } from '../../worker/data/synthetic.ts';

const cfg = resolveConfig(process.argv[2] ?? 'cpu-small');
const rounds = Number(process.argv[3] ?? 5);
const { batch_size: B, crop_size: S, channels: C, crop_scale, rotation } = cfg.data;
const set = syntheticShapes({ count: 2048, size: S, channels: C, seed: 3 });
const batches = 200;
for (let r = 0; r < rounds; r++) {
  const t = performance.now();
  for (let s = 0; s < batches; s++) {
    const idx = Array.from({ length: B }, (_, i) => (s * B + i) % set.count);
    randomResizedCrop(set, idx, S, C, crop_scale, new Rng(0, Stream.crop, s), rotation);
  }
  console.log(`${((performance.now() - t) / batches).toFixed(2)} ms per batch of ${B} crops (${S}×${S}×${C})`);
}
