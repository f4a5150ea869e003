// The worker process: receives one job from the lab, runs it, reports by
// messages (main/common/protocol.ts) and exits. Each job kind's module is
// loaded only when that job arrives, so jobs that need no TensorFlow.js
// (evaluate, map) start without loading it. The lab stores everything; the
// worker writes only checkpoint folders.
import type { Job, ToWorker } from '../main/common/protocol.ts';
import type { Channel, Control, JobRunner } from './channel.ts';
import { LabError } from '../main/common/errors.ts';

type Runners = { [K in Job['kind']]: () => Promise<{ run: JobRunner<Extract<Job, { kind: K }>> }> };
const RUNNERS: Runners = {
  train: () => import('./train/train.ts'),
  features: () => import('./jobs/features.ts'),
  'mask-error': () => import('./jobs/mask-error.ts'),
  evaluate: () => import('./jobs/evaluate.ts'),
  map: () => import('./jobs/map.ts'),
  bench: () => import('./jobs/bench.ts'),
  doctor: () => import('./jobs/doctor.ts'),
  'import-checkpoint': () => import('./jobs/import-checkpoint.ts'),
  'export-checkpoint': () => import('./jobs/export-checkpoint.ts'),
};

export async function runJob(job: Job, ch: Channel, control: Control): Promise<void> {
  const { run } = await RUNNERS[job.kind]();
  await (run as JobRunner<Job>)(job, ch, control);
}

/** Serve one job over a channel; exits the process when the job ends. */
export function serve(ch: Channel, exit: (code: number) => void): void {
  let started = false;
  const control: Control = { paused: false, stop: false };
  ch.onMessage((msg) => {
    if (msg.type === 'start' && !started) {
      started = true;
      runJob(msg.job, ch, control).then(
        () => exit(0),
        (e: unknown) => {
          // the lab's bad-input errors (main/common/errors) keep their kind: the CLI exits 2 for them
          const bad = e instanceof LabError && (e.kind === 'bad-input' || e.kind === 'not-found');
          ch.send({ type: 'error', message: e instanceof Error ? e.message : String(e), ...(bad ? { kind: 'bad-input' as const } : {}) });
          exit(1);
        },
      );
    } else if (msg.type === 'pause') control.paused = true;
    else if (msg.type === 'resume') control.paused = false;
    else if (msg.type === 'stop') control.stop = true;
  });
}

// Entry point under child_process.fork. (In the desktop app's GPU window there is
// no `process`: worker/browser/entry.ts calls serve itself.)
const nodeProcess = typeof process !== 'undefined' ? process : null;
if (nodeProcess?.send && nodeProcess.env.JEPA_LAB_WORKER === '1') {
  let inFlight = 0;
  let exitCode: number | null = null;
  const maybeExit = () => {
    if (exitCode !== null && inFlight === 0) process.exit(exitCode);
  };
  serve(
    {
      send: (m) => {
        inFlight++;
        process.send!(m, undefined, {}, () => {
          inFlight--;
          maybeExit();
        });
      },
      onMessage: (fn) => process.on('message', (m) => fn(m as ToWorker)),
    },
    (code) => {
      exitCode = code;
      maybeExit();
    },
  );
  // The lab went away: nobody will read our results, so stop (no orphans).
  process.on('disconnect', () => process.exit(exitCode ?? 3));
}

// Entry point under Electron's utilityProcess (the desktop app).
const parentPort = (nodeProcess as unknown as { parentPort?: { postMessage(m: unknown): void; on(ev: 'message', fn: (e: { data: unknown }) => void): void } } | null)?.parentPort;
if (parentPort && nodeProcess?.env.JEPA_LAB_WORKER === '1') {
  serve(
    {
      send: (m) => parentPort.postMessage(m),
      onMessage: (fn) => parentPort.on('message', (e) => fn(e.data as ToWorker)),
    },
    // postMessage is queued synchronously; give it a moment to flush before exiting
    (code) => setTimeout(() => process.exit(code), 100),
  );
}
