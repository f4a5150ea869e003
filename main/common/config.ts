// Training configuration: plain data in the reference's sections (data, mask,
// meta, optimization, logging) with its YAML key names where one exists.
// Overrides are checked: unknown keys and out-of-range values are rejected
// before any work starts, naming the field and the allowed range.

import { fieldName, int, num, pair, parse, section, z } from './schema.ts';

/** Upper bound of optimization.workers (gradient threads, each with its own tfjs heap). */
export const MAX_WORKERS = 64;

export const LOSSES = ['l2', 'smooth_l1'] as const;
export type LossKind = (typeof LOSSES)[number];

/** The config's shape and each field's allowed range: the one place they are written. */
export const ConfigSchema = z
  .strictObject({
    data: section({
      /** dataset name in the lab store, or a path; 'digits' is bundled */
      dataset: z.string({ error: 'must name a dataset or a path' }).min(1, { error: 'must name a dataset or a path' }),
      crop_size: int(4, 1024),
      channels: int(1, 3).refine((c) => c !== 2, { error: 'must be 1 (grayscale) or 3 (RGB), got 2' }),
      batch_size: int(1, 4096),
      /** random resized crop scale range (area fraction, torchvision semantics) */
      crop_scale: pair(0.01, 1),
      /** random rotation of each crop, uniform in ±rotation degrees (black corners, as torchvision RandomRotation); 0 = off (the paper). For data without an upright, e.g. microscopy or aerial images */
      rotation: num(0, 180),
    }),
    mask: section({
      patch_size: int(1, 64),
      num_enc_masks: int(1, 1),
      enc_mask_scale: pair(0.01, 1),
      num_pred_masks: int(1, 16),
      pred_mask_scale: pair(0.01, 1),
      aspect_ratio: pair(0.1, 10),
      /** at most grid² − 1 (checked with the grid) */
      min_keep: int(1, 1e9),
      allow_overlap: z.boolean({ error: 'must be true or false' }),
    }),
    model: section({
      embed_dim: int(4, 4096),
      depth: int(1, 48),
      num_heads: int(1, 64),
      mlp_ratio: num(0.25, 16),
      /** std of the truncated-normal init of linear weights (reference 0.02) */
      init_std: num(0, 1, true),
      /** std of the patch-embedding init; 0 = same as init_std (reference) */
      patch_init_std: num(0, 10),
      /** factor on the encoders' fixed sin-cos positions (reference 1): how strongly position competes with content */
      pos_scale: num(0, 100),
    }),
    meta: section({
      pred_depth: int(1, 48),
      pred_emb_dim: int(4, 4096),
      loss: z.enum(LOSSES, { error: 'must be "l2" or "smooth_l1"' }),
      seed: int(0, 2 ** 31 - 1),
    }),
    optimization: section({
      epochs: int(1, 100000),
      /** total optimiser steps; 0 = epochs × iterations per epoch (or fitted to `minutes`) */
      steps: int(0, 1e9),
      /**
       * A time budget instead of a number of steps: the run measures its own pace, then
       * trains as many steps as fit in this many minutes (probes and checkpoints
       * included), every schedule fitted to them. The run's stored config then says
       * `steps` (and minutes 0), so it alone reproduces the run. 0 = off.
       */
      minutes: num(0, 100000),
      /**
       * warm-up length in epochs (reference semantics); when `steps` (or `minutes`) sets
       * the run's length, the warm-up is the same share of it, warmup / epochs (main/common/schedule.ts)
       */
      warmup: num(0, 100000),
      lr: num(0, 10, true),
      start_lr: num(0, 10),
      final_lr: num(0, 10),
      weight_decay: num(0, 10),
      final_weight_decay: num(0, 10),
      /** EMA momentum [start, end], rising linearly per iteration */
      ema: pair(0, 1),
      /** schedules run over ipe_scale × total steps (reference: 1.0) */
      ipe_scale: num(1, 10),
      /** micro-batch size for gradient accumulation; 0 = whole batch (at most data.batch_size) */
      micro_batch: int(0, 4096),
      /**
       * Data-parallel gradient threads inside the training process (worker/train/parallel.ts),
       * the main thread included: 1 = off; 0 = auto (min(2, available cores) on the
       * single-threaded wasm/cpu backends when a step is big enough to pay for the
       * hand-off, else 1; always 1 on 'tensorflow', which is multi-threaded already).
       * A speed setting only: the loss curve does not depend on it (up to float
       * summation order). Configs saved before this key existed mean 0 (withDefaults).
       */
      workers: int(0, MAX_WORKERS),
    }),
    regularization: section({
      /** VICReg variance+covariance on context features (C-JEPA); 0 = off */
      vicreg_weight: num(0, 1000),
      vicreg_cov_weight: num(0, 1000),
      /** SIGReg (LeJEPA isotropic-Gaussian) on pooled context features; 0 = off */
      sigreg_weight: num(0, 1000),
      /**
       * VICReg invariance between two views (C-JEPA): > 0 makes each batch
       * batch_size/2 images seen twice, as independent crops with independent
       * masks, and adds this weight × the mean squared difference of the two
       * views' pooled context features; 0 = off (one view, the paper).
       */
      invariance_weight: num(0, 1000),
      /**
       * Width of a projector MLP (VICReg's expander: Linear → GELU → Linear) between the pooled
       * context features and the terms above; 0 = the terms act on the pooled features directly.
       * Keeps the whitening pressure of VICReg/SIGReg off the representation itself.
       */
      projector_dim: int(0, 16384),
      /**
       * Crops per image with the invariance term (multi-crop, as SwAV/DINO): each
       * batch holds batch_size/views images, and the term averages over all pairs
       * of an image's views. 2 = C-JEPA's two views. Configs saved before this key
       * existed mean 2 (withDefaults).
       */
      views: int(2, 16),
    }),
    logging: section({
      log_every: int(1, 1e6),
      eval_every: int(0, 1e9),
      checkpoint_every: int(0, 1e9),
      probe_size: int(8, 100000),
    }),
  }, { error: (iss) => (iss.code === 'unrecognized_keys' ? 'unknown key; known keys here: data, mask, model, meta, optimization, regularization, logging' : 'must be a mapping of sections') })
  .superRefine(relations, { when: (p) => p.issues.length === 0 });

export type JepaConfig = z.output<typeof ConfigSchema>;

/** The rules that tie fields together (checked once every field is in its range). */
function relations(cfg: JepaConfig, ctx: z.RefinementCtx): void {
  const fail = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: path.split('.'), message });
  const { data, mask, model, meta, optimization: o, regularization: r } = cfg;
  // a width with 2-D sin-cos positions: half of it per axis, each half split into sines and cosines
  const sinCos = (f: string, v: number) => (v / 2) % 2 !== 0 && fail(f, `must be a multiple of 4 for 2-D sin-cos positions, got ${v}`);
  if (data.crop_size % mask.patch_size !== 0) return fail('mask.patch_size', `must divide data.crop_size (${data.crop_size}); ${mask.patch_size} does not`);
  const grid = data.crop_size / mask.patch_size;
  if (grid < 2) return fail('mask.patch_size', `leaves a ${grid}×${grid} patch grid; it must be at least 2×2 (use a smaller patch)`);
  if (mask.min_keep > grid * grid - 1) return fail('mask.min_keep', `must be an integer in [1, ${grid * grid - 1}], got ${mask.min_keep}`);
  if (model.embed_dim % model.num_heads !== 0) return fail('model.num_heads', `must divide model.embed_dim (${model.embed_dim}); ${model.num_heads} does not`);
  sinCos('model.embed_dim', model.embed_dim);
  if (meta.pred_emb_dim % model.num_heads !== 0) return fail('meta.pred_emb_dim', `must be divisible by model.num_heads (${model.num_heads}); ${meta.pred_emb_dim} is not`);
  sinCos('meta.pred_emb_dim', meta.pred_emb_dim);
  if (o.minutes > 0 && o.steps > 0) return fail('optimization.minutes', `give optimization.steps or optimization.minutes, not both (steps ${o.steps}, minutes ${o.minutes})`);
  if (o.micro_batch > data.batch_size) return fail('optimization.micro_batch', `must be an integer in [0, ${data.batch_size}], got ${o.micro_batch}`);
  if (r.invariance_weight > 0) {
    const v = r.views;
    if (data.batch_size % v !== 0 || data.batch_size < 2 * v)
      return fail('data.batch_size', `must be a multiple of regularization.views (${v}) and hold at least two images with regularization.invariance_weight > 0, got ${data.batch_size}`);
    if (o.micro_batch % v !== 0)
      fail('optimization.micro_batch', `must be a multiple of regularization.views (${v}) with regularization.invariance_weight > 0 (a micro-batch holds every view of its images), got ${o.micro_batch}`);
  }
}

export type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? (T[K] extends unknown[] ? T[K] : DeepPartial<T[K]>) : T[K] };

/**
 * The official recipe (facebookresearch/ijepa configs) at ViT-tiny size, with the
 * paper's L2 loss; the presets that copy the official code set its smooth-L1.
 */
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
    minutes: 0,
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
    description: 'default: a small ViT on 28×28 images that learns on a 2-core CPU in ten minutes (the steps that fit)',
    overrides: merge(SMALL_IMAGES, {
      // Each choice below and what it bought is a round of docs/recipe.md.
      // crops of 70–100% of the image (not 30–100%): a digit cut to a third is often another digit, and eval sees whole images
      // batch 128 (64 images × 2 views): a step costs far less than two of batch 64 (the per-step costs do not grow
      // with the batch), so the same minutes see more images and learn more (round 12)
      data: { crop_scale: [0.7, 1.0], batch_size: 128 },
      // 7-pixel patches (a 4×4 grid): a step costs half as much as with 4-pixel ones, and twice the steps learn more
      // (round 3); targets are 2–3 patches, hence min_keep 2
      mask: { patch_size: 7, min_keep: 2 },
      // wider and shallower than the reference's small sizes (round 5), with a 2× MLP, whose cheaper step buys more
      // steps (round 6); init_std ≈ 0.8/√96: the reference 0.02 is sized for wide models and learns slowly here;
      // positions × 6 make layout (where the strokes are) survive average pooling
      model: { embed_dim: 96, depth: 3, num_heads: 4, mlp_ratio: 2, init_std: 0.08, patch_init_std: 0.12, pos_scale: 6 },
      meta: { pred_depth: 2, pred_emb_dim: 32 },
      // lr 3e-3 at batch 128 (round 12; at batch 64, 2e-3 learned faster than 1e-3 and as well as 4e-3: round 4); ten
      // minutes, whatever steps fit in them on this machine (round 8); EMA from 0.99 (reference 0.996): in a few
      // thousand steps the target must follow the encoder sooner (round 5)
      optimization: { epochs: 10, steps: 0, minutes: 10, warmup: 0.5, lr: 0.003, start_lr: 0.0004, final_lr: 1e-5, ema: [0.99, 1.0] },
      // VICReg on pooled features stops the collapse (round 1); the two-view invariance term adds kNN points (round 2)
      regularization: { vicreg_weight: 1.0, vicreg_cov_weight: 0.04, invariance_weight: 0.2 },
      logging: { eval_every: 500, checkpoint_every: 500, probe_size: 1000 },
    }),
  },
  reference: {
    description: 'the official recipe, faithful, on 28×28 images: smooth-L1 loss as its train.py, no anti-collapse terms',
    overrides: merge(SMALL_IMAGES, {
      model: { embed_dim: 128, depth: 4, num_heads: 4 },
      meta: { pred_depth: 2, pred_emb_dim: 64, loss: 'smooth_l1' },
      optimization: { epochs: 20, warmup: 1 },
    }),
  },
  'vit-tiny': {
    description: 'official ViT-Tiny (192/12/3) at 224 px with its smooth-L1 loss, for GPUs',
    overrides: { meta: { pred_depth: 6, loss: 'smooth_l1' } },
  },
  'vit-small': {
    description: 'official ViT-Small (384/12/6) at 224 px with its smooth-L1 loss, for GPUs',
    overrides: { model: { embed_dim: 384, num_heads: 6 }, meta: { pred_depth: 6, loss: 'smooth_l1' } },
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

/**
 * A stored config (a run row) with the keys added since it was saved filled
 * from REFERENCE, whose values for them reproduce how it ran then
 * (optimization.workers 0 = auto, regularization.invariance_weight 0 = off, regularization.views 2,
 * model.pos_scale 1 = the reference positions, regularization.projector_dim 0 = none).
 */
export function withDefaults(stored: JepaConfig): JepaConfig {
  return merge(structuredClone(REFERENCE), stored);
}

/**
 * An override that sets a run's length one way replaces the other way of the
 * config beneath it: steps over a preset by minutes, minutes over a preset by
 * steps. Both in one override are left for validation to refuse.
 */
function lengthOverride(o: unknown): unknown {
  if (!isObject(o) || !isObject(o.optimization)) return o;
  const opt = o.optimization;
  const steps = typeof opt.steps === 'number' && opt.steps > 0;
  const minutes = typeof opt.minutes === 'number' && opt.minutes > 0;
  if (steps && opt.minutes === undefined) return { ...o, optimization: { ...opt, minutes: 0 } };
  if (minutes && opt.steps === undefined) return { ...o, optimization: { ...opt, steps: 0 } };
  return o;
}

/** Resolve preset + overrides into a full, validated config. */
export function resolveConfig(preset: string = DEFAULT_PRESET, ...overrides: unknown[]): JepaConfig {
  const p = PRESETS[preset];
  if (!p) throw new ConfigError('preset', `unknown preset "${preset}"; choose one of: ${Object.keys(PRESETS).join(', ')}`);
  let cfg: unknown = merge(REFERENCE, p.overrides);
  for (const o of overrides) cfg = merge(cfg, lengthOverride(o));
  validateConfig(cfg);
  return structuredClone(cfg);
}

/** Check every value against ConfigSchema; throws a ConfigError naming the field and what is allowed. */
export function validateConfig(cfg: unknown): asserts cfg is JepaConfig {
  const r = parse(ConfigSchema, cfg);
  if (r.ok) return;
  const field = fieldName('', r.unknownKey ? [...r.path, r.unknownKey] : r.path);
  throw new ConfigError(field, r.text);
}

/** Views per image in a batch: regularization.views with the invariance term (adjacent rows show one image), else 1. */
export function viewsPerImage(cfg: JepaConfig): number {
  return cfg.regularization.invariance_weight > 0 ? cfg.regularization.views : 1;
}

/** Iterations per epoch over `trainCount` images (distinct images per batch: batch_size / views). */
export function itersPerEpoch(cfg: JepaConfig, trainCount: number): number {
  return Math.max(1, Math.floor((trainCount * viewsPerImage(cfg)) / cfg.data.batch_size));
}

/** Optimiser steps of a run: optimization.steps, or epochs × iterations per epoch (a run by minutes resolves its steps once it knows its pace). */
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
