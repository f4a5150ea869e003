// Training configuration: plain data in the reference's sections (data, mask,
// meta, optimization, logging) with its YAML key names where one exists.
// Overrides are checked: unknown keys and out-of-range values are rejected
// before any work starts, naming the field and the allowed range.

export type LossKind = 'l2' | 'smooth_l1';

export interface JepaConfig {
  data: {
    /** dataset name in the lab store, or a path; 'digits' is bundled */
    dataset: string;
    crop_size: number;
    channels: number;
    batch_size: number;
    /** random resized crop scale range (area fraction, torchvision semantics) */
    crop_scale: [number, number];
    /** random rotation of each crop, uniform in ±rotation degrees (black corners, as torchvision RandomRotation); 0 = off (the paper). For data without an upright, e.g. microscopy or aerial images; on the digits it costs kNN points (docs/recipe.md round 5) */
    rotation: number;
  };
  mask: {
    patch_size: number;
    num_enc_masks: number;
    enc_mask_scale: [number, number];
    num_pred_masks: number;
    pred_mask_scale: [number, number];
    aspect_ratio: [number, number];
    min_keep: number;
    allow_overlap: boolean;
  };
  model: {
    embed_dim: number;
    depth: number;
    num_heads: number;
    mlp_ratio: number;
    /** std of the truncated-normal init of linear weights (reference 0.02) */
    init_std: number;
    /** std of the patch-embedding init; 0 = same as init_std (reference) */
    patch_init_std: number;
    /** factor on the encoders' fixed sin-cos positions (reference 1): how strongly position competes with content */
    pos_scale: number;
  };
  meta: {
    pred_depth: number;
    pred_emb_dim: number;
    loss: LossKind;
    seed: number;
  };
  optimization: {
    epochs: number;
    /** total optimiser steps; 0 = epochs × iterations per epoch */
    steps: number;
    /**
     * warm-up length in epochs (reference semantics); when `steps` sets the run's
     * length, the warm-up is the same share of it, warmup / epochs (main/common/schedule.ts)
     */
    warmup: number;
    lr: number;
    start_lr: number;
    final_lr: number;
    weight_decay: number;
    final_weight_decay: number;
    /** EMA momentum [start, end], rising linearly per iteration */
    ema: [number, number];
    /** schedules run over ipe_scale × total steps (reference: 1.0) */
    ipe_scale: number;
    /** micro-batch size for gradient accumulation; 0 = whole batch */
    micro_batch: number;
    /**
     * Data-parallel gradient threads inside the training process (worker/train/parallel.ts),
     * the main thread included: 1 = off; 0 = auto (min(2, available cores) on the
     * single-threaded wasm/cpu backends when a step is big enough to pay for the
     * hand-off, else 1; always 1 on 'tensorflow', which is multi-threaded already).
     * A speed setting only: the loss curve does not depend on it (up to float
     * summation order). Configs saved before this key existed mean 0 (withDefaults).
     */
    workers: number;
  };
  regularization: {
    /** VICReg variance+covariance on context features (C-JEPA); 0 = off */
    vicreg_weight: number;
    vicreg_cov_weight: number;
    /** SIGReg (LeJEPA isotropic-Gaussian) on pooled context features; 0 = off */
    sigreg_weight: number;
    /**
     * VICReg invariance between two views (C-JEPA): > 0 makes each batch
     * batch_size/2 images seen twice, as independent crops with independent
     * masks, and adds this weight × the mean squared difference of the two
     * views' pooled context features; 0 = off (one view, the paper).
     */
    invariance_weight: number;
    /**
     * Crops per image with the invariance term (multi-crop, as SwAV/DINO): each
     * batch holds batch_size/views images, and the term averages over all pairs
     * of an image's views. 2 = C-JEPA's two views. Configs saved before this key
     * existed mean 2 (withDefaults).
     */
    views: number;
    /**
     * Width of a projector MLP (VICReg's expander: Linear → GELU → Linear) between the pooled
     * context features and the terms above; 0 = the terms act on the pooled features directly.
     * Keeps the whitening pressure of VICReg/SIGReg off the representation itself.
     */
    projector_dim: number;
  };
  logging: {
    log_every: number;
    eval_every: number;
    checkpoint_every: number;
    probe_size: number;
  };
}

export type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? (T[K] extends unknown[] ? T[K] : DeepPartial<T[K]>) : T[K] };

/** The reference recipe (facebookresearch/ijepa configs) at ViT-tiny size. */
const REFERENCE: JepaConfig = {
  data: { dataset: 'digits', crop_size: 224, channels: 3, batch_size: 128, crop_scale: [0.3, 1.0], rotation: 0 },
  mask: {
    patch_size: 16,
    num_enc_masks: 1,
    enc_mask_scale: [0.85, 1.0],
    num_pred_masks: 4,
    pred_mask_scale: [0.15, 0.2],
    aspect_ratio: [0.75, 1.5],
    min_keep: 10,
    allow_overlap: false,
  },
  model: { embed_dim: 192, depth: 12, num_heads: 3, mlp_ratio: 4, init_std: 0.02, patch_init_std: 0, pos_scale: 1 },
  meta: { pred_depth: 12, pred_emb_dim: 384, loss: 'l2', seed: 0 },
  optimization: {
    epochs: 300,
    steps: 0,
    warmup: 40,
    lr: 0.001,
    start_lr: 0.0002,
    final_lr: 1e-6,
    weight_decay: 0.04,
    final_weight_decay: 0.4,
    ema: [0.996, 1.0],
    ipe_scale: 1.0,
    micro_batch: 0,
    workers: 0,
  },
  regularization: { vicreg_weight: 0, vicreg_cov_weight: 0, sigreg_weight: 0, invariance_weight: 0, views: 2, projector_dim: 0 },
  logging: { log_every: 10, eval_every: 200, checkpoint_every: 500, probe_size: 1000 },
};

/** Differences from the reference for 28×28 single-channel digits. */
const SMALL_IMAGES: DeepPartial<JepaConfig> = {
  data: { crop_size: 28, channels: 1, batch_size: 64 },
  // 7×7 grid: the reference min_keep = 10 makes 6–12-patch target blocks unsampleable
  mask: { patch_size: 4, min_keep: 4 },
};

export const PRESETS: Record<string, { description: string; overrides: DeepPartial<JepaConfig> }> = {
  'cpu-small': {
    description: 'default: a small ViT on 28×28 images that learns on a 2-core CPU in minutes',
    overrides: merge(SMALL_IMAGES, {
      // crops of 70–100% of the image (not 30–100%): a digit cut to a third is often another digit, and eval sees whole images
      data: { crop_scale: [0.7, 1.0] },
      // 7-pixel patches (a 4×4 grid): a step costs 255 ms against 564 ms for 4-pixel ones here (bench, two gradient
      // threads), so twice the steps fit the same minutes, which buys +4.5 kNN points (docs/recipe.md round 3); targets are 2–3 patches, hence min_keep 2
      mask: { patch_size: 7, min_keep: 2 },
      // 96 wide and 3 deep rather than 64 and 4: +2.4 linear points for a step that costs 23% more (docs/recipe.md round 5).
      // init_std ≈ 0.8/√96: the reference 0.02 is sized for wide models and learns slowly here; positions × 6 make
      // layout (where the strokes are) survive average pooling: +19 kNN points (docs/recipe.md)
      // MLP 2× wide, not 4×: a step costs 21–27% less alone (with round 6's cheaper AdamW step), so 3,100 steps fit where
      // 2,500 did: +1.1 kNN and +1.7 linear points over two seeds in shared runs (docs/recipe.md round 6)
      model: { embed_dim: 96, depth: 3, num_heads: 4, mlp_ratio: 2, init_std: 0.08, patch_init_std: 0.12, pos_scale: 6 },
      meta: { pred_depth: 2, pred_emb_dim: 32 },
      // lr 2e-3 learns faster than 1e-3 and as well as 4e-3 (round 4); 3,500 steps take 7.3–8.4 minutes here alone (round 7)
      // EMA from 0.99 (reference 0.996): in a few thousand steps the target must follow the encoder sooner (round 5)
      optimization: { epochs: 10, steps: 3500, warmup: 0.5, lr: 0.002, start_lr: 0.0004, final_lr: 1e-5, ema: [0.99, 1.0] },
      // docs/recipe.md: VICReg on pooled features stops the collapse; the two-view invariance term adds 4–6 kNN points
      regularization: { vicreg_weight: 1.0, vicreg_cov_weight: 0.04, invariance_weight: 0.2 },
      logging: { eval_every: 500, checkpoint_every: 500, probe_size: 1000 },
    }),
  },
  reference: {
    description: 'the paper recipe, faithful, on 28×28 images (no anti-collapse terms)',
    overrides: merge(SMALL_IMAGES, {
      model: { embed_dim: 128, depth: 4, num_heads: 4 },
      meta: { pred_depth: 2, pred_emb_dim: 64 },
      optimization: { epochs: 20, warmup: 1 },
    }),
  },
  'vit-tiny': {
    description: 'reference ViT-Tiny (192/12/3) at 224 px, for GPUs',
    overrides: { meta: { pred_depth: 6 } },
  },
  'vit-small': {
    description: 'reference ViT-Small (384/12/6) at 224 px, for GPUs',
    overrides: { model: { embed_dim: 384, num_heads: 6 }, meta: { pred_depth: 6 } },
  },
  tiny: {
    description: 'for tests: a minute model that trains in seconds',
    overrides: merge(SMALL_IMAGES, {
      data: { crop_size: 16, batch_size: 8 },
      mask: { patch_size: 4, min_keep: 2 },
      model: { embed_dim: 16, depth: 1, num_heads: 2, patch_init_std: 0.14 },
      meta: { pred_depth: 1, pred_emb_dim: 8 },
      optimization: { epochs: 1, steps: 20, warmup: 0.1, lr: 0.003, start_lr: 0.001 },
      logging: { log_every: 1, eval_every: 10, checkpoint_every: 10, probe_size: 64 },
    }),
  },
};

export const DEFAULT_PRESET = 'cpu-small';

/** Upper bound of optimization.workers (gradient threads, each with its own tfjs heap). */
export const MAX_WORKERS = 64;

export class ConfigError extends Error {
  constructor(
    public readonly field: string,
    message: string,
  ) {
    super(`config ${field}: ${message}`);
    this.name = 'ConfigError';
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Deep merge of plain data (arrays replaced whole). */
export function merge<T>(base: T, over: unknown): T {
  if (!isObject(over)) return base;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(over)) {
    out[k] = isObject(v) && isObject(out[k]) ? merge(out[k], v) : v;
  }
  return out as T;
}

/** Reject keys that the config does not have (catches typos like `mask.patchsize`). */
function checkKeys(base: unknown, over: unknown, path: string): void {
  if (!isObject(over)) return;
  for (const [k, v] of Object.entries(over)) {
    const p = path ? `${path}.${k}` : k;
    if (!isObject(base) || !Object.hasOwn(base, k)) {
      const known = isObject(base) ? Object.keys(base).join(', ') : '';
      throw new ConfigError(p, `unknown key; known keys here: ${known}`);
    }
    if (isObject(v)) checkKeys(base[k], v, p);
  }
}

/**
 * A stored config (a run row) with the keys added since it was saved filled
 * from REFERENCE, whose values for them reproduce how it ran then
 * (optimization.workers 0 = auto, regularization.invariance_weight 0 = off, regularization.views 2,
 * model.pos_scale 1 = the reference positions, regularization.projector_dim 0 = none).
 */
export function withDefaults(stored: JepaConfig): JepaConfig {
  return merge(structuredClone(REFERENCE), stored);
}

/** Resolve preset + overrides into a full, validated config. */
export function resolveConfig(preset: string = DEFAULT_PRESET, ...overrides: unknown[]): JepaConfig {
  const p = PRESETS[preset];
  if (!p) throw new ConfigError('preset', `unknown preset "${preset}"; choose one of: ${Object.keys(PRESETS).join(', ')}`);
  let cfg = merge(REFERENCE, p.overrides);
  for (const o of overrides) {
    checkKeys(REFERENCE, o, '');
    cfg = merge(cfg, o);
  }
  validateConfig(cfg);
  return structuredClone(cfg);
}

/** Check every value; throws ConfigError naming the field and the allowed range. */
export function validateConfig(cfg: JepaConfig): void {
  checkKeys(REFERENCE, cfg, '');
  const int = (f: string, v: unknown, lo: number, hi: number) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < lo || v > hi)
      throw new ConfigError(f, `must be an integer in [${lo}, ${hi}], got ${JSON.stringify(v)}`);
  };
  const num = (f: string, v: unknown, lo: number, hi: number, openLo = false) => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < lo || v > hi || (openLo && v === lo))
      throw new ConfigError(f, `must be a number in ${openLo ? '(' : '['}${lo}, ${hi}], got ${JSON.stringify(v)}`);
  };
  const range = (f: string, v: unknown, lo: number, hi: number) => {
    if (!Array.isArray(v) || v.length !== 2) throw new ConfigError(f, `must be a pair [min, max] within [${lo}, ${hi}], got ${JSON.stringify(v)}`);
    num(`${f}[0]`, v[0], lo, hi);
    num(`${f}[1]`, v[1], lo, hi);
    if (v[0] > v[1]) throw new ConfigError(f, `min ${v[0]} is larger than max ${v[1]}`);
  };
  // a width with 2-D sin-cos positions: half of it per axis, each half split into sines and cosines
  const sinCosWidth = (f: string, v: number) => {
    if ((v / 2) % 2 !== 0) throw new ConfigError(f, `must be a multiple of 4 for 2-D sin-cos positions, got ${v}`);
  };
  const { data, mask, model, meta, optimization: o, regularization: r, logging: l } = cfg;
  if (typeof data.dataset !== 'string' || data.dataset.length === 0) throw new ConfigError('data.dataset', 'must name a dataset or a path');
  int('data.crop_size', data.crop_size, 4, 1024);
  int('data.channels', data.channels, 1, 3);
  if (data.channels === 2) throw new ConfigError('data.channels', 'must be 1 (grayscale) or 3 (RGB), got 2');
  int('data.batch_size', data.batch_size, 1, 4096);
  range('data.crop_scale', data.crop_scale, 0.01, 1);
  num('data.rotation', data.rotation, 0, 180);
  int('mask.patch_size', mask.patch_size, 1, 64);
  if (data.crop_size % mask.patch_size !== 0)
    throw new ConfigError('mask.patch_size', `must divide data.crop_size (${data.crop_size}); ${mask.patch_size} does not`);
  const grid = data.crop_size / mask.patch_size;
  if (grid < 2) throw new ConfigError('mask.patch_size', `leaves a ${grid}×${grid} patch grid; it must be at least 2×2 (use a smaller patch)`);
  int('mask.num_enc_masks', mask.num_enc_masks, 1, 1);
  range('mask.enc_mask_scale', mask.enc_mask_scale, 0.01, 1);
  int('mask.num_pred_masks', mask.num_pred_masks, 1, 16);
  range('mask.pred_mask_scale', mask.pred_mask_scale, 0.01, 1);
  range('mask.aspect_ratio', mask.aspect_ratio, 0.1, 10);
  int('mask.min_keep', mask.min_keep, 1, grid * grid - 1);
  if (typeof mask.allow_overlap !== 'boolean') throw new ConfigError('mask.allow_overlap', 'must be true or false');
  int('model.embed_dim', model.embed_dim, 4, 4096);
  int('model.depth', model.depth, 1, 48);
  int('model.num_heads', model.num_heads, 1, 64);
  if (model.embed_dim % model.num_heads !== 0)
    throw new ConfigError('model.num_heads', `must divide model.embed_dim (${model.embed_dim}); ${model.num_heads} does not`);
  sinCosWidth('model.embed_dim', model.embed_dim);
  num('model.mlp_ratio', model.mlp_ratio, 0.25, 16);
  num('model.init_std', model.init_std, 0, 1, true);
  num('model.patch_init_std', model.patch_init_std, 0, 10);
  num('model.pos_scale', model.pos_scale, 0, 100);
  int('meta.pred_depth', meta.pred_depth, 1, 48);
  int('meta.pred_emb_dim', meta.pred_emb_dim, 4, 4096);
  if (meta.pred_emb_dim % model.num_heads !== 0)
    throw new ConfigError('meta.pred_emb_dim', `must be divisible by model.num_heads (${model.num_heads}); ${meta.pred_emb_dim} is not`);
  sinCosWidth('meta.pred_emb_dim', meta.pred_emb_dim);
  if (meta.loss !== 'l2' && meta.loss !== 'smooth_l1') throw new ConfigError('meta.loss', `must be "l2" or "smooth_l1", got ${JSON.stringify(meta.loss)}`);
  int('meta.seed', meta.seed, 0, 2 ** 31 - 1);
  int('optimization.epochs', o.epochs, 1, 100000);
  int('optimization.steps', o.steps, 0, 1e9);
  num('optimization.warmup', o.warmup, 0, 100000);
  num('optimization.lr', o.lr, 0, 10, true);
  num('optimization.start_lr', o.start_lr, 0, 10);
  num('optimization.final_lr', o.final_lr, 0, 10);
  num('optimization.weight_decay', o.weight_decay, 0, 10);
  num('optimization.final_weight_decay', o.final_weight_decay, 0, 10);
  range('optimization.ema', o.ema, 0, 1);
  num('optimization.ipe_scale', o.ipe_scale, 1, 10);
  int('optimization.micro_batch', o.micro_batch, 0, data.batch_size);
  int('optimization.workers', o.workers, 0, MAX_WORKERS);
  num('regularization.vicreg_weight', r.vicreg_weight, 0, 1000);
  num('regularization.vicreg_cov_weight', r.vicreg_cov_weight, 0, 1000);
  num('regularization.sigreg_weight', r.sigreg_weight, 0, 1000);
  num('regularization.invariance_weight', r.invariance_weight, 0, 1000);
  int('regularization.projector_dim', r.projector_dim, 0, 16384);
  int('regularization.views', r.views, 2, 16);
  if (r.invariance_weight > 0) {
    const v = r.views;
    if (data.batch_size % v !== 0 || data.batch_size < 2 * v)
      throw new ConfigError('data.batch_size', `must be a multiple of regularization.views (${v}) and hold at least two images with regularization.invariance_weight > 0, got ${data.batch_size}`);
    if (o.micro_batch % v !== 0)
      throw new ConfigError('optimization.micro_batch', `must be a multiple of regularization.views (${v}) with regularization.invariance_weight > 0 (a micro-batch holds every view of its images), got ${o.micro_batch}`);
  }
  int('logging.log_every', l.log_every, 1, 1e6);
  int('logging.eval_every', l.eval_every, 0, 1e9);
  int('logging.checkpoint_every', l.checkpoint_every, 0, 1e9);
  int('logging.probe_size', l.probe_size, 8, 100000);
}

/** Views per image in a batch: regularization.views with the invariance term (adjacent rows show one image), else 1. */
export function viewsPerImage(cfg: JepaConfig): number {
  return cfg.regularization.invariance_weight > 0 ? cfg.regularization.views : 1;
}

/** Iterations per epoch over `trainCount` images (distinct images per batch: batch_size / views). */
export function itersPerEpoch(cfg: JepaConfig, trainCount: number): number {
  return Math.max(1, Math.floor((trainCount * viewsPerImage(cfg)) / cfg.data.batch_size));
}

/** Optimiser steps of a run: optimization.steps, or epochs × iterations per epoch. */
export function totalSteps(cfg: JepaConfig, trainCount: number): number {
  return cfg.optimization.steps || cfg.optimization.epochs * itersPerEpoch(cfg, trainCount);
}

/** Patch grid side length. */
export function gridSize(cfg: JepaConfig): number {
  return cfg.data.crop_size / cfg.mask.patch_size;
}

/** Flatten to dotted keys: {'mask.patch_size': 4, ...} (for diffs and sweeps). */
export function flattenConfig(cfg: unknown, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!isObject(cfg)) return out;
  for (const [k, v] of Object.entries(cfg)) {
    const p = prefix ? `${prefix}.${k}` : k;
    if (isObject(v)) Object.assign(out, flattenConfig(v, p));
    else out[p] = v;
  }
  return out;
}

/** Turn {'a.b': 1} into {a: {b: 1}}. */
export function unflatten(flat: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(flat)) {
    const parts = k.split('.');
    let o = out;
    for (const p of parts.slice(0, -1)) o = (o[p] ??= {}) as Record<string, unknown>;
    o[parts[parts.length - 1]] = v;
  }
  return out;
}
