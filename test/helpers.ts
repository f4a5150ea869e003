// Shared test helpers: temporary lab homes and the CLI as a real child process.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const CLI = path.join(ROOT, 'bin', 'jepa-lab.mjs');

export function tempHome(tag = 'lab'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `jepa-test-${tag}-`));
}

export function cli(args: string[], opts: { home?: string; input?: string; env?: Record<string, string> } = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args, ...(opts.home ? ['--home', opts.home] : [])], {
    encoding: 'utf8',
    input: opts.input,
    env: { ...process.env, JEPA_LAB_BACKEND: 'wasm', ...opts.env },
    timeout: 180_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function cliAsync(args: string[], home: string) {
  return spawn(process.execPath, [CLI, ...args, '--home', home], { env: { ...process.env, JEPA_LAB_BACKEND: 'wasm' }, stdio: ['ignore', 'pipe', 'pipe'] });
}

export async function until<T>(fn: () => T | undefined | null | false, timeoutMs = 60_000, what = 'condition'): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The largest difference between a and b, relative to b's largest magnitude. */
export function relDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = 0;
  let m = 0;
  for (let i = 0; i < b.length; i++) (d = Math.max(d, Math.abs(a[i] - b[i]))), (m = Math.max(m, Math.abs(b[i])));
  return d / m;
}
