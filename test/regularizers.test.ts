// VICReg and SIGReg on constructed features, their gradients, and their use in training.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../worker/backend.ts';
import { resolveConfig } from '../worker/config.ts';
import { syntheticShapes } from '../worker/data.ts';
import { sigreg, sigregDirections, vicreg, VICREG_EPS } from '../worker/regularizers.ts';
import { Rng } from '../worker/rng.ts';
import { Trainer } from '../worker/train.ts';

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
      regularization: { vicreg_weight: 1, vicreg_cov_weight: 0.04, sigreg_weight: 0.05 },
    });
    const t = await Trainer.create({ config: cfg, data: syntheticShapes({ count: 32, size: 16, channels: 1, seed: 1 }) });
    const r = t.trainStep();
    expect(Object.keys(r.reg).sort()).toEqual(['sigreg', 'vicreg_cov', 'vicreg_var']);
    for (const v of Object.values(r.reg)) expect(Number.isFinite(v)).toBe(true);
    expect(r.reg.vicreg_var).toBeGreaterThan(0); // ViT features start well under unit std
    const off = await Trainer.create({ config: resolveConfig('tiny'), data: syntheticShapes({ count: 32, size: 16, channels: 1, seed: 1 }) });
    expect(off.trainStep().reg).toEqual({});
    t.dispose();
    off.dispose();
  });
});
