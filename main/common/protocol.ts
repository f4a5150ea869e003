// The typed messages between the lab (main/) and a worker process (worker/):
// the lab sends one job, the worker reports by messages and exits. Messages
// travel by structured clone (fork's 'advanced' serialization, or Electron's
// utilityProcess), so Float32Arrays pass without JSON.
import type { JepaConfig } from './config.ts';
import type { BackendRequest, CollapseFlag, EventLevel, MetricPoint, Progress } from './vocabulary.ts';
import type { BlasStatus } from './blas/index.ts';

/** Train a run, or continue it from a checkpoint (worker/train/train.ts). */
export interface TrainJob {
  kind: 'train';
  runId: number;
  config: JepaConfig;
  datasetDir: string;
  /** folder under which step-NNNNNNN checkpoint folders are written */
  checkpointRoot: string;
  /** checkpoint folder to resume from */
  resumeFrom?: string;
  backend: BackendRequest;
  /**
   * a run by minutes: how much slower than timed the recent runs by minutes of this lab
   * all ran (the smallest of their METRIC.paceDrift); absent: fewer than PACE_DRIFT_RUNS have one
   */
  paceDrift?: number;
}

/** Average-pooled target-encoder features for some images of a dataset (worker/jobs/features.ts). */
export interface FeaturesJob {
  kind: 'features';
  config: JepaConfig;
  datasetDir: string;
  /** checkpoint folder; absent = a randomly initialised encoder (seed from config) */
  checkpoint?: string;
  indices: number[];
  backend: BackendRequest;
}

/** Per-patch prediction error over sampled target blocks, the mask view's heatmap (worker/jobs/mask-error.ts). */
export interface MaskErrorJob {
  kind: 'mask-error';
  config: JepaConfig;
  datasetDir: string;
  checkpoint: string;
  indices: number[];
  maskSeed: number;
  backend: BackendRequest;
}

/** Features of the train and held-out images, row-major [n, dim]. */
export interface SplitFeatures {
  train: Float32Array;
  test: Float32Array;
  dim: number;
}

/** kNN and linear probes, RankMe and feature std on a dataset's split, beside raw pixels (worker/jobs/evaluate.ts). */
export interface EvaluateJob {
  kind: 'evaluate';
  datasetDir: string;
  /** the raw-pixel baseline sees images as the run's encoder does */
  cropSize: number;
  channels: number;
  k: number;
  trained: SplitFeatures;
  random: SplitFeatures;
}

/** A 2-D PCA projection of [n, dim] vectors (worker/jobs/map.ts). */
export interface MapJob {
  kind: 'map';
  vectors: Float32Array;
  n: number;
  dim: number;
}

/** The model's kernel choices (worker/model/model.ts setModelKernels): how attention and the linear layers' gradients run; 'auto' picks by backend. */
export interface ModelKernels {
  attention: 'auto' | 'conv' | 'matmul' | 'fused';
  linearGrad: 'auto' | 'transpose' | 'flags';
}

/** Training steps on synthetic images, timed (`train`) or split by kernel (`profile`) (worker/jobs/bench.ts). */
export interface BenchJob {
  kind: 'bench';
  mode: 'train' | 'profile';
  config: JepaConfig;
  steps: number;
  backend: BackendRequest;
  /** the model's kernel choices, to compare them */
  kernels?: Partial<ModelKernels>;
}

/** Every backend: whether it loads here and why not (`jepa-lab doctor`, worker/backend/doctor.ts). */
export interface DoctorJob {
  kind: 'doctor';
}


/** A WebGPU adapter, as the worker found it (worker/backend/webgpu.ts). */
export interface GpuAdapter {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  /** the software renderer's name (llvmpipe, SwiftShader, …) when the adapter is one, else null */
  software: string | null;
  /** 'compatibility' on adapters that give only WebGPU's compatibility mode (OpenGL ES) */
  featureLevel: 'core' | 'compatibility';
  /** where the device comes from: Dawn for Node, or the browser's navigator.gpu */
  via: 'dawn-node' | 'browser';
  /** the Dawn backend asked for (absent: the platform's own, Vulkan, Metal or D3D12) */
  dawnBackend?: string;
  limits: { maxBufferSize: number; maxStorageBufferBindingSize: number; maxComputeWorkgroupStorageSize: number; maxComputeInvocationsPerWorkgroup: number };
}

/** One backend as `doctor` lists it. */
export interface BackendReport {
  request: BackendRequest;
  package: string;
  loads: boolean;
  /** what it runs on (the adapter, threads), when it loads */
  detail: string;
  /** why it does not load, or why auto passes it over */
  why: string;
  /** auto would choose it */
  chosen: boolean;
  adapter?: GpuAdapter;
}
/**
 * Convert a checkpoint into a lab checkpoint folder (worker/jobs/import-checkpoint.ts):
 * an official I-JEPA torch.save file (.pth/.pth.tar, read by the restricted
 * unpickler) or a lab checkpoint folder (config.json + safetensors, copied).
 */
export interface ImportCheckpointJob {
  kind: 'import-checkpoint';
  source: string;
  /** the folder to write; must not exist (the lab moves it into the run afterwards) */
  out: string;
  /** attention heads (weights do not record them); official files only */
  numHeads?: number;
  /** the target encoder only: enough to embed, not to train or show prediction errors */
  featuresOnly: boolean;
}

/** A lab checkpoint folder as the official I-JEPA .pth.tar (worker/jobs/export-checkpoint.ts). */
export interface ExportCheckpointJob {
  kind: 'export-checkpoint';
  checkpoint: string;
  out: string;
  /** the official `loss` key: the run's loss at that step, when known */
  loss: number | null;
}

export type Job = TrainJob | FeaturesJob | MaskErrorJob | EvaluateJob | MapJob | BenchJob | DoctorJob | ImportCheckpointJob | ExportCheckpointJob;

export interface ProbeScores {
  knn_acc: number;
  linear_acc: number;
}

/** What each job that answers with one value answers. */
export interface JobResults {
  'mask-error': { grid: number; errors: Float32Array; context: number[][]; targets: number[][][] };
  evaluate: {
    trained: ProbeScores & { rankme: number; feature_std: number };
    random: ProbeScores & { rankme: number; feature_std: number };
    pixels: ProbeScores & { dim: number };
  };
  /** the 2-D projection and each component's share of the variance */
  map: { pca: Float32Array; explained: [number, number] };
  bench: BenchTrainResult | BenchProfileResult;
  doctor: { backends: BackendReport[]; platform: string };
  'import-checkpoint': ImportCheckpointResult;
  'export-checkpoint': { bytes: number; groups: number; dropped: string[]; warnings: string[] };
}

/** What an imported checkpoint turned out to be. */
export interface ImportCheckpointResult {
  /** 'ijepa': an official torch.save file; 'lab': a lab checkpoint folder */
  format: 'ijepa' | 'lab';
  /** the model's config (the dataset key is the lab's to set) */
  config: JepaConfig;
  step: number;
  epoch: number;
  /** the official vit_* name when the size is one, else null */
  modelName: string | null;
  /** what the folder holds: encoder, target_encoder, predictor, optimizer */
  parts: string[];
  /** whether the state dicts carried DDP's `module.` prefix (official files) */
  modulePrefix: boolean;
  /** how the head count was found (official files): the width table, --heads, or a default */
  numHeadsFrom: 'table' | 'given' | 'default' | 'config';
  /** the official file's loss, when it has one */
  loss: number | null;
  bytes: number;
  /** what was left out or assumed, one sentence each */
  notes: string[];
}

/** A timed training step's figures, as `bench` reports them for tfjs and for PyTorch alike. */
export interface StepFigures {
  ms_per_step: number;
  step_ms: number[];
  /** CPU time of the process (all threads) per step, the mean: steadier than wall time on a shared machine */
  cpu_ms_per_step: number;
  images_per_s: number;
  gflops: number;
  peak_bytes: number;
  /** the process's peak resident memory */
  peak_rss_bytes: number;
}

/** `bench`: training steps timed on a backend. */
export interface BenchTrainResult extends StepFigures {
  /** the backend, described */
  backend: string;
  /** the BLAS serving the wasm matMuls (library, threading build, kernels, file), or null and why */
  blas: BlasStatus | null;
  blas_skipped: string | null;
  /** the GPU adapter, on webgpu */
  adapter?: GpuAdapter;
  /** why auto passed over each backend before this one */
  skipped: { package: string; reason: string }[];
  /** the micro-batch the step used (0 = the whole batch), and why (on a GPU: fitted to the adapter) */
  micro_batch: number;
  micro_batch_reason: string;
  /** gradient threads, the main thread included (optimization.workers; 1 = no data parallelism) */
  workers: number;
  workers_reason: string;
  /** a wasm heap never shrinks, so its size is the peak (one per gradient thread, summed); on webgpu the device buffers tfjs holds; else the process RSS */
  peak_bytes: number;
  /** the worker's peak resident memory (getrusage maxRSS): wasm heaps, native buffers (the BLAS's) and Node itself */
  peak_rss_bytes: number;
  live_tensor_bytes: number;
  tensor_growth_per_step: number;
  steps: number;
  config: JepaConfig;
}

/** `bench --profile`: kernel time per kernel name, per step, largest first. */
export interface BenchProfileResult {
  backend: string;
  wall_ms: number;
  kernel_ms: number;
  matmul_ms: number;
  matmul_share: number;
  kernels: { name: string; ms: number; calls: number }[];
  config: JepaConfig;
}
export type JobResult<J extends Job> = J['kind'] extends keyof JobResults ? JobResults[J['kind']] : undefined;

export type ToWorker = { type: 'start'; job: Job } | { type: 'pause' } | { type: 'resume' } | { type: 'stop' };

export type FromWorker =
  /** the backend the job runs on, described; a training sends it again once its gradient threads are known */
  | { type: 'ready'; backend: string }
  /** a training's state is in place (restored from its checkpoint, or new at step 0): what comes after `step` is computed again */
  | { type: 'restored'; step: number }
  | { type: 'progress'; progress: Progress }
  /** a run by minutes has timed itself: its config now says how many steps (optimization.steps) */
  | { type: 'resolved'; config: JepaConfig; totalSteps: number }
  | { type: 'metrics'; points: MetricPoint[] }
  | { type: 'checkpoint'; step: number; path: string; bytes: number }
  | { type: 'event'; level: EventLevel; message: string; collapse?: CollapseFlag }
  | { type: 'paused'; step: number }
  | { type: 'resumed'; step: number }
  | { type: 'features'; indices: number[]; dim: number; data: Float32Array; done: number; total: number }
  /** progress of a job that is not a training (bench steps, …) */
  | { type: 'job-progress'; done: number; total: number }
  | { type: 'result'; value: JobResults[keyof JobResults] }
  /** kind 'bad-input': the job's input is at fault (the message names it and the fix), not the job */
  | { type: 'error'; message: string; kind?: 'bad-input' }
  | { type: 'done'; status: 'completed' | 'stopped'; step: number; finalLoss: number | null };

// ---------------------------------------------------------------------------
// A worker in the desktop app's GPU window (a dedicated worker of a hidden
// window, where Chromium's WebGPU is): the same ToWorker / FromWorker messages
// over a MessagePort, plus the files it may touch, since it has no file system.
// The lab side (main/runs/browser-worker.ts) sends the files a job reads before
// the job, and carries out its writes, only inside the job's checkpoint folder.

/** Lab → GPU window worker: the files the job reads (path → bytes), then the usual messages. */
export type ToBrowserWorker = ToWorker | { type: 'files'; files: Record<string, Uint8Array> };

/** A file operation of a GPU window worker, carried out by the lab side in order. */
export type WorkerFsOp =
  | { type: 'fs'; op: 'write'; path: string; data: Uint8Array }
  | { type: 'fs'; op: 'mkdir'; path: string }
  | { type: 'fs'; op: 'rename'; from: string; to: string }
  | { type: 'fs'; op: 'rm'; path: string };

/** GPU window worker → lab: the usual messages, its file operations, and its end (it cannot exit a process). */
export type FromBrowserWorker = FromWorker | WorkerFsOp | { type: 'exit'; code: number };
