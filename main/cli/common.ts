// Pieces shared by the CLI's command modules.
import type { ParseArgsConfig } from 'node:util';
import { Lab } from '../lab/lab.ts';
import { resolveHome } from '../lab/home.ts';
import fs from 'node:fs';
import path from 'node:path';
import { badInput, writeError } from '../common/errors.ts';
import { BACKEND_CHOICES, type BackendRequest, type RunRow } from '../common/vocabulary.ts';

export type Opts = Record<string, string | boolean | string[] | undefined>;
export interface Command {
  summary: string;
  usage: string;
  /** `--help`'s list of options, one line each with its default (commands without it print usage only) */
  help?: () => string;
  options: NonNullable<ParseArgsConfig['options']>;
  /** `args`: the command's own arguments as given (after the command name) */
  run(args: { opts: Opts; positionals: string[]; out: Output; args: string[] }): Promise<number | void>;
}

/** Where a command writes: human text or JSON lines. */
export class Output {
  constructor(readonly json: boolean) {}
  line(s: string): void {
    process.stdout.write(`${s}\n`);
  }
  obj(o: unknown): void {
    process.stdout.write(`${JSON.stringify(o)}\n`);
  }
  warn(s: string): void {
    process.stderr.write(`${s}\n`);
  }
}

export const home = { home: { type: 'string' as const } };
export const json = { json: { type: 'boolean' as const } };

export function int(v: unknown, flag: string, min = 0): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw badInput(`${flag} must be an integer ≥ ${min}, got "${v}"`);
  return n;
}

export function backendOpt(v: unknown): BackendRequest {
  if (v === undefined) return 'auto';
  if (!(BACKEND_CHOICES as readonly string[]).includes(v as string)) throw badInput(`--backend must be one of ${BACKEND_CHOICES.join(', ')}, got "${v}"`);
  return v as BackendRequest;
}

/** The lab of --home; `readOnly` for commands that only read it or free space, so that they work on a full disk. */
export function openLab(opts: Opts, mode: { readOnly?: boolean } = {}): Lab {
  return Lab.open(resolveHome(opts.home as string | undefined), mode);
}

export function runId(lab: Lab, v: string | undefined): RunRow {
  if (!v) throw badInput('give a run id (see `jepa-lab runs`)');
  if (!/^\d+$/.test(v)) throw badInput(`run id must be a number, got "${v}" (see \`jepa-lab runs\`)`);
  return lab.run(Number(v));
}

export const fmt = (v: number | null | undefined, digits = 4) => (v === null || v === undefined ? '—' : Number(v).toPrecision(digits));

export function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd()).join('\n');
}


/** Write a file the user named (--out): to a temporary name, then renamed, so a failure leaves no half file; errors say what to do. */
export function writeFileAtomic(dest: string, text: string, what: string): void {
  const tmp = `${dest}.tmp-${process.pid}`;
  try {
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, dest);
  } catch (e) {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      /* nothing was written there */
    }
    throw writeError(e, what, { userPlace: true, fix: 'choose a file in a folder you can write with --out (or free some space)' });
  }
}

/**
 * mkdir -p that reports why it failed: Node's recursive mkdir says ENOENT
 * where the real cause is a read-only file system or a missing permission,
 * so the first missing folder is made on its own to learn the cause.
 */
export function makeFolder(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    let first = path.resolve(dir);
    while (!fs.existsSync(path.dirname(first)) && path.dirname(first) !== first) first = path.dirname(first);
    fs.mkdirSync(first);
    throw e;
  }
}
