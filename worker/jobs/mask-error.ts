// The mask view's heatmap: per-patch prediction error of a checkpoint over
// target blocks drawn by the training sampler (maskRng(seed, 0), as the view draws them).
import { gridSize } from '../../main/common/config.ts';
import { loadImageSet } from '../../main/common/imageset.ts';
import { maskRng, sampleMasks } from '../../main/common/masks.ts';
import type { MaskErrorJob } from '../../main/common/protocol.ts';
import { describeBackend, initBackend } from '../backend/backend.ts';
import type { Channel } from '../channel.ts';
import { checkpointInputNorm, loadJepa } from '../checkpoint/checkpoint.ts';
import { resizeBatch } from '../data/augment.ts';
import { predictionError, stepModel } from '../model/forward.ts';
import { disposeJepa } from '../model/model.ts';

export async function run(job: MaskErrorJob, ch: Channel): Promise<void> {
  ch.send({ type: 'ready', backend: describeBackend(await initBackend(job.backend)) });
  const data = loadImageSet(job.datasetDir);
  const model = loadJepa(job.config, job.checkpoint);
  const grid = gridSize(job.config);
  const masks = sampleMasks(job.config.mask, grid, job.indices.length, maskRng(job.maskSeed, 0));
  const x = resizeBatch(data, job.indices, job.config.data.crop_size, job.config.data.channels, checkpointInputNorm(job.checkpoint));
  const errors = predictionError(stepModel(job.config, model), x, masks);
  disposeJepa(model);
  ch.send({ type: 'result', value: { grid, errors, context: masks.context, targets: masks.targets } });
  ch.send({ type: 'done', status: 'completed', step: 0, finalLoss: null });
}
