import { describe, expect, it } from 'vitest';
import { ExactIndex, benchSearch, overlapAtK } from '../../../main/common/search.ts';
import { Rng } from '../../../main/common/rng.ts';

function gaussian(n: number, d: number, seed: number): Float32Array {
  const rng = new Rng(seed);
  const x = new Float32Array(n * d);
  for (let i = 0; i < x.length; i++) x[i] = rng.normal();
  return x;
}

/** Independent reference: float64 cosine against every row, full stable sort (score desc, index asc). */
function reference(x: Float32Array, n: number, d: number, q: ArrayLike<number>, k: number, exclude = -1) {
  let qn = 0;
  for (let j = 0; j < d; j++) qn += q[j] * q[j];
  qn = Math.sqrt(qn);
  const scored: { i: number; s: number }[] = [];
  for (let i = 0; i < n; i++) {
    if (i === exclude) continue;
    let dot = 0;
    let xn = 0;
    for (let j = 0; j < d; j++) {
      dot += x[i * d + j] * q[j];
      xn += x[i * d + j] * x[i * d + j];
    }
    scored.push({ i, s: xn > 0 && qn > 0 ? dot / Math.sqrt(xn) / qn : 0 });
  }
  scored.sort((a, b) => b.s - a.s || a.i - b.i);
  const top = scored.slice(0, Math.max(0, k));
  return { indices: top.map((t) => t.i), scores: top.map((t) => t.s) };
}

describe('ExactIndex', () => {
  // d % 4 == 0: wasm-simd kernel (d = 36 exercises its 4-float tail, d = 4
  // rows shorter than its 8-float loop); d = 30: js kernel; plus js forced.
  // n = 9000 spans several scan blocks (4096 rows each).
  const cases: { n: number; d: number; kernel?: 'js' }[] = [
    { n: 9000, d: 64 },
    { n: 3000, d: 36 },
    { n: 1000, d: 4 },
    { n: 2000, d: 30 },
    { n: 5000, d: 64, kernel: 'js' },
  ];
  for (const { n, d, kernel } of cases) {
    it(`equals a naive full-sort reference (n=${n}, d=${d}, ${kernel ?? 'default'} kernel)`, () => {
      const x = gaussian(n, d, n + d);
      const index = new ExactIndex(x, n, d, kernel ? { kernel } : {});
      if (kernel) expect(index.kernel).toBe(kernel);
      if (d % 4 !== 0) expect(index.kernel).toBe('js');
      else if (!kernel) expect(['wasm-simd', 'blas']).toContain(index.kernel); // Node 20 has WebAssembly SIMD; the BLAS addon's sgemv where it is faster
      expect(index.n).toBe(n);
      expect(index.d).toBe(d);
      const queries = gaussian(15, d, 99);
      for (let t = 0; t < 15; t++) {
        const q = queries.subarray(t * d, (t + 1) * d);
        const k = [1, 10, 20][t % 3];
        const got = index.search(q, k);
        const ref = reference(x, n, d, q, k);
        expect(Array.from(got.indices)).toEqual(ref.indices);
        expect(got.scores.length).toBe(k);
        for (let i = 0; i < k; i++) expect(got.scores[i]).toBeCloseTo(ref.scores[i], 5);
        for (let i = 1; i < k; i++) expect(got.scores[i]).toBeLessThanOrEqual(got.scores[i - 1]);
      }
    });
  }

  it('stores L2-normalised copies; zero rows score 0; the input is not modified', () => {
    const x = new Float32Array([3, 4, 0, 0, 0, 0, 0, 0, 0, -2, 0, 0]);
    const before = Array.from(x);
    const index = new ExactIndex(x, 3, 4);
    expect(Array.from(x)).toEqual(before);
    expect(Array.from(index.data)).toEqual([0.6, 0.8, 0, 0, 0, 0, 0, 0, 0, -1, 0, 0].map(Math.fround));
    const r = index.search([0, 5, 0, 0], 3);
    expect(Array.from(r.indices)).toEqual([0, 1, 2]);
    expect(Array.from(r.scores)).toEqual([0.8, 0, -1].map(Math.fround));
  });

  it('exclude leaves a row out (e.g. the query itself)', () => {
    const n = 500;
    const d = 16;
    const x = gaussian(n, d, 7);
    const index = new ExactIndex(x, n, d);
    const q = x.subarray(17 * d, 18 * d);
    const withSelf = index.search(q, 5);
    expect(withSelf.indices[0]).toBe(17);
    expect(withSelf.scores[0]).toBeCloseTo(1, 5);
    const without = index.search(q, 5, 17);
    expect(Array.from(without.indices)).not.toContain(17);
    expect(Array.from(without.indices)).toEqual(reference(x, n, d, q, 5, 17).indices);
    expect(Array.from(without.indices.subarray(0, 4))).toEqual(Array.from(withSelf.indices.subarray(1, 5)));
    // out-of-range exclude is ignored
    expect(Array.from(index.search(q, 5, 10_000).indices)).toEqual(Array.from(withSelf.indices));
  });

  it('handles k > n, k = 0 and an empty index', () => {
    const x = gaussian(5, 8, 3);
    const index = new ExactIndex(x, 5, 8);
    const q = gaussian(1, 8, 4);
    const all = index.search(q, 10);
    expect(all.indices.length).toBe(5);
    expect([...all.indices].sort()).toEqual([0, 1, 2, 3, 4]);
    expect(Array.from(all.indices)).toEqual(reference(x, 5, 8, q, 10).indices);
    expect(index.search(q, 10, 2).indices.length).toBe(4);
    expect(index.search(q, 0).indices.length).toBe(0);
    const empty = new ExactIndex(new Float32Array(0), 0, 8);
    expect(empty.search(q, 3).indices.length).toBe(0);
  });

  it('breaks score ties by lower index, across scan blocks', () => {
    const n = 9000;
    const d = 8;
    const x = gaussian(n, d, 11);
    // the same direction at rows 8500, 20, 4100 (different lengths)
    const dir = [1, 2, 3, 4, 5, 6, 7, 8];
    for (const [row, scale] of [
      [8500, 1],
      [20, 3],
      [4100, 0.5],
    ]) {
      for (let j = 0; j < d; j++) x[row * d + j] = dir[j] * scale;
    }
    const r = new ExactIndex(x, n, d).search(dir, 3);
    expect(Array.from(r.indices)).toEqual([20, 4100, 8500]);
  });

  it('rejects a query of the wrong length and a bad shape', () => {
    const index = new ExactIndex(gaussian(4, 8, 1), 4, 8);
    expect(() => index.search(new Float32Array(7), 2)).toThrow(/query has 7 values/);
    expect(() => new ExactIndex(new Float32Array(10), 4, 8)).toThrow(/cannot hold/);
  });
});

describe('overlapAtK', () => {
  it('is |a ∩ b| / k', () => {
    expect(overlapAtK([1, 2, 3, 4], [4, 3, 9, 8])).toBe(0.5);
    expect(overlapAtK(new Int32Array([5, 6, 7]), new Int32Array([7, 6, 5]))).toBe(1);
    expect(overlapAtK([1, 2], [3, 4])).toBe(0);
    expect(overlapAtK([1, 1, 2, 3], [1, 9, 9, 9])).toBe(0.25); // a duplicate counts once
    expect(overlapAtK([], [])).toBe(1);
  });
});

describe('benchSearch', () => {
  it('reports timings and recall 1 against the naive scan', () => {
    const r = benchSearch({ n: 5000, dim: 32, k: 10, queries: 5, seed: 1 });
    expect(r).toMatchObject({ n: 5000, dim: 32, k: 10, recall: 1 });
    for (const key of ['median_ms', 'p95_ms', 'naive_median_ms', 'build_ms'] as const) {
      expect(Number.isFinite(r[key])).toBe(true);
      expect(r[key]).toBeGreaterThanOrEqual(0);
    }
    expect(r.p95_ms).toBeGreaterThanOrEqual(r.median_ms);
  });
});
