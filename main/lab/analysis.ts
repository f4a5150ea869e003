// What a trained run's features say: embeddings (computed by worker jobs,
// stored once as float32 in SQLite and reused), `eval`'s probes beside raw
// pixels and a random-init encoder, nearest neighbours, the embedding map and
// the mask view's prediction errors. The maths runs in worker jobs
// (worker/jobs); only the neighbour search, a few milliseconds, runs here.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { badInput } from '../common/errors.ts';
import { heldOutIndices, saveImageSet, trainIndices, type ImageSet } from '../common/imageset.ts';
import { ExactIndex, overlapAtK } from '../common/search.ts';
import { DATASET_SPLITS, KNN, METRIC, type BackendRequest, type DatasetSplitKind, type CheckpointRow, type DatasetRow, type LabEvent, type RunRow } from '../common/vocabulary.ts';
import { runWorkerJob } from '../runs/jobs.ts';
import type { Store } from '../store/store.ts';
import type { Datasets } from './datasets.ts';

/** checkpoint_step used for the randomly initialised encoder of a run's architecture. */
export const RANDOM_INIT = -1;

export interface EmbedOptions {
  checkpoint?: number;
  dataset?: string;
  backend?: BackendRequest;
  onProgress?: (done: number, total: number, imagesPerSec: number) => void;
}

export interface EmbedResult {
  run_id: number;
  checkpoint_step: number;
  dataset: string;
  count: number;
  dim: number;
  computed: number;
  reused: number;
  seconds: number;
  /** the backend the features were computed on, described (null when all were reused) */
  backend: string | null;
}

export interface EvalResult {
  run_id: number;
  checkpoint_step: number;
  dataset: string;
  /** the held-out split scored, as the dataset defines it (its val/ or test/ folder, its t10k files, …) */
  split: DatasetSplitKind;
  /** the same, in words */
  split_description: string;
  k: number;
  train_count: number;
  held_out_count: number;
  knn_acc: number;
  linear_acc: number;
  rankme: number;
  feature_std: number;
  dim: number;
  baselines: {
    pixels: { knn_acc: number; linear_acc: number; dim: number };
    random_init: { knn_acc: number; linear_acc: number; rankme: number; feature_std: number };
  };
  seconds: number;
}

export interface Neighbor {
  index: number;
  score: number;
  label: number | null;
  class_name: string | null;
}

export interface NeighborQuery {
  checkpoint?: number;
  dataset?: string;
  image?: number;
  file?: string | Buffer;
  k?: number;
  backend?: BackendRequest;
}

export interface NeighborResult {
  run_id: number;
  checkpoint_step: number;
  dataset: string;
  /** the query; an image of the dataset comes with its label */
  query: { image?: number; file?: boolean; label?: number | null; class_name?: string | null };
  /** what `score` is: the cosine similarity of the embeddings */
  score: 'cosine';
  results: Neighbor[];
}

const allIndices = (n: number) => Array.from({ length: n }, (_, i) => i);

export class Analysis {
  /** indexes over stored embeddings, for the latest few (run, checkpoint, dataset): the UI queries one repeatedly */
  private indexes = new Map<string, { index: ExactIndex; labels: Int32Array | null; classes: string[] | null }>();
  /** embedding jobs in flight, by (run, checkpoint, dataset), with whoever follows their progress */
  private embedding = new Map<string, { done: Promise<unknown>; listeners: Set<NonNullable<EmbedOptions['onProgress']>> }>();

  constructor(
    private readonly store: Store,
    private readonly datasets: Datasets,
    private readonly run: (id: number) => RunRow,
    private readonly emit: (e: LabEvent) => void,
  ) {}

  /** The checkpoint a request means: a step, the latest, or the random-init encoder (null). */
  resolveCheckpoint(run: RunRow, step?: number): CheckpointRow | null {
    if (step === RANDOM_INIT) return null;
    const cks = this.store.checkpoints(run.id);
    if (!cks.length) throw badInput(`run ${run.id} has no checkpoint yet; train it longer or wait for its first checkpoint (logging.checkpoint_every = ${run.config.logging.checkpoint_every})`);
    if (step === undefined) return cks[cks.length - 1];
    const ck = cks.find((c) => c.step === step);
    if (!ck) throw badInput(`run ${run.id} has no checkpoint at step ${step}; it has: ${cks.map((c) => c.step).join(', ')}`);
    return ck;
  }

  /** The run's dataset, or one by name or path; a path's import is written only after `check` accepts what it would add. */
  private async datasetFor(run: RunRow, name?: string, check: (d: Omit<DatasetRow, 'id' | 'path' | 'created_at'>) => void = () => {}): Promise<DatasetRow> {
    if (!name) return this.datasets.get(run.dataset_id);
    const found = await this.datasets.find(name);
    check(found.row ?? found.pending.info);
    return found.row ?? found.pending.commit();
  }

  /** Compute (only the missing) embeddings of every image of a dataset under a checkpoint. */
  async embed(runId: number, opts: EmbedOptions = {}): Promise<EmbedResult> {
    const t0 = Date.now();
    const run = this.run(runId);
    const ck = this.resolveCheckpoint(run, opts.checkpoint);
    const ds = await this.datasetFor(run, opts.dataset);
    const key = { run_id: run.id, checkpoint_step: ck ? ck.step : RANDOM_INIT, dataset_id: ds.id };
    const jobId = `${key.run_id}:${key.checkpoint_step}:${key.dataset_id}`;
    // a second caller of the same embeddings (the UI's map and its search, a CLI beside the UI) waits for the job in flight
    for (let job = this.embedding.get(jobId); job; job = this.embedding.get(jobId)) {
      if (opts.onProgress) job.listeners.add(opts.onProgress);
      await job.done.catch(() => {}); // its failure is its caller's; this one tries on its own
      if (opts.onProgress) job.listeners.delete(opts.onProgress);
    }
    const missing = this.store.missingEmbeddings(key, allIndices(ds.count));
    let made: { dim: number; backend: string | null } | null = null;
    if (missing.length) {
      const listeners = new Set(opts.onProgress ? [opts.onProgress] : []);
      const done = this.computeEmbeddings(run, ck, ds, key, missing, opts.backend, (m) => listeners.forEach((f) => f(m.done, m.total, m.rate)));
      this.embedding.set(jobId, { done, listeners });
      try {
        made = await done;
      } finally {
        this.embedding.delete(jobId);
      }
    }
    const dim = made?.dim || this.store.getEmbeddings(key, [0]).dim;
    return { run_id: run.id, checkpoint_step: key.checkpoint_step, dataset: ds.name, count: ds.count, dim, computed: missing.length, reused: ds.count - missing.length, seconds: (Date.now() - t0) / 1000, backend: made?.backend ?? null };
  }

  /** One worker job that embeds `missing`, storing each batch as it comes. */
  private async computeEmbeddings(
    run: RunRow,
    ck: CheckpointRow | null,
    ds: DatasetRow,
    key: { run_id: number; checkpoint_step: number; dataset_id: number },
    missing: number[],
    backendRequest: BackendRequest | undefined,
    onBatch: (m: { done: number; total: number; rate: number }) => void,
  ): Promise<{ dim: number; backend: string | null }> {
    let backend: string | null = null;
    let dim = 0;
    const tStart = Date.now();
    // the rate counts from the first batch on, so the model's loading time does not skew the ETA
    let first: { at: number; done: number } | null = null;
    await runWorkerJob({ kind: 'features', config: run.config, datasetDir: ds.path, checkpoint: ck?.path, indices: missing, backend: backendRequest ?? 'auto' }, (m) => {
      if (m.type === 'ready') backend = m.backend;
      if (m.type !== 'features') return;
      this.store.putEmbeddings(key, m.indices, m.dim, m.data);
      dim = m.dim;
      const now = Date.now();
      const rate = first && m.done > first.done ? ((m.done - first.done) * 1000) / Math.max(1, now - first.at) : (m.done * 1000) / Math.max(1, now - tStart);
      first ??= { at: now, done: m.done };
      onBatch({ done: m.done, total: m.total, rate });
    });
    return { dim, backend };
  }

  /** Embedding with progress for the UI, as 'job' events. */
  async embedWithProgress(runId: number, opts: { checkpoint?: number; dataset?: string }): Promise<EmbedResult> {
    const run = this.run(runId);
    if (opts.dataset) this.datasets.get(opts.dataset);
    const job = `embed:${runId}:${opts.checkpoint ?? 'latest'}:${opts.dataset ?? ''}`;
    const label = `embedding ${opts.dataset ?? 'the dataset'} with run ${runId} "${run.name}"`;
    this.emit({ type: 'job', job, label, done: 0, total: 1 });
    let total = 1;
    try {
      return await this.embed(runId, {
        ...opts,
        onProgress: (done, t) => {
          total = t;
          if (done < t) this.emit({ type: 'job', job, label, done, total: t });
        },
      });
    } finally {
      this.emit({ type: 'job', job, label, done: total, total });
    }
  }

  /** `eval` for the UI: 'job' events while it embeds (the run's checkpoint, then the random-init encoder) and probes. */
  async evaluateWithProgress(runId: number, opts: { checkpoint?: number; dataset?: string; k?: number }): Promise<EvalResult> {
    const run = this.run(runId);
    if (opts.dataset) this.datasets.get(opts.dataset);
    const job = `eval:${runId}`;
    const base = `evaluating run ${runId} "${run.name}"`;
    const labels = { checkpoint: `${base}: embedding with the checkpoint`, 'random-init': `${base}: embedding with a random-init encoder`, probes: `${base}: kNN and linear probes` };
    let label = labels.checkpoint;
    this.emit({ type: 'job', job, label, done: 0, total: 1 });
    try {
      return await this.evaluate(runId, {
        ...opts,
        onPhase: (p) => {
          label = labels[p];
          this.emit({ type: 'job', job, label, done: 0, total: 1 });
        },
        onProgress: (done, total) => {
          if (done < total) this.emit({ type: 'job', job, label, done, total });
        },
      });
    } finally {
      this.emit({ type: 'job', job, label, done: 1, total: 1 });
    }
  }

  /** kNN, linear probe, RankMe and feature std on the held-out split, next to raw pixels and a random-init encoder. */
  async evaluate(runId: number, opts: EmbedOptions & { k?: number; onPhase?: (phase: 'checkpoint' | 'random-init' | 'probes') => void } = {}): Promise<EvalResult> {
    const t0 = Date.now();
    const run = this.run(runId);
    const evaluable = (d: { name: string; labeled: boolean; held_out_count: number }) => {
      if (!d.labeled) throw badInput(`dataset "${d.name}" has no labels; evaluation needs labels (import a folder with one sub-folder per class, or IDX labels)`);
      if (!d.held_out_count) throw badInput(`dataset "${d.name}" has no held-out split to evaluate on`);
    };
    const ds = await this.datasetFor(run, opts.dataset, evaluable);
    evaluable(ds);
    const set = this.datasets.images(ds);
    const trainIdx = trainIndices(set);
    const testIdx = heldOutIndices(set);
    const k = opts.k ?? KNN.k;
    const ck = this.resolveCheckpoint(run, opts.checkpoint);
    const step = ck ? ck.step : RANDOM_INIT;
    opts.onPhase?.('checkpoint');
    const trained = await this.embed(run.id, { ...opts, checkpoint: step, dataset: ds.name });
    opts.onPhase?.('random-init');
    const random = await this.embed(run.id, { ...opts, checkpoint: RANDOM_INIT, dataset: ds.name });
    opts.onPhase?.('probes');
    const split = (s: number, dim: number) => {
      const key = { run_id: run.id, checkpoint_step: s, dataset_id: ds.id };
      return { train: this.store.getEmbeddings(key, trainIdx).data, test: this.store.getEmbeddings(key, testIdx).data, dim };
    };
    const r = await runWorkerJob({ kind: 'evaluate', datasetDir: ds.path, cropSize: run.config.data.crop_size, channels: run.config.data.channels, k, trained: split(step, trained.dim), random: split(RANDOM_INIT, random.dim) });
    const res: EvalResult = {
      run_id: run.id,
      checkpoint_step: step,
      dataset: ds.name,
      split: ds.split,
      split_description: DATASET_SPLITS[ds.split] ?? ds.split,
      k,
      train_count: trainIdx.length,
      held_out_count: testIdx.length,
      knn_acc: r.trained.knn_acc,
      linear_acc: r.trained.linear_acc,
      rankme: r.trained.rankme,
      feature_std: r.trained.feature_std,
      dim: trained.dim,
      baselines: { pixels: r.pixels, random_init: r.random },
      seconds: (Date.now() - t0) / 1000,
    };
    const now = Date.now();
    const points = [
      { step, time: now, name: METRIC.evalKnnAcc, value: res.knn_acc },
      { step, time: now, name: METRIC.evalLinearAcc, value: res.linear_acc },
      { step, time: now, name: METRIC.evalRankMe, value: res.rankme },
      // the baselines at the same step, so that the run page shows the result as `eval` prints it
      { step, time: now, name: METRIC.evalKnnAccPixels, value: r.pixels.knn_acc },
      { step, time: now, name: METRIC.evalKnnAccRandomInit, value: r.random.knn_acc },
      { step, time: now, name: METRIC.evalLinearAccPixels, value: r.pixels.linear_acc },
      { step, time: now, name: METRIC.evalLinearAccRandomInit, value: r.random.linear_acc },
    ];
    this.store.appendMetrics(run.id, points);
    this.emit({ type: 'metrics', runId: run.id, points });
    const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
    const message = `eval at step ${step} on ${ds.name} (held out: ${res.split_description}): kNN ${pct(res.knn_acc)} (pixels ${pct(r.pixels.knn_acc)}, random init ${pct(r.random.knn_acc)}), linear ${pct(res.linear_acc)}, RankMe ${res.rankme.toFixed(1)}`;
    this.store.addEvent(run.id, 'info', message);
    this.emit({ type: 'event', runId: run.id, level: 'info', message });
    return res;
  }

  private async indexFor(run: RunRow, ds: DatasetRow, step: number, backend?: BackendRequest) {
    const id = `${run.id}:${step}:${ds.id}:${ds.created_at}`;
    const hit = this.indexes.get(id);
    if (hit) return hit;
    await this.embed(run.id, { checkpoint: step, dataset: ds.name, backend });
    const { data, dim } = this.store.getEmbeddings({ run_id: run.id, checkpoint_step: step, dataset_id: ds.id }, allIndices(ds.count));
    const set = this.datasets.images(ds);
    const entry = { index: new ExactIndex(data, ds.count, dim), labels: set.labels, classes: set.classes };
    this.indexes.set(id, entry);
    if (this.indexes.size > 4) this.indexes.delete(this.indexes.keys().next().value!);
    return entry;
  }

  /** Embed an image file on the fly, normalised like the run's dataset. */
  private async embedFile(run: RunRow, ds: DatasetRow, file: string | Buffer, step: number, backend?: BackendRequest): Promise<Float32Array> {
    const set = this.datasets.images(ds);
    let raw: Buffer;
    try {
      const img = sharp(file).resize(set.size, set.size, { fit: 'cover' }).removeAlpha();
      raw = await (set.channels === 1 ? img.grayscale().raw() : img.toColourspace('srgb').raw()).toBuffer();
    } catch (e) {
      throw badInput(`the query image cannot be decoded (${(e as Error).message}); use a PNG, JPEG, WebP, GIF or TIFF file`);
    }
    const one: ImageSet = { ...set, name: 'query', count: 1, pixels: new Uint8Array(raw.subarray(0, set.size * set.size * set.channels)), labels: null, classes: null, heldOut: new Uint8Array(1) };
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jepa-query-'));
    try {
      saveImageSet(dir, one);
      let v: Float32Array | null = null;
      const ck = this.resolveCheckpoint(run, step);
      await runWorkerJob({ kind: 'features', config: run.config, datasetDir: dir, checkpoint: ck?.path, indices: [0], backend: backend ?? 'auto' }, (m) => {
        if (m.type === 'features') v = m.data;
      });
      return v!;
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  async neighbors(runId: number, q: NeighborQuery): Promise<NeighborResult> {
    // scores are cosine similarities: ExactIndex holds L2-normalised embeddings and ranks by dot product
    const run = this.run(runId);
    const ds = await this.datasetFor(run, q.dataset);
    const ck = this.resolveCheckpoint(run, q.checkpoint);
    const step = ck ? ck.step : RANDOM_INIT;
    if ((q.image === undefined) === (q.file === undefined)) throw badInput('give exactly one query: --image INDEX or --file PATH');
    const k = q.k ?? 10;
    if (!Number.isInteger(k) || k < 1) throw badInput(`k must be a positive integer, got ${k}`);
    const { index, labels, classes } = await this.indexFor(run, ds, step, q.backend);
    let query: Float32Array;
    let exclude: number | undefined;
    if (q.image !== undefined) {
      if (!Number.isInteger(q.image) || q.image < 0 || q.image >= ds.count) throw badInput(`image index must be in [0, ${ds.count - 1}] for dataset "${ds.name}", got ${q.image}`);
      query = index.data.subarray(q.image * index.d, (q.image + 1) * index.d); // normalised: same cosine ranking
      exclude = q.image;
    } else query = await this.embedFile(run, ds, q.file!, step, q.backend);
    const { indices, scores } = index.search(query, k, exclude);
    const results = Array.from(indices, (idx, i) => {
      const label = labels ? labels[idx] : null;
      return { index: idx, score: scores[i], label, class_name: label !== null && classes ? (classes[label] ?? null) : null };
    });
    const qLabel = q.image !== undefined && labels ? labels[q.image] : null;
    const asked = q.image !== undefined ? { image: q.image, label: qLabel, class_name: qLabel !== null && classes ? (classes[qLabel] ?? null) : null } : { file: true };
    return { run_id: run.id, checkpoint_step: step, dataset: ds.name, query: asked, score: 'cosine', results };
  }

  /** The same query under two runs (or checkpoints), with overlap@k of the neighbour sets. */
  async compareNeighbors(a: { run: number; checkpoint?: number }, b: { run: number; checkpoint?: number }, q: Omit<NeighborQuery, 'checkpoint'>) {
    const ra = await this.neighbors(a.run, { ...q, checkpoint: a.checkpoint });
    const rb = await this.neighbors(b.run, { ...q, checkpoint: b.checkpoint });
    return { a: ra, b: rb, k: ra.results.length, overlap: overlapAtK(ra.results.map((r) => r.index), rb.results.map((r) => r.index)) };
  }

  /**
   * A 2-D PCA map of the embeddings (every image, or an even sample of `max`),
   * with each component's share of the variance; the vectors too for UMAP in
   * the UI. `encoding: 'base64'` sends the float arrays as base64 little-endian
   * float32 (pca_base64, vectors_base64) instead of JSON numbers: about a
   * third of the bytes, and no number parsing in the page.
   */
  async embeddingMap(runId: number, opts: { checkpoint?: number; dataset?: string; max?: number; vectors?: boolean; encoding?: 'json' | 'base64' } = {}) {
    const run = this.run(runId);
    const ds = await this.datasetFor(run, opts.dataset);
    const ck = this.resolveCheckpoint(run, opts.checkpoint);
    const step = ck ? ck.step : RANDOM_INIT;
    await this.embed(run.id, { checkpoint: step, dataset: ds.name });
    const max = Math.min(opts.max ?? ds.count, ds.count);
    const stride = ds.count / max;
    const indices = Array.from({ length: max }, (_, i) => Math.floor(i * stride));
    const { data, dim } = this.store.getEmbeddings({ run_id: run.id, checkpoint_step: step, dataset_id: ds.id }, indices);
    const set = this.datasets.images(ds);
    const { pca, explained } = await runWorkerJob({ kind: 'map', vectors: data, n: max, dim });
    const b64 = opts.encoding === 'base64';
    const f32 = (a: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
    return {
      run_id: run.id,
      checkpoint_step: step,
      dataset: ds.name,
      /** images in the dataset (the map shows `indices.length` of them) */
      count: ds.count,
      dim,
      indices,
      labels: set.labels ? indices.map((i) => set.labels![i]) : null,
      classes: set.classes,
      /** share of the variance along each PCA axis */
      explained,
      pca: b64 ? undefined : Array.from(pca),
      pca_base64: b64 ? f32(pca) : undefined,
      vectors: opts.vectors && !b64 ? Array.from(data) : undefined,
      vectors_base64: opts.vectors && b64 ? f32(data) : undefined,
    };
  }

  /** Per-patch prediction error over sampled target blocks, for the mask view's heatmap. */
  async maskError(runId: number, opts: { checkpoint?: number; indices: number[]; seed?: number; backend?: BackendRequest }) {
    const run = this.run(runId);
    const ds = this.datasets.get(run.dataset_id);
    const ck = this.resolveCheckpoint(run, opts.checkpoint);
    if (!ck) throw badInput('the prediction-error view needs a trained checkpoint');
    if (!fs.existsSync(path.join(ck.path, 'predictor.safetensors')))
      throw badInput(
        `run ${run.id}'s checkpoint has no predictor (it was imported with --features-only, or its file had none), so prediction errors cannot be computed; embeddings, neighbours, the map and eval work; import the full checkpoint for this view`,
      );
    for (const i of opts.indices) if (!Number.isInteger(i) || i < 0 || i >= ds.count) throw badInput(`image index must be in [0, ${ds.count - 1}], got ${i}`);
    const r = await runWorkerJob({ kind: 'mask-error', config: run.config, datasetDir: ds.path, checkpoint: ck.path, indices: opts.indices, maskSeed: opts.seed ?? 0, backend: opts.backend ?? 'auto' });
    return { run_id: run.id, checkpoint_step: ck.step, indices: opts.indices, grid: r.grid, errors: Array.from(r.errors, (v) => (Number.isNaN(v) ? -1 : v)), context: r.context, targets: r.targets };
  }
}
