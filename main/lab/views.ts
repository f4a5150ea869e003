// Lab behaviour the UI needs beyond main/lab/lab.ts, as plain functions over a Lab:
// launch-form validation, run comparison, dataset pages and thumbnails, the
// mask view's sampler, embedding with progress. The API table (main/lab/api.ts)
// calls these; nothing here knows about HTTP or IPC.
import fs from 'node:fs';
import path from 'node:path';
import { EventEmitter } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { Lab } from './lab.ts';
import type { DatasetRow, MetricStats } from '../store/store.ts';
import type { RunDetail } from './api.ts';
import { badInput } from '../common/errors.ts';
import { resolveConfig, totalSteps, validateConfig, gridSize, flattenConfig, ConfigError, PRESETS, DEFAULT_PRESET, type JepaConfig } from '../common/config.ts';
import { sampleMasks, checkMaskSettings, maskRng } from '../common/masks.ts';
import { thumbnailPng } from '../data/thumbnails.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
let version: string | null = null;

export function info(lab: Lab) {
  version ??= (JSON.parse(fs.readFileSync(path.join(here, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;
  return { version, home: lab.home, defaultPreset: DEFAULT_PRESET, backend: process.env.JEPA_LAB_BACKEND ?? 'auto' };
}

export function presets(): { name: string; description: string; default: boolean; config: JepaConfig }[] {
  return Object.entries(PRESETS).map(([name, p]) => ({ name, description: p.description, default: name === DEFAULT_PRESET, config: resolveConfig(name) }));
}

export function runDetail(lab: Lab, id: number): RunDetail {
  const run = lab.run(id);
  return { run, dataset: lab.store.getDataset(run.dataset_id), checkpoints: lab.store.checkpoints(id), events: lab.store.lastEvents(id, 500) };
}

// ── launch form ──────────────────────────────────────────────────────────
export type CheckResult =
  | { ok: true; config: JepaConfig; total_steps: number; grid: number }
  | { ok: false; field: string; message: string };

/** What `train` would do with these settings, without doing it: the resolved config, or the field at fault and why. */
export function checkConfig(lab: Lab, a: { dataset?: string; preset?: string; config?: Record<string, unknown>; steps?: number; seed?: number }): CheckResult {
  const fail = (field: string, message: string): CheckResult => ({ ok: false, field, message });
  if (a.steps !== undefined && (!Number.isInteger(a.steps) || a.steps < 1 || a.steps > 1e9))
    return fail('optimization.steps', `steps must be an integer in [1, 1000000000], got ${a.steps}`);
  if (a.seed !== undefined && (!Number.isInteger(a.seed) || a.seed < 0 || a.seed > 2 ** 31 - 1))
    return fail('meta.seed', `seed must be an integer in [0, 2147483647], got ${a.seed}`);
  const name = a.dataset ?? 'digits';
  const ds = lab.store.getDataset(name);
  if (!ds) return fail('data.dataset', `no dataset "${name}"; import it on the Datasets screen first`);
  const cli: Record<string, Record<string, unknown>> = { data: { dataset: ds.name } };
  if (a.steps !== undefined) cli.optimization = { steps: a.steps };
  if (a.seed !== undefined) cli.meta = { seed: a.seed };
  try {
    const config = resolveConfig(a.preset ?? DEFAULT_PRESET, a.config ?? {}, cli);
    const grid = gridSize(config);
    checkMaskSettings(config.mask, grid);
    if (config.data.channels !== ds.channels)
      return fail('data.channels', `the preset trains on ${config.data.channels}-channel images but dataset "${ds.name}" has ${ds.channels}; choose a preset for ${ds.channels === 1 ? 'grayscale' : 'RGB'} images or another dataset`);
    return { ok: true, config, grid, total_steps: totalSteps(config, ds.train_count) };
  } catch (e) {
    if (e instanceof ConfigError) return fail(e.field, e.message);
    throw e;
  }
}

// ── compare ──────────────────────────────────────────────────────────────
export interface CompareResult {
  ids: number[];
  /** config keys (dotted) whose values differ between the runs, with each run's value */
  diff: { key: string; values: unknown[] }[];
  /** per run id, per metric */
  stats: Record<number, Record<string, MetricStats>>;
  metrics: string[];
}

export function compare(lab: Lab, ids: number[]): CompareResult {
  const runs = ids.map((i) => lab.run(i));
  const flat = runs.map((r) => ({ preset: r.preset, ...flattenConfig(r.config) }));
  const keys = [...new Set(flat.flatMap((f) => Object.keys(f)))];
  const diff = keys
    .map((key) => ({ key, values: flat.map((f) => (key in f ? f[key as keyof typeof f] : null)) }))
    .filter((d) => new Set(d.values.map((x) => JSON.stringify(x))).size > 1);
  const stats: Record<number, Record<string, MetricStats>> = {};
  const names = new Set<string>();
  for (const r of runs) {
    stats[r.id] = lab.store.metricStats(r.id);
    for (const name of Object.keys(stats[r.id])) names.add(name);
  }
  return { ids, diff, stats, metrics: [...names].sort() };
}

// ── datasets: pages and thumbnails ───────────────────────────────────────
export function datasetImages(lab: Lab, a: { dataset: string; offset?: number; limit?: number; split?: 'all' | 'train' | 'held_out' }) {
  const ds = lab.dataset(a.dataset);
  const set = lab.images(ds);
  const split = a.split ?? 'all';
  const all: number[] = [];
  for (let i = 0; i < set.count; i++) if (split === 'all' || (split === 'held_out') === (set.heldOut[i] === 1)) all.push(i);
  const offset = a.offset ?? 0;
  const page = all.slice(offset, offset + (a.limit ?? 60));
  return {
    dataset: ds.name,
    total: all.length,
    offset,
    items: page.map((index) => {
      const label = set.labels ? set.labels[index] : null;
      return { index, label, class_name: label !== null && set.classes ? (set.classes[label] ?? null) : null, held_out: set.heldOut[index] === 1 };
    }),
  };
}

const thumbs = new Map<string, Buffer>();

/** A thumbnail from `?dataset=NAME&index=I[&scale=S]` (HTTP route and Electron's lab-thumb: scheme). */
export function thumbnailFromQuery(lab: Lab, q: URLSearchParams): Promise<Buffer> {
  const dataset = q.get('dataset');
  if (!dataset) throw badInput('thumbnail needs ?dataset=NAME&index=I[&scale=S]');
  return thumbnail(lab, dataset, Number(q.get('index')), Number(q.get('scale') ?? '1'));
}

/** One image of a dataset as a PNG, enlarged `scale` times (cached). */
export async function thumbnail(lab: Lab, dataset: string, index: number, scale: number): Promise<Buffer> {
  const ds = lab.dataset(dataset);
  if (!Number.isInteger(index) || index < 0 || index >= ds.count) throw badInput(`image index must be in [0, ${ds.count - 1}] for dataset "${ds.name}", got ${index}`);
  if (!Number.isInteger(scale) || scale < 1 || scale > 16) throw badInput(`scale must be an integer in [1, 16], got ${scale}`);
  const key = `${ds.path}@${ds.created_at}:${index}:${scale}`;
  const hit = thumbs.get(key);
  if (hit) return hit;
  const png = await thumbnailPng(lab.images(ds), index, scale);
  thumbs.set(key, png);
  while (thumbs.size > 4000) thumbs.delete(thumbs.keys().next().value!);
  return png;
}

// ── masks ────────────────────────────────────────────────────────────────
export interface MaskViewArgs {
  run?: number;
  preset?: string;
  dataset?: string;
  indices?: number[];
  count?: number;
  seed?: number;
  mask?: Partial<JepaConfig['mask']>;
}

/**
 * Masks drawn by the training sampler (main/common/masks.ts) for some images, with a
 * run's (or a preset's) mask settings and the given overrides. The same seed
 * and settings give the masks maskError uses (maskRng(seed, 0)).
 */
export function sampleMaskView(lab: Lab, a: MaskViewArgs) {
  let base: JepaConfig;
  let ds: DatasetRow;
  if (a.run !== undefined) {
    const r = lab.run(a.run);
    base = r.config;
    ds = lab.dataset(a.dataset ?? r.dataset_id);
  } else {
    base = resolveConfig(a.preset ?? DEFAULT_PRESET);
    ds = lab.dataset(a.dataset ?? 'digits');
  }
  const cfg = structuredClone(base);
  Object.assign(cfg.mask, a.mask ?? {});
  validateConfig(cfg);
  const grid = gridSize(cfg);
  const set = lab.images(ds);
  const seed = a.seed ?? 0;
  let indices = a.indices;
  if (!indices) {
    const count = a.count ?? 8;
    indices = [];
    for (let i = 0; i < set.count && indices.length < count; i++) if (set.heldOut[i] === 1) indices.push(i);
    for (let i = 0; i < set.count && indices.length < count; i++) if (set.heldOut[i] === 0) indices.push(i);
  }
  for (const i of indices) if (i >= set.count) throw badInput(`image index must be in [0, ${set.count - 1}] for dataset "${ds.name}", got ${i}`);
  const masks = sampleMasks(cfg.mask, grid, indices.length, maskRng(seed, 0));
  const labels = indices.map((i) => (set.labels ? set.labels[i] : null));
  return {
    dataset: ds.name,
    seed,
    grid,
    crop_size: cfg.data.crop_size,
    patch_size: cfg.mask.patch_size,
    mask: cfg.mask,
    indices,
    labels,
    class_names: labels.map((l) => (l !== null && set.classes ? (set.classes[l] ?? null) : null)),
    context: masks.context,
    targets: masks.targets,
  };
}

// ── embeddings with progress ─────────────────────────────────────────────
type JobEvents = { job: [job: string, label: string, done: number, total: number] };
const jobBuses = new WeakMap<Lab, EventEmitter<JobEvents>>();

/** Progress of long UI jobs (embedding a dataset), per lab; the API forwards it as 'job' events. */
export function jobEvents(lab: Lab): EventEmitter<JobEvents> {
  let bus = jobBuses.get(lab);
  if (!bus) {
    bus = new EventEmitter<JobEvents>();
    bus.setMaxListeners(100);
    jobBuses.set(lab, bus);
  }
  return bus;
}

export async function embedWithProgress(lab: Lab, id: number, opts: { checkpoint?: number; dataset?: string }) {
  const run = lab.run(id);
  if (opts.dataset) lab.dataset(opts.dataset);
  const job = `embed:${id}:${opts.checkpoint ?? 'latest'}:${opts.dataset ?? ''}`;
  const label = `embedding ${opts.dataset ?? 'the dataset'} with run ${id} "${run.name}"`;
  const bus = jobEvents(lab);
  bus.emit('job', job, label, 0, 1);
  let total = 1;
  try {
    const r = await lab.embed(id, {
      ...opts,
      onProgress: (done, t) => {
        total = t;
        if (done < t) bus.emit('job', job, label, done, t);
      },
    });
    return r;
  } finally {
    bus.emit('job', job, label, total, total);
  }
}

/** A base64 (or data: URL) file from the UI as bytes. */
export function decodeBase64File(s: string): Buffer {
  const b64 = s.replace(/^data:[^,]*;base64,/, '');
  if (!/^[A-Za-z0-9+/\r\n]*={0,2}$/.test(b64)) throw badInput('file must be base64-encoded (or a data: URL)');
  const buf = Buffer.from(b64, 'base64');
  if (buf.length === 0) throw badInput('file is empty');
  return buf;
}
