import { describe, expect, it } from 'vitest';
import { collapseCheck, collapseEvent } from '../../../worker/eval/collapse.ts';
import { featureStd, pca2d, rankMe, symmetricEigenvalues } from '../../../worker/eval/spectrum.ts';
import { knnAccuracy, knnPredict } from '../../../worker/eval/knn.ts';
import { linearProbe } from '../../../worker/eval/linear-probe.ts';
import { Rng } from '../../../main/common/rng.ts';

function gaussian(n: number, d: number, seed: number, scale = 1): Float32Array {
  const rng = new Rng(seed);
  const x = new Float32Array(n * d);
  for (let i = 0; i < x.length; i++) x[i] = rng.normal() * scale;
  return x;
}

function randomLabels(n: number, classes: number, seed: number): Int32Array {
  const rng = new Rng(seed);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) y[i] = rng.int(classes);
  return y;
}

/** k orthonormal vectors of length d (rows), by Gram–Schmidt on gaussian draws. */
function orthonormalRows(k: number, d: number, seed: number): Float64Array {
  const rng = new Rng(seed);
  const q = new Float64Array(k * d);
  for (let a = 0; a < k; a++) {
    for (let j = 0; j < d; j++) q[a * d + j] = rng.normal();
    for (let b = 0; b < a; b++) {
      let dot = 0;
      for (let j = 0; j < d; j++) dot += q[a * d + j] * q[b * d + j];
      for (let j = 0; j < d; j++) q[a * d + j] -= dot * q[b * d + j];
    }
    let nn = 0;
    for (let j = 0; j < d; j++) nn += q[a * d + j] ** 2;
    for (let j = 0; j < d; j++) q[a * d + j] /= Math.sqrt(nn);
  }
  return q;
}

/** X = U diag(s) Vᵀ, n×d, with random orthonormal U (n×r) and V (d×r). */
function withSingularValues(n: number, d: number, s: number[], seed: number): Float32Array {
  const r = s.length;
  const U = orthonormalRows(r, n, seed);
  const V = orthonormalRows(r, d, seed + 1);
  const x = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      let v = 0;
      for (let k = 0; k < r; k++) v += U[k * n + i] * s[k] * V[k * d + j];
      x[i * d + j] = v;
    }
  }
  return x;
}

/** Gaussian clusters around `classes` centres: centre scale `sep`, unit noise. */
function clusters(n: number, d: number, classes: number, sep: number, seed: number, centresSeed = 1234) {
  const centres = gaussian(classes, d, centresSeed, sep);
  const rng = new Rng(seed);
  const x = new Float32Array(n * d);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = rng.int(classes);
    y[i] = c;
    for (let j = 0; j < d; j++) x[i * d + j] = centres[c * d + j] + rng.normal();
  }
  return { x, y };
}

/** 2-D unit vector at `deg` degrees, times `r`. */
const at = (deg: number, r = 1) => [r * Math.cos((deg * Math.PI) / 180), r * Math.sin((deg * Math.PI) / 180)];

describe('kNN (DINO style)', () => {
  it('is 100% on well-separated clusters', () => {
    const tr = clusters(600, 16, 5, 6, 1);
    const te = clusters(300, 16, 5, 6, 2);
    expect(knnAccuracy(tr.x, tr.y, te.x, te.y, 16, 5)).toBe(1);
  });

  it('is at chance on random labels', () => {
    const d = 32;
    const acc = knnAccuracy(gaussian(3000, d, 1), randomLabels(3000, 10, 2), gaussian(1000, d, 3), randomLabels(1000, 10, 4), d, 10);
    expect(acc).toBeGreaterThan(0.05);
    expect(acc).toBeLessThan(0.15);
  });

  it('weights votes by exp(sim / T): two fairly close neighbours against one very close one', () => {
    // query at 0°; class 0 at 10° and 12°, class 1 at 2° (cosines .9848, .9781, .9994)
    const train = new Float32Array([...at(10), ...at(12, 5), ...at(2, 0.3)]);
    const labels = [0, 0, 1];
    const query = new Float32Array(at(0, 2));
    // T = 0.07: votes e^(.9848/.07) + e^(.9781/.07) = 1.55 × e^(.9994/.07): class 0
    expect(Array.from(knnPredict(train, labels, query, 2, 2, 3, 0.07))).toEqual([0]);
    // T = 0.005: the closest neighbour's weight dominates: class 1
    expect(Array.from(knnPredict(train, labels, query, 2, 2, 3, 0.005))).toEqual([1]);
    // k = 1: only the closest votes
    expect(Array.from(knnPredict(train, labels, query, 2, 2, 1))).toEqual([1]);
    // k larger than the training set: all three vote
    expect(Array.from(knnPredict(train, labels, query, 2, 2, 20, 0.07))).toEqual([0]);
  });

  it('breaks ties: equal votes go to the lower class, equal similarity to the lower train index', () => {
    // query at 0°, one neighbour at +30° and one at −30°: equal votes
    const sym = new Float32Array([...at(30), ...at(-30)]);
    const q = new Float32Array(at(0));
    expect(Array.from(knnPredict(sym, [1, 0], q, 2, 2, 2))).toEqual([0]);
    expect(Array.from(knnPredict(sym, [0, 1], q, 2, 2, 2))).toEqual([0]);
    // two training rows in the same direction (lengths differ): k = 1 takes the lower index
    const dup = new Float32Array([...at(45, 2), ...at(45, 7), ...at(200)]);
    const q45 = new Float32Array(at(45));
    expect(Array.from(knnPredict(dup, [1, 0, 0], q45, 2, 2, 1))).toEqual([1]);
    expect(Array.from(knnPredict(dup, [0, 1, 1], q45, 2, 2, 1))).toEqual([0]);
  });

  it('knnAccuracy is the share of knnPredict predictions that match the labels', () => {
    const tr = clusters(300, 8, 3, 1, 5);
    const te = clusters(200, 8, 3, 1, 6);
    const a = knnAccuracy(tr.x, tr.y, te.x, te.y, 8, 3, 10, 0.1);
    const pred = knnPredict(tr.x, tr.y, te.x, 8, 3, 10, 0.1);
    expect(a).toBe(pred.filter((p, i) => p === te.y[i]).length / 200);
  });

  it('rejects labels outside [0, numClasses)', () => {
    expect(() => knnPredict(new Float32Array([1, 0]), [3], new Float32Array([1, 0]), 2, 2)).toThrow(/outside/);
  });
});

describe('linear probe', () => {
  it('reaches ≥ 99% on linearly separable data', () => {
    // labels = argmax of a fixed linear map, keeping only points with a margin
    const d = 24;
    const C = 4;
    const Wt = gaussian(C, d, 77);
    const make = (n: number, seed: number) => {
      const rng = new Rng(seed);
      const x = new Float32Array(n * d);
      const y = new Int32Array(n);
      for (let i = 0; i < n; ) {
        const row = Array.from({ length: d }, () => rng.normal() * 3 + 1); // shifted and scaled: standardisation matters
        const s = Array.from({ length: C }, (_, c) => row.reduce((acc, v, j) => acc + v * Wt[c * d + j], 0));
        const sorted = [...s].sort((a, b) => b - a);
        if (sorted[0] - sorted[1] < 2) continue;
        x.set(row, i * d);
        y[i] = s.indexOf(sorted[0]);
        i++;
      }
      return { x, y };
    };
    const tr = make(2000, 1);
    const te = make(1000, 2);
    const r = linearProbe(tr.x, tr.y, te.x, te.y, d, C);
    expect(r.trainAccuracy).toBeGreaterThanOrEqual(0.99);
    expect(r.accuracy).toBeGreaterThanOrEqual(0.99);
  });

  it('is at chance on random labels (while fitting some of the training set)', () => {
    const d = 32;
    const r = linearProbe(gaussian(2000, d, 1), randomLabels(2000, 10, 2), gaussian(1000, d, 3), randomLabels(1000, 10, 4), d, 10);
    expect(r.accuracy).toBeGreaterThan(0.05);
    expect(r.accuracy).toBeLessThan(0.15);
    expect(r.trainAccuracy).toBeGreaterThan(r.accuracy);
  });

  it('is deterministic for a seed and handles 9,000 × 192 quickly', () => {
    const d = 192;
    const tr = clusters(9000, d, 10, 0.15, 1);
    const te = clusters(1000, d, 10, 0.15, 2);
    const t0 = performance.now();
    const a = linearProbe(tr.x, tr.y, te.x, te.y, d, 10, { seed: 3 });
    const ms = performance.now() - t0;
    console.log(`linear probe 9000×192, 10 classes: ${ms.toFixed(0)} ms, accuracy ${a.accuracy}`);
    expect(ms).toBeLessThan(10_000);
    expect(a.accuracy).toBeGreaterThan(0.5); // the clusters overlap; chance is 0.1
    const b = linearProbe(tr.x.subarray(0, 500 * d), tr.y.subarray(0, 500), te.x, te.y, d, 10, { seed: 3, epochs: 3 });
    const c = linearProbe(tr.x.subarray(0, 500 * d), tr.y.subarray(0, 500), te.x, te.y, d, 10, { seed: 3, epochs: 3 });
    expect(c).toEqual(b);
  });

  it('ignores constant feature dimensions (standardised to 0, their weights stay 0)', () => {
    const tr = clusters(400, 4, 2, 1.5, 1);
    const te = clusters(200, 4, 2, 1.5, 2);
    const pad = (x: Float32Array, n: number) => {
      const out = new Float32Array(n * 6);
      for (let i = 0; i < n; i++) {
        out.set(x.subarray(i * 4, i * 4 + 4), i * 6);
        out[i * 6 + 4] = 7; // constant; column 5 is constant 0
      }
      return out;
    };
    const plain = linearProbe(tr.x, tr.y, te.x, te.y, 4, 2);
    const padded = linearProbe(pad(tr.x, 400), tr.y, pad(te.x, 200), te.y, 6, 2);
    expect(plain.accuracy).toBeGreaterThan(0.7);
    expect(padded.accuracy).toBeCloseTo(plain.accuracy, 2);
    expect(padded.trainAccuracy).toBeCloseTo(plain.trainAccuracy, 2);
  });
});

describe('symmetricEigenvalues', () => {
  it('recovers known eigenvalues of Q diag(λ) Qᵀ', () => {
    for (const m of [1, 2, 3, 7, 40]) {
      const Q = orthonormalRows(m, m, m);
      const lambda = Array.from({ length: m }, (_, i) => (i % 3 === 0 ? 0 : i - m / 2));
      const A = new Float64Array(m * m);
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < m; j++) {
          let s = 0;
          for (let k = 0; k < m; k++) s += Q[k * m + i] * lambda[k] * Q[k * m + j];
          A[i * m + j] = s;
        }
      }
      const got = Array.from(symmetricEigenvalues(A, m)).sort((a, b) => a - b);
      const want = [...lambda].sort((a, b) => a - b);
      for (let i = 0; i < m; i++) expect(got[i]).toBeCloseTo(want[i], 9);
    }
  });
});

describe('RankMe', () => {
  it('is ≈ d for an identity-like full-rank matrix', () => {
    const d = 64;
    const x = new Float32Array(2 * d * d); // [I; 3I]: equal singular values √10
    for (let j = 0; j < d; j++) {
      x[j * d + j] = 1;
      x[(d + j) * d + j] = 3;
    }
    expect(rankMe(x, 2 * d, d)).toBeCloseTo(d, 1);
  });

  it('is ≈ 1 for a rank-1 matrix', () => {
    expect(rankMe(withSingularValues(300, 48, [25], 1), 300, 48)).toBeCloseTo(1, 2);
    // constant rows are rank 1 too
    const c = new Float32Array(100 * 8).map((_, i) => (i % 8) + 1);
    expect(rankMe(c, 100, 8)).toBeCloseTo(1, 2);
  });

  it('is ≈ r for rank r with equal singular values, whichever side is smaller', () => {
    expect(rankMe(withSingularValues(400, 64, [3, 3, 3, 3, 3], 2), 400, 64)).toBeCloseTo(5, 2);
    expect(rankMe(withSingularValues(20, 96, Array(12).fill(0.5), 3), 20, 96)).toBeCloseTo(12, 2); // n < d
  });

  it('is between 1 and d otherwise, scale-free, close to d for gaussian features', () => {
    const x = gaussian(2000, 64, 5);
    const r = rankMe(x, 2000, 64);
    expect(r).toBeGreaterThan(55);
    expect(r).toBeLessThanOrEqual(64);
    expect(rankMe(x.map((v) => v * 1000), 2000, 64)).toBeCloseTo(r, 6);
    // unequal singular values give a fractional effective rank
    const r2 = rankMe(withSingularValues(200, 32, [10, 1], 4), 200, 32);
    expect(r2).toBeGreaterThan(1);
    expect(r2).toBeLessThan(2);
    expect(rankMe(new Float32Array(40), 10, 4)).toBe(0);
  });
});

describe('featureStd', () => {
  it('is 0 for constant features and the mean per-dimension std otherwise', () => {
    expect(featureStd(new Float32Array(50 * 8).fill(3.5), 50, 8)).toBe(0);
    expect(featureStd(new Float32Array([0, 0, 2, 4]), 2, 2)).toBeCloseTo(1.5, 12); // stds 1 and 2
    expect(featureStd(gaussian(20000, 4, 1, 2), 20000, 4)).toBeCloseTo(2, 1);
  });
});

describe('collapseCheck', () => {
  it('fires for constant features', () => {
    const n = 200;
    const d = 64;
    const x = new Float32Array(n * d).map((_, i) => Math.sin(i % d)); // every row the same
    const c = collapseCheck({ featureStd: featureStd(x, n, d), rankMe: rankMe(x, n, d), dim: d });
    expect(c.collapsed).toBe(true);
    expect(c.warning).toBe(true);
    expect(c.reasons.join('\n')).toMatch(/feature std 0 .*collapsed/);
    expect(c.reasons.join('\n')).toMatch(/RankMe 1 of 64 dimensions: features have collapsed/);
  });

  it('does not fire for healthy random gaussian features', () => {
    const n = 1000;
    const d = 64;
    const x = gaussian(n, d, 9);
    const c = collapseCheck({ featureStd: featureStd(x, n, d), rankMe: rankMe(x, n, d), dim: d, previousRankMe: 60 });
    expect(c).toEqual({ collapsed: false, warning: false, reasons: [] });
  });

  it('warns on low RankMe, small std, a sudden drop and non-finite values', () => {
    let c = collapseCheck({ featureStd: 0.5, rankMe: 3, dim: 192 });
    expect(c).toMatchObject({ collapsed: false, warning: true });
    expect(c.reasons).toEqual(['RankMe 3 of 192 dimensions: features are collapsing (under 3.84)']);
    expect(collapseCheck({ featureStd: 0.5, rankMe: 1.9, dim: 16 }).warning).toBe(true); // floor of 2
    expect(collapseCheck({ featureStd: 0.5, rankMe: 2.1, dim: 16 }).warning).toBe(false);
    expect(collapseCheck({ featureStd: 0.5, rankMe: 1.1, dim: 64 }).reasons[0]).toBe(
      'RankMe 1.1 of 64 dimensions: features have collapsed to a single direction',
    );
    c = collapseCheck({ featureStd: 0.004, rankMe: 50, dim: 192 });
    expect(c).toMatchObject({ collapsed: false, warning: true });
    expect(c.reasons[0]).toMatch(/feature std 4.0e-3/);
    c = collapseCheck({ featureStd: 0.5, rankMe: 20, dim: 192, previousRankMe: 60 });
    expect(c).toMatchObject({ collapsed: false, warning: true });
    expect(c.reasons[0]).toMatch(/RankMe fell from 60 to 20 since/);
    expect(collapseCheck({ featureStd: 0.5, rankMe: 40, dim: 192, previousRankMe: 60 }).warning).toBe(false);
    c = collapseCheck({ featureStd: NaN, rankMe: NaN, dim: 192 });
    expect(c.warning).toBe(true);
    expect(c.reasons).toHaveLength(2);
  });

  it('becomes a run warning only once training has run; at step 0 it is an info line', () => {
    const low = collapseCheck({ featureStd: 0.5, rankMe: 1.6, dim: 64 });
    expect(collapseEvent(0, low)).toMatchObject({ level: 'info', message: expect.stringMatching(/^features at initialisation: RankMe 1.6 of 64/) });
    expect(collapseEvent(250, low)).toEqual({ level: 'warning', message: `collapse warning at step 250: ${low.reasons.join('; ')}` });
    expect(collapseEvent(0, collapseCheck({ featureStd: 0.5, rankMe: 30, dim: 64 }))).toBeNull();
  });
});

describe('pca2d', () => {
  it('projects on the top-2 principal axes (centred, deterministic signs)', () => {
    // axis-aligned: dim 3 has variance 16, dim 1 variance 4, the rest 0.25
    const n = 3000;
    const d = 6;
    const rng = new Rng(2);
    const sd = [0.5, 2, 0.5, 4, 0.5, 0.5];
    const x = new Float32Array(n * d);
    for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) x[i * d + j] = 10 + sd[j] * rng.normal();
    const p = pca2d(x, n, d);
    expect(p.length).toBe(2 * n);
    const mean = (j: number) => {
      let s = 0;
      for (let i = 0; i < n; i++) s += x[i * d + j];
      return s / n;
    };
    const m3 = mean(3);
    const m1 = mean(1);
    let e0 = 0;
    let e1 = 0;
    for (let i = 0; i < n; i++) {
      e0 = Math.max(e0, Math.abs(Math.abs(p[i * 2]) - Math.abs(x[i * d + 3] - m3)));
      e1 = Math.max(e1, Math.abs(Math.abs(p[i * 2 + 1]) - Math.abs(x[i * d + 1] - m1)));
    }
    // the top axes are found up to sample noise in the covariance
    expect(e0).toBeLessThan(0.15);
    expect(e1).toBeLessThan(0.15);
    expect(Array.from(pca2d(x, n, d))).toEqual(Array.from(p));
  });

  it('preserves the top-2 variances of rotated data and decorrelates the columns', () => {
    const n = 2000;
    const d = 32;
    const x = withSingularValues(n, d, [50, 30, 5, 4, 3], 7);
    const p = pca2d(x, n, d);
    let v0 = 0;
    let v1 = 0;
    let c01 = 0;
    let m0 = 0;
    let m1 = 0;
    for (let i = 0; i < n; i++) {
      m0 += p[i * 2] / n;
      m1 += p[i * 2 + 1] / n;
    }
    for (let i = 0; i < n; i++) {
      v0 += (p[i * 2] - m0) ** 2;
      v1 += (p[i * 2 + 1] - m1) ** 2;
      c01 += (p[i * 2] - m0) * (p[i * 2 + 1] - m1);
    }
    // X = U S Vᵀ with orthonormal U columns: sum of squares along v_k is s_k² (minus the small mean part)
    expect(Math.sqrt(v0)).toBeGreaterThan(49);
    expect(Math.sqrt(v0)).toBeLessThan(50.01);
    expect(Math.sqrt(v1)).toBeGreaterThan(29);
    expect(Math.sqrt(v1)).toBeLessThan(30.01);
    expect(Math.abs(c01) / Math.sqrt(v0 * v1)).toBeLessThan(1e-3);
  });

  it('gives zeros for constant data and one non-zero column for rank-1 data', () => {
    expect(Array.from(pca2d(new Float32Array(30).fill(2), 10, 3))).toEqual(new Array(20).fill(0));
    const line = new Float32Array(20 * 3);
    for (let i = 0; i < 20; i++) line.set([i, 2 * i, -i], i * 3);
    const p = pca2d(line, 20, 3);
    for (let i = 0; i < 20; i++) {
      expect(p[i * 2]).toBeCloseTo((i - 9.5) * Math.sqrt(6), 3);
      expect(p[i * 2 + 1]).toBe(0);
    }
  });
});
