// Exact cosine nearest-neighbour search over a learned embedding space.
//
// Vectors are L2-normalised once, into one contiguous row-major Float32Array,
// so a query is a scan of dot products. The scan runs in blocks: a tight dot
// product kernel fills a small score buffer, then a second pass offers each
// score to a bounded min-heap of the best k seen so far (almost every score
// loses against the heap's root with one comparison). Scratch buffers live on
// the index and are reused, so a query allocates only its result arrays.
//
// Three dot-product kernels, same results up to float rounding:
// - 'blas' (where the @jepa-lab/blas addon loads, main/common/blas): cblas_sgemv
//   per block on the same memory. By default an index times it against
//   wasm-simd on its first rows once and keeps the faster: a BLAS's sgemv can be
//   far faster or far slower than the kernel below, depending on its build for
//   the CPU (docs/bench/blas.md).
// - 'wasm-simd' (used when d % 4 == 0 and WebAssembly SIMD is available, as
//   in Node 20 and current browsers): a small WebAssembly function assembled
//   from bytes below, f32x4 multiply-add with two accumulators, float32
//   accumulation (scores agree with float64 to ~1e-7).
//   The normalised vectors live in the module's memory (still one contiguous
//   Float32Array, exposed as `data`).
// - 'js': 4-way unrolled scalar loop, float64 accumulation.
// Both are exact; at the lab's scale (10⁵ vectors) a query takes milliseconds
// (`jepa-lab bench --search`, docs/bench/README.md), so no approximate (ANN)
// index is needed.
//
// Ties: results are ordered by score descending, then by index ascending,
// the same order as a stable full sort.

import { Rng } from './rng.ts';
import { loadBlas } from './blas/index.ts';
import { quantile } from './stats.ts';

const BLOCK = 4096;

/** Normalise each row of a row-major [n, d] matrix into dst (zero rows stay zero). */
function normaliseRowsInto(src: ArrayLike<number>, dst: Float32Array | Float64Array, n: number, d: number): void {
  for (let i = 0; i < n; i++) {
    const o = i * d;
    let ss = 0;
    for (let j = 0; j < d; j++) {
      const v = src[o + j];
      ss += v * v;
    }
    const inv = ss > 0 ? 1 / Math.sqrt(ss) : 0;
    for (let j = 0; j < d; j++) dst[o + j] = src[o + j] * inv;
  }
}

// ---------------------------------------------------------------------------
// The WebAssembly SIMD kernel, assembled from bytes (no toolchain needed).
//
//   dots(data, q, out, rows, rowBytes): for r in 0..rows-1,
//     out[r] = Σ_j data[r·d + j] · q[j]      (pointers are byte offsets,
//   rowBytes = 4·d must be a multiple of 16; f32x4 lanes, two accumulators)

function leb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
}
function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && !(b & 0x40)) || (n === -1 && b & 0x40)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

function dotsModuleBytes(): Uint8Array<ArrayBuffer> {
  const section = (id: number, body: number[]) => [id, ...leb(body.length), ...body];
  const str = (s: string) => [...leb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];
  const get = (i: number) => [0x20, i];
  const set = (i: number) => [0x21, i];
  const tee = (i: number) => [0x22, i];
  const i32c = (v: number) => [0x41, ...sleb(v)];
  const ADD = 0x6a, SUB = 0x6b, EQZ = 0x45, LT_U = 0x49, LE_U = 0x4d, F32_ADD = 0x92;
  const BLOCK_ = [0x02, 0x40], LOOP = [0x03, 0x40], IF = [0x04, 0x40], END = 0x0b, BR = 0x0c, BR_IF = 0x0d;
  const v128load = (off: number) => [0xfd, 0x00, 4, ...leb(off)];
  const F32X4_MUL = [0xfd, 0xe6, 0x01];
  const F32X4_ADD = [0xfd, 0xe4, 0x01];
  const lane = (l: number) => [0xfd, 0x1f, l];
  const V128_ZERO = [0xfd, 0x0c, ...new Array<number>(16).fill(0)];
  // params 0..4, locals: 5 j (i32), 6 acc0, 7 acc1 (v128)
  const DATA = 0, Q = 1, OUT = 2, ROWS = 3, RB = 4, J = 5, A0 = 6, A1 = 7;
  // acc += data[row + j + off] * q[j + off]
  const fma = (acc: number, off: number) => [
    ...get(acc),
    ...get(DATA), ...get(J), ADD, ...v128load(off),
    ...get(Q), ...get(J), ADD, ...v128load(off),
    ...F32X4_MUL, ...F32X4_ADD, ...set(acc),
  ];
  const code = [
    ...BLOCK_, // $exit
    ...LOOP, // $rows
    ...get(ROWS), EQZ, BR_IF, 1,
    ...V128_ZERO, ...set(A0), ...V128_ZERO, ...set(A1), ...i32c(0), ...set(J),
    ...BLOCK_, // $skip: rows shorter than 32 bytes skip the main loop
    ...get(RB), ...i32c(32), LT_U, BR_IF, 0,
    ...LOOP, // $main: 8 floats per iteration
    ...fma(A0, 0), ...fma(A1, 16),
    ...get(J), ...i32c(32), ADD, ...tee(J), ...i32c(32), ADD, ...get(RB), LE_U, BR_IF, 0,
    END,
    END,
    // a 4-float tail when d % 8 == 4
    ...get(J), ...get(RB), LT_U, ...IF, ...fma(A0, 0), END,
    // out[r] = horizontal sum of acc0 + acc1
    ...get(OUT),
    ...get(A0), ...get(A1), ...F32X4_ADD, ...tee(A0), ...lane(0),
    ...get(A0), ...lane(1), F32_ADD, ...get(A0), ...lane(2), F32_ADD, ...get(A0), ...lane(3), F32_ADD,
    0x38, 2, 0, // f32.store
    ...get(OUT), ...i32c(4), ADD, ...set(OUT),
    ...get(DATA), ...get(RB), ADD, ...set(DATA),
    ...get(ROWS), ...i32c(1), SUB, ...set(ROWS),
    BR, 0,
    END, // $rows
    END, // $exit
    END, // func
  ];
  const body = [2, 1, 0x7f, 2, 0x7b, ...code];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
    ...section(1, [1, 0x60, 5, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0]), // type (i32 ×5) -> ()
    ...section(2, [1, ...str('env'), ...str('mem'), 0x02, 0x00, 1]), // import memory env.mem
    ...section(3, [1, 0]),
    ...section(7, [1, ...str('dots'), 0x00, 0]), // export "dots"
    ...section(10, [1, ...leb(body.length), ...body]),
  ]);
}

let dotsModule: WebAssembly.Module | null | undefined;
/** The compiled kernel, or null when this runtime lacks WebAssembly SIMD. */
function getDotsModule(): WebAssembly.Module | null {
  if (dotsModule === undefined) {
    try {
      const bytes = dotsModuleBytes();
      dotsModule = typeof WebAssembly !== 'undefined' && WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
    } catch {
      dotsModule = null;
    }
  }
  return dotsModule;
}

type DotsFn = (data: number, q: number, out: number, rows: number, rowBytes: number) => void;

export type SearchKernel = 'blas' | 'wasm-simd' | 'js';

export interface SearchResult {
  /** row indices into the indexed vectors, best first */
  indices: Int32Array;
  /** cosine similarities, best first */
  scores: Float32Array;
}

export class ExactIndex {
  readonly n: number;
  readonly d: number;
  /** the L2-normalised vectors, one contiguous row-major [n, d] array */
  readonly data: Float32Array;
  /** which dot-product kernel this index uses */
  readonly kernel: SearchKernel;
  private readonly q: Float32Array | Float64Array;
  private readonly block: Float32Array | Float64Array;
  private readonly dots: DotsFn | null = null;
  private readonly qPtr: number = 0;
  private readonly outPtr: number = 0;
  private readonly dataPtr: number = 0;
  private heapScore: Float64Array = new Float64Array(0);
  private heapIndex: Int32Array = new Int32Array(0);

  /**
   * Copies `vectors` (row-major [n, d]) and L2-normalises every row (zero
   * rows stay zero and score 0 against everything). `opts.kernel` forces a
   * kernel; by default the faster of blas and wasm-simd where both can run
   * (timed here), else wasm-simd, else js.
   */
  constructor(vectors: ArrayLike<number>, n: number, d: number, opts: { kernel?: SearchKernel } = {}) {
    if (!Number.isInteger(n) || !Number.isInteger(d) || n < 0 || d < 1) {
      throw new Error(`ExactIndex: bad shape [${n}, ${d}]`);
    }
    if (vectors.length < n * d) {
      throw new Error(`ExactIndex: ${vectors.length} values cannot hold [${n}, ${d}]`);
    }
    this.n = n;
    this.d = d;
    const blas = opts.kernel === undefined || opts.kernel === 'blas' ? loadBlas().blas : null;
    if (opts.kernel === 'blas' && !blas) throw new Error(`ExactIndex: the blas kernel is not available here (${loadBlas().reason})`);
    const mod = opts.kernel === 'js' || opts.kernel === 'blas' || d % 4 !== 0 ? null : getDotsModule();
    let wasm: { dots: DotsFn; mem: WebAssembly.Memory } | null = null;
    const bytes = (d + BLOCK + n * d) * 4;
    if (mod && bytes <= 2 ** 31) {
      try {
        const mem = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil(bytes / 65536)) });
        const inst = new WebAssembly.Instance(mod, { env: { mem } });
        wasm = { dots: inst.exports.dots as unknown as DotsFn, mem };
      } catch {
        wasm = null; // e.g. memory could not be reserved: fall back to js
      }
    }
    if (opts.kernel === 'wasm-simd' && !wasm) throw new Error('ExactIndex: the wasm-simd kernel is not available here');
    if (wasm || (blas && opts.kernel === 'blas')) {
      // memory layout: [q: d floats][scores: BLOCK floats][data: n·d floats], in the wasm module's memory
      // when there is one (which never grows, so the sgemv view stays valid), else in a plain buffer
      const buf = wasm ? wasm.mem.buffer : new ArrayBuffer(bytes);
      const heap = new Uint8Array(buf);
      const viaBlas: DotsFn | null = blas ? (data, q, out, rows) => blas.addon.sgemv(heap, rows, d, data, q, out) : null;
      this.qPtr = 0;
      this.outPtr = d * 4;
      this.dataPtr = (d + BLOCK) * 4;
      this.q = new Float32Array(buf, this.qPtr, d);
      this.block = new Float32Array(buf, this.outPtr, BLOCK);
      this.data = new Float32Array(buf, this.dataPtr, n * d);
      normaliseRowsInto(vectors, this.data, n, d);
      this.kernel = wasm && viaBlas ? this.faster(wasm.dots, viaBlas) : wasm ? 'wasm-simd' : 'blas';
      this.dots = this.kernel === 'blas' ? viaBlas : wasm!.dots;
      return;
    }
    this.kernel = 'js';
    this.q = new Float64Array(d);
    this.block = new Float64Array(BLOCK);
    this.data = new Float32Array(n * d);
    normaliseRowsInto(vectors, this.data, n, d);
  }

  /** 'wasm-simd' or 'blas', whichever scans the first rows faster (best of three, alternating). */
  private faster(wasmDots: DotsFn, blasDots: DotsFn): SearchKernel {
    const rows = Math.min(this.n, 2 * BLOCK);
    if (rows === 0) return 'wasm-simd';
    const best = { 'wasm-simd': Infinity, blas: Infinity };
    for (let r = 0; r < 3; r++)
      for (const [k, fn] of [['wasm-simd', wasmDots], ['blas', blasDots]] as const) {
        const t = performance.now();
        for (let b0 = 0; b0 < rows; b0 += BLOCK) fn(this.dataPtr + b0 * this.d * 4, this.qPtr, this.outPtr, Math.min(BLOCK, rows - b0), this.d * 4);
        best[k] = Math.min(best[k], performance.now() - t);
      }
    return best.blas < best['wasm-simd'] ? 'blas' : 'wasm-simd';
  }

  /**
   * Cosine top-k of `query` (any length-d vector; it is normalised here).
   * `exclude` is a row index left out of the results (e.g. the query's own
   * row). Returns min(k, rows available) results, sorted by score desc.
   */
  search(query: ArrayLike<number>, k: number, exclude = -1): SearchResult {
    const { n, d, q, block } = this;
    if (query.length !== d) throw new Error(`ExactIndex.search: query has ${query.length} values, index has d=${d}`);
    const excl = Number.isInteger(exclude) && exclude >= 0 && exclude < n ? exclude : -1;
    const available = n - (excl >= 0 ? 1 : 0);
    const kk = Math.max(0, Math.min(Math.floor(k), available));
    if (kk === 0) return { indices: new Int32Array(0), scores: new Float32Array(0) };

    normaliseRowsInto(query, q, 1, d);
    if (this.heapScore.length < kk) {
      this.heapScore = new Float64Array(kk);
      this.heapIndex = new Int32Array(kk);
    }
    const hs = this.heapScore;
    const hi = this.heapIndex;
    let size = 0;
    // A min-heap on score; among equal scores the larger index is "worse"
    // (nearer the root), so ties resolve to the lower index.
    let threshold = -Infinity;

    for (let b0 = 0; b0 < n; b0 += BLOCK) {
      const bn = Math.min(BLOCK, n - b0);
      // 1) dot products for the block
      if (this.dots) this.dots(this.dataPtr + b0 * d * 4, this.qPtr, this.outPtr, bn, d * 4);
      else jsDots(this.data, q as Float64Array, block as Float64Array, b0, bn, d);
      // 2) offer the block's scores to the heap
      for (let r = 0; r < bn; r++) {
        const s = block[r];
        if (size < kk) {
          const idx = b0 + r;
          if (idx === excl) continue;
          let c = size++; // sift up
          while (c > 0) {
            const p = (c - 1) >> 1;
            if (worse(s, idx, hs[p], hi[p])) {
              hs[c] = hs[p];
              hi[c] = hi[p];
              c = p;
            } else break;
          }
          hs[c] = s;
          hi[c] = idx;
          if (size === kk) threshold = hs[0];
        } else if (s > threshold) {
          // rows are scanned in increasing index order, so an equal score never wins
          const idx = b0 + r;
          if (idx === excl) continue;
          siftDownFromRoot(hs, hi, size, s, idx);
          threshold = hs[0];
        }
      }
    }

    // Sort the heap's contents: score desc, index asc.
    const order = new Array<number>(size);
    for (let i = 0; i < size; i++) order[i] = i;
    order.sort((a, b) => hs[b] - hs[a] || hi[a] - hi[b]);
    const indices = new Int32Array(size);
    const scores = new Float32Array(size);
    for (let i = 0; i < size; i++) {
      indices[i] = hi[order[i]];
      scores[i] = hs[order[i]];
    }
    return { indices, scores };
  }
}

/** The js kernel: out[r] = data[b0 + r] · q for r < bn. */
function jsDots(data: Float32Array, q: Float64Array, out: Float64Array, b0: number, bn: number, d: number): void {
  for (let r = 0; r < bn; r++) out[r] = dot(data, (b0 + r) * d, q, 0, d);
}

/** a[ao .. ao+d) · b[bo .. bo+d), 4-way unrolled with float64 sums (for the kNN search and the linear probe). */
export function dot(a: Float32Array | Float64Array, ao: number, b: Float32Array | Float64Array, bo: number, d: number): number {
  const d4 = d - (d % 4);
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let j = 0;
  for (; j < d4; j += 4) {
    s0 += a[ao + j] * b[bo + j];
    s1 += a[ao + j + 1] * b[bo + j + 1];
    s2 += a[ao + j + 2] * b[bo + j + 2];
    s3 += a[ao + j + 3] * b[bo + j + 3];
  }
  for (; j < d; j++) s0 += a[ao + j] * b[bo + j];
  return s0 + s1 + (s2 + s3);
}

/** True when (s1, i1) ranks below (s2, i2): lower score, or equal score and higher index. */
function worse(s1: number, i1: number, s2: number, i2: number): boolean {
  return s1 < s2 || (s1 === s2 && i1 > i2);
}

/** Replace the root of a min-heap of `size` entries by (s, idx) and restore the heap. */
function siftDownFromRoot(hs: Float64Array, hi: Int32Array, size: number, s: number, idx: number): void {
  let c = 0;
  for (;;) {
    const l = 2 * c + 1;
    if (l >= size) break;
    const r = l + 1;
    let m = l;
    if (r < size && worse(hs[r], hi[r], hs[l], hi[l])) m = r;
    if (worse(hs[m], hi[m], s, idx)) {
      hs[c] = hs[m];
      hi[c] = hi[m];
      c = m;
    } else break;
  }
  hs[c] = s;
  hi[c] = idx;
}

/** |a ∩ b| / k with k = |a| (the reference list's length); 1 when both are empty. */
export function overlapAtK(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const k = a.length;
  if (k === 0) return b.length === 0 ? 1 : 0;
  const set = new Set<number>();
  for (let i = 0; i < b.length; i++) set.add(b[i]);
  let hit = 0;
  const seen = new Set<number>();
  for (let i = 0; i < k; i++) {
    const v = a[i];
    if (set.has(v) && !seen.has(v)) {
      hit++;
      seen.add(v);
    }
  }
  return hit / k;
}

/**
 * Naive reference: score every (already normalised) row with a plain loop,
 * fully sort all indices by (score desc, index asc), keep the first k.
 */
export function naiveSearch(
  normalised: Float32Array,
  n: number,
  d: number,
  query: ArrayLike<number>,
  k: number,
  exclude = -1,
): SearchResult {
  let qs = 0;
  for (let j = 0; j < d; j++) qs += query[j] * query[j];
  const qinv = qs > 0 ? 1 / Math.sqrt(qs) : 0;
  const scores = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += normalised[i * d + j] * query[j];
    scores[i] = s * qinv;
  }
  const order: number[] = [];
  for (let i = 0; i < n; i++) if (i !== exclude) order.push(i);
  order.sort((a, b) => scores[b] - scores[a] || a - b);
  const m = Math.max(0, Math.min(Math.floor(k), order.length));
  const indices = new Int32Array(m);
  const out = new Float32Array(m);
  for (let i = 0; i < m; i++) {
    indices[i] = order[i];
    out[i] = scores[order[i]];
  }
  return { indices, scores: out };
}

export interface SearchBench {
  n: number;
  dim: number;
  k: number;
  /** median / 95th-percentile wall time of one ExactIndex query */
  median_ms: number;
  p95_ms: number;
  /** median wall time of one naive full-sort query, measured in the same run */
  naive_median_ms: number;
  /** time to copy and normalise the vectors into the index */
  build_ms: number;
  /** mean overlap@k of ExactIndex against the naive reference (1 for exact) */
  recall: number;
  /** the dot-product kernel measured */
  kernel: SearchKernel;
}

/**
 * Benchmark exact search on random gaussian vectors against the naive
 * full-sort scan. Queries are fresh random vectors (not rows of the index).
 */
export function benchSearch(opts: {
  n: number;
  dim: number;
  k?: number;
  queries?: number;
  seed?: number;
  kernel?: SearchKernel;
}): SearchBench {
  const { n, dim } = opts;
  const k = opts.k ?? 20;
  const queries = Math.max(1, opts.queries ?? 20);
  const rng = new Rng(opts.seed ?? 0, 0x5ea4c4);
  const vectors = new Float32Array(n * dim);
  for (let i = 0; i < vectors.length; i++) vectors[i] = rng.normal();
  const qs: Float32Array[] = [];
  for (let t = 0; t < queries; t++) {
    const q = new Float32Array(dim);
    for (let j = 0; j < dim; j++) q[j] = rng.normal();
    qs.push(q);
  }

  const t0 = performance.now();
  const index = new ExactIndex(vectors, n, dim, { kernel: opts.kernel });
  const build_ms = performance.now() - t0;

  // warm-up (JIT) for both paths, not timed
  index.search(qs[0], k);
  naiveSearch(index.data, n, dim, qs[0], k);

  const times: number[] = [];
  const naiveTimes: number[] = [];
  let recallSum = 0;
  for (const q of qs) {
    const a = performance.now();
    const exact = index.search(q, k);
    const b = performance.now();
    const ref = naiveSearch(index.data, n, dim, q, k);
    const c = performance.now();
    times.push(b - a);
    naiveTimes.push(c - b);
    recallSum += overlapAtK(ref.indices, exact.indices);
  }
  times.sort((x, y) => x - y);
  naiveTimes.sort((x, y) => x - y);
  const r3 = (v: number) => Math.round(v * 1000) / 1000;
  return {
    n,
    dim,
    k,
    median_ms: r3(quantile(times, 0.5)),
    p95_ms: r3(quantile(times, 0.95)),
    naive_median_ms: r3(quantile(naiveTimes, 0.5)),
    build_ms: r3(build_ms),
    recall: recallSum / queries,
    kernel: index.kernel,
  };
}
