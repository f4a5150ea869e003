// BatchMatMul and _FusedMatMul on the wasm backend served by the system's BLAS, six
// kernels of our own (GELU, LayerNorm, attention and their gradients), Add, Multiply, Sub, the sum over
// leading axes, and the optimiser's AdamW and EMA loops (worker/train/optim.ts), all from
// main/common/blas: cblas_sgemm and vector loops on pointers into the wasm heap, no copies.
// tfjs-backend-wasm runs plain matMuls through XNNPACK, but a transposed operand
// or a batch falls to a scalar loop; sgemm takes transpose flags, batches and
// broadcast batches directly. Registered over the wasm kernels after
// worker/backend/wasm-kernels.ts; anything not handled here (other dtypes, empty
// tensors, rank < 2, prelu, a bias that is not one value per column) goes to
// the original kernel. test/worker/backend/blas.test.ts compares every shape
// class with the cpu backend.
import os from 'node:os';
import * as tf from '@tensorflow/tfjs';
import { blasName, loadBlas, type Blas, type BlasStatus } from '../../main/common/blas/index.ts';
import { heapOffset, leadingSum, overrideWasmKernels, type KernelArgs, type KernelOverride, type WasmBackend } from './wasm-kernels.ts';

export type { BlasStatus };

let blas: Blas | null = null;
let status: BlasStatus | null = null;
let reason: string | null = null;
let enabled = true;
let calls = 0;

const ACT: Record<string, number> = { linear: 0, relu: 1, relu6: 2, leakyrelu: 3, sigmoid: 4, elu: 5 };

/** The batch, matrix sizes and per-operand batch strides of op(a)·op(b); null = leave it to the original kernel. */
function plan(a: tf.TensorInfo, b: tf.TensorInfo, transposeA: boolean, transposeB: boolean) {
  const ra = a.shape.length;
  const rb = b.shape.length;
  if (ra < 2 || rb < 2) return null;
  const m = transposeA ? a.shape[ra - 1] : a.shape[ra - 2];
  const ka = transposeA ? a.shape[ra - 2] : a.shape[ra - 1];
  const kb = transposeB ? b.shape[rb - 1] : b.shape[rb - 2];
  const n = transposeB ? b.shape[rb - 2] : b.shape[rb - 1];
  if (ka !== kb)
    throw new Error(
      `matMul: the inner dimensions differ: a [${a.shape}] (transposeA ${transposeA}) gives ${ka} and b [${b.shape}] (transposeB ${transposeB}) gives ${kb}; ` +
        'they must match (fix a shape or a transpose flag)',
    );
  const outerA = a.shape.slice(0, -2);
  const outerB = b.shape.slice(0, -2);
  const outer = tf.broadcast_util.assertAndGetBroadcastShape(outerA, outerB); // throws on batch dimensions that do not broadcast
  if (m === 0 || n === 0 || ka === 0 || outer.some((d) => d === 0)) return null;
  return { m, n, k: ka, outerA, outerB, outer };
}

type Plan = NonNullable<ReturnType<typeof plan>>;

const size = (s: number[]) => s.reduce((p, d) => p * d, 1);

/** C = op(a)·op(b) (+ bias, activation) into a new wasm tensor. */
function gemm(
  backend: WasmBackend,
  a: tf.TensorInfo,
  b: tf.TensorInfo,
  ta: boolean,
  tb: boolean,
  p: Plan,
  bias: tf.TensorInfo | null,
  act: number,
  alpha: number,
): tf.TensorInfo {
  const { m, n, k, outerA, outerB, outer } = p;
  calls++;
  const out = backend.makeOutput([...outer, m, n], 'float32');
  try {
    // read after makeOutput, which may grow the heap (and detach the old buffer)
    const heap = backend.wasm.HEAPU8;
    const aOff = heapOffset(backend, a);
    const bOff = heapOffset(backend, b);
    const cOff = heapOffset(backend, out);
    const biasOff = bias ? heapOffset(backend, bias) : -1;
    const biasLen = bias ? size(bias.shape) : 0;
    const bA = size(outerA);
    const bB = size(outerB);
    const bOut = size(outer);
    const sa = m * k;
    const sb = k * n;
    const sgemm = blas!.addon.sgemm;
    if ((bA === bOut || bA === 1) && (bB === bOut || bB === 1)) {
      sgemm(heap, +ta, +tb, m, n, k, bOut, aOff, bA === 1 ? 0 : sa, bOff, bB === 1 ? 0 : sb, cOff, biasOff, biasLen, act, alpha);
    } else {
      // batch dimensions broadcast against each other (e.g. [2, 1] with [1, 3]): one product per output matrix
      const ra = outer.length - outerA.length;
      const rb = outer.length - outerB.length;
      const idx = new Array<number>(outer.length).fill(0);
      for (let i = 0; i < bOut; i++) {
        let ia = 0;
        let ib = 0;
        for (let d = 0; d < outer.length; d++) {
          if (d >= ra) ia = ia * outerA[d - ra] + (outerA[d - ra] === 1 ? 0 : idx[d]);
          if (d >= rb) ib = ib * outerB[d - rb] + (outerB[d - rb] === 1 ? 0 : idx[d]);
        }
        sgemm(heap, +ta, +tb, m, n, k, 1, aOff + 4 * ia * sa, 0, bOff + 4 * ib * sb, 0, cOff + 4 * i * m * n, biasOff, biasLen, act, alpha);
        for (let d = outer.length - 1; d >= 0; d--) {
          if (++idx[d] < outer[d]) break;
          idx[d] = 0;
        }
      }
    }
  } catch (e) {
    backend.disposeData(out.dataId);
    throw e;
  }
  return out;
}

function blasBatchMatMul(args: KernelArgs, original: tf.KernelFunc): tf.TensorInfo | tf.TensorInfo[] {
  const { a, b } = args.inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
  const ta = !!args.attrs!.transposeA;
  const tb = !!args.attrs!.transposeB;
  if (!enabled || a.dtype !== 'float32' || b.dtype !== 'float32') return original(args as never);
  const p = plan(a, b, ta, tb);
  if (!p) return original(args as never);
  return gemm(args.backend as WasmBackend, a, b, ta, tb, p, null, 0, 0);
}

function blasFusedMatMul(args: KernelArgs, original: tf.KernelFunc): tf.TensorInfo | tf.TensorInfo[] {
  const { a, b, bias, preluActivationWeights } = args.inputs as Record<string, tf.TensorInfo | undefined>;
  const attrs = args.attrs!;
  const ta = !!attrs.transposeA;
  const tb = !!attrs.transposeB;
  const act = ACT[(attrs.activation as string) ?? 'linear'];
  if (!enabled || !a || !b || a.dtype !== 'float32' || b.dtype !== 'float32' || act === undefined || preluActivationWeights) return original(args as never);
  const p = plan(a, b, ta, tb);
  if (!p) return original(args as never);
  if (bias) {
    // one value, or one per column ([n], [1, n], …): anything else broadcasts over rows too
    const s = bias.shape;
    const perColumn = s.length >= 1 && s[s.length - 1] === p.n && size(s) === p.n && s.length <= p.outer.length + 2;
    if (bias.dtype !== 'float32' || !(size(s) === 1 && s.length <= p.outer.length + 2) && !perColumn) return original(args as never);
  }
  return gemm(args.backend as WasmBackend, a, b, ta, tb, p, bias ?? null, act, (attrs.leakyreluAlpha as number) ?? 0.2);
}

/**
 * Kernels of our own (no tfjs original), one pass each where tfjs takes five to nine kernels:
 * the exact GELU and LayerNorm's normalisation, with their gradients (worker/model/model.ts).
 */
export const GELU_KERNEL = 'JepaGelu';
export const GELU_GRAD_KERNEL = 'JepaGeluGrad';

/** x → [x·Φ(x), Φ(x)] */
function geluKernel({ inputs, backend }: KernelArgs): tf.TensorInfo[] {
  const x = inputs.x as tf.TensorInfo;
  const b = backend as WasmBackend;
  if (x.dtype !== 'float32') throw new Error(`${GELU_KERNEL}: x must be float32, got ${x.dtype}`);
  const y = b.makeOutput(x.shape, 'float32');
  const cdf = b.makeOutput(x.shape, 'float32');
  const n = size(x.shape);
  if (n > 0) blas!.addon.gelu(b.wasm.HEAPU8, n, heapOffset(b, x), heapOffset(b, y), heapOffset(b, cdf)); // the heap read after both outputs exist
  return [y, cdf];
}

/** (x, Φ(x), dy) → dy·(Φ(x) + x·φ(x)) */
function geluGradKernel({ inputs, backend }: KernelArgs): tf.TensorInfo {
  const { x, cdf, dy } = inputs as Record<string, tf.TensorInfo>;
  const b = backend as WasmBackend;
  for (const t of [x, cdf, dy]) if (t.dtype !== 'float32' || !tf.util.arraysEqual(t.shape, x.shape)) throw new Error(`${GELU_GRAD_KERNEL}: x, cdf and dy must be float32 of one shape, got [${t.shape}] ${t.dtype} for [${x.shape}]`);
  const dx = b.makeOutput(x.shape, 'float32');
  const n = size(x.shape);
  if (n > 0) blas!.addon.geluGrad(b.wasm.HEAPU8, n, heapOffset(b, x), heapOffset(b, cdf), heapOffset(b, dy), heapOffset(b, dx));
  return dx;
}

export const LAYER_NORM_KERNEL = 'JepaLayerNorm';
export const LAYER_NORM_GRAD_KERNEL = 'JepaLayerNormGrad';

/** x [..., D] → [xhat, rstd [..., 1]] over the last axis (attrs.eps) */
function layerNormKernel({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo[] {
  const x = inputs.x as tf.TensorInfo;
  const b = backend as WasmBackend;
  if (x.dtype !== 'float32' || x.shape.length < 1) throw new Error(`${LAYER_NORM_KERNEL}: x must be float32 of rank ≥ 1, got [${x.shape}] ${x.dtype}`);
  const cols = x.shape[x.shape.length - 1];
  const rows = size(x.shape) / Math.max(1, cols);
  const xhat = b.makeOutput(x.shape, 'float32');
  const rstd = b.makeOutput([...x.shape.slice(0, -1), 1], 'float32');
  if (rows > 0 && cols > 0) blas!.addon.layerNorm(b.wasm.HEAPU8, rows, cols, attrs!.eps as number, heapOffset(b, x), heapOffset(b, xhat), heapOffset(b, rstd));
  return [xhat, rstd];
}

/** (xhat, rstd, dy) → rstd·(dy − mean(dy) − xhat·mean(dy·xhat)) */
function layerNormGradKernel({ inputs, backend }: KernelArgs): tf.TensorInfo {
  const { xhat, rstd, dy } = inputs as Record<string, tf.TensorInfo>;
  const b = backend as WasmBackend;
  const cols = xhat.shape[xhat.shape.length - 1];
  const rows = size(xhat.shape) / Math.max(1, cols);
  if (!tf.util.arraysEqual(dy.shape, xhat.shape) || size(rstd.shape) !== rows || [xhat, rstd, dy].some((t) => t.dtype !== 'float32'))
    throw new Error(`${LAYER_NORM_GRAD_KERNEL}: xhat and dy must be float32 of one shape and rstd one value per row, got [${xhat.shape}], [${rstd.shape}], [${dy.shape}]`);
  const dx = b.makeOutput(xhat.shape, 'float32');
  if (rows > 0 && cols > 0) blas!.addon.layerNormGrad(b.wasm.HEAPU8, rows, cols, heapOffset(b, xhat), heapOffset(b, rstd), heapOffset(b, dy), heapOffset(b, dx));
  return dx;
}

/** Sum over leading axes (a bias's gradient) in one vector loop; the same bits as the wasm replacement it stands over. */
function blasLeadingSum(args: KernelArgs, original: tf.KernelFunc): tf.TensorInfo | tf.TensorInfo[] {
  const x = args.inputs.x as tf.TensorInfo;
  const sum = enabled ? leadingSum(x, args.attrs!) : null;
  if (!sum) return original(args as never);
  const b = args.backend as WasmBackend;
  const out = b.makeOutput(sum.shape, 'float32');
  if (sum.width > 0) blas!.addon.rowSum(b.wasm.HEAPU8, sum.rows, sum.width, heapOffset(b, x), heapOffset(b, out));
  return out;
}

/**
 * How an operand of a binary op repeats in its output: its values once per row of `m` (the
 * operand's shape, leading 1s dropped, is the output's trailing axes), or null (another broadcast).
 */
function rowPeriod(shape: number[], out: number[]): number | null {
  const first = shape.findIndex((d) => d !== 1);
  const lead = first < 0 ? [] : shape.slice(first);
  if (lead.length > out.length || !lead.every((d, i) => d === out[out.length - lead.length + i])) return null;
  return size(lead);
}

/** Add, Multiply and Sub of float32 tensors of one shape, or with one operand repeated over leading axes, in one vector loop. */
function blasBinary(op: number) {
  return (args: KernelArgs, original: tf.KernelFunc): tf.TensorInfo | tf.TensorInfo[] => {
    const { a, b } = args.inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
    if (!enabled || a.dtype !== 'float32' || b.dtype !== 'float32') return original(args as never);
    const shape = tf.broadcast_util.assertAndGetBroadcastShape(a.shape, b.shape);
    const n = size(shape);
    const pa = rowPeriod(a.shape, shape);
    const pb = rowPeriod(b.shape, shape);
    if (n === 0 || pa === null || pb === null || Math.max(pa, pb) !== n || pa === 0 || pb === 0) return original(args as never);
    const m = Math.min(pa, pb);
    if (m > 1 && m < 16 && m < n) return original(args as never); // short rows: a loop per row costs more than it saves
    const bk = args.backend as WasmBackend;
    const out = bk.makeOutput(shape, 'float32');
    blas!.addon.binary(bk.wasm.HEAPU8, op, n / m, m, heapOffset(bk, a), +(pa === n), heapOffset(bk, b), +(pb === n), heapOffset(bk, out));
    return out;
  };
}

export const ATTENTION_KERNEL = 'JepaAttention';
export const ATTENTION_GRAD_KERNEL = 'JepaAttentionGrad';

/** The attention kernels' attributes: images, tokens per image, heads, and the scores' scale. */
function attentionSizes(qkv: tf.TensorInfo, attrs: tf.NamedAttrMap, name: string) {
  const [B, K, H] = [attrs.batch, attrs.tokens, attrs.heads] as number[];
  const D3 = qkv.shape[1];
  if (qkv.dtype !== 'float32' || qkv.shape.length !== 2 || qkv.shape[0] !== B * K || D3 % (3 * H) !== 0)
    throw new Error(`${name}: qkv must be float32 [batch·tokens, 3·heads·headDim] = [${B}·${K}, 3·${H}·hd], got [${qkv.shape}] ${qkv.dtype}`);
  return { B, K, H, hd: D3 / (3 * H), D: D3 / 3, scale: attrs.scale as number };
}

/** qkv [B·K, 3D] → [y [B·K, D], probs [B·H, K, K]] */
function attentionKernel({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo[] {
  const qkv = inputs.qkv as tf.TensorInfo;
  const { B, K, H, hd, D, scale } = attentionSizes(qkv, attrs!, ATTENTION_KERNEL);
  const b = backend as WasmBackend;
  const y = b.makeOutput([B * K, D], 'float32');
  const probs = b.makeOutput([B * H, K, K], 'float32');
  blas!.addon.attention(b.wasm.HEAPU8, B, K, H, hd, scale, heapOffset(b, qkv), heapOffset(b, y), heapOffset(b, probs)); // the heap read after both outputs exist
  return [y, probs];
}

/** (qkv, probs, dy [B·K, D]) → dqkv [B·K, 3D] */
function attentionGradKernel({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo {
  const { qkv, probs, dy } = inputs as Record<string, tf.TensorInfo>;
  const { B, K, H, hd, D, scale } = attentionSizes(qkv, attrs!, ATTENTION_GRAD_KERNEL);
  if (!tf.util.arraysEqual(probs.shape, [B * H, K, K]) || !tf.util.arraysEqual(dy.shape, [B * K, D]) || probs.dtype !== 'float32' || dy.dtype !== 'float32')
    throw new Error(`${ATTENTION_GRAD_KERNEL}: probs must be float32 [${B * H}, ${K}, ${K}] and dy [${B * K}, ${D}], got [${probs.shape}] and [${dy.shape}]`);
  const b = backend as WasmBackend;
  const dqkv = b.makeOutput(qkv.shape, 'float32');
  blas!.addon.attentionGrad(b.wasm.HEAPU8, B, K, H, hd, scale, heapOffset(b, qkv), heapOffset(b, probs), heapOffset(b, dy), heapOffset(b, dqkv));
  return dqkv;
}

const kernels: KernelOverride[] = [
  { name: 'Add', kernelFunc: blasBinary(0) },
  { name: 'Multiply', kernelFunc: blasBinary(1) },
  { name: 'Sub', kernelFunc: blasBinary(2) },
  { name: 'BatchMatMul', kernelFunc: blasBatchMatMul },
  { name: '_FusedMatMul', kernelFunc: blasFusedMatMul },
  { name: 'Sum', kernelFunc: blasLeadingSum },
];

/**
 * Load the addon and register its matMuls over the wasm backend's (idempotent; call
 * after the wasm backend is set). Returns what the backend description shows, or
 * null with blasUnavailable() saying why; then the wasm kernels stay.
 */
export function registerBlasKernels(): BlasStatus | null {
  if (status) return status;
  const loaded = loadBlas();
  if (!loaded.blas) {
    reason = loaded.reason;
    return null;
  }
  blas = loaded.blas;
  overrideWasmKernels(kernels, 'blas');
  const own = [
    [GELU_KERNEL, geluKernel],
    [GELU_GRAD_KERNEL, geluGradKernel],
    [LAYER_NORM_KERNEL, layerNormKernel],
    [LAYER_NORM_GRAD_KERNEL, layerNormGradKernel],
    [ATTENTION_KERNEL, attentionKernel],
    [ATTENTION_GRAD_KERNEL, attentionGradKernel],
  ] as const;
  for (const [name, kernelFunc] of own)
    if (!tf.getKernel(name, 'wasm')) tf.registerKernel({ kernelName: name, backendName: 'wasm', kernelFunc: kernelFunc as unknown as tf.KernelFunc });
  status = { name: blasName(blas), parallel: blas.parallel, corename: blas.corename, path: blas.path, threads: 1, gradientThreads: 1 };
  setBlasThreadsFor(1);
  return status;
}

/** Why the BLAS kernels are not in use (null when they are, or before registerBlasKernels). */
export function blasUnavailable(): string | null {
  return reason;
}

/**
 * BLAS threads for this thread's calls when `gradientThreads` threads of this
 * process compute at once: ⌊cores / gradientThreads⌋, at least 1, so that
 * gradient threads × BLAS threads never exceed the cores. Each gradient thread
 * calls it for itself (OpenBLAS's OpenMP build keeps the count per calling
 * thread). OPENBLAS_NUM_THREADS / OMP_NUM_THREADS, when set, cap it.
 */
export function setBlasThreadsFor(gradientThreads: number, cores = os.availableParallelism()): number {
  if (!blas || !status) return 0;
  let want = Math.max(1, Math.floor(cores / Math.max(1, gradientThreads)));
  const cap = Number(process.env.OPENBLAS_NUM_THREADS || process.env.OMP_NUM_THREADS);
  if (Number.isInteger(cap) && cap >= 1) want = Math.min(want, cap);
  if (want === status.threads && status.gradientThreads === Math.max(1, gradientThreads)) return want; // unchanged: no native call
  const got = blas.addon.setThreads(want);
  status.threads = got > 0 ? got : want;
  status.gradientThreads = Math.max(1, gradientThreads);
  return status.threads;
}

/** Route matMuls to the BLAS (true, the default) or to the original wasm kernels (false): for tests and benchmarks. */
export function useBlasKernels(on: boolean): void {
  enabled = on;
}

/** Whether the current backend's matMuls, GELU and LayerNorm go to the addon now (the model's kernel choices follow it, worker/model/model.ts). */
export function blasKernelsActive(): boolean {
  return enabled && status !== null && tf.getBackend() === 'wasm';
}

/** The addon's AdamW and EMA loops (worker/train/optim.ts) when it is loaded and on; null: the JavaScript ones. */
export function nativeUpdates(): Pick<Blas['addon'], 'adamw' | 'ema'> | null {
  return enabled && blas ? blas.addon : null;
}

/** matMuls served by the BLAS in this thread so far (tests check that a path was taken). */
export function blasCallCount(): number {
  return calls;
}
