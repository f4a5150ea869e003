// A Python with torch for the checkpoint tests (Debian's python3-torch is at
// /usr/bin/python3, which a pyenv python3 on PATH may hide), and a runner for
// short scripts that answer in JSON on their last line of stdout.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

function find(module: string): { python: string | null; why: string } {
  const tried: string[] = [];
  for (const py of ['python3', '/usr/bin/python3']) {
    const r = spawnSync(py, ['-c', `import ${module}`], { encoding: 'utf8', timeout: 60_000 });
    if (r.status === 0) return { python: py, why: '' };
    tried.push(`${py}: ${r.error ? r.error.message : (r.stderr || '').trim().split('\n').pop()}`);
  }
  return { python: null, why: tried.join('; ') };
}

export const torchPython = find('torch');
/** Any python3 (plain pickle is enough to show that a crafted file would run its payload). */
export const anyPython = find('pickle');

/** Run `script` with `args`; returns the JSON printed on the last line of stdout (throws with stderr on failure). */
export function runPython<T = Record<string, unknown>>(python: string, dir: string, script: string, args: string[] = [], env: Record<string, string> = {}): T {
  const file = path.join(dir, `script-${Math.random().toString(36).slice(2)}.py`);
  fs.writeFileSync(file, script);
  const r = spawnSync(python, [file, ...args], { encoding: 'utf8', timeout: 120_000, maxBuffer: 256 * 2 ** 20, env: { ...process.env, ...env } });
  if (r.status !== 0) throw new Error(`python failed (${r.status}): ${r.stderr}\n${r.stdout.slice(-2000)}`);
  const lines = r.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]) as T;
}
