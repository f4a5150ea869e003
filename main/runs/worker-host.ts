// Starting a worker process, behind one interface: child_process.fork under
// Node (CLI, HTTP server, tests); Electron's utilityProcess in the desktop app
// (main/electron/electron.ts registers its own launcher with setWorkerLauncher).
import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundledEntry } from '../common/bundle.ts';
import type { FromWorker, ToWorker } from '../common/protocol.ts';

export interface WorkerHandle {
  readonly pid: number | undefined;
  send(msg: ToWorker): void;
  onMessage(fn: (msg: FromWorker) => void): void;
  /** called once with the exit code (null + signal when killed), and the end of the worker's stderr where the launcher keeps it */
  onExit(fn: (code: number | null, signal: string | null, stderr?: string) => void): void;
  kill(signal?: NodeJS.Signals): void;
}

export type WorkerLauncher = () => WorkerHandle;

const here = path.dirname(fileURLToPath(import.meta.url));
export const WORKER_ENTRY = path.resolve(here, '..', '..', 'worker', 'main.ts');

/**
 * V8 flags of every worker process (its gradient threads share them). A 4 MiB young
 * generation instead of V8's 16: a step leaves little garbage on the JavaScript heap,
 * and the smaller one lowers the peak RSS at no measured cost (docs/bench/blas.md, "Memory").
 */
export const WORKER_EXEC_ARGV = ['--max-old-space-size=8192', '--max-semi-space-size=4'];

/** child_process.fork of the worker's sources, bundled into one module (main/common/bundle.ts), with structured-clone IPC. */
export function forkWorker(): WorkerHandle {
  const child = fork(bundledEntry(WORKER_ENTRY), [], {
    execArgv: WORKER_EXEC_ARGV,
    serialization: 'advanced',
    env: { ...process.env, JEPA_LAB_WORKER: '1' },
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  return {
    get pid() {
      return child.pid;
    },
    send: (m) => {
      if (child.connected) child.send(m);
    },
    onMessage: (fn) => child.on('message', (m) => fn(m as FromWorker)),
    onExit: (fn) =>
      child.on('exit', (code, signal) => {
        if (code && stderr) process.env.JEPA_LAB_DEBUG && console.error(stderr);
        fn(code, signal, stderr);
      }),
    kill: (sig = 'SIGTERM') => child.kill(sig),
  };
}

/**
 * Why a worker ended without saying so itself: its exit code or signal, and the last
 * lines of its stderr (a native crash or an out-of-memory abort says what it was only there).
 */
export function workerEnd(code: number | null, signal: string | null, stderr?: string): string {
  const how = signal ? `worker killed by ${signal}` : `worker exited with code ${code}`;
  const tail = (stderr ?? '').trim().split('\n').slice(-3).join(' | ').slice(-600);
  return tail ? `${how}; its last output: ${tail}` : how;
}

let launcher: WorkerLauncher = forkWorker;
export function setWorkerLauncher(l: WorkerLauncher): void {
  launcher = l;
}
export function launchWorker(): WorkerHandle {
  return launcher();
}
