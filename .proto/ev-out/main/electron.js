import { protocol, app, session, BrowserWindow, ipcMain, Menu, dialog, shell, utilityProcess } from "electron";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fs from "node:fs";
import { EventEmitter } from "node:events";
import Database from "better-sqlite3";
import os from "node:os";
import { fork } from "node:child_process";
import { L as LabError, b as badInput, l as loadImageSet, t as trainIndices, h as heldOutIndices, r as resizeBatch, f as featureStd, a as rankMe, o as overlapAtK, p as pca2d, c as linearProbe, k as knnAccuracy, E as ExactIndex, s as saveImageSet, d as loadDigits, i as importFolder, e as importIdx, n as notFound, g as thumbnailPng, j as sampleMasks, m as checkMaskSettings } from "./chunks/masks-BlLJOgrO.js";
import { D as DEFAULT_PRESET, r as resolveConfig, C as ConfigError, v as validateConfig, g as gridSize, R as Rng, S as Stream, f as flattenConfig, P as PRESETS, d as describeBackend, a as activeBackend } from "./chunks/backend-CYlX8h2Q.js";
import sharp from "sharp";
import "node:http";
import "node:crypto";
import "node:net";
import "node:zlib";
import "node:util";
import "node:module";
import "@tensorflow/tfjs";
const RESUMABLE_STATUSES = ["failed", "stopped", "interrupted"];
const MIGRATIONS = [
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
     PRIMARY KEY (run_id, checkpoint_step, dataset_id, image_index)) WITHOUT ROWID;`
];
const SCHEMA_VERSION = MIGRATIONS.length;
const now = () => Date.now();
function parseRun(r) {
  return { ...r, tags: JSON.parse(r.tags), config: JSON.parse(r.config) };
}
function parseDataset(r) {
  return {
    ...r,
    labeled: !!r.labeled,
    classes: r.classes ? JSON.parse(r.classes) : null,
    report: r.report ? JSON.parse(r.report) : null
  };
}
class Store {
  constructor(file) {
    this.file = file;
    const nativeBinding = process.env.JEPA_LAB_SQLITE_BINDING;
    this.db = new Database(file, nativeBinding ? { nativeBinding } : {});
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = NORMAL");
    this.db.pragma("foreign_keys = ON");
    this.db.pragma("busy_timeout = 5000");
    this.migrate();
  }
  db;
  /** Apply pending migrations, each in its own immediate transaction (safe when two processes open a new home at once). Returns [from, to]. */
  migrate() {
    const version2 = () => this.db.pragma("user_version", { simple: true });
    const from = version2();
    if (from > SCHEMA_VERSION)
      throw new Error(`${this.file} has schema version ${from}, newer than this JEPA Lab (${SCHEMA_VERSION}); update JEPA Lab`);
    for (; ; ) {
      const applied = this.db.transaction(() => {
        const v2 = version2();
        if (v2 >= SCHEMA_VERSION) return false;
        this.db.exec(MIGRATIONS[v2]);
        this.db.pragma(`user_version = ${v2 + 1}`);
        return true;
      }).immediate();
      if (!applied) break;
    }
    return [from, SCHEMA_VERSION];
  }
  close() {
    this.db.close();
  }
  // ── datasets ────────────────────────────────────────────────────────────
  addDataset(d) {
    const info2 = this.db.prepare(
      `INSERT INTO datasets (name, path, kind, count, size, channels, labeled, classes, train_count, held_out_count, report, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
    ).run(
      d.name,
      d.path,
      d.kind,
      d.count,
      d.size,
      d.channels,
      d.labeled ? 1 : 0,
      d.classes ? JSON.stringify(d.classes) : null,
      d.train_count,
      d.held_out_count,
      d.report ? JSON.stringify(d.report) : null,
      now()
    );
    return this.getDataset(Number(info2.lastInsertRowid));
  }
  getDataset(idOrName) {
    const r = typeof idOrName === "number" ? this.db.prepare("SELECT * FROM datasets WHERE id = ?").get(idOrName) : this.db.prepare("SELECT * FROM datasets WHERE name = ?").get(idOrName);
    return r ? parseDataset(r) : null;
  }
  listDatasets() {
    return this.db.prepare("SELECT * FROM datasets ORDER BY id").all().map(parseDataset);
  }
  deleteDataset(id2) {
    this.db.prepare("DELETE FROM datasets WHERE id = ?").run(id2);
  }
  // ── runs ────────────────────────────────────────────────────────────────
  createRun(r) {
    const info2 = this.db.prepare(
      `INSERT INTO runs (name, tags, notes, config, preset, dataset_id, status, host, seed, created_at, total_steps, parent_id, owner_pid)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
    ).run(
      r.name,
      JSON.stringify(r.tags ?? []),
      r.notes ?? "",
      JSON.stringify(r.config),
      r.preset,
      r.dataset_id,
      r.status,
      os.hostname(),
      r.seed,
      now(),
      r.total_steps,
      r.parent_id ?? null,
      r.owner_pid ?? process.pid
    );
    return this.getRun(Number(info2.lastInsertRowid));
  }
  getRun(id2) {
    const r = this.db.prepare("SELECT * FROM runs WHERE id = ?").get(id2);
    return r ? parseRun(r) : null;
  }
  listRuns() {
    return this.db.prepare("SELECT * FROM runs ORDER BY id DESC").all().map(parseRun);
  }
  updateRun(id2, patch) {
    const cols = Object.keys(patch);
    if (cols.length === 0) return;
    const vals = cols.map((c) => {
      const v2 = patch[c];
      return c === "tags" || c === "config" ? JSON.stringify(v2) : v2;
    });
    this.db.prepare(`UPDATE runs SET ${cols.map((c) => `${c} = ?`).join(", ")} WHERE id = ?`).run(...vals, id2);
  }
  deleteRun(id2) {
    this.db.transaction(() => {
      this.db.prepare("DELETE FROM embeddings WHERE run_id = ?").run(id2);
      this.db.prepare("DELETE FROM runs WHERE id = ?").run(id2);
    })();
  }
  // ── metrics ─────────────────────────────────────────────────────────────
  /** Insert a batch in one transaction; a repeated (run, name, step) replaces the old point. */
  appendMetrics(runId, points) {
    if (points.length === 0) return;
    const ins = this.db.prepare("INSERT OR REPLACE INTO metrics (run_id, name, step, time, value) VALUES (?, ?, ?, ?, ?)");
    this.db.transaction(() => {
      let last = null;
      let best = null;
      let knn = null;
      for (const p of points) {
        ins.run(runId, p.name, p.step, p.time, p.value);
        if (p.name === "loss") {
          last = p.value;
          best = best === null ? p.value : Math.min(best, p.value);
        } else if (p.name === "knn_acc") knn = p.value;
      }
      if (last !== null)
        this.db.prepare("UPDATE runs SET last_loss = ?, best_loss = min(coalesce(best_loss, ?), ?) WHERE id = ?").run(last, best, best, runId);
      if (knn !== null) this.db.prepare("UPDATE runs SET knn_acc = ? WHERE id = ?").run(knn, runId);
    })();
  }
  /** All points of a run (optionally some names, optionally after a step), grouped by name, in step order. */
  metrics(runId, opts = {}) {
    const where = ["run_id = ?"];
    const args = [runId];
    if (opts.names?.length) {
      where.push(`name IN (${opts.names.map(() => "?").join(",")})`);
      args.push(...opts.names);
    }
    if (opts.afterStep !== void 0) {
      where.push("step > ?");
      args.push(opts.afterStep);
    }
    const out = {};
    const rows = this.db.prepare(`SELECT name, step, time, value FROM metrics WHERE ${where.join(" AND ")} ORDER BY name, step`).raw().iterate(...args);
    for (const [name, step, time, value] of rows) {
      const s = out[name] ??= { step: [], time: [], value: [] };
      s.step.push(step);
      s.time.push(time);
      s.value.push(value);
    }
    return out;
  }
  metricNames(runId) {
    return this.db.prepare("SELECT DISTINCT name FROM metrics WHERE run_id = ? ORDER BY name").all(runId).map((r) => r.name);
  }
  /** Drop points after a step (a resumed run recomputes them from its checkpoint). */
  deleteMetricsAfter(runId, step) {
    return this.db.prepare("DELETE FROM metrics WHERE run_id = ? AND step > ?").run(runId, step).changes;
  }
  // ── checkpoints ─────────────────────────────────────────────────────────
  addCheckpoint(c) {
    this.db.prepare("INSERT OR REPLACE INTO checkpoints (run_id, step, path, bytes, created_at) VALUES (?, ?, ?, ?, ?)").run(c.run_id, c.step, c.path, c.bytes, now());
  }
  checkpoints(runId) {
    return this.db.prepare("SELECT * FROM checkpoints WHERE run_id = ? ORDER BY step").all(runId);
  }
  // ── events ──────────────────────────────────────────────────────────────
  addEvent(runId, level, message) {
    this.db.prepare("INSERT INTO events (run_id, time, level, message) VALUES (?, ?, ?, ?)").run(runId, now(), level, message);
  }
  events(runId, afterId = 0) {
    return this.db.prepare("SELECT * FROM events WHERE run_id = ? AND id > ? ORDER BY id").all(runId, afterId);
  }
  // ── embeddings ──────────────────────────────────────────────────────────
  putEmbeddings(key, indices, dim, data) {
    const ins = this.db.prepare("INSERT OR REPLACE INTO embeddings (run_id, checkpoint_step, dataset_id, image_index, dim, vector) VALUES (?, ?, ?, ?, ?, ?)");
    this.db.transaction(() => {
      indices.forEach((idx, i) => {
        const v2 = data.subarray(i * dim, (i + 1) * dim);
        ins.run(key.run_id, key.checkpoint_step, key.dataset_id, idx, dim, Buffer.from(v2.buffer, v2.byteOffset, v2.byteLength));
      });
    })();
  }
  /** Image indices (of those asked) that have no stored embedding yet. */
  missingEmbeddings(key, indices) {
    const have = new Set(
      this.db.prepare("SELECT image_index FROM embeddings WHERE run_id = ? AND checkpoint_step = ? AND dataset_id = ?").raw().all(key.run_id, key.checkpoint_step, key.dataset_id).map((r) => r[0])
    );
    return Array.from(indices).filter((i) => !have.has(i));
  }
  /** Stored embeddings for the given indices, as one contiguous [n, dim] array. */
  getEmbeddings(key, indices) {
    const rows = this.db.prepare("SELECT image_index, dim, vector FROM embeddings WHERE run_id = ? AND checkpoint_step = ? AND dataset_id = ?").raw().all(key.run_id, key.checkpoint_step, key.dataset_id);
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
const here$2 = path.dirname(fileURLToPath(import.meta.url));
const WORKER_ENTRY = path.resolve(here$2, "..", "worker", "main.ts");
function forkWorker() {
  const child = fork(WORKER_ENTRY, [], {
    execArgv: ["--import", "tsx", "--max-old-space-size=8192"],
    serialization: "advanced",
    env: { ...process.env, JEPA_LAB_WORKER: "1" },
    stdio: ["ignore", "inherit", "pipe", "ipc"]
  });
  let stderr = "";
  child.stderr?.on("data", (d) => {
    stderr = (stderr + d.toString()).slice(-4e3);
  });
  return {
    get pid() {
      return child.pid;
    },
    send: (m) => {
      if (child.connected) child.send(m);
    },
    onMessage: (fn) => child.on("message", (m) => fn(m)),
    onExit: (fn) => child.on("exit", (code, signal) => {
      if (code && stderr) process.env.JEPA_LAB_DEBUG && console.error(stderr);
      fn(code, signal);
    }),
    kill: (sig = "SIGTERM") => child.kill(sig)
  };
}
let launcher = forkWorker;
function setWorkerLauncher(l) {
  launcher = l;
}
function launchWorker() {
  return launcher();
}
function pidAlive(pid) {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === "EPERM";
  }
}
class RunManager extends EventEmitter {
  constructor(store, home) {
    super();
    this.store = store;
    this.home = home;
    this.recoverInterrupted();
    this.timer = setInterval(() => this.poll(), 500);
    this.timer.unref();
  }
  active = /* @__PURE__ */ new Map();
  backends = /* @__PURE__ */ new Map();
  timer;
  closed = false;
  /** trainings allowed at once on this host */
  concurrency = 1;
  checkpointRoot(runId) {
    return path.join(this.home, "runs", String(runId), "checkpoints");
  }
  /** Runs left running by a lab process that no longer exists become `interrupted` (resumable). */
  recoverInterrupted() {
    let n = 0;
    for (const r of this.store.listRuns()) {
      if ((r.status === "running" || r.status === "paused" || r.status === "queued") && r.host === os.hostname() && !pidAlive(r.owner_pid)) {
        if (r.worker_pid && pidAlive(r.worker_pid)) {
          try {
            process.kill(r.worker_pid, "SIGKILL");
          } catch {
          }
        }
        this.store.updateRun(r.id, { status: "interrupted", ended_at: Date.now(), worker_pid: null, control: null });
        this.store.addEvent(r.id, "warning", `the lab process (pid ${r.owner_pid}) ended while this run was ${r.status}; marked interrupted — resume it to continue from its last checkpoint`);
        n++;
      }
    }
    return n;
  }
  /** Trainings in progress on this host, by any lab process. */
  busyCount() {
    return this.store.listRuns().filter((r) => (r.status === "running" || r.status === "paused") && r.host === os.hostname() && pidAlive(r.owner_pid)).length;
  }
  /** Start a run now, or queue it if the device is busy. */
  start(runId, backend2 = "auto") {
    this.backends.set(runId, backend2);
    this.store.updateRun(runId, { status: "queued", owner_pid: process.pid, control: null, error: null });
    this.emitRun(runId);
    this.pump();
  }
  /** Start queued runs that this process owns while the device has room. */
  pump() {
    const queued = this.store.listRuns().filter((r) => r.status === "queued" && r.owner_pid === process.pid).reverse();
    for (const r of queued) {
      if (this.busyCount() >= this.concurrency) return;
      this.spawn(r);
    }
  }
  spawn(run) {
    const ckpts = this.store.checkpoints(run.id);
    const resume = ckpts.length ? ckpts[ckpts.length - 1] : null;
    if (resume && !fs.existsSync(resume.path)) throw new LabError("failure", `checkpoint ${resume.path} of run ${run.id} is missing on disk`);
    this.store.deleteMetricsAfter(run.id, resume?.step ?? 0);
    if (!resume) this.store.deleteMetricsAfter(run.id, -1);
    const dataset = this.store.getDataset(run.dataset_id);
    if (!dataset) throw badInput(`dataset ${run.dataset_id} of run ${run.id} no longer exists`);
    const handle = launchWorker();
    const a = { handle, done: false, lastError: null };
    this.active.set(run.id, a);
    this.store.updateRun(run.id, {
      status: "running",
      started_at: run.started_at ?? Date.now(),
      ended_at: null,
      worker_pid: handle.pid ?? null,
      owner_pid: process.pid,
      step: resume?.step ?? 0
    });
    this.emitRun(run.id);
    handle.onMessage((m) => this.onMessage(run.id, a, m));
    handle.onExit((code, signal) => this.onExit(run.id, a, code, signal));
    handle.send({
      type: "start",
      job: {
        kind: "train",
        runId: run.id,
        config: run.config,
        datasetDir: dataset.path,
        checkpointRoot: this.checkpointRoot(run.id),
        resumeFrom: resume?.path,
        backend: this.backends.get(run.id) ?? "auto"
      }
    });
  }
  onMessage(runId, a, m) {
    if (this.closed) return;
    switch (m.type) {
      case "ready":
        this.store.updateRun(runId, { backend: `${m.backend.name} (${m.backend.package} ${m.backend.version}, ${m.backend.threads} thread${m.backend.threads === 1 ? "" : "s"})` });
        this.emitRun(runId);
        break;
      case "progress":
        this.store.updateRun(runId, { step: m.progress.step, total_steps: m.progress.totalSteps });
        this.emit("progress", runId, m.progress);
        break;
      case "metrics":
        this.store.appendMetrics(runId, m.points);
        this.emit("metrics", runId);
        break;
      case "checkpoint":
        this.store.addCheckpoint({ run_id: runId, step: m.step, path: m.path, bytes: m.bytes });
        break;
      case "event":
        this.store.addEvent(runId, m.level, m.message);
        if (m.level === "warning" && m.message.startsWith("collapse")) this.store.updateRun(runId, { collapse_warning: m.message });
        this.emit("event", runId, m.level, m.message);
        break;
      case "paused":
        this.store.updateRun(runId, { status: "paused", step: m.step });
        this.emitRun(runId);
        break;
      case "resumed":
        this.store.updateRun(runId, { status: "running" });
        this.emitRun(runId);
        break;
      case "error":
        a.lastError = m.message;
        this.store.addEvent(runId, "error", m.message);
        break;
      case "done":
        a.done = true;
        this.store.updateRun(runId, { status: m.status, step: m.step, ended_at: Date.now(), worker_pid: null, control: null });
        this.store.addEvent(runId, "info", `${m.status} at step ${m.step}${m.finalLoss !== null ? `, loss ${m.finalLoss.toPrecision(4)}` : ""}`);
        this.emitRun(runId);
        break;
    }
  }
  onExit(runId, a, code, signal) {
    clearTimeout(a.stopTimer);
    this.active.delete(runId);
    if (this.closed) return;
    if (!a.done) {
      const why = a.lastError ?? (signal ? `worker killed by ${signal}` : `worker exited with code ${code}`);
      this.store.updateRun(runId, { status: "failed", error: why, ended_at: Date.now(), worker_pid: null, control: null });
      this.store.addEvent(runId, "error", `run failed: ${why}; resume it to continue from its last checkpoint`);
      this.emitRun(runId);
    }
    this.pump();
  }
  /** Ask a run to stop (it checkpoints first). Works across lab processes through the store. */
  stop(runId) {
    const run = this.mustGet(runId);
    if (run.status === "queued") {
      this.store.updateRun(runId, { status: "stopped", ended_at: Date.now() });
      this.emitRun(runId);
      return;
    }
    if (run.status !== "running" && run.status !== "paused") throw badInput(`run ${runId} is ${run.status}, not running; nothing to stop`);
    const a = this.active.get(runId);
    if (!a) {
      this.store.updateRun(runId, { control: "stop" });
      return;
    }
    a.handle.send({ type: "stop" });
    a.stopTimer = setTimeout(() => a.handle.kill("SIGKILL"), 6e4);
  }
  pause(runId) {
    const run = this.mustGet(runId);
    if (run.status !== "running") throw badInput(`run ${runId} is ${run.status}; only a running run can be paused`);
    const a = this.active.get(runId);
    if (a) a.handle.send({ type: "pause" });
    else this.store.updateRun(runId, { control: "pause" });
  }
  unpause(runId) {
    const run = this.mustGet(runId);
    if (run.status !== "paused") throw badInput(`run ${runId} is ${run.status}; only a paused run can be continued`);
    const a = this.active.get(runId);
    if (a) a.handle.send({ type: "resume" });
    else this.store.updateRun(runId, { control: "resume" });
  }
  isOwned(runId) {
    return this.active.has(runId);
  }
  /** Kill a run's worker at once (used by delete). */
  kill(runId) {
    this.active.get(runId)?.handle.kill("SIGKILL");
  }
  /** (status, step) of runs other lab processes own, to notice their changes. */
  seen = /* @__PURE__ */ new Map();
  poll() {
    for (const r of this.store.listRuns()) {
      if (this.active.has(r.id)) continue;
      const sig = `${r.status}:${r.step}:${r.collapse_warning ?? ""}`;
      const before = this.seen.get(r.id);
      this.seen.set(r.id, sig);
      if (before === void 0 || before === sig) continue;
      this.emit("run", r);
      if (before.split(":")[1] !== String(r.step)) this.emit("metrics", r.id);
    }
    for (const [runId, a] of this.active) {
      const r = this.store.getRun(runId);
      if (!r?.control) continue;
      this.store.updateRun(runId, { control: null });
      if (r.control === "stop") a.handle.send({ type: "stop" });
      else if (r.control === "pause") a.handle.send({ type: "pause" });
      else if (r.control === "resume") a.handle.send({ type: "resume" });
    }
    this.pump();
  }
  mustGet(runId) {
    const r = this.store.getRun(runId);
    if (!r) throw new LabError("not-found", `no run ${runId}; list runs with \`jepa-lab runs\``);
    return r;
  }
  emitRun(runId) {
    const r = this.store.getRun(runId);
    if (r) this.emit("run", r);
  }
  /** Resolves when the run reaches a final state (completed, stopped, failed). */
  wait(runId) {
    return new Promise((resolve) => {
      const check = () => {
        const r = this.store.getRun(runId);
        if (!r || ["completed", "stopped", "failed", "interrupted"].includes(r.status)) {
          clearInterval(t);
          this.off("run", onRun);
          resolve(r);
        }
      };
      const onRun = (r) => r.id === runId && check();
      const t = setInterval(check, 500);
      this.on("run", onRun);
      check();
    });
  }
  /** Stop watching; workers still running are killed (their runs become interrupted at the next start). */
  close() {
    this.closed = true;
    clearInterval(this.timer);
    for (const a of this.active.values()) a.handle.kill("SIGKILL");
  }
  activeCount() {
    return this.active.size;
  }
}
function defaultHome() {
  const home = os.homedir();
  if (process.platform === "darwin") return path.join(home, "Library", "Application Support", "JEPA Lab");
  if (process.platform === "win32") return path.join(process.env.APPDATA ?? path.join(home, "AppData", "Roaming"), "JEPA Lab");
  return path.join(process.env.XDG_DATA_HOME ?? path.join(home, ".local", "share"), "jepa-lab");
}
function resolveHome(flag) {
  return path.resolve(flag ?? process.env.JEPA_LAB_HOME ?? defaultHome());
}
function ensureHome(dir) {
  try {
    fs.mkdirSync(dir, { recursive: true });
    const probe2 = path.join(dir, `.write-test-${process.pid}`);
    fs.writeFileSync(probe2, "ok");
    fs.rmSync(probe2);
  } catch (e) {
    const code = e.code ?? String(e);
    const why = code === "ENOSPC" ? "the disk is full" : code === "EACCES" || code === "EPERM" || code === "EROFS" ? "it is not writable" : code;
    throw new LabError("bad-input", `lab home ${dir} cannot be used: ${why}. Choose another folder with --home DIR or JEPA_LAB_HOME, or free space / fix its permissions.`);
  }
}
function runWorkerJob(job, onMessage) {
  return new Promise((resolve, reject) => {
    const w = launchWorker();
    let done = false;
    let error = null;
    w.onMessage((m) => {
      if (m.type === "error") error = m.message;
      else if (m.type === "done") done = true;
      else onMessage(m);
    });
    w.onExit((code, signal) => {
      if (done && !error) resolve();
      else reject(new LabError("failure", `${job.kind} job failed: ${error ?? (signal ? `worker killed by ${signal}` : `worker exited with code ${code}`)}`));
    });
    w.send({ type: "start", job });
  });
}
const RANDOM_INIT = -1;
function resolveCheckpoint(lab, run, step) {
  if (step === RANDOM_INIT) return null;
  const cks = lab.store.checkpoints(run.id);
  if (!cks.length) throw badInput(`run ${run.id} has no checkpoint yet; train it longer or wait for its first checkpoint (logging.checkpoint_every = ${run.config.logging.checkpoint_every})`);
  if (step === void 0) return cks[cks.length - 1];
  const ck = cks.find((c) => c.step === step);
  if (!ck) throw badInput(`run ${run.id} has no checkpoint at step ${step}; it has: ${cks.map((c) => c.step).join(", ")}`);
  return ck;
}
async function datasetFor(lab, run, name) {
  return name ? lab.resolveDataset(name) : lab.dataset(run.dataset_id);
}
const allIndices = (n) => Array.from({ length: n }, (_, i) => i);
async function embed(lab, runId, opts = {}) {
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
      { kind: "features", config: run.config, datasetDir: ds.path, checkpoint: ck?.path, indices: missing, backend: opts.backend ?? "auto" },
      (m) => {
        if (m.type !== "features") return;
        lab.store.putEmbeddings(key, m.indices, m.dim, m.data);
        dim = m.dim;
        opts.onProgress?.(m.done, m.total, m.done * 1e3 / Math.max(1, Date.now() - tStart));
      }
    );
  }
  if (!dim) dim = lab.store.getEmbeddings(key, [0]).dim;
  return { run_id: run.id, checkpoint_step: key.checkpoint_step, dataset: ds.name, count: ds.count, dim, computed: missing.length, reused: ds.count - missing.length, seconds: (Date.now() - t0) / 1e3 };
}
function featuresOf(lab, key, idx) {
  return lab.store.getEmbeddings(key, idx);
}
function probe(train, trainL, test, testL, d, classes, k) {
  return {
    knn_acc: knnAccuracy(train, trainL, test, testL, d, classes, k, 0.07),
    linear_acc: linearProbe(train, trainL, test, testL, d, classes, { seed: 0 }).accuracy
  };
}
async function evaluate(lab, runId, opts = {}) {
  const t0 = Date.now();
  const run = lab.run(runId);
  const ds = await datasetFor(lab, run, opts.dataset);
  const set = loadImageSet(ds.path);
  if (!set.labels) throw badInput(`dataset "${ds.name}" has no labels; evaluation needs labels (import a folder with one sub-folder per class, or IDX labels)`);
  const trainIdx = trainIndices(set);
  const testIdx = heldOutIndices(set);
  if (!testIdx.length) throw badInput(`dataset "${ds.name}" has no held-out split to evaluate on`);
  const k = opts.k ?? 20;
  const classes = set.classes?.length ?? Math.max(...set.labels) + 1;
  const trainL = Array.from(trainIdx, (i) => set.labels[i]);
  const testL = Array.from(testIdx, (i) => set.labels[i]);
  const ck = resolveCheckpoint(lab, run, opts.checkpoint);
  const step = ck ? ck.step : RANDOM_INIT;
  const trained = await embed(lab, run.id, { ...opts, checkpoint: step, dataset: ds.name });
  const random = await embed(lab, run.id, { ...opts, checkpoint: RANDOM_INIT, dataset: ds.name });
  const key = (s) => ({ run_id: run.id, checkpoint_step: s, dataset_id: ds.id });
  const f = { train: featuresOf(lab, key(step), trainIdx), test: featuresOf(lab, key(step), testIdx) };
  const r = { train: featuresOf(lab, key(RANDOM_INIT), trainIdx), test: featuresOf(lab, key(RANDOM_INIT), testIdx) };
  const S = run.config.data.crop_size;
  const C = run.config.data.channels;
  const px = { train: resizeBatch(set, trainIdx, S, C), test: resizeBatch(set, testIdx, S, C) };
  const pd = S * S * C;
  const main2 = probe(f.train.data, trainL, f.test.data, testL, trained.dim, classes, k);
  const pix = probe(px.train, trainL, px.test, testL, pd, classes, k);
  const rnd = probe(r.train.data, trainL, r.test.data, testL, random.dim, classes, k);
  const res = {
    run_id: run.id,
    checkpoint_step: step,
    dataset: ds.name,
    k,
    train_count: trainIdx.length,
    held_out_count: testIdx.length,
    knn_acc: main2.knn_acc,
    linear_acc: main2.linear_acc,
    rankme: rankMe(f.test.data, testIdx.length, trained.dim),
    feature_std: featureStd(f.test.data, testIdx.length, trained.dim),
    dim: trained.dim,
    baselines: {
      pixels: { ...pix, dim: pd },
      random_init: { ...rnd, rankme: rankMe(r.test.data, testIdx.length, random.dim), feature_std: featureStd(r.test.data, testIdx.length, random.dim) }
    },
    seconds: (Date.now() - t0) / 1e3
  };
  const now2 = Date.now();
  lab.store.appendMetrics(run.id, [
    { step, time: now2, name: "eval_knn_acc", value: res.knn_acc },
    { step, time: now2, name: "eval_linear_acc", value: res.linear_acc },
    { step, time: now2, name: "eval_rankme", value: res.rankme }
  ]);
  lab.store.addEvent(run.id, "info", `eval at step ${step} on ${ds.name}: kNN ${(res.knn_acc * 100).toFixed(1)}% (pixels ${(pix.knn_acc * 100).toFixed(1)}%, random init ${(rnd.knn_acc * 100).toFixed(1)}%), linear ${(res.linear_acc * 100).toFixed(1)}%, RankMe ${res.rankme.toFixed(1)}`);
  return res;
}
const indexCache = /* @__PURE__ */ new Map();
async function indexFor(lab, run, ds, step, backend2) {
  const id2 = `${lab.home}:${run.id}:${step}:${ds.id}`;
  const hit = indexCache.get(id2);
  if (hit) return hit;
  await embed(lab, run.id, { checkpoint: step, dataset: ds.name, backend: backend2 });
  const { data, dim } = lab.store.getEmbeddings({ run_id: run.id, checkpoint_step: step, dataset_id: ds.id }, allIndices(ds.count));
  const set = loadImageSet(ds.path);
  const entry = { index: new ExactIndex(data, ds.count, dim), labels: set.labels, classes: set.classes };
  indexCache.set(id2, entry);
  if (indexCache.size > 4) indexCache.delete(indexCache.keys().next().value);
  return entry;
}
async function embedFile(lab, run, ds, file, step, backend2) {
  const set = loadImageSet(ds.path);
  let raw;
  try {
    const img = sharp(file).resize(set.size, set.size, { fit: "cover" }).removeAlpha();
    raw = await (set.channels === 1 ? img.grayscale().raw() : img.toColourspace("srgb").raw()).toBuffer();
  } catch (e) {
    throw badInput(`the query image cannot be decoded (${e.message}); use a PNG, JPEG, WebP, GIF or TIFF file`);
  }
  const one = { ...set, name: "query", count: 1, pixels: new Uint8Array(raw.subarray(0, set.size * set.size * set.channels)), labels: null, classes: null, heldOut: new Uint8Array(1) };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "jepa-query-"));
  try {
    saveImageSet(dir, one);
    let v2 = null;
    const ck = resolveCheckpoint(lab, run, step);
    await runWorkerJob({ kind: "features", config: run.config, datasetDir: dir, checkpoint: ck?.path, indices: [0], backend: backend2 ?? "auto" }, (m) => {
      if (m.type === "features") v2 = m.data;
    });
    return v2;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
async function neighbors(lab, runId, q) {
  const run = lab.run(runId);
  const ds = await datasetFor(lab, run, q.dataset);
  const ck = resolveCheckpoint(lab, run, q.checkpoint);
  const step = ck ? ck.step : RANDOM_INIT;
  if (q.image === void 0 === (q.file === void 0)) throw badInput("give exactly one query: --image INDEX or --file PATH");
  const k = q.k ?? 10;
  if (!Number.isInteger(k) || k < 1) throw badInput(`k must be a positive integer, got ${k}`);
  const { index, labels, classes } = await indexFor(lab, run, ds, step, q.backend);
  let query;
  let exclude;
  if (q.image !== void 0) {
    if (!Number.isInteger(q.image) || q.image < 0 || q.image >= ds.count) throw badInput(`image index must be in [0, ${ds.count - 1}] for dataset "${ds.name}", got ${q.image}`);
    query = lab.store.getEmbeddings({ run_id: run.id, checkpoint_step: step, dataset_id: ds.id }, [q.image]).data;
    exclude = q.image;
  } else query = await embedFile(lab, run, ds, q.file, step, q.backend);
  const { indices, scores } = index.search(query, k, exclude);
  const results = Array.from(indices, (idx, i) => {
    const label = labels ? labels[idx] : null;
    return { index: idx, score: scores[i], label, class_name: label !== null && classes ? classes[label] ?? null : null };
  });
  return { run_id: run.id, checkpoint_step: step, dataset: ds.name, query: q.image !== void 0 ? { image: q.image } : { file: true }, results };
}
async function compareNeighbors(lab, a, b, q) {
  const ra = await neighbors(lab, a.run, { ...q, checkpoint: a.checkpoint });
  const rb = await neighbors(lab, b.run, { ...q, checkpoint: b.checkpoint });
  return { a: ra, b: rb, k: ra.results.length, overlap: overlapAtK(ra.results.map((r) => r.index), rb.results.map((r) => r.index)) };
}
async function embeddingMap(lab, runId, opts = {}) {
  const run = lab.run(runId);
  const ds = await datasetFor(lab, run, opts.dataset);
  const ck = resolveCheckpoint(lab, run, opts.checkpoint);
  const step = ck ? ck.step : RANDOM_INIT;
  await embed(lab, run.id, { checkpoint: step, dataset: ds.name });
  const max = Math.min(opts.max ?? 2e3, ds.count);
  const stride = ds.count / max;
  const indices = Array.from({ length: max }, (_, i) => Math.floor(i * stride));
  const { data, dim } = lab.store.getEmbeddings({ run_id: run.id, checkpoint_step: step, dataset_id: ds.id }, indices);
  const set = loadImageSet(ds.path);
  const pca = pca2d(data, max, dim);
  return {
    run_id: run.id,
    checkpoint_step: step,
    dataset: ds.name,
    dim,
    indices,
    labels: set.labels ? indices.map((i) => set.labels[i]) : null,
    classes: set.classes,
    pca: Array.from(pca),
    vectors: opts.vectors ? Array.from(data) : void 0
  };
}
async function maskError(lab, runId, opts) {
  const run = lab.run(runId);
  const ds = lab.dataset(run.dataset_id);
  const ck = resolveCheckpoint(lab, run, opts.checkpoint);
  if (!ck) throw badInput("the prediction-error view needs a trained checkpoint");
  for (const i of opts.indices) if (!Number.isInteger(i) || i < 0 || i >= ds.count) throw badInput(`image index must be in [0, ${ds.count - 1}], got ${i}`);
  let out = null;
  await runWorkerJob({ kind: "mask-error", config: run.config, datasetDir: ds.path, checkpoint: ck.path, indices: opts.indices, maskSeed: opts.seed ?? 0, backend: opts.backend ?? "auto" }, (m) => {
    if (m.type === "mask-error") out = { grid: m.grid, errors: Array.from(m.errors, (v2) => Number.isNaN(v2) ? -1 : v2), context: m.context, targets: m.targets };
  });
  return { run_id: run.id, checkpoint_step: ck.step, indices: opts.indices, ...out };
}
const slug = (s) => s.toLowerCase().replace(/[^a-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "") || "dataset";
class Lab extends EventEmitter {
  constructor(home) {
    super();
    this.home = home;
    ensureHome(home);
    this.store = new Store(path.join(home, "lab.db"));
    this.runs = new RunManager(this.store, home);
    this.runs.on("progress", (...a) => this.emit("progress", ...a));
    this.runs.on("run", (...a) => this.emit("run", ...a));
    this.runs.on("metrics", (...a) => this.emit("metrics", ...a));
    this.runs.on("event", (...a) => this.emit("event", ...a));
  }
  store;
  runs;
  static open(home) {
    const lab = new Lab(home);
    lab.ensureDigits();
    return lab;
  }
  close() {
    this.runs.close();
    this.store.close();
  }
  // ── datasets ────────────────────────────────────────────────────────────
  datasetDir(name) {
    return path.join(this.home, "datasets", slug(name));
  }
  registerImageSet(set, kind, report) {
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
      report
    });
  }
  /** The bundled digits, written into the home on first use. */
  ensureDigits() {
    const have = this.store.getDataset("digits");
    if (have && fs.existsSync(path.join(have.path, "meta.json"))) return have;
    if (have) this.store.deleteDataset(have.id);
    const set = loadDigits();
    return this.registerImageSet({ ...set, name: "digits" }, "bundled", null);
  }
  datasets() {
    return this.store.listDatasets();
  }
  dataset(nameOrId) {
    const d = this.store.getDataset(typeof nameOrId === "string" && /^\d+$/.test(nameOrId) ? Number(nameOrId) : nameOrId);
    if (!d) throw badInput(`no dataset "${nameOrId}"; list them with \`jepa-lab datasets\` or import one with \`jepa-lab import PATH --name NAME\``);
    return d;
  }
  loadDataset(nameOrId) {
    return loadImageSet(this.dataset(nameOrId).path);
  }
  /** Import an IDX file or an image folder into the store. Corrupt files are skipped and reported. */
  async importDataset(src, opts = {}) {
    const abs = path.resolve(src);
    if (!fs.existsSync(abs)) throw badInput(`dataset path ${abs} does not exist; give an image folder or an IDX file`);
    const name = opts.name ?? path.basename(abs).replace(/(-images)?(\.idx\d?-ubyte)?(\.gz)?$/i, "");
    if (this.store.getDataset(name)) throw badInput(`a dataset named "${name}" exists already; choose another with --name`);
    const onProgress = (done, total) => this.emit("import", name, done, total);
    let result;
    let kind;
    if (fs.statSync(abs).isDirectory()) {
      result = await importFolder(abs, { name, size: opts.size, channels: opts.channels, onProgress });
      kind = "folder";
    } else {
      result = await importIdx(abs, opts.labels, { name, onProgress });
      kind = "idx";
    }
    return this.registerImageSet({ ...result.set, name }, kind, result.report);
  }
  /** A dataset by name, or a path imported on the fly (reused when imported before). */
  async resolveDataset(nameOrPath) {
    const byName = this.store.getDataset(nameOrPath);
    if (byName) return byName;
    if (fs.existsSync(nameOrPath)) {
      const name = path.basename(path.resolve(nameOrPath));
      return this.store.getDataset(name) ?? await this.importDataset(nameOrPath, { name });
    }
    return this.dataset(nameOrPath);
  }
  deleteDataset(nameOrId) {
    const d = this.dataset(nameOrId);
    if (d.kind === "bundled") throw badInput(`"${d.name}" is the bundled dataset and cannot be deleted`);
    const users = this.store.listRuns().filter((r) => r.dataset_id === d.id);
    if (users.length) throw badInput(`dataset "${d.name}" is used by run${users.length > 1 ? "s" : ""} ${users.map((r) => r.id).join(", ")}; delete those runs first`);
    this.store.deleteDataset(d.id);
    fs.rmSync(d.path, { recursive: true, force: true });
  }
  // ── runs ────────────────────────────────────────────────────────────────
  /** Resolve and validate a run's config; throws bad-input before anything is written. */
  async planRun(opts) {
    const preset = opts.preset ?? DEFAULT_PRESET;
    if (opts.steps !== void 0 && opts.epochs !== void 0) throw badInput("give --steps or --epochs, not both");
    if (opts.steps !== void 0 && (!Number.isInteger(opts.steps) || opts.steps < 1)) throw badInput(`--steps must be a positive integer, got ${opts.steps}`);
    if (opts.epochs !== void 0 && (!Number.isInteger(opts.epochs) || opts.epochs < 1)) throw badInput(`--epochs must be a positive integer, got ${opts.epochs}`);
    const dataset = await this.resolveDataset(opts.dataset ?? "digits");
    const cli = { data: { dataset: dataset.name } };
    if (opts.steps !== void 0) cli.optimization = { steps: opts.steps };
    if (opts.epochs !== void 0) cli.optimization = { epochs: opts.epochs, steps: 0 };
    if (opts.seed !== void 0) cli.meta = { seed: opts.seed };
    if (opts.checkpointEvery !== void 0) cli.logging = { checkpoint_every: opts.checkpointEvery };
    try {
      const config = resolveConfig(preset, opts.config ?? {}, cli);
      return { config, dataset, preset };
    } catch (e) {
      if (e instanceof ConfigError) throw badInput(e.message);
      throw e;
    }
  }
  /** Create a run (validated first) and start or queue it. */
  async train(opts = {}) {
    const { config, dataset, preset } = await this.planRun(opts);
    const ipe = Math.max(1, Math.floor(dataset.train_count / config.data.batch_size));
    const run = this.store.createRun({
      name: opts.name ?? `${preset}-${dataset.name}`,
      tags: opts.tags,
      notes: opts.notes,
      config,
      preset,
      dataset_id: dataset.id,
      status: "queued",
      seed: config.meta.seed,
      total_steps: config.optimization.steps || config.optimization.epochs * ipe
    });
    this.runs.start(run.id, opts.backend ?? "auto");
    return this.run(run.id);
  }
  runsList() {
    return this.store.listRuns();
  }
  run(id2) {
    const r = this.store.getRun(id2);
    if (!r) throw notFound(`no run ${id2}; list runs with \`jepa-lab runs\``);
    return r;
  }
  /** Continue a failed, stopped or interrupted run from its last checkpoint. */
  resume(id2, backend2 = "auto") {
    const r = this.run(id2);
    if (r.status === "completed") throw badInput(`run ${id2} has completed all ${r.total_steps} steps; start a new run to train longer`);
    if (!RESUMABLE_STATUSES.includes(r.status)) {
      if (r.status === "paused") {
        this.runs.unpause(id2);
        return this.run(id2);
      }
      throw badInput(`run ${id2} is ${r.status}; only failed, stopped or interrupted runs can be resumed`);
    }
    this.store.addEvent(id2, "info", `resume requested (was ${r.status} at step ${r.step})`);
    this.runs.start(id2, backend2);
    return this.run(id2);
  }
  stop(id2) {
    this.runs.stop(id2);
  }
  pause(id2) {
    this.runs.pause(id2);
  }
  /** Delete a run: rows, metrics, checkpoints on disk. */
  deleteRun(id2) {
    const r = this.run(id2);
    if (r.status === "running" || r.status === "paused") {
      if (!this.runs.isOwned(id2)) throw new LabError("conflict", `run ${id2} is ${r.status} in another lab process; stop it first`);
      this.runs.kill(id2);
    }
    this.store.deleteRun(id2);
    fs.rmSync(path.join(this.home, "runs", String(id2)), { recursive: true, force: true });
  }
  /** Update name, tags or notes. */
  annotate(id2, patch) {
    this.run(id2);
    this.store.updateRun(id2, patch);
    return this.run(id2);
  }
  /** Every metric point of the given runs in one CSV (one row per point). */
  exportCsv(ids) {
    const esc = (v2) => /[",\n]/.test(v2) ? `"${v2.replace(/"/g, '""')}"` : v2;
    const lines = ["run_id,run_name,metric,step,wall_time,value"];
    for (const id2 of ids) {
      const r = this.run(id2);
      for (const [name, s] of Object.entries(this.store.metrics(id2)))
        for (let i = 0; i < s.step.length; i++) lines.push(`${id2},${esc(r.name)},${esc(name)},${s.step[i]},${new Date(s.time[i]).toISOString()},${s.value[i]}`);
    }
    return `${lines.join("\n")}
`;
  }
  /** A run and all its metric points as one JSON document. */
  exportJson(id2) {
    const run = this.run(id2);
    const metrics = [];
    for (const [name, s] of Object.entries(this.store.metrics(id2))) for (let i = 0; i < s.step.length; i++) metrics.push({ name, step: s.step[i], time: s.time[i], value: s.value[i] });
    return { run, metrics };
  }
  // ── evaluation, embeddings, neighbours (main/evaluation.ts) ─────────────
  embed(runId, opts = {}) {
    return embed(this, runId, opts);
  }
  evaluate(runId, opts = {}) {
    return evaluate(this, runId, opts);
  }
  neighbors(runId, q) {
    return neighbors(this, runId, q);
  }
  compareNeighbors(a, b, q) {
    return compareNeighbors(this, a, b, q);
  }
  embeddingMap(runId, opts = {}) {
    return embeddingMap(this, runId, opts);
  }
  maskError(runId, opts) {
    return maskError(this, runId, opts);
  }
  wait(id2) {
    return this.runs.wait(id2);
  }
}
const here$1 = path.dirname(fileURLToPath(import.meta.url));
let version = null;
function info(lab) {
  version ??= JSON.parse(fs.readFileSync(path.join(here$1, "..", "package.json"), "utf8")).version;
  return { version, home: lab.home, defaultPreset: DEFAULT_PRESET, backend: process.env.JEPA_LAB_BACKEND ?? "auto" };
}
function presets() {
  return Object.entries(PRESETS).map(([name, p]) => ({ name, description: p.description, default: name === DEFAULT_PRESET, config: resolveConfig(name) }));
}
function runDetail(lab, id2) {
  const run = lab.run(id2);
  const events = lab.store.events(id2);
  return { run, dataset: lab.store.getDataset(run.dataset_id), checkpoints: lab.store.checkpoints(id2), events: events.slice(-500) };
}
function checkConfig(lab, a) {
  const fail = (field, message) => ({ ok: false, field, message });
  if (a.steps !== void 0 && (!Number.isInteger(a.steps) || a.steps < 1 || a.steps > 1e9))
    return fail("optimization.steps", `steps must be an integer in [1, 1000000000], got ${a.steps}`);
  if (a.seed !== void 0 && (!Number.isInteger(a.seed) || a.seed < 0 || a.seed > 2 ** 31 - 1))
    return fail("meta.seed", `seed must be an integer in [0, 2147483647], got ${a.seed}`);
  const name = a.dataset ?? "digits";
  const ds = lab.store.getDataset(name);
  if (!ds) return fail("data.dataset", `no dataset "${name}"; import it on the Datasets screen first`);
  const cli = { data: { dataset: ds.name } };
  if (a.steps !== void 0) cli.optimization = { steps: a.steps };
  if (a.seed !== void 0) cli.meta = { seed: a.seed };
  try {
    const config = resolveConfig(a.preset ?? DEFAULT_PRESET, a.config ?? {}, cli);
    const grid = gridSize(config);
    checkMaskSettings(config.mask, grid);
    if (config.data.channels !== ds.channels)
      return fail("data.channels", `the preset trains on ${config.data.channels}-channel images but dataset "${ds.name}" has ${ds.channels}; choose a preset for ${ds.channels === 1 ? "grayscale" : "RGB"} images or another dataset`);
    const ipe = Math.max(1, Math.floor(ds.train_count / config.data.batch_size));
    return { ok: true, config, grid, total_steps: config.optimization.steps || config.optimization.epochs * ipe };
  } catch (e) {
    if (e instanceof ConfigError) return fail(e.field, e.message);
    throw e;
  }
}
function compare(lab, ids) {
  const runs = ids.map((i) => lab.run(i));
  const flat = runs.map((r) => ({ preset: r.preset, ...flattenConfig(r.config) }));
  const keys = [...new Set(flat.flatMap((f) => Object.keys(f)))];
  const diff = keys.map((key) => ({ key, values: flat.map((f) => key in f ? f[key] : null) })).filter((d) => new Set(d.values.map((x) => JSON.stringify(x))).size > 1);
  const agg = lab.store.db.prepare("SELECT name, min(value) AS min, max(value) AS max, count(*) AS points, max(step) AS last_step FROM metrics WHERE run_id = ? GROUP BY name");
  const last = lab.store.db.prepare("SELECT value FROM metrics WHERE run_id = ? AND name = ? ORDER BY step DESC LIMIT 1").pluck();
  const stats = {};
  const names = /* @__PURE__ */ new Set();
  for (const r of runs) {
    const s = {};
    for (const row of agg.all(r.id)) {
      s[row.name] = { min: row.min, max: row.max, points: row.points, last_step: row.last_step, last: last.get(r.id, row.name) };
      names.add(row.name);
    }
    stats[r.id] = s;
  }
  return { ids, diff, stats, metrics: [...names].sort() };
}
const sets = /* @__PURE__ */ new Map();
function imageSet(ds) {
  const key = `${ds.path}@${ds.created_at}`;
  let s = sets.get(key);
  if (s) {
    sets.delete(key);
    sets.set(key, s);
    return s;
  }
  s = loadImageSet(ds.path);
  sets.set(key, s);
  while (sets.size > 3) sets.delete(sets.keys().next().value);
  return s;
}
function datasetImages(lab, a) {
  const ds = lab.dataset(a.dataset);
  const set = imageSet(ds);
  const split = a.split ?? "all";
  const all = [];
  for (let i = 0; i < set.count; i++) if (split === "all" || split === "held_out" === (set.heldOut[i] === 1)) all.push(i);
  const offset = a.offset ?? 0;
  const page = all.slice(offset, offset + (a.limit ?? 60));
  return {
    dataset: ds.name,
    total: all.length,
    offset,
    items: page.map((index) => {
      const label = set.labels ? set.labels[index] : null;
      return { index, label, class_name: label !== null && set.classes ? set.classes[label] ?? null : null, held_out: set.heldOut[index] === 1 };
    })
  };
}
const thumbs = /* @__PURE__ */ new Map();
async function thumbnail(lab, dataset, index, scale) {
  const ds = lab.dataset(dataset);
  if (!Number.isInteger(index) || index < 0 || index >= ds.count) throw badInput(`image index must be in [0, ${ds.count - 1}] for dataset "${ds.name}", got ${index}`);
  if (!Number.isInteger(scale) || scale < 1 || scale > 16) throw badInput(`scale must be an integer in [1, 16], got ${scale}`);
  const key = `${ds.path}@${ds.created_at}:${index}:${scale}`;
  const hit = thumbs.get(key);
  if (hit) return hit;
  const png = await thumbnailPng(imageSet(ds), index, scale);
  thumbs.set(key, png);
  while (thumbs.size > 4e3) thumbs.delete(thumbs.keys().next().value);
  return png;
}
function sampleMaskView(lab, a) {
  let base;
  let ds;
  if (a.run !== void 0) {
    const r = lab.run(a.run);
    base = r.config;
    ds = lab.dataset(a.dataset ?? r.dataset_id);
  } else {
    base = resolveConfig(a.preset ?? DEFAULT_PRESET);
    ds = lab.dataset(a.dataset ?? "digits");
  }
  const cfg = structuredClone(base);
  Object.assign(cfg.mask, a.mask ?? {});
  validateConfig(cfg);
  const grid = gridSize(cfg);
  const set = imageSet(ds);
  const seed = a.seed ?? 0;
  let indices = a.indices;
  if (!indices) {
    const count = a.count ?? 8;
    indices = [];
    for (let i = 0; i < set.count && indices.length < count; i++) if (set.heldOut[i] === 1) indices.push(i);
    for (let i = 0; i < set.count && indices.length < count; i++) if (set.heldOut[i] === 0) indices.push(i);
  }
  for (const i of indices) if (i >= set.count) throw badInput(`image index must be in [0, ${set.count - 1}] for dataset "${ds.name}", got ${i}`);
  const masks = sampleMasks(cfg.mask, grid, indices.length, new Rng(seed, Stream.mask));
  const labels = indices.map((i) => set.labels ? set.labels[i] : null);
  return {
    dataset: ds.name,
    seed,
    grid,
    crop_size: cfg.data.crop_size,
    patch_size: cfg.mask.patch_size,
    mask: cfg.mask,
    indices,
    labels,
    class_names: labels.map((l) => l !== null && set.classes ? set.classes[l] ?? null : null),
    context: masks.context,
    targets: masks.targets
  };
}
const jobBuses = /* @__PURE__ */ new WeakMap();
function jobEvents(lab) {
  let bus = jobBuses.get(lab);
  if (!bus) {
    bus = new EventEmitter();
    bus.setMaxListeners(100);
    jobBuses.set(lab, bus);
  }
  return bus;
}
async function embedWithProgress(lab, id2, opts) {
  const run = lab.run(id2);
  if (opts.dataset) lab.dataset(opts.dataset);
  const job = `embed:${id2}:${opts.checkpoint ?? "latest"}:${opts.dataset ?? ""}`;
  const label = `embedding ${opts.dataset ?? "the dataset"} with run ${id2} "${run.name}"`;
  const bus = jobEvents(lab);
  bus.emit("job", job, label, 0, 1);
  let total = 1;
  try {
    const r = await lab.embed(id2, {
      ...opts,
      onProgress: (done, t) => {
        total = t;
        if (done < t) bus.emit("job", job, label, done, t);
      }
    });
    return r;
  } finally {
    bus.emit("job", job, label, total, total);
  }
}
function decodeBase64File(s) {
  const b64 = s.replace(/^data:[^,]*;base64,/, "");
  if (!/^[A-Za-z0-9+/\r\n]*={0,2}$/.test(b64)) throw badInput("file must be base64-encoded (or a data: URL)");
  const buf = Buffer.from(b64, "base64");
  if (buf.length === 0) throw badInput("file is empty");
  return buf;
}
const show = (v2) => {
  const s = typeof v2 === "string" ? JSON.stringify(v2) : v2 === void 0 ? "nothing" : JSON.stringify(v2) ?? String(v2);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
};
const v = {
  int(lo = -9007199254740992, hi = 2 ** 53) {
    return (x, w) => {
      if (typeof x !== "number" || !Number.isInteger(x) || x < lo || x > hi)
        throw badInput(`${w} must be an integer${hi < 2 ** 53 ? ` in [${lo}, ${hi}]` : lo > -9007199254740992 ? ` ≥ ${lo}` : ""}, got ${show(x)}`);
      return x;
    };
  },
  num(lo = -Infinity, hi = Infinity) {
    return (x, w) => {
      if (typeof x !== "number" || !Number.isFinite(x) || x < lo || x > hi)
        throw badInput(`${w} must be a number${Number.isFinite(lo) || Number.isFinite(hi) ? ` in [${lo}, ${hi}]` : ""}, got ${show(x)}`);
      return x;
    };
  },
  str(maxLen = 4096, minLen = 0) {
    return (x, w) => {
      if (typeof x !== "string") throw badInput(`${w} must be a string, got ${show(x)}`);
      if (x.length < minLen) throw badInput(minLen === 1 ? `${w} must not be empty` : `${w} must have at least ${minLen} characters`);
      if (x.length > maxLen) throw badInput(`${w} must be at most ${maxLen} characters, got ${x.length}`);
      return x;
    };
  },
  bool() {
    return (x, w) => {
      if (typeof x !== "boolean") throw badInput(`${w} must be true or false, got ${show(x)}`);
      return x;
    };
  },
  oneOf(...values) {
    return (x, w) => {
      if (!values.includes(x)) throw badInput(`${w} must be one of ${values.map((s) => JSON.stringify(s)).join(", ")}, got ${show(x)}`);
      return x;
    };
  },
  arr(item, minLen = 0, maxLen = 1e5) {
    return (x, w) => {
      if (!Array.isArray(x)) throw badInput(`${w} must be a list, got ${show(x)}`);
      if (x.length < minLen) throw badInput(`${w} must have at least ${minLen} item${minLen === 1 ? "" : "s"}`);
      if (x.length > maxLen) throw badInput(`${w} must have at most ${maxLen} items, got ${x.length}`);
      return x.map((e, i) => item(e, `${w}[${i}]`));
    };
  },
  pair(lo, hi) {
    return (x, w) => {
      if (!Array.isArray(x) || x.length !== 2) throw badInput(`${w} must be a pair [min, max] within [${lo}, ${hi}], got ${show(x)}`);
      const a = v.num(lo, hi)(x[0], `${w}[0]`);
      const b = v.num(lo, hi)(x[1], `${w}[1]`);
      if (a > b) throw badInput(`${w}: min ${a} is larger than max ${b}`);
      return [a, b];
    };
  },
  /** Any plain JSON object (its owner checks it later, e.g. config overrides by resolveConfig); prototype keys are refused. */
  plain() {
    const scan = (o, w, depth) => {
      if (typeof o !== "object" || o === null) return;
      if (depth > 8) throw badInput(`${w} is nested too deeply`);
      for (const [k, val] of Object.entries(o)) {
        if (k === "__proto__" || k === "constructor" || k === "prototype") throw badInput(`${w} must not have a key named "${k}"`);
        scan(val, `${w}.${k}`, depth + 1);
      }
    };
    return (x, w) => {
      if (typeof x !== "object" || x === null || Array.isArray(x)) throw badInput(`${w} must be an object, got ${show(x)}`);
      scan(x, w, 0);
      return x;
    };
  },
  opt(c) {
    return Object.assign((x, w) => x === void 0 || x === null ? void 0 : c(x, w), { optional: true });
  },
  /** An object with exactly these keys (unknown keys are refused: they are typos). */
  obj(shape) {
    return (x, w) => {
      if (x === void 0 || x === null) x = {};
      if (typeof x !== "object" || Array.isArray(x)) throw badInput(`${w} must be an object, got ${show(x)}`);
      const o = x;
      for (const k of Object.keys(o))
        if (!Object.hasOwn(shape, k)) throw badInput(`${w} has an unknown field "${k}"; allowed: ${Object.keys(shape).join(", ") || "none"}`);
      const out = {};
      for (const [k, c] of Object.entries(shape)) {
        const val = c(o[k], `${w}.${k}`);
        if (val !== void 0) out[k] = val;
      }
      return out;
    };
  }
};
const id = v.int(1);
const runIds = v.arr(id, 1, 100);
const checkpoint = v.opt(v.int(-1));
const datasetName = v.str(200, 1);
const BACKENDS = ["auto", "tensorflow", "wasm", "cpu"];
const backend = v.opt(v.oneOf(...BACKENDS));
const base64File = v.str(16e6, 4);
function method(name, shape, handle) {
  const args = v.obj(shape);
  return { args, handle, validate: (a) => args(a, name) };
}
const api = {
  /** Version, home and the presets the launch form offers. */
  info: method("info", {}, (lab) => info(lab)),
  presets: method("presets", {}, () => presets()),
  // runs
  runs: method("runs", {}, (lab) => lab.runsList()),
  run: method("run", { id }, (lab, a) => runDetail(lab, a.id)),
  metrics: method("metrics", { id, names: v.opt(v.arr(v.str(100), 0, 200)), afterStep: v.opt(v.int(-1)) }, (lab, a) => {
    lab.run(a.id);
    return lab.store.metrics(a.id, { names: a.names, afterStep: a.afterStep });
  }),
  /** Validate a launch form without starting anything: {ok} or the field at fault and why. */
  checkConfig: method(
    "checkConfig",
    { dataset: v.opt(datasetName), preset: v.opt(v.str(100)), config: v.opt(v.plain()), steps: v.opt(v.num()), seed: v.opt(v.num()) },
    (lab, a) => checkConfig(lab, a)
  ),
  train: method(
    "train",
    {
      dataset: v.opt(datasetName),
      preset: v.opt(v.str(100)),
      config: v.opt(v.plain()),
      steps: v.opt(v.int(1)),
      epochs: v.opt(v.int(1)),
      seed: v.opt(v.int(0, 2 ** 31 - 1)),
      name: v.opt(v.str(200)),
      tags: v.opt(v.arr(v.str(100, 1), 0, 50)),
      notes: v.opt(v.str(2e4)),
      backend,
      checkpointEvery: v.opt(v.int(0))
    },
    (lab, a) => {
      if (a.dataset) lab.dataset(a.dataset);
      return lab.train({ ...a, name: a.name?.trim() || void 0 });
    }
  ),
  stop: method("stop", { id }, (lab, a) => {
    lab.stop(a.id);
    return lab.run(a.id);
  }),
  pause: method("pause", { id }, (lab, a) => {
    lab.pause(a.id);
    return lab.run(a.id);
  }),
  resume: method("resume", { id, backend }, (lab, a) => lab.resume(a.id, a.backend)),
  deleteRun: method("deleteRun", { id }, (lab, a) => {
    lab.deleteRun(a.id);
    return { deleted: a.id };
  }),
  annotate: method(
    "annotate",
    { id, name: v.opt(v.str(200, 1)), tags: v.opt(v.arr(v.str(100, 1), 0, 50)), notes: v.opt(v.str(2e4)) },
    (lab, a) => lab.annotate(a.id, { name: a.name, tags: a.tags, notes: a.notes })
  ),
  /** Config diff (differing keys only) and min/max/last of every metric of some runs. */
  compare: method("compare", { ids: runIds }, (lab, a) => compare(lab, a.ids)),
  /** Every metric point of the runs in one CSV. */
  exportCsv: method("exportCsv", { ids: runIds }, (lab, a) => {
    for (const i of a.ids) lab.run(i);
    return { filename: `jepa-lab-runs-${a.ids.join("-")}.csv`, csv: lab.exportCsv(a.ids) };
  }),
  // datasets
  datasets: method("datasets", {}, (lab) => lab.datasets()),
  importDataset: method(
    "importDataset",
    { path: v.str(4096, 1), name: v.opt(v.str(200, 1)), size: v.opt(v.int(4, 1024)), channels: v.opt(v.oneOf(1, 3)), labels: v.opt(v.str(4096, 1)) },
    (lab, a) => lab.importDataset(a.path.trim(), { name: a.name?.trim(), size: a.size, channels: a.channels, labels: a.labels })
  ),
  deleteDataset: method("deleteDataset", { name: datasetName }, (lab, a) => {
    lab.deleteDataset(a.name);
    return { deleted: a.name };
  }),
  /** A page of a dataset's images (indices and labels; pixels come from the thumbnail route). */
  datasetImages: method(
    "datasetImages",
    { dataset: datasetName, offset: v.opt(v.int(0)), limit: v.opt(v.int(1, 1e3)), split: v.opt(v.oneOf("all", "train", "held_out")) },
    (lab, a) => datasetImages(lab, a)
  ),
  // masks
  /** Sample I-JEPA masks with the training sampler for some images (a run's or a preset's mask settings, overridable). */
  sampleMasks: method(
    "sampleMasks",
    {
      run: v.opt(id),
      preset: v.opt(v.str(100)),
      dataset: v.opt(datasetName),
      indices: v.opt(v.arr(v.int(0), 1, 64)),
      count: v.opt(v.int(1, 64)),
      seed: v.opt(v.int(0, 2 ** 31 - 1)),
      mask: v.opt(
        v.obj({
          enc_mask_scale: v.opt(v.pair(0, 1)),
          pred_mask_scale: v.opt(v.pair(0, 1)),
          aspect_ratio: v.opt(v.pair(0, 100)),
          num_pred_masks: v.opt(v.int(0, 64)),
          min_keep: v.opt(v.int(0, 1e5)),
          allow_overlap: v.opt(v.bool())
        })
      )
    },
    (lab, a) => sampleMaskView(lab, a)
  ),
  /** Per-patch prediction error of a checkpoint over sampled target blocks. */
  maskError: method(
    "maskError",
    { id, checkpoint, indices: v.arr(v.int(0), 1, 64), seed: v.opt(v.int(0, 2 ** 31 - 1)) },
    (lab, a) => lab.maskError(a.id, { checkpoint: a.checkpoint, indices: a.indices, seed: a.seed })
  ),
  // embeddings and neighbours
  /** Compute (missing) embeddings of a dataset under a checkpoint; reports 'job' progress events. */
  embed: method("embed", { id, checkpoint, dataset: v.opt(datasetName) }, (lab, a) => embedWithProgress(lab, a.id, { checkpoint: a.checkpoint, dataset: a.dataset })),
  neighbors: method(
    "neighbors",
    { id, checkpoint, dataset: v.opt(datasetName), image: v.opt(v.int(0)), file: v.opt(base64File), k: v.opt(v.int(1, 200)) },
    async (lab, a) => {
      if (a.dataset) lab.dataset(a.dataset);
      return lab.neighbors(a.id, { checkpoint: a.checkpoint, dataset: a.dataset, image: a.image, file: a.file === void 0 ? void 0 : decodeBase64File(a.file), k: a.k });
    }
  ),
  compareNeighbors: method(
    "compareNeighbors",
    {
      a: v.obj({ run: id, checkpoint }),
      b: v.obj({ run: id, checkpoint }),
      dataset: v.opt(datasetName),
      image: v.opt(v.int(0)),
      file: v.opt(base64File),
      k: v.opt(v.int(1, 200))
    },
    async (lab, a) => {
      if (a.dataset) lab.dataset(a.dataset);
      return lab.compareNeighbors(a.a, a.b, { dataset: a.dataset, image: a.image, file: a.file === void 0 ? void 0 : decodeBase64File(a.file), k: a.k });
    }
  ),
  embeddingMap: method(
    "embeddingMap",
    { id, checkpoint, dataset: v.opt(datasetName), max: v.opt(v.int(10, 2e4)), vectors: v.opt(v.bool()) },
    async (lab, a) => {
      if (a.dataset) lab.dataset(a.dataset);
      return lab.embeddingMap(a.id, a);
    }
  )
};
function isMethod(name) {
  return Object.prototype.hasOwnProperty.call(api, name);
}
async function callApi(lab, name, args) {
  if (!isMethod(name)) throw new LabError("not-found", `unknown API method "${name}"; methods: ${Object.keys(api).join(", ")}`);
  const m = api[name];
  return m.handle(lab, m.validate(args));
}
function errorBody(e) {
  if (e instanceof ConfigError) return { status: 400, body: { error: e.message, kind: "bad-input", field: e.field } };
  if (e instanceof LabError) {
    const status = e.kind === "bad-input" || e.kind === "not-found" ? 400 : e.kind === "conflict" ? 409 : 500;
    return { status, body: { error: e.message, kind: e.kind } };
  }
  const msg = e instanceof Error ? e.message : String(e);
  return { status: 500, body: { error: `internal error: ${msg}`, kind: "failure" } };
}
function subscribe(lab, fn) {
  const thin = /* @__PURE__ */ new Map();
  const throttled = (key, e, final) => {
    const t = thin.get(key) ?? { at: 0, timer: null, pending: null };
    thin.set(key, t);
    const now2 = Date.now();
    if (final || now2 - t.at >= 100) {
      if (t.timer) clearTimeout(t.timer);
      t.timer = null;
      t.pending = null;
      t.at = now2;
      fn(e);
      if (final) thin.delete(key);
      return;
    }
    t.pending = e;
    t.timer ??= setTimeout(() => {
      t.timer = null;
      if (t.pending) {
        t.at = Date.now();
        fn(t.pending);
        t.pending = null;
      }
    }, 100 - (now2 - t.at));
  };
  const onRun = (run) => fn({ type: "run", run });
  const onProgress = (runId, progress) => fn({ type: "progress", runId, progress });
  const onMetrics = (runId) => fn({ type: "metrics", runId });
  const onEvent = (runId, level, message) => fn({ type: "event", runId, level, message });
  const onImport = (name, done, total) => throttled(`import:${name}`, { type: "import", name, done, total }, done >= total);
  const onJob = (job, label, done, total) => throttled(`job:${job}`, { type: "job", job, label, done, total }, done >= total);
  lab.on("run", onRun);
  lab.on("progress", onProgress);
  lab.on("metrics", onMetrics);
  lab.on("event", onEvent);
  lab.on("import", onImport);
  const jobs = jobEvents(lab);
  jobs.on("job", onJob);
  return () => {
    lab.off("run", onRun);
    lab.off("progress", onProgress);
    lab.off("metrics", onMetrics);
    lab.off("event", onEvent);
    lab.off("import", onImport);
    jobs.off("job", onJob);
    for (const t of thin.values()) if (t.timer) clearTimeout(t.timer);
  };
}
path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "renderer", "dist");
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'"
].join("; ");
const here = path.dirname(fileURLToPath(import.meta.url));
const RENDERER_HTML = path.join(here, "..", "renderer", "index.html");
const PRELOAD = path.join(here, "..", "preload", "preload.cjs");
const WORKER = path.join(here, "worker.js");
const DEV_URL = process.env.ELECTRON_RENDERER_URL;
const ELECTRON_SQLITE = path.join(here, "..", "native", "better_sqlite3.node");
if (!process.env.JEPA_LAB_SQLITE_BINDING && fs.existsSync(ELECTRON_SQLITE)) process.env.JEPA_LAB_SQLITE_BINDING = ELECTRON_SQLITE;
protocol.registerSchemesAsPrivileged([{ scheme: "lab-thumb", privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
function utilityWorker() {
  const child = utilityProcess.fork(WORKER, [], { serviceName: "JEPA Lab training worker", stdio: "inherit", env: { ...process.env, JEPA_LAB_WORKER: "1" } });
  const exitFns = [];
  child.on("exit", (code) => exitFns.forEach((f) => f(code, code === null ? "SIGKILL" : null)));
  return {
    get pid() {
      return child.pid;
    },
    send: (m) => child.postMessage(m),
    onMessage: (fn) => child.on("message", (m) => fn(m)),
    onExit: (fn) => exitFns.push(fn),
    kill: () => void child.kill()
  };
}
function trustedSender(e, win) {
  const frame = e.senderFrame;
  if (!win || e.sender !== win.webContents || !frame || frame.parent !== null) return false;
  const url = new URL(frame.url);
  return DEV_URL ? url.origin === new URL(DEV_URL).origin : url.protocol === "file:" && decodeURIComponent(url.pathname) === RENDERER_HTML.replace(/\\/g, "/");
}
const EXTERNAL_ALLOW = ["https://github.com/facebookresearch/ijepa", "https://arxiv.org/abs/2301.08243"];
function openExternalVetted(url) {
  if (url.startsWith("https://") && EXTERNAL_ALLOW.some((a) => url === a || url.startsWith(`${a}/`))) void shell.openExternal(url);
}
function harden(contents) {
  contents.on("will-navigate", (e, url) => {
    if (!(DEV_URL && url.startsWith(DEV_URL))) e.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    openExternalVetted(url);
    return { action: "deny" };
  });
  contents.on("will-attach-webview", (e) => e.preventDefault());
}
async function main() {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  await app.whenReady();
  setWorkerLauncher(utilityWorker);
  const lab = Lab.open(resolveHome(process.env.JEPA_LAB_HOME));
  session.defaultSession.webRequest.onHeadersReceived((details, cb) => {
    cb({ responseHeaders: { ...details.responseHeaders, "Content-Security-Policy": [DEV_URL ? CSP.replace("connect-src 'self'", "connect-src 'self' ws:") : CSP.replace("img-src 'self'", "img-src 'self' lab-thumb:")] } });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _perm, cb) => cb(false));
  protocol.handle("lab-thumb", async (req) => {
    const u = new URL(req.url);
    const dataset = u.searchParams.get("dataset") ?? "";
    const index = Number(u.searchParams.get("index"));
    const scale = Number(u.searchParams.get("scale") ?? 2);
    try {
      const png = await thumbnail(lab, dataset, index, scale);
      return new Response(new Uint8Array(png), { headers: { "content-type": "image/png" } });
    } catch (e) {
      return new Response(errorBody(e).body.error, { status: 400 });
    }
  });
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    title: "JEPA Lab",
    show: false,
    webPreferences: {
      preload: PRELOAD,
      contextIsolation: true,
      // Rule: isolate the preload's world from the page's
      sandbox: true,
      // Rule: sandbox the renderer
      nodeIntegration: false,
      // Rule: no Node.js in the renderer
      webSecurity: true,
      // Rule: never disable web security
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false
    }
  });
  harden(win.webContents);
  win.once("ready-to-show", () => win.show());
  app.on("second-instance", () => {
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  ipcMain.handle("lab:call", async (e, method2, args) => {
    if (!trustedSender(e, win)) return { ok: false, error: { error: "refused: IPC from an untrusted frame", kind: "bad-input" } };
    if (typeof method2 !== "string" || method2.length > 64) return { ok: false, error: { error: "method must be a string", kind: "bad-input" } };
    try {
      return { ok: true, value: await callApi(lab, method2, args) };
    } catch (err) {
      return { ok: false, error: errorBody(err).body };
    }
  });
  const unsubscribe = subscribe(lab, (ev) => {
    if (!win.isDestroyed()) win.webContents.send("lab:event", ev);
  });
  Menu.setApplicationMenu(
    Menu.buildFromTemplate([
      ...process.platform === "darwin" ? [{ role: "appMenu" }] : [],
      {
        label: "File",
        submenu: [
          { label: "New Run…", accelerator: "CmdOrCtrl+N", click: () => win.webContents.send("lab:event", { type: "menu", action: "new-run" }) },
          {
            label: "Import Dataset…",
            accelerator: "CmdOrCtrl+I",
            click: async () => {
              const r = await dialog.showOpenDialog(win, { title: "Import a folder of images or an IDX file", properties: ["openFile", "openDirectory"] });
              if (!r.canceled && r.filePaths[0]) win.webContents.send("lab:event", { type: "menu", action: "import", path: r.filePaths[0] });
            }
          },
          { label: "Open Lab Home", click: () => void shell.openPath(lab.home) },
          { type: "separator" },
          { role: "quit" }
        ]
      },
      { role: "editMenu" },
      { role: "viewMenu" },
      {
        label: "Help",
        submenu: [
          {
            label: "About JEPA Lab",
            click: () => {
              const b = activeBackend();
              void dialog.showMessageBox(win, {
                title: "About JEPA Lab",
                message: `JEPA Lab ${app.getVersion()}`,
                detail: [`Electron ${process.versions.electron}, Chromium ${process.versions.chrome}, Node ${process.versions.node}`, `Lab home: ${lab.home}`, `Training backend: ${b ? describeBackend(b) : "chosen by each worker (see a run's backend column)"}`].join("\n")
              });
            }
          },
          { label: "I-JEPA paper", click: () => openExternalVetted("https://arxiv.org/abs/2301.08243") },
          { label: "Reference implementation", click: () => openExternalVetted("https://github.com/facebookresearch/ijepa") }
        ]
      }
    ])
  );
  app.on("window-all-closed", () => {
    unsubscribe();
    lab.close();
    app.quit();
  });
  if (DEV_URL) await win.loadURL(DEV_URL);
  else await win.loadFile(RENDERER_HTML);
}
void main();
