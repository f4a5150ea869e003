// The typed message protocol between the lab (main/) and a worker process.
// Messages travel with structured clone (fork's 'advanced' serialization, or
// Electron's utilityProcess), so Float32Arrays pass without JSON.
import type { JepaConfig } from './config.ts';
import type { BackendInfo, BackendRequest } from '../../worker/backend/backend.ts';

export interface TrainJob {
  kind: 'train';
  runId: number;
  config: JepaConfig;
  datasetDir: string;
  /** folder under which step-NNNNNN checkpoint folders are written */
  checkpointRoot: string;
  /** checkpoint folder to resume from */
  resumeFrom?: string;
  backend: BackendRequest;
}

/** Average-pooled target-encoder features for some images of a dataset. */
export interface FeaturesJob {
  kind: 'features';
  config: JepaConfig;
  datasetDir: string;
  /** checkpoint folder; absent = a randomly initialised encoder (seed from config) */
  checkpoint?: string;
  indices: number[];
  backend: BackendRequest;
}

/** Per-patch prediction error over sampled target blocks (the mask view's heatmap). */
export interface MaskErrorJob {
  kind: 'mask-error';
  config: JepaConfig;
  datasetDir: string;
  checkpoint: string;
  indices: number[];
  maskSeed: number;
  backend: BackendRequest;
}

export type Job = TrainJob | FeaturesJob | MaskErrorJob;

export type ToWorker = { type: 'start'; job: Job } | { type: 'pause' } | { type: 'resume' } | { type: 'stop' };

export interface MetricPoint {
  step: number;
  time: number;
  name: string;
  value: number;
}

export interface Progress {
  step: number;
  totalSteps: number;
  epoch: number;
  loss: number;
  imagesPerSec: number;
  etaSec: number;
}

export type FromWorker =
  | { type: 'ready'; backend: BackendInfo; /** data-parallel gradient threads of a training (sent again once known) */ gradientThreads?: number }
  | { type: 'progress'; progress: Progress }
  | { type: 'metrics'; points: MetricPoint[] }
  | { type: 'checkpoint'; step: number; path: string; bytes: number }
  | { type: 'event'; level: 'info' | 'warning' | 'error'; message: string }
  | { type: 'paused'; step: number }
  | { type: 'resumed'; step: number }
  | { type: 'features'; indices: number[]; dim: number; data: Float32Array; done: number; total: number }
  | { type: 'mask-error'; grid: number; errors: Float32Array; context: number[][]; targets: number[][][] }
  | { type: 'error'; message: string }
  | { type: 'done'; status: 'completed' | 'stopped'; step: number; finalLoss: number | null };
