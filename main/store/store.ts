// The lab's one SQLite database (better-sqlite3, WAL): datasets, runs, metrics,
// checkpoints, events, embeddings. Schema changes are numbered migrations kept
// in PRAGMA user_version, so an older database is upgraded in place.
import Database from 'better-sqlite3';
import os from 'node:os';
import { withDefaults } from '../common/config.ts';
import { badInput, ioProblem, LabError } from '../common/errors.ts';
import { METRIC, type CheckpointRow, type DatasetRow, type EventRow, type MetricPoint, type MetricSeries, type RunKind, type RunRow, type RunStatus } from '../common/vocabulary.ts';

/** The few columns the run manager polls. */
export type RunState = Pick<RunRow, 'id' | 'status' | 'step' | 'host' | 'owner_pid' | 'control' | 'collapse_warning'> & { progress: string | null };

/** Numbered migrations; index i upgrades user_version i → i+1. Never edit a shipped one: add another. */
export const MIGRATIONS: string[] = [
  // 1: the core lab
  `CREATE TABLE datasets (
     id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, path TEXT NOT NULL, kind TEXT NOT NULL,
     count INTEGER NOT NULL, size INTEGER NOT NULL, channels INTEGER NOT NULL, labeled INTEGER NOT NULL,
     classes TEXT, train_count INTEGER NOT NULL, held_out_count INTEGER NOT NULL, report TEXT,
     created_at REAL NOT NULL);
   CREATE TABLE runs (
     id INTEGER PRIMARY KEY, name TEXT NOT NULL, tags TEXT NOT NULL DEFAULT '[]', notes TEXT NOT NULL DEFAULT '',
     config TEXT NOT NULL, preset TEXT NOT NULL, dataset_id INTEGER NOT NULL REFERENCES datasets(id),
     status TEXT NOT NULL, backend TEXT, host TEXT NOT NULL, seed INTEGER NOT NULL,
     created_at REAL NOT NULL, started_at REAL, ended_at REAL, parent_id INTEGER REFERENCES runs(id) ON DELETE SET NULL,
     step INTEGER NOT NULL DEFAULT 0, total_steps INTEGER NOT NULL DEFAULT 0,
     owner_pid INTEGER, worker_pid INTEGER, control TEXT, error TEXT,
     last_loss REAL, best_loss REAL);
   CREATE TABLE metrics (
     run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE, name TEXT NOT NULL, step INTEGER NOT NULL,
     time REAL NOT NULL, value REAL NOT NULL, PRIMARY KEY (run_id, name, step)) WITHOUT ROWID;
   CREATE TABLE checkpoints (
     run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE, step INTEGER NOT NULL, path TEXT NOT NULL,
     bytes INTEGER NOT NULL, created_at REAL NOT NULL, PRIMARY KEY (run_id, step));
   CREATE TABLE events (
     id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
     time REAL NOT NULL, level TEXT NOT NULL, message TEXT NOT NULL);
   CREATE INDEX events_run ON events(run_id, id);`,
  // 2: evaluation — collapse flag, kNN summary, stored embeddings
  `ALTER TABLE runs ADD COLUMN knn_acc REAL;
   ALTER TABLE runs ADD COLUMN collapse_warning TEXT;
   CREATE TABLE embeddings (
     run_id INTEGER NOT NULL, checkpoint_step INTEGER NOT NULL, dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
     image_index INTEGER NOT NULL, dim INTEGER NOT NULL, vector BLOB NOT NULL,
     PRIMARY KEY (run_id, checkpoint_step, dataset_id, image_index)) WITHOUT ROWID;`,
  // 3: dataset identity — the source imported and its fingerprint (a path is reused only for the same files), and how the held-out split was chosen.
  // Folders of datasets imported before stay where their rows say (datasets/<name-slug>); new ones go to datasets/<id>.
  `ALTER TABLE datasets ADD COLUMN source TEXT;
   ALTER TABLE datasets ADD COLUMN fingerprint TEXT;
   ALTER TABLE datasets ADD COLUMN split TEXT NOT NULL DEFAULT 'random';
   UPDATE datasets SET split = 'fixed' WHERE kind = 'bundled';
   CREATE INDEX datasets_source ON datasets(source);`,
  // 4: a run's time budget (optimization.minutes before the run resolved it to steps)
  `ALTER TABLE runs ADD COLUMN budget_minutes REAL;`,
  // 5: speed and pauses every lab process can show — the latest progress a worker reported,
  // the step of the kNN probe in knn_acc, and paused time
  `ALTER TABLE runs ADD COLUMN progress TEXT;
   ALTER TABLE runs ADD COLUMN knn_step INTEGER;
   ALTER TABLE runs ADD COLUMN paused_ms REAL NOT NULL DEFAULT 0;
   ALTER TABLE runs ADD COLUMN paused_at REAL;`,
  // 6: imported runs (import-checkpoint), beside trained ones
  `ALTER TABLE runs ADD COLUMN kind TEXT NOT NULL DEFAULT 'trained';`,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

const now = () => Date.now();

/** An error raised by SQLite (better-sqlite3's SqliteError carries an SQLITE_… code). */
export function isSqliteError(e: unknown): boolean {
  return String((e as { code?: unknown } | null)?.code ?? '').startsWith('SQLITE_');
}

/**
 * A database error as a person needs it: the file, what is wrong and what to
 * do. A damaged or foreign file is not opened as an empty lab: moving it
 * aside is the user's decision, since the runs it lists would be forgotten.
 */
export function storeError(file: string, e: unknown): LabError {
  if (e instanceof LabError) return e;
  const code = String((e as { code?: unknown } | null)?.code ?? '');
  const msg = e instanceof Error ? e.message : String(e);
  const aside = `Move it aside (mv "${file}" "${file}.damaged") to start an empty lab in this home, or put back a copy from a backup; \`jepa-lab doctor\` checks the rest of the home`;
  if (code === 'SQLITE_NOTADB') return new LabError('failure', `${file} is not a JEPA Lab database: SQLite says "${msg}" (it was damaged or overwritten). ${aside}`);
  if (code.startsWith('SQLITE_CORRUPT'))
    return new LabError('failure', `${file} is damaged: SQLite says "${msg}". ${aside}; \`sqlite3 "${file}" .recover | sqlite3 recovered.db\` may save most of it`);
  if (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_') || code === 'SQLITE_LOCKED')
    return new LabError('failure', `${file} is locked by another process (SQLite: "${msg}"); wait for it (a training run or the app) or stop it, and try again`);
  const p = ioProblem(e);
  if (p) return new LabError('failure', `cannot use the lab database ${file}: ${p.problem} (${code}); ${p.fix}`);
  if (code.startsWith('SQLITE_')) return new LabError('failure', `cannot use the lab database ${file}: SQLite says "${msg}" (${code}); \`jepa-lab doctor\` checks the home`);
  return new LabError('failure', `cannot use the lab database ${file}: ${msg}`);
}

/** A metric's summary over a run (the Compare screen's table). */
export interface MetricStats {
  min: number;
  max: number;
  last: number;
  last_step: number;
  points: number;
}

function parseRun(r: Record<string, unknown>): RunRow {
  return {
    ...(r as unknown as RunRow),
    tags: JSON.parse(r.tags as string),
    config: withDefaults(JSON.parse(r.config as string)),
    progress: r.progress ? JSON.parse(r.progress as string) : null,
  };
}

function parseDataset(r: Record<string, unknown>): DatasetRow {
  return {
    ...(r as unknown as DatasetRow),
    labeled: !!r.labeled,
    classes: r.classes ? JSON.parse(r.classes as string) : null,
    report: r.report ? JSON.parse(r.report as string) : null,
  };
}

export class Store {
  readonly db: Database.Database;

  constructor(readonly file: string) {
    // The desktop app loads a better-sqlite3 binary rebuilt for Electron's ABI (bin/start.mjs); Node uses the installed one.
    const nativeBinding = process.env.JEPA_LAB_SQLITE_BINDING;
    let db: Database.Database | null = null;
    try {
      db = new Database(file, nativeBinding ? { nativeBinding } : {});
      try {
        db.pragma('busy_timeout = 5000');
        db.pragma('journal_mode = WAL');
      } catch (e) {
        if (!String((e as { code?: unknown }).code).startsWith('SQLITE_IOERR_SHM')) throw e;
        // A full disk has no room for the shared-memory file WAL needs; in exclusive locking mode SQLite keeps
        // that index in memory instead, so the lab can still be read and space freed (no other process has it open).
        db.close();
        db = new Database(file, nativeBinding ? { nativeBinding } : {});
        db.pragma('locking_mode = EXCLUSIVE');
        db.pragma('busy_timeout = 5000');
        db.pragma('journal_mode = WAL');
      }
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      this.db = db;
      this.migrate();
    } catch (e) {
      try {
        db?.close();
      } catch {
        /* the error below says what is wrong */
      }
      throw storeError(file, e);
    }
  }

  /**
   * Apply pending migrations, each in its own immediate transaction (safe when
   * two processes open a new home at once). Returns [from, to]. A current
   * database is only read, so read-only commands work on a full disk and do
   * not wait for another process's write lock.
   */
  migrate(): [number, number] {
    const version = () => this.db.pragma('user_version', { simple: true }) as number;
    const from = version();
    if (from > SCHEMA_VERSION)
      throw new LabError('failure', `${this.file} has schema version ${from}, newer than this JEPA Lab (${SCHEMA_VERSION}); update JEPA Lab`);
    if (from === SCHEMA_VERSION) return [from, from];
    for (;;) {
      const applied = this.db.transaction(() => {
        const v = version(); // re-read under the write lock: another process may have migrated meanwhile
        if (v >= SCHEMA_VERSION) return false;
        this.db.exec(MIGRATIONS[v]);
        this.db.pragma(`user_version = ${v + 1}`);
        return true;
      }).immediate();
      if (!applied) break;
    }
    return [from, SCHEMA_VERSION];
  }

  close(): void {
    this.db.close();
  }

  // ── datasets ────────────────────────────────────────────────────────────
  /**
   * Add a dataset. Names are unique without regard to case (two folders once
   * shared one name's files). `place(id)` may put the dataset's files where
   * its id says and return that path; it runs inside the insert's transaction,
   * so a failure there adds nothing.
   */
  addDataset(d: Omit<DatasetRow, 'id' | 'created_at' | 'split' | 'source' | 'fingerprint'> & Partial<Pick<DatasetRow, 'split' | 'source' | 'fingerprint'>>, place?: (id: number) => string): DatasetRow {
    const id = this.db.transaction(() => {
      const clash = this.datasetNameTaken(d.name);
      if (clash) throw badInput(`a dataset named "${clash}" exists already${clash === d.name ? '' : ' (names are compared without regard to case)'}; choose another name with --name`);
      const info = this.db
        .prepare(
          `INSERT INTO datasets (name, path, kind, count, size, channels, labeled, classes, train_count, held_out_count, report, created_at, split, source, fingerprint)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(d.name, d.path, d.kind, d.count, d.size, d.channels, d.labeled ? 1 : 0, d.classes ? JSON.stringify(d.classes) : null,
          d.train_count, d.held_out_count, d.report ? JSON.stringify(d.report) : null, now(), d.split ?? 'random', d.source ?? null, d.fingerprint ?? null);
      const id = Number(info.lastInsertRowid);
      if (place) this.db.prepare('UPDATE datasets SET path = ? WHERE id = ?').run(place(id), id);
      return id;
    }).immediate();
    return this.getDataset(id)!;
  }

  /** By id, or by name: the exact name first, else the one name equal to it without regard to case. */
  getDataset(idOrName: number | string): DatasetRow | null {
    if (typeof idOrName === 'number') {
      const r = this.db.prepare('SELECT * FROM datasets WHERE id = ?').get(idOrName) as Record<string, unknown> | undefined;
      return r ? parseDataset(r) : null;
    }
    return this.datasetNamed(idOrName, false);
  }

  /** The name of a dataset whose name equals `name` without regard to case, or null. */
  datasetNameTaken(name: string): string | null {
    return this.datasetNamed(name, true)?.name ?? null;
  }

  private datasetNamed(name: string, anyCase: boolean): DatasetRow | null {
    const exact = this.db.prepare('SELECT * FROM datasets WHERE name = ?').get(name) as Record<string, unknown> | undefined;
    if (exact) return parseDataset(exact);
    // Unicode-aware: SQLite's NOCASE folds ASCII letters only
    const folded = name.toLowerCase();
    const same = (this.db.prepare('SELECT id, name FROM datasets').all() as { id: number; name: string }[]).filter((r) => r.name.toLowerCase() === folded);
    // a home from before names were unique without regard to case may hold several; then only the exact name finds one
    if (same.length === 0 || (!anyCase && same.length > 1)) return null;
    return this.getDataset(same[0].id);
  }

  /** Datasets imported from a source path, newest first. */
  datasetsFromSource(source: string): DatasetRow[] {
    return (this.db.prepare('SELECT * FROM datasets WHERE source = ? ORDER BY id DESC').all(source) as Record<string, unknown>[]).map(parseDataset);
  }

  listDatasets(): DatasetRow[] {
    return (this.db.prepare('SELECT * FROM datasets ORDER BY id').all() as Record<string, unknown>[]).map(parseDataset);
  }

  deleteDataset(id: number): void {
    this.db.prepare('DELETE FROM datasets WHERE id = ?').run(id);
  }

  // ── runs ────────────────────────────────────────────────────────────────
  createRun(r: { name: string; tags?: string[]; notes?: string; config: RunRow['config']; preset: string; dataset_id: number; status: RunStatus; seed: number; total_steps: number; parent_id?: number | null; owner_pid?: number; budget_minutes?: number | null; kind?: RunKind }): RunRow {
    const info = this.db
      .prepare(
        `INSERT INTO runs (name, tags, notes, config, preset, dataset_id, status, host, seed, created_at, total_steps, parent_id, owner_pid, budget_minutes, kind)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(r.name, JSON.stringify(r.tags ?? []), r.notes ?? '', JSON.stringify(r.config), r.preset, r.dataset_id, r.status,
        os.hostname(), r.seed, now(), r.total_steps, r.parent_id ?? null, r.owner_pid ?? process.pid, r.budget_minutes ?? null, r.kind ?? 'trained');
    return this.getRun(Number(info.lastInsertRowid))!;
  }

  /** The few columns the run manager polls, without parsing configs. */
  runStates(): RunState[] {
    return this.db.prepare('SELECT id, status, step, host, owner_pid, control, collapse_warning, progress FROM runs ORDER BY id DESC').all() as RunState[];
  }

  getRun(id: number): RunRow | null {
    const r = this.db.prepare('SELECT * FROM runs WHERE id = ?').get(id) as Record<string, unknown> | undefined;
    return r ? parseRun(r) : null;
  }

  listRuns(): RunRow[] {
    return (this.db.prepare('SELECT * FROM runs ORDER BY id DESC').all() as Record<string, unknown>[]).map(parseRun);
  }

  updateRun(id: number, patch: Partial<Omit<RunRow, 'id'>>): void {
    const cols = Object.keys(patch);
    if (cols.length === 0) return;
    const vals = cols.map((c) => {
      const v = (patch as Record<string, unknown>)[c];
      return c === 'tags' || c === 'config' || (c === 'progress' && v !== null) ? JSON.stringify(v) : v;
    });
    this.db.prepare(`UPDATE runs SET ${cols.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`).run(...vals, id);
  }

  deleteRun(id: number): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM embeddings WHERE run_id = ?').run(id);
      this.db.prepare('DELETE FROM runs WHERE id = ?').run(id);
    })();
  }

  // ── metrics ─────────────────────────────────────────────────────────────
  /** Insert a batch in one transaction; a repeated (run, name, step) replaces the old point. */
  appendMetrics(runId: number, points: MetricPoint[]): void {
    if (points.length === 0) return;
    const ins = this.db.prepare('INSERT OR REPLACE INTO metrics (run_id, name, step, time, value) VALUES (?, ?, ?, ?, ?)');
    this.db.transaction(() => {
      let last: number | null = null;
      let best: number | null = null;
      let knn: { value: number; step: number } | null = null;
      for (const p of points) {
        ins.run(runId, p.name, p.step, p.time, p.value);
        if (p.name === METRIC.loss) {
          last = p.value;
          best = best === null ? p.value : Math.min(best, p.value);
        } else if (p.name === METRIC.knnAcc && (knn === null || p.step >= knn.step)) knn = { value: p.value, step: p.step };
      }
      if (last !== null)
        this.db.prepare('UPDATE runs SET last_loss = ?, best_loss = min(coalesce(best_loss, ?), ?) WHERE id = ?').run(last, best, best, runId);
      if (knn !== null) this.db.prepare('UPDATE runs SET knn_acc = ?, knn_step = ? WHERE id = ?').run(knn.value, knn.step, runId);
    })();
  }

  /** All points of a run (optionally some names, optionally after a step), grouped by name, in step order. */
  metrics(runId: number, opts: { names?: string[]; afterStep?: number } = {}): MetricSeries {
    const where = ['run_id = ?'];
    const args: unknown[] = [runId];
    if (opts.names?.length) {
      where.push(`name IN (${opts.names.map(() => '?').join(',')})`);
      args.push(...opts.names);
    }
    if (opts.afterStep !== undefined) {
      where.push('step > ?');
      args.push(opts.afterStep);
    }
    const out: MetricSeries = {};
    const rows = this.db.prepare(`SELECT name, step, time, value FROM metrics WHERE ${where.join(' AND ')} ORDER BY name, step`).raw().iterate(...args);
    for (const [name, step, time, value] of rows as Iterable<[string, number, number, number]>) {
      const s = (out[name] ??= { step: [], time: [], value: [] });
      s.step.push(step);
      s.time.push(time);
      s.value.push(value);
    }
    return out;
  }

  /**
   * One metric's last value in each of the newest `n` runs by minutes that have it, newest
   * run first (the pace drift the next fit keeps in reserve). Each run's value is looked up
   * by the metrics' key (run, name), so a lab with millions of points is not scanned.
   */
  recentBudgetValues(name: string, n: number): number[] {
    return this.db
      .prepare(
        `SELECT v FROM (SELECT id, (SELECT value FROM metrics WHERE run_id = runs.id AND name = ? ORDER BY step DESC LIMIT 1) AS v
           FROM runs WHERE budget_minutes IS NOT NULL) WHERE v IS NOT NULL ORDER BY id DESC LIMIT ?`,
      )
      .pluck()
      .all(name, n) as number[];
  }

  /** Drop points after a step (a resumed run recomputes them from its checkpoint). */
  deleteMetricsAfter(runId: number, step: number): number {
    return this.db.prepare('DELETE FROM metrics WHERE run_id = ? AND step > ?').run(runId, step).changes;
  }

  // ── checkpoints ─────────────────────────────────────────────────────────
  addCheckpoint(c: Omit<CheckpointRow, 'created_at'>): void {
    this.db.prepare('INSERT OR REPLACE INTO checkpoints (run_id, step, path, bytes, created_at) VALUES (?, ?, ?, ?, ?)').run(c.run_id, c.step, c.path, c.bytes, now());
  }

  /** Forget checkpoints after a step (a resumed run writes them again). */
  deleteCheckpointsAfter(runId: number, step: number): number {
    return this.db.prepare('DELETE FROM checkpoints WHERE run_id = ? AND step > ?').run(runId, step).changes;
  }

  checkpoints(runId: number): CheckpointRow[] {
    return this.db.prepare('SELECT * FROM checkpoints WHERE run_id = ? ORDER BY step').all(runId) as CheckpointRow[];
  }

  // ── events ──────────────────────────────────────────────────────────────
  addEvent(runId: number, level: EventRow['level'], message: string): void {
    this.db.prepare('INSERT INTO events (run_id, time, level, message) VALUES (?, ?, ?, ?)').run(runId, now(), level, message);
  }

  events(runId: number, afterId = 0): EventRow[] {
    return this.db.prepare('SELECT * FROM events WHERE run_id = ? AND id > ? ORDER BY id').all(runId, afterId) as EventRow[];
  }

  /** The last `n` events of a run, oldest first. */
  lastEvents(runId: number, n: number): EventRow[] {
    return (this.db.prepare('SELECT * FROM events WHERE run_id = ? ORDER BY id DESC LIMIT ?').all(runId, n) as EventRow[]).reverse();
  }

  /** Per metric of a run: min, max, number of points, last step and the value there (two queries, whatever the number of metrics). */
  metricStats(runId: number): Record<string, MetricStats> {
    const out: Record<string, MetricStats> = {};
    const agg = this.db.prepare('SELECT name, min(value) AS min, max(value) AS max, count(*) AS points, max(step) AS last_step FROM metrics WHERE run_id = ? GROUP BY name');
    for (const { name, ...r } of agg.all(runId) as ({ name: string } & Omit<MetricStats, 'last'>)[]) out[name] = { ...r, last: NaN };
    const last = this.db.prepare('SELECT name, value FROM metrics WHERE run_id = ? AND (name, step) IN (SELECT name, max(step) FROM metrics WHERE run_id = ? GROUP BY name)');
    for (const r of last.all(runId, runId) as { name: string; value: number }[]) out[r.name].last = r.value;
    return out;
  }

  // ── embeddings ──────────────────────────────────────────────────────────
  putEmbeddings(key: { run_id: number; checkpoint_step: number; dataset_id: number }, indices: number[], dim: number, data: Float32Array): void {
    const ins = this.db.prepare('INSERT OR REPLACE INTO embeddings (run_id, checkpoint_step, dataset_id, image_index, dim, vector) VALUES (?, ?, ?, ?, ?, ?)');
    this.db.transaction(() => {
      indices.forEach((idx, i) => {
        const v = data.subarray(i * dim, (i + 1) * dim);
        ins.run(key.run_id, key.checkpoint_step, key.dataset_id, idx, dim, Buffer.from(v.buffer, v.byteOffset, v.byteLength));
      });
    })();
  }

  /** Image indices (of those asked) that have no stored embedding yet. */
  missingEmbeddings(key: { run_id: number; checkpoint_step: number; dataset_id: number }, indices: ArrayLike<number>): number[] {
    const have = new Set(
      (this.db.prepare('SELECT image_index FROM embeddings WHERE run_id = ? AND checkpoint_step = ? AND dataset_id = ?').raw().all(key.run_id, key.checkpoint_step, key.dataset_id) as [number][]).map((r) => r[0]),
    );
    return Array.from(indices).filter((i) => !have.has(i));
  }

  /** Stored embeddings for the given indices, as one contiguous [n, dim] array. */
  getEmbeddings(key: { run_id: number; checkpoint_step: number; dataset_id: number }, indices: ArrayLike<number>): { dim: number; data: Float32Array } {
    const rows = this.db
      .prepare('SELECT image_index, dim, vector FROM embeddings WHERE run_id = ? AND checkpoint_step = ? AND dataset_id = ? AND image_index IN (SELECT value FROM json_each(?))')
      .raw()
      .all(key.run_id, key.checkpoint_step, key.dataset_id, JSON.stringify(Array.from(indices))) as [number, number, Buffer][];
    const byIndex = new Map(rows.map((r) => [r[0], r[2]]));
    const dim = rows.length ? rows[0][1] : 0;
    const out = new Float32Array(indices.length * dim);
    for (let i = 0; i < indices.length; i++) {
      const b = byIndex.get(indices[i]);
      if (!b) throw new Error(`embedding of image ${indices[i]} is missing; compute it with \`jepa-lab embed\``);
      out.set(new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength)), i * dim);
    }
    return { dim, data: out };
  }
}
