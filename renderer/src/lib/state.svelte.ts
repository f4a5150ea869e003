// App-wide live state: runs, datasets, progress of trainings, imports and jobs,
// kept current by lab events. Screens read it; each screen fetches its own details.
import { ACTIVE_STATUSES, RESUMABLE_STATUSES, isTraining, type RunRow, type DatasetRow, type Progress } from '../../../main/common/vocabulary.ts';
import type { ResultOf } from '../../../main/lab/api.ts';
import { lab, onLabEvent, onConnection, ApiError, hasToken } from './lab.ts';
import { router } from './router.svelte.ts';

export type { RunRow, DatasetRow, Progress };
export type Preset = ResultOf<'presets'>[number];

class LabState {
  runs = $state<RunRow[]>([]);
  datasets = $state<DatasetRow[]>([]);
  presets = $state<Preset[]>([]);
  info = $state<ResultOf<'info'> | null>(null);
  /** latest progress per run id (from 'progress' events) */
  progress = $state<Record<number, Progress>>({});
  /** import progress by dataset name */
  imports = $state<Record<string, { done: number; total: number }>>({});
  /** long jobs (embedding) by job key */
  jobs = $state<Record<string, { label: string; done: number; total: number }>>({});
  connection = $state<'open' | 'retrying' | 'closed'>('open');
  /** the desktop File menu's requests, for the screens that answer them: a counter for New Run…, the chosen path for Import Dataset… */
  menu = $state<{ newRun: number; importPath: { path: string } | null }>({ newRun: 0, importPath: null });
  /** a problem that stops the whole app (no token, server gone) */
  fatal = $state<string | null>(null);
  loaded = $state(false);

  private refreshTimer: ReturnType<typeof setTimeout> | null = null;

  async init(): Promise<void> {
    if (!hasToken()) {
      this.fatal = 'This page has no access token. Open the URL that `jepa-lab serve` printed (it ends in ?token=…).';
      return;
    }
    onConnection((s) => (this.connection = s));
    onLabEvent((e) => {
      switch (e.type) {
        case 'run': {
          const i = this.runs.findIndex((r) => r.id === e.run.id);
          if (i >= 0) this.runs[i] = e.run;
          else this.runs = [e.run, ...this.runs];
          if (!isTraining(e.run.status)) delete this.progress[e.run.id];
          break;
        }
        case 'progress':
          this.progress[e.runId] = e.progress;
          break;
        case 'metrics':
          // loss and kNN columns come from the run rows: refresh them, at most every 2 s
          this.refreshRunsSoon(2000);
          break;
        case 'import':
          this.imports[e.name] = { done: e.done, total: e.total };
          break;
        case 'job':
          if (e.done >= e.total) delete this.jobs[e.job];
          else this.jobs[e.job] = { label: e.label, done: e.done, total: e.total };
          break;
        case 'menu':
          // File › New Run…: the runs screen with the launch form open; File › Import Dataset…: the import form with the chosen path
          if (e.action === 'new-run') {
            this.menu.newRun++;
            router.go('runs');
          } else if (e.action === 'import') {
            if (e.path) this.menu.importPath = { path: e.path };
            router.go('datasets');
          }
          break;
      }
    });
    try {
      const [info, runs, datasets, presets] = await Promise.all([lab.info(), lab.runs(), lab.datasets(), lab.presets()]);
      this.info = info;
      this.runs = runs;
      this.datasets = datasets;
      this.presets = presets;
      this.loaded = true;
      // runs started by other lab processes (the CLI) send no events here: look now and then
      setInterval(() => {
        if (document.visibilityState === 'visible') this.refreshRunsSoon(0);
      }, 5000);
    } catch (e) {
      this.fatal =
        e instanceof ApiError && e.status === 401
          ? 'The lab refused this page\'s token (the server was restarted with a new one?). Open the URL that `jepa-lab serve` printed.'
          : `Cannot reach the lab: ${(e as Error).message}`;
    }
  }

  refreshRunsSoon(ms = 300): void {
    if (this.refreshTimer) return;
    this.refreshTimer = setTimeout(async () => {
      this.refreshTimer = null;
      try {
        this.runs = await lab.runs();
      } catch {
        /* the connection banner says it */
      }
    }, ms);
  }

  async refreshDatasets(): Promise<void> {
    this.datasets = await lab.datasets();
  }

  run(id: number): RunRow | undefined {
    return this.runs.find((r) => r.id === id);
  }
}

export const labState = new LabState();

export const ACTIVE: readonly string[] = ACTIVE_STATUSES;

/** A training run's latest progress: live from this lab's events, else as its owner stored it (a run the CLI trains). */
export function progressOf(run: RunRow): Progress | undefined {
  if (!isTraining(run.status)) return undefined;
  return labState.progress[run.id] ?? run.progress ?? undefined;
}

/** Seconds a run has trained: start to end (or now), pauses left out. */
export function activeSeconds(run: RunRow, now: number): number | null {
  if (!run.started_at) return null;
  const end = run.ended_at ?? (ACTIVE_STATUSES.includes(run.status) ? now : run.started_at);
  const paused = (run.paused_ms ?? 0) + (run.paused_at ? Math.max(0, (run.ended_at ?? now) - run.paused_at) : 0);
  return Math.max(0, (end - run.started_at - paused) / 1000);
}
export const RESUMABLE: readonly string[] = RESUMABLE_STATUSES;
