import path from "node:path";
import { v as validateConfig, g as gridSize, R as Rng, S as Stream, w as wasmHeapBytes, i as initBackend, d as describeBackend } from "./chunks/backend-CYlX8h2Q.js";
import { t as trainIndices, q as randomResizedCrop, j as sampleMasks, l as loadImageSet, r as resizeBatch, h as heldOutIndices, f as featureStd, a as rankMe, k as knnAccuracy, u as collapseCheck } from "./chunks/masks-BlLJOgrO.js";
import * as tf from "@tensorflow/tfjs";
import { c as createJepa, t as trainableParams, a as stepModel, r as resolveWorkers, e as patchify, m as microBatches, d as accumulateGrads, G as GradientPool, f as targets, g as selectPatches, h as elementLoss, i as disposeJepa } from "./chunks/parallel-D_oItjZe.js";
import fs from "node:fs";
import os from "node:os";
import "node:module";
import "node:zlib";
import "node:util";
import "sharp";
import "node:url";
import "node:worker_threads";
function scheduleSpec(cfg, itersPerEpoch, totalSteps) {
  const o = cfg.optimization;
  return {
    warmupSteps: Math.floor(o.warmup * itersPerEpoch),
    tMax: o.ipe_scale * totalSteps,
    startLr: o.start_lr,
    lr: o.lr,
    finalLr: o.final_lr,
    wd: o.weight_decay,
    finalWd: o.final_weight_decay,
    ema: o.ema
  };
}
function scheduleAt(s, step) {
  const t = step + 1;
  const tMaxInt = Math.floor(s.tMax);
  let lr;
  if (t < s.warmupSteps) {
    lr = s.startLr + t / Math.max(1, s.warmupSteps) * (s.lr - s.startLr);
  } else {
    const progress = (t - s.warmupSteps) / Math.max(1, tMaxInt - s.warmupSteps);
    lr = Math.max(s.finalLr, s.finalLr + (s.lr - s.finalLr) * 0.5 * (1 + Math.cos(Math.PI * progress)));
  }
  let wd = s.finalWd + (s.wd - s.finalWd) * 0.5 * (1 + Math.cos(Math.PI * t / Math.max(1, tMaxInt)));
  wd = s.finalWd <= s.wd ? Math.max(s.finalWd, wd) : Math.min(s.finalWd, wd);
  const momentum = s.ema[0] + Math.min(1, step / Math.max(1, s.tMax)) * (s.ema[1] - s.ema[0]);
  return { lr, wd, momentum };
}
const ADAMW_DEFAULTS = { beta1: 0.9, beta2: 0.999, eps: 1e-8 };
class AdamW {
  params;
  m;
  // exp_avg, same shapes as params
  v;
  // exp_avg_sq
  /** number of updates done (PyTorch's per-parameter `step`) */
  t = 0;
  opts;
  constructor(params, opts = {}) {
    this.params = params;
    this.opts = { ...ADAMW_DEFAULTS, ...opts };
    this.m = params.map((p) => tf.variable(tf.zerosLike(p.v), false));
    this.v = params.map((p) => tf.variable(tf.zerosLike(p.v), false));
  }
  /** Apply one update with gradients aligned to `params`. */
  step(grads, lr, wd) {
    const { beta1, beta2, eps } = this.opts;
    this.t += 1;
    const bc1 = 1 - Math.pow(beta1, this.t);
    const bc2 = 1 - Math.pow(beta2, this.t);
    tf.tidy(() => {
      this.params.forEach((p, i) => {
        const g = grads[i];
        const m = tf.add(tf.mul(this.m[i], beta1), tf.mul(g, 1 - beta1));
        const v = tf.add(tf.mul(this.v[i], beta2), tf.mul(tf.square(g), 1 - beta2));
        this.m[i].assign(m);
        this.v[i].assign(v);
        const decayed = p.decay && wd > 0 ? tf.mul(p.v, 1 - lr * wd) : p.v;
        const denom = tf.add(tf.div(tf.sqrt(v), Math.sqrt(bc2)), eps);
        p.v.assign(tf.sub(decayed, tf.mul(tf.div(m, denom), lr / bc1)));
      });
    });
  }
  dispose() {
    for (const t of [...this.m, ...this.v]) t.dispose();
  }
}
function emaUpdate(target, online, momentum) {
  tf.tidy(() => {
    target.forEach((p, i) => p.v.assign(tf.add(tf.mul(p.v, momentum), tf.mul(online[i].v, 1 - momentum))));
  });
}
const LITTLE_ENDIAN = os.endianness() === "LE";
function encodeSafetensors(tensors, metadata) {
  const names = Object.keys(tensors);
  const header = {};
  if (metadata) header.__metadata__ = metadata;
  let offset = 0;
  for (const name of names) {
    const t = tensors[name];
    const n = t.shape.reduce((a, b) => a * b, 1);
    if (n !== t.data.length) throw new Error(`safetensors: ${name} has shape [${t.shape}] but ${t.data.length} values`);
    header[name] = { dtype: "F32", shape: t.shape, data_offsets: [offset, offset + 4 * n] };
    offset += 4 * n;
  }
  let json = JSON.stringify(header);
  json += " ".repeat((8 - (8 + Buffer.byteLength(json)) % 8) % 8);
  const headerBytes = Buffer.from(json, "utf8");
  const out = new Uint8Array(8 + headerBytes.length + offset);
  const dv = new DataView(out.buffer);
  dv.setBigUint64(0, BigInt(headerBytes.length), true);
  out.set(headerBytes, 8);
  let pos = 8 + headerBytes.length;
  for (const name of names) {
    const d = tensors[name].data;
    if (LITTLE_ENDIAN) out.set(new Uint8Array(d.buffer, d.byteOffset, d.byteLength), pos);
    else for (let i = 0; i < d.length; i++) dv.setFloat32(pos + 4 * i, d[i], true);
    pos += d.byteLength;
  }
  return out;
}
function decodeSafetensors(buf) {
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  if (buf.byteLength < 8) throw new Error("safetensors: file too short");
  const hlen = Number(dv.getBigUint64(0, true));
  if (8 + hlen > buf.byteLength) throw new Error("safetensors: header length exceeds the file");
  const header = JSON.parse(Buffer.from(buf.buffer, buf.byteOffset + 8, hlen).toString("utf8"));
  const base = 8 + hlen;
  const tensors = {};
  let metadata = {};
  for (const [name, info] of Object.entries(header)) {
    if (name === "__metadata__") {
      metadata = info;
      continue;
    }
    const { dtype, shape, data_offsets } = info;
    if (dtype !== "F32") throw new Error(`safetensors: ${name} has dtype ${dtype}; only F32 is supported`);
    const n = shape.reduce((a, b) => a * b, 1);
    const [b0, b1] = data_offsets;
    if (b1 - b0 !== 4 * n || base + b1 > buf.byteLength) throw new Error(`safetensors: ${name} has bad data offsets`);
    const data = new Float32Array(n);
    if (LITTLE_ENDIAN) new Uint8Array(data.buffer).set(buf.subarray(base + b0, base + b1));
    else for (let i = 0; i < n; i++) data[i] = dv.getFloat32(base + b0 + 4 * i, true);
    tensors[name] = { shape, data };
  }
  return { tensors, metadata };
}
function writeSafetensors(file, tensors, metadata) {
  const bytes = encodeSafetensors(tensors, metadata);
  fs.writeFileSync(file, bytes);
  return bytes.byteLength;
}
function readSafetensors(file) {
  return decodeSafetensors(fs.readFileSync(file));
}
function transpose2d(d, rows, cols) {
  const out = new Float32Array(d.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = d[r * cols + c];
  return out;
}
function toTorch(data, shape, layout, channels, patch) {
  if (layout === "plain") return { shape: shape.slice(), data: Float32Array.from(data) };
  const [nIn, nOut] = shape;
  const t = transpose2d(data, nIn, nOut);
  return { shape: layout === "patch" ? [nOut, channels, patch, patch] : [nOut, nIn], data: t };
}
function fromTorch(name, t, shape, layout) {
  const expect = layout === "plain" ? shape : layout === "linear" ? [shape[1], shape[0]] : null;
  const n = shape.reduce((a, b) => a * b, 1);
  const ok = expect ? expect.length === t.shape.length && expect.every((v, i) => v === t.shape[i]) : t.shape[0] === shape[1] && t.data.length === n;
  if (!ok) throw new Error(`checkpoint: ${name} has shape [${t.shape}], this model needs ${layout === "plain" ? `[${shape}]` : `the transpose of [${shape}]`}`);
  if (layout === "plain") return t.data;
  return transpose2d(t.data, shape[1], shape[0]);
}
function paramMap(params, cfg) {
  const out = {};
  for (const p of params) out[p.name] = toTorch(p.v.dataSync(), p.v.shape, p.layout, cfg.data.channels, cfg.mask.patch_size);
  return out;
}
function encoderTensors(m, cfg) {
  const out = paramMap(m.params, cfg);
  out.pos_embed = { shape: [1, ...m.posEmbed.shape], data: m.posEmbed.dataSync() };
  return out;
}
function predictorTensors(m, cfg) {
  const out = paramMap(m.params, cfg);
  out.predictor_pos_embed = { shape: [1, ...m.posEmbed.shape], data: m.posEmbed.dataSync() };
  return out;
}
function loadParams(params, tensors, what) {
  const byName = /* @__PURE__ */ new Map();
  for (const [k, v] of Object.entries(tensors)) byName.set(k.startsWith("module.") ? k.slice(7) : k, v);
  for (const p of params) {
    const t = byName.get(p.name);
    if (!t) throw new Error(`checkpoint: ${what} has no tensor ${p.name}`);
    const values = fromTorch(`${what} ${p.name}`, t, p.v.shape, p.layout);
    tf.tidy(() => p.v.assign(tf.tensor(values, p.v.shape, "float32")));
  }
}
const CHECKPOINT_FILES = [
  "encoder.safetensors",
  "target_encoder.safetensors",
  "predictor.safetensors",
  "optimizer.safetensors",
  "config.json",
  "state.json"
];
function optimizerTensors(opt, model, cfg) {
  const out = {};
  const moduleOf = /* @__PURE__ */ new Map();
  for (const p of model.encoder.params) moduleOf.set(p.v, "encoder");
  for (const p of model.predictor.params) moduleOf.set(p.v, "predictor");
  opt.params.forEach((p, i) => {
    const prefix = `${moduleOf.get(p.v) ?? "param"}.${p.name}`;
    out[`${prefix}.exp_avg`] = toTorch(opt.m[i].dataSync(), p.v.shape, p.layout, cfg.data.channels, cfg.mask.patch_size);
    out[`${prefix}.exp_avg_sq`] = toTorch(opt.v[i].dataSync(), p.v.shape, p.layout, cfg.data.channels, cfg.mask.patch_size);
  });
  out.step = { shape: [], data: new Float32Array([opt.t]) };
  return out;
}
function loadOptimizer(opt, model, tensors, metadata) {
  const moduleOf = /* @__PURE__ */ new Map();
  for (const p of model.encoder.params) moduleOf.set(p.v, "encoder");
  for (const p of model.predictor.params) moduleOf.set(p.v, "predictor");
  opt.params.forEach((p, i) => {
    const prefix = `${moduleOf.get(p.v) ?? "param"}.${p.name}`;
    for (const [key, target] of [
      ["exp_avg", opt.m[i]],
      ["exp_avg_sq", opt.v[i]]
    ]) {
      const t = tensors[`${prefix}.${key}`];
      if (!t) throw new Error(`checkpoint: optimizer has no tensor ${prefix}.${key}`);
      const values = fromTorch(`optimizer ${prefix}.${key}`, t, p.v.shape, p.layout);
      tf.tidy(() => target.assign(tf.tensor(values, p.v.shape, "float32")));
    }
  });
  opt.t = metadata.step !== void 0 ? Number(metadata.step) : Math.round(tensors.step?.data[0] ?? 0);
}
function saveCheckpoint(dir, parts) {
  const { config, model, opt, state } = parts;
  const tmp = `${dir}.tmp`;
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp, { recursive: true });
  let bytes = 0;
  const meta = { format: "pt", step: String(state.step) };
  bytes += writeSafetensors(path.join(tmp, "encoder.safetensors"), encoderTensors(model.encoder, config), meta);
  bytes += writeSafetensors(path.join(tmp, "target_encoder.safetensors"), encoderTensors(model.target, config), meta);
  bytes += writeSafetensors(path.join(tmp, "predictor.safetensors"), predictorTensors(model.predictor, config), meta);
  bytes += writeSafetensors(path.join(tmp, "optimizer.safetensors"), optimizerTensors(opt, model, config), { step: String(opt.t) });
  const full = { ...state, savedAt: (/* @__PURE__ */ new Date()).toISOString(), format: "jepa-lab/ijepa", version: 1 };
  for (const [file, obj] of [
    ["config.json", config],
    ["state.json", full]
  ]) {
    const text = JSON.stringify(obj, null, 2) + "\n";
    fs.writeFileSync(path.join(tmp, file), text);
    bytes += Buffer.byteLength(text);
  }
  const old = `${dir}.old`;
  fs.rmSync(old, { recursive: true, force: true });
  if (fs.existsSync(dir)) fs.renameSync(dir, old);
  fs.renameSync(tmp, dir);
  fs.rmSync(old, { recursive: true, force: true });
  return { bytes, files: CHECKPOINT_FILES.map((f) => path.join(dir, f)) };
}
function readCheckpointState(dir) {
  return JSON.parse(fs.readFileSync(path.join(dir, "state.json"), "utf8"));
}
function loadCheckpoint(dir, parts) {
  if (!fs.existsSync(dir)) throw new Error(`checkpoint folder not found: ${dir}`);
  const { model, opt } = parts;
  loadParams(model.encoder.params, readSafetensors(path.join(dir, "encoder.safetensors")).tensors, "encoder");
  loadParams(model.target.params, readSafetensors(path.join(dir, "target_encoder.safetensors")).tensors, "target_encoder");
  loadParams(model.predictor.params, readSafetensors(path.join(dir, "predictor.safetensors")).tensors, "predictor");
  const optFile = path.join(dir, "optimizer.safetensors");
  if (opt && fs.existsSync(optFile)) {
    const { tensors, metadata } = readSafetensors(optFile);
    loadOptimizer(opt, model, tensors, metadata);
  }
  const statePath = path.join(dir, "state.json");
  if (fs.existsSync(statePath)) return readCheckpointState(dir);
  return { step: 0, epoch: 0, totalSteps: 0, itersPerEpoch: 0, savedAt: "", format: "jepa-lab/ijepa", version: 1 };
}
class Trainer {
  config;
  totalSteps;
  itersPerEpoch;
  /** next step to run (0-based) */
  step = 0;
  model;
  opt;
  data;
  train;
  spec;
  trainable;
  grid;
  N;
  // patches per image
  P;
  // values per patch
  perm = null;
  sm;
  /** data-parallel gradient threads (optimization.workers); started at the first step */
  pool = null;
  workerChoice;
  disposed = false;
  constructor(config, data) {
    validateConfig(config);
    this.config = config;
    this.data = data;
    this.train = trainIndices(data);
    if (this.train.length === 0) throw new Error(`dataset ${data.name} has no training images`);
    this.itersPerEpoch = Math.max(1, Math.floor(this.train.length / config.data.batch_size));
    this.totalSteps = config.optimization.steps || config.optimization.epochs * this.itersPerEpoch;
    this.spec = scheduleSpec(config, this.itersPerEpoch, this.totalSteps);
    this.grid = gridSize(config);
    this.N = this.grid * this.grid;
    this.P = config.data.channels * config.mask.patch_size ** 2;
    this.model = createJepa(config);
    this.trainable = trainableParams(this.model);
    this.opt = new AdamW(this.trainable);
    this.sm = stepModel(config, this.model);
    this.workerChoice = resolveWorkers(config, tf.getBackend(), estimateStepFlops(config));
  }
  static async create(opts) {
    await tf.ready();
    const t = new Trainer(structuredClone(opts.config), opts.data);
    if (opts.resumeDir) {
      try {
        const state = loadCheckpoint(opts.resumeDir, { model: t.model, opt: t.opt });
        t.step = state.step;
      } catch (e) {
        t.dispose();
        throw e;
      }
    }
    return t;
  }
  schedule(step) {
    return scheduleAt(this.spec, step);
  }
  /** Dataset indices of the batch for a step: epoch-keyed shuffle, then a slice. */
  batchIndices(step) {
    const B = this.config.data.batch_size;
    const epoch = Math.floor(step / this.itersPerEpoch);
    if (!this.perm || this.perm.epoch !== epoch)
      this.perm = { epoch, order: new Rng(this.config.meta.seed, Stream.order, epoch).permutation(this.train.length) };
    const order = this.perm.order;
    const start = step % this.itersPerEpoch * B;
    const out = new Int32Array(B);
    for (let i = 0; i < B; i++) out[i] = this.train[order[(start + i) % order.length]];
    return out;
  }
  /** The step's inputs: normalised crops [B, S, S, C] and masks. */
  stepInputs(step) {
    const { data: d, mask, meta } = this.config;
    const x = randomResizedCrop(this.data, this.batchIndices(step), d.crop_size, d.channels, d.crop_scale, new Rng(meta.seed, Stream.crop, step));
    const masks = sampleMasks(mask, this.grid, d.batch_size, new Rng(meta.seed, Stream.mask, step));
    return { x, masks };
  }
  /**
   * The gradient of the step's objective (regularizers included) with respect
   * to `params` (default: the trainable ones), accumulated over micro-batches
   * as training does, without updating anything. null = no gradient reaches it.
   * `inputs` replaces the step's crops and masks (for tests and diagnostics).
   */
  gradients(step = this.step, params = this.trainable, inputs = this.stepInputs(step)) {
    const cfg = this.config;
    const { x, masks } = inputs;
    const B = masks.context.length;
    const patches = patchify(x, B, cfg.data.crop_size, cfg.data.channels, cfg.mask.patch_size);
    const parts = microBatches(B, cfg.optimization.micro_batch);
    if (params === this.trainable && this.startWorkers().workers > 1) return this.pool.gradients(patches, masks, step, parts);
    return accumulateGrads(this.sm, patches, masks, step, params, parts);
  }
  /**
   * Start the data-parallel gradient threads this config gets (optimization.workers,
   * see worker/parallel.ts), if not yet started; the first step does it anyway.
   * Blocks about a second per thread. When auto-chosen threads fail to start,
   * training goes on with one (the reason says why); an explicit setting throws.
   */
  startWorkers() {
    if (this.disposed) throw new Error("the Trainer was disposed");
    if (this.workerChoice.workers > 1 && !this.pool) {
      try {
        this.pool = GradientPool.start(this.sm, this.trainable, this.model.target.params, this.workerChoice.workers);
      } catch (e) {
        if ((this.config.optimization.workers ?? 0) > 0) throw e;
        this.workerChoice = { workers: 1, reason: `auto: gradient threads did not start (${e instanceof Error ? e.message : String(e)}); using 1` };
      }
    }
    return { ...this.workerChoice };
  }
  /** Gradient threads (the main thread included) and why, without starting them. */
  get workers() {
    return { ...this.workerChoice };
  }
  /** Live tensors per thread: [main, gradient threads…] (for leak checks). */
  tensorCounts() {
    return [tf.memory().numTensors, ...this.pool?.stats().map((s) => s.numTensors) ?? []];
  }
  /** wasm heap bytes per thread, [main, gradient threads…]; null off wasm. */
  heapBytes() {
    return [wasmHeapBytes(), ...this.pool?.stats().map((s) => s.heapBytes) ?? []];
  }
  trainStep() {
    const t0 = performance.now();
    const step = this.step;
    const { lr, wd, momentum } = this.schedule(step);
    const epoch = Math.floor(step / this.itersPerEpoch);
    const { loss, reg, grads } = this.gradients(step);
    const full = grads.map((g, i) => g ?? tf.zerosLike(this.trainable[i].v));
    this.opt.step(full, lr, wd);
    tf.dispose(full);
    emaUpdate(this.model.target.params, this.model.encoder.params, momentum);
    this.step = step + 1;
    return { step, epoch, loss, lr, wd, momentum, reg, ms: performance.now() - t0 };
  }
  saveCheckpoint(dir) {
    return saveCheckpoint(dir, {
      config: this.config,
      model: this.model,
      opt: this.opt,
      state: {
        step: this.step,
        epoch: Math.floor(this.step / this.itersPerEpoch),
        totalSteps: this.totalSteps,
        itersPerEpoch: this.itersPerEpoch
      }
    });
  }
  /** Average-pooled target-encoder features of normalised images x [n, S, S, C] → [n, D]. */
  features(x, n, batch = 256) {
    const { crop_size: S, channels: C } = this.config.data;
    const p = this.config.mask.patch_size;
    const enc = this.model.target;
    const D = enc.dim;
    if (x.length !== n * S * S * C) throw new Error(`features: expected ${n}×${S}×${S}×${C} values, got ${x.length}`);
    const out = new Float32Array(n * D);
    for (let i0 = 0; i0 < n; i0 += batch) {
      const m = Math.min(batch, n - i0);
      const patches = patchify(x.subarray(i0 * S * S * C, (i0 + m) * S * S * C), m, S, C, p);
      const f = tf.tidy(() => tf.mean(enc.forward(tf.tensor3d(patches, [m, this.N, this.P]), enc.posEmbed), 1));
      out.set(f.dataSync(), i0 * D);
      f.dispose();
    }
    return out;
  }
  /** Per-token prediction loss (mean over features) for given images and masks → [M·B, Kt], mask-major. */
  tokenErrors(x, masks) {
    const cfg = this.config;
    const B = masks.context.length;
    const Kc = masks.context[0].length;
    const { crop_size: S, channels: C } = cfg.data;
    if (x.length !== B * S * S * C) throw new Error(`expected ${B}×${S}×${S}×${C} image values for ${B} masks, got ${x.length}`);
    const patches = patchify(x, B, S, C, cfg.mask.patch_size);
    const err = tf.tidy(() => {
      const all = tf.tensor3d(patches, [B, this.N, this.P]);
      const h = targets(this.sm, all, masks.targets);
      const ctx = tf.tensor3d(selectPatches(patches, B, this.N, this.P, masks.context), [B, Kc, this.P]);
      const z = this.model.encoder.forward(ctx, this.model.encoder.positions(masks.context));
      const pred = this.model.predictor.forward(z, masks.context, masks.targets);
      return tf.mean(elementLoss(pred, h, cfg.meta.loss), -1);
    });
    const e = err.dataSync();
    err.dispose();
    return e;
  }
  /** The prediction loss (no regularizers, no update) on given normalised images [B, S, S, C] and masks. */
  loss(x, masks) {
    const e = this.tokenErrors(x, masks);
    let s = 0;
    for (const v of e) s += v;
    return s / e.length;
  }
  /**
   * Per-patch prediction loss [B, grid²] for given images and masks (mean over
   * features; patches in several target blocks average them); NaN off the targets.
   */
  predictionError(x, masks) {
    const B = masks.context.length;
    const M = masks.targets[0].length;
    const Kt = masks.targets[0][0].length;
    const e = this.tokenErrors(x, masks);
    const sum = new Float64Array(B * this.N);
    const count = new Uint16Array(B * this.N);
    for (let m = 0; m < M; m++)
      for (let b = 0; b < B; b++)
        for (let k = 0; k < Kt; k++) {
          const j = b * this.N + masks.targets[b][m][k];
          sum[j] += e[(m * B + b) * Kt + k];
          count[j]++;
        }
    const out = new Float32Array(B * this.N);
    for (let j = 0; j < out.length; j++) out[j] = count[j] ? sum[j] / count[j] : NaN;
    return out;
  }
  /**
   * Free the tensors and end the gradient threads. The returned promise resolves
   * once the threads have exited; callers need not wait for it.
   */
  dispose() {
    if (this.disposed) return Promise.resolve();
    this.disposed = true;
    const ended = this.pool?.dispose() ?? Promise.resolve();
    this.pool = null;
    disposeJepa(this.model);
    this.opt.dispose();
    return ended;
  }
}
function expectedTokens(cfg) {
  const N = gridSize(cfg) ** 2;
  const mean = (r) => (r[0] + r[1]) / 2;
  const kt = Math.max(1, Math.floor(N * mean(cfg.mask.pred_mask_scale)));
  const covered = cfg.mask.allow_overlap ? 0 : 1 - (1 - mean(cfg.mask.pred_mask_scale)) ** cfg.mask.num_pred_masks;
  const kc = Math.max(cfg.mask.min_keep, Math.floor(N * mean(cfg.mask.enc_mask_scale) * (1 - covered)));
  return [kc, kt];
}
function blocksFlops(B, K, d, depth, mlpRatio) {
  const hidden = Math.floor(d * mlpRatio);
  const linear = 2 * B * K * (d * 3 * d + d * d + 2 * d * hidden);
  const attn = 2 * 2 * B * K * K * d;
  return depth * (linear + attn);
}
function estimateStepFlops(config) {
  const B = config.data.batch_size;
  const N = gridSize(config) ** 2;
  const { embed_dim: D, depth, mlp_ratio } = config.model;
  const Dp = config.meta.pred_emb_dim;
  const M = config.mask.num_pred_masks;
  const P = config.data.channels * config.mask.patch_size ** 2;
  const [Kc, Kt] = expectedTokens(config);
  const target = 2 * B * N * P * D + blocksFlops(B, N, D, depth, mlp_ratio);
  const context = 2 * B * Kc * P * D + blocksFlops(B, Kc, D, depth, mlp_ratio);
  const predictor = 2 * B * Kc * D * Dp + blocksFlops(M * B, Kc + Kt, Dp, config.meta.pred_depth, mlp_ratio) + 2 * M * B * Kt * Dp * D;
  return target + 3 * (context + predictor);
}
let control = { paused: false, stop: false };
const tick = () => new Promise((r) => setImmediate(r));
function probeSets(data, size, seed) {
  const rng = new Rng(seed, Stream.probe);
  const pick = (idx, n) => {
    const p = rng.permutation(idx.length);
    return Int32Array.from(p.subarray(0, Math.min(n, idx.length)), (i) => idx[i]).sort();
  };
  const held = heldOutIndices(data);
  const memory = pick(trainIndices(data), size);
  const queries = pick(held.length ? held : trainIndices(data), Math.max(8, Math.round(size / 4)));
  return { memory, queries };
}
async function runTrain(job, ch) {
  const cfg = job.config;
  const data = loadImageSet(job.datasetDir);
  const trainer = await Trainer.create({ config: cfg, data, resumeDir: job.resumeFrom });
  const S = cfg.data.crop_size;
  const C = cfg.data.channels;
  const probe = probeSets(data, cfg.logging.probe_size, cfg.meta.seed);
  const probeX = { memory: resizeBatch(data, probe.memory, S, C), queries: resizeBatch(data, probe.queries, S, C) };
  const labels = data.labels;
  const numClasses = data.classes?.length ?? (labels ? Math.max(...labels) + 1 : 0);
  if (job.resumeFrom) ch.send({ type: "event", level: "info", message: `resumed from ${path.basename(job.resumeFrom)} at step ${trainer.step}` });
  const workers = trainer.startWorkers();
  ch.send({ type: "event", level: "info", message: `gradient threads: ${workers.workers} (${workers.reason})` });
  let pending = [];
  const flush = () => {
    if (pending.length) ch.send({ type: "metrics", points: pending });
    pending = [];
  };
  const flushTimer = setInterval(flush, 250);
  let lastLoss = null;
  const evaluate = (step) => {
    const t = Date.now();
    const mem = trainer.features(probeX.memory, probe.memory.length);
    const D = mem.length / probe.memory.length;
    const std = featureStd(mem, probe.memory.length, D);
    const rank = rankMe(mem, probe.memory.length, D);
    pending.push({ step, time: t, name: "feature_std", value: std }, { step, time: t, name: "rankme", value: rank });
    if (labels && numClasses > 1) {
      const q = trainer.features(probeX.queries, probe.queries.length);
      const memL = Array.from(probe.memory, (i) => labels[i]);
      const qL = Array.from(probe.queries, (i) => labels[i]);
      const acc = knnAccuracy(mem, memL, q, qL, D, numClasses, Math.min(20, probe.memory.length), 0.07);
      pending.push({ step, time: t, name: "knn_acc", value: acc });
    }
    const check = collapseCheck({ featureStd: std, rankMe: rank, dim: D });
    if (check.warning) ch.send({ type: "event", level: "warning", message: `collapse warning at step ${step}: ${check.reasons.join("; ")}` });
    flush();
  };
  const checkpoint = (step) => {
    const dir = path.join(job.checkpointRoot, `step-${String(step).padStart(7, "0")}`);
    const { bytes } = trainer.saveCheckpoint(dir);
    flush();
    ch.send({ type: "checkpoint", step, path: dir, bytes });
  };
  const imagesPerStep = cfg.data.batch_size;
  const t0 = Date.now();
  const startStep = trainer.step;
  let lastProgress = 0;
  if (startStep === 0 && cfg.logging.eval_every > 0) evaluate(0);
  while (trainer.step < trainer.totalSteps) {
    await tick();
    if (control.stop) break;
    if (control.paused) {
      ch.send({ type: "paused", step: trainer.step });
      while (control.paused && !control.stop) await new Promise((r2) => setTimeout(r2, 100));
      if (control.stop) break;
      ch.send({ type: "resumed", step: trainer.step });
    }
    const r = trainer.trainStep();
    const step = trainer.step;
    lastLoss = r.loss;
    if (!Number.isFinite(r.loss)) {
      flush();
      throw new Error(`loss became ${r.loss} at step ${step}; lower optimization.lr (now ${cfg.optimization.lr}) or raise optimization.warmup`);
    }
    const now = Date.now();
    if (step % cfg.logging.log_every === 0 || step === trainer.totalSteps || step === startStep + 1) {
      pending.push(
        { step, time: now, name: "loss", value: r.loss },
        { step, time: now, name: "lr", value: r.lr },
        { step, time: now, name: "wd", value: r.wd },
        { step, time: now, name: "momentum", value: r.momentum },
        { step, time: now, name: "step_ms", value: r.ms }
      );
      for (const [k, v] of Object.entries(r.reg)) pending.push({ step, time: now, name: `reg_${k}`, value: v });
    }
    if (now - lastProgress > 250 || step === trainer.totalSteps) {
      lastProgress = now;
      const elapsed = (now - t0) / 1e3;
      const done = step - startStep;
      const ips = done * imagesPerStep / Math.max(elapsed, 1e-3);
      const eta = (trainer.totalSteps - step) * elapsed / Math.max(done, 1);
      ch.send({ type: "progress", progress: { step, totalSteps: trainer.totalSteps, epoch: r.epoch, loss: r.loss, imagesPerSec: ips, etaSec: eta } });
    }
    if (cfg.logging.eval_every > 0 && step % cfg.logging.eval_every === 0 && step !== trainer.totalSteps) evaluate(step);
    if (cfg.logging.checkpoint_every > 0 && step % cfg.logging.checkpoint_every === 0 && step !== trainer.totalSteps) checkpoint(step);
  }
  const finished = trainer.step >= trainer.totalSteps;
  if (finished && cfg.logging.eval_every > 0) evaluate(trainer.step);
  if (trainer.step > startStep || finished) checkpoint(trainer.step);
  clearInterval(flushTimer);
  flush();
  trainer.dispose();
  ch.send({ type: "done", status: finished ? "completed" : "stopped", step: trainer.step, finalLoss: lastLoss });
}
async function runFeatures(job, ch) {
  const data = loadImageSet(job.datasetDir);
  const trainer = await Trainer.create({ config: job.config, data, resumeDir: job.checkpoint });
  const S = job.config.data.crop_size;
  const C = job.config.data.channels;
  const chunk = 256;
  for (let i = 0; i < job.indices.length && !control.stop; i += chunk) {
    const idx = job.indices.slice(i, i + chunk);
    const x = resizeBatch(data, idx, S, C);
    const f = trainer.features(x, idx.length);
    ch.send({ type: "features", indices: idx, dim: f.length / idx.length, data: f, done: i + idx.length, total: job.indices.length });
    await tick();
  }
  trainer.dispose();
  ch.send({ type: "done", status: control.stop ? "stopped" : "completed", step: 0, finalLoss: null });
}
async function runMaskError(job, ch) {
  const data = loadImageSet(job.datasetDir);
  const trainer = await Trainer.create({ config: job.config, data, resumeDir: job.checkpoint });
  const grid = gridSize(job.config);
  const masks = sampleMasks(job.config.mask, grid, job.indices.length, new Rng(job.maskSeed, Stream.mask));
  const x = resizeBatch(data, job.indices, job.config.data.crop_size, job.config.data.channels);
  const errors = trainer.predictionError(x, masks);
  trainer.dispose();
  ch.send({ type: "mask-error", grid, errors, context: masks.context, targets: masks.targets });
  ch.send({ type: "done", status: "completed", step: 0, finalLoss: null });
}
async function runJob(job, ch) {
  const backend = await initBackend(job.backend);
  ch.send({ type: "ready", backend });
  if (job.kind === "train") {
    const why = backend.skipped.map((s) => `${s.package}: ${s.reason}`).join("; ");
    ch.send({ type: "event", level: "info", message: `backend ${describeBackend(backend)}${why ? ` — not used: ${why}` : ""}` });
    await runTrain(job, ch);
  } else if (job.kind === "features") await runFeatures(job, ch);
  else await runMaskError(job, ch);
}
function serve(ch, exit) {
  let started = false;
  ch.onMessage((msg) => {
    if (msg.type === "start" && !started) {
      started = true;
      control = { paused: false, stop: false };
      runJob(msg.job, ch).then(
        () => exit(0),
        (e) => {
          ch.send({ type: "error", message: e instanceof Error ? e.message : String(e) });
          exit(1);
        }
      );
    } else if (msg.type === "pause") control.paused = true;
    else if (msg.type === "resume") control.paused = false;
    else if (msg.type === "stop") control.stop = true;
  });
}
if (process.send && process.env.JEPA_LAB_WORKER === "1") {
  let inFlight = 0;
  let exitCode = null;
  const maybeExit = () => {
    if (exitCode !== null && inFlight === 0) process.exit(exitCode);
  };
  serve(
    {
      send: (m) => {
        inFlight++;
        process.send(m, void 0, {}, () => {
          inFlight--;
          maybeExit();
        });
      },
      onMessage: (fn) => process.on("message", (m) => fn(m))
    },
    (code) => {
      exitCode = code;
      maybeExit();
    }
  );
  process.on("disconnect", () => process.exit(exitCode ?? 3));
}
const parentPort = process.parentPort;
if (parentPort && process.env.JEPA_LAB_WORKER === "1") {
  serve(
    {
      send: (m) => parentPort.postMessage(m),
      onMessage: (fn) => parentPort.on("message", (e) => fn(e.data))
    },
    // postMessage is queued synchronously; give it a moment to flush before exiting
    (code) => setTimeout(() => process.exit(code), 100)
  );
}
export {
  runJob,
  serve
};
