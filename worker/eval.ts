// Evaluation of learned representations and the collapse diagnostics
// (DESIGN.md, "Watching for collapse"). Plain TypeScript on Float32Array:
// features are row-major [n, d] matrices, labels are integers in
// [0, numClasses). Nothing here touches tfjs.
//
// - kNN accuracy, DINO style: cosine similarity, top-k (k = 20), each
//   neighbour votes for its class with weight exp(sim / T) (T = 0.07).
// - Linear probe: multinomial logistic regression on frozen, standardised
//   features, trained with mini-batch AdamW and a cosine learning rate.
// - RankMe (Garrido et al. 2023): exp of the entropy of the normalised
//   singular values of the (uncentred) n×d feature matrix.
// - featureStd: the mean over dimensions of the per-dimension std.
// - collapseCheck: turns the two into a warning with human-readable reasons.
// - pca2d: projection on the top-2 principal components, for the embedding map.

import { Rng } from './rng.ts';
import { dot, ExactIndex } from './search.ts';

// ---------------------------------------------------------------------------
// helpers

function rowsOf(x: ArrayLike<number>, d: number, what: string): number {
  if (!Number.isInteger(d) || d < 1) throw new Error(`${what}: feature dimension must be a positive integer, got ${d}`);
  if (x.length % d !== 0) throw new Error(`${what}: ${x.length} values is not a whole number of ${d}-d rows`);
  return x.length / d;
}

function checkLabels(labels: ArrayLike<number>, n: number, numClasses: number, what: string): void {
  if (labels.length !== n) throw new Error(`${what}: ${labels.length} labels for ${n} rows`);
  for (let i = 0; i < n; i++) {
    const y = labels[i];
    if (!Number.isInteger(y) || y < 0 || y >= numClasses) {
      throw new Error(`${what}: label ${y} at row ${i} is outside [0, ${numClasses})`);
    }
  }
}

/** Index of the largest value; ties go to the lowest index. */
function argmax(v: ArrayLike<number>, n: number): number {
  let best = 0;
  for (let c = 1; c < n; c++) if (v[c] > v[best]) best = c;
  return best;
}

// ---------------------------------------------------------------------------
// kNN

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
  k = 20,
  temperature = 0.07,
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
  const pred = knnPredict(train, trainLabels, test, d, numClasses, k ?? 20, temperature ?? 0.07);
  checkLabels(testLabels, pred.length, numClasses, 'knnAccuracy');
  return accuracyOf(pred, testLabels);
}

function accuracyOf(pred: ArrayLike<number>, labels: ArrayLike<number>): number {
  if (pred.length === 0) return NaN;
  let hit = 0;
  for (let i = 0; i < pred.length; i++) if (pred[i] === labels[i]) hit++;
  return hit / pred.length;
}

// ---------------------------------------------------------------------------
// linear probe

export interface LinearProbeOptions {
  /**
   * passes over the training set (default: at least 10, and enough for at
   * least 500 optimiser steps — small sets need many epochs to converge)
   */
  epochs?: number;
  /** peak AdamW learning rate, cosine-decayed to 0 (default 0.01) */
  lr?: number;
  /** decoupled (AdamW) weight decay on the weights, not the biases (default 1e-4) */
  weightDecay?: number;
  /** shuffling seed (default 0) */
  seed?: number;
  /** mini-batch size (default 256) */
  batchSize?: number;
}

const MIN_EPOCHS = 10;
const MIN_STEPS = 500;

/**
 * Linear probe on frozen features. Features are standardised with the
 * training set's per-dimension mean and std (constant dimensions become 0),
 * then a multinomial logistic regression (softmax cross-entropy, weights
 * from zero) is trained with mini-batch AdamW, a cosine learning rate and a
 * seeded shuffle, so the result is deterministic. Returns the accuracy on the
 * test and the train features (NaN for an empty set).
 *
 * Cost: 2·n·d·C multiply-adds per epoch; 9,000 × 192 with 10 classes takes
 * the default 14 epochs (500 steps of 256), about 0.5 G multiply-adds:
 * ~1 s on one core here.
 */
export function linearProbe(
  train: Float32Array,
  trainLabels: ArrayLike<number>,
  test: Float32Array,
  testLabels: ArrayLike<number>,
  d: number,
  numClasses: number,
  opts: LinearProbeOptions = {},
): { accuracy: number; trainAccuracy: number } {
  const nTr = rowsOf(train, d, 'linearProbe train');
  const nTe = rowsOf(test, d, 'linearProbe test');
  checkLabels(trainLabels, nTr, numClasses, 'linearProbe train');
  checkLabels(testLabels, nTe, numClasses, 'linearProbe test');
  const lr = opts.lr ?? 0.01;
  const wd = opts.weightDecay ?? 1e-4;
  const C = numClasses;
  if (nTr === 0) return { accuracy: NaN, trainAccuracy: NaN };

  // standardise with train statistics
  const mean = new Float64Array(d);
  const inv = new Float64Array(d);
  for (let i = 0; i < nTr; i++) for (let j = 0; j < d; j++) mean[j] += train[i * d + j];
  for (let j = 0; j < d; j++) mean[j] /= nTr;
  for (let i = 0; i < nTr; i++) {
    for (let j = 0; j < d; j++) {
      const v = train[i * d + j] - mean[j];
      inv[j] += v * v;
    }
  }
  for (let j = 0; j < d; j++) {
    const sd = Math.sqrt(inv[j] / nTr);
    inv[j] = sd > 1e-8 ? 1 / sd : 0;
  }
  const standardise = (x: Float32Array, n: number): Float32Array => {
    const out = new Float32Array(n * d);
    for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) out[i * d + j] = (x[i * d + j] - mean[j]) * inv[j];
    return out;
  };
  const Xtr = standardise(train, nTr);
  const Xte = standardise(test, nTe);

  const ytr = Int32Array.from(trainLabels);
  const yte = Int32Array.from(testLabels);

  // parameters W [C, d] (row per class, contiguous over d) and b [C]
  const W = new Float64Array(C * d);
  const B = new Float64Array(C);
  const gW = new Float64Array(C * d);
  const gB = new Float64Array(C);
  const mW = new Float64Array(C * d);
  const vW = new Float64Array(C * d);
  const mB = new Float64Array(C);
  const vB = new Float64Array(C);
  const z = new Float64Array(C);

  const batch = Math.max(1, Math.min(opts.batchSize ?? 256, nTr));
  const stepsPerEpoch = Math.ceil(nTr / batch);
  const epochs = opts.epochs ?? Math.max(MIN_EPOCHS, Math.ceil(MIN_STEPS / stepsPerEpoch));
  const totalSteps = Math.max(1, epochs * stepsPerEpoch);
  const rng = new Rng(opts.seed ?? 0, 0x11bea5);
  let step = 0;
  for (let ep = 0; ep < epochs; ep++) {
    const perm = rng.permutation(nTr);
    for (let s0 = 0; s0 < nTr; s0 += batch) {
      const s1 = Math.min(nTr, s0 + batch);
      softmaxGradient(Xtr, ytr, perm, s0, s1, W, B, gW, gB, z, d, C);
      step++;
      const lrT = 0.5 * lr * (1 + Math.cos((Math.PI * (step - 1)) / totalSteps));
      adamW(W, gW, mW, vW, step, lrT, wd);
      adamW(B, gB, mB, vB, step, lrT, 0);
    }
  }
  return {
    accuracy: probeAccuracy(Xte, yte, nTe, W, B, z, d, C),
    trainAccuracy: probeAccuracy(Xtr, ytr, nTr, W, B, z, d, C),
  };
}

/** z[c] = B[c] + W[c] · X[i] for every class c. */
function probeLogits(X: Float32Array, i: number, W: Float64Array, B: Float64Array, z: Float64Array, d: number, C: number): void {
  for (let c = 0; c < C; c++) z[c] = B[c] + dot(W, c * d, X, i * d, d);
}

/** Mean softmax cross-entropy gradient over rows perm[s0..s1) into gW, gB. */
function softmaxGradient(
  X: Float32Array,
  y: Int32Array,
  perm: Int32Array,
  s0: number,
  s1: number,
  W: Float64Array,
  B: Float64Array,
  gW: Float64Array,
  gB: Float64Array,
  z: Float64Array,
  d: number,
  C: number,
): void {
  gW.fill(0);
  gB.fill(0);
  const inB = 1 / (s1 - s0);
  const d4 = d - (d % 4);
  for (let t = s0; t < s1; t++) {
    const i = perm[t];
    probeLogits(X, i, W, B, z, d, C);
    let zmax = -Infinity;
    for (let c = 0; c < C; c++) if (z[c] > zmax) zmax = z[c];
    let sum = 0;
    for (let c = 0; c < C; c++) {
      const e = Math.exp(z[c] - zmax);
      z[c] = e;
      sum += e;
    }
    const yi = y[i];
    const o = i * d;
    const inv = inB / sum;
    for (let c = 0; c < C; c++) {
      const g = z[c] * inv - (c === yi ? inB : 0);
      gB[c] += g;
      const w = c * d;
      let j = 0;
      for (; j < d4; j += 4) {
        gW[w + j] += g * X[o + j];
        gW[w + j + 1] += g * X[o + j + 1];
        gW[w + j + 2] += g * X[o + j + 2];
        gW[w + j + 3] += g * X[o + j + 3];
      }
      for (; j < d; j++) gW[w + j] += g * X[o + j];
    }
  }
}

/** One AdamW step (β = 0.9, 0.999; ε = 1e-8; decoupled weight decay). */
function adamW(p: Float64Array, g: Float64Array, m: Float64Array, v: Float64Array, step: number, lr: number, wd: number): void {
  const bc1 = 1 - 0.9 ** step;
  const bc2 = 1 - 0.999 ** step;
  const decay = 1 - lr * wd;
  const a = lr / bc1;
  const ib2 = 1 / bc2;
  for (let i = 0; i < p.length; i++) {
    const gi = g[i];
    const mi = (m[i] = 0.9 * m[i] + 0.1 * gi);
    const vi = (v[i] = 0.999 * v[i] + 0.001 * gi * gi);
    p[i] = p[i] * decay - (a * mi) / (Math.sqrt(vi * ib2) + 1e-8);
  }
}

function probeAccuracy(
  X: Float32Array,
  y: Int32Array,
  n: number,
  W: Float64Array,
  B: Float64Array,
  z: Float64Array,
  d: number,
  C: number,
): number {
  if (n === 0) return NaN;
  let hit = 0;
  for (let i = 0; i < n; i++) {
    probeLogits(X, i, W, B, z, d, C);
    if (argmax(z, C) === y[i]) hit++;
  }
  return hit / n;
}

// ---------------------------------------------------------------------------
// linear algebra: Gram matrices and symmetric eigenvalues

/**
 * Gram matrix G[a][b] = v_a · v_b of m vectors of length len stored
 * contiguously in v (row a at a·len). Float64, 1×4 register blocking.
 */
function gram(v: Float64Array, m: number, len: number): Float64Array {
  const G = new Float64Array(m * m);
  for (let a = 0; a < m; a++) {
    const oa = a * len;
    let b = a;
    for (; b + 3 < m; b += 4) {
      const o0 = b * len;
      const o1 = o0 + len;
      const o2 = o1 + len;
      const o3 = o2 + len;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let i = 0; i < len; i++) {
        const x = v[oa + i];
        s0 += x * v[o0 + i];
        s1 += x * v[o1 + i];
        s2 += x * v[o2 + i];
        s3 += x * v[o3 + i];
      }
      G[a * m + b] = G[b * m + a] = s0;
      G[a * m + b + 1] = G[(b + 1) * m + a] = s1;
      G[a * m + b + 2] = G[(b + 2) * m + a] = s2;
      G[a * m + b + 3] = G[(b + 3) * m + a] = s3;
    }
    for (; b < m; b++) {
      const ob = b * len;
      let s = 0;
      for (let i = 0; i < len; i++) s += v[oa + i] * v[ob + i];
      G[a * m + b] = G[b * m + a] = s;
    }
  }
  return G;
}

/** Columns of the row-major [n, d] matrix x as contiguous float64 vectors (minus `mean` if given). */
function columns(x: Float32Array, n: number, d: number, mean?: Float64Array): Float64Array {
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) out[j * n + i] = x[i * d + j] - (mean ? mean[j] : 0);
  }
  return out;
}

/**
 * All eigenvalues of a symmetric m×m matrix (destroyed), by Householder
 * reduction to tridiagonal form (~m³ flops) and the implicit QL algorithm
 * with Wilkinson-style shifts (O(m²)). Unsorted.
 */
export function symmetricEigenvalues(A: Float64Array, m: number): Float64Array {
  const diag = new Float64Array(m);
  const off = new Float64Array(m); // off[k] couples k and k+1; off[m-1] = 0
  const v = new Float64Array(m);
  const p = new Float64Array(m);
  for (let k = 0; k < m - 2; k++) {
    const s = k + 1; // the trailing block is [s, m)
    let rest = 0;
    for (let i = s + 1; i < m; i++) rest += A[i * m + k] * A[i * m + k];
    const x0 = A[s * m + k];
    const alpha2 = rest + x0 * x0;
    if (rest === 0) {
      off[k] = x0; // already tridiagonal in this column
      continue;
    }
    const alpha = x0 > 0 ? -Math.sqrt(alpha2) : Math.sqrt(alpha2);
    const vn = Math.sqrt(2 * alpha2 - 2 * alpha * x0);
    for (let i = s; i < m; i++) v[i] = A[i * m + k] / vn;
    v[s] = (x0 - alpha) / vn;
    // p = 2 A' v, K = vᵀp, w = p - K v; A' -= v wᵀ + w vᵀ
    let K = 0;
    for (let i = s; i < m; i++) {
      let acc = 0;
      const o = i * m;
      for (let j = s; j < m; j++) acc += A[o + j] * v[j];
      p[i] = 2 * acc;
      K += v[i] * p[i];
    }
    for (let i = s; i < m; i++) p[i] -= K * v[i];
    for (let i = s; i < m; i++) {
      const o = i * m;
      const vi = v[i];
      const wi = p[i];
      for (let j = s; j < m; j++) A[o + j] -= vi * p[j] + wi * v[j];
    }
    off[k] = alpha;
  }
  if (m >= 2) off[m - 2] = A[(m - 1) * m + (m - 2)];
  for (let k = 0; k < m; k++) diag[k] = A[k * m + k];

  // implicit QL (Numerical Recipes' tqli, eigenvalues only)
  const d = diag;
  const e = off;
  const EPS = Number.EPSILON;
  for (let l = 0; l < m; l++) {
    let iter = 0;
    let mm: number;
    do {
      for (mm = l; mm < m - 1; mm++) {
        const dd = Math.abs(d[mm]) + Math.abs(d[mm + 1]);
        if (Math.abs(e[mm]) <= EPS * dd) break;
      }
      if (mm !== l) {
        if (iter++ === 100) break; // give up on this one; keep what we have
        let g = (d[l + 1] - d[l]) / (2 * e[l]);
        let r = Math.hypot(g, 1);
        g = d[mm] - d[l] + e[l] / (g + (g >= 0 ? r : -r));
        let s = 1;
        let c = 1;
        let pp = 0;
        let i: number;
        for (i = mm - 1; i >= l; i--) {
          const f = s * e[i];
          const b = c * e[i];
          e[i + 1] = r = Math.hypot(f, g);
          if (r === 0) {
            d[i + 1] -= pp;
            e[mm] = 0;
            break;
          }
          s = f / r;
          c = g / r;
          g = d[i + 1] - pp;
          r = (d[i] - g) * s + 2 * c * b;
          pp = s * r;
          d[i + 1] = g + pp;
          g = c * r - b;
        }
        if (r === 0 && i >= l) continue;
        d[l] -= pp;
        e[l] = g;
        e[mm] = 0;
      }
    } while (mm !== l);
  }
  return d;
}

// ---------------------------------------------------------------------------
// collapse diagnostics

/**
 * RankMe (Garrido et al. 2023): exp(−Σ p_k log p_k) with
 * p_k = σ_k / Σσ + 1e-7 over the singular values σ of the (uncentred) n×d
 * matrix. σ² are the eigenvalues of the smaller Gram matrix (XᵀX, d×d, or
 * XXᵀ, n×n), computed in float64. Ranges from ~1 (one direction) to
 * min(n, d) (all singular values equal). Returns 0 for an all-zero or empty
 * matrix. Cost ~ n·m²/2 + m³ for m = min(n, d): 1,000 × 192 takes tens of
 * milliseconds here, 1,000 × 768 one to two seconds.
 */
export function rankMe(x: Float32Array, n: number, d: number): number {
  if (n === 0 || d === 0) return 0;
  let G: Float64Array;
  let m: number;
  if (n >= d) {
    G = gram(columns(x, n, d), d, n);
    m = d;
  } else {
    const rows = new Float64Array(n * d);
    for (let i = 0; i < n * d; i++) rows[i] = x[i];
    G = gram(rows, n, d);
    m = n;
  }
  const lambda = symmetricEigenvalues(G, m);
  let total = 0;
  for (let i = 0; i < m; i++) {
    lambda[i] = Math.sqrt(Math.max(0, lambda[i]));
    total += lambda[i];
  }
  if (!(total > 0)) return total === 0 ? 0 : NaN;
  const eps = 1e-7;
  let h = 0;
  for (let i = 0; i < m; i++) {
    const pk = lambda[i] / total + eps;
    h -= pk * Math.log(pk);
  }
  return Math.exp(h);
}

/** Mean over dimensions of the per-dimension (population) std; 0 for constant features or n < 2. */
export function featureStd(x: Float32Array, n: number, d: number): number {
  if (n < 2 || d === 0) return 0;
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += x[i * d + j];
  for (let j = 0; j < d; j++) mean[j] /= n;
  const ss = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const v = x[i * d + j] - mean[j];
      ss[j] += v * v;
    }
  }
  let sum = 0;
  for (let j = 0; j < d; j++) sum += Math.sqrt(ss[j] / n);
  return sum / d;
}

/** collapseCheck's thresholds (see collapseCheck for the reasoning). */
export const STD_COLLAPSED = 1e-3;
export const STD_WARNING = 0.01;
export const RANK_COLLAPSED = 1.5;
export const RANK_WARNING_FRACTION = 0.02;
export const RANK_DROP = 0.5;

export interface CollapseCheck {
  /** the features have (almost) certainly collapsed */
  collapsed: boolean;
  /** something looks wrong (always true when collapsed) */
  warning: boolean;
  /** one human-readable sentence per finding */
  reasons: string[];
}

/**
 * Thresholds, for pooled target-encoder features (outputs of the encoder's
 * final LayerNorm, so healthy per-dimension spreads are O(0.1–1)):
 *
 * - featureStd < 1e-3: collapsed. Every image maps to (nearly) the same
 *   vector; this is the "std → 0" failure measured at desktop scale.
 * - featureStd < 0.01: warning. Two orders of magnitude under a healthy
 *   LayerNorm-scale spread, on the way to the above.
 * - RankMe < 1.5: collapsed. One direction carries essentially all the
 *   energy (the measured collapsed runs sat at RankMe ~1.1).
 * - RankMe < max(2, 2% of dim): warning (dimensional collapse). Healthy
 *   random gaussian features score close to the dimension; trained encoders
 *   typically use a good fraction of it. Under 2% of the dimensions (3.8 of
 *   192) the representation is nearly one-dimensional; the floor of 2 keeps
 *   tiny dims from warning on healthy features.
 * - RankMe below half of previousRankMe: warning. A sudden drop between two
 *   checks is the earliest sign, before the absolute thresholds trip.
 *
 * RankMe is computed on uncentred features (as in the paper), so a large
 * shared mean lowers it; that is why only the extreme value 1.5 counts as
 * collapse on its own. NaN or infinite inputs give a warning (divergence).
 */
export function collapseCheck(m: { featureStd: number; rankMe: number; dim: number; previousRankMe?: number }): CollapseCheck {
  const reasons: string[] = [];
  let collapsed = false;
  let warning = false;
  const fmt = (v: number) => (Math.abs(v) >= 0.01 || v === 0 ? +v.toFixed(v >= 10 ? 1 : 2) : v.toExponential(1)).toString();
  const { featureStd: std, rankMe: rk, dim } = m;

  if (!Number.isFinite(std)) {
    warning = true;
    reasons.push(`feature std is ${std}: the features contain NaN or Infinity (training diverged?)`);
  } else if (std < STD_COLLAPSED) {
    collapsed = true;
    reasons.push(`feature std ${fmt(std)} (under ${STD_COLLAPSED}): every image maps to nearly the same vector, features have collapsed`);
  } else if (std < STD_WARNING) {
    warning = true;
    reasons.push(`feature std ${fmt(std)} (under ${STD_WARNING}): features are shrinking towards a constant`);
  }

  const rankWarn = Math.max(2, RANK_WARNING_FRACTION * dim);
  if (!Number.isFinite(rk)) {
    warning = true;
    reasons.push(`RankMe is ${rk}: the features contain NaN or Infinity (training diverged?)`);
  } else if (rk < RANK_COLLAPSED) {
    collapsed = true;
    reasons.push(`RankMe ${fmt(rk)} of ${dim} dimensions: features have collapsed to a single direction`);
  } else if (rk < rankWarn) {
    warning = true;
    reasons.push(`RankMe ${fmt(rk)} of ${dim} dimensions: features are collapsing (under ${fmt(rankWarn)})`);
  }

  const prev = m.previousRankMe;
  if (prev !== undefined && Number.isFinite(prev) && Number.isFinite(rk) && prev > 0 && rk < RANK_DROP * prev) {
    warning = true;
    reasons.push(`RankMe fell from ${fmt(prev)} to ${fmt(rk)} since the last check: features are losing dimensions`);
  }
  return { collapsed, warning: warning || collapsed, reasons };
}

/**
 * The run event for a probe's collapse check: a warning (which flags the run)
 * once training has run; at step 0 an info line, since low-rank features at
 * initialisation are the architecture's starting point, not a collapse.
 */
export function collapseEvent(step: number, check: CollapseCheck): { level: 'info' | 'warning'; message: string } | null {
  if (!check.warning) return null;
  if (step === 0) return { level: 'info', message: `features at initialisation: ${check.reasons.join('; ')} (a starting point; collapse is judged once training has run)` };
  return { level: 'warning', message: `collapse warning at step ${step}: ${check.reasons.join('; ')}` };
}

// ---------------------------------------------------------------------------
// PCA for the embedding map

/**
 * Projection of the centred rows on the top-2 principal components, [n, 2]
 * row-major. The components come from block power iteration (subspace
 * iteration, 8 vectors, with a Rayleigh–Ritz step each iteration) on the d×d
 * covariance: it stops when the top-2 Ritz pairs' residuals fall under 1e-6
 * of the top eigenvalue, or after a work budget (when the leading
 * eigenvalues are nearly equal, any plane they span is as good for a map).
 * The start is seeded and each component's largest entry is made positive,
 * so the map is deterministic and does not flip between calls. A column is
 * zero where the data has no variance in that direction.
 */
export function pca2d(x: Float32Array, n: number, d: number): Float32Array {
  const out = new Float32Array(n * 2);
  if (n === 0 || d === 0) return out;
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += x[i * d + j];
  for (let j = 0; j < d; j++) mean[j] /= n;
  const C = gram(columns(x, n, d, mean), d, n); // n·covariance; the scale is irrelevant
  let trace = 0;
  for (let j = 0; j < d; j++) trace += C[j * d + j];
  if (!(trace > 0)) return out;

  const b = Math.min(d, 8);
  const rng = new Rng(0x9ca2d);
  let V = new Float64Array(b * d); // b vectors of length d
  let Y = new Float64Array(b * d);
  for (let i = 0; i < V.length; i++) V[i] = rng.normal();
  orthonormaliseRows(V, b, d);
  const H = new Float64Array(b * b);
  const maxIter = Math.min(300, Math.max(20, Math.floor(3e8 / (b * d * d))));
  const top: { u: Float64Array; theta: number }[] = [];
  for (let iter = 0; ; iter++) {
    // Y = C V (C is symmetric: row i of C times v)
    for (let k = 0; k < b; k++) {
      const vo = k * d;
      for (let i = 0; i < d; i++) {
        const o = i * d;
        let s = 0;
        for (let j = 0; j < d; j++) s += C[o + j] * V[vo + j];
        Y[vo + i] = s;
      }
    }
    // Rayleigh–Ritz: H = Vᵀ C V, H = S Θ Sᵀ, Ritz vectors u = V s, C u = Y s
    for (let p = 0; p < b; p++) {
      for (let q = p; q < b; q++) {
        let s = 0;
        for (let j = 0; j < d; j++) s += V[p * d + j] * Y[q * d + j];
        H[p * b + q] = H[q * b + p] = s;
      }
    }
    const { values, vectors } = jacobiEigen(H.slice(), b);
    const order = Array.from(values.keys()).sort((i, j) => values[j] - values[i]);
    top.length = 0;
    let converged = true;
    for (let r = 0; r < Math.min(2, b); r++) {
      const col = order[r];
      const u = new Float64Array(d);
      const cu = new Float64Array(d);
      for (let k = 0; k < b; k++) {
        const sk = vectors[k * b + col];
        for (let j = 0; j < d; j++) {
          u[j] += sk * V[k * d + j];
          cu[j] += sk * Y[k * d + j];
        }
      }
      const theta = values[col];
      let res = 0;
      for (let j = 0; j < d; j++) res += (cu[j] - theta * u[j]) ** 2;
      if (Math.sqrt(res) > 1e-6 * values[order[0]]) converged = false;
      top.push({ u, theta });
    }
    if (converged || iter + 1 >= maxIter) break;
    [V, Y] = [Y, V];
    orthonormaliseRows(V, b, d);
  }

  for (let c = 0; c < top.length; c++) {
    const { u, theta } = top[c];
    if (!(theta > trace * 1e-12)) continue; // no variance in this direction
    let big = 0;
    for (let j = 1; j < d; j++) if (Math.abs(u[j]) > Math.abs(u[big])) big = j;
    const sign = u[big] < 0 ? -1 : 1;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += (x[i * d + j] - mean[j]) * u[j];
      out[i * 2 + c] = sign * s;
    }
  }
  return out;
}

/** Modified Gram–Schmidt on m row vectors of length d; a dependent row becomes a fresh unit vector. */
function orthonormaliseRows(V: Float64Array, m: number, d: number): void {
  for (let a = 0; a < m; a++) {
    const oa = a * d;
    for (let pass = 0; pass < 2; pass++) {
      for (let b = 0; b < a; b++) {
        const ob = b * d;
        let dot = 0;
        for (let j = 0; j < d; j++) dot += V[oa + j] * V[ob + j];
        for (let j = 0; j < d; j++) V[oa + j] -= dot * V[ob + j];
      }
      let nn = 0;
      for (let j = 0; j < d; j++) nn += V[oa + j] * V[oa + j];
      nn = Math.sqrt(nn);
      if (nn > 1e-150) {
        for (let j = 0; j < d; j++) V[oa + j] /= nn;
        if (pass === 0) continue;
        break;
      }
      // dependent: restart from a unit axis not yet spanned (tried in order)
      for (let j = 0; j < d; j++) V[oa + j] = j === (a + pass) % d ? 1 : 0;
    }
  }
}

/** Cyclic Jacobi for a small symmetric m×m matrix (destroyed): eigenvalues and eigenvectors (column k of `vectors`). */
function jacobiEigen(A: Float64Array, m: number): { values: Float64Array; vectors: Float64Array } {
  const V = new Float64Array(m * m);
  for (let i = 0; i < m; i++) V[i * m + i] = 1;
  let norm = 0;
  for (let i = 0; i < m * m; i++) norm += A[i] * A[i];
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < m; p++) for (let q = p + 1; q < m; q++) off += A[p * m + q] * A[p * m + q];
    if (off <= 1e-30 * norm || off === 0) break;
    for (let p = 0; p < m; p++) {
      for (let q = p + 1; q < m; q++) {
        const apq = A[p * m + q];
        if (apq === 0) continue;
        const theta = (A[q * m + q] - A[p * m + p]) / (2 * apq);
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < m; k++) {
          const akp = A[k * m + p];
          const akq = A[k * m + q];
          A[k * m + p] = c * akp - s * akq;
          A[k * m + q] = s * akp + c * akq;
        }
        for (let k = 0; k < m; k++) {
          const apk = A[p * m + k];
          const aqk = A[q * m + k];
          A[p * m + k] = c * apk - s * aqk;
          A[q * m + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < m; k++) {
          const vkp = V[k * m + p];
          const vkq = V[k * m + q];
          V[k * m + p] = c * vkp - s * vkq;
          V[k * m + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const values = new Float64Array(m);
  for (let i = 0; i < m; i++) values[i] = A[i * m + i];
  return { values, vectors: V };
}
