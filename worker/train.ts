// The I-JEPA training step (reference src/train.py), keyed by the step number
// so that a resumed run redraws exactly the data, crops and masks of an
// uninterrupted one.
//
// One step:
//   x  = random resized crops of the step's batch                 [B, S, S, C]
//   masks: 1 context block + M target blocks per image (masks.ts)
//   h  = layer_norm(f_ξ(all patches)) at the target positions    [M·B, Kt, D]  (no gradient)
//   z  = f_θ(context patches)                                     [B, Kc, D]
//   ŷ  = g_φ(z, target positions)                                 [M·B, Kt, D]
//   loss = mean (ŷ − h)² (or smooth-L1) + optional regularizers on z
//   AdamW on θ, φ; then ξ ← m·ξ + (1 − m)·θ
import * as tf from '@tensorflow/tfjs';
import { gridSize, itersPerEpoch, totalSteps, validateConfig, viewsPerImage, type JepaConfig } from './config.ts';
import { Rng, Stream } from './rng.ts';
import { randomResizedCrop, trainIndices, type ImageSet } from './data.ts';
import { sampleMasks, maskRng, type MaskBatch } from './masks.ts';
import {
  createJepa,
  disposeJepa,
  patchify,
  trainableParams,
  type Jepa,
  type Param,
} from './model.ts';
import { AdamW, emaUpdate, scheduleAt, scheduleSpec, type ScheduleSpec } from './optim.ts';
import { loadCheckpoint, saveCheckpoint } from './checkpoint.ts';
import { accumulateGrads, elementLoss, microBatches, predict, stepModel, targets, type GradResult, type StepModel } from './step.ts';
import { GradientPool, resolveWorkers, type WorkerChoice } from './parallel.ts';
import { wasmHeapBytes } from './backend.ts';
import { setBlasThreadsFor } from './backend/blas-kernels.ts';

export interface StepResult {
  step: number; // the step that ran (0-based)
  epoch: number;
  /** prediction loss (the I-JEPA objective, without regularizers) */
  loss: number;
  lr: number;
  wd: number;
  momentum: number;
  /** unweighted regularizer values, only those enabled: vicreg_var, vicreg_cov, sigreg */
  reg: Record<string, number>;
  ms: number;
}

export class Trainer {
  readonly config: JepaConfig;
  readonly totalSteps: number;
  readonly itersPerEpoch: number;
  /** next step to run (0-based) */
  step = 0;

  readonly model: Jepa;
  readonly opt: AdamW;
  private readonly data: ImageSet;
  private readonly train: Int32Array;
  private readonly spec: ScheduleSpec;
  private readonly trainable: Param[];
  private perm: { epoch: number; order: Int32Array } | null = null;
  /** the config and networks for the step computation, with N (patches per image) and P (values per patch) */
  private readonly sm: StepModel;
  /** data-parallel gradient threads (optimization.workers); started at the first step */
  private pool: GradientPool | null = null;
  private workerChoice: WorkerChoice;
  private disposed = false;

  private constructor(config: JepaConfig, data: ImageSet) {
    validateConfig(config);
    this.config = config;
    this.data = data;
    this.train = trainIndices(data);
    if (this.train.length === 0) throw new Error(`dataset ${data.name} has no training images`);
    this.itersPerEpoch = itersPerEpoch(config, this.train.length);
    this.totalSteps = totalSteps(config, this.train.length);
    this.spec = scheduleSpec(config, this.itersPerEpoch, this.totalSteps);
    this.model = createJepa(config);
    this.trainable = trainableParams(this.model);
    this.opt = new AdamW(this.trainable);
    this.sm = stepModel(config, this.model);
    this.workerChoice = resolveWorkers(config, tf.getBackend(), estimateStepFlops(config));
  }

  static async create(opts: { config: JepaConfig; data: ImageSet; resumeDir?: string }): Promise<Trainer> {
    await tf.ready();
    const t = new Trainer(structuredClone(opts.config), opts.data);
    if (opts.resumeDir) {
      try {
        const state = loadCheckpoint(opts.resumeDir, { model: t.model, opt: t.opt });
        t.step = state.step;
      } catch (e) {
        t.dispose();
        throw e;
      }
    }
    return t;
  }

  schedule(step: number): { lr: number; wd: number; momentum: number } {
    return scheduleAt(this.spec, step);
  }

  /** Dataset indices of the batch for a step: epoch-keyed shuffle, then a slice (each index `views` times, adjacent). */
  batchIndices(step: number): Int32Array {
    const v = viewsPerImage(this.config);
    const n = this.config.data.batch_size / v;
    const epoch = Math.floor(step / this.itersPerEpoch);
    if (!this.perm || this.perm.epoch !== epoch)
      this.perm = { epoch, order: new Rng(this.config.meta.seed, Stream.order, epoch).permutation(this.train.length) };
    const order = this.perm.order;
    const start = (step % this.itersPerEpoch) * n;
    const out = new Int32Array(n * v);
    // a dataset smaller than one batch wraps around
    for (let i = 0; i < n; i++) out.fill(this.train[order[(start + i) % order.length]], i * v, (i + 1) * v);
    return out;
  }

  /** The step's inputs: normalised crops [B, S, S, C] and masks. */
  stepInputs(step: number): { x: Float32Array; masks: MaskBatch } {
    const { data: d, mask, meta } = this.config;
    const x = randomResizedCrop(this.data, this.batchIndices(step), d.crop_size, d.channels, d.crop_scale, new Rng(meta.seed, Stream.crop, step), d.rotation);
    const masks = sampleMasks(mask, gridSize(this.config), d.batch_size, maskRng(meta.seed, step));
    return { x, masks };
  }

  /**
   * The gradient of the step's objective (regularizers included) with respect
   * to `params` (default: the trainable ones), accumulated over micro-batches
   * as training does, without updating anything. null = no gradient reaches it.
   * `inputs` replaces the step's crops and masks (for tests and diagnostics).
   */
  gradients(
    step = this.step,
    params: Param[] = this.trainable,
    inputs: { x: Float32Array; masks: MaskBatch } = this.stepInputs(step),
  ): GradResult {
    const cfg = this.config;
    const { x, masks } = inputs;
    const B = masks.context.length;
    const patches = patchify(x, B, cfg.data.crop_size, cfg.data.channels, cfg.mask.patch_size); // [B, N, P]
    // gradient accumulation over micro-batches (the whole batch when micro_batch = 0)
    const parts = microBatches(B, cfg.optimization.micro_batch);
    if (params === this.trainable && this.startWorkers().workers > 1) return this.pool!.gradients(patches, masks, step, parts);
    return accumulateGrads(this.sm, patches, masks, step, params, parts);
  }

  /**
   * Start the data-parallel gradient threads this config gets (optimization.workers,
   * see worker/parallel.ts), if not yet started; the first step does it anyway.
   * Blocks about a second per thread. When auto-chosen threads fail to start,
   * training goes on with one (the reason says why); an explicit setting throws.
   */
  startWorkers(): WorkerChoice {
    if (this.disposed) throw new Error('the Trainer was disposed');
    if (this.workerChoice.workers > 1 && !this.pool) {
      try {
        this.pool = GradientPool.start(this.sm, this.trainable, this.model.target.params, this.workerChoice.workers);
      } catch (e) {
        if (this.config.optimization.workers > 0) throw e;
        this.workerChoice = { workers: 1, reason: `auto: gradient threads did not start (${e instanceof Error ? e.message : String(e)}); using 1` };
      }
    }
    setBlasThreadsFor(this.workerChoice.workers); // gradient threads × BLAS threads ≤ cores
    return { ...this.workerChoice };
  }

  /** Gradient threads (the main thread included) and why, without starting them. */
  get workers(): WorkerChoice {
    return { ...this.workerChoice };
  }

  /** Live tensors per thread: [main, gradient threads…] (for leak checks). */
  tensorCounts(): number[] {
    return [tf.memory().numTensors, ...(this.pool?.stats().map((s) => s.numTensors) ?? [])];
  }

  /** wasm heap bytes per thread, [main, gradient threads…]; null off wasm. */
  heapBytes(): (number | null)[] {
    return [wasmHeapBytes(), ...(this.pool?.stats().map((s) => s.heapBytes) ?? [])];
  }

  trainStep(): StepResult {
    const t0 = performance.now();
    const step = this.step;
    const { lr, wd, momentum } = this.schedule(step);
    const epoch = Math.floor(step / this.itersPerEpoch);
    const { loss, reg, grads } = this.gradients(step);
    this.opt.step(grads, lr, wd);
    tf.dispose(grads.filter((g): g is tf.Tensor => g !== null));
    emaUpdate(this.model.target.params, this.model.encoder.params, momentum);
    this.step = step + 1;
    return { step, epoch, loss, lr, wd, momentum, reg, ms: performance.now() - t0 };
  }

  saveCheckpoint(dir: string): { bytes: number; files: string[] } {
    return saveCheckpoint(dir, {
      config: this.config,
      model: this.model,
      opt: this.opt,
      state: {
        step: this.step,
        epoch: Math.floor(this.step / this.itersPerEpoch),
        totalSteps: this.totalSteps,
        itersPerEpoch: this.itersPerEpoch,
      },
    });
  }

  /** Average-pooled target-encoder features of normalised images x [n, S, S, C] → [n, D]. */
  features(x: Float32Array, n: number, batch = 256): Float32Array {
    const { crop_size: S, channels: C } = this.config.data;
    const p = this.config.mask.patch_size;
    const enc = this.model.target;
    const D = enc.dim;
    if (x.length !== n * S * S * C) throw new Error(`features: expected ${n}×${S}×${S}×${C} values, got ${x.length}`);
    const out = new Float32Array(n * D);
    for (let i0 = 0; i0 < n; i0 += batch) {
      const m = Math.min(batch, n - i0);
      const patches = patchify(x.subarray(i0 * S * S * C, (i0 + m) * S * S * C), m, S, C, p); // [m, N, P]
      const f = tf.tidy(() => tf.mean(enc.forward(tf.tensor3d(patches, [m, this.sm.N, this.sm.P]), enc.posEmbed), 1)); // [m, D]
      out.set(f.dataSync(), i0 * D);
      f.dispose();
    }
    return out;
  }

  /** Per-token prediction loss (mean over features) for given images and masks → [M·B, Kt], mask-major. */
  private tokenErrors(x: Float32Array, masks: MaskBatch): Float32Array {
    const cfg = this.config;
    const B = masks.context.length;
    const { crop_size: S, channels: C } = cfg.data;
    if (x.length !== B * S * S * C) throw new Error(`expected ${B}×${S}×${S}×${C} image values for ${B} masks, got ${x.length}`);
    const patches = patchify(x, B, S, C, cfg.mask.patch_size); // [B, N, P]
    const err = tf.tidy(() => {
      const h = targets(this.sm, tf.tensor3d(patches, [B, this.sm.N, this.sm.P]), masks.targets); // [M·B, Kt, D]
      const { pred } = predict(this.sm, patches, masks); // [M·B, Kt, D]
      return tf.mean(elementLoss(pred, h, cfg.meta.loss), -1); // [M·B, Kt]
    });
    const e = err.dataSync() as Float32Array;
    err.dispose();
    return e;
  }

  /** The prediction loss (no regularizers, no update) on given normalised images [B, S, S, C] and masks. */
  loss(x: Float32Array, masks: MaskBatch): number {
    const e = this.tokenErrors(x, masks);
    let s = 0;
    for (const v of e) s += v;
    return s / e.length;
  }

  /**
   * Per-patch prediction loss [B, grid²] for given images and masks (mean over
   * features; patches in several target blocks average them); NaN off the targets.
   */
  predictionError(x: Float32Array, masks: MaskBatch): Float32Array {
    const B = masks.context.length;
    const M = masks.targets[0].length;
    const Kt = masks.targets[0][0].length;
    const e = this.tokenErrors(x, masks);
    const sum = new Float64Array(B * this.sm.N);
    const count = new Uint16Array(B * this.sm.N);
    for (let m = 0; m < M; m++)
      for (let b = 0; b < B; b++)
        for (let k = 0; k < Kt; k++) {
          const j = b * this.sm.N + masks.targets[b][m][k];
          sum[j] += e[(m * B + b) * Kt + k];
          count[j]++;
        }
    const out = new Float32Array(B * this.sm.N);
    for (let j = 0; j < out.length; j++) out[j] = count[j] ? sum[j] / count[j] : NaN;
    return out;
  }

  /**
   * Free the tensors and end the gradient threads. The returned promise resolves
   * once the threads have exited; callers need not wait for it.
   */
  dispose(): Promise<void> {
    if (this.disposed) return Promise.resolve();
    this.disposed = true;
    const ended = this.pool?.dispose() ?? Promise.resolve();
    this.pool = null;
    disposeJepa(this.model);
    return ended;
  }
}

// ---------------------------------------------------------------------------
// FLOP estimate (multiply-adds × 2 of the matMuls; elementwise ops ignored)

/** Expected kept patches for the mask settings: [context Kc, target Kt]. */
function expectedTokens(cfg: JepaConfig): [number, number] {
  const N = gridSize(cfg) ** 2;
  const mean = (r: [number, number]) => (r[0] + r[1]) / 2;
  const kt = Math.max(1, Math.floor(N * mean(cfg.mask.pred_mask_scale)));
  const covered = cfg.mask.allow_overlap ? 0 : 1 - (1 - mean(cfg.mask.pred_mask_scale)) ** cfg.mask.num_pred_masks;
  const kc = Math.max(cfg.mask.min_keep, Math.floor(N * mean(cfg.mask.enc_mask_scale) * (1 - covered)));
  return [kc, kt];
}

/** Forward FLOPs of `depth` transformer blocks over B sequences of K tokens of width d. */
function blocksFlops(B: number, K: number, d: number, depth: number, mlpRatio: number): number {
  const hidden = Math.floor(d * mlpRatio);
  const linear = 2 * B * K * (d * 3 * d + d * d + 2 * d * hidden);
  const attn = 2 * 2 * B * K * K * d; // QKᵀ and A·V over all heads
  return depth * (linear + attn);
}

/** Forward + backward FLOPs of one training step (backward ≈ 2× forward; the target encoder is forward only). */
export function estimateStepFlops(config: JepaConfig): number {
  const B = config.data.batch_size;
  const N = gridSize(config) ** 2;
  const { embed_dim: D, depth, mlp_ratio } = config.model;
  const Dp = config.meta.pred_emb_dim;
  const M = config.mask.num_pred_masks;
  const P = config.data.channels * config.mask.patch_size ** 2;
  const [Kc, Kt] = expectedTokens(config);
  const target = 2 * B * N * P * D + blocksFlops(B, N, D, depth, mlp_ratio);
  const context = 2 * B * Kc * P * D + blocksFlops(B, Kc, D, depth, mlp_ratio);
  const predictor = 2 * B * Kc * D * Dp + blocksFlops(M * B, Kc + Kt, Dp, config.meta.pred_depth, mlp_ratio) + 2 * M * B * Kt * Dp * D;
  return target + 3 * (context + predictor);
}
