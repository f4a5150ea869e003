// The run manager: starts training workers, relays their messages into the
// store and to subscribers, queues runs so one trains per device at a time,
// and turns crashes into resumable states.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EventEmitter } from 'node:events';
import type { Store, RunRow, RunState } from './store.ts';
import { launchWorker, type WorkerHandle } from './worker-host.ts';
import { describeBackend, type BackendRequest } from '../worker/backend.ts';
import type { FromWorker, Progress } from '../worker/protocol.ts';
import { badInput, LabError } from './errors.ts';

export function pidAlive(pid: number | null): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

interface Active {
  handle: WorkerHandle;
  done: boolean;
  lastError: string | null;
  stopTimer?: NodeJS.Timeout;
}

export interface RunManagerEvents {
  progress: [runId: number, progress: Progress];
  run: [run: RunRow];
  metrics: [runId: number];
  event: [runId: number, level: string, message: string];
}

export class RunManager extends EventEmitter<RunManagerEvents> {
  private active = new Map<number, Active>();
  private backends = new Map<number, BackendRequest>();
  private timer: NodeJS.Timeout;
  private closed = false;
  /** trainings allowed at once on this host */
  concurrency = 1;

  constructor(
    private store: Store,
    private home: string,
  ) {
    super();
    this.recoverInterrupted();
    // Control requests from other lab processes (CLI ↔ app) and the queue.
    this.timer = setInterval(() => this.poll(), 500);
    this.timer.unref();
  }

  checkpointRoot(runId: number): string {
    return path.join(this.home, 'runs', String(runId), 'checkpoints');
  }

  /** Runs left running by a lab process that no longer exists become `interrupted` (resumable). */
  recoverInterrupted(): number {
    let n = 0;
    for (const r of this.store.listRuns()) {
      if ((r.status === 'running' || r.status === 'paused' || r.status === 'queued') && r.host === os.hostname() && !pidAlive(r.owner_pid)) {
        if (r.worker_pid && pidAlive(r.worker_pid)) {
          try {
            process.kill(r.worker_pid, 'SIGKILL');
          } catch {
            /* already gone */
          }
        }
        this.store.updateRun(r.id, { status: 'interrupted', ended_at: Date.now(), worker_pid: null, control: null });
        this.store.addEvent(r.id, 'warning', `the lab process (pid ${r.owner_pid}) ended while this run was ${r.status}; marked interrupted — resume it to continue from its last checkpoint`);
        n++;
      }
    }
    return n;
  }

  /** Trainings in progress on this host, by any lab process. */
  private busyCount(states: RunState[]): number {
    return states.filter((r) => (r.status === 'running' || r.status === 'paused') && r.host === os.hostname() && pidAlive(r.owner_pid)).length;
  }

  /** Start a run now, or queue it if the device is busy. */
  start(runId: number, backend: BackendRequest = 'auto'): void {
    this.backends.set(runId, backend);
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

  private spawn(run: RunRow): void {
    const ckpts = this.store.checkpoints(run.id);
    const resume = ckpts.length ? ckpts[ckpts.length - 1] : null;
    if (resume && !fs.existsSync(resume.path)) throw new LabError('failure', `checkpoint ${resume.path} of run ${run.id} is missing on disk`);
    // A resumed run recomputes everything after its checkpoint: drop those points so the curve has no duplicates.
    this.store.deleteMetricsAfter(run.id, resume?.step ?? -1);
    const dataset = this.store.getDataset(run.dataset_id);
    if (!dataset) throw badInput(`dataset ${run.dataset_id} of run ${run.id} no longer exists`);
    const handle = launchWorker();
    const a: Active = { handle, done: false, lastError: null };
    this.active.set(run.id, a);
    this.store.updateRun(run.id, {
      status: 'running',
      started_at: run.started_at ?? Date.now(),
      ended_at: null,
      worker_pid: handle.pid ?? null,
      owner_pid: process.pid,
      step: resume?.step ?? 0,
    });
    this.emitRun(run.id);
    handle.onMessage((m) => this.onMessage(run.id, a, m));
    handle.onExit((code, signal) => this.onExit(run.id, a, code, signal));
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
      },
    });
  }

  private onMessage(runId: number, a: Active, m: FromWorker): void {
    if (this.closed) return;
    switch (m.type) {
      case 'ready':
        this.store.updateRun(runId, { backend: describeBackend(m.backend) + (m.gradientThreads && m.gradientThreads > 1 && !m.backend.blas ? ` × ${m.gradientThreads} gradient threads` : '') });
        this.emitRun(runId);
        break;
      case 'progress':
        this.store.updateRun(runId, { step: m.progress.step, total_steps: m.progress.totalSteps });
        this.emit('progress', runId, m.progress);
        break;
      case 'metrics':
        this.store.appendMetrics(runId, m.points);
        this.emit('metrics', runId);
        break;
      case 'checkpoint':
        this.store.addCheckpoint({ run_id: runId, step: m.step, path: m.path, bytes: m.bytes });
        break;
      case 'event':
        this.store.addEvent(runId, m.level, m.message);
        if (m.level === 'warning' && m.message.startsWith('collapse')) this.store.updateRun(runId, { collapse_warning: m.message });
        this.emit('event', runId, m.level, m.message);
        break;
      case 'paused':
        this.store.updateRun(runId, { status: 'paused', step: m.step });
        this.emitRun(runId);
        break;
      case 'resumed':
        this.store.updateRun(runId, { status: 'running' });
        this.emitRun(runId);
        break;
      case 'error':
        a.lastError = m.message;
        this.store.addEvent(runId, 'error', m.message);
        break;
      case 'done':
        a.done = true;
        this.store.updateRun(runId, { status: m.status, step: m.step, ended_at: Date.now(), worker_pid: null, control: null });
        this.store.addEvent(runId, 'info', `${m.status} at step ${m.step}${m.finalLoss !== null ? `, loss ${m.finalLoss.toPrecision(4)}` : ''}`);
        this.emitRun(runId);
        break;
    }
  }

  private onExit(runId: number, a: Active, code: number | null, signal: string | null): void {
    clearTimeout(a.stopTimer);
    this.active.delete(runId);
    if (this.closed) return;
    if (!a.done) {
      const why = a.lastError ?? (signal ? `worker killed by ${signal}` : `worker exited with code ${code}`);
      this.store.updateRun(runId, { status: 'failed', error: why, ended_at: Date.now(), worker_pid: null, control: null });
      this.store.addEvent(runId, 'error', `run failed: ${why}; resume it to continue from its last checkpoint`);
      this.emitRun(runId);
    }
    this.pump();
  }

  /** Ask a run to stop (it checkpoints first). Works across lab processes through the store. */
  stop(runId: number): void {
    const run = this.mustGet(runId);
    if (run.status === 'queued') {
      this.store.updateRun(runId, { status: 'stopped', ended_at: Date.now() });
      this.emitRun(runId);
      return;
    }
    if (run.status !== 'running' && run.status !== 'paused') throw badInput(`run ${runId} is ${run.status}, not running; nothing to stop`);
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

  /** (status, step) of runs other lab processes own, to notice their changes. */
  private seen = new Map<number, string>();

  private poll(): void {
    // Runs owned by other lab processes (a CLI run seen by the app) change only in the store.
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
      const sig = `${r.status}:${r.step}:${r.collapse_warning ?? ''}`;
      const before = this.seen.get(r.id);
      this.seen.set(r.id, sig);
      if (before === undefined || before === sig) continue;
      this.emitRun(r.id);
      if (before.split(':')[1] !== String(r.step)) this.emit('metrics', r.id);
    }
    this.pump(states);
  }

  private mustGet(runId: number): RunRow {
    const r = this.store.getRun(runId);
    if (!r) throw new LabError('not-found', `no run ${runId}; list runs with \`jepa-lab runs\``);
    return r;
  }

  private emitRun(runId: number): void {
    const r = this.store.getRun(runId);
    if (r) this.emit('run', r);
  }

  /** Resolves when the run reaches a final state (completed, stopped, failed). */
  wait(runId: number): Promise<RunRow> {
    return new Promise((resolve) => {
      const check = () => {
        const r = this.store.getRun(runId);
        if (!r || ['completed', 'stopped', 'failed', 'interrupted'].includes(r.status)) {
          clearInterval(t);
          this.off('run', onRun);
          resolve(r!);
        }
      };
      const onRun = (r: RunRow) => r.id === runId && check();
      const t = setInterval(check, 500);
      this.on('run', onRun);
      check();
    });
  }

  /** Stop watching; workers still running are killed (their runs become interrupted at the next start). */
  close(): void {
    this.closed = true;
    clearInterval(this.timer);
    for (const a of this.active.values()) a.handle.kill('SIGKILL');
  }

  activeCount(): number {
    return this.active.size;
  }
}
