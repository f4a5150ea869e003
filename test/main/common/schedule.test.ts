// The schedules of every preset, fitted to the run that is trained: at 100
// steps and at the preset's own length, lr ends at final_lr, weight decay at
// final_weight_decay, and the EMA momentum rises to its end value; a warm-up
// that cannot fit is refused before anything runs.
import { describe, expect, it } from 'vitest';
import { ConfigError, PRESETS, resolveConfig, totalSteps, type JepaConfig } from '../../../main/common/config.ts';
import { budgetLeftSec, DEFAULT_PACE_DRIFT, PACE_SLACK, plannedSec, runSchedule, scheduleAt, stepsForBudget, type ScheduleSpec } from '../../../main/common/schedule.ts';

/** Training images each preset is meant for: the bundled digits' train split, or ImageNet-1k's for the 224-px ViTs. */
const TRAIN_COUNT: Record<string, number> = { 'cpu-small': 9000, reference: 9000, tiny: 9000, 'vit-tiny': 1_281_167, 'vit-small': 1_281_167 };

function checkSchedule(cfg: JepaConfig, s: ScheduleSpec & { totalSteps: number }) {
  const o = cfg.optimization;
  const T = s.totalSteps;
  const W = s.warmupSteps;
  expect(W).toBeLessThan(T);
  const at = (k: number) => scheduleAt(s, k);
  // lr: rises through the warm-up, peaks at lr, then falls to exactly final_lr at the last step
  if (W > 1) {
    expect(at(0).lr).toBeCloseTo(o.start_lr + (o.lr - o.start_lr) / W, 12);
    expect(at(W - 2).lr).toBeLessThan(o.lr);
  }
  expect(at(Math.max(0, W - 1)).lr).toBeCloseTo(W === 0 ? o.final_lr + (o.lr - o.final_lr) * 0.5 * (1 + Math.cos(Math.PI / T)) : o.lr, 12);
  expect(at(T - 1).lr).toBeCloseTo(o.final_lr, 12);
  // sampled steps: warm-up increasing, cosine non-increasing
  const probe = [...new Set([0, 1, W - 2, W - 1, W, Math.floor((W + T) / 2), T - 2, T - 1].filter((k) => k >= 0 && k < T))].sort((a, b) => a - b);
  for (let i = 1; i < probe.length; i++) {
    const [a, b] = [at(probe[i - 1]).lr, at(probe[i]).lr];
    if (probe[i] < W) expect(b).toBeGreaterThanOrEqual(a);
    else if (probe[i - 1] >= W - 1) expect(b).toBeLessThanOrEqual(a + 1e-15);
  }
  // weight decay: cosine from weight_decay to final_weight_decay at the last step
  expect(at(T - 1).wd).toBeCloseTo(o.final_weight_decay, 12);
  expect(Math.abs(at(0).wd - o.weight_decay)).toBeLessThan(Math.abs(o.final_weight_decay - o.weight_decay) * 0.01 + 1e-12);
  // EMA momentum: linear from ema[0] at step 0 to ema[1] after the last step
  expect(at(0).momentum).toBe(o.ema[0]);
  expect(at(T - 1).momentum).toBeCloseTo(o.ema[0] + ((T - 1) / T) * (o.ema[1] - o.ema[0]), 12);
  expect(at(T).momentum).toBeCloseTo(o.ema[1], 12);
}

describe('schedules fitted to the run', () => {
  for (const preset of Object.keys(PRESETS)) {
    it(`${preset}: at 100 steps and at the preset's length`, () => {
      const n = TRAIN_COUNT[preset];
      const short = resolveConfig(preset, { optimization: { steps: 100 } });
      const s100 = runSchedule(short, n);
      expect(s100.totalSteps).toBe(100);
      // with steps set, the warm-up keeps its share of the run: warmup / epochs
      expect(s100.warmupSteps).toBe(Math.floor((short.optimization.warmup * 100) / short.optimization.epochs + 1e-9));
      checkSchedule(short, s100);
      const full = resolveConfig(preset);
      const sFull = runSchedule(full, n);
      expect(sFull.totalSteps).toBe(totalSteps(full, n));
      checkSchedule(full, sFull);
    });
  }

  it('a 100-step run is not the first 100 steps of a 300-step one (the lr decays within it)', () => {
    const cfg = (steps: number) => resolveConfig('cpu-small', { optimization: { steps } });
    const a = runSchedule(cfg(100), 9000);
    const b = runSchedule(cfg(300), 9000);
    expect(scheduleAt(a, 49).lr).not.toBeCloseTo(scheduleAt(b, 49).lr, 6);
    expect(scheduleAt(a, 99).lr).toBeCloseTo(1e-5, 12);
    expect(scheduleAt(b, 99).lr).toBeGreaterThan(1e-3);
  });

  it('an epoch-based run keeps the reference warm-up: int(warmup × iterations per epoch)', () => {
    const cfg = resolveConfig('reference'); // 20 epochs, warm-up 1 epoch, batch 64
    const s = runSchedule(cfg, 9000);
    expect(s.totalSteps).toBe(20 * 140);
    expect(s.warmupSteps).toBe(140);
    const e5 = runSchedule(resolveConfig('reference', { optimization: { epochs: 5 } }), 9000);
    expect([e5.totalSteps, e5.warmupSteps]).toEqual([700, 140]);
  });

  it('a warm-up that cannot end before the run does is refused, naming the field and the fix', () => {
    const epochs = () => runSchedule(resolveConfig('reference', { optimization: { epochs: 1 } }), 9000);
    expect(epochs).toThrow(ConfigError);
    expect(epochs).toThrow(/optimization\.warmup: the warm-up \(1 epochs = 140 steps\) would not end before the run does \(1 epochs = 140 steps\); lower optimization\.warmup below 1 or train for more epochs/);
    const steps = () => runSchedule(resolveConfig('tiny', { optimization: { steps: 100, warmup: 2 } }), 9000);
    expect(steps).toThrow(/optimization\.warmup.*lower optimization\.warmup below 1/);
    // a warm-up of 0 always fits
    expect(runSchedule(resolveConfig('reference', { optimization: { epochs: 1, warmup: 0 } }), 9000).warmupSteps).toBe(0);
  });
});

describe('a run by minutes: the steps that fit its budget', () => {
  // a 10-minute budget, 30 s already spent loading and timing; 60 ms a step, a 2 s probe every 500, a 1 s checkpoint every 500
  const pace = { budgetSec: 600, elapsedSec: 30, stepSec: 0.06, probeSec: 2, checkpointSec: 1, evalEvery: 500, checkpointEvery: 500 };

  it('the planned time of the steps, stretched by the drift and the slack, fills what is left of the budget', () => {
    for (const drift of [1, 1.3]) {
      const fit = stepsForBudget({ ...pace, drift });
      const stretched = (fit.steps * fit.plannedSecPerStep + fit.fixedSec) * drift * PACE_SLACK;
      expect(stretched).toBeLessThanOrEqual(pace.budgetSec - pace.elapsedSec);
      // one more step would not fit
      expect(stretched + fit.plannedSecPerStep * drift * PACE_SLACK).toBeGreaterThan(pace.budgetSec - pace.elapsedSec);
      expect(fit.plannedSecPerStep).toBeCloseTo(0.06 + 2 / 500 + 1 / 500, 12);
      expect(fit.fixedSec).toBe(2 * 2 + 1);
    }
  });

  it('a lab whose runs ran slower keeps more in reserve; with no history the default drift; a faster run does not lower it', () => {
    const none = stepsForBudget(pace);
    expect(none.drift).toBe(DEFAULT_PACE_DRIFT);
    const steady = stepsForBudget({ ...pace, drift: 1 });
    const slow = stepsForBudget({ ...pace, drift: 1.3 });
    expect(steady.steps).toBe(stepsForBudget({ ...pace, drift: DEFAULT_PACE_DRIFT }).steps);
    expect(slow.steps).toBeLessThan(steady.steps);
    expect(slow.steps).toBeLessThan(none.steps);
    // the pace swings both ways on a shared machine: a run that ran faster than timed lowers nothing
    expect(stepsForBudget({ ...pace, drift: 0.9 }).steps).toBe(steady.steps);
    // no probes: none is planned
    expect(stepsForBudget({ ...pace, evalEvery: 0 }).fixedSec).toBe(1);
    // nothing left: no steps
    expect(stepsForBudget({ ...pace, elapsedSec: 600 }).steps).toBe(0);
  });

  it('the deadline: a run on its plan never meets it; one that falls behind meets it before its last step, with the end paid for', () => {
    const fit = stepsForBudget(pace);
    const at = (k: number, slower: number) => budgetLeftSec({ ...pace, ...fit, elapsedSec: pace.elapsedSec + k * fit.plannedSecPerStep * slower });
    // on the pace it timed, every step of the plan starts before the deadline
    for (let k = 0; k < fit.steps; k++) expect(at(k, 1)).toBeGreaterThan(0);
    expect(plannedSec(fit, fit.steps)).toBe(fit.steps * fit.plannedSecPerStep + fit.fixedSec);
    // half as slow again: the deadline comes first, and leaves the last probe and checkpoint their time
    let stop = 0;
    while (at(stop, 1.5) > 0) stop++;
    expect(stop).toBeLessThan(fit.steps);
    expect(stop).toBeGreaterThan(0.5 * fit.steps);
    expect(pace.budgetSec - (pace.elapsedSec + stop * fit.plannedSecPerStep * 1.5)).toBeGreaterThanOrEqual(pace.probeSec + pace.checkpointSec);
  });
});
