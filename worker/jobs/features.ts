// Embed images: average-pooled target-encoder features of some images of a
// dataset, under a checkpoint (or the random init), sent back in chunks.
import { loadImageSet } from '../../main/common/imageset.ts';
import type { FeaturesJob } from '../../main/common/protocol.ts';
import { describeBackend, initBackend } from '../backend/backend.ts';
import { tick, type Channel, type Control } from '../channel.ts';
import { loadJepa } from '../checkpoint/checkpoint.ts';
import { resizeBatch } from '../data/augment.ts';
import { poolFeaturesAsync, stepModel } from '../model/forward.ts';
import { disposeJepa } from '../model/model.ts';

const CHUNK = 256;

export async function run(job: FeaturesJob, ch: Channel, control: Control): Promise<void> {
  ch.send({ type: 'ready', backend: describeBackend(await initBackend(job.backend)) });
  const data = loadImageSet(job.datasetDir);
  const model = loadJepa(job.config, job.checkpoint);
  const s = stepModel(job.config, model);
  const { crop_size: S, channels: C } = job.config.data;
  for (let i = 0; i < job.indices.length && !control.stop; i += CHUNK) {
    const idx = job.indices.slice(i, i + CHUNK);
    const f = await poolFeaturesAsync(s, resizeBatch(data, idx, S, C), idx.length);
    ch.send({ type: 'features', indices: idx, dim: f.length / idx.length, data: f, done: i + idx.length, total: job.indices.length });
    await tick();
  }
  disposeJepa(model);
  ch.send({ type: 'done', status: control.stop ? 'stopped' : 'completed', step: 0, finalLoss: null });
}
