// The training schedules, in one place (reference src/utils/schedulers.py and
// src/helper.py init_opt): a linear warm-up start_lr → lr then a cosine to
// final_lr, a cosine weight decay, and an EMA momentum rising linearly; each
// fitted to the run that is actually trained. The lab checks a run's schedule
// before starting it (main/lab/lab.ts); the training step reads it
// (worker/train/trainer.ts).
import { ConfigError, itersPerEpoch, totalSteps, type JepaConfig } from './config.ts';

export interface ScheduleSpec {
  warmupSteps: number;
  /** schedule length: ipe_scale × total steps (int for lr/wd, as the reference) */
  tMax: number;
  startLr: number;
  lr: number;
  finalLr: number;
  wd: number;
  finalWd: number;
  ema: [number, number];
}

/**
 * Warm-up steps of a run. When its length is set by epochs this is the
 * reference's int(warmup × iterations per epoch). When optimization.steps sets
 * it, the warm-up keeps its share of the run, warmup / epochs of the steps:
 * a fixed warmup × ipe would outlast a short run, whose lr then never reaches
 * lr nor decays to final_lr. Throws ConfigError when the warm-up cannot end
 * before the run does.
 */
export function warmupSteps(cfg: JepaConfig, ipe: number, total: number): number {
  const o = cfg.optimization;
  if (o.warmup === 0) return 0;
  const bySteps = o.steps > 0 || o.minutes > 0; // a run by minutes resolves to steps
  // the small epsilon keeps e.g. 0.36 × 100 from flooring to 35
  const w = bySteps ? Math.floor((o.warmup * total) / o.epochs + 1e-9) : Math.floor(o.warmup * ipe);
  if (w >= total) {
    throw new ConfigError(
      'optimization.warmup',
      bySteps
        ? `the warm-up (${o.warmup} of optimization.epochs ${o.epochs}, so ${w} of the run's ${total} steps) would not end before the run does; ` +
            `with optimization.steps set the warm-up is warmup / epochs of the run: lower optimization.warmup below ${o.epochs}`
        : `the warm-up (${o.warmup} epochs = ${w} steps) would not end before the run does (${o.epochs} epochs = ${total} steps); ` +
            `lower optimization.warmup below ${o.epochs} or train for more epochs`,
    );
  }
  return w;
}

/** The schedules of a run of `total` steps over `ipe` iterations per epoch. */
export function scheduleSpec(cfg: JepaConfig, ipe: number, total: number): ScheduleSpec {
  const o = cfg.optimization;
  return {
    warmupSteps: warmupSteps(cfg, ipe, total),
    tMax: o.ipe_scale * total,
    startLr: o.start_lr,
    lr: o.lr,
    finalLr: o.final_lr,
    wd: o.weight_decay,
    finalWd: o.final_weight_decay,
    ema: o.ema,
  };
}

/** The schedules of a run on a dataset with `trainCount` training images; throws ConfigError when they cannot fit. */
export function runSchedule(cfg: JepaConfig, trainCount: number): ScheduleSpec & { totalSteps: number } {
  const total = totalSteps(cfg, trainCount);
  return { ...scheduleSpec(cfg, itersPerEpoch(cfg, trainCount), total), totalSteps: total };
}

/**
 * Values used by the optimiser step `step` (0-based). The reference calls
 * scheduler.step() before each iteration, so iteration k runs with the
 * schedulers' internal counter at k+1; the momentum generator yields i = k.
 */
export function scheduleAt(s: ScheduleSpec, step: number): { lr: number; wd: number; momentum: number } {
  const t = step + 1;
  const tMaxInt = Math.floor(s.tMax);
  // WarmupCosineSchedule: linear warm-up start_lr → lr, then cosine lr → final_lr
  let lr: number;
  if (t < s.warmupSteps) {
    lr = s.startLr + (t / Math.max(1, s.warmupSteps)) * (s.lr - s.startLr);
  } else {
    const progress = (t - s.warmupSteps) / Math.max(1, tMaxInt - s.warmupSteps);
    lr = Math.max(s.finalLr, s.finalLr + (s.lr - s.finalLr) * 0.5 * (1 + Math.cos(Math.PI * progress)));
  }
  // CosineWDSchedule: weight_decay → final_weight_decay, clamped at the final value
  let wd = s.finalWd + (s.wd - s.finalWd) * 0.5 * (1 + Math.cos((Math.PI * t) / Math.max(1, tMaxInt)));
  wd = s.finalWd <= s.wd ? Math.max(s.finalWd, wd) : Math.min(s.finalWd, wd);
  // EMA momentum: ema[0] + i·(ema[1] − ema[0]) / (ipe·epochs·ipe_scale)
  const momentum = s.ema[0] + Math.min(1, step / Math.max(1, s.tMax)) * (s.ema[1] - s.ema[0]);
  return { lr, wd, momentum };
}

/**
 * A run by minutes does not know its machine's drift before one has run there: a
 * CPU step can slow over a run's first thousands of steps (docs/recipe.md, round 8),
 * or run faster than its first, timed steps (round 9).
 * Until PACE_DRIFT_RUNS runs by minutes of the lab have measured it, a fit trusts its
 * timing and keeps only the slack.
 */
export const DEFAULT_PACE_DRIFT = 1;
/** The lab's last runs by minutes whose drift a fit keeps in reserve: the smallest of them, so only a drift they all had. */
export const PACE_DRIFT_RUNS = 3;
/**
 * Kept in reserve on top of the drift: on a shared machine the pace swings either
 * way over minutes (docs/recipe.md, round 9), so neither the timing
 * nor a drift learnt from earlier runs is better than that. For the same reason a
 * run that ran faster than timed does not lower the next runs' reserve: drift ≥ 1.
 */
export const PACE_SLACK = 1.1;

export interface BudgetPace {
  /** the budget and the time already spent (loading, timing), in seconds */
  budgetSec: number;
  elapsedSec: number;
  /** one step, one probe, one checkpoint, as timed */
  stepSec: number;
  probeSec: number;
  checkpointSec: number;
  evalEvery: number;
  checkpointEvery: number;
  /** how much slower than timed recent runs ran (METRIC.paceDrift; under 1 counts as 1); DEFAULT_PACE_DRIFT when none */
  drift?: number;
}

/**
 * The steps that fit in what is left of a budget, after the probes and checkpoints
 * they bring, the probes at the start and end and the last checkpoint, with every
 * cost stretched by the drift and the slack (plannedSec: how long the fit expects
 * them to take before the stretch).
 */
export function stepsForBudget(p: BudgetPace): { steps: number; drift: number; plannedSecPerStep: number; fixedSec: number } {
  const drift = Math.max(1, p.drift ?? DEFAULT_PACE_DRIFT);
  const plannedSecPerStep = p.stepSec + (p.evalEvery > 0 ? p.probeSec / p.evalEvery : 0) + (p.checkpointEvery > 0 ? p.checkpointSec / p.checkpointEvery : 0);
  const fixedSec = (p.evalEvery > 0 ? 2 * p.probeSec : 0) + p.checkpointSec;
  const left = (p.budgetSec - p.elapsedSec) / (drift * PACE_SLACK) - fixedSec;
  return { steps: Math.max(0, Math.floor(left / plannedSecPerStep)), drift, plannedSecPerStep, fixedSec };
}

/** How long a fit planned `steps` steps to take, probes, checkpoints and the end included, before the stretch (a run's drift is its actual time over this). */
export function plannedSec(fit: { plannedSecPerStep: number; fixedSec: number }, steps: number): number {
  return steps * fit.plannedSecPerStep + fit.fixedSec;
}

/**
 * A run by minutes' deadline: seconds of the budget left once the next step, a probe and
 * a checkpoint it may bring, and the run's last probe and checkpoint are paid for, as the
 * fit timed them, stretched by the slack (not as the latest step took: one step the host
 * held up would end the run). At or under 0 the run stops, as PyTorch Lightning's
 * max_time: the pace fell further behind the fit than its reserve.
 */
export function budgetLeftSec(p: { budgetSec: number; elapsedSec: number; plannedSecPerStep: number; probeSec: number; checkpointSec: number }): number {
  const next = (p.plannedSecPerStep + 2 * (p.probeSec + p.checkpointSec)) * PACE_SLACK;
  return p.budgetSec - p.elapsedSec - next;
}
