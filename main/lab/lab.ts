// The lab service: the one way in. The CLI, the HTTP server and Electron IPC
// are thin adapters over this object, so all three give the same answers and
// everything is testable in Node. It owns the store, the run manager, the
// datasets and the analysis of trained runs, and sends every change to its
// subscribers as a LabEvent.
import fs from 'node:fs';
import path from 'node:path';
import { EventEmitter } from 'node:events';
import { fileURLToPath } from 'node:url';
import { badInput, errorLine, ioProblem, notFound, LabError, LIST_RUNS } from '../common/errors.ts';
import { ConfigError, DEFAULT_PRESET, PRESETS, flattenConfig, gridSize, resolveConfig, validateConfig, type DeepPartial, type JepaConfig } from '../common/config.ts';
import { checkMaskSettings, maskRng, sampleMasks } from '../common/masks.ts';
import { runSchedule } from '../common/schedule.ts';
import { isResumable, isTraining, type BackendRequest, type CheckpointRow, type DatasetRow, type EventRow, type LabEvent, type MetricSeries, type RunRow } from '../common/vocabulary.ts';
import { RunManager } from '../runs/run-manager.ts';
import { Store, isSqliteError, storeError, type MetricStats } from '../store/store.ts';
import { Analysis, type EmbedOptions, type EmbedResult, type EvalResult, type NeighborQuery } from './analysis.ts';
import { Datasets, type DatasetSplit, type ImportOptions, type PendingImport } from './datasets.ts';
import { exportOfficial, importCheckpoint, type ExportOfficialOutcome, type ImportCheckpointOptions, type ImportCheckpointOutcome } from './checkpoints.ts';
import { checkLabDb, ensureHome } from './home.ts';

export interface TrainOptions {
  dataset?: string;
  preset?: string;
  /** config overrides (sections), applied after the preset */
  config?: DeepPartial<JepaConfig> | Record<string, unknown>;
  steps?: number;
  epochs?: number;
  /** a time budget instead of steps (optimization.minutes) */
  minutes?: number;
  seed?: number;
  name?: string;
  tags?: string[];
  notes?: string;
  backend?: BackendRequest;
  checkpointEvery?: number;
  /** false: `dataset` (or the config's data.dataset) is a name only, never a path to import (the UI's API) */
  datasetPaths?: boolean;
}

/** A run checked and ready to create: its config, and its dataset (or the import that makes it, not yet written). */
export interface RunPlan {
  config: JepaConfig;
  preset: string;
  dataset: DatasetRow | null;
  pending: PendingImport | null;
  totalSteps: number;
}

/**
 * The dataset a run asks for: --dataset, else the config's data.dataset, else
 * the bundled digits. Both given and different is refused: the config's
 * value was once replaced without a word.
 */
function datasetOf(opts: { dataset?: string; config?: unknown }): string {
  const section = (opts.config as { data?: Record<string, unknown> } | undefined)?.data;
  const fromConfig = section?.dataset;
  if (fromConfig !== undefined && (typeof fromConfig !== 'string' || fromConfig.length === 0))
    throw badInput(`config data.dataset must name a dataset or a path, got ${JSON.stringify(fromConfig)}`);
  if (opts.dataset !== undefined && fromConfig !== undefined && opts.dataset !== fromConfig)
    throw badInput(`the config's data.dataset is "${fromConfig}" but --dataset is "${opts.dataset}"; give the dataset once (drop one of them)`);
  return opts.dataset ?? (fromConfig as string | undefined) ?? 'digits';
}

export interface RunDetail {
  run: RunRow;
  dataset: DatasetRow | null;
  checkpoints: CheckpointRow[];
  events: EventRow[];
}

export interface OpenOptions {
  /** the command only reads the lab (or frees space): see Lab.open */
  readOnly?: boolean;
}

/** What `train` would do with a launch form's settings: the resolved config, or the field at fault and why. */
export type CheckResult = { ok: true; config: JepaConfig; total_steps: number; grid: number } | { ok: false; field: string; message: string };

export interface CompareResult {
  ids: number[];
  /** config keys (dotted) whose values differ between the runs, with each run's value */
  diff: { key: string; values: unknown[] }[];
  /** per run id, per metric */
  stats: Record<number, Record<string, MetricStats>>;
  metrics: string[];
}

export interface MaskViewArgs {
  run?: number;
  preset?: string;
  dataset?: string;
  indices?: number[];
  count?: number;
  seed?: number;
  mask?: Partial<JepaConfig['mask']>;
}

const PACKAGE_JSON = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'package.json');
let version: string | null = null;

export class Lab {
  readonly store: Store;
  readonly runs: RunManager;
  readonly data: Datasets;
  readonly analysis: Analysis;
  private readonly bus = new EventEmitter<{ event: [LabEvent] }>();

  private readonly emit: (e: LabEvent) => void;

  private constructor(readonly home: string, opts: OpenOptions) {
    ensureHome(home, { probe: !opts.readOnly });
    checkLabDb(home);
    this.bus.setMaxListeners(200); // every open page subscribes
    const emit = (this.emit = (e: LabEvent) => this.bus.emit('event', e));
    this.store = new Store(path.join(home, 'lab.db'));
    try {
      this.runs = new RunManager(this.store, home);
    } catch (e) {
      // the first reads of the runs are where damage inside the database shows
      this.store.close();
      throw storeError(this.store.file, e);
    }
    this.runs.on('event', emit);
    this.data = new Datasets(this.store, home, emit);
    this.analysis = new Analysis(this.store, this.data, (id) => this.run(id), emit);
  }

  /**
   * Open (or create) the lab in a home. `readOnly`: for commands that only
   * read, or free space (delete): no write check, and the bundled digits are
   * written only if that works, so these commands work on a full disk.
   */
  static open(home: string, opts: OpenOptions = {}): Lab {
    const lab = new Lab(home, opts);
    try {
      lab.data.ensureDigits();
    } catch (e) {
      if (!opts.readOnly) {
        lab.close();
        throw isSqliteError(e) ? storeError(lab.store.file, e) : e;
      }
    }
    return lab;
  }

  close(): void {
    this.runs.close();
    this.store.close();
  }

  /** Every change, as it happens; returns the unsubscribe function. */
  subscribe(fn: (e: LabEvent) => void): () => void {
    this.bus.on('event', fn);
    return () => void this.bus.off('event', fn);
  }

  /** Version, home and defaults the UI shows. */
  info() {
    version ??= (JSON.parse(fs.readFileSync(PACKAGE_JSON, 'utf8')) as { version: string }).version;
    return { version, home: this.home, defaultPreset: DEFAULT_PRESET, backend: process.env.JEPA_LAB_BACKEND ?? 'auto' };
  }

  presets(): { name: string; description: string; default: boolean; config: JepaConfig }[] {
    return Object.entries(PRESETS).map(([name, p]) => ({ name, description: p.description, default: name === DEFAULT_PRESET, config: resolveConfig(name) }));
  }

  // ── datasets ────────────────────────────────────────────────────────────
  datasets(): DatasetRow[] {
    return this.data.list();
  }

  dataset(nameOrId: string | number): DatasetRow {
    return this.data.get(nameOrId);
  }

  /** Import an IDX file or an image folder into the lab. Corrupt files are skipped and reported. */
  importDataset(src: string, opts: ImportOptions = {}): Promise<DatasetRow> {
    return this.data.import(src, opts);
  }

  deleteDataset(nameOrId: string | number): void {
    this.data.delete(nameOrId, (id) => this.store.listRuns().filter((r) => r.dataset_id === id).map((r) => r.id));
  }

  datasetImages(a: { dataset: string; offset?: number; limit?: number; split?: DatasetSplit }) {
    return this.data.page(a);
  }

  thumbnail(dataset: string, index: number, scale: number): Promise<Buffer> {
    return this.data.thumbnail(dataset, index, scale);
  }

  // ── runs ────────────────────────────────────────────────────────────────
  /**
   * Resolve and check a run's settings, writing nothing: the config, its
   * schedule, and the dataset (one the lab has, or a path's import decoded but
   * not yet written). Throws bad-input naming the problem.
   */
  async planRun(opts: TrainOptions): Promise<RunPlan> {
    const preset = opts.preset ?? DEFAULT_PRESET;
    const given = (['steps', 'epochs', 'minutes'] as const).filter((k) => opts[k] !== undefined);
    if (given.length > 1) throw badInput(`give one of --steps, --epochs or --minutes, not ${given.map((k) => `--${k}`).join(' and ')}`);
    const spec = datasetOf(opts);
    try {
      // the config first, with the dataset's name as it stands: a refused config must not import anything
      this.resolveRunConfig(preset, spec, opts);
      const found = await this.data.find(spec, { paths: opts.datasetPaths !== false });
      if (found.row) this.data.verify(found.row);
      const info = found.row ?? found.pending.info;
      const config = this.resolveRunConfig(preset, info.name, opts);
      const { totalSteps } = runSchedule(config, info.train_count);
      return { config, preset, dataset: found.row, pending: found.pending, totalSteps };
    } catch (e) {
      if (e instanceof ConfigError) throw badInput(e.message);
      throw e;
    }
  }

  /** The preset, the config overrides and the command line's settings, merged and checked (ConfigError names the field). */
  private resolveRunConfig(preset: string, dataset: string, opts: Pick<TrainOptions, 'config' | 'steps' | 'epochs' | 'minutes' | 'seed' | 'checkpointEvery'>): JepaConfig {
    const cli: DeepPartial<JepaConfig> = { data: { dataset } };
    if (opts.steps !== undefined) cli.optimization = { steps: opts.steps };
    if (opts.epochs !== undefined) cli.optimization = { epochs: opts.epochs, steps: 0, minutes: 0 };
    if (opts.minutes !== undefined) cli.optimization = { minutes: opts.minutes, steps: 0 };
    if (opts.steps !== undefined) cli.optimization = { ...cli.optimization, minutes: 0 };
    if (opts.seed !== undefined) cli.meta = { seed: opts.seed };
    if (opts.checkpointEvery !== undefined) cli.logging = { checkpoint_every: opts.checkpointEvery };
    return resolveConfig(preset, opts.config ?? {}, cli);
  }

  /** What `train` would do with these settings, without doing it (the launch form's live check). */
  checkConfig(a: { dataset?: string; preset?: string; config?: Record<string, unknown>; steps?: number; minutes?: number; seed?: number }): CheckResult {
    const fail = (field: string, message: string): CheckResult => ({ ok: false, field, message });
    let name: string;
    try {
      name = datasetOf(a);
    } catch (e) {
      return fail('data.dataset', (e as Error).message);
    }
    const ds = this.store.getDataset(name);
    if (!ds) return fail('data.dataset', `no dataset "${name}"; import it on the Datasets screen first`);
    try {
      const config = this.resolveRunConfig(a.preset ?? DEFAULT_PRESET, ds.name, a);
      const grid = gridSize(config);
      checkMaskSettings(config.mask, grid);
      if (config.data.channels !== ds.channels)
        return fail('data.channels', `the preset trains on ${config.data.channels}-channel images but dataset "${ds.name}" has ${ds.channels}; choose a preset for ${ds.channels === 1 ? 'grayscale' : 'RGB'} images or another dataset`);
      const { totalSteps: total } = runSchedule(config, ds.train_count);
      return { ok: true, config, grid, total_steps: total };
    } catch (e) {
      if (e instanceof ConfigError) return fail(e.field, e.message);
      throw e;
    }
  }

  /** Create a run (everything checked first; a path's import is written only then) and start or queue it. */
  async train(opts: TrainOptions = {}): Promise<RunRow> {
    const plan = await this.planRun(opts);
    const dataset = plan.dataset ?? plan.pending!.commit();
    const config = { ...plan.config, data: { ...plan.config.data, dataset: dataset.name } };
    const run = this.store.createRun({
      name: opts.name ?? `${plan.preset}-${dataset.name}`,
      tags: opts.tags,
      notes: opts.notes,
      config,
      preset: plan.preset,
      dataset_id: dataset.id,
      status: 'queued',
      seed: config.meta.seed,
      total_steps: plan.totalSteps,
      budget_minutes: config.optimization.minutes || null,
    });
    this.runs.start(run.id, opts.backend ?? 'auto');
    return this.run(run.id);
  }

  runsList(): RunRow[] {
    return this.store.listRuns().map((r) => this.runs.overlay(r));
  }

  run(id: number): RunRow {
    const r = this.runs.view(id);
    if (!r) throw notFound(`no run ${id}`, LIST_RUNS);
    return r;
  }

  /** A run with its dataset, checkpoints and latest events. */
  runDetail(id: number, lastEvents = 500): RunDetail {
    const run = this.run(id);
    return { run, dataset: this.store.getDataset(run.dataset_id), checkpoints: this.store.checkpoints(id), events: this.store.lastEvents(id, lastEvents) };
  }

  /** A run's metric points (some names, after a step), grouped by name. */
  metrics(id: number, opts: { names?: string[]; afterStep?: number } = {}): MetricSeries {
    this.run(id);
    return this.store.metrics(id, opts);
  }

  checkpoints(id: number): CheckpointRow[] {
    this.run(id);
    return this.store.checkpoints(id);
  }

  events(id: number): EventRow[] {
    this.run(id);
    return this.store.events(id);
  }

  /** Continue a failed, stopped or interrupted run from its last checkpoint (or continue a paused one). */
  resume(id: number, backend: BackendRequest = 'auto'): RunRow {
    const r = this.run(id);
    if (r.kind === 'imported')
      throw badInput(`run ${id} was imported from a checkpoint; the lab does not train imported runs: continue it with the official code (jepa-lab export ${id} --format ijepa --out FILE.pth.tar)`);
    if (r.status === 'completed') throw badInput(`run ${id} has completed all ${r.total_steps} steps; start a new run to train longer`);
    if (r.status === 'paused') {
      this.runs.unpause(id);
      return this.run(id);
    }
    if (!isResumable(r.status)) throw badInput(`run ${id} is ${r.status}; only failed, stopped or interrupted runs can be resumed`);
    this.store.addEvent(id, 'info', `resume requested (was ${r.status} at step ${r.step})`);
    this.runs.start(id, backend);
    return this.run(id);
  }

  stop(id: number): void {
    this.runs.stop(id);
  }

  pause(id: number): void {
    this.runs.pause(id);
  }

  /** Delete a run: rows, metrics, checkpoints on disk. */
  deleteRun(id: number): void {
    const r = this.run(id);
    if (isTraining(r.status)) {
      if (!this.runs.isOwned(id)) throw new LabError('conflict', `run ${id} is ${r.status} in another lab process; stop it first`);
      this.runs.kill(id);
    }
    // Files first: on a full disk they free the space the database needs to record the deletion.
    const dir = path.join(this.home, 'runs', String(id));
    try {
      fs.rmSync(dir, { recursive: true, force: true });
    } catch (e) {
      const p = ioProblem(e);
      throw new LabError('failure', `cannot delete run ${id}'s files in ${dir}: ${p ? `${p.problem} (${p.code}); ${p.fix}` : errorLine(e)}`);
    }
    try {
      this.store.deleteRun(id);
    } catch (e) {
      throw storeError(this.store.file, e);
    }
  }

  /** Update name, tags or notes. */
  annotate(id: number, patch: { name?: string; tags?: string[]; notes?: string }): RunRow {
    this.run(id);
    this.store.updateRun(id, patch);
    return this.run(id);
  }

  wait(id: number): Promise<RunRow> {
    return this.runs.wait(id);
  }

  /** Config keys that differ between runs, and min/max/last of every metric of each. */
  compare(ids: number[]): CompareResult {
    const runs = ids.map((i) => this.run(i));
    const flat = runs.map((r) => ({ preset: r.preset, ...flattenConfig(r.config) }));
    const keys = [...new Set(flat.flatMap((f) => Object.keys(f)))];
    const diff = keys
      .map((key) => ({ key, values: flat.map((f) => (key in f ? f[key as keyof typeof f] : null)) }))
      .filter((d) => new Set(d.values.map((x) => JSON.stringify(x))).size > 1);
    const stats: Record<number, Record<string, MetricStats>> = {};
    const names = new Set<string>();
    for (const r of runs) {
      stats[r.id] = this.store.metricStats(r.id);
      for (const name of Object.keys(stats[r.id])) names.add(name);
    }
    return { ids, diff, stats, metrics: [...names].sort() };
  }

  /** Every metric point of the given runs in one CSV (one row per point). */
  exportCsv(ids: number[]): string {
    const esc = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
    const lines = ['run_id,run_name,metric,step,wall_time,value'];
    for (const id of ids) {
      const r = this.run(id);
      for (const [name, s] of Object.entries(this.store.metrics(id)))
        for (let i = 0; i < s.step.length; i++) lines.push(`${id},${esc(r.name)},${esc(name)},${s.step[i]},${new Date(s.time[i]).toISOString()},${s.value[i]}`);
    }
    return `${lines.join('\n')}\n`;
  }

  /** A run and all its metric points as one JSON document. */
  exportJson(id: number): { run: RunRow; metrics: { name: string; step: number; time: number; value: number }[] } {
    const run = this.run(id);
    const metrics: { name: string; step: number; time: number; value: number }[] = [];
    for (const [name, s] of Object.entries(this.store.metrics(id))) for (let i = 0; i < s.step.length; i++) metrics.push({ name, step: s.step[i], time: s.time[i], value: s.value[i] });
    return { run, metrics };
  }

  // ── masks ───────────────────────────────────────────────────────────────
  /**
   * Masks drawn by the training sampler for some images, with a run's (or a
   * preset's) mask settings and the given overrides. The same seed and
   * settings give the masks maskError uses (maskRng(seed, 0)).
   */
  sampleMasks(a: MaskViewArgs) {
    let base: JepaConfig;
    let ds: DatasetRow;
    if (a.run !== undefined) {
      const r = this.run(a.run);
      base = r.config;
      ds = this.dataset(a.dataset ?? r.dataset_id);
    } else {
      base = resolveConfig(a.preset ?? DEFAULT_PRESET);
      ds = this.dataset(a.dataset ?? 'digits');
    }
    const cfg = structuredClone(base);
    Object.assign(cfg.mask, a.mask ?? {});
    validateConfig(cfg);
    const grid = gridSize(cfg);
    const set = this.data.images(ds);
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

  // ── checkpoints to and from the official code (main/lab/checkpoints.ts) ─
  /**
   * Import an official I-JEPA .pth/.pth.tar (read without running anything in
   * it) or a lab safetensors export folder as a completed run of kind "imported".
   */
  importCheckpoint(src: string, opts: ImportCheckpointOptions = {}): Promise<ImportCheckpointOutcome> {
    return importCheckpoint({ store: this.store, data: this.data, home: this.home, emit: this.emit }, src, opts);
  }

  /** A run's checkpoint (the latest, or at a step) as the official .pth.tar that src/train.py resumes from. */
  exportOfficialCheckpoint(id: number, out: string, step?: number): Promise<ExportOfficialOutcome> {
    const run = this.run(id);
    const ck = this.analysis.resolveCheckpoint(run, step);
    if (!ck) throw badInput(`run ${id}: the random-init encoder has no checkpoint to export; give the step of one of its checkpoints`);
    return exportOfficial({ store: this.store, data: this.data, home: this.home, emit: this.emit }, run, ck, out);
  }

  // ── a trained run's features (main/lab/analysis.ts) ────────────────────
  embed(runId: number, opts: EmbedOptions = {}): Promise<EmbedResult> {
    return this.analysis.embed(runId, opts);
  }

  /** Embedding with 'job' progress events (the UI's progress bar). */
  embedWithProgress(runId: number, opts: { checkpoint?: number; dataset?: string }): Promise<EmbedResult> {
    return this.analysis.embedWithProgress(runId, opts);
  }

  evaluate(runId: number, opts: EmbedOptions & { k?: number } = {}): Promise<EvalResult> {
    return this.analysis.evaluate(runId, opts);
  }

  neighbors(runId: number, q: NeighborQuery) {
    return this.analysis.neighbors(runId, q);
  }

  compareNeighbors(a: { run: number; checkpoint?: number }, b: { run: number; checkpoint?: number }, q: Omit<NeighborQuery, 'checkpoint'>) {
    return this.analysis.compareNeighbors(a, b, q);
  }

  /** `eval` with 'job' progress events (the run page's Evaluate button). */
  evaluateWithProgress(runId: number, opts: { checkpoint?: number; dataset?: string; k?: number } = {}): Promise<EvalResult> {
    return this.analysis.evaluateWithProgress(runId, opts);
  }

  embeddingMap(runId: number, opts: { checkpoint?: number; dataset?: string; max?: number; vectors?: boolean; encoding?: 'json' | 'base64' } = {}) {
    return this.analysis.embeddingMap(runId, opts);
  }

  maskError(runId: number, opts: { checkpoint?: number; indices: number[]; seed?: number }) {
    return this.analysis.maskError(runId, opts);
  }
}
