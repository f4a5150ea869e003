// The mask view's heatmap: per-patch prediction error of a checkpoint over
// target blocks drawn by the training sampler (maskRng(seed, 0), as the view draws them).
import fs from 'node:fs';
import path from 'node:path';
import { gridSize } from '../../main/common/config.ts';
import { loadImageSet } from '../../main/common/imageset.ts';
import { maskRng, sampleMasks } from '../../main/common/masks.ts';
import type { MaskErrorJob } from '../../main/common/protocol.ts';
import { describeBackend, initBackend } from '../backend/backend.ts';
import type { Channel } from '../channel.ts';
import { checkpointInputNorm, loadJepa } from '../checkpoint/checkpoint.ts';
import { resizeBatch } from '../data/augment.ts';
import { predictionErrorAsync, stepModel } from '../model/forward.ts';
import { disposeJepa } from '../model/model.ts';

/** wasm's heap cap (docs/tfjs-notes.md). */
const WASM_HEAP_BYTES = 4 * 2 ** 30;

export async function run(job: MaskErrorJob, ch: Channel): Promise<void> {
  const backend = await initBackend(job.backend);
  ch.send({ type: 'ready', backend: describeBackend(backend) });
  if (backend.name === 'wasm') {
    // the whole model is built here, and XNNPACK keeps a packed copy of every weight matrix: about twice the weights
    const bytes = ['encoder', 'target_encoder', 'predictor'].reduce((a, f) => a + fs.statSync(path.join(job.checkpoint, `${f}.safetensors`)).size, 0);
    if (2 * bytes > 0.9 * WASM_HEAP_BYTES)
      throw new Error(
        `the prediction-error view builds the whole model (encoder, target encoder and predictor: ${(bytes / 2 ** 30).toFixed(1)} GiB of weights), ` +
          `which the wasm backend holds about twice over, beyond its 4 GiB heap; install @tensorflow/tfjs-node (the 'tensorflow' backend, which auto picks) to view this run's prediction errors (embeddings, neighbours, the map and eval work on wasm)`,
      );
  }
  const data = loadImageSet(job.datasetDir);
  const model = loadJepa(job.config, job.checkpoint);
  const grid = gridSize(job.config);
  const masks = sampleMasks(job.config.mask, grid, job.indices.length, maskRng(job.maskSeed, 0));
  const x = resizeBatch(data, job.indices, job.config.data.crop_size, job.config.data.channels, checkpointInputNorm(job.checkpoint));
  const errors = await predictionErrorAsync(stepModel(job.config, model), x, masks);
  disposeJepa(model);
  ch.send({ type: 'result', value: { grid, errors, context: masks.context, targets: masks.targets } });
  ch.send({ type: 'done', status: 'completed', step: 0, finalLoss: null });
}
