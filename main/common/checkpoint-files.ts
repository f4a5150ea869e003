// A checkpoint folder's files (worker/checkpoint/checkpoint.ts writes them),
// and what the lab can check of them without loading a network: every file
// there, each safetensors header parsing and its size matching the header,
// the JSON files parsing. `resume` uses this to choose the newest intact
// checkpoint, and `doctor` to report damaged ones.
import fs from 'node:fs';
import path from 'node:path';

export const CHECKPOINT_FILES = [
  'encoder.safetensors',
  'target_encoder.safetensors',
  'predictor.safetensors',
  'optimizer.safetensors',
  'config.json',
  'state.json',
] as const;
/** Written besides CHECKPOINT_FILES when the config has a projector (regularization.projector_dim > 0). */
export const PROJECTOR_FILE = 'projector.safetensors';

/** Bytes per value of the dtypes a safetensors header may name. */
const DTYPE_BYTES: Record<string, number> = { F64: 8, F32: 4, F16: 2, BF16: 2, I64: 8, I32: 4, I16: 2, I8: 1, U8: 1, BOOL: 1 };

/** What is wrong with a safetensors file, reading only its header; null when the header parses and the file's size is what it describes. */
export function safetensorsProblem(file: string): string | null {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : `cannot be read (${(e as Error).message})`;
  }
  try {
    const size = fs.fstatSync(fd).size;
    if (size < 8) return `${size} bytes: too short for a safetensors file`;
    const head = Buffer.alloc(8);
    fs.readSync(fd, head, 0, 8, 0);
    const hlen = Number(head.readBigUInt64LE(0));
    if (hlen <= 1 || 8 + hlen > size) return `its header length (${hlen} bytes) does not fit in the file (${size} bytes): the file is cut short or overwritten`;
    const text = Buffer.alloc(hlen);
    fs.readSync(fd, text, 0, hlen, 8);
    let header: Record<string, unknown>;
    try {
      header = JSON.parse(text.toString('utf8')) as Record<string, unknown>;
    } catch {
      return 'its header is not valid JSON';
    }
    let end = 0;
    for (const [name, info] of Object.entries(header)) {
      if (name === '__metadata__') continue;
      const t = info as { dtype?: string; shape?: number[]; data_offsets?: [number, number] };
      const bytes = DTYPE_BYTES[t.dtype ?? ''];
      if (!bytes || !Array.isArray(t.shape) || !Array.isArray(t.data_offsets)) return `tensor ${name} has a malformed header entry`;
      const [b0, b1] = t.data_offsets;
      if (b1 - b0 !== bytes * t.shape.reduce((a, b) => a * b, 1)) return `tensor ${name}'s data offsets do not match its shape`;
      end = Math.max(end, b1);
    }
    if (size !== 8 + hlen + end) return `${size} bytes, but its header describes ${8 + hlen + end}: the file is cut short or has extra bytes`;
    return null;
  } finally {
    fs.closeSync(fd);
  }
}

/** Files an imported checkpoint may lack: it holds what its source had (at least the target encoder, enough to embed). */
const OPTIONAL_IN_IMPORTS = new Set(['encoder.safetensors', 'predictor.safetensors', 'optimizer.safetensors']);

/** What is wrong with a checkpoint folder, file by file; [] when it looks whole. `step`: the step it should hold. */
export function checkpointProblems(dir: string, opts: { projector: boolean; step?: number }): string[] {
  if (!fs.existsSync(dir)) return [`${dir} is missing`];
  const problems: string[] = [];
  const files: string[] = [...CHECKPOINT_FILES, ...(opts.projector ? [PROJECTOR_FILE] : [])];
  const imported = isImport(path.join(dir, 'state.json'));
  for (const f of files) {
    const file = path.join(dir, f);
    if (imported && OPTIONAL_IN_IMPORTS.has(f) && !fs.existsSync(file)) continue;
    if (f.endsWith('.safetensors')) {
      const p = safetensorsProblem(file);
      if (p) problems.push(`${f}: ${p}`);
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (e) {
      problems.push(`${f}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'not valid JSON'}`);
      continue;
    }
    if (f === 'state.json' && opts.step !== undefined && (value as { step?: unknown }).step !== opts.step)
      problems.push(`state.json: holds step ${JSON.stringify((value as { step?: unknown }).step)}, not ${opts.step}`);
  }
  return problems;
}

/** Whether a checkpoint's state.json says it was imported (import-checkpoint writes `imported`). */
function isImport(stateFile: string): boolean {
  try {
    return (JSON.parse(fs.readFileSync(stateFile, 'utf8')) as { imported?: unknown }).imported !== undefined;
  } catch {
    return false; // a missing or broken state.json is reported as such
  }
}

/**
 * Leftovers of checkpoint writes that did not finish (a worker killed, a full
 * disk), in a run's checkpoint root: `<step>.tmp` folders are removed, and a
 * `<step>.old` whose `<step>` is missing is put back (the swap was cut between
 * its two renames). Only called while no worker writes there.
 */
export function cleanCheckpointRoot(root: string): string[] {
  const done: string[] = [];
  let names: string[];
  try {
    names = fs.readdirSync(root);
  } catch {
    return done;
  }
  for (const n of names) {
    const full = path.join(root, n);
    try {
      if (n.endsWith('.tmp')) {
        fs.rmSync(full, { recursive: true, force: true });
        done.push(`removed ${n}`);
      } else if (n.endsWith('.old')) {
        const base = full.slice(0, -4);
        if (fs.existsSync(base)) {
          fs.rmSync(full, { recursive: true, force: true });
          done.push(`removed ${n}`);
        } else {
          fs.renameSync(full, base);
          done.push(`restored ${path.basename(base)} from ${n}`);
        }
      }
    } catch {
      /* left for the next clean-up */
    }
  }
  return done;
}
