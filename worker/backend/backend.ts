// Backend choice for TensorFlow.js. Tried in order: WebGPU on a hardware
// adapter, tfjs-node-gpu (CUDA), tfjs-node (CPU, oneDNN), wasm, cpu. tfjs-node
// and -gpu are optionalDependencies: their install downloads libtensorflow, which
// fails without network, so the worker must fall back and say which backend it
// uses and why. WebGPU comes from Dawn for Node (the optional `webgpu` package)
// or, in the desktop app's hidden window, from Chromium (worker/backend/webgpu.ts).
import * as tf from '@tensorflow/tfjs';
import { createRequire } from 'node:module';
import { BACKEND_CHOICES, type BackendRequest } from '../../main/common/vocabulary.ts';
import { replaceWasmKernels } from './wasm-kernels.ts';
import { blasUnavailable, registerBlasKernels, type BlasStatus } from './blas-kernels.ts';
import { describeAdapter, initWebGPU, type GpuAdapter } from './webgpu.ts';

export { BACKEND_CHOICES, type BackendRequest };

export interface BackendInfo {
  /** tfjs backend name: 'webgpu' | 'tensorflow' | 'wasm' | 'cpu' */
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
  /** the GPU adapter, on webgpu */
  adapter?: GpuAdapter;
}

/** tfjs-node-gpu's requirements, said wherever it is skipped. */
export const TFJS_NODE_GPU_NEEDS = 'it is libtensorflow 2.9.1 built for CUDA 11.2 and cuDNN 8.1, on Linux or Windows x64 only (CUDA 12 drivers fail to load it)';
const isNode = typeof process !== 'undefined' && !!process.versions?.node;
const require = isNode ? createRequire(import.meta.url) : null;
let active: BackendInfo | null = null;

export function firstLine(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  if (/Cannot find (module|package)/.test(msg)) return 'not installed (optional dependency; its libtensorflow download needs network)';
  return msg.split('\n')[0].slice(0, 300);
}

async function tryTensorflow(pkg: string): Promise<void> {
  if (!require) throw new Error('not available in a browser worker (it is a Node.js addon)');
  // Both packages register the 'tensorflow' backend on import.
  try {
    require(pkg);
  } catch (e) {
    throw new Error(`${firstLine(e)}${pkg.endsWith('-gpu') ? `; ${TFJS_NODE_GPU_NEEDS}` : ''}`);
  }
  if (!(await tf.setBackend('tensorflow'))) throw new Error('backend "tensorflow" failed to initialise');
  if (pkg.endsWith('-gpu')) {
    // tfjs-node-gpu silently runs on the CPU when CUDA is missing: check for a GPU device.
    const gpu = (tf.backend() as unknown as { isUsingGpuDevice?: boolean }).isUsingGpuDevice;
    if (gpu === false) throw new Error(`no CUDA device visible; ${TFJS_NODE_GPU_NEEDS}`);
  }
}

async function tryWasm(): Promise<void> {
  await import('@tensorflow/tfjs-backend-wasm');
  if (!(await tf.setBackend('wasm'))) throw new Error('backend "wasm" failed to initialise');
  replaceWasmKernels();
  registerBlasKernels(); // after the replacements; without the addon the wasm matMuls stay (blasUnavailable says why)
}

export interface Candidate {
  pkg: string;
  name: string;
  load: () => Promise<GpuAdapter | void>;
}

/** The candidates for a request, best first (auto: all of them; WebGPU only on a hardware adapter). */
export function candidates(request: BackendRequest): Candidate[] {
  const out: Candidate[] = [];
  if (request === 'auto' || request === 'webgpu') out.push({ pkg: '@tensorflow/tfjs-backend-webgpu', name: 'webgpu', load: () => initWebGPU(request === 'webgpu') });
  if (request === 'auto' || request === 'tensorflow') {
    out.push({ pkg: '@tensorflow/tfjs-node-gpu', name: 'tensorflow', load: () => tryTensorflow('@tensorflow/tfjs-node-gpu') });
    out.push({ pkg: '@tensorflow/tfjs-node', name: 'tensorflow', load: () => tryTensorflow('@tensorflow/tfjs-node') });
  }
  if (request === 'auto' || request === 'wasm') out.push({ pkg: '@tensorflow/tfjs-backend-wasm', name: 'wasm', load: tryWasm });
  if (request === 'auto' || request === 'cpu') out.push({ pkg: '@tensorflow/tfjs-backend-cpu', name: 'cpu', load: async () => void (await tf.setBackend('cpu')) });
  return out;
}

export function packageVersion(pkg: string): string {
  try {
    return (require?.(`${pkg}/package.json`) as { version: string } | undefined)?.version ?? tf.version.tfjs;
  } catch {
    return tf.version.tfjs;
  }
}

/** Initialise the requested backend (or the best available for 'auto'). Idempotent. */
export async function initBackend(request: BackendRequest = 'auto'): Promise<BackendInfo> {
  if (active && (request === 'auto' || active.name === request)) return active;
  const env = isNode ? (process.env.JEPA_LAB_BACKEND as BackendRequest | undefined) : undefined;
  if (request === 'auto' && env && BACKEND_CHOICES.includes(env)) request = env;
  const skipped: BackendInfo['skipped'] = [];
  for (const c of candidates(request)) {
    try {
      const adapter = await c.load();
      await tf.ready();
      active = { name: c.name, package: c.pkg, version: packageVersion(c.pkg), threads: threadCount(c.name), skipped, ...(adapter ? { adapter } : {}) };
      if (c.name === 'wasm') Object.assign(active, { blas: registerBlasKernels(), blasSkipped: blasUnavailable() });
      return active;
    } catch (e) {
      skipped.push({ package: c.pkg, reason: firstLine(e) });
    }
  }
  const why = skipped.map((s) => `${s.package}: ${s.reason}`).join('; ');
  throw new Error(`no TensorFlow.js backend could start for --backend ${request} (${why}); try --backend cpu`);
}

export function threadCount(name: string): number {
  if (name === 'wasm') {
    // tfjs forces wasm threads off under Node (blob: pthread workers are refused).
    const b = tf.backend() as unknown as { wasm?: { _getThreadsCount?: () => number } };
    return b.wasm?._getThreadsCount?.() ?? 1;
  }
  if (name === 'tensorflow') return Number(process.env.TF_NUM_INTRAOP_THREADS) || (require!('node:os') as typeof import('node:os')).cpus().length;
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
 * "wasm + OpenBLAS 0.3.21 (@tensorflow/tfjs-backend-wasm 4.22.0; openmp, Prescott kernels, 1 thread × 2 gradient threads)";
 * on webgpu the adapter instead of threads. A training passes its gradient threads, named where more than one.
 */
export function describeBackend(b: BackendInfo, gradientThreads = 1): string {
  const s = (n: number) => (n === 1 ? '' : 's');
  if (!b.blas && gradientThreads > 1) return `${describeBackend(b)} × ${gradientThreads} gradient threads`;
  if (b.adapter) return `${b.name} (${b.package} ${b.version}, ${describeAdapter(b.adapter)})`;
  if (b.blas) {
    const { name, parallel, corename, threads, gradientThreads } = b.blas;
    return `${b.name} + ${name} (${b.package} ${b.version}; ${parallel}${corename ? `, ${corename} kernels` : ''}, ${threads} thread${s(threads)} × ${gradientThreads} gradient thread${s(gradientThreads)})`;
  }
  return `${b.name} (${b.package} ${b.version}, ${b.threads} thread${s(b.threads)}${b.blasSkipped ? `; no BLAS addon: ${b.blasSkipped}` : ''})`;
}
