// VICReg, the two-view invariance term and SIGReg on constructed features, their gradients, and their use in training.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../worker/backend/backend.ts';
import { ConfigError, resolveConfig, withDefaults, type JepaConfig } from '../../../main/common/config.ts';
import { syntheticShapes } from '../../../worker/data/synthetic.ts';
import { trainIndices } from '../../../main/common/imageset.ts';
import { invariance, sigreg, sigregDirections, vicreg, VICREG_EPS } from '../../../worker/model/regularizers.ts';
import { Rng } from '../../../main/common/rng.ts';
import { Trainer } from '../../../worker/train/trainer.ts';

beforeAll(async () => {
  await initBackend('wasm');
});

/** n×D features whose columns are independent N(0, 1) draws. */
function gaussian(n: number, D: number, seed: number, scale = 1): tf.Tensor2D {
  const rng = new Rng(seed);
  return tf.tensor2d(Float32Array.from({ length: n * D }, () => rng.normal() * scale), [n, D]);
}

describe('VICReg', () => {
  it('variance hinge is 0 for unit-std features and ≈ 1 − sqrt(1e-4) for constant ones', () => {
    // ±1 columns: unbiased std = sqrt(n/(n−1)) > 1
    const n = 8, D = 4;
    const pm = tf.tensor2d(Float32Array.from({ length: n * D }, (_, i) => ((Math.floor(i / D) + (i % D)) % 2 ? 1 : -1)), [n, D]);
    const a = vicreg(pm);
    expect(a.variance.dataSync()[0]).toBe(0);
    const b = vicreg(tf.fill([n, D], 3) as tf.Tensor2D);
    expect(b.variance.dataSync()[0]).toBeCloseTo(1 - Math.sqrt(VICREG_EPS), 6);
    expect(b.covariance.dataSync()[0]).toBeCloseTo(0, 6);
  });

  it('covariance is Σ off-diagonal C² / D: 0 for decorrelated columns, exact for duplicated ones', () => {
    // orthogonal zero-mean columns
    const z = tf.tensor2d([[1, 1], [1, -1], [-1, 1], [-1, -1]]);
    expect(vicreg(z).covariance.dataSync()[0]).toBeCloseTo(0, 6);
    // identical columns with unbiased variance v: C = [[v, v], [v, v]] → 2v² / 2 = v²
    const x = [1, 2, 3, 4, 5];
    const v = 2.5; // unbiased variance of 1..5
    const dup = tf.tensor2d(x.flatMap((t) => [t, t]), [5, 2]);
    expect(vicreg(dup).covariance.dataSync()[0]).toBeCloseTo(v * v, 4);
  });

  it('has finite, nonzero gradients for collapsed-but-not-constant features', () => {
    const z = gaussian(32, 8, 1, 0.01);
    const [gv] = tf.grads((t: tf.Tensor) => vicreg(t).variance)([z]);
    const [gc] = tf.grads((t: tf.Tensor) => vicreg(tf.add(t, tf.matMul(t, tf.ones([8, 8])))).covariance)([z]);
    for (const g of [gv, gc]) {
      const d = g.dataSync();
      expect(Array.from(d).every(Number.isFinite)).toBe(true);
      expect(tf.max(tf.abs(g)).dataSync()[0]).toBeGreaterThan(1e-6);
    }
    // constant features: the hinge is active but every direction is a saddle (gradient 0), still finite
    const [g0] = tf.grads((t: tf.Tensor) => vicreg(t).variance)([tf.fill([8, 4], 2)]);
    expect(Array.from(g0.dataSync()).every(Number.isFinite)).toBe(true);
  });
});

describe('two-view invariance (C-JEPA)', () => {
  it('is 0 when both views of every image agree and the mean squared difference otherwise', () => {
    const same = tf.tensor2d([1, 2, 1, 2, -3, 0.5, -3, 0.5], [4, 2]); // rows (0, 1) and (2, 3) are pairs
    expect(invariance(same).dataSync()[0]).toBe(0);
    const diff = tf.tensor2d([1, 2, 3, 2, 0, 0, 0, 1], [4, 2]); // differences (2, 0) and (0, 1)
    expect(invariance(diff).dataSync()[0]).toBeCloseTo((4 + 0 + 0 + 1) / 4, 6);
    // pairing is by adjacent rows: the same rows paired (0, 2), (1, 3) would give 0 here
    expect(invariance(tf.tensor2d([1, 5, 1, 5], [4, 1])).dataSync()[0]).toBeCloseTo(16, 6);
    expect(() => invariance(tf.zeros([3, 2]))).toThrow(/groups of 2 views/);
  });

  it('with more views, is the mean over every pair of an image\'s views', () => {
    // two images of three views each, D = 2; pairs (0,1), (0,2), (1,2) and (3,4), (3,5), (4,5)
    const rows = [[0, 0], [2, 0], [0, 4], [1, 1], [1, 1], [1, 1]];
    const z = tf.tensor2d(rows.flat(), [6, 2]);
    const sq = (a: number[], b: number[]) => (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2;
    const pairs = [[0, 1], [0, 2], [1, 2], [3, 4], [3, 5], [4, 5]];
    const want = pairs.reduce((s, [i, j]) => s + sq(rows[i], rows[j]), 0) / (pairs.length * 2); // (4 + 16 + 20) / 12
    expect(invariance(z, 3).dataSync()[0]).toBeCloseTo(want, 5);
    expect(invariance(z, 2).dataSync()[0]).not.toBeCloseTo(want, 2); // grouping by 3 is what gives it
    expect(() => invariance(z, 4)).toThrow(/groups of 4 views/);
  });

  it('pulls the two views together: its gradient is 2(a − b)/(m·D) on a and the opposite on b', () => {
    const z = tf.tensor2d([1, 2, 3, 2], [2, 2]); // one pair, D = 2
    const [g] = tf.grads((t: tf.Tensor) => invariance(t))([z]);
    expect(Array.from(g.dataSync(), (v) => v + 0)).toEqual([-2, 0, 2, 0]); // loss (4 + 0)/2; + 0 turns −0 into 0
  });

  it('needs an even batch and even micro-batches; stored configs without the key mean off', () => {
    expect(() => resolveConfig('tiny', { data: { batch_size: 9 }, regularization: { invariance_weight: 1 } })).toThrow(ConfigError);
    expect(() => resolveConfig('tiny', { optimization: { micro_batch: 3 }, regularization: { invariance_weight: 1 } })).toThrow(/micro_batch.*multiple of regularization.views \(2\)/);
    expect(() => resolveConfig('tiny', { data: { batch_size: 8 }, regularization: { invariance_weight: 1, views: 3 } })).toThrow(/batch_size.*multiple of regularization.views \(3\)/);
    expect(() => resolveConfig('tiny', { regularization: { views: 1 } })).toThrow(/regularization.views/);
    const old = JSON.parse(JSON.stringify(resolveConfig('tiny'), (k, v) => (k === 'invariance_weight' || k === 'workers' || k === 'views' ? undefined : v))) as JepaConfig;
    expect(old.regularization).not.toHaveProperty('invariance_weight');
    const filled = withDefaults(old);
    expect(filled.regularization.invariance_weight).toBe(0);
    expect(filled.regularization.views).toBe(2);
    expect(filled.optimization.workers).toBe(0);
    expect(filled.model).toEqual(resolveConfig('tiny').model);
  });

  it('a two-view batch holds batch_size/2 images, each twice in adjacent rows, as different crops', async () => {
    const data = syntheticShapes({ count: 64, size: 16, channels: 1, seed: 2 });
    const cfg = resolveConfig('tiny', { data: { batch_size: 8 }, regularization: { invariance_weight: 1 } });
    const t = await Trainer.create({ config: cfg, data });
    const idx = Array.from(t.batchIndices(0));
    expect(idx.length).toBe(8);
    for (let i = 0; i < 8; i += 2) expect(idx[i]).toBe(idx[i + 1]);
    expect(new Set(idx).size).toBe(4);
    const oneView = await Trainer.create({ config: resolveConfig('tiny', { data: { batch_size: 8 } }), data });
    expect(t.itersPerEpoch).toBe(2 * oneView.itersPerEpoch); // an epoch still shows every image once
    oneView.dispose();
    const { x } = t.stepInputs(0);
    const per = 16 * 16;
    const a = x.subarray(0, per);
    const b = x.subarray(per, 2 * per);
    expect(a.some((v, i) => Math.abs(v - b[i]) > 1e-3)).toBe(true); // independent crops
    t.dispose();
    // four views: batch_size/4 images, each in four adjacent rows, and an epoch still shows every image once
    const four = await Trainer.create({ config: resolveConfig('tiny', { data: { batch_size: 8 }, regularization: { invariance_weight: 1, views: 4 } }), data });
    const idx4 = Array.from(four.batchIndices(0));
    expect(idx4.slice(0, 4).every((v) => v === idx4[0]) && idx4.slice(4).every((v) => v === idx4[4])).toBe(true);
    expect(idx4[0]).not.toBe(idx4[4]);
    expect(four.itersPerEpoch).toBe(Math.floor(trainIndices(data).length / 2)); // two images a step
    four.dispose();
  });
});

describe('SIGReg', () => {
  it('uses unit-norm random directions', () => {
    const a = sigregDirections(5, 7, new Rng(3));
    for (let k = 0; k < 7; k++) {
      let s = 0;
      for (let d = 0; d < 5; d++) s += a[d * 7 + k] ** 2;
      expect(s).toBeCloseTo(1, 5);
    }
  });

  it('is small for N(0, I) features and large for collapsed or wrongly scaled ones', () => {
    const n = 256, D = 16;
    const good = sigreg(gaussian(n, D, 2), new Rng(9)).dataSync()[0];
    const collapsed = sigreg(tf.zeros([n, D]), new Rng(9)).dataSync()[0];
    const wide = sigreg(gaussian(n, D, 2, 4), new Rng(9)).dataSync()[0];
    expect(good).toBeGreaterThan(0);
    expect(good).toBeLessThan(2); // n·EP of a true Gaussian stays O(1)
    expect(collapsed).toBeGreaterThan(10 * good);
    expect(wide).toBeGreaterThan(10 * good);
    // all points at 0: φ̂ ≡ 1, so T = n ∫ (1 − e^{−t²/2})² e^{−t²/2} dt (trapezoid on 17 knots)
    let integral = 0;
    for (let i = 0; i < 17; i++) {
      const t = -5 + (i * 10) / 16;
      const phi = Math.exp(-0.5 * t * t);
      integral += (i === 0 || i === 16 ? 0.5 : 1) * (10 / 16) * (1 - phi) ** 2 * phi;
    }
    expect(collapsed).toBeCloseTo(n * integral, 1);
  });

  it('has finite, nonzero gradients', () => {
    const x = gaussian(64, 8, 4, 0.3);
    const [g] = tf.grads((t: tf.Tensor) => sigreg(t, new Rng(1), 32))([x]);
    expect(Array.from(g.dataSync()).every(Number.isFinite)).toBe(true);
    expect(tf.max(tf.abs(g)).dataSync()[0]).toBeGreaterThan(1e-4);
  });
});

describe('in training', () => {
  it('reports each enabled term in StepResult.reg and keeps the step finite', async () => {
    const cfg = resolveConfig('tiny', {
      optimization: { steps: 3 },
      regularization: { vicreg_weight: 1, vicreg_cov_weight: 0.04, sigreg_weight: 0.05, invariance_weight: 1 },
    });
    const t = await Trainer.create({ config: cfg, data: syntheticShapes({ count: 32, size: 16, channels: 1, seed: 1 }) });
    const r = t.trainStep();
    expect(Object.keys(r.reg).sort()).toEqual(['invariance', 'sigreg', 'vicreg_cov', 'vicreg_var']);
    for (const v of Object.values(r.reg)) expect(Number.isFinite(v)).toBe(true);
    expect(r.reg.vicreg_var).toBeGreaterThan(0); // ViT features start well under unit std
    const off = await Trainer.create({ config: resolveConfig('tiny'), data: syntheticShapes({ count: 32, size: 16, channels: 1, seed: 1 }) });
    expect(off.trainStep().reg).toEqual({});
    t.dispose();
    off.dispose();
  });
});
