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

/** Training steps on synthetic images, timed (`train`) or split by kernel (`profile`) (worker/jobs/bench.ts). */
export interface BenchJob {
  kind: 'bench';
  mode: 'train' | 'profile';
  config: JepaConfig;
  steps: number;
  backend: BackendRequest;
  /** the model's kernel choices, to compare them (worker/model/model.ts setAttentionKernel, setLinearGradient) */
  kernels?: { attention?: 'auto' | 'conv' | 'matmul'; linearGrad?: 'auto' | 'transpose' | 'flags' };
}

/** Every backend: whether it loads here and why not (`jepa-lab doctor`, worker/backend/doctor.ts). */
export interface DoctorJob {
  kind: 'doctor';
}

export type Job = TrainJob | FeaturesJob | MaskErrorJob | EvaluateJob | MapJob | BenchJob | DoctorJob;

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
}

/** `bench`: training steps timed on a backend. */
export interface BenchTrainResult {
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
  ms_per_step: number;
  step_ms: number[];
  /** CPU time of the worker process (all threads) per step, the mean: steadier than wall time on a shared machine */
  cpu_ms_per_step: number;
  images_per_s: number;
  gflops: number;
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
  | { type: 'ready'; backend: string; gradientThreads?: number }
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
  | { type: 'error'; message: string }
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
