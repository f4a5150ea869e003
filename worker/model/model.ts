// I-JEPA networks in TensorFlow.js: the ViT context/target encoder and the
// predictor, faithful to facebookresearch/ijepa (src/models/vision_transformer.py).
//
// Shapes use B = images, N = grid², K = kept tokens, D = embed dim,
// Dp = predictor dim, H = heads, hd = head dim, P = C·p·p (a flattened patch).
//
// Written around what is fast and what works on the wasm backend (docs/tfjs-notes.md):
// - linear layers keep weights as [in, out] and use a custom gradient built from
//   explicit transposes and plain 2-D matMuls (the XNNPACK path), or from
//   transpose-flagged matMuls where the BLAS kernels serve them (setModelKernels);
// - the patch embedding is a linear layer on flattened patches (no conv backprop
//   on wasm); patches are flattened C-major (c, ky, kx) like PyTorch's conv
//   weight, so `patch_embed.proj.weight` [D, C, p, p] is the transposed matrix;
// - nothing trainable is ever gathered: token selection happens on the input
//   patches and the constant position tables, before any trainable op;
// - attention tensors stay rank ≤ 4, and on wasm without the BLAS kernels QKᵀ and
//   A·V run as depthwise convolutions (XNNPACK) instead of batched matMuls (a scalar loop there).
import * as tf from '@tensorflow/tfjs';
import type { JepaConfig } from '../../main/common/config.ts';
import type { ModelKernels } from '../../main/common/protocol.ts';
import { gridSize } from '../../main/common/config.ts';
import { Rng, Stream } from '../../main/common/rng.ts';
import { ATTENTION_GRAD_KERNEL, ATTENTION_KERNEL, blasKernelsActive, GELU_GRAD_KERNEL, GELU_KERNEL, LAYER_NORM_GRAD_KERNEL, LAYER_NORM_KERNEL } from '../backend/blas-kernels.ts';

export const LN_EPS = 1e-6; // nn.LayerNorm(eps=1e-6) in the reference ViT
export const TARGET_LN_EPS = 1e-5; // F.layer_norm(h, (D,)) on the targets (PyTorch default eps)

// ---------------------------------------------------------------------------
// Parameters

/** How a parameter is stored here vs in PyTorch (for checkpoints). */
export type Layout =
  | 'linear' // here [in, out], PyTorch nn.Linear.weight [out, in]
  | 'patch' // here [C·p·p, D], PyTorch conv weight [D, C, p, p]
  | 'plain'; // same shape and order

export interface Param {
  /** official PyTorch name, e.g. `blocks.0.attn.qkv.weight` */
  name: string;
  v: tf.Variable;
  layout: Layout;
  /** AdamW weight decay applies (not for biases and 1-D parameters) */
  decay: boolean;
}

/** Overwrite a parameter's values (same shape, row-major) without leaving a tensor behind. */
export function assignValues(p: Param, values: Float32Array): void {
  const t = tf.tensor(values, p.v.shape, 'float32');
  p.v.assign(t);
  t.dispose();
}

export interface Linear {
  w: tf.Variable; // [in, out]
  b: tf.Variable; // [out]
}
export interface LayerNorm {
  g: tf.Variable; // [D]
  b: tf.Variable; // [D]
}
export interface Block {
  norm1: LayerNorm;
  qkv: Linear; // D → 3D, output columns ordered (q|k|v, head, hd) like PyTorch
  proj: Linear; // D → D
  norm2: LayerNorm;
  fc1: Linear; // D → mlp·D
  fc2: Linear; // mlp·D → D
}

/** Truncated normal as timm's trunc_normal_(std, a=-2, b=2): absolute bounds ±2. */
export function truncNormal(n: number, std: number, rng: Rng): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let v: number;
    do v = rng.normal() * std;
    while (v < -2 || v > 2);
    out[i] = v;
  }
  return out;
}

/** Collects the parameters of one module under their official names. */
class ParamBuilder {
  readonly params: Param[] = [];
  constructor(
    private readonly rng: Rng,
    private readonly trainable: boolean,
    /** zeros instead of random weights: the values will be loaded (drawing a ViT-H's init takes tens of seconds) */
    private readonly zeros = false,
  ) {}
  add(name: string, shape: number[], values: Float32Array, layout: Layout): tf.Variable {
    const init = tf.tensor(values, shape, 'float32');
    const v = tf.variable(init, this.trainable, `${name}_${nextVarId++}`);
    // the variable shares init's buffer; a live init would keep that buffer after the first assign (a checkpoint load), doubling the model's memory
    init.dispose();
    this.params.push({ name, v, layout, decay: shape.length > 1 && !name.endsWith('bias') }); // reference WD_exclude groups
    return v;
  }
  normal(name: string, shape: number[], std: number, layout: Layout): tf.Variable {
    const n = shape.reduce((a, b) => a * b, 1);
    return this.add(name, shape, this.zeros ? new Float32Array(n) : truncNormal(n, std, this.rng), layout);
  }
  fill(name: string, shape: number[], value: number): tf.Variable {
    return this.add(name, shape, new Float32Array(shape.reduce((a, b) => a * b, 1)).fill(value), 'plain');
  }
  linear(name: string, nIn: number, nOut: number, std: number, layout: Layout = 'linear'): Linear {
    return { w: this.normal(`${name}.weight`, [nIn, nOut], std, layout), b: this.fill(`${name}.bias`, [nOut], 0) };
  }
  layerNorm(name: string, d: number): LayerNorm {
    return { g: this.fill(`${name}.weight`, [d], 1), b: this.fill(`${name}.bias`, [d], 0) };
  }
  /** A transformer block; `layerId` is 1-based for the reference's 1/sqrt(2·layer_id) rescale. */
  block(name: string, d: number, mlpRatio: number, std: number, layerId: number): Block {
    const hidden = Math.floor(d * mlpRatio);
    const blk: Block = {
      norm1: this.layerNorm(`${name}.norm1`, d),
      qkv: this.linear(`${name}.attn.qkv`, d, 3 * d, std),
      proj: this.linear(`${name}.attn.proj`, d, d, std),
      norm2: this.layerNorm(`${name}.norm2`, d),
      fc1: this.linear(`${name}.mlp.fc1`, d, hidden, std),
      fc2: this.linear(`${name}.mlp.fc2`, hidden, d, std),
    };
    // reference fix_init_weight(): attn.proj and mlp.fc2 weights /= sqrt(2·layer_id)
    const s = 1 / Math.sqrt(2 * layerId);
    for (const w of [blk.proj.w, blk.fc2.w]) tf.tidy(() => w.assign(w.mul(s)));
    return blk;
  }
}
let nextVarId = 0;

// ---------------------------------------------------------------------------
// Fixed 2-D sin-cos positions (reference get_2d_sincos_pos_embed)

/**
 * [grid², dim] table. As the reference: np.meshgrid(w, h) puts the column index
 * first, so the first dim/2 channels encode the column and the last dim/2 the
 * row; each half is [sin(pos·ω), cos(pos·ω)] with ω_k = 10000^(-k/(dim/4)).
 */
export function sincos2d(dim: number, grid: number): Float32Array {
  const out = new Float32Array(grid * grid * dim);
  const half = dim / 2;
  const quarter = dim / 4;
  for (let i = 0; i < grid; i++) {
    for (let j = 0; j < grid; j++) {
      const row = out.subarray((i * grid + j) * dim, (i * grid + j + 1) * dim);
      for (let k = 0; k < quarter; k++) {
        const omega = 1 / Math.pow(10000, k / quarter);
        row[k] = Math.sin(j * omega);
        row[quarter + k] = Math.cos(j * omega);
        row[half + k] = Math.sin(i * omega);
        row[half + quarter + k] = Math.cos(i * omega);
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Ops

type CustomGradFunc = Parameters<typeof tf.customGrad>[0];

/**
 * The kernel choices. linearGrad: 'transpose' = explicit transposes and plain matMuls
 * (the only fast path of the wasm kernels), 'flags' = matMuls with transpose flags (no
 * copies; fast with the BLAS kernels, worker/backend/blas-kernels.ts), 'auto' = flags
 * where the BLAS serves the wasm backend's matMuls, transposes elsewhere. attention:
 * see attentionCore below.
 */
const kernels: ModelKernels = { attention: 'auto', linearGrad: 'auto' };
export function setModelKernels(choice: Partial<ModelKernels>): void {
  Object.assign(kernels, choice);
}
/** The kernel choices in force (gradient threads copy them from the main thread). */
export function modelKernels(): ModelKernels {
  return { ...kernels };
}
function useFlags(): boolean {
  return kernels.linearGrad === 'flags' || (kernels.linearGrad === 'auto' && blasKernelsActive());
}

/** dA, dB of a·b from dy: transpose-flagged matMuls or explicit transposes (see setModelKernels). */
function matMulGrads(dy: tf.Tensor2D, a: tf.Tensor2D, b: tf.Tensor2D): [tf.Tensor2D, tf.Tensor2D] {
  if (useFlags()) return [tf.matMul(dy, b, false, true), tf.matMul(a, dy, true, false)];
  return [tf.matMul(dy, tf.transpose(b)), tf.matMul(tf.transpose(a), dy)];
}

/**
 * x·W + b for 2-D x with its gradient as two matMuls and a sum (matMulGrads),
 * chosen per backend: tfjs' own MatMul gradient uses transpose flags, the slow
 * path of the wasm kernels.
 */
const linear2d = tf.customGrad(((x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D, save: tf.GradSaveFunc) => {
  save([x, w]);
  const value = tf.fused.matMul({ a: x, b: w, bias: b }); // [M, out]; the bias added inside the matMul kernel
  const gradFunc = (dy: tf.Tensor2D, saved: tf.Tensor[]) => {
    const [xs, ws] = saved as [tf.Tensor2D, tf.Tensor2D];
    const [dx, dw] = matMulGrads(dy, xs, ws); // dx [M, in], dW [in, out]
    return [dx, dw, tf.sum(dy, 0)]; // db [out]
  };
  return { value, gradFunc };
}) as unknown as CustomGradFunc) as unknown as (x: tf.Tensor, w: tf.Tensor, b: tf.Tensor) => tf.Tensor2D;

/** Linear layer on [..., in] → [..., out]. */
export function linear(x: tf.Tensor, p: Linear): tf.Tensor {
  const [nIn, nOut] = p.w.shape;
  const lead = x.shape.slice(0, -1);
  const y = linear2d(x.reshape([-1, nIn]), p.w, p.b); // [M, out]
  return lead.length === 1 ? y : y.reshape([...lead, nOut]);
}

/** 2-D matMul a·b with the same gradient (no bias). */
export const matMul2d = tf.customGrad(((a: tf.Tensor2D, b: tf.Tensor2D, save: tf.GradSaveFunc) => {
  save([a, b]);
  const gradFunc = (dy: tf.Tensor2D, saved: tf.Tensor[]) => {
    const [as, bs] = saved as [tf.Tensor2D, tf.Tensor2D];
    return matMulGrads(dy, as, bs);
  };
  return { value: tf.matMul(a, b), gradFunc };
}) as unknown as CustomGradFunc) as unknown as (a: tf.Tensor, b: tf.Tensor) => tf.Tensor2D;

/**
 * Normalise over the last axis: (x − mean) / sqrt(var + eps), biased variance as
 * PyTorch. Custom gradient (fewer kernels than autodiff; and tf.moments'
 * squaredDifference gradient throws when it broadcasts):
 * dx = rstd · (dx̂ − mean(dx̂) − x̂ · mean(dx̂ · x̂)).
 */
function makeNormalize(eps: number): (x: tf.Tensor) => tf.Tensor {
  return tf.customGrad(((x: tf.Tensor, save: tf.GradSaveFunc) => {
    if (blasKernelsActive()) {
      // one fused kernel of the addon each way (worker/backend/blas-kernels.ts), the same formulas
      const [xhat, rstd] = tf.engine().runKernel(LAYER_NORM_KERNEL, { x }, { eps }) as tf.Tensor[];
      save([xhat, rstd]);
      const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]) => [tf.engine().runKernel(LAYER_NORM_GRAD_KERNEL, { xhat: saved[0], rstd: saved[1], dy }) as tf.Tensor];
      return { value: xhat, gradFunc };
    }
    const mu = tf.mean(x, -1, true); // [..., 1]
    const xc = tf.sub(x, mu);
    const rstd = tf.rsqrt(tf.add(tf.mean(tf.square(xc), -1, true), eps)); // [..., 1]
    const xhat = tf.mul(xc, rstd);
    save([xhat, rstd]);
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [xh, rs] = saved;
      const a = tf.mean(dy, -1, true);
      const b = tf.mean(tf.mul(dy, xh), -1, true);
      return [tf.mul(tf.sub(tf.sub(dy, a), tf.mul(xh, b)), rs)];
    };
    return { value: xhat, gradFunc };
  }) as unknown as CustomGradFunc) as unknown as (x: tf.Tensor) => tf.Tensor;
}
const normalizers = new Map<number, (x: tf.Tensor) => tf.Tensor>();

/**
 * LayerNorm over the last axis. The ViT's nn.LayerNorm uses eps 1e-6; with
 * p = null it is F.layer_norm without affine (the targets: eps 1e-5, PyTorch's default).
 */
export function layerNorm(x: tf.Tensor, p: LayerNorm | null, eps = p ? LN_EPS : TARGET_LN_EPS): tf.Tensor {
  let norm = normalizers.get(eps);
  if (!norm) normalizers.set(eps, (norm = makeNormalize(eps)));
  const y = norm(x);
  return p ? tf.add(tf.mul(y, p.g), p.b) : y;
}

/**
 * e^y for y ≤ 0 as s / (1 − s) with s = sigmoid(y): on wasm, Exp is a scalar
 * loop and Sigmoid an XNNPACK kernel (docs/bench/README.md). Exact up to float rounding (1 − s ≥ ½ for y ≤ 0, so nothing cancels).
 */
function expNonPositive(y: tf.Tensor): tf.Tensor {
  const s = tf.sigmoid(y);
  return tf.div(s, tf.sub(1, s));
}

/**
 * Exact (erf) GELU, as PyTorch nn.GELU(): x·Φ(x). Custom gradient
 * Φ(x) + x·φ(x) with Φ saved from the forward pass. Where the BLAS addon serves
 * the wasm backend, each direction is one fused kernel of the addon
 * (worker/backend/blas-kernels.ts) instead of five and nine tfjs kernels.
 */
export const gelu = tf.customGrad(((x: tf.Tensor, save: tf.GradSaveFunc) => {
  if (blasKernelsActive()) {
    const [value, cdf] = tf.engine().runKernel(GELU_KERNEL, { x }) as tf.Tensor[];
    save([x, cdf]);
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]) => [tf.engine().runKernel(GELU_GRAD_KERNEL, { x: saved[0], cdf: saved[1], dy }) as tf.Tensor];
    return { value, gradFunc };
  }
  const cdf = tf.add(tf.mul(tf.erf(tf.mul(x, Math.SQRT1_2)), 0.5), 0.5); // Φ(x)
  save([x, cdf]);
  const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]) => {
    const [xs, c] = saved;
    const pdf = tf.mul(expNonPositive(tf.mul(tf.square(xs), -0.5)), 1 / Math.sqrt(2 * Math.PI)); // φ(x)
    return [tf.mul(dy, tf.add(c, tf.mul(xs, pdf)))];
  };
  return { value: tf.mul(x, cdf), gradFunc };
}) as unknown as CustomGradFunc) as unknown as (x: tf.Tensor) => tf.Tensor;

// ---------------------------------------------------------------------------
// Attention
//
// On wasm a batched matMul (QKᵀ, A·V) runs a scalar loop, many times slower than
// XNNPACK's plain matMul (docs/bench/README.md). A per-channel product is a depthwise convolution, which XNNPACK
// serves much faster: with channel c = (b, h) holding one matrix pair, the
// "image" [m, k] convolved with a 1×k filter whose n multiplier outputs are the
// columns of the right matrix gives out[i, c·n + j] = Σ_p a[c, i, p]·b[c, p, j]
// (exact, the same sums). Layouts are chosen so that every operand is at most
// one rank-≤4 transpose away; the gradient is written with the same trick.

// kernels.attention: 'auto' = the addon's fused kernel where the BLAS kernels serve the wasm backend,
// depthwise-conv kernels on wasm without them, batched matMuls elsewhere; 'conv' / 'matmul' / 'fused'
// force one (tests, benchmarks; 'fused' only where the BLAS kernels are active, else as 'auto').
function useConvAttention(): boolean {
  return kernels.attention === 'conv' || (kernels.attention === 'auto' && tf.getBackend() === 'wasm' && !blasKernelsActive());
}
function useFusedAttention(): boolean {
  return (kernels.attention === 'auto' || kernels.attention === 'fused') && blasKernelsActive();
}

/**
 * softmax(scale·q·kᵀ)·v per image and head, read straight from the qkv projection [B·K, 3D]
 * (columns q|k|v, head, hd) → [B·K, D]: one kernel of the addon each way, where the split, the
 * head transposes, two batched matMuls and the softmax take a dozen tfjs kernels forward and
 * twice that back. The scale multiplies the scores, as the reference's attention does.
 */
function fusedAttention(qkv: tf.Tensor, B: number, K: number, heads: number): tf.Tensor {
  const attrs = { batch: B, tokens: K, heads, scale: 1 / Math.sqrt(qkv.shape[1]! / (3 * heads)) };
  const f = tf.customGrad(((x: tf.Tensor, save: tf.GradSaveFunc) => {
    const [value, probs] = tf.engine().runKernel(ATTENTION_KERNEL, { qkv: x }, attrs) as tf.Tensor[];
    save([x, probs]);
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]) => [tf.engine().runKernel(ATTENTION_GRAD_KERNEL, { qkv: saved[0], probs: saved[1], dy }, attrs) as tf.Tensor];
    return { value, gradFunc };
  }) as unknown as CustomGradFunc) as unknown as (x: tf.Tensor) => tf.Tensor;
  return f(qkv);
}

/** Per-channel a[c]·b[c] as a depthwise conv: x [m, k, C] (image m×k, C channels), f [k, C, n] → [m, C, n]. */
function dwProduct(x: tf.Tensor, f: tf.Tensor): tf.Tensor {
  const [m, k, C] = x.shape as [number, number, number];
  const n = f.shape[2] as number;
  const y = tf.depthwiseConv2d(x.reshape([1, m, k, C]) as tf.Tensor4D, f.reshape([1, k, C, n]) as tf.Tensor4D, 1, 'valid'); // [1, m, 1, C·n]
  return y.reshape([m, C, n]);
}

/**
 * softmax(q·kᵀ)·v per (image, head) for q (already scaled), k, v [B, K, H, hd] → [B, K, H·hd].
 * Internal layouts: C = B·H channels (b-major); scores and probabilities [Ki, C, Kj].
 */
const convAttention = tf.customGrad(((q: tf.Tensor, k: tf.Tensor, v: tf.Tensor, save: tf.GradSaveFunc) => {
  const [B, K, H, hd] = q.shape as [number, number, number, number];
  const C = B * H;
  const kF = tf.transpose(k, [3, 0, 2, 1]).reshape([hd, C, K]); // [hd, C, Kj]
  const vF = tf.transpose(v, [1, 0, 2, 3]).reshape([K, C, hd]); // [Kj, C, hd]
  const scores = dwProduct(tf.transpose(q, [1, 3, 0, 2]).reshape([K, hd, C]), kF); // [Ki, C, Kj] = q·kᵀ
  const att = tf.softmax(scores); // [Ki, C, Kj]
  const y = dwProduct(tf.transpose(att, [0, 2, 1]), vF); // [Ki, C, hd] = att·v
  save([q, k, att, vF]);
  const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]) => {
    const [qs, ks, a, vf] = saved; // q, k [B, K, H, hd]; a [Ki, C, Kj]; vf [Kj, C, hd]
    const dyT = tf.transpose(dy.reshape([B, K, H * hd]), [1, 0, 2]).reshape([K, C, hd]); // [Ki, C, hd]
    const toBKD = (t: tf.Tensor) => tf.transpose(t.reshape([K, B, H * hd]), [1, 0, 2]).reshape([B, K, H, hd]); // [K, C, hd] → [B, K, H, hd]
    const dv = dwProduct(tf.transpose(a, [2, 0, 1]), dyT); // [Kj, C, hd] = aᵀ·dy
    const da = dwProduct(tf.transpose(dyT, [0, 2, 1]), tf.transpose(vf, [2, 1, 0])); // [Ki, C, Kj] = dy·vᵀ
    const ds = tf.mul(a, tf.sub(da, tf.sum(tf.mul(da, a), -1, true))); // softmax backward [Ki, C, Kj]
    const dq = dwProduct(tf.transpose(ds, [0, 2, 1]), tf.transpose(ks, [1, 0, 2, 3]).reshape([K, C, hd])); // [Ki, C, hd] = ds·k
    const dk = dwProduct(tf.transpose(ds, [2, 0, 1]), tf.transpose(qs, [1, 0, 2, 3]).reshape([K, C, hd])); // [Kj, C, hd] = dsᵀ·q
    return [toBKD(dq), toBKD(dk), toBKD(dv)];
  };
  const value = tf.transpose(y.reshape([K, B, H * hd]), [1, 0, 2]); // [B, K, H·hd]
  return { value, gradFunc };
}) as unknown as CustomGradFunc) as unknown as (q: tf.Tensor, k: tf.Tensor, v: tf.Tensor) => tf.Tensor;

/** The same with batched matMuls and tfjs autodiff (fast on tfjs-node; the reference for tests). */
function matMulAttention(q: tf.Tensor, k: tf.Tensor, v: tf.Tensor): tf.Tensor {
  const [B, K, H, hd] = q.shape as [number, number, number, number];
  const heads = (t: tf.Tensor) => tf.transpose(t, [0, 2, 1, 3]).reshape([B * H, K, hd]); // [B·H, K, hd]
  const att = tf.softmax(tf.matMul(heads(q), heads(k), false, true)); // [B·H, K, K]
  const y = tf.matMul(att, heads(v)); // [B·H, K, hd]
  return tf.transpose(y.reshape([B, H, K, hd]), [0, 2, 1, 3]).reshape([B, K, H * hd]); // [B, K, H·hd]
}

/** softmax(q·kᵀ)·v for q (already scaled), k, v [B, K, H, hd] → [B, K, H·hd]. */
export function attentionCore(q: tf.Tensor, k: tf.Tensor, v: tf.Tensor): tf.Tensor {
  return useConvAttention() ? convAttention(q, k, v) : matMulAttention(q, k, v);
}

/** Multi-head self-attention on x [B, K, D] (rank ≤ 4 throughout). */
function attention(x: tf.Tensor, blk: Block, heads: number): tf.Tensor {
  const [B, K, D] = x.shape;
  const hd = D / heads;
  const qkv = linear(x.reshape([B * K, D]), blk.qkv); // [B·K, 3D], columns (q|k|v, head, hd) as PyTorch
  if (useFusedAttention()) return linear(fusedAttention(qkv, B, K, heads), blk.proj).reshape([B, K, D]);
  const [q, k, v] = tf.split(qkv, 3, 1); // 3 × [B·K, D]
  const split = (t: tf.Tensor) => t.reshape([B, K, heads, hd]);
  const y = attentionCore(split(tf.mul(q, 1 / Math.sqrt(hd))), split(k), split(v)); // [B, K, D]; qk_scale = hd^-0.5
  return linear(y.reshape([B * K, D]), blk.proj).reshape([B, K, D]);
}

/** Pre-norm transformer block: x + attn(norm1(x)), then x + mlp(norm2(x)). */
export function block(x: tf.Tensor, blk: Block, heads: number): tf.Tensor {
  x = tf.add(x, attention(layerNorm(x, blk.norm1), blk, heads)); // [B, K, D]
  const h = gelu(linear(layerNorm(x, blk.norm2), blk.fc1)); // [B, K, mlp·D]
  return tf.add(x, linear(h, blk.fc2)); // [B, K, D]
}

// ---------------------------------------------------------------------------
// Vision transformer (context and target encoder)

export class VisionTransformer {
  readonly params: Param[];
  readonly patchEmbed: Linear; // [P, D], PyTorch patch_embed.proj
  readonly blocks: Block[];
  readonly norm: LayerNorm;
  /** fixed sin-cos positions × model.pos_scale, [N, D] (PyTorch `pos_embed` [1, N, D], requires_grad=False) */
  readonly posEmbed: tf.Tensor2D;
  readonly dim: number;
  readonly heads: number;
  readonly patchDim: number;
  readonly numPatches: number;

  /** `zeros`: skip the random init, for weights about to be loaded from a checkpoint. */
  constructor(cfg: JepaConfig, rng: Rng, trainable = true, zeros = false) {
    const { embed_dim: D, depth, num_heads, mlp_ratio, init_std, patch_init_std, pos_scale } = cfg.model;
    const p = cfg.mask.patch_size;
    const grid = gridSize(cfg);
    this.dim = D;
    this.heads = num_heads;
    this.patchDim = cfg.data.channels * p * p;
    this.numPatches = grid * grid;
    const pb = new ParamBuilder(rng, trainable, zeros);
    this.patchEmbed = pb.linear('patch_embed.proj', this.patchDim, D, patch_init_std > 0 ? patch_init_std : init_std, 'patch');
    this.blocks = [];
    for (let i = 0; i < depth; i++) this.blocks.push(pb.block(`blocks.${i}`, D, mlp_ratio, init_std, i + 1));
    this.norm = pb.layerNorm('norm', D);
    this.params = pb.params;
    this.posEmbed = tf.keep(tf.tidy(() => tf.mul(tf.tensor2d(sincos2d(D, grid), [this.numPatches, D]), pos_scale) as tf.Tensor2D));
  }

  /**
   * Encode the kept tokens of each image.
   * patches [B, K, P] (flattened C-major), pos [B, K, D] (rows of posEmbed) → [B, K, D]
   */
  forward(patches: tf.Tensor, pos: tf.Tensor): tf.Tensor {
    return layerNorm(this.blockOutputs(patches, pos).at(-1)!, this.norm); // [B, K, D]
  }

  /**
   * forward for inference (no gradients): the same ops, each block in its own
   * tidy, so one block's temporaries are alive at a time instead of every
   * block's (which is what a big model's batch would otherwise need).
   */
  infer(patches: tf.Tensor, pos: tf.Tensor, transientWeights = false): tf.Tensor {
    // transientWeights: XNNPACK (wasm) keeps a packed copy of every weight matrix it multiplies for as long as
    // the matrix lives (twice a model's weights); multiplying by a copy made in the block's tidy frees it with the copy
    const fresh = (l: Linear): Linear => (transientWeights ? { w: tf.mul(l.w, 1) as tf.Variable, b: l.b } : l);
    let x = tf.tidy(() => tf.add(linear(patches, fresh(this.patchEmbed)), pos)); // [B, K, D]
    for (const blk of this.blocks) {
      const next = tf.tidy(() => block(x, transientWeights ? { ...blk, qkv: fresh(blk.qkv), proj: fresh(blk.proj), fc1: fresh(blk.fc1), fc2: fresh(blk.fc2) } : blk, this.heads));
      x.dispose();
      x = next;
    }
    const out = layerNorm(x, this.norm);
    x.dispose();
    return out;
  }

  /** Every block's output before the final norm, as forward computes them: depth × [B, K, D]. */
  blockOutputs(patches: tf.Tensor, pos: tf.Tensor): tf.Tensor[] {
    let x = tf.add(linear(patches, this.patchEmbed), pos); // [B, K, D]
    const out: tf.Tensor[] = [];
    for (const blk of this.blocks) out.push((x = block(x, blk, this.heads)));
    return out;
  }

  /** Position rows for token indices: idx [B][K] → [B, K, D] (a gather of a constant). */
  positions(idx: number[][]): tf.Tensor {
    return gatherRows(this.posEmbed, idx);
  }

  /** Copy all weights from another ViT of the same shape (target encoder init). */
  copyFrom(other: VisionTransformer): void {
    this.params.forEach((p, i) => p.v.assign(other.params[i].v));
  }

  dispose(): void {
    for (const p of this.params) p.v.dispose();
    this.posEmbed.dispose();
  }
}

// ---------------------------------------------------------------------------
// Predictor (reference VisionTransformerPredictor)

export class Predictor {
  readonly params: Param[];
  readonly embed: Linear; // D → Dp
  readonly maskToken: tf.Variable; // [1, 1, Dp]
  readonly blocks: Block[];
  readonly norm: LayerNorm;
  readonly proj: Linear; // Dp → D
  /** fixed sin-cos positions [N, Dp] (PyTorch `predictor_pos_embed`) */
  readonly posEmbed: tf.Tensor2D;
  readonly dim: number;
  readonly heads: number;

  constructor(cfg: JepaConfig, rng: Rng) {
    const D = cfg.model.embed_dim;
    const Dp = cfg.meta.pred_emb_dim;
    const std = cfg.model.init_std;
    const grid = gridSize(cfg);
    this.dim = Dp;
    this.heads = cfg.model.num_heads;
    const pb = new ParamBuilder(rng, true);
    this.embed = pb.linear('predictor_embed', D, Dp, std);
    this.maskToken = pb.normal('mask_token', [1, 1, Dp], std, 'plain');
    // No weight decay on the mask token (as asked for this project; the reference's
    // param groups would decay it: its shape [1, 1, Dp] is not 1-D and has no 'bias').
    pb.params[pb.params.length - 1].decay = false;
    this.blocks = [];
    for (let i = 0; i < cfg.meta.pred_depth; i++)
      this.blocks.push(pb.block(`predictor_blocks.${i}`, Dp, cfg.model.mlp_ratio, std, i + 1));
    this.norm = pb.layerNorm('predictor_norm', Dp);
    this.proj = pb.linear('predictor_proj', Dp, D, std);
    this.params = pb.params;
    this.posEmbed = tf.keep(tf.tensor2d(sincos2d(Dp, grid), [grid * grid, Dp]));
  }

  /**
   * Predict the target-block features from the context encoding.
   * z [B, Kc, D] context-encoder output; ctxIdx [B][Kc]; tgtIdx [B][M][Kt].
   * Returns [M·B, Kt, D], mask-major (row m·B + b), as the reference's
   * apply_masks / repeat ordering.
   */
  forward(z: tf.Tensor, ctxIdx: number[][], tgtIdx: number[][][]): tf.Tensor {
    const [B, Kc] = z.shape;
    const M = tgtIdx[0].length;
    const Kt = tgtIdx[0][0].length;
    const Dp = this.dim;
    let x = tf.add(linear(z, this.embed), gatherRows(this.posEmbed, ctxIdx)); // [B, Kc, Dp]
    x = M === 1 ? x : tf.concat(new Array<tf.Tensor>(M).fill(x), 0); // [M·B, Kc, Dp] (context repeated per target block)
    const tgtRows: number[][] = [];
    for (let m = 0; m < M; m++) for (let b = 0; b < B; b++) tgtRows.push(tgtIdx[b][m]);
    const tokens = tf.add(this.maskToken, gatherRows(this.posEmbed, tgtRows)); // [M·B, Kt, Dp]
    x = tf.concat([x, tokens], 1); // [M·B, Kc+Kt, Dp]
    for (const blk of this.blocks) x = block(x, blk, this.heads);
    x = layerNorm(x, this.norm);
    x = tf.slice(x, [0, Kc, 0], [M * B, Kt, Dp]); // [M·B, Kt, Dp] the mask tokens only
    return linear(x, this.proj); // [M·B, Kt, D]
  }

  dispose(): void {
    for (const p of this.params) p.v.dispose();
    this.posEmbed.dispose();
  }
}

// ---------------------------------------------------------------------------
// Projector (VICReg's expander, for the regularizers only; not part of the reference)

export class Projector {
  readonly params: Param[];
  readonly fc1: Linear; // D → H
  /** H → H, no bias: VICReg and the invariance term do not see a shift, so a bias would get only rounding noise as gradient */
  readonly fc2: tf.Variable;
  readonly dim: number;
  constructor(cfg: JepaConfig, rng: Rng) {
    const D = cfg.model.embed_dim;
    const H = cfg.regularization.projector_dim;
    const pb = new ParamBuilder(rng, true);
    this.fc1 = pb.linear('projector.0', D, H, cfg.model.init_std);
    this.fc2 = pb.normal('projector.2.weight', [H, H], cfg.model.init_std, 'linear');
    this.params = pb.params;
    this.dim = H;
  }

  /** pooled [n, D] → [n, H] */
  forward(x: tf.Tensor): tf.Tensor {
    return matMul2d(gelu(linear(x, this.fc1)) as tf.Tensor2D, this.fc2 as tf.Tensor2D);
  }

  dispose(): void {
    for (const p of this.params) p.v.dispose();
  }
}

// ---------------------------------------------------------------------------
// Inputs

/** Gather rows of a constant table: table [N, D], idx [B][K] → [B, K, D]. */
export function gatherRows(table: tf.Tensor2D, idx: number[][]): tf.Tensor {
  const B = idx.length;
  const K = idx[0].length;
  const flat = new Int32Array(B * K);
  for (let b = 0; b < B; b++) flat.set(idx[b], b * K);
  return tf.gather(table, tf.tensor1d(flat, 'int32')).reshape([B, K, table.shape[1]]);
}

/**
 * Cut images into flattened patches (plain JS, no tfjs):
 * x [B, S, S, C] → [B, N, C·p·p], each patch C-major (c, ky, kx) as PyTorch's conv.
 */
export function patchify(x: Float32Array, B: number, S: number, C: number, p: number): Float32Array {
  const g = S / p;
  const P = C * p * p;
  const out = new Float32Array(B * g * g * P);
  let o = 0;
  for (let b = 0; b < B; b++)
    for (let gi = 0; gi < g; gi++)
      for (let gj = 0; gj < g; gj++)
        for (let c = 0; c < C; c++)
          for (let ky = 0; ky < p; ky++) {
            let src = ((b * S + gi * p + ky) * S + gj * p) * C + c;
            for (let kx = 0; kx < p; kx++, src += C) out[o++] = x[src];
          }
  return out;
}

/** Select patches: all [B, N, P] → [B, K, P] for idx [B][K] (plain JS). */
export function selectPatches(all: Float32Array, B: number, N: number, P: number, idx: number[][]): Float32Array {
  const K = idx[0].length;
  const out = new Float32Array(B * K * P);
  for (let b = 0; b < B; b++)
    for (let k = 0; k < K; k++) {
      const src = (b * N + idx[b][k]) * P;
      out.set(all.subarray(src, src + P), (b * K + k) * P);
    }
  return out;
}

// ---------------------------------------------------------------------------
// The whole I-JEPA model

export interface Jepa {
  encoder: VisionTransformer; // context encoder f_θ (trainable)
  target: VisionTransformer; // target encoder f_ξ (EMA of the encoder, no gradients)
  predictor: Predictor; // g_φ (trainable)
  /** the regularizers' projector (regularization.projector_dim > 0), else null */
  projector: Projector | null;
}

export function createJepa(cfg: JepaConfig): Jepa {
  const encoder = new VisionTransformer(cfg, new Rng(cfg.meta.seed, Stream.init, 0), true);
  const predictor = new Predictor(cfg, new Rng(cfg.meta.seed, Stream.init, 1));
  // the reference deep-copies the encoder: same initial weights
  const target = new VisionTransformer(cfg, new Rng(cfg.meta.seed, Stream.init, 0), false);
  target.copyFrom(encoder);
  const projector = cfg.regularization.projector_dim > 0 ? new Projector(cfg, new Rng(cfg.meta.seed, Stream.init, 2)) : null;
  return { encoder, target, predictor, projector };
}

/** Trainable parameters (context encoder + predictor + projector), the optimiser's list. */
export function trainableParams(m: Jepa): Param[] {
  return [...m.encoder.params, ...m.predictor.params, ...(m.projector?.params ?? [])];
}

export function disposeJepa(m: Jepa): void {
  m.encoder.dispose();
  m.target.dispose();
  m.predictor.dispose();
  m.projector?.dispose();
}

/** All token indices 0..N-1 for each of B images. */
export function allTokens(B: number, N: number): number[][] {
  const row = Array.from({ length: N }, (_, i) => i);
  return Array.from({ length: B }, () => row);
}
