// I-JEPA multi-block masks (facebookresearch/ijepa src/masks/multiblock.py),
// with three deliberate differences from the reference, each a bug or a trap there:
//
// 1. Every grid position is reachable. The reference draws a block's top-left
//    corner with randint(0, H - h), which excludes H - h, so no block ever
//    touches the last row or column. Here the corner is drawn from [0, H - h]
//    inclusive, and a block may span the whole grid (the reference caps a side
//    at H - 1 only because its exclusive draw would otherwise be empty).
// 2. It never loops forever. The reference retries positions until a mask
//    keeps more than min_keep patches; a target block smaller than that can
//    never succeed and it hangs (e.g. min_keep = 10 on a 7×7 grid). Here the
//    batch's block size is redrawn when it is smaller than min_keep (bounded);
//    settings where fewer than 25% of size draws keep min_keep (or none do) are
//    rejected up front, before any sampling, with an error naming min_keep and
//    the grid. Context placement retries a bounded number of times
//    (redrawing the image's target blocks too) before failing with the same
//    kind of error. The context never overlaps the targets (the reference's
//    fallback drops that constraint one target at a time).
// 3. Scale and aspect ratio are drawn independently (the reference reuses one
//    uniform draw for both, so large blocks are always the tall ones), and a
//    context longer than the batch's smallest is cut to size by dropping a random
//    subset of its patches rather than its last (bottom-right) ones, which
//    would bias what the encoder sees towards the top of the image.
//
// As in the reference: block sizes are drawn once per batch (targets: scale in
// pred_mask_scale and aspect in aspect_ratio; context: scale in enc_mask_scale,
// aspect 1), positions per image; the context has all target patches removed
// unless allow_overlap; every mask keeps at least min_keep patches; all masks
// in the batch are cut to the batch's smallest so they stack.
import { ConfigError, gridSize, type JepaConfig } from './config.ts';
import { Rng, Stream } from './rng.ts';

export interface MaskBatch {
  /** [B][Kc] row-major patch indices, sorted, the same Kc for every image */
  context: number[][];
  /** [B][M][Kt] row-major patch indices, sorted, the same Kt everywhere */
  targets: number[][][];
}

type MaskCfg = JepaConfig['mask'];

/** Context placements tried per layout of an image's target blocks. */
const CONTEXT_TRIES = 20;
/** Layouts of an image's target blocks tried before giving up. */
const LAYOUT_TRIES = 50;

/** Block height and width for a scale (fraction of the grid) and aspect ratio (h / w). */
export function blockDims(grid: number, scale: number, aspect: number): [number, number] {
  const keep = Math.floor(grid * grid * scale);
  let h = Math.round(Math.sqrt(keep * aspect));
  let w = Math.round(Math.sqrt(keep / aspect));
  h = Math.min(grid, Math.max(1, h));
  w = Math.min(grid, Math.max(1, w));
  return [h, w];
}

/**
 * Smallest and largest block area (in patches) that blockDims can give for
 * scale uniform in [s0, s1] and aspect uniform in [a0, a1], and the fraction
 * of draws whose area is at least `minKeep`. Exact: the area is piecewise
 * constant in both, so every piece is evaluated and weighted by its length.
 */
export function blockAreaStats(
  grid: number,
  scale: [number, number],
  aspect: [number, number],
  minKeep = 0,
): { min: number; max: number; feasible: number } {
  const n = grid * grid;
  let min = Infinity;
  let max = 0;
  let feasible = 0;
  const [s0, s1] = scale;
  const [a0, a1] = aspect;
  const k0 = Math.floor(n * s0);
  const k1 = Math.floor(n * s1);
  for (let keep = k0; keep <= k1; keep++) {
    // probability mass of this `keep` among scale draws
    const sw = s1 > s0 ? (Math.min(s1, (keep + 1) / n) - Math.max(s0, keep / n)) / (s1 - s0) : 1;
    if (sw <= 0 && !(keep === k0 && k0 === k1)) continue;
    // rounding of sqrt(keep·a) or sqrt(keep/a) changes where that value crosses m + 1/2
    const cuts = [a0, a1];
    if (keep > 0 && a1 > a0) {
      for (let m = 0; m <= grid + 1; m++) {
        const c1 = ((m + 0.5) * (m + 0.5)) / keep;
        const c2 = keep / ((m + 0.5) * (m + 0.5));
        if (c1 > a0 && c1 < a1) cuts.push(c1);
        if (c2 > a0 && c2 < a1) cuts.push(c2);
      }
    }
    cuts.sort((x, y) => x - y);
    // keep/n is a scale that floors back to `keep` (nudged up against float rounding)
    const sc = Math.min(1, (keep + 1e-9) / n);
    const area = (a: number) => {
      const [h, w] = blockDims(grid, sc, a);
      return h * w;
    };
    for (const a of cuts) {
      min = Math.min(min, area(a));
      max = Math.max(max, area(a));
    }
    if (a1 > a0) {
      for (let i = 0; i + 1 < cuts.length; i++) {
        const A = area((cuts[i] + cuts[i + 1]) / 2);
        min = Math.min(min, A);
        max = Math.max(max, A);
        if (A >= minKeep) feasible += (sw * (cuts[i + 1] - cuts[i])) / (a1 - a0);
      }
    } else if (area(a0) >= minKeep) feasible += sw;
  }
  return { min, max, feasible: Math.min(1, feasible) };
}

/**
 * Below this fraction of size draws keeping min_keep, the settings are rejected
 * rather than sampled by redrawing: redrawing most sizes would silently
 * replace the scale range asked for (e.g. min_keep = 10 on a 7×7 grid keeps
 * only 3% of the reference target sizes).
 */
export const MIN_FEASIBLE = 0.25;
/** Size redraws per batch: with at least MIN_FEASIBLE usable, failing all has probability < 1e-24. */
const SIZE_TRIES = 200;

/** Check that the settings can be sampled; throws ConfigError naming min_keep and the grid otherwise (fast, no sampling). */
export function checkMaskSettings(mask: MaskCfg, grid: number): void {
  if (!Number.isInteger(grid) || grid < 1) throw new ConfigError('mask.patch_size', `the patch grid must be a positive integer side, got ${grid}`);
  const where = `on a ${grid}×${grid} patch grid`;
  if (mask.min_keep > grid * grid - 1)
    throw new ConfigError('mask.min_keep', `mask.min_keep = ${mask.min_keep} cannot be kept ${where} (${grid * grid} patches); lower mask.min_keep`);
  const check = (what: string, settings: string, st: { min: number; max: number; feasible: number }, fix: string) => {
    if (st.feasible >= MIN_FEASIBLE) return;
    const why =
      st.max < mask.min_keep
        ? `are at most ${st.max} patches ${where}, fewer than mask.min_keep = ${mask.min_keep}, so they cannot be sampled`
        : `keep at least mask.min_keep = ${mask.min_keep} patches ${where} in only ${(100 * st.feasible).toFixed(1)}% of draws (sizes range ${st.min}–${st.max}; under ${100 * MIN_FEASIBLE}% is refused because redrawing the rest would replace the sizes asked for)`;
    throw new ConfigError('mask.min_keep', `${what} (${settings}) ${why}; set mask.min_keep to at most ${st.min}, or ${fix}`);
  };
  check(
    'target blocks',
    `pred_mask_scale [${mask.pred_mask_scale}], aspect_ratio [${mask.aspect_ratio}]`,
    blockAreaStats(grid, mask.pred_mask_scale, mask.aspect_ratio, mask.min_keep),
    'raise mask.pred_mask_scale, or use a larger patch grid (crop_size / patch_size)',
  );
  check(
    'context blocks',
    `enc_mask_scale [${mask.enc_mask_scale}]`,
    blockAreaStats(grid, mask.enc_mask_scale, [1, 1], mask.min_keep),
    'raise mask.enc_mask_scale',
  );
}

/** Draw a block size for the batch, redrawing sizes that keep fewer than minKeep patches. */
function drawSize(grid: number, scale: [number, number], aspect: [number, number], minKeep: number, rng: Rng, what: string): [number, number] {
  for (let t = 0; t < SIZE_TRIES; t++) {
    const s = rng.uniform(scale[0], scale[1]);
    const a = rng.uniform(aspect[0], aspect[1]);
    const hw = blockDims(grid, s, a);
    if (hw[0] * hw[1] >= minKeep) return hw;
  }
  // unreachable when checkMaskSettings passed (probability ~1e-18)
  throw new ConfigError('mask.min_keep', `no ${what} block size keeps mask.min_keep = ${minKeep} patches on a ${grid}×${grid} patch grid in ${SIZE_TRIES} draws; lower mask.min_keep`);
}

function blockIndices(grid: number, top: number, left: number, h: number, w: number): number[] {
  const out: number[] = new Array(h * w);
  let k = 0;
  for (let r = top; r < top + h; r++) for (let c = left; c < left + w; c++) out[k++] = r * grid + c;
  return out;
}

/** Sorted random subset of `keep` elements of a sorted list. */
function subsetSorted(xs: number[], keep: number, rng: Rng): number[] {
  if (xs.length <= keep) return xs;
  const a = xs.slice();
  for (let i = 0; i < keep; i++) {
    const j = i + rng.int(a.length - i);
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
  return a.slice(0, keep).sort((x, y) => x - y);
}

/**
 * One batch of multi-block masks for a grid×grid patch grid. Deterministic for
 * the rng's state. Throws ConfigError (field mask.min_keep) when the settings
 * cannot keep min_keep patches per mask.
 */
export function sampleMasks(mask: MaskCfg, grid: number, batch: number, rng: Rng): MaskBatch {
  checkMaskSettings(mask, grid);
  if (!Number.isInteger(batch) || batch < 1) throw new ConfigError('data.batch_size', `must be a positive integer, got ${batch}`);
  const n = grid * grid;
  const [ph, pw] = drawSize(grid, mask.pred_mask_scale, mask.aspect_ratio, mask.min_keep, rng, 'target');
  const [eh, ew] = drawSize(grid, mask.enc_mask_scale, [1, 1], mask.min_keep, rng, 'context');
  const M = mask.num_pred_masks;

  const contexts: number[][] = [];
  const targets: number[][][] = [];
  const covered = new Uint8Array(n);
  for (let b = 0; b < batch; b++) {
    let done = false;
    for (let layout = 0; layout < LAYOUT_TRIES && !done; layout++) {
      const blocks: number[][] = [];
      covered.fill(0);
      for (let m = 0; m < M; m++) {
        const blk = blockIndices(grid, rng.int(grid - ph + 1), rng.int(grid - pw + 1), ph, pw);
        for (const i of blk) covered[i] = 1;
        blocks.push(blk);
      }
      for (let t = 0; t < CONTEXT_TRIES; t++) {
        const blk = blockIndices(grid, rng.int(grid - eh + 1), rng.int(grid - ew + 1), eh, ew);
        const ctx = mask.allow_overlap ? blk : blk.filter((i) => covered[i] === 0);
        if (ctx.length >= mask.min_keep) {
          contexts.push(ctx);
          targets.push(blocks);
          done = true;
          break;
        }
      }
    }
    if (!done)
      throw new ConfigError(
        'mask.min_keep',
        `could not sample a context of at least mask.min_keep = ${mask.min_keep} patches on a ${grid}×${grid} patch grid in ` +
          `${LAYOUT_TRIES * CONTEXT_TRIES} tries: a ${eh}×${ew} context block minus ${M} target blocks of ${ph}×${pw} leaves too few patches; ` +
          `lower mask.min_keep, raise mask.enc_mask_scale, or lower mask.num_pred_masks / mask.pred_mask_scale`,
      );
  }
  // Cut to the batch's smallest so the masks stack. Target blocks all have
  // ph·pw patches (they are never constrained), contexts vary.
  const kc = Math.min(...contexts.map((c) => c.length));
  const kt = Math.min(...targets.flat().map((t) => t.length));
  return {
    context: contexts.map((c) => subsetSorted(c, kc, rng)),
    targets: targets.map((blocks) => blocks.map((t) => subsetSorted(t, kt, rng))),
  };
}

/** The rng for a training step's masks: keyed by (seed, step) so a resumed run redraws the same masks. */
export function maskRng(seed: number, step: number): Rng {
  return new Rng(seed, Stream.mask, step);
}

export interface MasksJson {
  grid: [number, number];
  batches: { context: number[][]; targets: number[][][] }[];
}

/** The `jepa-lab masks` output: {"grid":[H,W],"batches":[{"context":[[…]…],"targets":[[[…]…]…]}…]}. */
export function masksToJson(grid: number, batches: MaskBatch[]): MasksJson {
  return { grid: [grid, grid], batches: batches.map((b) => ({ context: b.context, targets: b.targets })) };
}

/**
 * Draw `count` batches as training would for steps first..first+count-1 and
 * return the `jepa-lab masks` JSON. batchSize defaults to the config's.
 */
export function sampleMasksJson(cfg: JepaConfig, opts: { count?: number; batchSize?: number; seed?: number; firstStep?: number } = {}): MasksJson {
  const grid = gridSize(cfg);
  const count = opts.count ?? 1;
  const bs = opts.batchSize ?? cfg.data.batch_size;
  const seed = opts.seed ?? cfg.meta.seed;
  const first = opts.firstStep ?? 0;
  const batches: MaskBatch[] = [];
  for (let s = 0; s < count; s++) batches.push(sampleMasks(cfg.mask, grid, bs, maskRng(seed, first + s)));
  return masksToJson(grid, batches);
}
