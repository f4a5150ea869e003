// Data-parallel gradients over worker threads (optimization.workers,
// worker/train/parallel.ts): the same curve and parameters as one thread, resume,
// flat tensor counts in every thread, the auto choice, config validation, and
// `bench --json` reporting the thread count.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../worker/backend/backend.ts';
import { ConfigError, resolveConfig, validateConfig, withDefaults, type DeepPartial, type JepaConfig } from '../../../main/common/config.ts';
import { syntheticShapes } from '../../../worker/data/synthetic.ts';
import { AUTO_MIN_STEP_FLOPS, resolveWorkers } from '../../../worker/train/parallel.ts';
import { estimateStepFlops } from '../../../main/common/flops.ts';
import { Trainer } from '../../../worker/train/trainer.ts';
import { cli } from '../../helpers.ts';

let tmp: string;
beforeAll(async () => {
  await initBackend('wasm');
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jepa-parallel-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const data = syntheticShapes({ count: 160, size: 16, channels: 1, seed: 11 });
const STEPS = 8;

interface Run {
  losses: number[];
  regs: Record<string, number>[];
  params: Float32Array[];
  counts: { first: number[]; last: number[] };
  workers: number;
}

/** Train `steps` steps (from a checkpoint when given) and collect the curve, all parameters and per-thread tensor counts. */
async function run(over: DeepPartial<JepaConfig>, workers: number, opts: { resumeDir?: string; steps?: number; saveAt?: { step: number; dir: string } } = {}): Promise<Run> {
  const cfg = resolveConfig('tiny', over, { meta: { seed: 5 }, optimization: { steps: 16, workers } });
  const t = await Trainer.create({ config: cfg, data, resumeDir: opts.resumeDir });
  const losses: number[] = [];
  const regs: Record<string, number>[] = [];
  let first: number[] = [];
  const end = opts.steps ?? STEPS;
  while (t.step < end) {
    const r = t.trainStep();
    losses.push(r.loss);
    regs.push(r.reg);
    if (losses.length === 1) first = t.tensorCounts();
    if (opts.saveAt && t.step === opts.saveAt.step) t.saveCheckpoint(opts.saveAt.dir);
  }
  const last = t.tensorCounts();
  const params = [...t.model.encoder.params, ...t.model.predictor.params, ...t.model.target.params, ...(t.model.projector?.params ?? [])].map((p) => p.v.dataSync().slice() as Float32Array);
  const n = t.workers.workers;
  await t.dispose();
  return { losses, regs, params, counts: { first, last }, workers: n };
}

function expectSameCurve(a: Run, b: Run): void {
  expect(b.losses).toHaveLength(a.losses.length);
  a.losses.forEach((l, i) => expect(Math.abs(b.losses[i] - l), `loss at step ${i}: ${l} vs ${b.losses[i]}`).toBeLessThanOrEqual(1e-4 * Math.abs(l)));
  a.regs.forEach((r, i) => {
    expect(Object.keys(b.regs[i]).sort()).toEqual(Object.keys(r).sort());
    for (const [k, v] of Object.entries(r)) expect(Math.abs(b.regs[i][k] - v), `${k} at step ${i}`).toBeLessThanOrEqual(1e-4 * Math.abs(v) + 1e-7);
  });
}

function expectSameParams(a: Run, b: Run): void {
  a.params.forEach((p, i) => {
    let scale = 0;
    let diff = 0;
    for (let j = 0; j < p.length; j++) {
      scale = Math.max(scale, Math.abs(p[j]));
      diff = Math.max(diff, Math.abs(p[j] - b.params[i][j]));
    }
    expect(diff, `parameter ${i}`).toBeLessThanOrEqual(1e-3 * scale + 1e-6);
  });
}

describe('data-parallel gradients: 2 threads give the 1-thread run', () => {
  // tiny has no regularizers and no micro-batches: the batch is cut into 2 shards
  it('shards of the whole batch: same loss curve and parameters; tensor counts flat in both threads', async () => {
    const one = await run({}, 1);
    const two = await run({}, 2);
    expect(one.workers).toBe(1);
    expect(two.workers).toBe(2);
    expectSameCurve(one, two);
    expectSameParams(one, two);
    expect(one.counts.first).toHaveLength(1);
    expect(two.counts.first).toHaveLength(2); // [main thread, gradient thread]
    expect(two.counts.last).toEqual(two.counts.first);
    expect(one.counts.last).toEqual(one.counts.first);
  });

  it('with batch-level regularizers (VICReg + SIGReg + two-view invariance on all B images), computed across the shards', async () => {
    const over = { regularization: { vicreg_weight: 1, vicreg_cov_weight: 0.04, sigreg_weight: 0.05, invariance_weight: 1 } };
    const one = await run(over, 1);
    const two = await run(over, 2);
    expect(Object.keys(one.regs[0]).sort()).toEqual(['invariance', 'sigreg', 'vicreg_cov', 'vicreg_var']);
    expectSameCurve(one, two);
    expectSameParams(one, two);
    expect(two.counts.last).toEqual(two.counts.first);
  });

  it('with the regularizers on a projector of the pooled features (projector_dim), exchanged across the shards', async () => {
    const over = { regularization: { vicreg_weight: 1, vicreg_cov_weight: 0.04, invariance_weight: 1, projector_dim: 24 } };
    const one = await run(over, 1);
    const two = await run(over, 2);
    expectSameCurve(one, two);
    expectSameParams(one, two);
  });

  it('with micro-batches (3 + 3 + 2 images, per-micro-batch VICReg) split between the threads', async () => {
    const over = { optimization: { micro_batch: 3 }, regularization: { vicreg_weight: 1, vicreg_cov_weight: 0.04 } };
    const one = await run(over, 1);
    const two = await run(over, 2);
    expectSameCurve(one, two);
    expectSameParams(one, two);
    expect(two.counts.last).toEqual(two.counts.first);
  });

  it('a run resumed from a checkpoint continues the same curve with 2 threads', async () => {
    const dir = path.join(tmp, 'step-4');
    const whole = await run({}, 2, { saveAt: { step: 4, dir } });
    const resumed = await run({}, 2, { resumeDir: dir });
    expect(resumed.losses).toHaveLength(STEPS - 4);
    expectSameCurve({ ...whole, losses: whole.losses.slice(4), regs: whole.regs.slice(4) }, resumed);
    expectSameParams(whole, resumed);
    // and the one-thread run resumed from the same checkpoint agrees too
    const single = await run({}, 1, { resumeDir: dir });
    expectSameCurve(resumed, single);
  });
});

describe('choosing the number of threads', () => {
  it('auto: 2 on wasm/cpu for a big enough step, 1 for a tiny one and on tensorflow; explicit values are capped by the shares', () => {
    const small = resolveConfig('cpu-small');
    const flops = estimateStepFlops(small);
    expect(flops).toBeGreaterThan(AUTO_MIN_STEP_FLOPS);
    expect(resolveWorkers(small, 'wasm', flops, 2).workers).toBe(2);
    expect(resolveWorkers(small, 'wasm', flops, 1).workers).toBe(1);
    expect(resolveWorkers(small, 'cpu', flops, 8).workers).toBe(2);
    expect(resolveWorkers(small, 'tensorflow', flops, 8)).toMatchObject({ workers: 1, reason: expect.stringMatching(/tensorflow/) });
    const half = resolveConfig('cpu-small', { data: { batch_size: 32 } }); // 0.62 GFLOP: slower on 2 threads (README)
    expect(estimateStepFlops(half)).toBeLessThan(AUTO_MIN_STEP_FLOPS);
    expect(resolveWorkers(half, 'wasm', estimateStepFlops(half), 2)).toMatchObject({ workers: 1, reason: expect.stringMatching(/too small/) });
    const tiny = resolveConfig('tiny');
    expect(resolveWorkers(tiny, 'wasm', estimateStepFlops(tiny), 2)).toMatchObject({ workers: 1, reason: expect.stringMatching(/auto/) });
    expect(resolveWorkers(resolveConfig('tiny', { optimization: { workers: 3 } }), 'wasm', 1, 2).workers).toBe(3);
    // a thread needs a micro-batch of its own: 8 images in micro-batches of 4 → 2 threads at most
    expect(resolveWorkers(resolveConfig('tiny', { optimization: { workers: 4, micro_batch: 4 } }), 'wasm', 1, 2)).toMatchObject({ workers: 2, reason: expect.stringMatching(/capped/) });
    // configs saved before the key existed mean auto
    const old = resolveConfig('cpu-small');
    delete (old.optimization as Partial<JepaConfig['optimization']>).workers;
    expect(resolveWorkers(old, 'wasm', flops, 2).workers).toBe(2);
  });

  it('optimization.workers is validated: an integer in [0, 64]', async () => {
    expect(resolveConfig('tiny').optimization.workers).toBe(0);
    for (const bad of [-1, 1.5, 65, '2'])
      expect(() => resolveConfig('tiny', { optimization: { workers: bad } }), String(bad)).toThrow(ConfigError);
    expect(() => resolveConfig('tiny', { optimization: { workers: -1 } })).toThrow(/optimization\.workers: must be an integer in \[0, 64\]/);
    // a stored config without the key still trains (as auto): the store fills it (withDefaults)
    const cfg = resolveConfig('tiny', { optimization: { steps: 2 } });
    delete (cfg.optimization as Partial<JepaConfig['optimization']>).workers;
    expect(() => validateConfig(cfg)).toThrow(/workers/);
    const t = await Trainer.create({ config: withDefaults(cfg), data });
    expect(t.workers.workers).toBe(1);
    t.trainStep();
    await t.dispose();
  });

  it('dispose ends the threads; the Trainer is then unusable', async () => {
    const t = await Trainer.create({ config: resolveConfig('tiny', { optimization: { workers: 2 } }), data });
    expect(t.startWorkers().workers).toBe(2);
    const before = tf.memory().numTensors;
    t.trainStep();
    // The thread itself (private to the pool): it must really exit, not just be forgotten.
    const worker = (t as unknown as { pool: { threads: { worker: import('node:worker_threads').Worker }[] } }).pool.threads[0].worker;
    let exited = false;
    worker.once('exit', () => (exited = true));
    await t.dispose(); // resolves once the thread has exited
    expect(exited).toBe(true);
    expect(() => t.startWorkers()).toThrow(/disposed/);
    expect(tf.memory().numTensors).toBeLessThan(before);
  });
});

describe('bench', () => {
  it('bench --json reports the gradient threads; --workers sets them', { timeout: 60_000 }, () => {
    const two = cli(['bench', '--preset', 'tiny', '--steps', '2', '--workers', '2', '--json']);
    expect(two.code, two.stderr).toBe(0);
    const o = JSON.parse(two.stdout.trim());
    expect(o.workers).toBe(2);
    expect(o.workers_reason).toMatch(/optimization\.workers = 2/);
    expect(o.config.optimization.workers).toBe(2);
    expect(o.tensor_growth_per_step).toBe(0);
    expect(o.ms_per_step).toBeGreaterThan(0);
    expect(o.step_ms).toHaveLength(2);
    const auto = cli(['bench', '--preset', 'tiny', '--steps', '1', '--json']);
    expect(auto.code, auto.stderr).toBe(0);
    const a = JSON.parse(auto.stdout.trim());
    expect(a.workers).toBe(1); // a tiny step is not worth a second thread
    expect(a.workers_reason).toMatch(/^auto/);
    const bad = cli(['bench', '--preset', 'tiny', '--workers', '-1']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--workers/);
  });
});
