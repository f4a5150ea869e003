// `train --detach` and `resume --detach`: the command runs again in a
// background process of its own (its own session, so it outlives the
// terminal and the CLI), which does every check, creates or resumes the run
// and hands its id back on a pipe; the CLI prints it and returns. The
// background process owns the run (the run manager kills a lab's workers when
// that lab exits) and ends when the run does.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Lab } from '../lab/lab.ts';
import type { RunRow } from '../common/vocabulary.ts';
import type { Output } from './common.ts';

const CLI_ENTRY = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'jepa-lab.mjs');
/** The file descriptor the background process hands the run back on. */
const HANDSHAKE_FD = 3;

export const isDetachedChild = () => process.env.JEPA_LAB_DETACHED === '1';

/** Run the same command (`args`: its name and arguments) in the background; print its run (or relay its refusal, with its exit code). */
export function detach(args: string[], out: Output): Promise<number> {
  const child = spawn(process.execPath, [CLI_ENTRY, ...args.filter((a) => a !== '--detach')], {
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    env: { ...process.env, JEPA_LAB_DETACHED: '1' },
  });
  const handshake = child.stdio[HANDSHAKE_FD] as NodeJS.ReadableStream;
  let stderr = '';
  let got = '';
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  return new Promise((resolve) => {
    let settled = false;
    handshake.on('data', (d: Buffer) => {
      got += d.toString();
      const nl = got.indexOf('\n');
      if (nl < 0 || settled) return;
      settled = true;
      const run = JSON.parse(got.slice(0, nl)) as { run_id: number; status: string; name: string; step: number; total_steps: number; pid: number };
      child.stderr!.destroy();
      (handshake as unknown as { destroy(): void }).destroy();
      child.unref();
      if (out.json) out.obj({ event: 'detached', ...run });
      else
        out.line(
          `run ${run.run_id} "${run.name}" ${run.status} in the background (pid ${run.pid}), step ${run.step}/${run.total_steps}; ` +
            `follow it with \`jepa-lab show ${run.run_id}\`, stop it with \`jepa-lab stop ${run.run_id}\``,
        );
      resolve(0);
    });
    child.on('exit', (code) => {
      if (settled) return;
      settled = true;
      // refused before a run existed: the background process's own message and exit code
      process.stderr.write(stderr);
      resolve(code ?? 1);
    });
  });
}

/** In the background process: hand the run back, go quiet (nobody reads our output now), and stay until the run ends. */
export async function detachedFollow(lab: Lab, run: RunRow): Promise<number> {
  fs.writeSync(HANDSHAKE_FD, `${JSON.stringify({ run_id: run.id, status: run.status, name: run.name, step: run.step, total_steps: run.total_steps, pid: process.pid })}\n`);
  fs.closeSync(HANDSHAKE_FD);
  const quiet = (_chunk: unknown, enc?: unknown, cb?: unknown) => {
    const done = typeof enc === 'function' ? enc : cb;
    if (typeof done === 'function') done();
    return true;
  };
  process.stdout.write = quiet as typeof process.stdout.write;
  process.stderr.write = quiet as typeof process.stderr.write;
  // a stop from the app or `jepa-lab stop` reaches the run through the store; a signal here stops it the same way
  const stop = () => {
    try {
      lab.stop(run.id);
    } catch {
      /* already ending */
    }
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  const end = await lab.wait(run.id);
  lab.close();
  return end.status === 'failed' ? 1 : 0;
}
