import { describe, expect, it } from 'vitest';
import { ConfigError, resolveConfig, type JepaConfig } from '../../../main/common/config.ts';
import { Rng } from '../../../main/common/rng.ts';
import { MIN_FEASIBLE, blockAreaStats, blockDims, maskRng, masksToJson, sampleMasks, sampleMasksJson, type MaskBatch } from '../../../main/common/masks.ts';

type MaskCfg = JepaConfig['mask'];
const REF: MaskCfg = resolveConfig('vit-tiny').mask; // reference values: 4 targets [0.15,0.2], aspect [0.75,1.5], context [0.85,1], min_keep 10
const SMALL_7X7 = resolveConfig('cpu-small', { mask: { patch_size: 4, min_keep: 4 } }); // 28 px in 4-pixel patches: a 7×7 grid
const small = (over: Partial<MaskCfg> = {}): MaskCfg => ({ ...SMALL_7X7.mask, ...over }); // 7×7, min_keep 4

/** Is this sorted list of indices exactly a filled h×w rectangle? */
function rectOf(ix: number[], grid: number): { h: number; w: number } | null {
  const rows = ix.map((i) => Math.floor(i / grid));
  const cols = ix.map((i) => i % grid);
  const r0 = Math.min(...rows);
  const c0 = Math.min(...cols);
  const h = Math.max(...rows) - r0 + 1;
  const w = Math.max(...cols) - c0 + 1;
  return h * w === ix.length ? { h, w } : null;
}

function checkBatch(mb: MaskBatch, cfg: MaskCfg, grid: number, batch: number): void {
  expect(mb.context).toHaveLength(batch);
  expect(mb.targets).toHaveLength(batch);
  const kc = mb.context[0].length;
  const kt = mb.targets[0][0].length;
  expect(kc).toBeGreaterThanOrEqual(cfg.min_keep);
  expect(kt).toBeGreaterThanOrEqual(cfg.min_keep);
  const problems: string[] = [];
  const validList = (m: number[]) => m.every((v, i) => Number.isInteger(v) && v >= 0 && v < grid * grid && (i === 0 || v > m[i - 1]));
  for (let b = 0; b < batch; b++) {
    const ctx = mb.context[b];
    if (ctx.length !== kc) problems.push(`context ${b} has ${ctx.length} patches, context 0 has ${kc}`);
    if (mb.targets[b].length !== cfg.num_pred_masks) problems.push(`image ${b} has ${mb.targets[b].length} target blocks`);
    if (!validList(ctx)) problems.push(`context ${b} is not sorted unique indices in range: ${ctx}`);
    const inCtx = new Set(ctx);
    for (const t of mb.targets[b]) {
      if (t.length !== kt) problems.push(`a target of image ${b} has ${t.length} patches, not ${kt}`);
      if (!validList(t)) problems.push(`a target of image ${b} is not sorted unique indices in range: ${t}`);
      if (!cfg.allow_overlap && t.some((i) => inCtx.has(i))) problems.push(`image ${b}: target ${t} overlaps context ${ctx}`);
    }
  }
  expect(problems).toEqual([]);
}

describe('multi-block masks', () => {
  it('target blocks are rectangles whose size is in the configured range; every mask keeps min_keep', () => {
    for (const [cfg, grid] of [
      [small(), 7],
      [REF, 14],
      [resolveConfig('tiny').mask, 4],
      [small({ pred_mask_scale: [0.05, 0.4], aspect_ratio: [0.3, 3], min_keep: 2 }), 10],
    ] as [MaskCfg, number][]) {
      const range = blockAreaStats(grid, cfg.pred_mask_scale, cfg.aspect_ratio);
      for (let s = 0; s < 40; s++) {
        const mb = sampleMasks(cfg, grid, 8, new Rng(s));
        checkBatch(mb, cfg, grid, 8);
        const first = rectOf(mb.targets[0][0], grid);
        expect(first).not.toBeNull();
        // one block size per batch
        for (const blocks of mb.targets) for (const t of blocks) expect(rectOf(t, grid)).toEqual(first);
        const area = first!.h * first!.w;
        expect(area).toBeGreaterThanOrEqual(Math.max(range.min, cfg.min_keep));
        expect(area).toBeLessThanOrEqual(range.max);
        // the context is at most a context-block's worth of patches
        expect(mb.context[0].length).toBeLessThanOrEqual(blockAreaStats(grid, cfg.enc_mask_scale, [1, 1]).max);
      }
    }
  });

  it('block sizes follow the reference formula and the exact area range matches sampling', () => {
    // reference: keep = int(H·W·s); h = round(sqrt(keep·a)); w = round(sqrt(keep/a))
    expect(blockDims(14, 0.2, 1.0)).toEqual([6, 6]); // keep 39 → sqrt 6.24
    expect(blockDims(14, 0.15, 1.5)).toEqual([7, 4]); // keep 29 → 6.6, 4.4
    expect(blockDims(7, 1.0, 1.0)).toEqual([7, 7]); // whole grid allowed (no H-1 cap)
    const st = blockAreaStats(7, [0.15, 0.2], [0.75, 1.5], 9);
    expect([st.min, st.max]).toEqual([6, 12]); // the 6–12-patch target blocks of a 7×7 grid
    const rng = new Rng(5);
    let ok = 0;
    const N = 20000;
    for (let i = 0; i < N; i++) {
      const [h, w] = blockDims(7, rng.uniform(0.15, 0.2), rng.uniform(0.75, 1.5));
      if (h * w >= 9) ok++;
    }
    expect(Math.abs(ok / N - st.feasible)).toBeLessThan(0.02);
  });

  it('context and targets are disjoint unless allow_overlap; with it they do overlap', () => {
    for (let s = 0; s < 30; s++) checkBatch(sampleMasks(small(), 7, 16, new Rng(s)), small(), 7, 16);
    let overlaps = 0;
    const cfg = small({ allow_overlap: true });
    for (let s = 0; s < 30; s++) {
      const mb = sampleMasks(cfg, 7, 16, new Rng(s));
      checkBatch(mb, cfg, 7, 16);
      for (let b = 0; b < 16; b++) for (const t of mb.targets[b]) if (t.some((i) => mb.context[b].includes(i))) overlaps++;
    }
    expect(overlaps).toBeGreaterThan(0);
  });

  it('every mask in a batch has the same length (so they stack), including when contexts vary', () => {
    const mb = sampleMasks(small(), 7, 64, new Rng(3));
    const lens = new Set(mb.context.map((c) => c.length));
    expect(lens.size).toBe(1);
    expect(new Set(mb.targets.flat().map((t) => t.length)).size).toBe(1);
    // the cut really happened: contexts minus targets vary per image before cutting, so the common
    // length is at most the smallest possible (context block − union of targets) of some image
    expect(mb.context[0].length).toBeLessThan(49);
  });

  it('respects min_keep across presets and large min_keep values', () => {
    for (const [cfg, grid] of [
      [resolveConfig('tiny').mask, 4],
      [small({ min_keep: 6 }), 7],
      [small({ min_keep: 15, num_pred_masks: 2, pred_mask_scale: [0.4, 0.5] }), 7],
      [{ ...REF, min_keep: 24 }, 14],
    ] as [MaskCfg, number][]) {
      for (let s = 0; s < 20; s++) {
        const mb = sampleMasks(cfg, grid, 16, new Rng(s, 9));
        expect(mb.context[0].length).toBeGreaterThanOrEqual(cfg.min_keep);
        expect(mb.targets[0][0].length).toBeGreaterThanOrEqual(cfg.min_keep);
      }
    }
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const a = sampleMasks(REF, 14, 16, new Rng(42, 4, 7));
    const b = sampleMasks(REF, 14, 16, new Rng(42, 4, 7));
    const c = sampleMasks(REF, 14, 16, new Rng(43, 4, 7));
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
    expect(sampleMasks(REF, 14, 16, maskRng(1, 10))).toEqual(sampleMasks(REF, 14, 16, maskRng(1, 10)));
    expect(sampleMasks(REF, 14, 16, maskRng(1, 10))).not.toEqual(sampleMasks(REF, 14, 16, maskRng(1, 11)));
  });

  it('every grid position, including the last row and column, is reachable by targets and by context', () => {
    for (const [cfg, grid] of [
      [small(), 7],
      [small({ enc_mask_scale: [0.3, 0.5], min_keep: 2 }), 7], // context block never covers the whole grid
      [resolveConfig('tiny').mask, 4],
      [{ ...REF, enc_mask_scale: [0.6, 0.7] }, 14],
    ] as [MaskCfg, number][]) {
      const tHits = new Int32Array(grid * grid);
      const cHits = new Int32Array(grid * grid);
      for (let s = 0; s < 150; s++) {
        const mb = sampleMasks(cfg, grid, 16, new Rng(s, 77));
        for (const c of mb.context) for (const i of c) cHits[i]++;
        for (const blocks of mb.targets) for (const t of blocks) for (const i of t) tHits[i]++;
      }
      const last = grid * grid - 1;
      expect(tHits[last]).toBeGreaterThan(0); // bottom-right corner
      expect(cHits[last]).toBeGreaterThan(0);
      for (let i = 0; i < grid * grid; i++) {
        expect(tHits[i], `target never covers patch ${i} of ${grid}×${grid}`).toBeGreaterThan(0);
        expect(cHits[i], `context never covers patch ${i} of ${grid}×${grid}`).toBeGreaterThan(0);
      }
    }
  });

  it('impossible settings fail fast with an error naming min_keep and the grid', () => {
    const expectErr = (cfg: MaskCfg, grid: number, re: RegExp) => {
      const t0 = performance.now();
      let err: unknown = null;
      try {
        sampleMasks(cfg, grid, 64, new Rng(1));
      } catch (e) {
        err = e;
      }
      expect(performance.now() - t0).toBeLessThan(1000);
      expect(err).toBeInstanceOf(ConfigError);
      const msg = (err as Error).message;
      expect(msg).toMatch(/min_keep/);
      expect(msg).toContain(`${grid}×${grid}`);
      expect(msg).toMatch(re);
    };
    // the reference min_keep = 10 on a 7×7 grid (where the reference sampler hangs): only 3% of target sizes keep 10
    expect(blockAreaStats(7, REF.pred_mask_scale, REF.aspect_ratio, 10).feasible).toBeLessThan(MIN_FEASIBLE);
    expectErr({ ...REF, min_keep: 10 }, 7, /target blocks.*at most 6/);
    // no target block can keep 13 patches there at all
    expectErr(small({ min_keep: 13 }), 7, /are at most 12 patches/);
    // context block smaller than min_keep
    expectErr(small({ enc_mask_scale: [0.1, 0.15], min_keep: 6 }), 7, /context blocks/);
    // targets that leave no room for a context: bounded retries, then the error
    expectErr(small({ num_pred_masks: 8, pred_mask_scale: [0.5, 0.6], min_keep: 10 }), 7, /could not sample a context/);
    // more than the grid holds
    expectErr(small({ min_keep: 49 }), 7, /cannot be kept/);
  });

  it('masksToJson gives the `jepa-lab masks` shape', () => {
    const cfg = SMALL_7X7;
    const j = sampleMasksJson(cfg, { count: 3, batchSize: 2, seed: 5 });
    expect(j.grid).toEqual([7, 7]);
    expect(j.batches).toHaveLength(3);
    const round = JSON.parse(JSON.stringify(j));
    expect(round).toEqual(j);
    expect(round.batches[0].context).toHaveLength(2);
    expect(round.batches[0].targets[0]).toHaveLength(4);
    expect(typeof round.batches[0].targets[0][0][0]).toBe('number');
    // the same draws as training's step 0 and 1
    expect(j.batches[1]).toEqual(sampleMasks(cfg.mask, 7, 2, maskRng(5, 1)));
    expect(masksToJson(7, [sampleMasks(cfg.mask, 7, 2, maskRng(5, 0))])).toEqual({ grid: [7, 7], batches: [j.batches[0]] });
  });
});
