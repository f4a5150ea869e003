// The CLI's edges, as a user meets them (a real child process, a real home):
// each refusal exits 2 with a message that names the problem and the fix,
// and --detach returns the run id at once while the run trains on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Store } from '../../../main/store/store.ts';
import { tempHome, cli, until } from '../../helpers.ts';

const h = tempHome('edges');
const mounts: string[] = [];
beforeAll(() => {
  const r = cli(['train', '--preset', 'tiny', '--steps', '3', '--json'], { home: h });
  expect(r.code, r.stderr).toBe(0);
});
afterAll(() => {
  for (const m of mounts) spawnSync('umount', ['-l', m]);
  fs.rmSync(h, { recursive: true, force: true, maxRetries: 5 });
});

const noStack = (s: string) => expect(s).not.toMatch(/\n\s+at /);

describe('CLI edges', () => {
  it('serve --port 99999 exits 2 naming the port and the range', () => {
    const r = cli(['serve', '--port', '99999'], { home: h });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--port must be an integer from 0 to 65535 \(0 = any free port\), got 99999/);
    noStack(r.stderr);
  });

  it('export --out to a place that cannot be written exits 2 naming why, and leaves no half file', () => {
    const file = path.join(h, 'a-file');
    fs.writeFileSync(file, 'x');
    for (const [format, out] of [['csv', path.join(file, 'm.csv')], ['json', path.join(file, 'm.json')], ['safetensors', path.join(file, 'ckpt')]]) {
      const r = cli(['export', '1', '--format', format, '--out', out], { home: h });
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/cannot write .* part of the path is a file, not a folder \(ENOTDIR\); choose a .*--out/);
      noStack(r.stderr);
    }
    // a read-only file system, where the test may mount one (as root, file permissions do not stop writes)
    const ro = tempHome('ro');
    if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m,ro', 'tmpfs', ro]).status === 0) {
      mounts.push(ro);
      for (const [format, out] of [['csv', path.join(ro, 'm.csv')], ['safetensors', path.join(ro, 'ckpt', 'inner')]]) {
        const r = cli(['export', '1', '--format', format, '--out', out], { home: h });
        expect(r.code, r.stderr).toBe(2);
        expect(r.stderr).toMatch(/the file system is read-only \(EROFS\)/);
      }
      expect(fs.readdirSync(ro)).toEqual([]);
    }
  });

  it('--steps -5 says what is wrong with the value (as --steps=-5 does), not "ambiguous"', () => {
    for (const args of [['--steps', '-5'], ['--steps=-5'], ['--epochs', '-2']]) {
      const r = cli(['train', '--preset', 'tiny', ...args], { home: h });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/--(steps|epochs) must be an integer ≥ 1, got "-[52]"/);
      expect(r.stderr).not.toMatch(/ambiguous/);
    }
  });

  it("data.dataset in a config file is honoured, and refused when --dataset names another", () => {
    const cfg = path.join(h, 'ds.json');
    fs.writeFileSync(cfg, JSON.stringify({ data: { dataset: 'no-such-set' } }));
    const conflict = cli(['train', '--preset', 'tiny', '--dataset', 'digits', '--config', cfg], { home: h });
    expect(conflict.code).toBe(2);
    expect(conflict.stderr).toMatch(/the config's data\.dataset is "no-such-set" but --dataset is "digits"; give the dataset once/);
    // honoured: it names the dataset to train on (here one that does not exist, so the message names it)
    const honoured = cli(['train', '--preset', 'tiny', '--config', cfg], { home: h });
    expect(honoured.code).toBe(2);
    expect(honoured.stderr).toMatch(/no dataset "no-such-set"/);
  });

  it('--detach returns the run id at once; the run trains to its end in a background process that outlives the CLI', async () => {
    const t0 = Date.now();
    const r = cli(['train', '--preset', 'tiny', '--steps', '60', '--detach', '--json'], { home: h });
    const seconds = (Date.now() - t0) / 1000;
    expect(r.code, r.stderr).toBe(0);
    const line = JSON.parse(r.stdout.trim());
    expect(line).toMatchObject({ event: 'detached', total_steps: 60 });
    expect(typeof line.run_id).toBe('number');
    const store = new Store(path.join(h, 'lab.db'));
    try {
      // the CLI is gone; the run is not done yet, and then it is, owned by the background process
      expect(store.getRun(line.run_id)!.status).not.toBe('completed');
      expect(store.getRun(line.run_id)!.owner_pid).toBe(line.pid);
      const end = await until(() => {
        const run = store.getRun(line.run_id)!;
        return run.status === 'completed' || run.status === 'failed' ? run : null;
      }, 120_000, 'the detached run to end');
      expect(end.status).toBe('completed');
      expect(end.step).toBe(60);
      expect(seconds).toBeLessThan(60);
      // the background process ends with its run
      await until(() => {
        try {
          process.kill(line.pid, 0);
          return false;
        } catch {
          return true;
        }
      }, 20_000, 'the background process to exit');
    } finally {
      store.close();
    }
    // a refused detached train exits 2 with the background process's message, and leaves no run
    const bad = cli(['train', '--preset', 'tiny', '--steps', '0', '--detach'], { home: h });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--steps must be an integer ≥ 1, got "0"/);
    // resume --detach, on a stopped run: one too long to end before `stop` comes (80 tiny steps
    // sometimes ended first, and stop then refused a completed run), stopped again once it trains on
    const stopped = JSON.parse(cli(['train', '--preset', 'tiny', '--steps', '100000', '--detach', '--json'], { home: h }).stdout);
    const stop = cli(['stop', String(stopped.run_id)], { home: h });
    expect(stop.code, stop.stderr).toBe(0);
    const s2 = new Store(path.join(h, 'lab.db'));
    try {
      const at = s2.getRun(stopped.run_id)!.step;
      expect(s2.getRun(stopped.run_id)!.status).toBe('stopped');
      const res = cli(['resume', String(stopped.run_id), '--detach'], { home: h });
      expect(res.code, res.stderr).toBe(0);
      expect(res.stdout).toMatch(new RegExp(`run ${stopped.run_id} ".*" (queued|running) in the background \\(pid \\d+\\)`));
      await until(() => {
        const run = s2.getRun(stopped.run_id)!;
        return run.status === 'running' && run.step > at;
      }, 120_000, 'the resumed run to train on from its checkpoint');
      expect(cli(['stop', String(stopped.run_id)], { home: h }).code).toBe(0);
    } finally {
      s2.close();
    }
  });
});
