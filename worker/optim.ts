// AdamW (PyTorch semantics), the reference's schedules, and the EMA update of
// the target encoder.
import * as tf from '@tensorflow/tfjs';
import type { JepaConfig } from './config.ts';
import type { Param } from './model.ts';

// ---------------------------------------------------------------------------
// Schedules (reference src/utils/schedulers.py and src/helper.py init_opt)

export interface ScheduleSpec {
  warmupSteps: number; // int(warmup × ipe)
  /** schedule length: ipe_scale × total steps (int for lr/wd, as the reference) */
  tMax: number;
  startLr: number;
  lr: number;
  finalLr: number;
  wd: number;
  finalWd: number;
  ema: [number, number];
}

export function scheduleSpec(cfg: JepaConfig, itersPerEpoch: number, totalSteps: number): ScheduleSpec {
  const o = cfg.optimization;
  return {
    warmupSteps: Math.floor(o.warmup * itersPerEpoch),
    tMax: o.ipe_scale * totalSteps,
    startLr: o.start_lr,
    lr: o.lr,
    finalLr: o.final_lr,
    wd: o.weight_decay,
    finalWd: o.final_weight_decay,
    ema: o.ema,
  };
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

// ---------------------------------------------------------------------------
// AdamW

export interface AdamWOptions {
  beta1: number;
  beta2: number;
  eps: number;
}
export const ADAMW_DEFAULTS: AdamWOptions = { beta1: 0.9, beta2: 0.999, eps: 1e-8 };

/**
 * torch.optim.AdamW: p ← p·(1 − lr·wd); m, v moments; p ← p − lr/(1−β1^t) · m / (√(v/(1−β2^t)) + eps).
 * Parameters with decay = false (biases, 1-D, mask token) get no weight decay.
 */
export class AdamW {
  readonly params: Param[];
  readonly m: tf.Variable[]; // exp_avg, same shapes as params
  readonly v: tf.Variable[]; // exp_avg_sq
  /** number of updates done (PyTorch's per-parameter `step`) */
  t = 0;
  readonly opts: AdamWOptions;

  constructor(params: Param[], opts: Partial<AdamWOptions> = {}) {
    this.params = params;
    this.opts = { ...ADAMW_DEFAULTS, ...opts };
    this.m = params.map((p) => tf.variable(tf.zerosLike(p.v), false));
    this.v = params.map((p) => tf.variable(tf.zerosLike(p.v), false));
  }

  /** Apply one update with gradients aligned to `params`. */
  step(grads: tf.Tensor[], lr: number, wd: number): void {
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

  dispose(): void {
    for (const t of [...this.m, ...this.v]) t.dispose();
  }
}

// ---------------------------------------------------------------------------
// EMA

/** ξ ← m·ξ + (1 − m)·θ for aligned parameter lists. */
export function emaUpdate(target: Param[], online: Param[], momentum: number): void {
  tf.tidy(() => {
    target.forEach((p, i) => p.v.assign(tf.add(tf.mul(p.v, momentum), tf.mul(online[i].v, 1 - momentum))));
  });
}
