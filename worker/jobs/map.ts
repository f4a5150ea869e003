// The embedding map's 2-D layout: PCA of the stored embeddings, off the lab's thread. No TensorFlow.js.
import type { MapJob } from '../../main/common/protocol.ts';
import type { Channel } from '../channel.ts';
import { pca2d } from '../eval/spectrum.ts';

export async function run(job: MapJob, ch: Channel): Promise<void> {
  ch.send({ type: 'result', value: { pca: pca2d(job.vectors, job.n, job.dim) } });
  ch.send({ type: 'done', status: 'completed', step: 0, finalLoss: null });
}
