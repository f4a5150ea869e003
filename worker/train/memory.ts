// GPU memory: the micro-batch a step gets on a WebGPU adapter. WebGPU does not
// say how much memory a device has; it gives the largest buffer it allows
// (maxBufferSize) and the largest a kernel may bind (maxStorageBufferBindingSize).
// A micro-batch must keep every tensor of the step under the binding limit (else
// the kernel cannot run), and the step's live tensors under a budget: the
// adapter's largest buffer unless JEPA_LAB_GPU_MEMORY_MB says better. When a run
// still runs out, it records the micro-batch that failed (oomNoteFile) and its
// resume starts at half that.
import { gridSize, viewsPerImage, type JepaConfig } from '../../main/common/config.ts';
import type { GpuAdapter } from '../../main/common/protocol.ts';
import { hasBatchRegularizers } from './step.ts';

export interface MicroBatchChoice {
  /** optimization.micro_batch semantics: 0 = the whole batch */
  size: number;
  reason: string;
}

/** Largest kept-token counts the mask settings allow: [context Kc, one target block Kt]. */
function maxTokens(cfg: JepaConfig): [number, number] {
  const N = gridSize(cfg) ** 2;
  return [Math.max(cfg.mask.min_keep, Math.ceil(N * cfg.mask.enc_mask_scale[1])), Math.max(1, Math.ceil(N * cfg.mask.pred_mask_scale[1]))];
}

/** One transformer stack's saved activations and its largest tensor, in floats, for B sequences of K tokens of width d. */
function stack(B: number, K: number, d: number, depth: number, heads: number, mlpRatio: number): { floats: number; largest: number } {
  const hidden = Math.floor(d * mlpRatio);
  // per block: norms, qkv, attention scores and probabilities, projections, the MLP's hidden layer (kept for GELU's gradient)
  const perBlock = B * K * (8 * d + 3 * hidden) + 2 * B * heads * K * K;
  return { floats: depth * perBlock, largest: Math.max(B * heads * K * K, B * K * Math.max(hidden, 3 * d)) };
}

/**
 * Bytes a step's tensors hold at its peak for `n` images, and its largest
 * single tensor: the target encoder's forward on all patches (kept until the
 * step's tidy ends), the context encoder and predictor with their backward
 * temporaries (about as much again). An estimate with the mask sizes at their
 * largest, meant to err high.
 */
export function estimateStepMemory(cfg: JepaConfig, n: number): { bytes: number; largestBytes: number } {
  const N = gridSize(cfg) ** 2;
  const [Kc, Kt] = maxTokens(cfg);
  const { embed_dim: D, depth, num_heads: H, mlp_ratio } = cfg.model;
  const M = cfg.mask.num_pred_masks;
  const target = stack(n, N, D, depth, H, mlp_ratio);
  const context = stack(n, Kc, D, depth, H, mlp_ratio);
  const predictor = stack(M * n, Kc + Kt, cfg.meta.pred_emb_dim, cfg.meta.pred_depth, H, mlp_ratio);
  const floats = target.floats + 2 * (context.floats + predictor.floats);
  return { bytes: 4 * floats, largestBytes: 4 * Math.max(target.largest, context.largest, predictor.largest) };
}

const MiB = 2 ** 20;

/** The device memory a step may use on an adapter: JEPA_LAB_GPU_MEMORY_MB, else its largest buffer. */
export function memoryBudget(adapter: GpuAdapter): { bytes: number; from: string } {
  const env = typeof process !== 'undefined' ? Number(process.env.JEPA_LAB_GPU_MEMORY_MB) : NaN;
  if (env > 0) return { bytes: env * MiB, from: `JEPA_LAB_GPU_MEMORY_MB=${env}` };
  return { bytes: adapter.limits.maxBufferSize, from: `the adapter's largest buffer, ${Math.round(adapter.limits.maxBufferSize / MiB)} MiB` };
}

/**
 * What a gradient thread's step may hold on the CPU before micro-batch 0 ("the whole
 * batch") is split: a wasm heap never shrinks and cannot pass 4 GiB, and each gradient
 * thread has its own. The split changes no number where the loss is a mean over images
 * (no batch regularizers), and at this size a micro-batch still keeps the matMuls large
 * (the step's time at each size: docs/bench/blas.md, "Memory").
 */
export const CPU_STEP_MEMORY = 320 * MiB;

/**
 * The micro-batch a step uses. Off WebGPU: optimization.micro_batch as set; with
 * micro_batch 0, the whole batch, unless each of the `threads` gradient threads'
 * share of it would hold more than CPU_STEP_MEMORY and the loss is a mean over
 * images (no batch regularizers): then into micro-batches of about equal size that
 * fit. On
 * WebGPU with micro_batch 0: the largest size (a whole number of micro-batches
 * of equal size where possible) that fits the adapter, at most `cap` (half of a
 * size that ran out of memory before). A set micro_batch is kept, under the cap.
 */
export function fitMicroBatch(cfg: JepaConfig, adapter: GpuAdapter | null, cap?: number, threads = 1): MicroBatchChoice {
  const B = cfg.data.batch_size;
  const set = cfg.optimization.micro_batch;
  const step = viewsPerImage(cfg); // a micro-batch holds every view of its images
  const capped = cap && cap > 0 ? Math.max(step, Math.floor(cap / step) * step) : undefined;
  if (!adapter) {
    if (capped && (set === 0 || set > capped)) return { size: capped, reason: `${capped}: capped after the GPU ran out of memory at a larger micro-batch` };
    if (set > 0) return { size: set, reason: `optimization.micro_batch = ${set}` };
    return cpuMicroBatch(cfg, Math.max(1, threads));
  }
  if (set > 0) {
    if (capped && set > capped) return { size: capped, reason: `${capped}: optimization.micro_batch = ${set}, capped after the GPU ran out of memory at ${cap! * 2}` };
    return { size: set, reason: `optimization.micro_batch = ${set}` };
  }
  const budget = memoryBudget(adapter);
  const bind = adapter.limits.maxStorageBufferBindingSize;
  const fits = (n: number) => {
    const m = estimateStepMemory(cfg, n);
    return m.bytes <= budget.bytes && m.largestBytes <= bind;
  };
  let n = Math.min(B, capped ?? B);
  while (n > step && !fits(n)) n = Math.max(step, Math.floor(n / 2 / step) * step);
  // equal micro-batches: the smallest count of parts of at most n images
  const parts = Math.ceil(B / n);
  let size = Math.ceil(B / parts / step) * step;
  if (size > n) size = n;
  const est = estimateStepMemory(cfg, size);
  const why = `${Math.round(est.bytes / MiB)} MiB estimated for ${size} images against ${budget.from}; largest tensor ${Math.round(est.largestBytes / MiB)} MiB of ${Math.round(bind / MiB)} MiB bindable${capped ? `; capped at ${capped} after running out of memory` : ''}`;
  if (size >= B) return { size: 0, reason: `the whole batch fits the GPU (${why})` };
  const objective = hasBatchRegularizers(cfg) ? ' (the batch regularizers then see each micro-batch, not the whole batch)' : '';
  if (!fits(size)) return { size, reason: `${size}, the smallest micro-batch, and it may not fit the GPU (${why}): lower data.batch_size or the model size if it runs out of memory${objective}` };
  return { size, reason: `${size} of ${B} images per micro-batch, fitted to the GPU (${why})${objective}` };
}

/** Micro-batch 0 on the CPU: the whole batch, or the largest micro-batch (share / k, rounded up) that each thread's heap holds (fitMicroBatch). */
function cpuMicroBatch(cfg: JepaConfig, threads: number): MicroBatchChoice {
  const B = cfg.data.batch_size;
  const step = viewsPerImage(cfg);
  const share = Math.ceil(B / threads);
  const mib = (n: number) => Math.round(estimateStepMemory(cfg, n).bytes / MiB);
  const whole = `the whole batch (optimization.micro_batch = 0)`;
  if (estimateStepMemory(cfg, share).bytes <= CPU_STEP_MEMORY) return { size: 0, reason: whole };
  if (hasBatchRegularizers(cfg)) return { size: 0, reason: `${whole}, though a thread's share is estimated at ${mib(share)} MiB: the batch regularizers must see the whole batch` };
  // the fewest parts per thread whose micro-batches fit
  for (let k = 2; ; k++) {
    const n = Math.max(step, Math.ceil(share / k / step) * step);
    if (estimateStepMemory(cfg, n).bytes <= CPU_STEP_MEMORY || n === step)
      return { size: n, reason: `${n} of ${B} images per micro-batch: ${threads > 1 ? `each of ${threads} gradient threads' share of ${share}` : 'the whole batch'} would hold about ${mib(share)} MiB, ${n} images about ${mib(n)} (at most ${CPU_STEP_MEMORY / MiB} MiB a thread; the same gradient, the loss being a mean over images)` };
  }
}

/** The file a run's checkpoint folder keeps the micro-batch that ran out of GPU memory in. */
export const OOM_NOTE = 'gpu-memory.json';
