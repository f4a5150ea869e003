// The I-JEPA networks: positions, patches, shapes, init, custom gradients.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../worker/backend/backend.ts';
import { resolveConfig } from '../../../main/common/config.ts';
import {
  allTokens,
  attentionCore,
  createJepa,
  disposeJepa,
  gelu,
  layerNorm,
  linear,
  matMul2d,
  patchify,
  selectPatches,
  setModelKernels,
  sincos2d,
  trainableParams,
  truncNormal,
} from '../../../worker/model/model.ts';
import { Rng } from '../../../main/common/rng.ts';

beforeAll(async () => {
  await initBackend('wasm');
});

function std(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m += a[i];
  m /= a.length;
  let v = 0;
  for (let i = 0; i < a.length; i++) v += (a[i] - m) ** 2;
  return Math.sqrt(v / a.length);
}

describe('sin-cos positions', () => {
  it('follows the reference layout: column in the first half, row in the second, [sin, cos] each', () => {
    const dim = 8;
    const grid = 3;
    const t = sincos2d(dim, grid);
    expect(t.length).toBe(grid * grid * dim);
    // patch 0 (row 0, col 0): sin 0 = 0, cos 0 = 1
    expect(Array.from(t.subarray(0, dim))).toEqual([0, 0, 1, 1, 0, 0, 1, 1]);
    // patch (row 1, col 2): omega = [1, 1/100] for dim/4 = 2
    const row = t.subarray((1 * grid + 2) * dim, (1 * grid + 3) * dim);
    const expected = [Math.sin(2), Math.sin(0.02), Math.cos(2), Math.cos(0.02), Math.sin(1), Math.sin(0.01), Math.cos(1), Math.cos(0.01)];
    expected.forEach((v, i) => expect(row[i]).toBeCloseTo(v, 6));
  });
});

describe('patches', () => {
  it('flattens each patch C-major (c, ky, kx) in row-major grid order, like a PyTorch conv', () => {
    const B = 2, S = 4, C = 3, p = 2;
    const x = new Float32Array(B * S * S * C);
    // value encodes (b, y, x, c)
    for (let b = 0; b < B; b++) for (let y = 0; y < S; y++) for (let xx = 0; xx < S; xx++) for (let c = 0; c < C; c++)
      x[((b * S + y) * S + xx) * C + c] = b * 1000 + y * 100 + xx * 10 + c;
    const out = patchify(x, B, S, C, p);
    const P = C * p * p;
    expect(out.length).toBe(B * 4 * P);
    // image 1, patch (gi=1, gj=0) = index 2; element (c=2, ky=1, kx=1) → pixel y=3, x=1
    expect(out[(1 * 4 + 2) * P + 2 * p * p + 1 * p + 1]).toBe(1000 + 300 + 10 + 2);
    const sel = selectPatches(out, B, 4, P, [[3, 0], [2, 1]]);
    expect(Array.from(sel.subarray(0, P))).toEqual(Array.from(out.subarray(3 * P, 4 * P)));
    expect(Array.from(sel.subarray(2 * P, 3 * P))).toEqual(Array.from(out.subarray((4 + 2) * P, (4 + 3) * P)));
  });
});

describe('networks', () => {
  it('encoder and predictor give the documented shapes and leave no tensors behind', () => {
    const cfg = resolveConfig('tiny');
    const m = createJepa(cfg);
    const before = tf.memory().numTensors;
    const B = 3, N = 16, P = 16, D = cfg.model.embed_dim;
    tf.tidy(() => {
      const all = tf.randomNormal([B, N, P]);
      const full = m.target.forward(all, m.target.posEmbed);
      expect(full.shape).toEqual([B, N, D]);
      const ctx = [[0, 1, 2, 5, 6], [1, 2, 3, 7, 8], [4, 9, 10, 11, 12]];
      const z = m.encoder.forward(tf.randomNormal([B, 5, P]), m.encoder.positions(ctx));
      expect(z.shape).toEqual([B, 5, D]);
      const tgt = [[[3, 4], [13, 14]], [[0, 4], [5, 6]], [[1, 2], [3, 5]]]; // [B][M=2][Kt=2]
      const pred = m.predictor.forward(z, ctx, tgt);
      expect(pred.shape).toEqual([2 * B, 2, D]);
      expect(m.encoder.positions(allTokens(B, N)).shape).toEqual([B, N, D]);
    });
    expect(tf.memory().numTensors).toBe(before);
    disposeJepa(m);
  });

  it('initialises as the reference: trunc-normal weights, zero biases, unit LN, rescaled proj/fc2, patch std, equal target', () => {
    const cfg = resolveConfig('tiny', { model: { embed_dim: 64, depth: 3, num_heads: 2, patch_init_std: 0.14 }, meta: { pred_emb_dim: 32 } });
    const m = createJepa(cfg);
    const get = (name: string, ps = m.encoder.params) => ps.find((p) => p.name === name)!.v.dataSync();
    expect(std(get('blocks.0.attn.qkv.weight'))).toBeCloseTo(0.02, 2);
    expect(std(get('patch_embed.proj.weight'))).toBeCloseTo(0.14, 1);
    // fix_init_weight: layer_id = i + 1, weight /= sqrt(2·layer_id)
    for (const i of [0, 2]) {
      expect(std(get(`blocks.${i}.attn.proj.weight`)) / (0.02 / Math.sqrt(2 * (i + 1)))).toBeGreaterThan(0.85);
      expect(std(get(`blocks.${i}.attn.proj.weight`)) / (0.02 / Math.sqrt(2 * (i + 1)))).toBeLessThan(1.15);
      expect(std(get(`blocks.${i}.mlp.fc2.weight`)) / (0.02 / Math.sqrt(2 * (i + 1)))).toBeGreaterThan(0.85);
    }
    expect(Array.from(get('blocks.1.norm1.weight')).every((v) => v === 1)).toBe(true);
    expect(Array.from(get('blocks.1.mlp.fc1.bias')).every((v) => v === 0)).toBe(true);
    expect(Array.from(get('predictor_proj.bias', m.predictor.params)).every((v) => v === 0)).toBe(true);
    // the target encoder starts as a copy
    m.encoder.params.forEach((p, i) => expect(Array.from(m.target.params[i].v.dataSync())).toEqual(Array.from(p.v.dataSync())));
    // weight decay only on ≥ 2-D weights, never on the mask token
    for (const p of trainableParams(m)) expect(p.decay).toBe(p.name.endsWith('.weight') && p.v.shape.length === 2);
    expect(truncNormal(10000, 5, new Rng(1)).every((v) => v >= -2 && v <= 2)).toBe(true);
    disposeJepa(m);
  });

  it('model.pos_scale multiplies the encoders\' sin-cos positions (not the predictor\'s); 1 is the reference table', () => {
    const over = { model: { embed_dim: 64, num_heads: 2 }, meta: { pred_emb_dim: 32 } };
    const ref = createJepa(resolveConfig('tiny', over));
    const scaled = createJepa(resolveConfig('tiny', over, { model: { pos_scale: 3 } }));
    const table = sincos2d(64, 4);
    expect(Array.from(ref.encoder.posEmbed.dataSync())).toEqual(Array.from(table));
    const s = scaled.encoder.posEmbed.dataSync();
    table.forEach((v, i) => expect(s[i]).toBeCloseTo(3 * v, 6));
    expect(Array.from(scaled.target.posEmbed.dataSync())).toEqual(Array.from(s));
    expect(Array.from(scaled.predictor.posEmbed.dataSync())).toEqual(Array.from(ref.predictor.posEmbed.dataSync()));
    expect(() => resolveConfig('tiny', { model: { pos_scale: -1 } })).toThrow(/model\.pos_scale/);
    disposeJepa(ref);
    disposeJepa(scaled);
  });
});

describe('ops and their custom gradients', () => {
  it('linear and matMul2d match tfjs autodiff of a plain matMul', () => {
    const x = tf.randomNormal([7, 5], 0, 1, 'float32', 1);
    const w = tf.variable(tf.randomNormal([5, 3], 0, 1, 'float32', 2));
    const b = tf.variable(tf.randomNormal([3], 0, 1, 'float32', 3));
    const dy = tf.randomNormal([7, 3], 0, 1, 'float32', 4);
    const f1 = (xx: tf.Tensor) => tf.sum(tf.mul(linear(xx, { w, b }), dy)) as tf.Scalar;
    const f2 = (xx: tf.Tensor) => tf.sum(tf.mul(tf.add(tf.matMul(xx as tf.Tensor2D, w), b), dy)) as tf.Scalar;
    const g1 = tf.grads((xx: tf.Tensor, ww: tf.Tensor, bb: tf.Tensor) => tf.sum(tf.mul(linear(xx, { w: ww as tf.Variable, b: bb as tf.Variable }), dy)))([x, w, b]);
    const g2 = tf.grads((xx: tf.Tensor, ww: tf.Tensor, bb: tf.Tensor) => tf.sum(tf.mul(tf.add(tf.matMul(xx as tf.Tensor2D, ww as tf.Tensor2D), bb), dy)))([x, w, b]);
    g1.forEach((g, i) => expect(tf.max(tf.abs(tf.sub(g, g2[i]))).dataSync()[0]).toBeLessThan(1e-5));
    expect(Math.abs(f1(x).dataSync()[0] - f2(x).dataSync()[0])).toBeLessThan(1e-4);
    const h1 = tf.grads((a: tf.Tensor, c: tf.Tensor) => tf.sum(tf.mul(matMul2d(a, c), dy)))([x, w]);
    const h2 = tf.grads((a: tf.Tensor, c: tf.Tensor) => tf.sum(tf.mul(tf.matMul(a as tf.Tensor2D, c as tf.Tensor2D), dy)))([x, w]);
    h1.forEach((g, i) => expect(tf.max(tf.abs(tf.sub(g, h2[i]))).dataSync()[0]).toBeLessThan(1e-5));
    // 3-D input keeps its leading dims
    expect(linear(tf.zeros([2, 4, 5]), { w, b }).shape).toEqual([2, 4, 3]);
    tf.dispose([x, w, b, dy, ...g1, ...g2, ...h1, ...h2]);
  });

  it('LayerNorm (eps 1e-6, biased variance) and exact-erf GELU give PyTorch values', () => {
    const x = tf.tensor2d([[1, 2, 3, 4], [-1, 0, 0, 1]]);
    const y = layerNorm(x, null, 1e-6).arraySync() as number[][];
    const s = Math.sqrt(1.25 + 1e-6);
    // without affine (the targets) the default eps is F.layer_norm's 1e-5
    expect((layerNorm(x, null).arraySync() as number[][])[0][0]).toBeCloseTo(-1.5 / Math.sqrt(1.25 + 1e-5), 6);
    [-1.5, -0.5, 0.5, 1.5].forEach((v, i) => expect(y[0][i]).toBeCloseTo(v / s, 5));
    // torch.nn.GELU()(torch.tensor([-1., 0.5, 2.])) = [-0.158655, 0.345731, 1.954500]
    const g = gelu(tf.tensor1d([-1, 0.5, 2])).dataSync();
    [-0.158655, 0.345731, 1.9545].forEach((v, i) => expect(g[i]).toBeCloseTo(v, 5));
    tf.dispose(x);
  });

  it('custom gradients of LayerNorm, GELU and the conv-kernel attention match autodiff of the plain formulas', () => {
    const maxDiff = (a: tf.Tensor, b: tf.Tensor) => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0];
    const x = tf.randomNormal([6, 5, 8], 0, 2, 'float32', 11);
    const dy = tf.randomNormal([6, 5, 8], 0, 1, 'float32', 12);
    const g = tf.variable(tf.randomNormal([8], 1, 0.3, 'float32', 13));
    const b = tf.variable(tf.randomNormal([8], 0, 0.3, 'float32', 14));
    const plainLN = (t: tf.Tensor, gg: tf.Tensor, bb: tf.Tensor) => {
      const c = tf.sub(t, tf.mean(t, -1, true));
      return tf.add(tf.mul(tf.mul(c, tf.rsqrt(tf.add(tf.mean(tf.square(c), -1, true), 1e-6))), gg), bb);
    };
    const ours = tf.grads((t: tf.Tensor, gg: tf.Tensor, bb: tf.Tensor) => tf.sum(tf.mul(layerNorm(t, { g: gg as tf.Variable, b: bb as tf.Variable }), dy)))([x, g, b]);
    const ref = tf.grads((t: tf.Tensor, gg: tf.Tensor, bb: tf.Tensor) => tf.sum(tf.mul(plainLN(t, gg, bb), dy)))([x, g, b]);
    ours.forEach((t, i) => expect(maxDiff(t, ref[i])).toBeLessThan(1e-4));
    const plainGelu = (t: tf.Tensor) => tf.mul(tf.mul(t, 0.5), tf.add(tf.erf(tf.mul(t, Math.SQRT1_2)), 1));
    expect(maxDiff(gelu(x), plainGelu(x))).toBeLessThan(1e-6);
    const gg1 = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(gelu(t), dy)))(x);
    const gg2 = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(plainGelu(t), dy)))(x);
    expect(maxDiff(gg1, gg2)).toBeLessThan(1e-5);
    // attention: the depthwise-convolution kernels (wasm) agree with batched matMuls + autodiff
    const [q, k, v, dz] = [21, 22, 23, 24].map((seed) => tf.randomNormal([3, 7, 2, 5], 0, 1, 'float32', seed));
    const run = (mode: 'conv' | 'matmul') => {
      setModelKernels({ attention: mode });
      const out = attentionCore(q, k, v);
      const gs = tf.grads((a: tf.Tensor, bb: tf.Tensor, c: tf.Tensor) => tf.sum(tf.mul(attentionCore(a, bb, c), dz.reshape([3, 7, 10]))))([q, k, v]);
      return [out, ...gs];
    };
    const conv = run('conv');
    const viaMatMul = run('matmul');
    setModelKernels({ attention: 'auto' });
    expect(conv[0].shape).toEqual([3, 7, 10]);
    conv.forEach((t, i) => expect(maxDiff(t, viaMatMul[i]), `output/gradient ${i}`).toBeLessThan(1e-5));
    tf.dispose([q, k, v, dz, ...conv, ...viaMatMul]);
    tf.dispose([x, dy, g, b]);
  });
});
