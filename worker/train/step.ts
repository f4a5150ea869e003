// The loss and gradient of (a share of) one I-JEPA training step, shared by
// the Trainer (worker/train/trainer.ts) and its data-parallel gradient threads
// (worker/train/parallel.ts, worker/train/grad-thread.ts): every thread runs exactly this
// code on its own tfjs instance and its own copy of the parameters.
import * as tf from '@tensorflow/tfjs';
import type { JepaConfig } from '../../main/common/config.ts';
import type { MaskBatch } from '../../main/common/masks.ts';
import type { Param } from '../model/model.ts';
import { elementLoss, predict, regFeatures, targets, type StepModel } from '../model/forward.ts';
import { invariance, sigreg, vicreg } from '../model/regularizers.ts';
import { Rng, Stream } from '../../main/common/rng.ts';

/** Loss, regularizer values and gradients of a share; gradients aligned with the params, null where none flows. */
export interface GradResult {
  loss: number;
  reg: Record<string, number>;
  grads: (tf.Tensor | null)[];
}

/** A micro-batch: images [start, end) and its weight in the step's mean, (end − start) / batch. */
export interface Part {
  start: number;
  end: number;
  weight: number;
}

/** The step's micro-batches (one, the whole batch, when microBatch is 0). */
export function microBatches(B: number, microBatch: number): Part[] {
  const mb = microBatch > 0 ? microBatch : B;
  const parts: Part[] = [];
  for (let s0 = 0; s0 < B; s0 += mb) {
    const s1 = Math.min(B, s0 + mb);
    parts.push({ start: s0, end: s1, weight: (s1 - s0) / B }); // each micro-batch loss is a mean over its own images
  }
  return parts;
}

/** Whether a regularizer on the batch's pooled features is on (then a micro-batch's objective is not a sum over images). */
export function hasBatchRegularizers(cfg: JepaConfig): boolean {
  const r = cfg.regularization;
  return r.vicreg_weight > 0 || r.vicreg_cov_weight > 0 || r.sigreg_weight > 0 || r.invariance_weight > 0;
}

/**
 * Add the enabled regularizers of the pooled context features (or their projection) to `total`;
 * their unweighted values are kept into `parts`.
 */
export function addRegularizers(
  total: tf.Scalar,
  pooled: tf.Tensor, // [n, D] (or [n, H] projected)
  cfg: JepaConfig,
  step: number,
  parts: Record<string, tf.Scalar>,
): tf.Scalar {
  const { vicreg_weight, vicreg_cov_weight, sigreg_weight, invariance_weight } = cfg.regularization;
  if (invariance_weight > 0) {
    const v = invariance(pooled, cfg.regularization.views);
    parts.invariance = tf.keep(v);
    total = tf.add(total, tf.mul(v, invariance_weight));
  }
  if (vicreg_weight > 0 || vicreg_cov_weight > 0) {
    // On per-image pooled features [n, D] (as C-JEPA): token-level variance can be met by the
    // positional embeddings alone, which leaves the pooled image features free to collapse.
    const { variance, covariance } = vicreg(pooled);
    parts.vicreg_var = tf.keep(variance);
    parts.vicreg_cov = tf.keep(covariance);
    total = tf.add(total, tf.add(tf.mul(variance, vicreg_weight), tf.mul(covariance, vicreg_cov_weight)));
  }
  if (sigreg_weight > 0) {
    const s = sigreg(pooled, new Rng(cfg.meta.seed, Stream.sigreg, step));
    parts.sigreg = tf.keep(s);
    total = tf.add(total, tf.mul(s, sigreg_weight));
  }
  return total;
}

/** Read and dispose kept scalars: {loss, ...reg}. */
function readParts(parts: Record<string, tf.Scalar>): { loss: number; reg: Record<string, number> } {
  const values: Record<string, number> = {};
  for (const [k, t] of Object.entries(parts)) {
    values[k] = t.dataSync()[0];
    t.dispose();
  }
  const { loss, ...reg } = values;
  return { loss: loss ?? NaN, reg };
}

/**
 * The batch-level regularizers of a shard of a batch (data-parallel threads):
 * this shard is images [start, start + n) of a batch of `batch` (its weight in
 * the prediction loss, n / batch, is lossAndGrads' to apply); `exchange` hands
 * this shard's regularizer features (regFeatures: pooled [n, D] or projected
 * [n, H]) to the other threads and returns every shard's, the whole batch's
 * (it blocks until all have them).
 */
export interface BatchShard {
  start: number;
  batch: number;
  exchange: (own: Float32Array) => Float32Array;
}

/**
 * Loss and gradients for one (micro-)batch: patches [n, N, P] flat, masks for
 * those n images. Gradients are aligned with `params`, null where none flows
 * (the target encoder: it is computed outside the tape). Caller disposes them.
 *
 * With `shard`, the images are one shard of a batch split across threads, and
 * the objective is weight · L_pred(shard) + R(pooled features of the whole
 * batch), weight = n / batch, where only this shard's rows of the pooled
 * features are on the tape (the other shards' are constants from `exchange`):
 * its gradient is this shard's part of the whole batch's, and the shards'
 * gradients sum to it. The returned loss is then weight · L_pred(shard), so
 * the shards' losses sum to the batch's; reg holds the whole batch's
 * regularizer values.
 */
export function lossAndGrads(s: StepModel, patches: Float32Array, masks: MaskBatch, step: number, params: Param[], shard?: BatchShard): GradResult {
  const r = lossAndGradsOnDevice(s, patches, masks, step, params, shard);
  const { loss, reg } = readParts(r.parts);
  return { loss: r.weight * loss, reg, grads: r.grads };
}

/**
 * lossAndGrads without reading anything back: the unweighted loss and
 * regularizer values stay on the device as kept scalars in `parts` (the
 * caller disposes them), with the share's weight in the batch's loss.
 */
function lossAndGradsOnDevice(
  s: StepModel, patches: Float32Array, masks: MaskBatch, step: number, params: Param[], shard?: BatchShard,
): { parts: Record<string, tf.Scalar>; weight: number; grads: (tf.Tensor | null)[] } {
  const cfg = s.config;
  const n = masks.context.length;
  const weight = shard ? n / shard.batch : 1; // the shard's share of the batch's prediction loss
  const parts: Record<string, tf.Scalar> = {};
  const grads = tf.tidy(() => {
    const all = tf.tensor3d(patches, [n, s.N, s.P]); // [n, N, P]
    const h = targets(s, all, masks.targets); // [M·n, Kt, D], a constant for the gradient
    const { value, grads } = tf.variableGrads(() => {
      const { z, pred } = predict(s, patches, masks); // [n, Kc, D], [M·n, Kt, D]
      const loss = tf.mean(elementLoss(pred, h, cfg.meta.loss)) as tf.Scalar;
      parts.loss = tf.keep(loss);
      if (!shard) return hasBatchRegularizers(cfg) ? addRegularizers(loss, regFeatures(s, z), cfg, step, parts) : loss;
      // the whole batch's pooled features, this shard's rows live
      const own = regFeatures(s, z); // [n, D] (or [n, H] projected)
      const D = own.shape[1] as number;
      const batch = shard.exchange(own.dataSync() as Float32Array); // [batch, D]
      const rows = (a: number, b: number) => tf.tensor2d(batch.subarray(a * D, b * D), [b - a, D]);
      const pieces = [...(shard.start > 0 ? [rows(0, shard.start)] : []), own, ...(shard.start + n < shard.batch ? [rows(shard.start + n, shard.batch)] : [])];
      const pooled = tf.concat(pieces, 0); // [batch, D] (a shard never holds the whole batch)
      return addRegularizers(tf.mul(loss, weight) as tf.Scalar, pooled, cfg, step, parts);
    }, params.map((p) => p.v));
    void value; // left to the tidy (it may be the kept `parts.loss` itself)
    return params.map((p) => grads[p.v.name] ?? null);
  });
  return { parts, weight, grads };
}

/** p + w·g (or w·g without p), disposing g and p: one micro-batch added to the running gradient sum. */
function addWeighted(p: tf.Tensor | null, g: tf.Tensor | null, w: number): tf.Tensor | null {
  if (!g) return p;
  const out = tf.tidy(() => (p ? tf.add(p, tf.mul(g, w)) : tf.mul(g, w)));
  g.dispose();
  p?.dispose();
  return out;
}

/** A step's gradient with its loss and regularizer values still on the device (GPU backends). */
export interface DeviceGradResult {
  /** [loss, ...reg values] in the order of `names` ('loss' first): one read brings them all back */
  metrics: tf.Tensor1D;
  names: string[];
  grads: (tf.Tensor | null)[];
}

/**
 * accumulateGrads for GPU backends: the same weighted sums over micro-batches,
 * with nothing read back; the caller reads `metrics` (or not) and disposes it.
 */
export function accumulateGradsOnDevice(s: StepModel, patches: Float32Array, masks: MaskBatch, step: number, params: Param[], parts: Part[]): DeviceGradResult {
  const NP = s.N * s.P;
  let grads: (tf.Tensor | null)[] = params.map(() => null);
  const sums: Record<string, tf.Scalar> = {};
  for (const { start: s0, end: s1, weight: w } of parts) {
    const sub: MaskBatch = { context: masks.context.slice(s0, s1), targets: masks.targets.slice(s0, s1) };
    const r = lossAndGradsOnDevice(s, patches.subarray(s0 * NP, s1 * NP), sub, step, params);
    for (const [k, v] of Object.entries(r.parts)) {
      const prev = sums[k];
      sums[k] = tf.tidy(() => (prev ? tf.add(prev, tf.mul(v, w)) : tf.mul(v, w)));
      prev?.dispose();
      v.dispose();
    }
    grads = w === 1 ? r.grads : r.grads.map((g, i) => addWeighted(grads[i], g, w));
  }
  const names = ['loss', ...Object.keys(sums).filter((k) => k !== 'loss')];
  const metrics = tf.tidy(() => tf.stack(names.map((k) => sums[k] ?? tf.scalar(NaN))) as tf.Tensor1D);
  tf.dispose(Object.values(sums));
  return { metrics, names, grads };
}

/**
 * The weighted sum over micro-batches of their losses, regularizer values and
 * gradients (gradient accumulation). `parts` index into `patches`/`masks`.
 */
export function accumulateGrads(s: StepModel, patches: Float32Array, masks: MaskBatch, step: number, params: Param[], parts: Part[]): GradResult {
  const NP = s.N * s.P;
  let grads: (tf.Tensor | null)[] | null = null;
  let loss = 0;
  const reg: Record<string, number> = {};
  for (const { start: s0, end: s1, weight: w } of parts) {
    const sub: MaskBatch = { context: masks.context.slice(s0, s1), targets: masks.targets.slice(s0, s1) };
    const r = lossAndGrads(s, patches.subarray(s0 * NP, s1 * NP), sub, step, params);
    loss += w * r.loss;
    for (const [k, v] of Object.entries(r.reg)) reg[k] = (reg[k] ?? 0) + w * v;
    if (w === 1) {
      grads = r.grads;
      continue;
    }
    const prev: (tf.Tensor | null)[] | null = grads;
    grads = r.grads.map((g, i): tf.Tensor | null => addWeighted(prev ? prev[i] : null, g, w));
  }
  return { loss, reg, grads: grads ?? params.map(() => null) };
}
