// The lab service: one object holding all behaviour. Electron IPC, the HTTP
// server and the CLI are thin adapters over it, so everything is testable in Node.
import fs from 'node:fs';
import path from 'node:path';
import { EventEmitter } from 'node:events';
import { Store, type DatasetRow, type RunRow, RESUMABLE_STATUSES } from '../store/store.ts';
import { RunManager } from '../runs/run-manager.ts';
import { ensureHome } from './home.ts';
import { badInput, notFound, LabError } from '../common/errors.ts';
import { resolveConfig, totalSteps, ConfigError, DEFAULT_PRESET, type JepaConfig, type DeepPartial } from '../common/config.ts';
import { loadDigits } from '../data/digits.ts';
import { importFolder } from '../data/folder.ts';
import { importIdx } from '../data/idx.ts';
import { saveImageSet, loadImageSet, trainIndices, heldOutIndices, type ImageSet, type ImportReport } from '../common/imageset.ts';
import type { BackendRequest } from '../../worker/backend/backend.ts';
import type { Progress } from '../common/protocol.ts';
import * as evaluation from './analysis.ts';

export interface TrainOptions {
  dataset?: string;
  preset?: string;
  /** config overrides (sections), applied after the preset */
  config?: DeepPartial<JepaConfig> | Record<string, unknown>;
  steps?: number;
  epochs?: number;
  seed?: number;
  name?: string;
  tags?: string[];
  notes?: string;
  backend?: BackendRequest;
  checkpointEvery?: number;
}

export interface ImportOptions {
  name?: string;
  size?: number;
  channels?: 1 | 3;
  labels?: string;
}

export type LabEvents = {
  progress: [runId: number, progress: Progress];
  run: [run: RunRow];
  metrics: [runId: number];
  event: [runId: number, level: string, message: string];
  import: [name: string, done: number, total: number];
};

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'dataset';

export class Lab extends EventEmitter<LabEvents> {
  readonly store: Store;
  readonly runs: RunManager;

  private constructor(readonly home: string) {
    super();
    ensureHome(home);
    this.store = new Store(path.join(home, 'lab.db'));
    this.runs = new RunManager(this.store, home);
    this.runs.on('progress', (...a) => this.emit('progress', ...a));
    this.runs.on('run', (...a) => this.emit('run', ...a));
    this.runs.on('metrics', (...a) => this.emit('metrics', ...a));
    this.runs.on('event', (...a) => this.emit('event', ...a));
  }

  static open(home: string): Lab {
    const lab = new Lab(home);
    lab.ensureDigits();
    return lab;
  }

  close(): void {
    this.runs.close();
    this.store.close();
  }

  // ── datasets ────────────────────────────────────────────────────────────
  private datasetDir(name: string): string {
    return path.join(this.home, 'datasets', slug(name));
  }

  private registerImageSet(set: ImageSet, kind: string, report: ImportReport | null): DatasetRow {
    const dir = this.datasetDir(set.name);
    saveImageSet(dir, set);
    return this.store.addDataset({
      name: set.name,
      path: dir,
      kind,
      count: set.count,
      size: set.size,
      channels: set.channels,
      labeled: !!set.labels,
      classes: set.classes,
      train_count: trainIndices(set).length,
      held_out_count: heldOutIndices(set).length,
      report,
    });
  }

  /** The bundled digits, written into the home on first use. */
  ensureDigits(): DatasetRow {
    const have = this.store.getDataset('digits');
    if (have && fs.existsSync(path.join(have.path, 'meta.json'))) return have;
    if (have) this.store.deleteDataset(have.id);
    const set = loadDigits();
    return this.registerImageSet({ ...set, name: 'digits' }, 'bundled', null);
  }

  datasets(): DatasetRow[] {
    return this.store.listDatasets();
  }

  dataset(nameOrId: string | number): DatasetRow {
    const d = this.store.getDataset(typeof nameOrId === 'string' && /^\d+$/.test(nameOrId) ? Number(nameOrId) : nameOrId);
    if (!d) throw badInput(`no dataset "${nameOrId}"; list them with \`jepa-lab datasets\` or import one with \`jepa-lab import PATH --name NAME\``);
    return d;
  }

  private sets = new Map<string, ImageSet>();

  /** A dataset's images, loaded once and kept for the few most recently used datasets. */
  images(ds: DatasetRow): ImageSet {
    const key = `${ds.path}@${ds.created_at}`;
    let s = this.sets.get(key);
    if (s) this.sets.delete(key); // re-inserted below: most recent last
    else s = loadImageSet(ds.path);
    this.sets.set(key, s);
    while (this.sets.size > 3) this.sets.delete(this.sets.keys().next().value!);
    return s;
  }

  /** Import an IDX file or an image folder into the store. Corrupt files are skipped and reported. */
  async importDataset(src: string, opts: ImportOptions = {}): Promise<DatasetRow> {
    const abs = path.resolve(src);
    if (!fs.existsSync(abs)) throw badInput(`dataset path ${abs} does not exist; give an image folder or an IDX file`);
    const name = opts.name ?? path.basename(abs).replace(/(-images)?(\.idx\d?-ubyte)?(\.gz)?$/i, '');
    if (this.store.getDataset(name)) throw badInput(`a dataset named "${name}" exists already; choose another with --name`);
    const onProgress = (done: number, total: number) => this.emit('import', name, done, total);
    let result: { set: ImageSet; report: ImportReport };
    let kind: string;
    if (fs.statSync(abs).isDirectory()) {
      result = await importFolder(abs, { name, size: opts.size, channels: opts.channels, onProgress });
      kind = 'folder';
    } else {
      result = await importIdx(abs, opts.labels, { name, onProgress });
      kind = 'idx';
    }
    return this.registerImageSet({ ...result.set, name }, kind, result.report);
  }

  /** A dataset by name, or a path imported on the fly (reused when imported before). */
  async resolveDataset(nameOrPath: string): Promise<DatasetRow> {
    const byName = this.store.getDataset(nameOrPath);
    if (byName) return byName;
    if (fs.existsSync(nameOrPath)) {
      const name = path.basename(path.resolve(nameOrPath));
      return this.store.getDataset(name) ?? (await this.importDataset(nameOrPath, { name }));
    }
    return this.dataset(nameOrPath);
  }

  deleteDataset(nameOrId: string | number): void {
    const d = this.dataset(nameOrId);
    if (d.kind === 'bundled') throw badInput(`"${d.name}" is the bundled dataset and cannot be deleted`);
    const users = this.store.listRuns().filter((r) => r.dataset_id === d.id);
    if (users.length) throw badInput(`dataset "${d.name}" is used by run${users.length > 1 ? 's' : ''} ${users.map((r) => r.id).join(', ')}; delete those runs first`);
    this.store.deleteDataset(d.id);
    fs.rmSync(d.path, { recursive: true, force: true });
  }

  // ── runs ────────────────────────────────────────────────────────────────
  /** Resolve and validate a run's config; throws bad-input before anything is written. */
  async planRun(opts: TrainOptions): Promise<{ config: JepaConfig; dataset: DatasetRow; preset: string }> {
    const preset = opts.preset ?? DEFAULT_PRESET;
    if (opts.steps !== undefined && opts.epochs !== undefined) throw badInput('give --steps or --epochs, not both');
    if (opts.steps !== undefined && (!Number.isInteger(opts.steps) || opts.steps < 1)) throw badInput(`--steps must be a positive integer, got ${opts.steps}`);
    if (opts.epochs !== undefined && (!Number.isInteger(opts.epochs) || opts.epochs < 1)) throw badInput(`--epochs must be a positive integer, got ${opts.epochs}`);
    const dataset = await this.resolveDataset(opts.dataset ?? 'digits');
    const cli: DeepPartial<JepaConfig> = { data: { dataset: dataset.name } };
    if (opts.steps !== undefined) cli.optimization = { steps: opts.steps };
    if (opts.epochs !== undefined) cli.optimization = { epochs: opts.epochs, steps: 0 };
    if (opts.seed !== undefined) cli.meta = { seed: opts.seed };
    if (opts.checkpointEvery !== undefined) cli.logging = { checkpoint_every: opts.checkpointEvery };
    try {
      const config = resolveConfig(preset, opts.config ?? {}, cli);
      return { config, dataset, preset };
    } catch (e) {
      if (e instanceof ConfigError) throw badInput(e.message);
      throw e;
    }
  }

  /** Create a run (validated first) and start or queue it. */
  async train(opts: TrainOptions = {}): Promise<RunRow> {
    const { config, dataset, preset } = await this.planRun(opts);
    const run = this.store.createRun({
      name: opts.name ?? `${preset}-${dataset.name}`,
      tags: opts.tags,
      notes: opts.notes,
      config,
      preset,
      dataset_id: dataset.id,
      status: 'queued',
      seed: config.meta.seed,
      total_steps: totalSteps(config, dataset.train_count),
    });
    this.runs.start(run.id, opts.backend ?? 'auto');
    return this.run(run.id);
  }

  runsList(): RunRow[] {
    return this.store.listRuns();
  }

  run(id: number): RunRow {
    const r = this.store.getRun(id);
    if (!r) throw notFound(`no run ${id}; list runs with \`jepa-lab runs\``);
    return r;
  }

  /** Continue a failed, stopped or interrupted run from its last checkpoint. */
  resume(id: number, backend: BackendRequest = 'auto'): RunRow {
    const r = this.run(id);
    if (r.status === 'completed') throw badInput(`run ${id} has completed all ${r.total_steps} steps; start a new run to train longer`);
    if (!RESUMABLE_STATUSES.includes(r.status)) {
      if (r.status === 'paused') {
        this.runs.unpause(id);
        return this.run(id);
      }
      throw badInput(`run ${id} is ${r.status}; only failed, stopped or interrupted runs can be resumed`);
    }
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
    if (r.status === 'running' || r.status === 'paused') {
      if (!this.runs.isOwned(id)) throw new LabError('conflict', `run ${id} is ${r.status} in another lab process; stop it first`);
      this.runs.kill(id);
    }
    this.store.deleteRun(id);
    fs.rmSync(path.join(this.home, 'runs', String(id)), { recursive: true, force: true });
  }

  /** Update name, tags or notes. */
  annotate(id: number, patch: { name?: string; tags?: string[]; notes?: string }): RunRow {
    this.run(id);
    this.store.updateRun(id, patch);
    return this.run(id);
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

  // ── evaluation, embeddings, neighbours (main/lab/analysis.ts) ─────────────
  embed(runId: number, opts: evaluation.EmbedOptions = {}): Promise<evaluation.EmbedResult> {
    return evaluation.embed(this, runId, opts);
  }

  evaluate(runId: number, opts: evaluation.EmbedOptions & { k?: number } = {}): Promise<evaluation.EvalResult> {
    return evaluation.evaluate(this, runId, opts);
  }

  neighbors(runId: number, q: evaluation.NeighborQuery) {
    return evaluation.neighbors(this, runId, q);
  }

  compareNeighbors(a: { run: number; checkpoint?: number }, b: { run: number; checkpoint?: number }, q: Omit<evaluation.NeighborQuery, 'checkpoint'>) {
    return evaluation.compareNeighbors(this, a, b, q);
  }

  embeddingMap(runId: number, opts: { checkpoint?: number; dataset?: string; max?: number; vectors?: boolean } = {}) {
    return evaluation.embeddingMap(this, runId, opts);
  }

  maskError(runId: number, opts: { checkpoint?: number; indices: number[]; seed?: number }) {
    return evaluation.maskError(this, runId, opts);
  }

  wait(id: number): Promise<RunRow> {
    return this.runs.wait(id);
  }
}
