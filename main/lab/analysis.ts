// Embeddings, evaluation and nearest neighbours for a run's checkpoints.
// Features come from worker jobs and are stored once (float32 in SQLite) and
// reused; the metrics themselves are plain TypeScript (worker/eval/eval.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { Lab } from './lab.ts';
import type { RunRow, DatasetRow, CheckpointRow } from '../store/store.ts';
import { badInput } from '../common/errors.ts';
import { runWorkerJob } from '../runs/jobs.ts';
import { resizeBatch } from '../../worker/data/augment.ts';
import { trainIndices, heldOutIndices, saveImageSet, type ImageSet } from '../common/imageset.ts';
import { knnAccuracy } from '../../worker/eval/knn.ts';
import { linearProbe } from '../../worker/eval/linear-probe.ts';
import { rankMe, featureStd, pca2d } from '../../worker/eval/spectrum.ts';
import { ExactIndex, overlapAtK } from '../common/search.ts';
import type { BackendRequest } from '../../worker/backend/backend.ts';

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
}

export interface EvalResult {
  run_id: number;
  checkpoint_step: number;
  dataset: string;
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

/** The checkpoint a request means: a step, the latest, or the random-init encoder. */
export function resolveCheckpoint(lab: Lab, run: RunRow, step?: number): CheckpointRow | null {
  if (step === RANDOM_INIT) return null;
  const cks = lab.store.checkpoints(run.id);
  if (!cks.length) throw badInput(`run ${run.id} has no checkpoint yet; train it longer or wait for its first checkpoint (logging.checkpoint_every = ${run.config.logging.checkpoint_every})`);
  if (step === undefined) return cks[cks.length - 1];
  const ck = cks.find((c) => c.step === step);
  if (!ck) throw badInput(`run ${run.id} has no checkpoint at step ${step}; it has: ${cks.map((c) => c.step).join(', ')}`);
  return ck;
}

async function datasetFor(lab: Lab, run: RunRow, name?: string): Promise<DatasetRow> {
  return name ? lab.resolveDataset(name) : lab.dataset(run.dataset_id);
}

const allIndices = (n: number) => Array.from({ length: n }, (_, i) => i);

/** Compute (only the missing) embeddings of every image of a dataset under a checkpoint. */
export async function embed(lab: Lab, runId: number, opts: EmbedOptions = {}): Promise<EmbedResult> {
  const t0 = Date.now();
  const run = lab.run(runId);
  const ck = resolveCheckpoint(lab, run, opts.checkpoint);
  const ds = await datasetFor(lab, run, opts.dataset);
  const key = { run_id: run.id, checkpoint_step: ck ? ck.step : RANDOM_INIT, dataset_id: ds.id };
  const missing = lab.store.missingEmbeddings(key, allIndices(ds.count));
  let dim = 0;
  if (missing.length) {
    const tStart = Date.now();
    await runWorkerJob(
      { kind: 'features', config: run.config, datasetDir: ds.path, checkpoint: ck?.path, indices: missing, backend: opts.backend ?? 'auto' },
      (m) => {
        if (m.type !== 'features') return;
        lab.store.putEmbeddings(key, m.indices, m.dim, m.data);
        dim = m.dim;
        opts.onProgress?.(m.done, m.total, (m.done * 1000) / Math.max(1, Date.now() - tStart));
      },
    );
  }
  if (!dim) dim = lab.store.getEmbeddings(key, [0]).dim;
  return { run_id: run.id, checkpoint_step: key.checkpoint_step, dataset: ds.name, count: ds.count, dim, computed: missing.length, reused: ds.count - missing.length, seconds: (Date.now() - t0) / 1000 };
}

function probe(train: Float32Array, trainL: number[], test: Float32Array, testL: number[], d: number, classes: number, k: number) {
  return {
    knn_acc: knnAccuracy(train, trainL, test, testL, d, classes, k, 0.07),
    linear_acc: linearProbe(train, trainL, test, testL, d, classes, { seed: 0 }).accuracy,
  };
}

/** kNN, linear probe, RankMe and feature std on the held-out split, next to raw pixels and a random-init encoder. */
export async function evaluate(lab: Lab, runId: number, opts: EmbedOptions & { k?: number } = {}): Promise<EvalResult> {
  const t0 = Date.now();
  const run = lab.run(runId);
  const ds = await datasetFor(lab, run, opts.dataset);
  const set = lab.images(ds);
  if (!set.labels) throw badInput(`dataset "${ds.name}" has no labels; evaluation needs labels (import a folder with one sub-folder per class, or IDX labels)`);
  const trainIdx = trainIndices(set);
  const testIdx = heldOutIndices(set);
  if (!testIdx.length) throw badInput(`dataset "${ds.name}" has no held-out split to evaluate on`);
  const k = opts.k ?? 20;
  const classes = set.classes?.length ?? Math.max(...set.labels) + 1;
  const trainL = Array.from(trainIdx, (i) => set.labels![i]);
  const testL = Array.from(testIdx, (i) => set.labels![i]);
  const ck = resolveCheckpoint(lab, run, opts.checkpoint);
  const step = ck ? ck.step : RANDOM_INIT;

  const trained = await embed(lab, run.id, { ...opts, checkpoint: step, dataset: ds.name });
  const random = await embed(lab, run.id, { ...opts, checkpoint: RANDOM_INIT, dataset: ds.name });
  const key = (s: number) => ({ run_id: run.id, checkpoint_step: s, dataset_id: ds.id });
  const f = { train: lab.store.getEmbeddings(key(step), trainIdx), test: lab.store.getEmbeddings(key(step), testIdx) };
  const r = { train: lab.store.getEmbeddings(key(RANDOM_INIT), trainIdx), test: lab.store.getEmbeddings(key(RANDOM_INIT), testIdx) };
  const S = run.config.data.crop_size;
  const C = run.config.data.channels;
  const px = { train: resizeBatch(set, trainIdx, S, C), test: resizeBatch(set, testIdx, S, C) };
  const pd = S * S * C;

  const main = probe(f.train.data, trainL, f.test.data, testL, trained.dim, classes, k);
  const pix = probe(px.train, trainL, px.test, testL, pd, classes, k);
  const rnd = probe(r.train.data, trainL, r.test.data, testL, random.dim, classes, k);
  const res: EvalResult = {
    run_id: run.id,
    checkpoint_step: step,
    dataset: ds.name,
    k,
    train_count: trainIdx.length,
    held_out_count: testIdx.length,
    knn_acc: main.knn_acc,
    linear_acc: main.linear_acc,
    rankme: rankMe(f.test.data, testIdx.length, trained.dim),
    feature_std: featureStd(f.test.data, testIdx.length, trained.dim),
    dim: trained.dim,
    baselines: {
      pixels: { ...pix, dim: pd },
      random_init: { ...rnd, rankme: rankMe(r.test.data, testIdx.length, random.dim), feature_std: featureStd(r.test.data, testIdx.length, random.dim) },
    },
    seconds: (Date.now() - t0) / 1000,
  };
  const now = Date.now();
  lab.store.appendMetrics(run.id, [
    { step, time: now, name: 'eval_knn_acc', value: res.knn_acc },
    { step, time: now, name: 'eval_linear_acc', value: res.linear_acc },
    { step, time: now, name: 'eval_rankme', value: res.rankme },
  ]);
  lab.store.addEvent(run.id, 'info', `eval at step ${step} on ${ds.name}: kNN ${(res.knn_acc * 100).toFixed(1)}% (pixels ${(pix.knn_acc * 100).toFixed(1)}%, random init ${(rnd.knn_acc * 100).toFixed(1)}%), linear ${(res.linear_acc * 100).toFixed(1)}%, RankMe ${res.rankme.toFixed(1)}`);
  return res;
}

// Indexes over stored embeddings, kept for the latest few keys (the UI queries one repeatedly).
const indexCache = new Map<string, { index: ExactIndex; labels: Int32Array | null; classes: string[] | null }>();

async function indexFor(lab: Lab, run: RunRow, ds: DatasetRow, step: number, backend?: BackendRequest) {
  const id = `${lab.home}:${run.id}:${step}:${ds.id}`;
  const hit = indexCache.get(id);
  if (hit) return hit;
  await embed(lab, run.id, { checkpoint: step, dataset: ds.name, backend });
  const { data, dim } = lab.store.getEmbeddings({ run_id: run.id, checkpoint_step: step, dataset_id: ds.id }, allIndices(ds.count));
  const set = lab.images(ds);
  const entry = { index: new ExactIndex(data, ds.count, dim), labels: set.labels, classes: set.classes };
  indexCache.set(id, entry);
  if (indexCache.size > 4) indexCache.delete(indexCache.keys().next().value!);
  return entry;
}

/** Embed an image file on the fly, normalised like the run's dataset. */
async function embedFile(lab: Lab, run: RunRow, ds: DatasetRow, file: string | Buffer, step: number, backend?: BackendRequest): Promise<Float32Array> {
  const set = lab.images(ds);
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
    const ck = resolveCheckpoint(lab, run, step);
    await runWorkerJob({ kind: 'features', config: run.config, datasetDir: dir, checkpoint: ck?.path, indices: [0], backend: backend ?? 'auto' }, (m) => {
      if (m.type === 'features') v = m.data;
    });
    return v!;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export interface NeighborQuery {
  checkpoint?: number;
  dataset?: string;
  image?: number;
  file?: string | Buffer;
  k?: number;
  backend?: BackendRequest;
}

export async function neighbors(lab: Lab, runId: number, q: NeighborQuery): Promise<{ run_id: number; checkpoint_step: number; dataset: string; query: { image?: number; file?: boolean }; results: Neighbor[] }> {
  const run = lab.run(runId);
  const ds = await datasetFor(lab, run, q.dataset);
  const ck = resolveCheckpoint(lab, run, q.checkpoint);
  const step = ck ? ck.step : RANDOM_INIT;
  if ((q.image === undefined) === (q.file === undefined)) throw badInput('give exactly one query: --image INDEX or --file PATH');
  const k = q.k ?? 10;
  if (!Number.isInteger(k) || k < 1) throw badInput(`k must be a positive integer, got ${k}`);
  const { index, labels, classes } = await indexFor(lab, run, ds, step, q.backend);
  let query: Float32Array;
  let exclude: number | undefined;
  if (q.image !== undefined) {
    if (!Number.isInteger(q.image) || q.image < 0 || q.image >= ds.count) throw badInput(`image index must be in [0, ${ds.count - 1}] for dataset "${ds.name}", got ${q.image}`);
    query = index.data.subarray(q.image * index.d, (q.image + 1) * index.d); // normalised: same cosine ranking
    exclude = q.image;
  } else query = await embedFile(lab, run, ds, q.file!, step, q.backend);
  const { indices, scores } = index.search(query, k, exclude);
  const results = Array.from(indices, (idx, i) => {
    const label = labels ? labels[idx] : null;
    return { index: idx, score: scores[i], label, class_name: label !== null && classes ? classes[label] ?? null : null };
  });
  return { run_id: run.id, checkpoint_step: step, dataset: ds.name, query: q.image !== undefined ? { image: q.image } : { file: true }, results };
}

/** The same query under two runs (or checkpoints), with overlap@k of the neighbour sets. */
export async function compareNeighbors(lab: Lab, a: { run: number; checkpoint?: number }, b: { run: number; checkpoint?: number }, q: Omit<NeighborQuery, 'checkpoint'>) {
  const ra = await neighbors(lab, a.run, { ...q, checkpoint: a.checkpoint });
  const rb = await neighbors(lab, b.run, { ...q, checkpoint: b.checkpoint });
  return { a: ra, b: rb, k: ra.results.length, overlap: overlapAtK(ra.results.map((r) => r.index), rb.results.map((r) => r.index)) };
}

/** A 2-D PCA map of (a sample of) the embeddings, plus the vectors for UMAP in the UI. */
export async function embeddingMap(lab: Lab, runId: number, opts: { checkpoint?: number; dataset?: string; max?: number; vectors?: boolean } = {}) {
  const run = lab.run(runId);
  const ds = await datasetFor(lab, run, opts.dataset);
  const ck = resolveCheckpoint(lab, run, opts.checkpoint);
  const step = ck ? ck.step : RANDOM_INIT;
  await embed(lab, run.id, { checkpoint: step, dataset: ds.name });
  const max = Math.min(opts.max ?? 2000, ds.count);
  const stride = ds.count / max;
  const indices = Array.from({ length: max }, (_, i) => Math.floor(i * stride));
  const { data, dim } = lab.store.getEmbeddings({ run_id: run.id, checkpoint_step: step, dataset_id: ds.id }, indices);
  const set = lab.images(ds);
  const pca = pca2d(data, max, dim);
  return {
    run_id: run.id,
    checkpoint_step: step,
    dataset: ds.name,
    dim,
    indices,
    labels: set.labels ? indices.map((i) => set.labels![i]) : null,
    classes: set.classes,
    pca: Array.from(pca),
    vectors: opts.vectors ? Array.from(data) : undefined,
  };
}

/** Per-patch prediction error over sampled target blocks, for the mask view's heatmap. */
export async function maskError(lab: Lab, runId: number, opts: { checkpoint?: number; indices: number[]; seed?: number; backend?: BackendRequest }) {
  const run = lab.run(runId);
  const ds = lab.dataset(run.dataset_id);
  const ck = resolveCheckpoint(lab, run, opts.checkpoint);
  if (!ck) throw badInput('the prediction-error view needs a trained checkpoint');
  for (const i of opts.indices) if (!Number.isInteger(i) || i < 0 || i >= ds.count) throw badInput(`image index must be in [0, ${ds.count - 1}], got ${i}`);
  let out: { grid: number; errors: number[]; context: number[][]; targets: number[][][] } | null = null;
  await runWorkerJob({ kind: 'mask-error', config: run.config, datasetDir: ds.path, checkpoint: ck.path, indices: opts.indices, maskSeed: opts.seed ?? 0, backend: opts.backend ?? 'auto' }, (m) => {
    if (m.type === 'mask-error') out = { grid: m.grid, errors: Array.from(m.errors, (v) => (Number.isNaN(v) ? -1 : v)), context: m.context, targets: m.targets };
  });
  return { run_id: run.id, checkpoint_step: ck.step, indices: opts.indices, ...out! };
}
