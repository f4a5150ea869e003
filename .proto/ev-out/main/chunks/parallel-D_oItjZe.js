import fs from "node:fs";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { MessageChannel, Worker, receiveMessageOnPort } from "node:worker_threads";
import * as tf from "@tensorflow/tfjs";
import { R as Rng, S as Stream, g as gridSize } from "./backend-CYlX8h2Q.js";
const LN_EPS = 1e-6;
const TARGET_LN_EPS = 1e-5;
function truncNormal(n, std, rng) {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let v;
    do
      v = rng.normal() * std;
    while (v < -2 || v > 2);
    out[i] = v;
  }
  return out;
}
class ParamBuilder {
  constructor(rng, trainable) {
    this.rng = rng;
    this.trainable = trainable;
  }
  params = [];
  add(name, shape, values, layout) {
    const v = tf.variable(tf.tensor(values, shape, "float32"), this.trainable, `${name}_${nextVarId++}`);
    this.params.push({ name, v, layout, decay: shape.length > 1 && !name.endsWith("bias") });
    return v;
  }
  normal(name, shape, std, layout) {
    return this.add(name, shape, truncNormal(shape.reduce((a, b) => a * b, 1), std, this.rng), layout);
  }
  fill(name, shape, value) {
    return this.add(name, shape, new Float32Array(shape.reduce((a, b) => a * b, 1)).fill(value), "plain");
  }
  linear(name, nIn, nOut, std, layout = "linear") {
    return { w: this.normal(`${name}.weight`, [nIn, nOut], std, layout), b: this.fill(`${name}.bias`, [nOut], 0) };
  }
  layerNorm(name, d) {
    return { g: this.fill(`${name}.weight`, [d], 1), b: this.fill(`${name}.bias`, [d], 0) };
  }
  /** A transformer block; `layerId` is 1-based for the reference's 1/sqrt(2·layer_id) rescale. */
  block(name, d, mlpRatio, std, layerId) {
    const hidden = Math.floor(d * mlpRatio);
    const blk = {
      norm1: this.layerNorm(`${name}.norm1`, d),
      qkv: this.linear(`${name}.attn.qkv`, d, 3 * d, std),
      proj: this.linear(`${name}.attn.proj`, d, d, std),
      norm2: this.layerNorm(`${name}.norm2`, d),
      fc1: this.linear(`${name}.mlp.fc1`, d, hidden, std),
      fc2: this.linear(`${name}.mlp.fc2`, hidden, d, std)
    };
    const s = 1 / Math.sqrt(2 * layerId);
    for (const w of [blk.proj.w, blk.fc2.w]) tf.tidy(() => w.assign(w.mul(s)));
    return blk;
  }
}
let nextVarId = 0;
function sincos2d(dim, grid) {
  const out = new Float32Array(grid * grid * dim);
  const half = dim / 2;
  const quarter = dim / 4;
  for (let i = 0; i < grid; i++) {
    for (let j = 0; j < grid; j++) {
      const row = out.subarray((i * grid + j) * dim, (i * grid + j + 1) * dim);
      for (let k = 0; k < quarter; k++) {
        const omega = 1 / Math.pow(1e4, k / quarter);
        row[k] = Math.sin(j * omega);
        row[quarter + k] = Math.cos(j * omega);
        row[half + k] = Math.sin(i * omega);
        row[half + quarter + k] = Math.cos(i * omega);
      }
    }
  }
  return out;
}
const linear2d = tf.customGrad(((x, w, b, save) => {
  save([x, w]);
  const value = tf.add(tf.matMul(x, w), b);
  const gradFunc = (dy, saved) => {
    const [xs, ws] = saved;
    return [
      tf.matMul(dy, tf.transpose(ws)),
      // dx [M, in]
      tf.matMul(tf.transpose(xs), dy),
      // dW [in, out]
      tf.sum(dy, 0)
      // db [out]
    ];
  };
  return { value, gradFunc };
}));
function linear(x, p) {
  const [nIn, nOut] = p.w.shape;
  const lead = x.shape.slice(0, -1);
  const y = linear2d(x.reshape([-1, nIn]), p.w, p.b);
  return lead.length === 1 ? y : y.reshape([...lead, nOut]);
}
const matMul2d = tf.customGrad(((a, b, save) => {
  save([a, b]);
  const gradFunc = (dy, saved) => {
    const [as, bs] = saved;
    return [tf.matMul(dy, tf.transpose(bs)), tf.matMul(tf.transpose(as), dy)];
  };
  return { value: tf.matMul(a, b), gradFunc };
}));
function makeNormalize(eps) {
  return tf.customGrad(((x, save) => {
    const mu = tf.mean(x, -1, true);
    const xc = tf.sub(x, mu);
    const rstd = tf.rsqrt(tf.add(tf.mean(tf.square(xc), -1, true), eps));
    const xhat = tf.mul(xc, rstd);
    save([xhat, rstd]);
    const gradFunc = (dy, saved) => {
      const [xh, rs] = saved;
      const a = tf.mean(dy, -1, true);
      const b = tf.mean(tf.mul(dy, xh), -1, true);
      return [tf.mul(tf.sub(tf.sub(dy, a), tf.mul(xh, b)), rs)];
    };
    return { value: xhat, gradFunc };
  }));
}
const normalizers = /* @__PURE__ */ new Map();
function layerNorm(x, p, eps = p ? LN_EPS : TARGET_LN_EPS) {
  let norm = normalizers.get(eps);
  if (!norm) normalizers.set(eps, norm = makeNormalize(eps));
  const y = norm(x);
  return p ? tf.add(tf.mul(y, p.g), p.b) : y;
}
const gelu = tf.customGrad(((x, save) => {
  const cdf = tf.add(tf.mul(tf.erf(tf.mul(x, Math.SQRT1_2)), 0.5), 0.5);
  save([x, cdf]);
  const gradFunc = (dy, saved) => {
    const [xs, c] = saved;
    const pdf = tf.mul(tf.exp(tf.mul(tf.square(xs), -0.5)), 1 / Math.sqrt(2 * Math.PI));
    return [tf.mul(dy, tf.add(c, tf.mul(xs, pdf)))];
  };
  return { value: tf.mul(x, cdf), gradFunc };
}));
let attentionMode = "auto";
function setAttentionKernel(mode) {
  attentionMode = mode;
}
function attentionKernel() {
  return attentionMode;
}
function useConvAttention() {
  return attentionMode === "conv" || attentionMode === "auto" && tf.getBackend() === "wasm";
}
function dwProduct(x, f) {
  const [m, k, C] = x.shape;
  const n = f.shape[2];
  const y = tf.depthwiseConv2d(x.reshape([1, m, k, C]), f.reshape([1, k, C, n]), 1, "valid");
  return y.reshape([m, C, n]);
}
const convAttention = tf.customGrad(((q, k, v, save) => {
  const [B, K, H, hd] = q.shape;
  const C = B * H;
  const kF = tf.transpose(k, [3, 0, 2, 1]).reshape([hd, C, K]);
  const vF = tf.transpose(v, [1, 0, 2, 3]).reshape([K, C, hd]);
  const scores = dwProduct(tf.transpose(q, [1, 3, 0, 2]).reshape([K, hd, C]), kF);
  const att = tf.softmax(scores);
  const y = dwProduct(tf.transpose(att, [0, 2, 1]), vF);
  save([q, k, att, vF]);
  const gradFunc = (dy, saved) => {
    const [qs, ks, a, vf] = saved;
    const dyT = tf.transpose(dy.reshape([B, K, H * hd]), [1, 0, 2]).reshape([K, C, hd]);
    const toBKD = (t) => tf.transpose(t.reshape([K, B, H * hd]), [1, 0, 2]).reshape([B, K, H, hd]);
    const dv = dwProduct(tf.transpose(a, [2, 0, 1]), dyT);
    const da = dwProduct(tf.transpose(dyT, [0, 2, 1]), tf.transpose(vf, [2, 1, 0]));
    const ds = tf.mul(a, tf.sub(da, tf.sum(tf.mul(da, a), -1, true)));
    const dq = dwProduct(tf.transpose(ds, [0, 2, 1]), tf.transpose(ks, [1, 0, 2, 3]).reshape([K, C, hd]));
    const dk = dwProduct(tf.transpose(ds, [2, 0, 1]), tf.transpose(qs, [1, 0, 2, 3]).reshape([K, C, hd]));
    return [toBKD(dq), toBKD(dk), toBKD(dv)];
  };
  const value = tf.transpose(y.reshape([K, B, H * hd]), [1, 0, 2]);
  return { value, gradFunc };
}));
function matMulAttention(q, k, v) {
  const [B, K, H, hd] = q.shape;
  const heads = (t) => tf.transpose(t, [0, 2, 1, 3]).reshape([B * H, K, hd]);
  const att = tf.softmax(tf.matMul(heads(q), heads(k), false, true));
  const y = tf.matMul(att, heads(v));
  return tf.transpose(y.reshape([B, H, K, hd]), [0, 2, 1, 3]).reshape([B, K, H * hd]);
}
function attentionCore(q, k, v) {
  return useConvAttention() ? convAttention(q, k, v) : matMulAttention(q, k, v);
}
function attention(x, blk, heads) {
  const [B, K, D] = x.shape;
  const hd = D / heads;
  const qkv = linear(x.reshape([B * K, D]), blk.qkv);
  const [q, k, v] = tf.split(qkv, 3, 1);
  const split2 = (t) => t.reshape([B, K, heads, hd]);
  const y = attentionCore(split2(tf.mul(q, 1 / Math.sqrt(hd))), split2(k), split2(v));
  return linear(y.reshape([B * K, D]), blk.proj).reshape([B, K, D]);
}
function block(x, blk, heads) {
  x = tf.add(x, attention(layerNorm(x, blk.norm1), blk, heads));
  const h = gelu(linear(layerNorm(x, blk.norm2), blk.fc1));
  return tf.add(x, linear(h, blk.fc2));
}
class VisionTransformer {
  params;
  patchEmbed;
  // [P, D], PyTorch patch_embed.proj
  blocks;
  norm;
  /** fixed sin-cos positions [N, D] (PyTorch `pos_embed` [1, N, D], requires_grad=False) */
  posEmbed;
  dim;
  heads;
  patchDim;
  numPatches;
  constructor(cfg, rng, trainable = true) {
    const { embed_dim: D, depth, num_heads, mlp_ratio, init_std, patch_init_std } = cfg.model;
    const p = cfg.mask.patch_size;
    const grid = gridSize(cfg);
    this.dim = D;
    this.heads = num_heads;
    this.patchDim = cfg.data.channels * p * p;
    this.numPatches = grid * grid;
    const pb = new ParamBuilder(rng, trainable);
    this.patchEmbed = pb.linear("patch_embed.proj", this.patchDim, D, patch_init_std > 0 ? patch_init_std : init_std, "patch");
    this.blocks = [];
    for (let i = 0; i < depth; i++) this.blocks.push(pb.block(`blocks.${i}`, D, mlp_ratio, init_std, i + 1));
    this.norm = pb.layerNorm("norm", D);
    this.params = pb.params;
    this.posEmbed = tf.keep(tf.tensor2d(sincos2d(D, grid), [this.numPatches, D]));
  }
  /**
   * Encode the kept tokens of each image.
   * patches [B, K, P] (flattened C-major), pos [B, K, D] (rows of posEmbed) → [B, K, D]
   */
  forward(patches, pos) {
    let x = tf.add(linear(patches, this.patchEmbed), pos);
    for (const blk of this.blocks) x = block(x, blk, this.heads);
    return layerNorm(x, this.norm);
  }
  /** Position rows for token indices: idx [B][K] → [B, K, D] (a gather of a constant). */
  positions(idx) {
    return gatherRows(this.posEmbed, idx);
  }
  /** Copy all weights from another ViT of the same shape (target encoder init). */
  copyFrom(other) {
    this.params.forEach((p, i) => p.v.assign(other.params[i].v));
  }
  dispose() {
    for (const p of this.params) p.v.dispose();
    this.posEmbed.dispose();
  }
}
class Predictor {
  params;
  embed;
  // D → Dp
  maskToken;
  // [1, 1, Dp]
  blocks;
  norm;
  proj;
  // Dp → D
  /** fixed sin-cos positions [N, Dp] (PyTorch `predictor_pos_embed`) */
  posEmbed;
  dim;
  heads;
  constructor(cfg, rng) {
    const D = cfg.model.embed_dim;
    const Dp = cfg.meta.pred_emb_dim;
    const std = cfg.model.init_std;
    const grid = gridSize(cfg);
    this.dim = Dp;
    this.heads = cfg.model.num_heads;
    const pb = new ParamBuilder(rng, true);
    this.embed = pb.linear("predictor_embed", D, Dp, std);
    this.maskToken = pb.normal("mask_token", [1, 1, Dp], std, "plain");
    pb.params[pb.params.length - 1].decay = false;
    this.blocks = [];
    for (let i = 0; i < cfg.meta.pred_depth; i++)
      this.blocks.push(pb.block(`predictor_blocks.${i}`, Dp, cfg.model.mlp_ratio, std, i + 1));
    this.norm = pb.layerNorm("predictor_norm", Dp);
    this.proj = pb.linear("predictor_proj", Dp, D, std);
    this.params = pb.params;
    this.posEmbed = tf.keep(tf.tensor2d(sincos2d(Dp, grid), [grid * grid, Dp]));
  }
  /**
   * Predict the target-block features from the context encoding.
   * z [B, Kc, D] context-encoder output; ctxIdx [B][Kc]; tgtIdx [B][M][Kt].
   * Returns [M·B, Kt, D], mask-major (row m·B + b), as the reference's
   * apply_masks / repeat ordering.
   */
  forward(z, ctxIdx, tgtIdx) {
    const [B, Kc] = z.shape;
    const M = tgtIdx[0].length;
    const Kt = tgtIdx[0][0].length;
    const Dp = this.dim;
    let x = tf.add(linear(z, this.embed), gatherRows(this.posEmbed, ctxIdx));
    x = M === 1 ? x : tf.concat(new Array(M).fill(x), 0);
    const tgtRows = [];
    for (let m = 0; m < M; m++) for (let b = 0; b < B; b++) tgtRows.push(tgtIdx[b][m]);
    const tokens = tf.add(this.maskToken, gatherRows(this.posEmbed, tgtRows));
    x = tf.concat([x, tokens], 1);
    for (const blk of this.blocks) x = block(x, blk, this.heads);
    x = layerNorm(x, this.norm);
    x = tf.slice(x, [0, Kc, 0], [M * B, Kt, Dp]);
    return linear(x, this.proj);
  }
  dispose() {
    for (const p of this.params) p.v.dispose();
    this.posEmbed.dispose();
  }
}
function gatherRows(table, idx) {
  const B = idx.length;
  const K = idx[0].length;
  const flat = new Int32Array(B * K);
  for (let b = 0; b < B; b++) flat.set(idx[b], b * K);
  return tf.gather(table, tf.tensor1d(flat, "int32")).reshape([B, K, table.shape[1]]);
}
function patchify(x, B, S, C, p) {
  const g = S / p;
  const P = C * p * p;
  const out = new Float32Array(B * g * g * P);
  let o = 0;
  for (let b = 0; b < B; b++)
    for (let gi = 0; gi < g; gi++)
      for (let gj = 0; gj < g; gj++)
        for (let c = 0; c < C; c++)
          for (let ky = 0; ky < p; ky++) {
            let src = ((b * S + gi * p + ky) * S + gj * p) * C + c;
            for (let kx = 0; kx < p; kx++, src += C) out[o++] = x[src];
          }
  return out;
}
function selectPatches(all, B, N, P, idx) {
  const K = idx[0].length;
  const out = new Float32Array(B * K * P);
  for (let b = 0; b < B; b++)
    for (let k = 0; k < K; k++) {
      const src = (b * N + idx[b][k]) * P;
      out.set(all.subarray(src, src + P), (b * K + k) * P);
    }
  return out;
}
function createJepa(cfg) {
  const encoder = new VisionTransformer(cfg, new Rng(cfg.meta.seed, Stream.init, 0), true);
  const predictor = new Predictor(cfg, new Rng(cfg.meta.seed, Stream.init, 1));
  const target = new VisionTransformer(cfg, new Rng(cfg.meta.seed, Stream.init, 0), false);
  target.copyFrom(encoder);
  return { encoder, target, predictor };
}
function trainableParams(m) {
  return [...m.encoder.params, ...m.predictor.params];
}
function disposeJepa(m) {
  m.encoder.dispose();
  m.target.dispose();
  m.predictor.dispose();
}
const VICREG_EPS = 1e-4;
function vicreg(z) {
  const [n, D] = z.shape;
  const dof = Math.max(1, n - 1);
  const zc = tf.sub(z, tf.mean(z, 0, true));
  const cov = tf.div(matMul2d(tf.transpose(zc), zc), dof);
  const varDiag = tf.div(tf.sum(tf.square(zc), 0), dof);
  const std = tf.sqrt(tf.add(varDiag, VICREG_EPS));
  const variance = tf.mean(tf.relu(tf.sub(1, std)));
  const covariance = tf.div(tf.sub(tf.sum(tf.square(cov)), tf.sum(tf.square(varDiag))), D);
  return { variance, covariance };
}
const SIGREG_SLICES = 256;
const SIGREG_KNOTS = 17;
function sigregDirections(D, slices, rng) {
  const a = new Float32Array(D * slices);
  for (let i = 0; i < a.length; i++) a[i] = rng.normal();
  for (let k = 0; k < slices; k++) {
    let s = 0;
    for (let d = 0; d < D; d++) s += a[d * slices + k] ** 2;
    const inv = 1 / Math.sqrt(s);
    for (let d = 0; d < D; d++) a[d * slices + k] *= inv;
  }
  return a;
}
function sigreg(x, rng, slices = SIGREG_SLICES, knots = SIGREG_KNOTS) {
  const [n, D] = x.shape;
  const A = tf.tensor2d(sigregDirections(D, slices, rng), [D, slices]);
  const t = new Float32Array(knots);
  const w = new Float32Array(knots);
  const phi = new Float32Array(knots);
  const dt = 10 / (knots - 1);
  for (let i = 0; i < knots; i++) {
    t[i] = -5 + i * dt;
    phi[i] = Math.exp(-0.5 * t[i] * t[i]);
    w[i] = (i === 0 || i === knots - 1 ? 0.5 : 1) * dt * phi[i];
  }
  const proj = matMul2d(x, A);
  const xt = tf.mul(proj.reshape([n, slices, 1]), tf.tensor1d(t));
  const re = tf.sub(tf.mean(tf.cos(xt), 0), tf.tensor1d(phi));
  const im = tf.mean(tf.sin(xt), 0);
  const err = tf.add(tf.square(re), tf.square(im));
  const stat = tf.mul(tf.sum(tf.mul(err, tf.tensor1d(w)), 1), n);
  return tf.mean(stat);
}
const SIGREG_STREAM = 100;
function stepModel(config, model) {
  return { config, model, N: gridSize(config) ** 2, P: config.data.channels * config.mask.patch_size ** 2 };
}
function microBatches(B, microBatch) {
  const mb = microBatch > 0 ? microBatch : B;
  const parts = [];
  for (let s0 = 0; s0 < B; s0 += mb) {
    const s1 = Math.min(B, s0 + mb);
    parts.push({ start: s0, end: s1, weight: (s1 - s0) / B });
  }
  return parts;
}
function hasBatchRegularizers(cfg) {
  const r = cfg.regularization;
  return r.vicreg_weight > 0 || r.vicreg_cov_weight > 0 || r.sigreg_weight > 0;
}
function elementLoss(pred, target, kind) {
  const d = tf.sub(pred, target);
  if (kind === "l2") return tf.square(d);
  const a = tf.abs(d);
  const q = tf.minimum(a, 1);
  return tf.add(tf.mul(tf.square(q), 0.5), tf.sub(a, q));
}
function targets(s, all, tgt) {
  const B = tgt.length;
  const M = tgt[0].length;
  const Kt = tgt[0][0].length;
  const enc = s.model.target;
  const h = layerNorm(enc.forward(all, enc.posEmbed), null);
  const rows = new Int32Array(M * B * Kt);
  let o = 0;
  for (let m = 0; m < M; m++) for (let b = 0; b < B; b++) for (const i of tgt[b][m]) rows[o++] = b * s.N + i;
  return tf.gather(h.reshape([B * s.N, enc.dim]), tf.tensor1d(rows, "int32")).reshape([M * B, Kt, enc.dim]);
}
function addRegularizers(total, pooled, cfg, step, parts) {
  const { vicreg_weight, vicreg_cov_weight, sigreg_weight } = cfg.regularization;
  if (vicreg_weight > 0 || vicreg_cov_weight > 0) {
    const { variance, covariance } = vicreg(pooled());
    parts.vicreg_var = tf.keep(variance);
    parts.vicreg_cov = tf.keep(covariance);
    total = tf.add(total, tf.add(tf.mul(variance, vicreg_weight), tf.mul(covariance, vicreg_cov_weight)));
  }
  if (sigreg_weight > 0) {
    const s = sigreg(pooled(), new Rng(cfg.meta.seed, SIGREG_STREAM, step));
    parts.sigreg = tf.keep(s);
    total = tf.add(total, tf.mul(s, sigreg_weight));
  }
  return total;
}
function readParts(parts) {
  const values = {};
  for (const [k, t] of Object.entries(parts)) {
    values[k] = t.dataSync()[0];
    t.dispose();
  }
  const { loss, ...reg } = values;
  return { loss: loss ?? NaN, reg };
}
function lossAndGrads(s, patches, masks, step, params, batchReg) {
  const cfg = s.config;
  const n = masks.context.length;
  const Kc = masks.context[0].length;
  const parts = {};
  const grads = tf.tidy(() => {
    const all = tf.tensor3d(patches, [n, s.N, s.P]);
    const h = targets(s, all, masks.targets);
    const ctx = tf.tensor3d(selectPatches(patches, n, s.N, s.P, masks.context), [n, Kc, s.P]);
    const ctxPos = s.model.encoder.positions(masks.context);
    const regGrad = batchReg ? tf.tensor2d(batchReg.grad, [n, s.model.encoder.dim]) : null;
    const { value, grads: grads2 } = tf.variableGrads(() => {
      const z = s.model.encoder.forward(ctx, ctxPos);
      const pred = s.model.predictor.forward(z, masks.context, masks.targets);
      const loss = tf.mean(elementLoss(pred, h, cfg.meta.loss));
      parts.loss = tf.keep(loss);
      if (batchReg) {
        return tf.add(tf.mul(loss, batchReg.weight), tf.sum(tf.mul(tf.mean(z, 1), regGrad)));
      }
      return addRegularizers(loss, () => tf.mean(z, 1), cfg, step, parts);
    }, params.map((p) => p.v));
    return params.map((p) => grads2[p.v.name] ?? null);
  });
  return { ...readParts(parts), grads };
}
function accumulateGrads(s, patches, masks, step, params, parts) {
  const NP = s.N * s.P;
  let grads = null;
  let loss = 0;
  const reg = {};
  for (const { start: s0, end: s1, weight: w } of parts) {
    const sub = { context: masks.context.slice(s0, s1), targets: masks.targets.slice(s0, s1) };
    const r = lossAndGrads(s, patches.subarray(s0 * NP, s1 * NP), sub, step, params);
    loss += w * r.loss;
    for (const [k, v] of Object.entries(r.reg)) reg[k] = (reg[k] ?? 0) + w * v;
    if (w === 1) {
      grads = r.grads;
      continue;
    }
    const prev = grads;
    grads = r.grads.map((g, i) => {
      const p = prev ? prev[i] : null;
      if (!g) return p;
      const out = tf.tidy(() => p ? tf.add(p, tf.mul(g, w)) : tf.mul(g, w));
      g.dispose();
      p?.dispose();
      return out;
    });
  }
  return { loss, reg, grads: grads ?? params.map(() => null) };
}
function pooledFeatures(s, patches, masks) {
  const n = masks.context.length;
  const Kc = masks.context[0].length;
  const f = tf.tidy(() => {
    const ctx = tf.tensor3d(selectPatches(patches, n, s.N, s.P, masks.context), [n, Kc, s.P]);
    return tf.mean(s.model.encoder.forward(ctx, s.model.encoder.positions(masks.context)), 1);
  });
  const out = f.dataSync();
  f.dispose();
  return out;
}
function regularizerGrad(cfg, pooled, B, D, step) {
  const parts = {};
  const g = tf.tidy(() => {
    const p = tf.tensor2d(pooled, [B, D]);
    return tf.grad((x) => addRegularizers(tf.scalar(0), () => x, cfg, step, parts))(p);
  });
  const grad = g.dataSync();
  g.dispose();
  const { reg } = readParts(parts);
  return { reg, grad };
}
const AUTO_MIN_STEP_FLOPS = 2e8;
function resolveWorkers(cfg, backend, stepFlops, cores = os.availableParallelism()) {
  const requested = cfg.optimization.workers ?? 0;
  if (backend !== "wasm" && backend !== "cpu")
    return { workers: 1, reason: `backend ${backend} runs its kernels on several threads already${requested > 1 ? ` (optimization.workers = ${requested} ignored)` : ""}` };
  const parts = microBatches(cfg.data.batch_size, cfg.optimization.micro_batch);
  const cap = parts.length > 1 ? parts.length : cfg.data.batch_size;
  const capNote = (w2, want2) => w2 < want2 ? `, capped at ${cap} ${parts.length > 1 ? "micro-batches" : "images"} per step` : "";
  if (requested === 1) return { workers: 1, reason: "optimization.workers = 1" };
  if (requested > 1) {
    const w2 = Math.min(requested, cap);
    return { workers: w2, reason: `optimization.workers = ${requested}${capNote(w2, requested)}` };
  }
  if (stepFlops < AUTO_MIN_STEP_FLOPS)
    return { workers: 1, reason: `auto: a ${(stepFlops / 1e9).toFixed(3)} GFLOP step is too small to split across threads` };
  const want = Math.min(2, cores);
  const w = Math.min(want, cap);
  return { workers: w, reason: `auto: min(2, ${cores} cores) on the single-threaded ${backend} backend${capNote(w, want)}` };
}
function paramOffsets(params) {
  const offsets = [];
  let total = 0;
  for (const p of params) {
    offsets.push(total);
    total += p.v.size;
  }
  return { offsets, total };
}
function threadEntry() {
  const here = import.meta.url;
  if (/\.ts$/.test(new URL(here).pathname)) return { file: new URL("./grad-thread-boot.mjs", here), entry: new URL("./grad-thread.ts", here).href };
  for (const rel of ["./grad-thread.js", "../grad-thread.js"]) {
    const u = new URL(rel, here);
    if (fs.existsSync(fileURLToPath(u))) return { file: u };
  }
  throw new Error(`the gradient thread entry grad-thread.js is not beside ${here}`);
}
function split(k, t) {
  return Array.from({ length: t }, (_, i) => [Math.floor(i * k / t), Math.floor((i + 1) * k / t)]);
}
class GradientPool {
  /** gradient threads, the main thread included */
  size;
  threads;
  s;
  trainable;
  all;
  params;
  offsets;
  gradOffsets;
  disposed = false;
  ended = Promise.resolve();
  constructor(s, trainable, target, threads, params) {
    this.s = s;
    this.trainable = trainable;
    this.all = [...trainable, ...target];
    this.threads = threads;
    this.size = threads.length + 1;
    this.params = params;
    this.offsets = paramOffsets(this.all).offsets;
    this.gradOffsets = paramOffsets(trainable).offsets;
  }
  /**
   * Start `size − 1` gradient threads for a model (blocks until each has its
   * backend and model ready, about a second). Throws, with the threads ended,
   * if one fails.
   */
  static start(s, trainable, target, size) {
    const backend = tf.getBackend();
    const paramsSab = new SharedArrayBuffer(paramOffsets([...trainable, ...target]).total * 4);
    const gradFloats = paramOffsets(trainable).total;
    const { file, entry } = threadEntry();
    const threads = [];
    try {
      for (let i = 1; i < size; i++) {
        const { port1, port2 } = new MessageChannel();
        const ctrl = new SharedArrayBuffer(8);
        const grads = new SharedArrayBuffer(gradFloats * 4);
        const init = { index: i, config: s.config, backend, attention: attentionKernel(), params: paramsSab, grads, ctrl, port: port2, entry };
        const worker = new Worker(file, { workerData: init, transferList: [port2] });
        worker.unref();
        worker.on("error", () => {
        });
        threads.push({ index: i, worker, port: port1, ctrl: new Int32Array(ctrl), grads: new Float32Array(grads) });
      }
      for (const t of threads) {
        const m = receive(t);
        if (m.type !== "ready") throw new Error(`gradient thread ${t.index}: expected ready, got ${m.type}`);
      }
    } catch (e) {
      for (const t of threads) void t.worker.terminate();
      throw e;
    }
    return new GradientPool(s, trainable, target, threads, new Float32Array(paramsSab));
  }
  /** Copy every parameter (trainable and target) into shared memory for the threads. */
  writeParams() {
    this.all.forEach((p, i) => this.params.set(p.v.dataSync(), this.offsets[i]));
  }
  /**
   * The step's gradient of the trainable parameters, as accumulateGrads gives
   * it for the whole batch: `parts` are the step's micro-batches, `patches` and
   * `masks` the whole batch's. Caller disposes the gradients.
   */
  gradients(patches, masks, step, parts) {
    if (this.disposed) throw new Error("the gradient threads were ended (Trainer disposed)");
    const B = masks.context.length;
    const NP = this.s.N * this.s.P;
    let shares;
    let batchReg = false;
    if (parts.length > 1) {
      shares = split(parts.length, Math.min(this.size, parts.length)).map(([a, b]) => {
        const start = parts[a].start;
        return { start, end: parts[b - 1].end, parts: parts.slice(a, b).map((p) => ({ start: p.start - start, end: p.end - start, weight: p.weight })) };
      });
    } else {
      shares = split(B, Math.min(this.size, B)).map(([a, b]) => ({ start: a, end: b, parts: [{ start: 0, end: b - a, weight: (b - a) / B }] }));
      batchReg = shares.length > 1 && hasBatchRegularizers(this.s.config);
    }
    if (shares.length === 1) return accumulateGrads(this.s, patches, masks, step, this.trainable, parts);
    this.writeParams();
    const sub = (sh) => ({ context: masks.context.slice(sh.start, sh.end), targets: masks.targets.slice(sh.start, sh.end) });
    const used = this.threads.slice(0, shares.length - 1);
    used.forEach((t, i) => {
      const sh = shares[i + 1];
      const x = patches.slice(sh.start * NP, sh.end * NP);
      const msg = { type: "share", step, patches: x, masks: sub(sh), parts: sh.parts, batchReg };
      t.port.postMessage(msg, [x.buffer]);
    });
    const own = shares[0];
    const ownPatches = patches.subarray(own.start * NP, own.end * NP);
    const stage = used.map(() => batchReg ? "pooled" : "grads");
    const next = (i, type) => {
      try {
        return expect(used[i], type);
      } catch (e) {
        stage[i] = "done";
        throw e;
      }
    };
    let mine = null;
    let loss;
    let reg = {};
    let results;
    try {
      if (batchReg) {
        const D = this.s.model.encoder.dim;
        const pooled = new Float32Array(B * D);
        pooled.set(pooledFeatures(this.s, ownPatches, sub(own)), own.start * D);
        used.forEach((_, i) => {
          pooled.set(next(i, "pooled").pooled, shares[i + 1].start * D);
          stage[i] = "reg-grad";
        });
        const rg = regularizerGrad(this.s.config, pooled, B, D, step);
        reg = rg.reg;
        used.forEach((t, i) => {
          const sh = shares[i + 1];
          const grad = rg.grad.slice(sh.start * D, sh.end * D);
          t.port.postMessage({ type: "reg-grad", grad }, [grad.buffer]);
          stage[i] = "grads";
        });
        const w = own.parts[0].weight;
        mine = lossAndGrads(this.s, ownPatches, sub(own), step, this.trainable, { grad: rg.grad.subarray(own.start * D, own.end * D), weight: w });
        loss = w * mine.loss;
      } else {
        mine = accumulateGrads(this.s, ownPatches, sub(own), step, this.trainable, own.parts);
        loss = mine.loss;
        reg = { ...mine.reg };
      }
      results = used.map((_, i) => {
        const r = next(i, "grads");
        stage[i] = "done";
        return r;
      });
    } catch (e) {
      used.forEach((t, i) => drain(t, stage[i]));
      if (mine) tf.dispose(mine.grads.filter((g) => g !== null));
      throw e;
    }
    for (const r of results) {
      loss += r.loss;
      if (!batchReg) for (const [k, v] of Object.entries(r.reg)) reg[k] = (reg[k] ?? 0) + v;
    }
    const ownGrads = mine.grads;
    const grads = this.trainable.map((p, i) => {
      const g0 = ownGrads[i];
      const others = used.filter((_, j) => results[j].has[i]);
      if (others.length === 0) return g0;
      const off = this.gradOffsets[i];
      const out = tf.tidy(() => {
        let sum = g0;
        for (const t of others) {
          const g = tf.tensor(t.grads.slice(off, off + p.v.size), p.v.shape, "float32");
          sum = sum ? tf.add(sum, g) : g;
        }
        return sum;
      });
      g0?.dispose();
      return out;
    });
    return { loss, reg, grads };
  }
  /** Live tensors and wasm heap size (null off wasm) of each gradient thread. */
  stats() {
    if (this.disposed) return [];
    return this.threads.map((t) => {
      t.port.postMessage({ type: "stats" });
      const { numTensors, heapBytes } = expect(t, "stats");
      return { numTensors, heapBytes };
    });
  }
  /** End the threads; resolves when they have exited (nothing needs to wait for it). */
  dispose() {
    if (!this.disposed) {
      this.disposed = true;
      this.ended = Promise.all(
        this.threads.map((t) => {
          t.port.close();
          return t.worker.terminate();
        })
      ).then(() => void 0);
    }
    return this.ended;
  }
}
function receive(t) {
  for (; ; ) {
    const seen = Atomics.load(t.ctrl, 0);
    const m = receiveMessageOnPort(t.port);
    if (m) {
      const msg = m.message;
      if (msg.type === "error") throw new Error(`gradient thread ${t.index}: ${msg.message}`);
      return msg;
    }
    if (Atomics.load(t.ctrl, 1)) throw new Error(`gradient thread ${t.index} exited`);
    Atomics.wait(t.ctrl, 0, seen, 1e3);
  }
}
function expect(t, type) {
  const m = receive(t);
  if (m.type !== type) throw new Error(`gradient thread ${t.index}: expected ${type}, got ${m.type}`);
  return m;
}
function drain(t, stage) {
  try {
    if (stage === "done") return;
    if (stage === "pooled") expect(t, "pooled");
    if (stage === "pooled" || stage === "reg-grad") {
      const grad = new Float32Array(0);
      t.port.postMessage({ type: "reg-grad", grad }, [grad.buffer]);
    }
    expect(t, "grads");
  } catch {
  }
}
export {
  GradientPool as G,
  stepModel as a,
  pooledFeatures as b,
  createJepa as c,
  accumulateGrads as d,
  patchify as e,
  targets as f,
  selectPatches as g,
  elementLoss as h,
  disposeJepa as i,
  lossAndGrads as l,
  microBatches as m,
  paramOffsets as p,
  resolveWorkers as r,
  setAttentionKernel as s,
  trainableParams as t
};
