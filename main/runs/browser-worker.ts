// A worker that lives in a browser (the desktop app's hidden GPU window, or
// Chromium in the tests) behind the run manager's WorkerHandle interface. It
// speaks the same ToWorker / FromWorker messages over a MessagePort-like
// channel; having no file system, it gets the files its job reads before the
// job, and asks this side to write its checkpoints (main/common/protocol.ts,
// WorkerFsOp). Writes are confined to the job's checkpoint folder.
import fs from 'node:fs';
import path from 'node:path';
import type { FromBrowserWorker, FromWorker, Job, ToBrowserWorker, ToWorker, WorkerFsOp } from '../common/protocol.ts';
import type { WorkerHandle } from './worker-host.ts';

/** The lab's end of the channel (Electron's MessagePortMain, or a test's bridge to a page). */
export interface PortLike {
  postMessage(msg: ToBrowserWorker): void;
  onMessage(fn: (msg: FromBrowserWorker) => void): void;
}

/** Regular files directly in a folder (the job's dataset, checkpoint), path → bytes; none for a missing folder. */
function filesIn(dir: string | undefined, only?: (name: string) => boolean): Record<string, Uint8Array> {
  const out: Record<string, Uint8Array> = {};
  if (!dir || !fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true }))
    if (e.isFile() && (!only || only(e.name))) out[`${dir}/${e.name}`] = new Uint8Array(fs.readFileSync(path.join(dir, e.name)));
  return out;
}

/** What a job reads from disk, and the one folder it may write in. */
export function jobFiles(job: Job): { files: Record<string, Uint8Array>; writable: string | null } {
  switch (job.kind) {
    case 'train':
      // the out-of-memory note an earlier attempt left sits in the checkpoint root (worker/train/memory.ts)
      return { files: { ...filesIn(job.datasetDir), ...filesIn(job.resumeFrom), ...filesIn(job.checkpointRoot, (n) => n.endsWith('.json')) }, writable: job.checkpointRoot };
    case 'features':
    case 'mask-error':
      return { files: { ...filesIn(job.datasetDir), ...filesIn(job.checkpoint) }, writable: null };
    case 'evaluate':
      return { files: filesIn(job.datasetDir), writable: null };
    default:
      return { files: {}, writable: null };
  }
}

/** Carry out a worker's file operation, refusing any outside `root`. */
export function applyFsOp(op: WorkerFsOp, root: string | null): void {
  const inside = (p: string) => {
    const r = root ? path.resolve(root) : null;
    const abs = path.resolve(p);
    if (!r || (abs !== r && !abs.startsWith(r + path.sep))) throw new Error(`refused: the GPU worker may write only in its run's checkpoint folder${root ? ` (${root})` : ''}, not ${p}`);
    return abs;
  };
  if (op.op === 'write') fs.writeFileSync(inside(op.path), op.data);
  else if (op.op === 'mkdir') fs.mkdirSync(inside(op.path), { recursive: true });
  else if (op.op === 'rename') fs.renameSync(inside(op.from), inside(op.to));
  else fs.rmSync(inside(op.path), { recursive: true, force: true });
}

/**
 * A WorkerHandle over a browser worker's port. `close` ends the browser side
 * (closes the window or page); the handle's exit is the worker's 'exit' message,
 * or a kill.
 */
export function browserWorkerHandle(port: PortLike, close: () => void, pid?: number): WorkerHandle {
  const listeners: ((m: FromWorker) => void)[] = [];
  const exitFns: ((code: number | null, signal: string | null) => void)[] = [];
  let writable: string | null = null;
  let ended = false;
  const end = (code: number | null, signal: string | null) => {
    if (ended) return;
    ended = true;
    close();
    for (const f of exitFns) f(code, signal);
  };
  port.onMessage((m) => {
    if (ended) return;
    if (m.type === 'exit') return end(m.code, null);
    if (m.type === 'fs') {
      try {
        applyFsOp(m, writable);
      } catch (e) {
        // a worker that cannot save must not carry on as if it had
        for (const f of listeners) f({ type: 'error', message: e instanceof Error ? e.message : String(e) });
        return end(1, null);
      }
      return;
    }
    for (const f of listeners) f(m);
  });
  return {
    pid,
    send(msg: ToWorker) {
      if (ended) return;
      if (msg.type === 'start') {
        const { files, writable: w } = jobFiles(msg.job);
        writable = w;
        port.postMessage({ type: 'files', files });
      }
      port.postMessage(msg);
    },
    onMessage: (fn) => void listeners.push(fn),
    onExit: (fn) => void exitFns.push(fn),
    kill: (sig = 'SIGTERM') => end(null, sig),
  };
}
