// The training step: schedules, data order, gradient flow, EMA, learning,
// memory, micro-batching, the mask heatmap and the FLOP estimate.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../worker/backend/backend.ts';
import { resolveConfig } from '../../../main/common/config.ts';
import { syntheticShapes } from '../../../worker/data/synthetic.ts';
import { trainIndices } from '../../../main/common/imageset.ts';
import { sampleMasks } from '../../../main/common/masks.ts';
import { scheduleAt } from '../../../main/common/schedule.ts';
import { Rng } from '../../../main/common/rng.ts';
import { estimateStepFlops } from '../../../main/common/flops.ts';
import { Trainer } from '../../../worker/train/trainer.ts';

beforeAll(async () => {
  await initBackend('wasm');
});

const shapes = syntheticShapes({ count: 160, size: 16, channels: 1, seed: 7 });

describe('schedules (reference semantics)', () => {
  it('warm-up then cosine LR, cosine WD, linear EMA momentum at known steps', async () => {
    const cfg = resolveConfig('tiny', {
      optimization: { steps: 100, epochs: 5, warmup: 2, lr: 0.01, start_lr: 0.001, final_lr: 0.0001, weight_decay: 0.04, final_weight_decay: 0.4, ema: [0.99, 1] },
    });
    const t = await Trainer.create({ config: cfg, data: shapes });
    const ipe = t.itersPerEpoch;
    expect(ipe).toBe(Math.floor(trainIndices(shapes).length / 8));
    expect(t.totalSteps).toBe(100);
    const W = 40; // with optimization.steps set, the warm-up is warmup / epochs (2 / 5) of the run
    const T = 100;
    // the reference steps its schedulers before each iteration: step k runs at counter k+1
    expect(t.schedule(0).lr).toBeCloseTo(0.001 + (1 / W) * 0.009, 12);
    expect(t.schedule(W - 2).lr).toBeCloseTo(0.001 + ((W - 1) / W) * 0.009, 12);
    expect(t.schedule(W - 1).lr).toBeCloseTo(0.01, 12); // warm-up done, cosine at progress 0
    const mid = W - 1 + (T - W) / 2;
    expect(t.schedule(mid).lr).toBeCloseTo(0.0001 + 0.5 * (0.01 - 0.0001), 12);
    expect(t.schedule(T - 1).lr).toBeCloseTo(0.0001, 12);
    // weight decay rises 0.04 → 0.4 on a cosine over T; half-way is the mean
    expect(t.schedule(T / 2 - 1).wd).toBeCloseTo(0.22, 12);
    expect(t.schedule(T - 1).wd).toBeCloseTo(0.4, 12);
    expect(t.schedule(0).wd).toBeCloseTo(0.4 + (0.04 - 0.4) * 0.5 * (1 + Math.cos(Math.PI / T)), 12);
    // momentum: ema[0] + k·(ema[1] − ema[0]) / T
    expect(t.schedule(0).momentum).toBe(0.99);
    expect(t.schedule(50).momentum).toBeCloseTo(0.995, 12);
    expect(t.schedule(100).momentum).toBeCloseTo(1, 12);
    // ipe_scale stretches the schedules past the run
    const s = { warmupSteps: 0, tMax: 200, startLr: 0, lr: 1, finalLr: 0, wd: 0, finalWd: 0, ema: [0.5, 1] as [number, number] };
    expect(scheduleAt(s, 99).lr).toBeCloseTo(0.5, 12);
    expect(scheduleAt(s, 100).momentum).toBeCloseTo(0.75, 12);
    // totalSteps from epochs when optimization.steps = 0
    const e = await Trainer.create({ config: resolveConfig('tiny', { optimization: { steps: 0, epochs: 3 } }), data: shapes });
    expect(e.totalSteps).toBe(3 * e.itersPerEpoch);
    t.dispose();
    e.dispose();
  });
});

describe('data order', () => {
  it('is keyed by the step: an epoch is a permutation of the training split, redrawn per epoch', async () => {
    const cfg = resolveConfig('tiny', { data: { batch_size: 16 } });
    const a = await Trainer.create({ config: cfg, data: shapes });
    const b = await Trainer.create({ config: cfg, data: shapes });
    const ipe = a.itersPerEpoch;
    const seen: number[] = [];
    for (let s = 0; s < ipe; s++) seen.push(...a.batchIndices(s));
    expect(new Set(seen).size).toBe(seen.length);
    const train = new Set(trainIndices(shapes));
    expect(seen.every((i) => train.has(i))).toBe(true);
    // any order of calls gives the same batches; the next epoch is a different order
    expect(Array.from(b.batchIndices(ipe + 1))).toEqual(Array.from(a.batchIndices(ipe + 1)));
    expect(Array.from(b.batchIndices(2))).toEqual(Array.from(a.batchIndices(2)));
    expect(Array.from(a.batchIndices(ipe))).not.toEqual(Array.from(a.batchIndices(0)));
    // crops and masks too
    expect(Array.from(b.stepInputs(3).x)).toEqual(Array.from(a.stepInputs(3).x));
    expect(b.stepInputs(3).masks).toEqual(a.stepInputs(3).masks);
    a.dispose();
    b.dispose();
  });
});

describe('gradient flow and EMA', () => {
  it('gradients reach every context-encoder and predictor parameter, never the target encoder', async () => {
    const t = await Trainer.create({ config: resolveConfig('tiny', { model: { depth: 2 } }), data: shapes });
    const m = t.model;
    const params = [...m.encoder.params, ...m.predictor.params, ...m.target.params];
    const { loss, grads } = t.gradients(0, params);
    expect(Number.isFinite(loss)).toBe(true);
    params.forEach((p, i) => {
      const g = grads[i];
      const isTarget = i >= m.encoder.params.length + m.predictor.params.length;
      if (isTarget) expect(g, `target_encoder.${p.name}`).toBeNull();
      else {
        expect(g, p.name).not.toBeNull();
        expect(tf.max(tf.abs(g!)).dataSync()[0], p.name).toBeGreaterThan(0);
      }
    });
    tf.dispose(grads.filter((g): g is tf.Tensor => g !== null));
    // the target encoder is not trainable and not optimised
    expect(m.target.params.every((p) => !p.v.trainable)).toBe(true);
    expect(t.opt.params.some((p) => m.target.params.includes(p))).toBe(false);
    t.dispose();
  });

  it('the target encoder moves only by EMA: ξ ← m·ξ + (1 − m)·θ with the scheduled m', async () => {
    const t = await Trainer.create({ config: resolveConfig('tiny', { optimization: { ema: [0.9, 1] } }), data: shapes });
    const m = t.model;
    t.trainStep(); // make θ and ξ differ
    const before = m.target.params.map((p) => p.v.dataSync().slice());
    const r = t.trainStep();
    expect(r.momentum).toBeCloseTo(0.9 + 0.1 / t.totalSteps, 12);
    m.target.params.forEach((p, i) => {
      const theta = m.encoder.params[i].v.dataSync();
      const xi = p.v.dataSync();
      for (let j = 0; j < xi.length; j++) expect(Math.abs(xi[j] - (r.momentum * before[i][j] + (1 - r.momentum) * theta[j]))).toBeLessThan(1e-6);
    });
    t.dispose();
  });

  it('micro-batch accumulation gives the whole-batch gradient', async () => {
    const full = await Trainer.create({ config: resolveConfig('tiny'), data: shapes });
    const micro = await Trainer.create({ config: resolveConfig('tiny', { optimization: { micro_batch: 3 } }), data: shapes });
    const a = full.gradients(5);
    const b = micro.gradients(5);
    expect(b.loss).toBeCloseTo(a.loss, 5);
    a.grads.forEach((g, i) => {
      const scale = tf.max(tf.abs(g!)).dataSync()[0];
      const diff = tf.max(tf.abs(tf.sub(g!, b.grads[i]!))).dataSync()[0];
      expect(diff).toBeLessThanOrEqual(1e-4 * scale + 1e-7);
    });
    tf.dispose([...a.grads, ...b.grads] as tf.Tensor[]);
    full.dispose();
    micro.dispose();
  });
});

describe('training', () => {
  it('a tiny model learns: the loss falls over 50 steps, features do not collapse, tensors stay flat', async () => {
    const cfg = resolveConfig('tiny', { optimization: { steps: 50 } });
    const t = await Trainer.create({ config: cfg, data: shapes });
    const losses: number[] = [];
    let tensors = 0;
    while (t.step < t.totalSteps) {
      const r = t.trainStep();
      expect(r.step).toBe(losses.length);
      expect(r.epoch).toBe(Math.floor(r.step / t.itersPerEpoch));
      expect(r.ms).toBeGreaterThan(0);
      losses.push(r.loss);
      if (r.step === 1) tensors = tf.memory().numTensors;
    }
    expect(tf.memory().numTensors).toBe(tensors);
    const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(mean(losses.slice(-10))).toBeLessThan(0.85 * mean(losses.slice(0, 10)));
    // pooled target features of 64 crops keep a per-dimension spread
    const n = 64;
    const imgs = new Float32Array(n * 16 * 16);
    for (let k = 0; k < n / 8; k++) imgs.set(t.stepInputs(1000 + k).x, k * 8 * 256);
    const f = t.features(imgs, n);
    const D = cfg.model.embed_dim;
    expect(f.length).toBe(n * D);
    let meanStd = 0;
    for (let d = 0; d < D; d++) {
      let s = 0, s2 = 0;
      for (let i = 0; i < n; i++) {
        s += f[i * D + d];
        s2 += f[i * D + d] ** 2;
      }
      meanStd += Math.sqrt(Math.max(0, s2 / n - (s / n) ** 2)) / D;
    }
    expect(meanStd).toBeGreaterThan(0.05);
    t.dispose();
  });

  it('smooth-L1 loss runs and is below the L2 loss for the same step (|d| small: ½d² < d²)', async () => {
    const l2 = await Trainer.create({ config: resolveConfig('tiny'), data: shapes });
    const sl1 = await Trainer.create({ config: resolveConfig('tiny', { meta: { loss: 'smooth_l1' } }), data: shapes });
    const a = l2.trainStep().loss;
    const b = sl1.trainStep().loss;
    expect(b).toBeGreaterThan(0);
    expect(b).toBeLessThan(a);
    l2.dispose();
    sl1.dispose();
  });
});

describe('mask heatmap and FLOPs', () => {
  it('predictionError gives [B, grid²], finite on target patches and NaN elsewhere', async () => {
    const cfg = resolveConfig('tiny');
    const t = await Trainer.create({ config: cfg, data: shapes });
    const B = 4;
    const masks = sampleMasks(cfg.mask, 4, B, new Rng(1));
    const x = t.stepInputs(0).x.subarray(0, B * 256);
    const before = tf.memory().numTensors;
    const e = t.predictionError(x, masks);
    expect(tf.memory().numTensors).toBe(before);
    expect(e.length).toBe(B * 16);
    for (let b = 0; b < B; b++) {
      const tgt = new Set(masks.targets[b].flat());
      for (let j = 0; j < 16; j++) {
        const v = e[b * 16 + j];
        if (tgt.has(j)) expect(Number.isFinite(v) && v >= 0).toBe(true);
        else expect(v).toBeNaN();
      }
    }
    t.dispose();
  });

  it('estimateStepFlops grows with batch and depth', () => {
    const a = estimateStepFlops(resolveConfig('cpu-small', { data: { batch_size: 64 } }));
    const b = estimateStepFlops(resolveConfig('cpu-small', { data: { batch_size: 128 } }));
    const c = estimateStepFlops(resolveConfig('cpu-small', { model: { depth: 8 } }));
    expect(a).toBeGreaterThan(1e9);
    expect(b / a).toBeCloseTo(2, 5);
    expect(c).toBeGreaterThan(1.5 * a);
  });
});
