// Loader of the @jepa-lab/blas addon (blas.c): node-gyp-build picks a prebuild for this
// platform when one ships (prebuilds/), else the copy `npm install` built (build/Release).
// Where it is absent, could not build or load, or JEPA_LAB_BLAS=0 turns it off, loadBlas()
// returns null with the reason, and callers keep their own kernels (as tfjs-node's absence
// is reported by worker/backend.ts).
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { sourcesRoot } from '../bundle.ts';

/** What the addon exports (offsets in bytes into `heap`, strides and sizes in float32 elements). */
export interface BlasAddon {
  /**
   * For i < batch: C_i[m×n] = op(A_i)·op(B_i), row-major; A_i at aOff + 4·i·aStride (stride 0
   * broadcasts), likewise B; C_i at cOff + 4·i·m·n. biasOff ≥ 0 adds a bias of biasLen (1 or n)
   * values; act: 0 linear, 1 relu, 2 relu6, 3 leaky relu (slope alpha), 4 sigmoid, 5 elu.
   */
  sgemm(
    heap: ArrayBufferView | ArrayBuffer,
    transA: number,
    transB: number,
    m: number,
    n: number,
    k: number,
    batch: number,
    aOff: number,
    aStride: number,
    bOff: number,
    bStride: number,
    cOff: number,
    biasOff: number,
    biasLen: number,
    act: number,
    alpha: number,
  ): void;
  /** cdf = Φ(x), y = x·Φ(x) (the exact GELU) over n floats. */
  gelu(heap: ArrayBufferView | ArrayBuffer, n: number, xOff: number, yOff: number, cdfOff: number): void;
  /** dx = dy·(Φ(x) + x·φ(x)) over n floats, Φ(x) given. */
  geluGrad(heap: ArrayBufferView | ArrayBuffer, n: number, xOff: number, cdfOff: number, dyOff: number, dxOff: number): void;
  /** Per row of x [rows×cols]: rstd = 1/√(var + eps), xhat = (x − mean)·rstd. */
  layerNorm(heap: ArrayBufferView | ArrayBuffer, rows: number, cols: number, eps: number, xOff: number, xhatOff: number, rstdOff: number): void;
  /** Per row: dx = rstd·(dy − mean(dy) − xhat·mean(dy·xhat)). */
  layerNormGrad(heap: ArrayBufferView | ArrayBuffer, rows: number, cols: number, xhatOff: number, rstdOff: number, dyOff: number, dxOff: number): void;
  /**
   * Multi-head self-attention on the qkv projection [B·K, 3D] (columns q|k|v, head, hd): per image and head,
   * P = softmax(scale·Q·Kᵀ) into probs [B·H, K, K] and P·V into y [B·K, D] (that head's columns).
   */
  attention(heap: ArrayBufferView | ArrayBuffer, batch: number, tokens: number, heads: number, headDim: number, scale: number, qkvOff: number, yOff: number, probsOff: number): void;
  /** attention's gradient with respect to qkv, from qkv, probs and dy [B·K, D], into dqkv [B·K, 3D]. */
  attentionGrad(heap: ArrayBufferView | ArrayBuffer, batch: number, tokens: number, heads: number, headDim: number, scale: number, qkvOff: number, probsOff: number, dyOff: number, dqkvOff: number): void;
  /**
   * c[r·m + j] = a op b (op 0 add, 1 multiply, 2 subtract) over rows × m float32 values; an operand that is not
   * full (aFull / bFull 0) is one row of m values repeated over the rows.
   */
  binary(heap: ArrayBufferView | ArrayBuffer, op: number, rows: number, m: number, aOff: number, aFull: number, bOff: number, bFull: number, cOff: number): void;
  /** dst[width] = the sum of src's rows [rows×width] (a sum over leading axes), as worker/backend/wasm-kernels.ts adds them. */
  rowSum(heap: ArrayBufferView | ArrayBuffer, rows: number, width: number, srcOff: number, dstOff: number): void;
  /**
   * One AdamW update of Float32Arrays of one length, the same bits as worker/train/optim.ts's loop: m, v in place,
   * out = x·decay − stepSize·m / (√v / sqrtBc2 + eps) (out may be x).
   */
  adamw(x: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array, out: Float32Array, beta1: number, beta2: number, decay: number, stepSize: number, sqrtBc2: number, eps: number): void;
  /** out = target·keep + online·take in float32 (the EMA, as tfjs's three ops give it; out may be target). */
  ema(target: Float32Array, online: Float32Array, out: Float32Array, keep: number, take: number): void;
  /** y[rows] = A[rows×cols]·x, row-major. */
  sgemv(heap: ArrayBufferView | ArrayBuffer, rows: number, cols: number, aOff: number, xOff: number, yOff: number): void;
  /** BLAS threads for calls from this thread on (OpenBLAS); the count in effect, 0 where it cannot be set. */
  setThreads(n: number): number;
  info(): { library: string; parallel: string; config?: string; corename?: string; path?: string; realPath?: string; threads?: number; procs?: number };
}

export interface Blas {
  addon: BlasAddon;
  /** 'OpenBLAS' | 'Accelerate' | 'CBLAS' */
  library: string;
  /** e.g. '0.3.21' (OpenBLAS reports it at run time); null where the library does not say */
  version: string | null;
  /** OpenBLAS's threading build: 'openmp' | 'pthread' | 'sequential'; 'accelerate' on macOS */
  parallel: string;
  /** the shared library that serves cblas_sgemm, symlinks resolved (where the platform tells) */
  path: string | null;
  /** OpenBLAS's core type (e.g. 'SkylakeX'); respects OPENBLAS_CORETYPE where the machine sets it */
  corename: string | null;
  /** the folder the addon was loaded from */
  dir: string;
}

export type BlasLoad = { blas: Blas; reason: null } | { blas: null; reason: string };

const require = createRequire(import.meta.url);
let cached: BlasLoad | undefined;

/** The addon's package folder: main/common/blas in the sources (bundled from them or not), else node_modules/@jepa-lab/blas (the app's build). */
function packageDir(): string | null {
  const root = sourcesRoot();
  const here = root ? path.join(root, 'main', 'common', 'blas') : path.dirname(fileURLToPath(import.meta.url));
  if (fs.existsSync(path.join(here, 'binding.gyp'))) return here;
  try {
    return path.dirname(require.resolve('@jepa-lab/blas/package.json'));
  } catch {
    return null;
  }
}

function off(): string | null {
  const v = (process.env.JEPA_LAB_BLAS ?? '').trim().toLowerCase();
  if (v === '' || v === '1' || v === 'on' || v === 'true') return null;
  if (v === '0' || v === 'off' || v === 'false') return 'turned off by JEPA_LAB_BLAS=0';
  return `JEPA_LAB_BLAS=${process.env.JEPA_LAB_BLAS} is not 0 or 1 (unset it to use the addon, or set 0 to turn it off); not used`;
}

/** node-gyp-build's choice; where npm dropped node-gyp-build with the failed optional install, the local build if any. */
function requireAddon(dir: string): BlasAddon {
  let gypBuild: ((d: string) => BlasAddon) | null = null;
  try {
    gypBuild = require('node-gyp-build') as (d: string) => BlasAddon;
  } catch {
    /* below */
  }
  if (gypBuild) return gypBuild(dir);
  const local = path.join(dir, 'build', 'Release', 'blas.node');
  if (fs.existsSync(local)) return require(local) as BlasAddon;
  throw new Error(`No native build was found in ${dir} (and node-gyp-build is not installed)`);
}

/** Load the addon once per thread; null with the reason when it is not usable. */
export function loadBlas(): BlasLoad {
  if (cached) return cached;
  const why = off();
  if (why) return (cached = { blas: null, reason: why });
  const dir = packageDir();
  if (!dir) return (cached = { blas: null, reason: 'not installed (@jepa-lab/blas, an optional dependency)' });
  // Before the library loads (libgomp reads it once): OpenMP threads that spin while they wait
  // stall every parallel region when a core is shared with another busy process; set
  // OMP_WAIT_POLICY yourself to override (bench --compare-torch gives torch the same default).
  process.env.OMP_WAIT_POLICY ??= 'PASSIVE';
  let addon: BlasAddon;
  try {
    addon = requireAddon(dir);
  } catch (e) {
    const msg = (e instanceof Error ? e.message : String(e)).split('\n')[0].slice(0, 240);
    const hint = /No native build/.test(msg)
      ? `not built (${msg}); it builds at npm install where a C compiler and the BLAS headers are present (Debian: apt-get install libopenblas-openmp-dev, then npm install again)`
      : `failed to load: ${msg}`;
    return (cached = { blas: null, reason: hint });
  }
  const i = addon.info();
  const version = /(\d+\.\d+\.\d+)/.exec(i.config ?? '')?.[1] ?? null;
  return (cached = {
    blas: { addon, library: i.library, version, parallel: i.parallel, path: i.realPath ?? i.path ?? null, corename: i.corename ?? null, dir },
    reason: null,
  });
}

/** "OpenBLAS 0.3.21" */
export function blasName(b: Blas): string {
  return b.version ? `${b.library} ${b.version}` : b.library;
}

/** What serves a wasm worker's matMuls: the BLAS and how it is threaded (described in events and bench). */
export interface BlasStatus {
  /** "OpenBLAS 0.3.21" */
  name: string;
  /** OpenBLAS's threading build (openmp | pthread | sequential), 'accelerate' on macOS */
  parallel: string;
  /** OpenBLAS's kernels for this CPU (OPENBLAS_CORETYPE when the machine sets it) */
  corename: string | null;
  /** the library file that serves cblas_sgemm */
  path: string | null;
  /** BLAS threads per gradient thread */
  threads: number;
  /** gradient threads sharing the cores (optimization.workers), this one included */
  gradientThreads: number;
}
