// Backend choice for TensorFlow.js. Tried in order: tfjs-node-gpu (CUDA),
// tfjs-node (CPU, oneDNN), wasm, cpu. The first two are optionalDependencies:
// their install downloads libtensorflow, which fails without network, so the
// worker must fall back and say which backend it uses and why.
import * as tf from '@tensorflow/tfjs';
import { createRequire } from 'node:module';
import { replaceWasmKernels } from './wasm-kernels.ts';
import { blasUnavailable, registerBlasKernels, type BlasStatus } from './blas-kernels.ts';

export type BackendRequest = 'auto' | 'tensorflow' | 'wasm' | 'cpu';
export const BACKEND_CHOICES: BackendRequest[] = ['auto', 'tensorflow', 'wasm', 'cpu'];

export interface BackendInfo {
  /** tfjs backend name: 'tensorflow' | 'wasm' | 'cpu' */
  name: string;
  /** the package that provides it */
  package: string;
  version: string;
  threads: number;
  /** why each earlier candidate was not used */
  skipped: { package: string; reason: string }[];
  /** wasm: the BLAS addon serving matMuls (worker/backend/blas-kernels.ts), or why there is none */
  blas?: BlasStatus | null;
  blasSkipped?: string | null;
}

const require = createRequire(import.meta.url);
let active: BackendInfo | null = null;

function firstLine(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  if (/Cannot find (module|package)/.test(msg)) return 'not installed (optional dependency; its libtensorflow download needs network)';
  return msg.split('\n')[0].slice(0, 200);
}

async function tryTensorflow(pkg: string): Promise<void> {
  // Both packages register the 'tensorflow' backend on import.
  require(pkg);
  if (!(await tf.setBackend('tensorflow'))) throw new Error('backend "tensorflow" failed to initialise');
  if (pkg.endsWith('-gpu')) {
    // tfjs-node-gpu silently runs on the CPU when CUDA is missing: check for a GPU device.
    const gpu = (tf.backend() as unknown as { isUsingGpuDevice?: boolean }).isUsingGpuDevice;
    if (gpu === false) throw new Error('no CUDA device visible');
  }
}

async function tryWasm(): Promise<void> {
  await import('@tensorflow/tfjs-backend-wasm');
  if (!(await tf.setBackend('wasm'))) throw new Error('backend "wasm" failed to initialise');
  replaceWasmKernels();
  registerBlasKernels(); // after the replacements; without the addon the wasm matMuls stay (blasUnavailable says why)
}

/** Initialise the requested backend (or the best available for 'auto'). Idempotent. */
export async function initBackend(request: BackendRequest = 'auto'): Promise<BackendInfo> {
  if (active && (request === 'auto' || active.name === request)) return active;
  const env = process.env.JEPA_LAB_BACKEND as BackendRequest | undefined;
  if (request === 'auto' && env && BACKEND_CHOICES.includes(env)) request = env;
  const candidates: { pkg: string; name: string; load: () => Promise<void> }[] = [];
  if (request === 'auto' || request === 'tensorflow') {
    candidates.push({ pkg: '@tensorflow/tfjs-node-gpu', name: 'tensorflow', load: () => tryTensorflow('@tensorflow/tfjs-node-gpu') });
    candidates.push({ pkg: '@tensorflow/tfjs-node', name: 'tensorflow', load: () => tryTensorflow('@tensorflow/tfjs-node') });
  }
  if (request === 'auto' || request === 'wasm') candidates.push({ pkg: '@tensorflow/tfjs-backend-wasm', name: 'wasm', load: tryWasm });
  if (request === 'auto' || request === 'cpu') candidates.push({ pkg: '@tensorflow/tfjs-backend-cpu', name: 'cpu', load: async () => void (await tf.setBackend('cpu')) });
  const skipped: BackendInfo['skipped'] = [];
  for (const c of candidates) {
    try {
      await c.load();
      await tf.ready();
      let version = tf.version.tfjs;
      try {
        version = (require(`${c.pkg}/package.json`) as { version: string }).version;
      } catch {
        /* keep the tfjs version */
      }
      active = { name: c.name, package: c.pkg, version, threads: threadCount(c.name), skipped };
      if (c.name === 'wasm') Object.assign(active, { blas: registerBlasKernels(), blasSkipped: blasUnavailable() });
      return active;
    } catch (e) {
      skipped.push({ package: c.pkg, reason: firstLine(e) });
    }
  }
  const why = skipped.map((s) => `${s.package}: ${s.reason}`).join('; ');
  throw new Error(`no TensorFlow.js backend could start for --backend ${request} (${why}); try --backend cpu`);
}

function threadCount(name: string): number {
  if (name === 'wasm') {
    // tfjs forces wasm threads off under Node (blob: pthread workers are refused).
    const b = tf.backend() as unknown as { wasm?: { _getThreadsCount?: () => number } };
    return b.wasm?._getThreadsCount?.() ?? 1;
  }
  if (name === 'tensorflow') return Number(process.env.TF_NUM_INTRAOP_THREADS) || (require('node:os') as typeof import('node:os')).cpus().length;
  return 1;
}

/** Size of this thread's wasm heap (it never shrinks, so it is the peak); null off wasm. */
export function wasmHeapBytes(): number | null {
  const b = tf.backend() as unknown as { wasm?: { HEAPU8?: Uint8Array } };
  return b.wasm?.HEAPU8 ? b.wasm.HEAPU8.length : null;
}

export function activeBackend(): BackendInfo | null {
  return active;
}

/**
 * One-line description: "wasm (@tensorflow/tfjs-backend-wasm 4.22.0, 1 thread)"; with the BLAS addon
 * "wasm + OpenBLAS 0.3.21 (@tensorflow/tfjs-backend-wasm 4.22.0; openmp, Prescott kernels, 1 thread × 2 gradient threads)".
 */
export function describeBackend(b: BackendInfo): string {
  const s = (n: number) => (n === 1 ? '' : 's');
  if (b.blas) {
    const { name, parallel, corename, threads, gradientThreads } = b.blas;
    return `${b.name} + ${name} (${b.package} ${b.version}; ${parallel}${corename ? `, ${corename} kernels` : ''}, ${threads} thread${s(threads)} × ${gradientThreads} gradient thread${s(gradientThreads)})`;
  }
  return `${b.name} (${b.package} ${b.version}, ${b.threads} thread${s(b.threads)}${b.blasSkipped ? `; no BLAS addon: ${b.blasSkipped}` : ''})`;
}
