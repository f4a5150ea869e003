import * as tf from "@tensorflow/tfjs";
import { createRequire } from "node:module";
const REFERENCE = {
  data: { dataset: "digits", crop_size: 224, channels: 3, batch_size: 128, crop_scale: [0.3, 1] },
  mask: {
    patch_size: 16,
    num_enc_masks: 1,
    enc_mask_scale: [0.85, 1],
    num_pred_masks: 4,
    pred_mask_scale: [0.15, 0.2],
    aspect_ratio: [0.75, 1.5],
    min_keep: 10,
    allow_overlap: false
  },
  model: { embed_dim: 192, depth: 12, num_heads: 3, mlp_ratio: 4, init_std: 0.02, patch_init_std: 0 },
  meta: { pred_depth: 12, pred_emb_dim: 384, loss: "l2", seed: 0 },
  optimization: {
    epochs: 300,
    steps: 0,
    warmup: 40,
    lr: 1e-3,
    start_lr: 2e-4,
    final_lr: 1e-6,
    weight_decay: 0.04,
    final_weight_decay: 0.4,
    ema: [0.996, 1],
    ipe_scale: 1,
    micro_batch: 0,
    workers: 0
  },
  regularization: { vicreg_weight: 0, vicreg_cov_weight: 0, sigreg_weight: 0 },
  logging: { log_every: 10, eval_every: 200, checkpoint_every: 500, probe_size: 1e3 }
};
const SMALL_IMAGES = {
  data: { crop_size: 28, channels: 1, batch_size: 64 },
  // 7×7 grid: the reference min_keep = 10 makes 6–12-patch target blocks unsampleable
  mask: { patch_size: 4, min_keep: 4 }
};
const PRESETS = {
  "cpu-small": {
    description: "default: a small ViT on 28×28 images that learns on a 2-core CPU in minutes",
    overrides: merge(SMALL_IMAGES, {
      model: { embed_dim: 64, depth: 4, num_heads: 4, patch_init_std: 0.14 },
      meta: { pred_depth: 2, pred_emb_dim: 32 },
      optimization: { epochs: 10, steps: 1500, warmup: 0.5, lr: 1e-3, start_lr: 2e-4, final_lr: 1e-5 },
      regularization: { vicreg_weight: 1, vicreg_cov_weight: 0.04 },
      logging: { eval_every: 250, checkpoint_every: 250, probe_size: 1e3 }
    })
  },
  reference: {
    description: "the paper recipe, faithful, on 28×28 images (no anti-collapse terms)",
    overrides: merge(SMALL_IMAGES, {
      model: { embed_dim: 128, depth: 4, num_heads: 4 },
      meta: { pred_depth: 2, pred_emb_dim: 64 },
      optimization: { epochs: 20, warmup: 1 }
    })
  },
  "vit-tiny": {
    description: "reference ViT-Tiny (192/12/3) at 224 px, for GPUs",
    overrides: { meta: { pred_depth: 6 } }
  },
  "vit-small": {
    description: "reference ViT-Small (384/12/6) at 224 px, for GPUs",
    overrides: { model: { embed_dim: 384, num_heads: 6 }, meta: { pred_depth: 6 } }
  },
  tiny: {
    description: "for tests: a minute model that trains in seconds",
    overrides: merge(SMALL_IMAGES, {
      data: { crop_size: 16, batch_size: 8 },
      mask: { patch_size: 4, min_keep: 2 },
      model: { embed_dim: 16, depth: 1, num_heads: 2, patch_init_std: 0.14 },
      meta: { pred_depth: 1, pred_emb_dim: 8 },
      optimization: { epochs: 1, steps: 20, warmup: 0.1, lr: 3e-3, start_lr: 1e-3 },
      logging: { log_every: 1, eval_every: 10, checkpoint_every: 10, probe_size: 64 }
    })
  }
};
const DEFAULT_PRESET = "cpu-small";
const MAX_WORKERS = 64;
class ConfigError extends Error {
  constructor(field, message) {
    super(`config ${field}: ${message}`);
    this.field = field;
    this.name = "ConfigError";
  }
}
function isObject(v) {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
function merge(base, over) {
  if (!isObject(over)) return base;
  const out = { ...base };
  for (const [k, v] of Object.entries(over)) {
    out[k] = isObject(v) && isObject(out[k]) ? merge(out[k], v) : v;
  }
  return out;
}
function checkKeys(base, over, path) {
  if (!isObject(over)) return;
  for (const [k, v] of Object.entries(over)) {
    const p = path ? `${path}.${k}` : k;
    if (!isObject(base) || !Object.hasOwn(base, k)) {
      const known = isObject(base) ? Object.keys(base).join(", ") : "";
      throw new ConfigError(p, `unknown key; known keys here: ${known}`);
    }
    if (isObject(v)) checkKeys(base[k], v, p);
  }
}
function resolveConfig(preset = DEFAULT_PRESET, ...overrides) {
  const p = PRESETS[preset];
  if (!p) throw new ConfigError("preset", `unknown preset "${preset}"; choose one of: ${Object.keys(PRESETS).join(", ")}`);
  let cfg = merge(REFERENCE, p.overrides);
  for (const o of overrides) {
    checkKeys(REFERENCE, o, "");
    cfg = merge(cfg, o);
  }
  validateConfig(cfg);
  return structuredClone(cfg);
}
function validateConfig(cfg) {
  checkKeys(REFERENCE, cfg, "");
  const int = (f, v, lo, hi) => {
    if (typeof v !== "number" || !Number.isInteger(v) || v < lo || v > hi)
      throw new ConfigError(f, `must be an integer in [${lo}, ${hi}], got ${JSON.stringify(v)}`);
  };
  const num = (f, v, lo, hi, openLo = false) => {
    if (typeof v !== "number" || !Number.isFinite(v) || v < lo || v > hi || openLo && v === lo)
      throw new ConfigError(f, `must be a number in ${openLo ? "(" : "["}${lo}, ${hi}], got ${JSON.stringify(v)}`);
  };
  const range = (f, v, lo, hi) => {
    if (!Array.isArray(v) || v.length !== 2) throw new ConfigError(f, `must be a pair [min, max] within [${lo}, ${hi}], got ${JSON.stringify(v)}`);
    num(`${f}[0]`, v[0], lo, hi);
    num(`${f}[1]`, v[1], lo, hi);
    if (v[0] > v[1]) throw new ConfigError(f, `min ${v[0]} is larger than max ${v[1]}`);
  };
  const { data, mask, model, meta, optimization: o, regularization: r, logging: l } = cfg;
  if (typeof data.dataset !== "string" || data.dataset.length === 0) throw new ConfigError("data.dataset", "must name a dataset or a path");
  int("data.crop_size", data.crop_size, 4, 1024);
  int("data.channels", data.channels, 1, 3);
  if (data.channels === 2) throw new ConfigError("data.channels", "must be 1 (grayscale) or 3 (RGB), got 2");
  int("data.batch_size", data.batch_size, 1, 4096);
  range("data.crop_scale", data.crop_scale, 0.01, 1);
  int("mask.patch_size", mask.patch_size, 1, 64);
  if (data.crop_size % mask.patch_size !== 0)
    throw new ConfigError("mask.patch_size", `must divide data.crop_size (${data.crop_size}); ${mask.patch_size} does not`);
  const grid = data.crop_size / mask.patch_size;
  if (grid < 2) throw new ConfigError("mask.patch_size", `leaves a ${grid}×${grid} patch grid; it must be at least 2×2 (use a smaller patch)`);
  int("mask.num_enc_masks", mask.num_enc_masks, 1, 1);
  range("mask.enc_mask_scale", mask.enc_mask_scale, 0.01, 1);
  int("mask.num_pred_masks", mask.num_pred_masks, 1, 16);
  range("mask.pred_mask_scale", mask.pred_mask_scale, 0.01, 1);
  range("mask.aspect_ratio", mask.aspect_ratio, 0.1, 10);
  int("mask.min_keep", mask.min_keep, 1, grid * grid - 1);
  if (typeof mask.allow_overlap !== "boolean") throw new ConfigError("mask.allow_overlap", "must be true or false");
  int("model.embed_dim", model.embed_dim, 4, 4096);
  int("model.depth", model.depth, 1, 48);
  int("model.num_heads", model.num_heads, 1, 64);
  if (model.embed_dim % model.num_heads !== 0)
    throw new ConfigError("model.num_heads", `must divide model.embed_dim (${model.embed_dim}); ${model.num_heads} does not`);
  if (model.embed_dim / 2 % 2 !== 0)
    throw new ConfigError("model.embed_dim", `must be a multiple of 4 for 2-D sin-cos positions, got ${model.embed_dim}`);
  num("model.mlp_ratio", model.mlp_ratio, 0.25, 16);
  num("model.init_std", model.init_std, 0, 1, true);
  num("model.patch_init_std", model.patch_init_std, 0, 10);
  int("meta.pred_depth", meta.pred_depth, 1, 48);
  int("meta.pred_emb_dim", meta.pred_emb_dim, 4, 4096);
  if (meta.pred_emb_dim % model.num_heads !== 0)
    throw new ConfigError("meta.pred_emb_dim", `must be divisible by model.num_heads (${model.num_heads}); ${meta.pred_emb_dim} is not`);
  if (meta.pred_emb_dim / 2 % 2 !== 0)
    throw new ConfigError("meta.pred_emb_dim", `must be a multiple of 4 for 2-D sin-cos positions, got ${meta.pred_emb_dim}`);
  if (meta.loss !== "l2" && meta.loss !== "smooth_l1") throw new ConfigError("meta.loss", `must be "l2" or "smooth_l1", got ${JSON.stringify(meta.loss)}`);
  int("meta.seed", meta.seed, 0, 2 ** 31 - 1);
  int("optimization.epochs", o.epochs, 1, 1e5);
  int("optimization.steps", o.steps, 0, 1e9);
  num("optimization.warmup", o.warmup, 0, 1e5);
  num("optimization.lr", o.lr, 0, 10, true);
  num("optimization.start_lr", o.start_lr, 0, 10);
  num("optimization.final_lr", o.final_lr, 0, 10);
  num("optimization.weight_decay", o.weight_decay, 0, 10);
  num("optimization.final_weight_decay", o.final_weight_decay, 0, 10);
  range("optimization.ema", o.ema, 0, 1);
  num("optimization.ipe_scale", o.ipe_scale, 1, 10);
  int("optimization.micro_batch", o.micro_batch, 0, data.batch_size);
  int("optimization.workers", o.workers ?? 0, 0, MAX_WORKERS);
  num("regularization.vicreg_weight", r.vicreg_weight, 0, 1e3);
  num("regularization.vicreg_cov_weight", r.vicreg_cov_weight, 0, 1e3);
  num("regularization.sigreg_weight", r.sigreg_weight, 0, 1e3);
  int("logging.log_every", l.log_every, 1, 1e6);
  int("logging.eval_every", l.eval_every, 0, 1e9);
  int("logging.checkpoint_every", l.checkpoint_every, 0, 1e9);
  int("logging.probe_size", l.probe_size, 8, 1e5);
}
function gridSize(cfg) {
  return cfg.data.crop_size / cfg.mask.patch_size;
}
function flattenConfig(cfg, prefix = "") {
  const out = {};
  if (!isObject(cfg)) return out;
  for (const [k, v] of Object.entries(cfg)) {
    const p = prefix ? `${prefix}.${k}` : k;
    if (isObject(v)) Object.assign(out, flattenConfig(v, p));
    else out[p] = v;
  }
  return out;
}
function mix32(x) {
  x = x + 2654435769 | 0;
  x = Math.imul(x ^ x >>> 16, 2246822507);
  x = Math.imul(x ^ x >>> 13, 3266489909);
  return (x ^ x >>> 16) >>> 0;
}
function hashSeed(...parts) {
  let h = 305419896;
  for (const p of parts) h = mix32(h ^ mix32(p | 0) ^ mix32(Math.floor(p / 2 ** 32)));
  return h;
}
class Rng {
  s;
  spare = null;
  constructor(...seedParts) {
    this.s = hashSeed(...seedParts);
  }
  /** Uniform in [0, 1). */
  next() {
    let t = this.s = this.s + 1831565813 | 0;
    t = Math.imul(t ^ t >>> 15, t | 1);
    t ^= t + Math.imul(t ^ t >>> 7, t | 61);
    return ((t ^ t >>> 14) >>> 0) / 4294967296;
  }
  uniform(lo, hi) {
    return lo + (hi - lo) * this.next();
  }
  /** Integer in [0, n). */
  int(n) {
    return Math.floor(this.next() * n);
  }
  normal() {
    if (this.spare !== null) {
      const v2 = this.spare;
      this.spare = null;
      return v2;
    }
    let u = 0;
    while (u === 0) u = this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }
  /** Fisher–Yates permutation of 0..n-1. */
  permutation(n) {
    const p = new Int32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }
}
const Stream = {
  init: 1,
  order: 2,
  crop: 3,
  mask: 4,
  probe: 5
};
const BACKEND_CHOICES = ["auto", "tensorflow", "wasm", "cpu"];
const require$1 = createRequire(import.meta.url);
let active = null;
function firstLine(e) {
  const msg = e instanceof Error ? e.message : String(e);
  if (/Cannot find (module|package)/.test(msg)) return "not installed (optional dependency; its libtensorflow download needs network)";
  return msg.split("\n")[0].slice(0, 200);
}
async function tryTensorflow(pkg) {
  require$1(pkg);
  if (!await tf.setBackend("tensorflow")) throw new Error('backend "tensorflow" failed to initialise');
  if (pkg.endsWith("-gpu")) {
    const gpu = tf.backend().isUsingGpuDevice;
    if (gpu === false) throw new Error("no CUDA device visible");
  }
}
async function tryWasm() {
  await import("@tensorflow/tfjs-backend-wasm");
  if (!await tf.setBackend("wasm")) throw new Error('backend "wasm" failed to initialise');
}
async function initBackend(request = "auto") {
  if (active && (request === "auto" || active.name === request)) return active;
  const env = process.env.JEPA_LAB_BACKEND;
  if (request === "auto" && env && BACKEND_CHOICES.includes(env)) request = env;
  const candidates = [];
  if (request === "auto" || request === "tensorflow") {
    candidates.push({ pkg: "@tensorflow/tfjs-node-gpu", name: "tensorflow", load: () => tryTensorflow("@tensorflow/tfjs-node-gpu") });
    candidates.push({ pkg: "@tensorflow/tfjs-node", name: "tensorflow", load: () => tryTensorflow("@tensorflow/tfjs-node") });
  }
  if (request === "auto" || request === "wasm") candidates.push({ pkg: "@tensorflow/tfjs-backend-wasm", name: "wasm", load: tryWasm });
  if (request === "auto" || request === "cpu") candidates.push({ pkg: "@tensorflow/tfjs-backend-cpu", name: "cpu", load: async () => void await tf.setBackend("cpu") });
  const skipped = [];
  for (const c of candidates) {
    try {
      await c.load();
      await tf.ready();
      let version = tf.version.tfjs;
      try {
        version = require$1(`${c.pkg}/package.json`).version;
      } catch {
      }
      active = { name: c.name, package: c.pkg, version, threads: threadCount(c.name), skipped };
      return active;
    } catch (e) {
      skipped.push({ package: c.pkg, reason: firstLine(e) });
    }
  }
  const why = skipped.map((s) => `${s.package}: ${s.reason}`).join("; ");
  throw new Error(`no TensorFlow.js backend could start for --backend ${request} (${why}); try --backend cpu`);
}
function threadCount(name) {
  if (name === "wasm") {
    const b = tf.backend();
    return b.wasm?._getThreadsCount?.() ?? 1;
  }
  if (name === "tensorflow") return Number(process.env.TF_NUM_INTRAOP_THREADS) || require$1("node:os").cpus().length;
  return 1;
}
function wasmHeapBytes() {
  const b = tf.backend();
  return b.wasm?.HEAPU8 ? b.wasm.HEAPU8.length : null;
}
function activeBackend() {
  return active;
}
function describeBackend(b) {
  return `${b.name} (${b.package} ${b.version}, ${b.threads} thread${b.threads === 1 ? "" : "s"})`;
}
export {
  ConfigError as C,
  DEFAULT_PRESET as D,
  PRESETS as P,
  Rng as R,
  Stream as S,
  activeBackend as a,
  describeBackend as d,
  flattenConfig as f,
  gridSize as g,
  hashSeed as h,
  initBackend as i,
  resolveConfig as r,
  validateConfig as v,
  wasmHeapBytes as w
};
