// The lab service end to end under Node: real SQLite files in temp folders,
// real worker processes training the tiny preset on the bundled digits.
import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Lab } from '../../../main/lab/lab.ts';
import { Store, MIGRATIONS, SCHEMA_VERSION } from '../../../main/store/store.ts';
import { resolveConfig } from '../../../main/common/config.ts';
import { tempHome, cli, cliAsync, until } from '../../helpers.ts';

const homes: string[] = [];
const home = (t: string) => {
  const h = tempHome(t);
  homes.push(h);
  return h;
};
afterAll(() => homes.forEach((h) => fs.rmSync(h, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 })));

const tiny = (steps: number, extra: Record<string, unknown> = {}) => ({
  preset: 'tiny',
  steps,
  seed: 7,
  backend: 'wasm' as const,
  config: { logging: { log_every: 1, eval_every: 0, checkpoint_every: 5 }, ...extra },
});

describe('run lifecycle', () => {
  it('start → metrics arrive → stop leaves a stopped run with a checkpoint', async () => {
    const lab = Lab.open(home('stop'));
    const run = await lab.train(tiny(100000));
    await until(() => (lab.store.metrics(run.id, { names: ['loss'] }).loss?.step.length ?? 0) >= 3, 90_000, 'loss points');
    expect(lab.run(run.id).status).toBe('running');
    lab.stop(run.id);
    const end = await lab.wait(run.id);
    expect(end.status).toBe('stopped');
    expect(end.step).toBeGreaterThanOrEqual(3);
    const cks = lab.store.checkpoints(run.id);
    expect(cks.at(-1)!.step).toBe(end.step);
    expect(fs.existsSync(path.join(cks.at(-1)!.path, 'encoder.safetensors'))).toBe(true);
    expect(end.backend).toMatch(/^wasm/);
    lab.close();
  });

  it('a killed worker leaves the run failed with its metrics; resume continues the same curve', async () => {
    // Long enough that the kill lands mid-run even on a loaded machine.
    const KILL_STEPS = 48;
    // Reference: the same config, uninterrupted.
    const labA = Lab.open(home('ref'));
    const ref = await labA.train(tiny(KILL_STEPS));
    expect((await labA.wait(ref.id)).status).toBe('completed');
    const refLoss = labA.store.metrics(ref.id, { names: ['loss'] }).loss;
    labA.close();

    const lab = Lab.open(home('kill'));
    const run = await lab.train(tiny(KILL_STEPS));
    await until(() => lab.store.checkpoints(run.id).length >= 1 && lab.run(run.id).step >= 7, 90_000, 'a checkpoint and step 7');
    const pid = lab.run(run.id).worker_pid!;
    process.kill(pid, 'SIGKILL');
    const failed = await lab.wait(run.id);
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/SIGKILL/);
    const before = lab.store.metrics(run.id, { names: ['loss'] }).loss;
    expect(before.step.length).toBeGreaterThanOrEqual(5); // flushed before the kill
    lab.resume(run.id, 'wasm');
    const done = await lab.wait(run.id);
    expect(done.status).toBe('completed');
    const after = lab.store.metrics(run.id, { names: ['loss'] }).loss;
    // No gaps, no duplicates: every step exactly once.
    expect(after.step).toEqual(Array.from({ length: KILL_STEPS }, (_, i) => i + 1));
    // The same curve as the uninterrupted run (same data order, schedules, masks).
    for (let i = 0; i < KILL_STEPS; i++) expect(after.value[i]).toBeCloseTo(refLoss.value[i], 4);
    lab.close();
  });

  it('runs queue: one training per device at a time', async () => {
    const lab = Lab.open(home('queue'));
    const a = await lab.train(tiny(6));
    const b = await lab.train(tiny(6));
    expect(lab.run(b.id).status).toBe('queued');
    expect((await lab.wait(a.id)).status).toBe('completed');
    expect((await lab.wait(b.id)).status).toBe('completed');
    expect(lab.run(b.id).started_at!).toBeGreaterThanOrEqual(lab.run(a.id).ended_at!);
    lab.close();
  });

  it('a lab killed mid-run marks the run interrupted at its next start, and it resumes', async () => {
    const h = home('interrupt');
    const child = cliAsync(['train', '--preset', 'tiny', '--steps', '30', '--checkpoint-every', '3', '--json'], h);
    const probe = await until(() => {
      if (!fs.existsSync(path.join(h, 'lab.db'))) return null;
      const s = new Store(path.join(h, 'lab.db'));
      const r = s.listRuns()[0];
      const ok = r && r.status === 'running' && s.checkpoints(r.id).length > 0 ? r : null;
      s.close();
      return ok;
    }, 90_000, 'a running run with a checkpoint');
    child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));
    const lab = Lab.open(h);
    const r = lab.run(probe.id);
    expect(r.status).toBe('interrupted');
    expect(lab.store.events(r.id).some((e) => /interrupted/.test(e.message))).toBe(true);
    // Its worker did not outlive the lab.
    await until(() => {
      try {
        process.kill(probe.worker_pid!, 0);
        return false;
      } catch {
        return true;
      }
    }, 10_000, 'the orphaned worker to exit');
    lab.resume(r.id, 'wasm');
    const done = await lab.wait(r.id);
    expect(done.status).toBe('completed');
    expect(lab.store.metrics(r.id, { names: ['loss'] }).loss.step).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    lab.close();
  });

  it('a reader reads while a run writes', async () => {
    const h = home('reader');
    const lab = Lab.open(h);
    const run = await lab.train(tiny(30));
    const reader = new Store(path.join(h, 'lab.db'));
    let reads = 0;
    let maxSeen = 0;
    while (lab.run(run.id).status !== 'completed') {
      const m = reader.metrics(run.id, { names: ['loss'] });
      maxSeen = Math.max(maxSeen, m.loss?.step.length ?? 0);
      reads++;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(reads).toBeGreaterThan(10);
    expect(maxSeen).toBeGreaterThan(0);
    expect(reader.metrics(run.id, { names: ['loss'] }).loss.step.length).toBe(30);
    reader.close();
    lab.close();
  });
});

describe('store', () => {
  it('migrates an older database in place without losing data', () => {
    const h = home('migrate');
    const file = path.join(h, 'lab.db');
    const old = new Database(file);
    old.exec(MIGRATIONS[0]);
    old.pragma('user_version = 1');
    old.prepare(`INSERT INTO datasets (name, path, kind, count, size, channels, labeled, train_count, held_out_count, created_at) VALUES ('d', '/x', 'idx', 1, 28, 1, 0, 1, 0, 0)`).run();
    // a config saved before optimization.workers, regularization.invariance_weight and model.pos_scale existed
    const saved = JSON.stringify(resolveConfig('tiny'), (k, v) => (['workers', 'invariance_weight', 'pos_scale'].includes(k) ? undefined : v));
    old.prepare(`INSERT INTO runs (name, config, preset, dataset_id, status, host, seed, created_at) VALUES ('old run', ?, 'tiny', 1, 'completed', 'h', 0, 0)`).run(saved);
    old.prepare(`INSERT INTO metrics (run_id, name, step, time, value) VALUES (1, 'loss', 1, 0, 0.5)`).run();
    old.close();
    const s = new Store(file);
    expect(s.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(s.getRun(1)!.name).toBe('old run');
    expect(s.getRun(1)!.knn_acc).toBeNull(); // column added by migration 2
    expect(s.getRun(1)!.kind).toBe('trained'); // column added for imported runs (issue 22)
    const cfg = s.getRun(1)!.config; // keys added since are filled with the values that mean "as it ran"
    expect(cfg.optimization.workers).toBe(0);
    expect(cfg.regularization.invariance_weight).toBe(0);
    expect(cfg.model.pos_scale).toBe(1);
    expect(cfg).toEqual(resolveConfig('tiny'));
    expect(s.metrics(1).loss.value).toEqual([0.5]);
    expect(s.missingEmbeddings({ run_id: 1, checkpoint_step: 0, dataset_id: 1 }, [0])).toEqual([0]); // table added
    s.close();
  });

  it('batches metrics in transactions and keeps one point per (run, name, step)', () => {
    const s = new Store(path.join(home('metrics'), 'lab.db'));
    const d = s.addDataset({ name: 'd', path: '/x', kind: 'idx', count: 1, size: 28, channels: 1, labeled: false, classes: null, train_count: 1, held_out_count: 0, report: null });
    const r = s.createRun({ name: 'r', config: {} as never, preset: 'tiny', dataset_id: d.id, status: 'running', seed: 0, total_steps: 10 });
    s.appendMetrics(r.id, [1, 2, 3].map((step) => ({ step, time: step, name: 'loss', value: 1 / step })));
    s.appendMetrics(r.id, [{ step: 3, time: 9, name: 'loss', value: 0.1 }]);
    expect(s.metrics(r.id).loss.value).toEqual([1, 0.5, 0.1]);
    expect(s.getRun(r.id)!.last_loss).toBe(0.1);
    expect(s.getRun(r.id)!.best_loss).toBe(0.1);
    s.appendMetrics(r.id, [{ step: 2, time: 10, name: 'lr', value: 5 }, { step: 1, time: 11, name: 'lr', value: 7 }]);
    expect(s.metricStats(r.id)).toEqual({
      loss: { min: 0.1, max: 1, points: 3, last_step: 3, last: 0.1 },
      lr: { min: 5, max: 7, points: 2, last_step: 2, last: 5 }, // last by step, not by insertion
    });
    for (let i = 0; i < 5; i++) s.addEvent(r.id, 'info', `e${i}`);
    expect(s.lastEvents(r.id, 2).map((e) => e.message)).toEqual(['e3', 'e4']);
    expect(s.deleteMetricsAfter(r.id, 1)).toBe(3);
    s.close();
  });
});

describe('bad input', () => {
  it('a bad dataset path or config is rejected with exit code 2 and no run row', () => {
    const h = home('bad');
    const r1 = cli(['train', '--dataset', '/no/such/folder', '--preset', 'tiny'], { home: h });
    expect(r1.code).toBe(2);
    expect(r1.stderr).toMatch(/no dataset|does not exist/);
    const cfg = path.join(h, 'bad.json');
    fs.writeFileSync(cfg, JSON.stringify({ mask: { patch_size: 5 } }));
    const r2 = cli(['train', '--config', cfg, '--preset', 'tiny'], { home: h });
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/mask\.patch_size.*must divide data\.crop_size/);
    fs.writeFileSync(cfg, JSON.stringify({ optimization: { lr: -1 } }));
    const r3 = cli(['train', '--config', cfg], { home: h });
    expect(r3.code).toBe(2);
    expect(r3.stderr).toMatch(/optimization\.lr.*\(0, 10\]/);
    const s = new Store(path.join(h, 'lab.db'));
    expect(s.listRuns()).toEqual([]);
    s.close();
  });

  it('an unwritable home is a clear error', () => {
    const file = path.join(home('unwritable'), 'a-file');
    fs.writeFileSync(file, 'not a folder');
    const r = cli(['runs', '--home', path.join(file, 'home')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot be used.*--home/);
  });
});
