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
import { gridSize, itersPerEpoch, totalSteps, validateConfig, viewsPerImage, type JepaConfig } from '../../main/common/config.ts';
import { Rng, Stream } from '../../main/common/rng.ts';
import { randomResizedCrop } from '../data/augment.ts';
import { trainIndices, type ImageSet } from '../../main/common/imageset.ts';
import { sampleMasks, maskRng, type MaskBatch } from '../../main/common/masks.ts';
import { createJepa, disposeJepa, patchify, trainableParams, type Jepa, type Param } from '../model/model.ts';
import { AdamW, DeviceAdamW, emaUpdate, type Optimizer } from './optim.ts';
import { scheduleAt, scheduleSpec, type ScheduleSpec } from '../../main/common/schedule.ts';
import { loadCheckpoint, saveCheckpoint, saveCheckpointAsync } from '../checkpoint/checkpoint.ts';
import { accumulateGrads, accumulateGradsOnDevice, microBatches, type GradResult } from './step.ts';
import { estimateStepFlops } from '../../main/common/flops.ts';
import { poolFeatures, poolFeaturesAsync, predictionError, stepModel, tokenErrors, type StepModel } from '../model/forward.ts';
import { GradientPool, resolveWorkers, type WorkerChoice } from './parallel.ts';
import { activeBackend, wasmHeapBytes } from '../backend/backend.ts';
import { setBlasThreadsFor } from '../backend/blas-kernels.ts';
import { activeAdapter, throwGpuErrors } from '../backend/webgpu.ts';
import { fitMicroBatch, type MicroBatchChoice } from './memory.ts';

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

/**
 * A step of trainStepAsync: on a GPU backend a step may leave its loss on the
 * device (read: false), so that the next one is queued without waiting for it;
 * then loss, reg and ms are null.
 */
export type AsyncStepResult = Omit<StepResult, 'loss' | 'reg' | 'ms'> & {
  loss: number | null;
  reg: Record<string, number> | null;
  /** wall time per step since the last read (a GPU runs ahead of the host) */
  ms: number | null;
};

/** A GPU backend: the parameters, moments and EMA stay on the device, and the step reads back only its metrics. */
function gpuBackend(): boolean {
  const b = tf.getBackend();
  return b === 'webgpu' || (b === 'tensorflow' && activeBackend()?.package === '@tensorflow/tfjs-node-gpu');
}

export class Trainer {
  config: JepaConfig;
  totalSteps: number;
  readonly itersPerEpoch: number;
  /** next step to run (0-based) */
  step = 0;

  readonly model: Jepa;
  readonly opt: Optimizer;
  /** GPU backend: the step stays on the device (trainStepAsync); else typed-array AdamW on the host */
  readonly onDevice: boolean;
  /** micro-batch size the step uses, and why (the config's, or fitted to the GPU adapter) */
  readonly microBatch: MicroBatchChoice;
  private readonly data: ImageSet;
  private readonly train: Int32Array;
  private spec: ScheduleSpec;
  private readonly trainable: Param[];
  private perm: { epoch: number; order: Int32Array } | null = null;
  /** the next step's inputs, drawn while the gradient threads finished the last one (trainStep) */
  private nextInputs: { step: number; inputs: { x: Float32Array; masks: MaskBatch } } | null = null;
  /** the config and networks for the step computation, with N (patches per image) and P (values per patch) */
  private sm: StepModel;
  /** data-parallel gradient threads (optimization.workers); started at the first step */
  private pool: GradientPool | null = null;
  private workerChoice: WorkerChoice;
  private disposed = false;
  /** trainStepAsync: steps queued since the last read, and when the first of them started */
  private unread = 0;
  private unreadSince = 0;

  private constructor(config: JepaConfig, data: ImageSet, maxMicroBatch?: number) {
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
    this.onDevice = gpuBackend();
    this.opt = this.onDevice ? new DeviceAdamW(this.trainable) : new AdamW(this.trainable);
    this.workerChoice = resolveWorkers(config, tf.getBackend(), estimateStepFlops(config));
    this.microBatch = fitMicroBatch(config, tf.getBackend() === 'webgpu' ? activeAdapter() : null, maxMicroBatch, this.workerChoice.workers);
    this.sm = stepModel(config, this.model);
  }

  /** `maxMicroBatch`: a cap on the micro-batch a GPU may get (after it ran out of memory at a larger one). */
  static async create(opts: { config: JepaConfig; data: ImageSet; resumeDir?: string; maxMicroBatch?: number }): Promise<Trainer> {
    await tf.ready();
    const t = new Trainer(structuredClone(opts.config), opts.data, opts.maxMicroBatch);
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

  /**
   * Back to the start, for a run of `steps` steps: the seed's initial weights, a
   * fresh optimiser, the schedules fitted to the new total. A run by minutes
   * times its first steps, then restarts, so that its stored config (`steps`)
   * reproduces it exactly.
   */
  async restart(steps: number): Promise<void> {
    const config: JepaConfig = { ...this.config, optimization: { ...this.config.optimization, steps, minutes: 0 } };
    validateConfig(config);
    const fresh = createJepa(config);
    const all = (m: Jepa) => [...m.encoder.params, ...m.target.params, ...m.predictor.params, ...(m.projector?.params ?? [])];
    const init = all(fresh);
    // tensor to tensor: no read-back, so it works on a GPU too
    all(this.model).forEach((p, i) => p.v.assign(init[i].v));
    disposeJepa(fresh);
    this.opt.reset();
    this.config = config;
    this.totalSteps = steps;
    this.spec = scheduleSpec(config, this.itersPerEpoch, steps);
    this.sm = stepModel(config, this.model);
    this.step = 0;
    this.perm = null;
    this.nextInputs = null;
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
    whileWaiting?: () => void,
  ): GradResult {
    const cfg = this.config;
    const { x, masks } = inputs;
    const B = masks.context.length;
    const patches = patchify(x, B, cfg.data.crop_size, cfg.data.channels, cfg.mask.patch_size); // [B, N, P]
    // gradient accumulation over micro-batches (the whole batch when micro_batch = 0)
    const parts = microBatches(B, this.microBatch.size);
    if (params === this.trainable && this.startWorkers().workers > 1) return this.pool!.gradients(patches, masks, step, parts, whileWaiting);
    return accumulateGrads(this.sm, patches, masks, step, params, parts);
  }

  /**
   * Start the data-parallel gradient threads this config gets (optimization.workers,
   * see worker/train/parallel.ts), if not yet started; the first step does it anyway.
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

  /**
   * One training step, its numbers read synchronously: CPU backends (wasm, cpu,
   * tfjs-node). On a GPU backend use trainStepAsync.
   */
  trainStep(): StepResult {
    if (this.onDevice) throw new Error(`Trainer.trainStep reads the step synchronously, which the ${tf.getBackend()} backend cannot do (in Node, WebGPU reads only asynchronously): use trainStepAsync`);
    const t0 = performance.now();
    const step = this.step;
    const { lr, wd, momentum } = this.schedule(step);
    const epoch = Math.floor(step / this.itersPerEpoch);
    const inputs = this.nextInputs?.step === step ? this.nextInputs.inputs : this.stepInputs(step);
    this.nextInputs = null;
    // the next step's crops and masks are drawn while the gradient threads finish this one's:
    // they are a function of the step alone, and this thread would otherwise only wait
    const prefetch = () => {
      this.nextInputs = { step: step + 1, inputs: this.stepInputs(step + 1) };
    };
    const { loss, reg, grads } = this.gradients(step, this.trainable, inputs, prefetch);
    this.opt.step(grads, lr, wd);
    tf.dispose(grads.filter((g): g is tf.Tensor => g !== null));
    emaUpdate(this.model.target.params, this.model.encoder.params, momentum);
    this.step = step + 1;
    return { step, epoch, loss, lr, wd, momentum, reg, ms: performance.now() - t0 };
  }

  /**
   * One training step on any backend. On a GPU backend the gradient, AdamW and
   * the EMA are queued on the device and only the step's metrics come back,
   * when `read` (default true); with read: false nothing is waited for. On CPU
   * backends it is trainStep.
   */
  async trainStepAsync(opts: { read?: boolean } = {}): Promise<AsyncStepResult> {
    if (!this.onDevice) return this.trainStep();
    const t0 = performance.now();
    if (this.unread === 0) this.unreadSince = t0;
    const step = this.step;
    const { lr, wd, momentum } = this.schedule(step);
    const epoch = Math.floor(step / this.itersPerEpoch);
    const cfg = this.config;
    const { x, masks } = this.stepInputs(step);
    const B = masks.context.length;
    const patches = patchify(x, B, cfg.data.crop_size, cfg.data.channels, cfg.mask.patch_size); // [B, N, P]
    const r = accumulateGradsOnDevice(this.sm, patches, masks, step, this.trainable, microBatches(B, this.microBatch.size));
    this.opt.step(r.grads, lr, wd);
    tf.dispose(r.grads.filter((g): g is tf.Tensor => g !== null));
    emaUpdate(this.model.target.params, this.model.encoder.params, momentum);
    this.step = step + 1;
    this.unread++;
    if (opts.read === false) {
      r.metrics.dispose();
      return { step, epoch, loss: null, reg: null, lr, wd, momentum, ms: null };
    }
    let values: Float32Array;
    try {
      values = (await r.metrics.data()) as Float32Array;
    } finally {
      r.metrics.dispose();
    }
    if (tf.getBackend() === 'webgpu') throwGpuErrors();
    const ms = (performance.now() - this.unreadSince) / this.unread;
    this.unread = 0;
    const reg: Record<string, number> = {};
    r.names.forEach((k, i) => {
      if (i > 0) reg[k] = values[i];
    });
    return { step, epoch, loss: values[0], reg, lr, wd, momentum, ms };
  }

  /** saveCheckpoint with the device's tensors read asynchronously (every backend). */
  saveCheckpointAsync(dir: string): Promise<{ bytes: number; files: string[] }> {
    // a device error since the last read makes what was read worthless: never write it
    return saveCheckpointAsync(dir, this.checkpointParts(), this.onDevice && tf.getBackend() === 'webgpu' ? throwGpuErrors : undefined);
  }

  private checkpointParts() {
    return {
      config: this.config,
      model: this.model,
      opt: this.opt,
      state: {
        step: this.step,
        epoch: Math.floor(this.step / this.itersPerEpoch),
        totalSteps: this.totalSteps,
        itersPerEpoch: this.itersPerEpoch,
      },
    };
  }

  saveCheckpoint(dir: string): { bytes: number; files: string[] } {
    return saveCheckpoint(dir, this.checkpointParts());
  }

  /** Average-pooled target-encoder features of normalised images x [n, S, S, C] → [n, D]. */
  features(x: Float32Array, n: number, batch = 256): Float32Array {
    return poolFeatures(this.sm, x, n, batch);
  }

  /** features, read asynchronously (every backend). */
  async featuresAsync(x: Float32Array, n: number, batch = 256): Promise<Float32Array> {
    const f = await poolFeaturesAsync(this.sm, x, n, batch);
    if (tf.getBackend() === 'webgpu') throwGpuErrors();
    return f;
  }

  /** The prediction loss (no regularizers, no update) on given normalised images [B, S, S, C] and masks. */
  loss(x: Float32Array, masks: MaskBatch): number {
    const e = tokenErrors(this.sm, x, masks);
    let s = 0;
    for (const v of e) s += v;
    return s / e.length;
  }

  /** Per-patch prediction loss [B, grid²]; NaN off the targets (see forward.ts predictionError). */
  predictionError(x: Float32Array, masks: MaskBatch): Float32Array {
    return predictionError(this.sm, x, masks);
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
    this.opt.dispose();
    disposeJepa(this.model);
    return ended;
  }
}
