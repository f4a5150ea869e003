// Dataset identity and the standard layouts, on real files in temp folders:
// names unique without regard to case, each dataset in its own folder, a path
// reused only while it holds the same files, nothing written by a refused
// command, and each layout's split as its files define it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Lab } from '../../../main/lab/lab.ts';
import { LabError } from '../../../main/common/errors.ts';
import { MIGRATIONS, Store } from '../../../main/store/store.ts';
import { loadImageSet, saveImageSet } from '../../../main/common/imageset.ts';
import { syntheticShapes } from '../../../worker/data/synthetic.ts';
import { tempHome, cli } from '../../helpers.ts';
import { tempDir, writeIdx, writeShapeFolder } from '../../fixtures.ts';

let tmp: { dir: string; cleanup: () => void };
const homes: string[] = [];
const home = (t: string) => {
  const h = tempHome(t);
  homes.push(h);
  return h;
};
beforeAll(() => {
  tmp = tempDir('jepa-ds-');
});
afterAll(() => {
  tmp.cleanup();
  homes.forEach((h) => fs.rmSync(h, { recursive: true, force: true, maxRetries: 5 }));
});
const src = (...p: string[]) => path.join(tmp.dir, ...p);

async function rejects(p: Promise<unknown> | (() => unknown)): Promise<LabError> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    return e as LabError;
  }
  throw new Error('expected a rejection');
}

const shapes = (dir: string, perClass: number, seed: number, classes = 2) => writeShapeFolder(dir, { perClass, classes, size: 12, channels: 1, classed: true, seed });

describe('dataset identity', () => {
  let lab: Lab;
  let h: string;
  beforeAll(() => {
    h = home('ids');
    lab = Lab.open(h);
  });
  afterAll(() => lab.close());

  it('names are unique without regard to case, and each dataset has its own folder (its id)', async () => {
    await shapes(src('a', 'imgs'), 4, 1);
    await shapes(src('b', 'imgs'), 5, 2, 3);
    const a = await lab.importDataset(src('a', 'imgs'), { name: 'Set A' });
    const e = await rejects(lab.importDataset(src('b', 'imgs'), { name: 'set a' }));
    expect(e.kind).toBe('bad-input');
    expect(e.message).toMatch(/a dataset named "Set A" exists already \(names are compared without regard to case\); choose another name with --name/);
    expect(lab.datasets().map((d) => d.name)).toEqual(['digits', 'Set A']);
    // "Set-A" differs by more than case: its own row and folder, and "Set A" keeps its images
    const b = await lab.importDataset(src('b', 'imgs'), { name: 'Set-A' });
    expect(a.path).toBe(path.join(h, 'datasets', String(a.id)));
    expect(b.path).toBe(path.join(h, 'datasets', String(b.id)));
    expect(loadImageSet(a.path)).toMatchObject({ name: 'Set A', count: 8 });
    expect(loadImageSet(b.path)).toMatchObject({ name: 'Set-A', count: 15 });
    // lookups ignore case when one name matches
    expect(lab.dataset('set a').id).toBe(a.id);
    // the same check at the store, for a second process racing the first
    expect(() => lab.store.addDataset({ ...b, name: 'SET-A' })).toThrow(/exists already/);
  });

  it('a path matches the import made from it while its files are the same; the same folder name from another path is a new dataset', async () => {
    await shapes(src('p', 'photos'), 4, 3);
    await shapes(src('q', 'photos'), 4, 4);
    const first = await lab.train({ dataset: src('p', 'photos'), preset: 'tiny', steps: 1, backend: 'wasm' });
    await lab.wait(first.id);
    const d1 = lab.dataset(first.dataset_id);
    expect(d1).toMatchObject({ name: 'photos', source: fs.realpathSync(src('p', 'photos')), count: 8 });
    expect(d1.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    // the same path again: the same dataset, nothing imported
    const again = await lab.planRun({ dataset: src('p', 'photos'), preset: 'tiny', steps: 1 });
    expect(again.dataset?.id).toBe(d1.id);
    expect(again.pending).toBeNull();
    // the same folder name elsewhere: imported anew under a free name
    const other = await lab.planRun({ dataset: src('q', 'photos'), preset: 'tiny', steps: 1 });
    expect(other.dataset).toBeNull();
    expect(other.pending!.info).toMatchObject({ name: 'photos-2', source: fs.realpathSync(src('q', 'photos')) });
    // the first path with changed files: a new dataset too, the old one kept as it was
    await shapes(src('p', 'photos'), 5, 5);
    const changed = await lab.planRun({ dataset: src('p', 'photos'), preset: 'tiny', steps: 1 });
    expect(changed.pending!.info).toMatchObject({ name: 'photos-2', count: 10 });
    const run = await lab.train({ dataset: src('p', 'photos'), preset: 'tiny', steps: 1, backend: 'wasm' });
    expect(lab.dataset(run.dataset_id)).toMatchObject({ name: 'photos-2', count: 10 });
    expect(lab.run(run.id).config.data.dataset).toBe('photos-2');
    await lab.wait(run.id);
    expect(lab.dataset('photos').count).toBe(8);
  });

  it('a refused train writes nothing: datasets table and folder unchanged', async () => {
    await shapes(src('r', 'fresh'), 3, 6);
    const bad = src('bad.json');
    fs.writeFileSync(bad, JSON.stringify({ mask: { patch_size: 5 } }));
    const rows = () => JSON.stringify(lab.datasets());
    const folders = () => fs.readdirSync(path.join(h, 'datasets')).sort();
    const [r0, f0] = [rows(), folders()];
    const r = cli(['train', '--dataset', src('r', 'fresh'), '--config', bad, '--preset', 'tiny'], { home: h });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/mask\.patch_size/);
    // a warm-up that cannot fit is refused before the import too
    const w = cli(['train', '--dataset', src('r', 'fresh'), '--preset', 'reference', '--epochs', '1'], { home: h });
    expect(w.code).toBe(2);
    expect(w.stderr).toMatch(/optimization\.warmup: the warm-up \(1 epochs = \d+ steps\) would not end before the run does/);
    // so is an eval on an unlabeled folder
    await writeShapeFolder(src('u', 'loose'), { perClass: 3, classes: 2, size: 12, channels: 1, classed: false, seed: 7 });
    const e = await rejects(lab.evaluate(lab.runsList()[0].id, { dataset: src('u', 'loose') }));
    expect(e.message).toMatch(/dataset "loose" has no labels/);
    expect(rows()).toBe(r0);
    expect(folders()).toEqual(f0);
  });

  it("the config's data.dataset is honoured, and refused when --dataset names another", async () => {
    const plan = await lab.planRun({ preset: 'tiny', steps: 1, config: { data: { dataset: 'Set A' } } });
    expect(plan.dataset!.name).toBe('Set A');
    expect(plan.config.data.dataset).toBe('Set A');
    const e = await rejects(lab.planRun({ dataset: 'digits', preset: 'tiny', config: { data: { dataset: 'Set A' } } }));
    expect(e.message).toMatch(/the config's data\.dataset is "Set A" but --dataset is "digits"; give the dataset once/);
    // the UI's check says the same, on the field
    expect(lab.checkConfig({ dataset: 'digits', preset: 'tiny', config: { data: { dataset: 'Set A' } } })).toMatchObject({ ok: false, field: 'data.dataset' });
    // through the API a config cannot import a path
    const viaApi = await rejects(lab.train({ preset: 'tiny', config: { data: { dataset: src('r', 'fresh') } }, datasetPaths: false }));
    expect(viaApi.message).toMatch(/no dataset/);
  });
});

describe('homes from before datasets were stored by id', () => {
  it('keep their folders; a dataset whose images another import replaced is refused, naming both', async () => {
    const h = home('legacy');
    const file = path.join(h, 'lab.db');
    const old = new Database(file);
    old.exec(MIGRATIONS[0]);
    old.exec(MIGRATIONS[1]);
    old.pragma('user_version = 2');
    // "Set A" and "set-a" both went to datasets/set-a; the second import's images are there
    const dir = path.join(h, 'datasets', 'set-a');
    const set = syntheticShapes({ count: 20, size: 12, channels: 1, seed: 1, classes: 2 });
    saveImageSet(dir, { ...set, name: 'set-a' });
    const ins = old.prepare(`INSERT INTO datasets (name, path, kind, count, size, channels, labeled, classes, train_count, held_out_count, created_at) VALUES (?, ?, 'folder', ?, 12, 1, 1, '["0","1"]', ?, 2, 0)`);
    ins.run('Set A', dir, 8, 6);
    ins.run('set-a', dir, 20, 18);
    old.close();
    const lab = Lab.open(h);
    try {
      expect(lab.dataset('set-a')).toMatchObject({ split: 'random', source: null, path: dir });
      const ok = await lab.planRun({ dataset: 'set-a', preset: 'tiny', steps: 1 });
      expect(ok.dataset!.name).toBe('set-a');
      const e = await rejects(lab.planRun({ dataset: 'Set A', preset: 'tiny', steps: 1 }));
      expect(e.kind).toBe('failure');
      expect(e.message).toMatch(/dataset "Set A" \(id 1\): its folder .*set-a holds 20 images of "set-a", not its own 8/);
      // deleting "Set A" keeps the folder "set-a" still uses
      lab.deleteDataset('Set A');
      expect(fs.existsSync(path.join(dir, 'meta.json'))).toBe(true);
      expect(lab.dataset('digits').split).toBe('fixed');
    } finally {
      lab.close();
    }
  });
});

describe('standard layouts keep their split', () => {
  let lab: Lab;
  beforeAll(() => {
    lab = Lab.open(home('layouts'));
  });
  afterAll(() => lab.close());

  it('ImageFolder with train/ and val/: val/ is held out, classes are the class folders', async () => {
    await shapes(src('tv', 'train'), 6, 1, 3);
    await shapes(src('tv', 'val'), 2, 2, 3);
    const d = await lab.importDataset(src('tv'));
    expect(d).toMatchObject({ name: 'tv', kind: 'folder', split: 'val', count: 24, train_count: 18, held_out_count: 6, classes: ['circle', 'square', 'triangle'] });
    const set = lab.data.images(d);
    // the held-out images are val/'s: two of each class
    const held = Array.from(set.heldOut.keys()).filter((i) => set.heldOut[i] === 1);
    expect(held.map((i) => set.labels![i]).sort()).toEqual([0, 0, 1, 1, 2, 2]);
  });

  it('ImageFolder with train/ and test/ (and train/, val/ and test/: test/ left out, reported)', async () => {
    await shapes(src('tt', 'train'), 5, 3);
    await shapes(src('tt', 'test'), 3, 4);
    expect(await lab.importDataset(src('tt'))).toMatchObject({ split: 'test', count: 16, train_count: 10, held_out_count: 6 });
    await shapes(src('tvt', 'train'), 5, 3);
    await shapes(src('tvt', 'val'), 2, 4);
    await shapes(src('tvt', 'test'), 3, 5);
    const d = await lab.importDataset(src('tvt'));
    expect(d).toMatchObject({ split: 'val', count: 14, train_count: 10, held_out_count: 4 });
    expect(d.report!.skipped.filter((s) => /test\/ is not imported: val\/ is the held-out split/.test(s.reason))).toHaveLength(6);
  });

  it('a plain ImageFolder is split at random, as before', async () => {
    await shapes(src('plain'), 20, 6);
    const d = await lab.importDataset(src('plain'));
    expect(d).toMatchObject({ split: 'random', count: 40, classes: ['circle', 'square'] });
    expect(d.held_out_count).toBeGreaterThan(0);
    expect(d.train_count + d.held_out_count).toBe(40);
  });

  it('an MNIST-family IDX folder, gzipped or not: the t10k files are held out', async () => {
    const train = syntheticShapes({ count: 30, size: 28, channels: 1, seed: 7, classes: 3 });
    const test = syntheticShapes({ count: 12, size: 28, channels: 1, seed: 8, classes: 3 });
    for (const gzip of [true, false]) {
      const dir = src(gzip ? 'mnist-gz' : 'mnist-raw');
      writeIdx(dir, train, { gzip, prefix: 'train' });
      writeIdx(dir, test, { gzip, prefix: 't10k' });
      const d = await lab.importDataset(dir);
      expect(d).toMatchObject({ kind: 'idx', split: 'idx-test', count: 42, train_count: 30, held_out_count: 12, classes: ['0', '1', '2'] });
      const set = lab.data.images(d);
      // the held-out images are the t10k file's, in order
      expect(Array.from(set.pixels.subarray(30 * 784, 31 * 784))).toEqual(Array.from(test.pixels.subarray(0, 784)));
      expect(Array.from(set.labels!.subarray(30))).toEqual(Array.from(test.labels!));
    }
    // a folder with only the train files is split at random
    writeIdx(src('mnist-train-only'), train, { prefix: 'train' });
    expect(await lab.importDataset(src('mnist-train-only'))).toMatchObject({ kind: 'idx', split: 'random', count: 30 });
  });

  it('a single IDX file as before', async () => {
    const set = syntheticShapes({ count: 25, size: 28, channels: 1, seed: 9, classes: 2 });
    const f = writeIdx(src('single'), set, { prefix: 'train' });
    const d = await lab.importDataset(f.images, { labels: f.labels, name: 'single' });
    expect(d).toMatchObject({ kind: 'idx', split: 'random', count: 25, labeled: true });
    expect(d.held_out_count).toBeGreaterThan(0);
  });

  it('`datasets` shows each split', () => {
    const r = cli(['datasets'], { home: lab.home });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/held out/);
    for (const s of ['val/ folder', 'test/ folder', 'random ~10%', 't10k files', 'last 100 per class']) expect(r.stdout).toContain(s);
    const js = JSON.parse(cli(['datasets', '--json'], { home: lab.home }).stdout);
    expect(js.find((d: { name: string }) => d.name === 'tv')).toMatchObject({ split: 'val', train_count: 18, held_out_count: 6 });
  });
});

describe('store', () => {
  it('an old database gains the dataset columns (migration 3) without losing rows', () => {
    const h = home('mig3');
    const file = path.join(h, 'lab.db');
    const old = new Database(file);
    old.exec(MIGRATIONS[0]);
    old.exec(MIGRATIONS[1]);
    old.pragma('user_version = 2');
    old.prepare(`INSERT INTO datasets (name, path, kind, count, size, channels, labeled, train_count, held_out_count, created_at) VALUES ('digits', '/x', 'bundled', 1, 28, 1, 0, 1, 0, 0)`).run();
    old.close();
    const s = new Store(file);
    expect(s.getDataset('digits')).toMatchObject({ split: 'fixed', source: null, fingerprint: null });
    s.close();
  });
});
