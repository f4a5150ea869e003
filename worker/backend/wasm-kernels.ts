// Replacements for tfjs-backend-wasm kernels whose JS side copies more than it
// needs to, or that transpose before they reduce. Same values (test/worker/backend/wasm-kernels.test.ts
// compares each with the cpu backend's kernel). What each saves a training step
// is in docs/bench/README.md, with the command that measured it.
import * as tf from '@tensorflow/tfjs';

/** The slice of the wasm backend the replacements here and the BLAS kernels (blas-kernels.ts) use. */
export interface WasmBackend {
  incRef(dataId: object): void;
  refCount(dataId: object): number;
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  disposeData(dataId: object): boolean;
  typedArrayFromHeap(t: tf.TensorInfo): Float32Array | Int32Array | Uint8Array;
  dataIdMap: { get(dataId: object): { memoryOffset: number } };
  wasm: { HEAPU8: Uint8Array };
}

/** Where a tensor's data starts in the wasm heap, in bytes. */
export function heapOffset(b: WasmBackend, t: tf.TensorInfo): number {
  return b.dataIdMap.get(t.dataId).memoryOffset;
}

/**
 * The values of a float32 tensor where the wasm backend keeps them, to read without
 * a copy out; null off wasm. Valid until the backend next allocates (the heap may
 * grow, which detaches the view). Never written through: the backend's XNNPACK
 * kernels keep packed copies of weights by tensor, so a parameter changed in place
 * is multiplied with its old values (test/worker/backend/blas.test.ts: the curve with
 * and without the addon).
 */
export function wasmValues(t: tf.Tensor): Float32Array | null {
  if (t.dtype !== 'float32' || tf.getBackend() !== 'wasm') return null;
  return (tf.backend() as unknown as WasmBackend).typedArrayFromHeap(t) as Float32Array;
}

/**
 * Overwrite a float32 tensor's values where the wasm backend keeps them, when nothing
 * else shares its memory; false (nothing written) off wasm or when shared. Only where no
 * XNNPACK kernel multiplies by it (wasmValues: packed copies of weights): the caller checks.
 */
export function overwriteWasmValues(t: tf.Tensor, values: Float32Array): boolean {
  if (t.dtype !== 'float32' || tf.getBackend() !== 'wasm' || values.length !== t.size) return false;
  const b = tf.backend() as unknown as WasmBackend;
  if (b.refCount(t.dataId) !== 1) return false;
  (b.typedArrayFromHeap(t) as Float32Array).set(values);
  return true;
}

export type KernelArgs = { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: tf.NamedAttrMap };
/** A kernel that stands in for a wasm kernel and may hand its arguments to the original. */
export type KernelOverride = { name: string; kernelFunc: (a: KernelArgs, original: tf.KernelFunc) => tf.TensorInfo | tf.TensorInfo[] };

/**
 * Register each override over the wasm backend's kernel of that name, keeping the
 * original's setup and dispose (its fallback needs them) and passing string tensors
 * to the original. `marker` names the override set, so that registering it twice is a no-op;
 * the markers of overrides beneath it stay (an override over an override keeps both).
 */
export function overrideWasmKernels(overrides: KernelOverride[], marker: string): void {
  for (const { name, kernelFunc } of overrides) {
    const original = tf.getKernel(name, 'wasm');
    if (!original || (original as unknown as Record<string, unknown>)[marker]) continue;
    tf.unregisterKernel(name, 'wasm');
    const config = {
      ...Object.fromEntries(Object.entries(original).filter(([, v]) => v === true)), // earlier markers
      kernelName: name,
      backendName: 'wasm',
      setupFunc: original.setupFunc,
      disposeFunc: original.disposeFunc,
      kernelFunc: ((args: KernelArgs) => ((Object.values(args.inputs)[0] as tf.TensorInfo).dtype === 'string' ? original.kernelFunc(args as never) : kernelFunc(args, original.kernelFunc))) as unknown as tf.KernelFunc,
      [marker]: true,
    };
    tf.registerKernel(config as tf.KernelConfig);
  }
}

/**
 * Identity: tfjs clones every tensor a gradient needs (each Multiply's inputs,
 * every customGrad save) through this kernel, which on wasm copies the data
 * (hundreds of calls a step). Tensors are immutable (a Variable's
 * assign swaps its data id), so share the data and count the reference, as the
 * cpu backend does.
 */
function sharedIdentity({ inputs, backend }: KernelArgs): tf.TensorInfo {
  const x = inputs.x as tf.TensorInfo;
  (backend as WasmBackend).incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}

/**
 * Slice by copying contiguous runs within the heap (copyWithin: no views to
 * allocate). The original first copies the whole input out of the heap
 * (readSync) and then walks it element by element in JS, once per part: splitting
 * attention's qkv [B·K, 3D] three ways (SplitV).
 */
function sliceView(b: WasmBackend, x: tf.TensorInfo, begin: number[], size: number[]): tf.TensorInfo {
  const out = b.makeOutput(size, x.dtype);
  const rank = x.shape.length;
  const total = size.reduce((p, n) => p * n, 1);
  if (total === 0) return out;
  // The innermost axes taken whole, plus the first partial one above them, are one contiguous run.
  let k = rank - 1;
  let run = 1;
  while (k > 0 && size[k] === x.shape[k]) run *= x.shape[k--];
  run *= size[k];
  const strides = new Array<number>(rank);
  strides[rank - 1] = 1;
  for (let d = rank - 2; d >= 0; d--) strides[d] = strides[d + 1] * x.shape[d + 1];
  const bytes = tf.util.bytesPerElement(x.dtype);
  const heap = b.wasm.HEAPU8;
  const src = heapOffset(b, x);
  const dst = heapOffset(b, out);
  const idx = new Array<number>(k).fill(0); // position over the outer axes 0..k-1
  const runs = total / run;
  for (let r = 0; r < runs; r++) {
    let off = begin[k] * strides[k];
    for (let d = 0; d < k; d++) off += (begin[d] + idx[d]) * strides[d];
    heap.copyWithin(dst + r * run * bytes, src + off * bytes, src + (off + run) * bytes);
    for (let d = k - 1; d >= 0; d--) {
      if (++idx[d] < size[d]) break;
      idx[d] = 0;
    }
  }
  return out;
}

function fastSlice({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo {
  const x = inputs.x as tf.TensorInfo;
  const [begin, size] = tf.slice_util.parseSliceParams(x as tf.Tensor, attrs!.begin as number[], attrs!.size as number[]);
  return sliceView(backend as WasmBackend, x, begin, size);
}

function fastSplitV({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo[] {
  const x = inputs.x as tf.TensorInfo;
  const axis = tf.util.parseAxisParam(attrs!.axis as number, x.shape)[0];
  const sizes = tf.backend_util.prepareSplitSize(x as tf.Tensor, attrs!.numOrSizeSplits as number | number[], axis);
  const begin = new Array<number>(x.shape.length).fill(0);
  return sizes.map((s) => {
    const size = x.shape.slice();
    size[axis] = s;
    const part = sliceView(backend as WasmBackend, x, begin.slice(), size);
    begin[axis] += s;
    return part;
  });
}

/**
 * Concat by copying each input's rows within the heap (copyWithin). The
 * original copies through a new view per row and input; the gradient of the
 * qkv split is the big one.
 */
function heapConcat(args: KernelArgs, original: tf.KernelFunc): tf.TensorInfo | tf.TensorInfo[] {
  const { inputs, backend, attrs } = args;
  const b = backend as WasmBackend;
  const xs = Object.values(inputs) as tf.TensorInfo[];
  const axis = tf.util.parseAxisParam(attrs!.axis as number, xs[0].shape)[0];
  if (xs.length < 2 || xs.some((t) => t.shape.some((n) => n === 0))) return original(args as never);
  const outShape = tf.backend_util.computeOutShape(xs.map((t) => t.shape), axis);
  const out = b.makeOutput(outShape, xs[0].dtype);
  const bytes = tf.util.bytesPerElement(xs[0].dtype);
  const rows = outShape.slice(0, axis).reduce((p, n) => p * n, 1);
  const widths = xs.map((t) => t.shape.slice(axis).reduce((p, n) => p * n, 1) * bytes); // bytes per row
  const srcs = xs.map((t) => heapOffset(b, t));
  const heap = b.wasm.HEAPU8;
  let dst = heapOffset(b, out);
  for (let r = 0; r < rows; r++) {
    for (let i = 0; i < xs.length; i++) {
      const from = srcs[i] + r * widths[i];
      heap.copyWithin(dst, from, from + widths[i]);
      dst += widths[i];
    }
  }
  return out;
}

/**
 * GatherV2 by copying whole rows within the heap (copyWithin). The original
 * loops element by element: positions and target tokens, rows of 32–96 values.
 */
function rowGather({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo {
  const x = inputs.x as tf.TensorInfo;
  const indices = inputs.indices as tf.TensorInfo;
  const b = backend as WasmBackend;
  const axis = tf.util.parseAxisParam(attrs!.axis as number, x.shape)[0];
  const info = tf.backend_util.segment_util.collectGatherOpShapeInfo(x as tf.Tensor, indices as tf.Tensor, axis, attrs!.batchDims as number);
  const idx = Int32Array.from(b.typedArrayFromHeap(indices)); // a copy: making the output may grow (and detach) the heap
  const dim = x.shape[axis];
  for (const i of idx) if (!(i >= 0 && i <= dim - 1)) throw new Error(`GatherV2: the index value ${i} is not in [0, ${dim - 1}]`);
  const out = b.makeOutput(info.outputShape, x.dtype);
  const { batchSize, outerSize, sliceSize } = info;
  const bytes = tf.util.bytesPerElement(x.dtype);
  const run = sliceSize * bytes;
  const heap = b.wasm.HEAPU8;
  const src = heapOffset(b, x);
  let dst = heapOffset(b, out);
  const n = idx.length / batchSize;
  for (let bi = 0; bi < batchSize; bi++) {
    for (let oi = 0; oi < outerSize; oi++) {
      const base = (bi * outerSize + oi) * dim;
      for (let j = 0; j < n; j++) {
        const from = src + (base + idx[bi * n + j]) * run;
        heap.copyWithin(dst, from, from + run);
        dst += run;
      }
    }
  }
  return out;
}

/**
 * Sum over leading axes (a linear layer's bias gradient; a broadcast's gradient:
 * LayerNorm's gain and bias, position embeddings) by adding rows, four at a time,
 * between heap views. The original transposes the input so that the summed axes
 * are innermost, then reduces in a scalar loop. Other sums go to the original.
 */
function sumLeadingAxes(args: KernelArgs, original: tf.KernelFunc): tf.TensorInfo | tf.TensorInfo[] {
  const { inputs, backend, attrs } = args;
  const x = inputs.x as tf.TensorInfo;
  const sum = leadingSum(x, attrs!);
  if (!sum) return original(args as never);
  const b = backend as WasmBackend;
  const out = b.makeOutput(sum.shape, 'float32');
  const src = b.typedArrayFromHeap(x) as Float32Array;
  const dst = b.typedArrayFromHeap(out) as Float32Array;
  addRows(src, dst, sum.rows, sum.width);
  return out;
}

/**
 * A float32 Sum over leading axes only (not all): its output shape, and the rows × width it adds
 * (width = the kept axes' size); null for any other sum.
 */
export function leadingSum(x: tf.TensorInfo, attrs: tf.NamedAttrMap): { shape: number[]; rows: number; width: number } | null {
  const axes = tf.util.parseAxisParam(attrs.axis as number | number[], x.shape).sort((a, b) => a - b);
  if (x.dtype !== 'float32' || axes.length === x.shape.length || !axes.every((a, i) => a === i)) return null;
  const k = axes.length;
  const width = x.shape.slice(k).reduce((p, d) => p * d, 1);
  const rows = x.shape.slice(0, k).reduce((p, d) => p * d, 1);
  return { shape: attrs.keepDims ? x.shape.map((n, i) => (i < k ? 1 : n)) : x.shape.slice(k), rows, width };
}

/** dst[j] = Σ_r src[r·width + j]; four rows per pass halve the loads and stores of dst. */
function addRows(src: Float32Array, dst: Float32Array, rows: number, width: number): void {
  dst.fill(0);
  let r = 0;
  for (; r + 4 <= rows; r += 4) {
    const b0 = r * width, b1 = b0 + width, b2 = b1 + width, b3 = b2 + width;
    for (let j = 0; j < width; j++) dst[j] += src[b0 + j] + src[b1 + j] + src[b2 + j] + src[b3 + j];
  }
  for (; r < rows; r++) {
    const b0 = r * width;
    for (let j = 0; j < width; j++) dst[j] += src[b0 + j];
  }
}

const replacements: KernelOverride[] = [
  { name: 'Identity', kernelFunc: sharedIdentity },
  { name: 'Slice', kernelFunc: fastSlice },
  { name: 'SplitV', kernelFunc: fastSplitV },
  { name: 'GatherV2', kernelFunc: rowGather },
  { name: 'Concat', kernelFunc: heapConcat },
  { name: 'Sum', kernelFunc: sumLeadingAxes },
];

/** Register the replacements for the wasm backend (string tensors keep the originals). Idempotent. */
export function replaceWasmKernels(): void {
  overrideWasmKernels(replacements, 'replaced');
}
