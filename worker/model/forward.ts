// The I-JEPA forward passes (reference src/train.py), shared by training
// (worker/train/step.ts), its gradient threads and the inference jobs:
//   h    = layer_norm(f_ξ(all patches)) at the target positions   [M·B, Kt, D]
//   z    = f_θ(context patches)                                    [B, Kc, D]
//   ŷ    = g_φ(z, target positions)                                [M·B, Kt, D]
//   loss = mean (ŷ − h)² (or smooth-L1)
import * as tf from '@tensorflow/tfjs';
import { gridSize, type JepaConfig } from '../../main/common/config.ts';
import type { MaskBatch } from '../../main/common/masks.ts';
import { layerNorm, patchify, selectPatches, type Jepa, type VisionTransformer } from './model.ts';

/** What the step computation needs: the config, the networks, patches per image N, values per patch P. */
export interface StepModel {
  config: JepaConfig;
  model: Jepa;
  N: number;
  P: number;
}

export function stepModel(config: JepaConfig, model: Jepa): StepModel {
  return { config, model, N: gridSize(config) ** 2, P: config.data.channels * config.mask.patch_size ** 2 };
}

/** Per-element prediction loss, [..] → same shape. */
export function elementLoss(pred: tf.Tensor, target: tf.Tensor, kind: JepaConfig['meta']['loss']): tf.Tensor {
  const d = tf.sub(pred, target); // not squaredDifference: its gradient throws when it broadcasts
  if (kind === 'l2') return tf.square(d);
  // smooth-L1 with beta = 1 (F.smooth_l1_loss): 0.5·d² if |d| < 1 else |d| − 0.5
  const a = tf.abs(d);
  const q = tf.minimum(a, 1);
  return tf.add(tf.mul(tf.square(q), 0.5), tf.sub(a, q));
}

/** Targets: layer_norm of f_ξ on all patches, at the target positions → [M·B, Kt, D] (mask-major). */
export function targets(s: StepModel, all: tf.Tensor, tgt: number[][][]): tf.Tensor {
  const B = tgt.length;
  const M = tgt[0].length;
  const Kt = tgt[0][0].length;
  const enc = s.model.target;
  const h = layerNorm(enc.forward(all, enc.posEmbed), null); // [B, N, D], F.layer_norm (no affine, eps 1e-5)
  const rows = new Int32Array(M * B * Kt);
  let o = 0;
  for (let m = 0; m < M; m++) for (let b = 0; b < B; b++) for (const i of tgt[b][m]) rows[o++] = b * s.N + i;
  return tf.gather(h.reshape([B * s.N, enc.dim]), tf.tensor1d(rows, 'int32')).reshape([M * B, Kt, enc.dim]);
}

/**
 * The context encoder on each image's context patches, z [n, Kc, D], and the
 * predictor's guesses at its target blocks, pred [M·n, Kt, D] (mask-major);
 * patches [n, N, P] flat.
 */
export function predict(s: StepModel, patches: Float32Array, masks: MaskBatch): { z: tf.Tensor; pred: tf.Tensor } {
  const n = masks.context.length;
  const Kc = masks.context[0].length;
  const ctx = tf.tensor3d(selectPatches(patches, n, s.N, s.P, masks.context), [n, Kc, s.P]); // [n, Kc, P]
  const z = s.model.encoder.forward(ctx, s.model.encoder.positions(masks.context)); // [n, Kc, D]
  return { z, pred: s.model.predictor.forward(z, masks.context, masks.targets) };
}

/** What the batch regularizers see: the pooled context features z [n, Kc, D] → [n, D], through the projector if there is one → [n, H]. */
export function regFeatures(s: StepModel, z: tf.Tensor): tf.Tensor {
  const pooled = tf.mean(z, 1); // [n, D]
  return s.model.projector ? s.model.projector.forward(pooled) : pooled;
}


/** Average-pooled target-encoder features of normalised images x [n, S, S, C] → [n, D] (downstream features). */
export function poolFeatures(s: StepModel, x: Float32Array, n: number, batch = 256): Float32Array {
  return poolEncoderFeatures(s.model.target, s.config, x, n, batch);
}

/** poolFeatures, read asynchronously (every backend; the only way on webgpu under Node). */
export function poolFeaturesAsync(s: StepModel, x: Float32Array, n: number, batch = 256): Promise<Float32Array> {
  return poolEncoderFeaturesAsync(s.model.target, s.config, x, n, batch);
}

/**
 * poolFeatures with an encoder alone (the features job builds only the target
 * encoder); `transientWeights` as VisionTransformer.infer (big models on wasm).
 */
export function poolEncoderFeatures(enc: VisionTransformer, config: JepaConfig, x: Float32Array, n: number, batch = 256, transientWeights = false): Float32Array {
  const D = enc.dim;
  const out = new Float32Array(n * D);
  for (let i0 = 0; i0 < n; i0 += batch) {
    const f = pooledChunk(enc, config, x, n, i0, Math.min(batch, n - i0), transientWeights);
    out.set(f.dataSync(), i0 * D);
    f.dispose();
  }
  return out;
}

/** poolEncoderFeatures, read asynchronously. */
export async function poolEncoderFeaturesAsync(enc: VisionTransformer, config: JepaConfig, x: Float32Array, n: number, batch = 256, transientWeights = false): Promise<Float32Array> {
  const D = enc.dim;
  const out = new Float32Array(n * D);
  for (let i0 = 0; i0 < n; i0 += batch) {
    const f = pooledChunk(enc, config, x, n, i0, Math.min(batch, n - i0), transientWeights);
    out.set(await f.data(), i0 * D);
    f.dispose();
  }
  return out;
}

/** The pooled features of images [i0, i0 + m) of x, as a tensor [m, D]. */
function pooledChunk(enc: VisionTransformer, config: JepaConfig, x: Float32Array, n: number, i0: number, m: number, transientWeights: boolean): tf.Tensor {
  const { crop_size: S, channels: C } = config.data;
  const N = gridSize(config) ** 2;
  const P = C * config.mask.patch_size ** 2;
  if (x.length !== n * S * S * C) throw new Error(`features: expected ${n}×${S}×${S}×${C} values, got ${x.length}`);
  const patches = patchify(x.subarray(i0 * S * S * C, (i0 + m) * S * S * C), m, S, C, config.mask.patch_size); // [m, N, P]
  return tf.tidy(() => tf.mean(enc.infer(tf.tensor3d(patches, [m, N, P]), enc.posEmbed, transientWeights), 1)); // [m, D]
}

/**
 * Images per forward pass for features, so that a pass's activations stay
 * within FEATURE_ACTIVATION_BYTES whatever the model: the largest live tensors
 * of a block are the MLP's hidden activations and the attention matrix.
 */
export const FEATURE_ACTIVATION_BYTES = 256 * 2 ** 20;

/**
 * Encoder weights above which the wasm backend multiplies by transient copies
 * (VisionTransformer.infer): its heap is capped at 4 GiB, and the packed copies
 * XNNPACK keeps of every matrix would double the weights.
 */
export const WASM_TRANSIENT_WEIGHTS_BYTES = 2 ** 30;
export function featureBatch(config: JepaConfig, max = 256): number {
  const N = gridSize(config) ** 2;
  const { embed_dim: D, mlp_ratio, num_heads: H } = config.model;
  // per image: the MLP's hidden activations (fc1's output and GELU's intermediates), the attention scores and their softmax, and the residual stream
  const perImage = 4 * (3 * N * Math.floor(D * mlp_ratio) + 2 * H * N * N + 4 * N * D);
  return Math.max(1, Math.min(max, Math.floor(FEATURE_ACTIVATION_BYTES / perImage)));
}

/** Per-token prediction loss (mean over features) for given images and masks → [M·B, Kt], mask-major. */
export function tokenErrors(s: StepModel, x: Float32Array, masks: MaskBatch): Float32Array {
  const err = tokenErrorTensor(s, x, masks);
  const e = err.dataSync() as Float32Array;
  err.dispose();
  return e;
}

async function tokenErrorsAsync(s: StepModel, x: Float32Array, masks: MaskBatch): Promise<Float32Array> {
  const err = tokenErrorTensor(s, x, masks);
  const e = (await err.data()) as Float32Array;
  err.dispose();
  return e;
}

function tokenErrorTensor(s: StepModel, x: Float32Array, masks: MaskBatch): tf.Tensor {
  const cfg = s.config;
  const B = masks.context.length;
  const { crop_size: S, channels: C } = cfg.data;
  if (x.length !== B * S * S * C) throw new Error(`expected ${B}×${S}×${S}×${C} image values for ${B} masks, got ${x.length}`);
  const patches = patchify(x, B, S, C, cfg.mask.patch_size); // [B, N, P]
  return tf.tidy(() => {
    const h = targets(s, tf.tensor3d(patches, [B, s.N, s.P]), masks.targets); // [M·B, Kt, D]
    const { pred } = predict(s, patches, masks); // [M·B, Kt, D]
    return tf.mean(elementLoss(pred, h, cfg.meta.loss), -1); // [M·B, Kt]
  });
}

/**
 * Per-patch prediction loss [B, grid²] for given images and masks (mean over
 * features; patches in several target blocks average them); NaN off the targets.
 */
export function predictionError(s: StepModel, x: Float32Array, masks: MaskBatch): Float32Array {
  return perPatch(s, masks, tokenErrors(s, x, masks));
}

/** predictionError, read asynchronously (every backend). */
export async function predictionErrorAsync(s: StepModel, x: Float32Array, masks: MaskBatch): Promise<Float32Array> {
  return perPatch(s, masks, await tokenErrorsAsync(s, x, masks));
}

function perPatch(s: StepModel, masks: MaskBatch, e: Float32Array): Float32Array {
  const B = masks.context.length;
  const M = masks.targets[0].length;
  const Kt = masks.targets[0][0].length;
  const sum = new Float64Array(B * s.N);
  const count = new Uint16Array(B * s.N);
  for (let m = 0; m < M; m++)
    for (let b = 0; b < B; b++)
      for (let k = 0; k < Kt; k++) {
        const j = b * s.N + masks.targets[b][m][k];
        sum[j] += e[(m * B + b) * Kt + k];
        count[j]++;
      }
  const out = new Float32Array(B * s.N);
  for (let j = 0; j < out.length; j++) out[j] = count[j] ? sum[j] / count[j] : NaN;
  return out;
}
