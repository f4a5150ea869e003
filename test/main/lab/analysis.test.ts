// Embeddings, eval and neighbours through the lab service, with real worker
// processes on a tiny run over the bundled digits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { Lab } from '../../../main/lab/lab.ts';
import { RANDOM_INIT } from '../../../main/lab/analysis.ts';
import { loadImageSet } from '../../../main/common/imageset.ts';
import { tempHome, cli } from '../../helpers.ts';
import { writeIdx } from '../../fixtures.ts';
import { syntheticShapes } from '../../../worker/data/synthetic.ts';

const h = tempHome('eval');
let lab: Lab;
let runId: number;
let runId2: number;

beforeAll(async () => {
  lab = Lab.open(h);
  const opts = { preset: 'tiny', steps: 12, backend: 'wasm' as const, config: { logging: { eval_every: 6, checkpoint_every: 6, probe_size: 64 } } };
  runId = (await lab.train({ ...opts, seed: 1 })).id;
  runId2 = (await lab.train({ ...opts, seed: 2 })).id;
  await lab.wait(runId);
  await lab.wait(runId2);
});
afterAll(() => {
  lab.close();
  fs.rmSync(h, { recursive: true, force: true, maxRetries: 5 });
});

describe('evaluation service', () => {
  it('logs probe metrics during training', () => {
    const m = lab.store.metrics(runId);
    expect(m.feature_std.step).toEqual([0, 6, 12]);
    expect(m.rankme.value.every((v) => v > 1)).toBe(true);
    expect(m.knn_acc.value.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(lab.run(runId).knn_acc).toBe(m.knn_acc.value.at(-1));
  });

  it('embeds every image once and reuses stored embeddings', async () => {
    const first = await lab.embed(runId, { checkpoint: 6 });
    expect(first).toMatchObject({ count: 10000, computed: 10000, reused: 0, dim: 16, checkpoint_step: 6 });
    const again = await lab.embed(runId, { checkpoint: 6 });
    expect(again).toMatchObject({ computed: 0, reused: 10000 });
    // Drop a few rows: only those are recomputed, to the same values.
    const key = { run_id: runId, checkpoint_step: 6, dataset_id: lab.dataset('digits').id };
    const before = lab.store.getEmbeddings(key, [3, 4]).data;
    lab.store.db.prepare('DELETE FROM embeddings WHERE run_id = ? AND checkpoint_step = 6 AND image_index IN (3, 4)').run(runId);
    const partial = await lab.embed(runId, { checkpoint: 6 });
    expect(partial).toMatchObject({ computed: 2, reused: 9998 });
    const after = lab.store.getEmbeddings(key, [3, 4]).data;
    for (let i = 0; i < before.length; i++) expect(after[i]).toBeCloseTo(before[i], 5);
  });

  it('two callers of the same embeddings share one worker job, and both see its progress', async () => {
    const seen: number[][] = [[], []];
    const [one, two] = await Promise.all([
      lab.embed(runId2, { checkpoint: 6, onProgress: (done) => seen[0].push(done) }),
      lab.embed(runId2, { checkpoint: 6, onProgress: (done) => seen[1].push(done) }),
    ]);
    expect(one).toMatchObject({ computed: 10000, reused: 0, dim: 16 });
    expect(two).toMatchObject({ computed: 0, reused: 10000, dim: 16 });
    expect(seen[0].at(-1)).toBe(10000);
    expect(seen[1].at(-1)).toBe(10000);
  });

  it('eval reports the run next to raw pixels and a random-init encoder', async () => {
    const r = await lab.evaluate(runId, { k: 20 });
    expect(r).toMatchObject({ run_id: runId, checkpoint_step: 12, dataset: 'digits', split: 'fixed', train_count: 9000, held_out_count: 1000, dim: 16 });
    for (const v of [r.knn_acc, r.linear_acc, r.baselines.pixels.knn_acc, r.baselines.pixels.linear_acc, r.baselines.random_init.knn_acc]) {
      expect(v).toBeGreaterThan(0.1); // above chance on digits, even for tiny models
      expect(v).toBeLessThanOrEqual(1);
    }
    // Raw pixels on the digits are a strong baseline (≈ 0.9+ kNN).
    expect(r.baselines.pixels.knn_acc).toBeGreaterThan(0.85);
    expect(r.rankme).toBeGreaterThan(1);
    expect(r.rankme).toBeLessThanOrEqual(16);
    expect(lab.store.metrics(runId, { names: ['eval_knn_acc'] }).eval_knn_acc.value).toEqual([r.knn_acc]);
    const cliJson = JSON.parse(cli(['eval', String(runId), '--json'], { home: h }).stdout);
    expect(Object.keys(cliJson)).toEqual(expect.arrayContaining(['run_id', 'checkpoint_step', 'dataset', 'knn_acc', 'linear_acc', 'rankme', 'feature_std', 'baselines']));
    expect(cliJson.knn_acc).toBeCloseTo(r.knn_acc, 6);
    expect(Object.keys(cliJson.baselines.random_init)).toEqual(expect.arrayContaining(['knn_acc', 'linear_acc', 'rankme']));
  });

  it("eval scores the dataset's own held-out split and says which: an MNIST-family folder's t10k files", async () => {
    const dir = path.join(h, 'src-mnist');
    const train = syntheticShapes({ count: 40, size: 28, channels: 1, seed: 3, classes: 2 });
    const test = syntheticShapes({ count: 14, size: 28, channels: 1, seed: 4, classes: 2 });
    writeIdx(dir, train, { gzip: true, prefix: 'train' });
    writeIdx(dir, test, { gzip: true, prefix: 't10k' });
    const r = await lab.evaluate(runId, { dataset: dir, k: 5 });
    expect(r).toMatchObject({ dataset: 'src-mnist', split: 'idx-test', split_description: 't10k files', train_count: 40, held_out_count: 14 });
    const text = cli(['eval', String(runId), '--dataset', 'src-mnist', '--k', '5'], { home: h });
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/40 train \(memory\) \/ 14 held out \(t10k files\)/);
  });

  it('neighbours of an image exclude it, are sorted, carry labels; a file query finds its own image first', async () => {
    const n = await lab.neighbors(runId, { image: 5, k: 7 });
    expect(n.results).toHaveLength(7);
    expect(n.results.map((r) => r.index)).not.toContain(5);
    for (let i = 1; i < 7; i++) expect(n.results[i - 1].score).toBeGreaterThanOrEqual(n.results[i].score);
    expect(n.results.every((r) => r.label !== null && r.label >= 0 && r.label <= 9)).toBe(true);

    const set = loadImageSet(lab.dataset('digits').path);
    const file = path.join(h, 'q.png');
    await sharp(Buffer.from(set.pixels.subarray(42 * 784, 43 * 784)), { raw: { width: 28, height: 28, channels: 1 } }).png().toFile(file);
    const f = await lab.neighbors(runId, { file, k: 3 });
    expect(f.results[0].index).toBe(42);
    expect(f.results[0].score).toBeGreaterThan(0.999);

    await expect(lab.neighbors(runId, { image: 10000 })).rejects.toThrow(/\[0, 9999\]/);
    fs.writeFileSync(path.join(h, 'bad.png'), 'not an image');
    await expect(lab.neighbors(runId, { file: path.join(h, 'bad.png') })).rejects.toThrow(/cannot be decoded/);
  });

  it('compares one query across two runs and across checkpoints with overlap@k', async () => {
    const same = await lab.compareNeighbors({ run: runId }, { run: runId }, { image: 9, k: 10 });
    expect(same.overlap).toBe(1);
    const other = await lab.compareNeighbors({ run: runId }, { run: runId2 }, { image: 9, k: 10 });
    expect(other.a.results).toEqual(same.a.results); // run A's side does not depend on what it is compared with
    expect(other.overlap).toBeLessThan(1);
    const ck = await lab.compareNeighbors({ run: runId, checkpoint: RANDOM_INIT }, { run: runId, checkpoint: 12 }, { image: 9, k: 10 });
    expect(ck.a.checkpoint_step).toBe(RANDOM_INIT);
    expect(ck.b.checkpoint_step).toBe(12);
  });

  it('gives a 2-D map and per-patch prediction errors', async () => {
    const m = await lab.embeddingMap(runId, { max: 500 });
    expect(m.indices).toHaveLength(500);
    expect(m.pca).toHaveLength(1000);
    expect(m.labels).toHaveLength(500);
    // each axis's share of the variance: the first is the larger, together at most all of it
    expect(m.explained[0]).toBeGreaterThan(0);
    expect(m.explained[0]).toBeGreaterThanOrEqual(m.explained[1]);
    expect(m.explained[0] + m.explained[1]).toBeLessThanOrEqual(1 + 1e-9);
    // by default the whole dataset; base64 float32 carries the same numbers
    const all = await lab.embeddingMap(runId, { encoding: 'base64' });
    expect(all.count).toBe(lab.dataset('digits').count);
    expect(all.indices).toHaveLength(all.count);
    expect(all.pca).toBeUndefined();
    const pca = new Float32Array(Buffer.from(all.pca_base64!, 'base64').buffer.slice(0));
    const json = await lab.embeddingMap(runId, {});
    expect(Array.from(pca)).toEqual(json.pca);
    const e = await lab.maskError(runId, { indices: [0, 1], seed: 3 });
    expect(e.grid).toBe(4);
    expect(e.errors).toHaveLength(2 * 16);
    const onTargets = new Set(e.targets[0].flat());
    for (let p = 0; p < 16; p++) {
      if (onTargets.has(p)) expect(e.errors[p]).toBeGreaterThanOrEqual(0);
      else expect(e.errors[p]).toBe(-1);
    }
  });
});
