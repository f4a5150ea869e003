/// <reference types="@webgpu/types" />
// The WebGPU backend: a GPUDevice from the browser's navigator.gpu (the desktop
// app's hidden window) or from Dawn for Node (the optional `webgpu` package), with
// tfjs-backend-webgpu registered on it. We make the device ourselves instead of
// letting tfjs do it, to choose the adapter (hardware first; software ones only
// when asked for), to name it in the run's events, and to catch the device's
// errors: WebGPU reports an allocation it cannot make as an error event and
// carries on with an invalid buffer (reads then give zeros), so a run must look.
import * as tf from '@tensorflow/tfjs';
import type { GpuAdapter } from '../../main/common/protocol.ts';

export type { GpuAdapter };

// Renderers that run on the CPU: a GPU backend on one of them is slower than the
// wasm backend, so auto never picks them (they serve tests).
const SOFTWARE = /llvmpipe|lavapipe|softpipe|swiftshader|microsoft basic render|\bwarp\b/i;

export function softwareName(info: { vendor?: string; architecture?: string; device?: string; description?: string; isFallbackAdapter?: boolean }): string | null {
  const text = [info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(' ');
  const m = SOFTWARE.exec(text);
  if (m) return m[0].toLowerCase() === 'swiftshader' ? 'SwiftShader' : m[0];
  return info.isFallbackAdapter ? 'a fallback (software) adapter' : null;
}

const MiB = 2 ** 20;
/** "NVIDIA ampere (NVIDIA GeForce RTX 3090), max buffer 4096 MiB, storage binding 2048 MiB" */
export function describeAdapter(a: GpuAdapter): string {
  const name = [a.vendor, a.architecture].filter(Boolean).join(' ') || a.device || 'unnamed adapter';
  const detail = [a.device && a.device !== name ? a.device : '', a.description].filter(Boolean).join('; ');
  const flags = [a.software ? `software: ${a.software}` : '', a.featureLevel === 'compatibility' ? 'compatibility mode' : '', a.dawnBackend ? `Dawn ${a.dawnBackend}` : a.via === 'browser' ? "the browser's WebGPU" : 'Dawn'].filter(Boolean);
  return `${name}${detail ? ` (${detail})` : ''}, ${flags.join(', ')}, max buffer ${Math.round(a.limits.maxBufferSize / MiB)} MiB, storage binding ${Math.round(a.limits.maxStorageBufferBindingSize / MiB)} MiB`;
}

// ---------------------------------------------------------------------------
// Device errors

/** The device ran out of memory (or was asked for a buffer over its limits): the step cannot run at this size. */
export class GpuMemoryError extends Error {}

let device: GPUDevice | null = null;
let adapterInfo: GpuAdapter | null = null;
let gpuErrors: { kind: string; message: string }[] = [];
let lost: string | null = null;
// Dawn for Node: the GPU object must stay referenced while the device is used.
let dawnGpu: GPU | null = null;

function watch(d: GPUDevice): void {
  d.addEventListener('uncapturederror', (e: Event) => {
    const err = (e as GPUUncapturedErrorEvent).error;
    if (gpuErrors.length < 20) gpuErrors.push({ kind: err.constructor?.name ?? 'GPUError', message: err.message.split('\n')[0] });
  });
  void d.lost.then((info) => {
    if (d === device && info.reason !== 'destroyed') lost = info.message || 'the GPU device was lost';
  });
}

const LIMIT = /larger than the maximum|exceeds the max/i;
const MEMORY = /out of memory|exceeds the max buffer size|larger than the maximum storage buffer binding size|maxStorageBufferBindingSize|maxBufferSize|failed to allocate|allocation failed/i;

/**
 * Throw if the device reported an error since the last call: a GpuMemoryError for
 * out-of-memory and over-the-limit buffers, an Error for anything else. Errors
 * arrive asynchronously: call it after awaiting a read of the step's results.
 */
export function throwGpuErrors(): void {
  if (lost) throw new GpuMemoryError(`the GPU device was lost (${lost}); this usually means it ran out of memory`);
  if (!gpuErrors.length) return;
  const errs = gpuErrors;
  gpuErrors = [];
  const mem = errs.find((e) => e.kind === 'GPUOutOfMemoryError' || MEMORY.test(e.message));
  if (mem) throw new GpuMemoryError(`${LIMIT.test(mem.message) ? 'a tensor of the step is larger than this GPU lets one buffer be' : 'the GPU ran out of memory'} (${mem.message.replace(/\.$/, '')})`);
  throw new Error(`the GPU reported an error: ${errs[0].kind}: ${errs[0].message}`);
}

export function activeAdapter(): GpuAdapter | null {
  return adapterInfo;
}

// ---------------------------------------------------------------------------
// Adapters

const isNode = typeof process !== 'undefined' && !!process.versions?.node;

function info(adapter: GPUAdapter, featureLevel: GpuAdapter['featureLevel'], via: GpuAdapter['via'], dawnBackend?: string): GpuAdapter {
  const i = (adapter as unknown as { info?: GPUAdapterInfo & { isFallbackAdapter?: boolean; description?: string } }).info ?? ({} as GPUAdapterInfo);
  const L = adapter.limits;
  return {
    vendor: i.vendor ?? '',
    architecture: i.architecture ?? '',
    device: i.device ?? '',
    description: i.description ?? '',
    software: softwareName(i as Parameters<typeof softwareName>[0]),
    featureLevel,
    via,
    dawnBackend,
    limits: {
      maxBufferSize: L.maxBufferSize,
      maxStorageBufferBindingSize: L.maxStorageBufferBindingSize,
      maxComputeWorkgroupStorageSize: L.maxComputeWorkgroupStorageSize,
      maxComputeInvocationsPerWorkgroup: L.maxComputeInvocationsPerWorkgroup,
    },
  };
}

interface Found {
  gpu: GPU;
  adapter: GPUAdapter;
  info: GpuAdapter;
}

/** Dawn for Node's GPU entry with flags, or why it cannot be had. */
async function dawn(flags: string[]): Promise<GPU> {
  if (process.versions.electron) throw new Error("Dawn for Node cannot run inside Electron (it refuses Electron's external buffers); the desktop app runs WebGPU in its GPU window");
  let mod: { create: (flags: string[]) => GPU; globals: Record<string, unknown> };
  try {
    mod = (await import('webgpu')) as unknown as typeof mod;
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw new Error(/Cannot find (module|package)/.test(msg) ? 'the optional package `webgpu` (Dawn for Node) is not installed' : `Dawn for Node did not load: ${msg.split('\n')[0]}`);
  }
  // tfjs-backend-webgpu refers to GPUBufferUsage etc. as globals, as in a browser
  for (const [k, v] of Object.entries(mod.globals)) if (!(k in globalThis)) (globalThis as Record<string, unknown>)[k] = v;
  return mod.create(flags);
}

/**
 * The adapters to try, best first: the platform's native API (Vulkan, Metal,
 * D3D12) in core mode; then, only for `allowSoftware`, OpenGL ES in
 * compatibility mode, which is how Mesa's llvmpipe is reached on Linux.
 */
async function findAdapter(allowSoftware: boolean): Promise<{ found: Found | null; tried: string[] }> {
  const tried: string[] = [];
  const attempts: { flags: string[] | null; featureLevel: GpuAdapter['featureLevel']; label: string }[] = isNode
    ? [
        { flags: [], featureLevel: 'core', label: 'Dawn (Vulkan/Metal/D3D12)' },
        ...(allowSoftware ? [{ flags: ['backend=opengles'], featureLevel: 'compatibility' as const, label: 'Dawn OpenGL ES' }] : []),
      ]
    : [
        { flags: null, featureLevel: 'core', label: "the browser's WebGPU" },
        ...(allowSoftware ? [{ flags: null, featureLevel: 'compatibility' as const, label: "the browser's WebGPU (compatibility)" }] : []),
      ];
  // Mesa's EGL needs a platform without a display server (read when EGL starts)
  if (isNode && allowSoftware && process.platform === 'linux') process.env.EGL_PLATFORM ??= 'surfaceless';
  for (const a of attempts) {
    let gpu: GPU;
    try {
      if (a.flags) gpu = await dawn(a.flags);
      else {
        const nav = (globalThis as { navigator?: { gpu?: GPU } }).navigator;
        if (!nav?.gpu) throw new Error('this browser has no navigator.gpu (WebGPU is off: Chromium needs --enable-unsafe-webgpu on Linux)');
        gpu = nav.gpu;
      }
    } catch (e) {
      tried.push(e instanceof Error ? e.message : String(e));
      break; // Dawn itself is missing: no other attempt can work
    }
    const opts = { powerPreference: 'high-performance', ...(a.featureLevel === 'compatibility' ? { featureLevel: 'compatibility' } : {}) } as GPURequestAdapterOptions;
    const adapter = await gpu.requestAdapter(opts).catch(() => null);
    if (!adapter) {
      tried.push(`${a.label}: no adapter`);
      continue;
    }
    const backend = a.flags?.find((f) => f.startsWith('backend='))?.slice(8);
    const i = info(adapter, a.featureLevel, a.flags ? 'dawn-node' : 'browser', backend);
    if (i.software && !allowSoftware) {
      tried.push(`${a.label}: only a software adapter (${i.software}: ${i.device || i.description}), slower than the CPU backends; --backend webgpu uses it anyway`);
      continue;
    }
    return { found: { gpu, adapter, info: i }, tried };
  }
  return { found: null, tried };
}

/** What the machine's WebGPU offers, without starting a backend (for `doctor`). */
export async function probeWebGPU(allowSoftware: boolean): Promise<{ adapter: GpuAdapter | null; why: string }> {
  const { found, tried } = await findAdapter(allowSoftware);
  return { adapter: found?.info ?? null, why: tried.join('; ') };
}

/**
 * Start tfjs's webgpu backend on the best adapter: hardware only, unless
 * `allowSoftware` (an explicit --backend webgpu). Throws with the reasons when
 * there is none.
 */
export async function initWebGPU(allowSoftware: boolean): Promise<GpuAdapter> {
  if (device && adapterInfo && (allowSoftware || !adapterInfo.software)) {
    if (!(await tf.setBackend('webgpu'))) throw new Error('backend "webgpu" failed to initialise');
    return adapterInfo;
  }
  const { found, tried } = await findAdapter(allowSoftware);
  if (!found) throw new Error(tried.join('; ') || 'no WebGPU adapter');
  const L = found.adapter.limits;
  // the largest buffers and workgroups the adapter allows (the defaults are far lower), as tfjs asks
  const d = await found.adapter.requestDevice({
    requiredLimits: {
      maxComputeWorkgroupStorageSize: L.maxComputeWorkgroupStorageSize,
      maxComputeWorkgroupsPerDimension: L.maxComputeWorkgroupsPerDimension,
      maxStorageBufferBindingSize: L.maxStorageBufferBindingSize,
      maxBufferSize: L.maxBufferSize,
      maxComputeWorkgroupSizeX: L.maxComputeWorkgroupSizeX,
      maxComputeInvocationsPerWorkgroup: L.maxComputeInvocationsPerWorkgroup,
    },
  });
  watch(d);
  // tfjs-backend-webgpu checks navigator.gpu when it starts, and registers its own
  // factory on import where navigator.gpu exists: ours replaces it.
  const g = globalThis as unknown as { navigator?: Record<string, unknown> };
  if (!g.navigator) g.navigator = {};
  if (!g.navigator.gpu) Object.defineProperty(g.navigator, 'gpu', { value: found.gpu, configurable: true });
  const { WebGPUBackend } = await import('@tensorflow/tfjs-backend-webgpu');
  if (tf.findBackendFactory('webgpu')) tf.removeBackend('webgpu');
  tf.registerBackend('webgpu', () => new WebGPUBackend(d, (found.adapter as unknown as { info: GPUAdapterInfo }).info));
  device = d;
  adapterInfo = found.info;
  dawnGpu = found.info.via === 'dawn-node' ? found.gpu : null;
  if (!(await tf.setBackend('webgpu'))) throw new Error('backend "webgpu" failed to initialise');
  return adapterInfo;
}

void dawnGpu; // held, never read
