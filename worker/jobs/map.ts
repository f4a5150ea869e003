// The embedding map's 2-D layout: PCA of the stored embeddings, off the lab's thread. No TensorFlow.js.
import type { MapJob } from '../../main/common/protocol.ts';
import type { Channel } from '../channel.ts';
import { pca2dExplained } from '../eval/spectrum.ts';

export async function run(job: MapJob, ch: Channel): Promise<void> {
  const { xy, explained } = pca2dExplained(job.vectors, job.n, job.dim);
  ch.send({ type: 'result', value: { pca: xy, explained } });
  ch.send({ type: 'done', status: 'completed', step: 0, finalLoss: null });
}
