// `eval`'s probes, off the lab's thread: kNN and a linear probe on the run's
// features, on a random-init encoder's, and on raw pixels (resized as the
// encoder sees them), each trained on the dataset's train split and scored on
// its held-out split; RankMe and feature std of both encoders. No TensorFlow.js.
import { heldOutIndices, loadImageSet, trainIndices } from '../../main/common/imageset.ts';
import type { EvaluateJob, ProbeScores, SplitFeatures } from '../../main/common/protocol.ts';
import { KNN } from '../../main/common/vocabulary.ts';
import type { Channel } from '../channel.ts';
import { resizeBatch } from '../data/augment.ts';
import { knnAccuracy } from '../eval/knn.ts';
import { linearProbe } from '../eval/linear-probe.ts';
import { featureStd, rankMe } from '../eval/spectrum.ts';

export async function run(job: EvaluateJob, ch: Channel): Promise<void> {
  const set = loadImageSet(job.datasetDir);
  if (!set.labels) throw new Error(`dataset ${job.datasetDir} has no labels; evaluation needs labels`);
  const labels = set.labels;
  const trainIdx = trainIndices(set);
  const testIdx = heldOutIndices(set);
  const classes = set.classes?.length ?? Math.max(...labels) + 1;
  const trainL = Array.from(trainIdx, (i) => labels[i]);
  const testL = Array.from(testIdx, (i) => labels[i]);
  const probe = (f: SplitFeatures): ProbeScores => ({
    knn_acc: knnAccuracy(f.train, trainL, f.test, testL, f.dim, classes, job.k, KNN.temperature),
    linear_acc: linearProbe(f.train, trainL, f.test, testL, f.dim, classes, { seed: 0 }).accuracy,
  });
  const spectrum = (f: SplitFeatures) => ({ rankme: rankMe(f.test, testIdx.length, f.dim), feature_std: featureStd(f.test, testIdx.length, f.dim) });
  const S = job.cropSize;
  const pixels: SplitFeatures = { train: resizeBatch(set, trainIdx, S, job.channels), test: resizeBatch(set, testIdx, S, job.channels), dim: S * S * job.channels };
  ch.send({
    type: 'result',
    value: {
      trained: { ...probe(job.trained), ...spectrum(job.trained) },
      pixels: { ...probe(pixels), dim: pixels.dim },
      random: { ...probe(job.random), ...spectrum(job.random) },
    },
  });
  ch.send({ type: 'done', status: 'completed', step: 0, finalLoss: null });
}
