// node:fs for the worker in the desktop app's GPU window, which has no file
// system: reads come from the files the lab sent with the job (main/runs/browser-worker.ts),
// writes are kept here and sent to the lab as WorkerFsOp messages, in order, so a
// checkpoint's files are on disk before the 'checkpoint' message that names them.
// Only the calls the worker's job code makes are here.
import type { WorkerFsOp } from '../../main/common/protocol.ts';
import { normalize } from './shims/path.ts';

const files = new Map<string, Uint8Array>();
const dirs = new Set<string>();
let post: (op: WorkerFsOp) => void = () => {
  throw new Error('the GPU worker has no file system until the lab connects');
};

/** Connect to the lab: where operations go, and the files the job reads. */
export function connectFs(send: (op: WorkerFsOp) => void, initial: Record<string, Uint8Array>): void {
  post = send;
  for (const [p, data] of Object.entries(initial)) files.set(normalize(p), data);
}

const enoent = (p: string) => Object.assign(new Error(`ENOENT: no such file or directory, '${p}' (the GPU worker sees only the files the lab sent with its job)`), { code: 'ENOENT' });
const under = (dir: string) => (k: string) => k.startsWith(`${dir}/`);

function existsSync(p: string): boolean {
  const n = normalize(p);
  return files.has(n) || dirs.has(n) || [...files.keys()].some(under(n));
}

function readFileSync(p: string, enc?: string | { encoding?: string }): Uint8Array | string {
  const data = files.get(normalize(p));
  if (!data) throw enoent(p);
  const e = typeof enc === 'string' ? enc : enc?.encoding;
  return e ? new TextDecoder().decode(data) : data;
}

function writeFileSync(p: string, data: Uint8Array | string): void {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice();
  files.set(normalize(p), bytes);
  post({ type: 'fs', op: 'write', path: p, data: bytes });
}

function mkdirSync(p: string): void {
  dirs.add(normalize(p));
  post({ type: 'fs', op: 'mkdir', path: p });
}

function renameSync(from: string, to: string): void {
  const f = normalize(from);
  const t = normalize(to);
  if (!existsSync(f)) throw enoent(from);
  for (const k of [...files.keys()]) {
    if (k === f || under(f)(k)) {
      files.set(t + k.slice(f.length), files.get(k)!);
      files.delete(k);
    }
  }
  for (const d of [...dirs]) if (d === f || under(f)(d)) (dirs.delete(d), dirs.add(t + d.slice(f.length)));
  post({ type: 'fs', op: 'rename', from, to });
}

function rmSync(p: string, opts: { force?: boolean } = {}): void {
  const n = normalize(p);
  if (!existsSync(n)) {
    if (opts.force) return;
    throw enoent(p);
  }
  for (const k of [...files.keys()]) if (k === n || under(n)(k)) files.delete(k);
  for (const d of [...dirs]) if (d === n || under(n)(d)) dirs.delete(d);
  post({ type: 'fs', op: 'rm', path: p });
}

export default { existsSync, readFileSync, writeFileSync, mkdirSync, renameSync, rmSync };
