// The run manager: starts training workers, relays their messages into the
// store and to subscribers (as LabEvents), queues runs so one trains per
// device at a time, and turns crashes into resumable states. A store that
// cannot take a write (a full disk) fails the run, never the lab process.
import os from 'node:os';
import path from 'node:path';
import { EventEmitter } from 'node:events';
import type { Store, RunState } from '../store/store.ts';
import { checkpointProblems, cleanCheckpointRoot } from '../common/checkpoint-files.ts';
import { checkDatasetFolder, readImageSetMeta } from '../common/imageset.ts';
import { PACE_DRIFT_RUNS } from '../common/schedule.ts';
import { launchWorker, workerEnd, type WorkerHandle } from './worker-host.ts';
import type { FromWorker } from '../common/protocol.ts';
import { badInput, errorLine, ioProblem, LabError, LIST_RUNS } from '../common/errors.ts';
import { isActive, isFinal, isTraining, METRIC, type BackendRequest, type CheckpointRow, type DatasetRow, type EventRow, type LabEvent, type MetricPoint, type RunRow } from '../common/vocabulary.ts';

export function pidAlive(pid: number | null): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The most new points of another process's run that one live event carries. */
const LIVE_POINTS_MAX = 5000;

interface Active {
  handle: WorkerHandle;
  done: boolean;
  lastError: string | null;
  stopTimer?: NodeJS.Timeout;
  /** why the lab ended the run: a write to the store that failed (a full disk) */
  failure: string | null;
  /** the last step the worker reported, and the last one whose metrics were recorded */
  lastStep: number;
  recordedStep: number;
}

/** A final state the store could not take (a full disk): kept here, shown as if recorded, and written when it can be. */
interface PendingEnd {
  patch: Partial<Omit<RunRow, 'id'>>;
  level: EventRow['level'];
  message: string;
}

export class RunManager extends EventEmitter<{ event: [LabEvent] }> {
  private active = new Map<number, Active>();
  private backends = new Map<number, BackendRequest>();
  private pendingEnds = new Map<number, PendingEnd>();
  private timer: NodeJS.Timeout;
  private closed = false;
  /** trainings allowed at once on this host */
  concurrency = 1;

  constructor(
    private store: Store,
    private home: string,
  ) {
    super();
    this.setMaxListeners(200);
    this.recoverInterrupted();
    // Control requests from other lab processes (CLI ↔ app) and the queue.
    this.timer = setInterval(() => this.poll(), 500);
    this.timer.unref();
  }

  checkpointRoot(runId: number): string {
    return path.join(this.home, 'runs', String(runId), 'checkpoints');
  }

  /**
   * Runs left active by a lab process that no longer exists become
   * `interrupted` (resumable). Where that cannot be recorded (a full disk), it
   * is shown as such (view) and written when it can be: a read-only command
   * must not fail for it.
   */
  recoverInterrupted(): number {
    let n = 0;
    for (const r of this.store.runStates()) {
      if (isActive(r.status) && r.host === os.hostname() && !pidAlive(r.owner_pid)) {
        const worker = this.store.getRun(r.id)?.worker_pid ?? null;
        if (worker && pidAlive(worker)) {
          try {
            process.kill(worker, 'SIGKILL');
          } catch {
            /* already gone */
          }
        }
        const end: PendingEnd = {
          patch: { status: 'interrupted', ended_at: Date.now(), worker_pid: null, control: null },
          level: 'warning',
          message: `the lab process (pid ${r.owner_pid}) ended while this run was ${r.status}; marked interrupted — resume it to continue from its last checkpoint`,
        };
        if (!this.writeEnd(r.id, end)) this.pendingEnds.set(r.id, end);
        cleanCheckpointRoot(this.checkpointRoot(r.id));
        n++;
      }
    }
    return n;
  }

  /** Trainings in progress on this host, by any lab process. */
  private busyCount(states: RunState[]): number {
    return states.filter((r) => isTraining(r.status) && r.host === os.hostname() && pidAlive(r.owner_pid)).length;
  }

  /** Start a run now, or queue it if the device is busy. */
  start(runId: number, backend: BackendRequest = 'auto'): void {
    this.backends.set(runId, backend);
    this.pendingEnds.delete(runId);
    this.store.updateRun(runId, { status: 'queued', owner_pid: process.pid, control: null, error: null });
    this.emitRun(runId);
    this.pump();
  }

  /** Start queued runs that this process owns while the device has room. */
  private pump(states: RunState[] = this.store.runStates()): void {
    const queued = states.filter((r) => r.status === 'queued' && r.owner_pid === process.pid).reverse();
    let busy = this.busyCount(states);
    for (const r of queued) {
      if (busy >= this.concurrency) return;
      this.spawn(this.store.getRun(r.id)!);
      busy++;
    }
  }

  /**
   * Where a run starts from: its newest checkpoint that is intact (files
   * present, safetensors headers that parse, sizes that match). Newer damaged
   * ones are reported and skipped; nothing is deleted here, only once the
   * worker has restored the state (the 'restored' message).
   */
  private startingPoint(run: RunRow): { resume: CheckpointRow | null; dataset: DatasetRow } {
    const dataset = this.store.getDataset(run.dataset_id);
    if (!dataset) throw badInput(`dataset ${run.dataset_id} of run ${run.id} no longer exists`);
    checkDatasetFolder(dataset, readImageSetMeta(dataset.path));
    cleanCheckpointRoot(this.checkpointRoot(run.id));
    const damaged: string[] = [];
    let resume: CheckpointRow | null = null;
    for (const c of this.store.checkpoints(run.id).reverse()) {
      const problems = checkpointProblems(c.path, { projector: run.config.regularization.projector_dim > 0, step: c.step });
      if (!problems.length) {
        resume = c;
        break;
      }
      damaged.push(`step ${c.step} (${problems.slice(0, 2).join('; ')})`);
    }
    if (damaged.length) {
      const message = `checkpoint${damaged.length > 1 ? 's' : ''} ${damaged.join(', ')} ${damaged.length > 1 ? 'are' : 'is'} damaged; ${resume ? `resuming from step ${resume.step}, the newest intact one` : 'no intact checkpoint is left: training again from step 0'}`;
      this.store.addEvent(run.id, 'warning', message);
      this.emit('event', { type: 'event', runId: run.id, level: 'warning', message });
    }
    return { resume, dataset };
  }

  private spawn(run: RunRow): void {
    let start: { resume: CheckpointRow | null; dataset: DatasetRow };
    try {
      start = this.startingPoint(run);
    } catch (e) {
      const why = errorLine(e);
      this.endRun(run.id, { status: 'failed', error: why, ended_at: Date.now(), worker_pid: null, control: null }, 'error', `run could not start: ${why}`);
      return;
    }
    const { resume, dataset } = start;
    const handle = launchWorker();
    const a: Active = { handle, done: false, lastError: null, failure: null, lastStep: resume?.step ?? 0, recordedStep: resume?.step ?? 0 };
    this.active.set(run.id, a);
    this.store.updateRun(run.id, {
      status: 'running',
      started_at: run.started_at ?? Date.now(),
      ended_at: null,
      worker_pid: handle.pid ?? null,
      owner_pid: process.pid,
      step: resume?.step ?? 0,
      progress: null,
      paused_at: null,
    });
    this.emitRun(run.id);
    handle.onMessage((m) => this.onMessage(run.id, a, m));
    handle.onExit((code, signal, stderr) => this.onExit(run.id, a, code, signal, stderr));
    handle.send({
      type: 'start',
      job: {
        kind: 'train',
        runId: run.id,
        config: run.config,
        datasetDir: dataset.path,
        checkpointRoot: this.checkpointRoot(run.id),
        resumeFrom: resume?.path,
        backend: this.backends.get(run.id) ?? 'auto',
        paceDrift: this.paceDrift(run),
      },
    });
  }

  /**
   * For a run by minutes about to fit its steps: how much slower than timed this lab's
   * last runs by minutes all ran (the smallest drift of the last three), so that its fit
   * keeps that in reserve; undefined until three have measured one. A run that falls
   * behind its fit stops at its budget (worker/train/train.ts), so the reserve is only for
   * a machine that runs slower than timed every time, not for one slow run on a shared
   * host, after which a reserve would only shrink the next runs (docs/recipe.md, round 13).
   */
  private paceDrift(run: RunRow): number | undefined {
    if (!(run.config.optimization.minutes > 0)) return undefined;
    const recent = this.store.recentBudgetValues(METRIC.paceDrift, PACE_DRIFT_RUNS);
    return recent.length === PACE_DRIFT_RUNS ? Math.min(...recent) : undefined;
  }

  /** A worker's message into the store and to subscribers. A store that cannot take it (a full disk) ends the run, never the lab process. */
  private onMessage(runId: number, a: Active, m: FromWorker): void {
    if (this.closed) return;
    try {
      this.record(runId, a, m);
    } catch (e) {
      if (a.failure || a.done) return;
      const p = ioProblem(e);
      a.failure = `cannot record the run's ${m.type === 'metrics' ? 'metrics' : m.type} in ${this.store.file}: ${p ? `${p.problem} (${p.code})` : errorLine(e)}`;
      this.emit('event', { type: 'event', runId, level: 'error', message: a.failure });
      a.handle.kill('SIGKILL');
    }
  }

  private record(runId: number, a: Active, m: FromWorker): void {
    switch (m.type) {
      case 'ready':
        this.store.updateRun(runId, { backend: m.backend });
        this.emitRun(runId);
        break;
      case 'resolved':
        this.store.updateRun(runId, { config: m.config, total_steps: m.totalSteps });
        this.emitRun(runId);
        break;
      case 'restored':
        // The state is in place: now, and not before, drop what the run will compute again (points after its checkpoint, damaged newer checkpoints).
        this.store.db.transaction(() => {
          this.store.deleteMetricsAfter(runId, m.step);
          this.store.deleteCheckpointsAfter(runId, m.step);
        })();
        break;
      case 'progress':
        a.lastStep = m.progress.step;
        // stored too: a lab process that does not own the run (the app watching a CLI run) shows it from there
        this.store.updateRun(runId, { step: m.progress.step, total_steps: m.progress.totalSteps, progress: m.progress });
        this.emit('event', { type: 'progress', runId, progress: m.progress });
        break;
      case 'metrics':
        this.store.appendMetrics(runId, m.points);
        a.recordedStep = Math.max(a.recordedStep, ...m.points.map((p) => p.step));
        this.emit('event', { type: 'metrics', runId, points: m.points });
        break;
      case 'checkpoint':
        this.store.addCheckpoint({ run_id: runId, step: m.step, path: m.path, bytes: m.bytes });
        break;
      case 'event':
        this.store.addEvent(runId, m.level, m.message);
        if (m.collapse) this.store.updateRun(runId, { collapse_warning: m.message });
        this.emit('event', { type: 'event', runId, level: m.level, message: m.message });
        break;
      case 'paused':
        this.store.updateRun(runId, { status: 'paused', step: m.step, paused_at: Date.now() });
        this.logEvent(runId, 'info', `paused at step ${m.step}`);
        this.emitRun(runId);
        break;
      case 'resumed': {
        const r = this.store.getRun(runId);
        const pausedFor = r?.paused_at ? Date.now() - r.paused_at : 0;
        this.store.updateRun(runId, { status: 'running', paused_at: null, paused_ms: (r?.paused_ms ?? 0) + pausedFor });
        this.logEvent(runId, 'info', `continued at step ${m.step} after ${Math.round(pausedFor / 1000)} s paused`);
        this.emitRun(runId);
        break;
      }
      case 'error':
        a.lastError = m.message;
        this.store.addEvent(runId, 'error', m.message);
        break;
      case 'done': {
        a.done = true;
        const r = this.store.getRun(runId);
        const pausedFor = r?.paused_at ? Date.now() - r.paused_at : 0;
        this.endRun(runId, { status: m.status, step: m.step, ended_at: Date.now(), worker_pid: null, control: null, paused_at: null, paused_ms: (r?.paused_ms ?? 0) + pausedFor }, 'info', `${m.status} at step ${m.step}${m.finalLoss !== null ? `, loss ${m.finalLoss.toPrecision(4)}` : ''}`);
        break;
      }
    }
  }

  private logEvent(runId: number, level: 'info' | 'warning' | 'error', message: string): void {
    this.store.addEvent(runId, level, message);
    this.emit('event', { type: 'event', runId, level, message });
  }

  private onExit(runId: number, a: Active, code: number | null, signal: string | null, stderr?: string): void {
    clearTimeout(a.stopTimer);
    this.active.delete(runId);
    if (this.closed) return;
    // the worker is gone: a checkpoint it was writing is half there
    cleanCheckpointRoot(this.checkpointRoot(runId));
    if (!a.done) {
      let why = a.failure ?? a.lastError ?? workerEnd(code, signal, stderr);
      if (a.failure) {
        let ck: number | null = null;
        try {
          ck = this.store.checkpoints(runId).at(-1)?.step ?? null;
        } catch {
          /* the summary below does without it */
        }
        why += `; the run stopped at step ${a.lastStep}, with its metrics recorded up to step ${a.recordedStep} and ${ck === null ? 'no checkpoint' : `its last checkpoint at step ${ck}`}. Free some space, then resume it (\`jepa-lab resume ${runId}\`) to continue from its last checkpoint`;
      }
      this.endRun(runId, { status: 'failed', error: why, ended_at: Date.now(), worker_pid: null, control: null }, 'error', `run failed: ${why}${a.failure ? '' : '; resume it to continue from its last checkpoint'}`);
    }
    try {
      this.pump();
    } catch {
      /* the next poll tries again */
    }
  }

  /** Record a run's end (status and event); when the store cannot take it, keep it and retry at each poll. */
  private endRun(runId: number, patch: PendingEnd['patch'], level: PendingEnd['level'], message: string): void {
    const end = { patch, level, message };
    if (!this.writeEnd(runId, end)) this.pendingEnds.set(runId, end);
    this.emitRun(runId);
  }

  private writeEnd(runId: number, end: PendingEnd): boolean {
    try {
      this.store.db.transaction(() => {
        this.store.updateRun(runId, end.patch);
        this.store.addEvent(runId, end.level, end.message);
      })();
      this.pendingEnds.delete(runId);
      return true;
    } catch {
      return false;
    }
  }

  /** A run as the store has it, with an end not yet recorded laid over it. */
  view(runId: number): RunRow | null {
    const r = this.store.getRun(runId);
    return r && this.overlay(r);
  }

  /** A run row read from the store, with its end not yet recorded laid over it. */
  overlay(r: RunRow): RunRow {
    const end = this.pendingEnds.get(r.id);
    return end ? { ...r, ...end.patch } : r;
  }

  /** Ask a run to stop (it checkpoints first). Works across lab processes through the store. */
  stop(runId: number): void {
    const run = this.mustGet(runId);
    if (run.status === 'queued') {
      this.store.updateRun(runId, { status: 'stopped', ended_at: Date.now() });
      this.emitRun(runId);
      return;
    }
    if (!isTraining(run.status)) throw badInput(`run ${runId} is ${run.status}, not running; nothing to stop`);
    const a = this.active.get(runId);
    if (!a) {
      this.store.updateRun(runId, { control: 'stop' });
      return;
    }
    a.handle.send({ type: 'stop' });
    // A worker stuck in a long step still stops: after 60 s it is killed (its run stays resumable).
    a.stopTimer = setTimeout(() => a.handle.kill('SIGKILL'), 60_000);
  }

  pause(runId: number): void {
    const run = this.mustGet(runId);
    if (run.status !== 'running') throw badInput(`run ${runId} is ${run.status}; only a running run can be paused`);
    const a = this.active.get(runId);
    if (a) a.handle.send({ type: 'pause' });
    else this.store.updateRun(runId, { control: 'pause' });
  }

  unpause(runId: number): void {
    const run = this.mustGet(runId);
    if (run.status !== 'paused') throw badInput(`run ${runId} is ${run.status}; only a paused run can be continued`);
    const a = this.active.get(runId);
    if (a) a.handle.send({ type: 'resume' });
    else this.store.updateRun(runId, { control: 'resume' });
  }

  isOwned(runId: number): boolean {
    return this.active.has(runId);
  }

  /** Kill a run's worker at once (used by delete). */
  kill(runId: number): void {
    this.active.get(runId)?.handle.kill('SIGKILL');
  }

  /** What this process last saw of runs other lab processes own: status, step, collapse flag, and the last metric step sent on. */
  private seen = new Map<number, { sig: string; metricStep: number; progress: string | null }>();

  private poll(): void {
    try {
      for (const [runId, end] of this.pendingEnds) if (this.writeEnd(runId, end)) this.emitRun(runId);
      this.pollRuns();
    } catch {
      /* a store that cannot be read now (a full disk, a lock held too long) is read again at the next poll */
    }
  }

  private pollRuns(): void {
    const states = this.store.runStates();
    for (const r of states) {
      const a = this.active.get(r.id);
      if (a) {
        // a control request from another lab process, for a run this one owns
        if (!r.control) continue;
        this.store.updateRun(r.id, { control: null });
        if (r.control === 'stop' || r.control === 'pause' || r.control === 'resume') a.handle.send({ type: r.control });
        continue;
      }
      // Runs owned by other lab processes (a CLI run seen by the app) change only in the store.
      const sig = `${r.status}:${r.step}:${r.collapse_warning ?? ''}`;
      const before = this.seen.get(r.id);
      if (!before) {
        this.seen.set(r.id, { sig, metricStep: r.step, progress: r.progress });
        continue;
      }
      if (r.progress !== before.progress) {
        before.progress = r.progress;
        if (r.progress && isTraining(r.status)) this.emit('event', { type: 'progress', runId: r.id, progress: JSON.parse(r.progress) });
      }
      if (before.sig === sig) continue;
      before.sig = sig;
      this.emitRun(r.id);
      const points = this.pointsAfter(r.id, before.metricStep);
      if (points.length) {
        before.metricStep = points.reduce((m, p) => Math.max(m, p.step), before.metricStep);
        // a backlog (a run written elsewhere in bulk) is announced, not sent: pages fetch what they show
        if (points.length > LIVE_POINTS_MAX) this.emit('event', { type: 'metrics', runId: r.id, points: [], incomplete: true });
        else this.emit('event', { type: 'metrics', runId: r.id, points });
      }
    }
    this.pump(states);
  }

  private pointsAfter(runId: number, step: number): MetricPoint[] {
    const out: MetricPoint[] = [];
    for (const [name, s] of Object.entries(this.store.metrics(runId, { afterStep: step })))
      for (let i = 0; i < s.step.length; i++) out.push({ name, step: s.step[i], time: s.time[i], value: s.value[i] });
    return out;
  }

  private mustGet(runId: number): RunRow {
    const r = this.store.getRun(runId);
    if (!r) throw new LabError('not-found', `no run ${runId}`, LIST_RUNS);
    return r;
  }

  private emitRun(runId: number): void {
    let r: RunRow | null;
    try {
      r = this.view(runId);
    } catch {
      return; // a store that cannot be read now: the next poll tells subscribers
    }
    if (r) this.emit('event', { type: 'run', run: r });
  }

  /** Resolves when the run reaches a final state (completed, stopped, failed, interrupted). */
  wait(runId: number): Promise<RunRow> {
    return new Promise((resolve) => {
      const check = () => {
        const r = this.view(runId);
        if (!r || isFinal(r.status)) {
          clearInterval(t);
          this.off('event', onEvent);
          resolve(r!);
        }
      };
      const onEvent = (e: LabEvent) => e.type === 'run' && e.run.id === runId && check();
      const t = setInterval(check, 500);
      this.on('event', onEvent);
      check();
    });
  }

  /** Stop watching; workers still running are killed (their runs become interrupted at the next start). */
  close(): void {
    this.closed = true;
    clearInterval(this.timer);
    for (const [runId, end] of this.pendingEnds) this.writeEnd(runId, end);
    for (const a of this.active.values()) a.handle.kill('SIGKILL');
  }

  activeCount(): number {
    return this.active.size;
  }
}
