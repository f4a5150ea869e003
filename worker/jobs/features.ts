// Embed images: average-pooled target-encoder features of some images of a
// dataset, under a checkpoint (or the random init), sent back in chunks.
// Only the target encoder is built and loaded (features need nothing else),
// and images go through it a few at a time (featureBatch), so a big model
// needs its target weights plus one batch.
import { loadImageSet } from '../../main/common/imageset.ts';
import type { FeaturesJob } from '../../main/common/protocol.ts';
import { describeBackend, initBackend } from '../backend/backend.ts';
import { tick, type Channel, type Control } from '../channel.ts';
import { checkpointInputNorm, loadTargetEncoder } from '../checkpoint/checkpoint.ts';
import { resizeBatch } from '../data/augment.ts';
import { featureBatch, poolEncoderFeaturesAsync, WASM_TRANSIENT_WEIGHTS_BYTES } from '../model/forward.ts';

const CHUNK = 256;

export async function run(job: FeaturesJob, ch: Channel, control: Control): Promise<void> {
  const backend = await initBackend(job.backend);
  ch.send({ type: 'ready', backend: describeBackend(backend) });
  const data = loadImageSet(job.datasetDir);
  const enc = loadTargetEncoder(job.config, job.checkpoint);
  const weightBytes = enc.params.reduce((a, p) => a + 4 * p.v.size, 0);
  // XNNPACK keeps packed copies of the weights it multiplies; the BLAS addon does not
  const transient = backend.name === 'wasm' && !backend.blas && weightBytes > WASM_TRANSIENT_WEIGHTS_BYTES;
  const norm = checkpointInputNorm(job.checkpoint);
  const { crop_size: S, channels: C } = job.config.data;
  // a message per forward pass for big models: progress (and its ETA) moves with the work
  const batch = featureBatch(job.config, CHUNK);
  try {
    for (let i = 0; i < job.indices.length && !control.stop; i += batch) {
      const idx = job.indices.slice(i, i + batch);
      const f = await poolEncoderFeaturesAsync(enc, job.config, resizeBatch(data, idx, S, C, norm), idx.length, batch, transient);
      ch.send({ type: 'features', indices: idx, dim: f.length / idx.length, data: f, done: i + idx.length, total: job.indices.length });
      await tick();
    }
  } finally {
    enc.dispose();
  }
  ch.send({ type: 'done', status: control.stop ? 'stopped' : 'completed', step: 0, finalLoss: null });
}
