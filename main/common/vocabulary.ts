// The lab's words, shared by every process: what a run, a dataset, a metric
// point and a live event are, the run statuses and their sets, the metric
// names, the backends one can ask for, and the kNN protocol. Adding a status
// or a metric is one edit here. Nothing here runs code at import (the UI
// bundles it).
import type { JepaConfig } from './config.ts';

// ── runs ──────────────────────────────────────────────────────────────────
export const RUN_STATUSES = ['queued', 'running', 'paused', 'completed', 'failed', 'stopped', 'interrupted'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** Waiting for or holding a training worker: such a run is not to be deleted or resumed. */
export const ACTIVE_STATUSES: readonly RunStatus[] = ['queued', 'running', 'paused'];
/** A worker trains it now (or holds it paused). */
export const TRAINING_STATUSES: readonly RunStatus[] = ['running', 'paused'];
/** Ended before its last step: `resume` continues it from its last checkpoint. */
export const RESUMABLE_STATUSES: readonly RunStatus[] = ['failed', 'stopped', 'interrupted'];
/** Ended, one way or another: nothing will change it unless it is resumed. */
export const FINAL_STATUSES: readonly RunStatus[] = ['completed', 'failed', 'stopped', 'interrupted'];

/** How a run came to be: trained in the lab, or imported from a checkpoint (`jepa-lab import-checkpoint`). */
export const RUN_KINDS = ['trained', 'imported'] as const;
export type RunKind = (typeof RUN_KINDS)[number];

export const isActive = (s: RunStatus): boolean => ACTIVE_STATUSES.includes(s);
export const isTraining = (s: RunStatus): boolean => TRAINING_STATUSES.includes(s);
export const isResumable = (s: RunStatus): boolean => RESUMABLE_STATUSES.includes(s);
export const isFinal = (s: RunStatus): boolean => FINAL_STATUSES.includes(s);

// ── metrics ───────────────────────────────────────────────────────────────
/** Metric names as stored and shown. Regularizers are `reg_<name>` (regMetric). */
export const METRIC = {
  /** the I-JEPA prediction loss, without regularizers */
  loss: 'loss',
  lr: 'lr',
  wd: 'wd',
  momentum: 'momentum',
  stepMs: 'step_ms',
  /**
   * a run by minutes, at its end: its training time over the time its fit planned
   * (above 1: the machine slowed after the timing); the next fits keep that in reserve
   */
  paceDrift: 'pace_drift',
  /** the in-training probe (a fixed subset: logging.probe_size images) */
  featureStd: 'feature_std',
  rankMe: 'rankme',
  knnAcc: 'knn_acc',
  /** `eval`'s full protocol on the dataset's held-out split */
  evalKnnAcc: 'eval_knn_acc',
  evalLinearAcc: 'eval_linear_acc',
  evalRankMe: 'eval_rankme',
  /** `eval`'s baselines at the same checkpoint step: raw pixels and a random-init encoder of the run's architecture */
  evalKnnAccPixels: 'eval_knn_acc_pixels',
  evalKnnAccRandomInit: 'eval_knn_acc_random_init',
  evalLinearAccPixels: 'eval_linear_acc_pixels',
  evalLinearAccRandomInit: 'eval_linear_acc_random_init',
} as const;
export type MetricName = (typeof METRIC)[keyof typeof METRIC] | `reg_${string}`;
export const regMetric = (name: string): MetricName => `reg_${name}`;

export interface MetricPoint {
  step: number;
  time: number;
  name: string;
  value: number;
}

/** A run's points grouped by metric name, in step order. */
export type MetricSeries = Record<string, { step: number[]; time: number[]; value: number[] }>;

/** kNN accuracy as DINO measures it: cosine top-k, each neighbour's vote weighted exp(sim / temperature). */
export const KNN = { k: 20, temperature: 0.07 } as const;

// ── workers ───────────────────────────────────────────────────────────────
/** What `--backend` accepts; auto picks the best that loads (WebGPU only on a hardware adapter). */
export const BACKEND_CHOICES = ['auto', 'webgpu', 'tensorflow', 'wasm', 'cpu'] as const;
export type BackendRequest = (typeof BACKEND_CHOICES)[number];

export type EventLevel = 'info' | 'warning' | 'error';

/** A probe's finding that the features have collapsed or are collapsing; it flags the run. */
export interface CollapseFlag {
  step: number;
  collapsed: boolean;
  reasons: string[];
}

/** A training's progress, as its worker reports it a few times a second. Speeds and the ETA leave paused time out. */
export interface Progress {
  step: number;
  totalSteps: number;
  epoch: number;
  loss: number;
  imagesPerSec: number;
  etaSec: number;
  /** when the worker measured it (ms since the epoch); absent from older workers */
  at?: number;
}

// ── datasets ──────────────────────────────────────────────────────────────
/**
 * How a dataset's held-out split (what `eval` and the in-training probe score
 * on) was chosen: the standard split its files define where they define one.
 */
export const DATASET_SPLITS = {
  /** ~10% of the images, by a hash of the index (no split in the files) */
  random: 'random ~10%',
  /** the bundled digits: the last 100 of each class */
  fixed: 'last 100 per class',
  /** an ImageFolder's val/ (or valid/, validation/) sub-folder */
  val: 'val/ folder',
  /** an ImageFolder's test/ sub-folder */
  test: 'test/ folder',
  /** an MNIST-family IDX folder's test files (t10k-…) */
  'idx-test': 't10k files',
} as const;
export type DatasetSplitKind = keyof typeof DATASET_SPLITS;

// ── records ───────────────────────────────────────────────────────────────
export interface DatasetRow {
  id: number;
  name: string;
  path: string;
  kind: string;
  count: number;
  size: number;
  channels: number;
  labeled: boolean;
  classes: string[] | null;
  train_count: number;
  held_out_count: number;
  report: { imported: number; skipped: { path: string; reason: string }[] } | null;
  created_at: number;
  /** how the held-out split was chosen */
  split: DatasetSplitKind;
  /** the resolved path that was imported (a folder or an IDX file); null for the bundled digits */
  source: string | null;
  /** sha256 of the source's files (names, sizes, contents) when it was imported */
  fingerprint: string | null;
}

export interface RunRow {
  id: number;
  name: string;
  tags: string[];
  notes: string;
  config: JepaConfig;
  preset: string;
  dataset_id: number;
  status: RunStatus;
  backend: string | null;
  host: string;
  seed: number;
  created_at: number;
  started_at: number | null;
  ended_at: number | null;
  parent_id: number | null;
  step: number;
  total_steps: number;
  owner_pid: number | null;
  worker_pid: number | null;
  control: string | null;
  error: string | null;
  last_loss: number | null;
  best_loss: number | null;
  knn_acc: number | null;
  /** the message of the last collapse flag, or null */
  collapse_warning: string | null;
  /** the time budget a run by minutes was given (its config then says the steps it resolved to), or null */
  budget_minutes: number | null;
  /** the step of the probe behind knn_acc (null: none yet) */
  knn_step: number | null;
  /** the training's latest progress as its worker reported it (null when none), so that every lab process can show it */
  progress: Progress | null;
  /** time spent paused, in ms (the run's duration leaves it out) */
  paused_ms: number;
  /** when the current pause began (ms since the epoch), or null */
  paused_at: number | null;
  /** 'imported': made by import-checkpoint from a checkpoint file or folder; nothing trains it */
  kind: RunKind;
}

export interface CheckpointRow {
  run_id: number;
  step: number;
  path: string;
  bytes: number;
  created_at: number;
}

export interface EventRow {
  id: number;
  run_id: number;
  time: number;
  level: EventLevel;
  message: string;
}

// ── live events ───────────────────────────────────────────────────────────
/**
 * What the lab tells its subscribers (the run manager emits the run ones, the
 * lab adds imports and jobs; the API sends them over SSE or IPC). Metric
 * events carry their new points, so a chart appends them without asking again.
 */
export type LabEvent =
  | { type: 'run'; run: RunRow }
  | { type: 'progress'; runId: number; progress: Progress }
  /** new points; `incomplete` when there were too many to send (a run another process wrote): fetch them with `metrics` */
  | { type: 'metrics'; runId: number; points: MetricPoint[]; incomplete?: boolean }
  | { type: 'event'; runId: number; level: EventLevel; message: string }
  | { type: 'import'; name: string; done: number; total: number }
  | { type: 'job'; job: string; label: string; done: number; total: number }
  /** the desktop app's File menu (main/electron/electron.ts): New Run…, Import Dataset… with the chosen path */
  | { type: 'menu'; action: 'new-run' | 'import'; path?: string };
