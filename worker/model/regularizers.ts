// Optional anti-collapse terms on the context encoder's features.
//
// - VICReg (Bardes et al. 2022, as C-JEPA adds it to I-JEPA): variance hinge
//   mean_d relu(1 − sqrt(Var[z_d] + 1e-4)) and covariance Σ_{i≠j} C_ij² / D,
//   on token features [n, D].
// - VICReg's invariance term between two views (C-JEPA): the mean squared
//   difference of the pooled features of two crops of one image, rows paired
//   (2i, 2i + 1); with more views (regularization.views), averaged over pairs.
// - SIGReg (LeJEPA, Balestriero & LeCun 2025): Epps–Pulley test statistic of
//   random 1-D projections of pooled features against N(0, 1): for unit
//   directions a_k, T_k = n ∫ |φ̂_k(t) − e^{−t²/2}|² e^{−t²/2} dt (trapezoid on
//   17 knots in [−5, 5]), averaged over the projections.
import * as tf from '@tensorflow/tfjs';
import { matMul2d } from './model.ts';
import type { Rng } from '../../main/common/rng.ts';

export const VICREG_EPS = 1e-4;

/** VICReg variance and covariance terms of features z [n, D]. */
export function vicreg(z: tf.Tensor): { variance: tf.Scalar; covariance: tf.Scalar } {
  const [n, D] = z.shape;
  const dof = Math.max(1, n - 1); // unbiased, as torch.var / VICReg (a single row gives 0, not NaN)
  const zc = tf.sub(z, tf.mean(z, 0, true)); // [n, D] centred
  const cov = tf.div(matMul2d(tf.transpose(zc), zc), dof); // [D, D]
  const varDiag = tf.div(tf.sum(tf.square(zc), 0), dof); // [D] (= diag(cov))
  const std = tf.sqrt(tf.add(varDiag, VICREG_EPS)); // [D]
  const variance = tf.mean(tf.relu(tf.sub(1, std))) as tf.Scalar;
  // off-diagonal: Σ C² − Σ diag(C)²
  const covariance = tf.div(tf.sub(tf.sum(tf.square(cov)), tf.sum(tf.square(varDiag))), D) as tf.Scalar;
  return { variance, covariance };
}

/**
 * Mean over pairs of views of one image, and over dimensions, of (z_i − z_j)²,
 * for z [m·V, D] with the V views of an image in adjacent rows. With V = 2
 * this is VICReg's invariance term, mean((z[2i] − z[2i+1])²); for V > 2 it is
 * the same average over all V(V−1)/2 pairs (multi-crop), computed as
 * 2V/(V−1) · the mean squared deviation from each image's mean view
 * (Σ_{i<j} ‖z_i − z_j‖² = V · Σ_i ‖z_i − z̄‖²).
 */
export function invariance(z: tf.Tensor, views = 2): tf.Scalar {
  const [n, D] = z.shape;
  if (views < 2 || n % views !== 0) throw new Error(`invariance: expected groups of ${views} views, got ${n} rows`);
  const g = z.reshape([n / views, views, D]); // [m, V, D]
  const dev = tf.sub(g, tf.mean(g, 1, true)); // [m, V, D]
  return tf.mul(tf.mean(tf.square(dev)), (2 * views) / (views - 1)) as tf.Scalar;
}

export const SIGREG_SLICES = 256;
export const SIGREG_KNOTS = 17;

/** Random unit directions [D, K] (columns), from the rng (keyed by step in training). */
export function sigregDirections(D: number, slices: number, rng: Rng): Float32Array {
  const a = new Float32Array(D * slices);
  for (let i = 0; i < a.length; i++) a[i] = rng.normal();
  for (let k = 0; k < slices; k++) {
    let s = 0;
    for (let d = 0; d < D; d++) s += a[d * slices + k] ** 2;
    const inv = 1 / Math.sqrt(s);
    for (let d = 0; d < D; d++) a[d * slices + k] *= inv;
  }
  return a;
}

/** Knots t in [−5, 5], their trapezoid × Gaussian weights w, and N(0, 1)'s characteristic function phi (memoised: the same every step). */
const knotCache = new Map<number, { t: Float32Array; w: Float32Array; phi: Float32Array }>();
function knotTables(knots: number): { t: Float32Array; w: Float32Array; phi: Float32Array } {
  let k = knotCache.get(knots);
  if (!k) {
    const t = new Float32Array(knots);
    const w = new Float32Array(knots); // trapezoid weight × Gaussian weight e^{−t²/2}
    const phi = new Float32Array(knots); // characteristic function of N(0, 1)
    const dt = 10 / (knots - 1);
    for (let i = 0; i < knots; i++) {
      t[i] = -5 + i * dt;
      phi[i] = Math.exp(-0.5 * t[i] * t[i]);
      w[i] = (i === 0 || i === knots - 1 ? 0.5 : 1) * dt * phi[i];
    }
    knotCache.set(knots, (k = { t, w, phi }));
  }
  return k;
}

/** SIGReg statistic of features x [n, D], averaged over random projections. */
export function sigreg(x: tf.Tensor, rng: Rng, slices = SIGREG_SLICES, knots = SIGREG_KNOTS): tf.Scalar {
  const [n, D] = x.shape;
  const A = tf.tensor2d(sigregDirections(D, slices, rng), [D, slices]);
  const { t, w, phi } = knotTables(knots);
  const proj = matMul2d(x, A); // [n, K]
  const xt = tf.mul(proj.reshape([n, slices, 1]), tf.tensor1d(t)); // [n, K, T]
  const re = tf.sub(tf.mean(tf.cos(xt), 0), tf.tensor1d(phi)); // [K, T] Re(φ̂) − φ
  const im = tf.mean(tf.sin(xt), 0); // [K, T] Im(φ̂)
  const err = tf.add(tf.square(re), tf.square(im)); // [K, T] |φ̂ − φ|²
  const stat = tf.mul(tf.sum(tf.mul(err, tf.tensor1d(w)), 1), n); // [K]
  return tf.mean(stat) as tf.Scalar;
}
