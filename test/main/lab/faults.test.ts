// Disk and file faults, on real files: a disk that fills mid-run (a small
// tmpfs where the test may mount one; SQLite's own page limit otherwise, and
// for the database-full case everywhere), a truncated checkpoint, a
// checkpoint that cannot be restored, a garbage, damaged or emptied lab.db,
// and the bundled digits on a nearly full disk. The lab process (this test's
// process) must live through all of them.
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Lab } from '../../../main/lab/lab.ts';
import { encodeSafetensors } from '../../../worker/checkpoint/checkpoint.ts';
import { tempHome, cli, until } from '../../helpers.ts';

const homes: string[] = [];
const mounts: string[] = [];
const home = (t: string) => {
  const h = tempHome(t);
  homes.push(h);
  return h;
};
afterAll(() => {
  for (const m of mounts) spawnSync('umount', ['-l', m]);
  homes.forEach((h) => fs.rmSync(h, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 }));
});

/** A tmpfs of `mb` megabytes at a new folder, or null where mounting is not permitted (not root, no CAP_SYS_ADMIN). */
function smallDisk(tag: string, mb: number): string | null {
  const dir = home(tag);
  if (spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${mb}m`, 'tmpfs', dir]).status !== 0) return null;
  mounts.push(dir);
  return dir;
}

/** Fill a file system to the last byte. */
function fill(dir: string): string {
  const file = path.join(dir, 'filler');
  const fd = fs.openSync(file, 'w');
  for (const size of [1 << 20, 1 << 16, 4096, 512, 1]) {
    const buf = Buffer.alloc(size);
    try {
      for (;;) fs.writeSync(fd, buf);
    } catch {
      /* full at this size: on to smaller writes */
    }
  }
  fs.closeSync(fd);
  return file;
}

const tiny = (steps: number) => ({ preset: 'tiny', steps, seed: 3, backend: 'wasm' as const, config: { logging: { log_every: 1, eval_every: 0, checkpoint_every: 5 } } });
const lossSteps = (lab: Lab, id: number) => lab.store.metrics(id, { names: ['loss'] }).loss?.step ?? [];

describe('a disk that fills mid-run', () => {
  it('fails the run with what was written, never the lab; reads, resume and delete work', async (ctx) => {
    const disk = smallDisk('fill', 14); // the bundled digits take 7.9 MB
    if (!disk) return ctx.skip('mounting a tmpfs is not permitted here; the database-full test below covers the run manager with SQLite page limits');
    const h = path.join(disk, 'home');
    const lab = Lab.open(h);
    const run = await lab.train(tiny(5000));
    await until(() => lab.store.checkpoints(run.id).length >= 1, 90_000, 'a first checkpoint');
    const filler = fill(disk);
    const failed = await lab.wait(run.id);
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/the disk is full \((ENOSPC|SQLITE_FULL)\)/);
    expect(failed.error).toMatch(/resume/);
    // no half-written checkpoint left behind
    const root = lab.runs.checkpointRoot(run.id);
    expect(fs.readdirSync(root).filter((n) => !/^step-\d+$/.test(n))).toEqual([]);
    // read-only commands work on the full disk, from another process
    const runs = cli(['runs', '--json'], { home: h });
    expect(runs.code, runs.stderr).toBe(0);
    expect(JSON.parse(runs.stdout)[0].id).toBe(run.id);
    expect(cli(['show', String(run.id)], { home: h }).code).toBe(0);
    expect(cli(['datasets'], { home: h }).code).toBe(0);
    // space again: resume continues from the last checkpoint, every step recorded once
    fs.rmSync(filler);
    lab.resume(run.id, 'wasm');
    const from = lab.run(run.id).step;
    await until(() => lab.run(run.id).step >= from + 8, 90_000, 'steps after the resume');
    lab.stop(run.id);
    const end = await lab.wait(run.id);
    expect(end.status).toBe('stopped');
    const steps = lossSteps(lab, run.id);
    expect(steps).toEqual(Array.from({ length: steps.length }, (_, i) => i + 1));
    expect(steps.length).toBeGreaterThanOrEqual(end.step);
    lab.close();
    // full again: delete still works (it frees the files first)
    fill(disk);
    const del = cli(['delete', String(run.id), '--yes'], { home: h });
    expect(del.code, del.stderr).toBe(0);
    expect(JSON.parse(cli(['runs', '--json'], { home: h }).stdout)).toEqual([]);
    expect(fs.existsSync(path.join(h, 'runs', String(run.id)))).toBe(false);
  });

  it('a database that cannot grow (SQLite max_page_count: SQLITE_FULL) fails the run and the lab goes on', async () => {
    const lab = Lab.open(home('dbfull'));
    const run = await lab.train(tiny(5000));
    await until(() => lossSteps(lab, run.id).length >= 3, 90_000, 'loss points');
    // from here the database may not grow by a page: SQLite answers SQLITE_FULL, "database or disk is full"
    const pages = lab.store.db.pragma('page_count', { simple: true }) as number;
    lab.store.db.pragma(`max_page_count = ${pages}`);
    const failed = await lab.wait(run.id);
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/cannot record the run's \w+ in .*lab\.db: the disk is full \(SQLITE_FULL\); the run stopped at step \d+, with its metrics recorded up to step \d+ and/);
    // the end waits in memory and reaches the store once it can grow again
    lab.store.db.pragma('max_page_count = 1073741823');
    await until(() => lab.store.getRun(run.id)!.status === 'failed', 10_000, 'the failure recorded');
    expect(lab.store.events(run.id).some((e) => /run failed: cannot record/.test(e.message))).toBe(true);
    // and the lab still trains
    const next = await lab.train(tiny(3));
    expect((await lab.wait(next.id)).status).toBe('completed');
    // a worker job whose results cannot be stored (embeddings) fails with SQLite's error; the lab goes on
    lab.store.db.pragma(`max_page_count = ${lab.store.db.pragma('page_count', { simple: true }) as number}`);
    await expect(lab.embed(next.id, { backend: 'wasm' })).rejects.toMatchObject({ code: 'SQLITE_FULL' });
    lab.store.db.pragma('max_page_count = 1073741823');
    expect(lab.runsList().map((r) => r.status)).toEqual(['completed', 'failed']);
    lab.close();
  });

  it('the bundled digits on a nearly full disk: a clear message, nothing half-written; read-only commands still answer', (ctx) => {
    const disk = smallDisk('digits', 3);
    if (!disk) return ctx.skip('mounting a tmpfs is not permitted here');
    const h = path.join(disk, 'home');
    const r = cli(['train', '--preset', 'tiny', '--steps', '1'], { home: h });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot write the bundled "digits" \(7\.8 MB\) to .*datasets: the disk is full \(ENOSPC\); free some space, or choose another home with --home DIR/);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(fs.readdirSync(path.join(h, 'datasets'))).toEqual([]);
    const runs = cli(['runs'], { home: h });
    expect(runs.code, runs.stderr).toBe(0);
  });
});

describe('checkpoints on resume', () => {
  it('a truncated latest checkpoint: resume falls back to the newest intact one, and the curve has every step once', async () => {
    const lab = Lab.open(home('trunc'));
    const run = await lab.train(tiny(40));
    await until(() => lab.store.checkpoints(run.id).length >= 3, 90_000, 'three checkpoints');
    process.kill(lab.run(run.id).worker_pid!, 'SIGKILL');
    expect((await lab.wait(run.id)).status).toBe('failed');
    const cks = lab.store.checkpoints(run.id);
    const [prev, last] = cks.slice(-2);
    const enc = path.join(last.path, 'encoder.safetensors');
    fs.truncateSync(enc, Math.floor(fs.statSync(enc).size / 2));
    lab.resume(run.id, 'wasm');
    const done = await lab.wait(run.id);
    expect(done.status).toBe('completed');
    const warn = lab.store.events(run.id).find((e) => /damaged/.test(e.message))!;
    expect(warn.message).toMatch(new RegExp(`checkpoint step ${last.step} \\(encoder\\.safetensors: \\d+ bytes, but its header describes \\d+: the file is cut short or has extra bytes\\) is damaged; resuming from step ${prev.step}, the newest intact one`));
    expect(lab.store.events(run.id).some((e) => e.message === `resumed from ${path.basename(prev.path)} at step ${prev.step}`)).toBe(true);
    expect(lossSteps(lab, run.id)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    lab.close();
  });

  it('a checkpoint that cannot be restored deletes nothing: metrics and checkpoints stay as they were', async () => {
    const lab = Lab.open(home('norestore'));
    // long enough that the run is still going when the poll sees points past a checkpoint, even on a slow machine;
    // checkpoints 50 steps apart, so that the next one is not written between the poll and the kill
    const run = await lab.train({ ...tiny(400), config: { logging: { log_every: 1, eval_every: 0, checkpoint_every: 50 } } });
    // killed once points past the last checkpoint are stored, so that a resume would have something to drop
    await until(() => lab.store.checkpoints(run.id).length >= 2 && (lossSteps(lab, run.id).at(-1) ?? 0) > lab.store.checkpoints(run.id).at(-1)!.step, 90_000, 'two checkpoints and points after the last');
    process.kill(lab.run(run.id).worker_pid!, 'SIGKILL');
    expect((await lab.wait(run.id)).status).toBe('failed');
    const before = { steps: lossSteps(lab, run.id), cks: lab.store.checkpoints(run.id).map((c) => c.step) };
    expect(before.steps.at(-1)).toBeGreaterThan(before.cks.at(-1)!);
    // a whole, well-formed safetensors file of the wrong tensors: it passes the header check and fails the load
    const last = lab.store.checkpoints(run.id).at(-1)!;
    fs.writeFileSync(path.join(last.path, 'encoder.safetensors'), encodeSafetensors({ unrelated: { shape: [2], data: new Float32Array(2) } }));
    lab.resume(run.id, 'wasm');
    const end = await lab.wait(run.id);
    expect(end.status).toBe('failed');
    expect(end.error).toMatch(/checkpoint: encoder has no tensor/);
    expect(lossSteps(lab, run.id)).toEqual(before.steps);
    expect(lab.store.checkpoints(run.id).map((c) => c.step)).toEqual(before.cks);
    lab.close();
  });
});

describe('a damaged lab.db', () => {
  const db = (h: string) => path.join(h, 'lab.db');

  it('garbage: exit 1 naming the file, what is wrong and what to do; the file is left as it was', () => {
    const h = home('garbage');
    const junk = Buffer.from('this is not a database, whatever its name says\n'.repeat(200));
    fs.writeFileSync(db(h), junk);
    for (const cmd of [['runs'], ['datasets'], ['train', '--preset', 'tiny', '--steps', '1']]) {
      const r = cli(cmd, { home: h });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`${db(h)} is not a JEPA Lab database: SQLite says "file is not a database"`);
      expect(r.stderr).toContain(`Move it aside (mv "${db(h)}" "${db(h)}.damaged")`);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect(fs.readFileSync(db(h))).toEqual(junk);
    const doc = cli(['doctor', '--no-backends'], { home: h });
    expect(doc.code).toBe(1);
    expect(doc.stdout).toMatch(/FAIL {2}database: .*is not a JEPA Lab database/);
  });

  it('a damaged page inside: exit 1 "is damaged", and doctor reports the integrity check', () => {
    const h = home('malformed');
    const lab = Lab.open(h);
    for (let i = 0; i < 40; i++) lab.store.addEvent(lab.store.createRun({ name: `r${i}`, config: lab.presets()[0].config, preset: 'tiny', dataset_id: 1, status: 'completed', seed: 0, total_steps: 1 }).id, 'info', 'x'.repeat(500));
    lab.close();
    const fd = fs.openSync(db(h), 'r+');
    fs.writeSync(fd, Buffer.alloc(4096 * 3, 0xff), 0, 4096 * 3, 4096 * 2);
    fs.closeSync(fd);
    const r = cli(['runs'], { home: h });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/lab\.db is damaged: SQLite says "database disk image is malformed"\. Move it aside/);
    const doc = cli(['doctor', '--no-backends', '--json'], { home: h });
    expect(doc.code).toBe(1);
    expect(JSON.parse(doc.stdout).checks.find((c: { what: string }) => c.what === 'database')).toMatchObject({ ok: false });
  });

  it('0 bytes in a home with runs or datasets is a lost database, not an empty lab; in an empty home it is a new lab', () => {
    const h = home('zero');
    Lab.open(h).close();
    fs.writeFileSync(db(h), '');
    const r = cli(['runs'], { home: h });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/lab\.db is empty \(0 bytes\), but this home holds 0 run folders and 1 dataset folder: the lab's database was lost/);
    expect(fs.statSync(db(h)).size).toBe(0);
    const fresh = home('zero-new');
    fs.writeFileSync(db(fresh), '');
    expect(cli(['runs'], { home: fresh }).code).toBe(0);
  });
});
