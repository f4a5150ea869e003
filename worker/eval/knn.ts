// kNN accuracy, DINO style: cosine similarity, top-k, each neighbour votes for
// its class with weight exp(sim / T). The lab's protocol constants (k, T) are
// KNN in main/common/vocabulary.ts.
import { ExactIndex } from '../../main/common/search.ts';
import { KNN } from '../../main/common/vocabulary.ts';
import { accuracyOf, argmax, checkLabels, rowsOf } from './rows.ts';


/**
 * DINO-style weighted kNN classifier. For each test row: the k train rows of
 * highest cosine similarity (ties → lower train index), each voting for its
 * label with weight exp(sim / temperature); the prediction is the class with
 * the largest total vote (ties → lower class index). The weights are
 * computed as exp((sim - maxSim) / T), the same argmax without overflow.
 */
export function knnPredict(
  train: Float32Array,
  trainLabels: ArrayLike<number>,
  test: Float32Array,
  d: number,
  numClasses: number,
  k: number = KNN.k,
  temperature: number = KNN.temperature,
): Int32Array {
  const nTrain = rowsOf(train, d, 'knnPredict train');
  const nTest = rowsOf(test, d, 'knnPredict test');
  checkLabels(trainLabels, nTrain, numClasses, 'knnPredict');
  if (!(temperature > 0)) throw new Error(`knnPredict: temperature must be > 0, got ${temperature}`);
  const out = new Int32Array(nTest);
  if (nTrain === 0 || nTest === 0) return out;
  const index = new ExactIndex(train, nTrain, d);
  const votes = new Float64Array(numClasses);
  const kk = Math.max(1, Math.floor(k));
  for (let t = 0; t < nTest; t++) {
    const { indices, scores } = index.search(test.subarray(t * d, (t + 1) * d), kk);
    votes.fill(0);
    const top = scores[0];
    for (let i = 0; i < indices.length; i++) {
      votes[trainLabels[indices[i]]] += Math.exp((scores[i] - top) / temperature);
    }
    out[t] = argmax(votes, numClasses);
  }
  return out;
}

/**
 * Fraction of test rows whose kNN prediction equals their label, in [0, 1]
 * (NaN with no test rows). Argument order as linearProbe.
 */
export function knnAccuracy(
  train: Float32Array,
  trainLabels: ArrayLike<number>,
  test: Float32Array,
  testLabels: ArrayLike<number>,
  d: number,
  numClasses: number,
  k?: number,
  temperature?: number,
): number {
  const pred = knnPredict(train, trainLabels, test, d, numClasses, k ?? KNN.k, temperature ?? KNN.temperature);
  checkLabels(testLabels, pred.length, numClasses, 'knnAccuracy');
  return accuracyOf(pred, testLabels);
}
