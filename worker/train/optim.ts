// AdamW (PyTorch semantics) and the EMA update of the target encoder. Their
// schedules (lr, weight decay, momentum) are in main/common/schedule.ts.
import * as tf from '@tensorflow/tfjs';
import { assignValues, type Param } from '../model/model.ts';

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
 *
 * The update runs in a plain loop over each parameter's values, not as tfjs ops:
 * as ops it is ~12 kernel calls per parameter (850 for cpu-small), each with a
 * fixed engine cost, on the main thread while the gradient threads wait; the
 * loop takes about half the time (docs/recipe.md, round 6).
 * The moments are Float32Arrays, rounded to float32 like PyTorch's.
 */
export class AdamW {
  readonly params: Param[];
  readonly m: Float32Array[]; // exp_avg, one per parameter, row-major in the parameter's shape
  readonly v: Float32Array[]; // exp_avg_sq
  /** number of updates done (PyTorch's per-parameter `step`) */
  t = 0;
  readonly opts: AdamWOptions;

  constructor(params: Param[], opts: Partial<AdamWOptions> = {}) {
    this.params = params;
    this.opts = { ...ADAMW_DEFAULTS, ...opts };
    this.m = params.map((p) => new Float32Array(p.v.size));
    this.v = params.map((p) => new Float32Array(p.v.size));
  }

  /** Forget every update: zero moments, no steps. */
  reset(): void {
    for (const a of [...this.m, ...this.v]) a.fill(0);
    this.t = 0;
  }

  /** Apply one update with gradients aligned to `params` (null: a zero gradient). */
  step(grads: (tf.Tensor | null)[], lr: number, wd: number): void {
    const { beta1, beta2, eps } = this.opts;
    this.t += 1;
    const bc1 = 1 - Math.pow(beta1, this.t);
    const sqrtBc2 = Math.sqrt(1 - Math.pow(beta2, this.t));
    const stepSize = lr / bc1;
    this.params.forEach((p, i) => {
      const x = Float32Array.from(p.v.dataSync() as Float32Array);
      const g = grads[i] ? (grads[i]!.dataSync() as Float32Array) : new Float32Array(x.length);
      adamwUpdate(x, g, this.m[i], this.v[i], beta1, beta2, p.decay && wd > 0 ? 1 - lr * wd : 1, stepSize, sqrtBc2, eps);
      assignValues(p, x);
    });
  }
}

/** One AdamW update of x in place (m, v too); a plain function of typed arrays and numbers, which V8 compiles tightly. */
function adamwUpdate(
  x: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array,
  beta1: number, beta2: number, decay: number, stepSize: number, sqrtBc2: number, eps: number,
): void {
  for (let j = 0; j < x.length; j++) {
    const gj = g[j];
    m[j] = beta1 * m[j] + (1 - beta1) * gj;
    v[j] = beta2 * v[j] + (1 - beta2) * gj * gj;
    // m[j], v[j] read back: rounded to float32 as stored, like PyTorch's moments
    x[j] = x[j] * decay - (stepSize * m[j]) / (Math.sqrt(v[j]) / sqrtBc2 + eps);
  }
}

// ---------------------------------------------------------------------------
// EMA

/**
 * ξ ← m·ξ + (1 − m)·θ for aligned parameter lists. Three tfjs ops per parameter:
 * unlike AdamW's ~12, a loop over the values measured slower, its copies in and
 * out costing more than the ops (docs/recipe.md, round 6).
 */
export function emaUpdate(target: Param[], online: Param[], momentum: number): void {
  tf.tidy(() => {
    target.forEach((p, i) => p.v.assign(tf.add(tf.mul(p.v, momentum), tf.mul(online[i].v, 1 - momentum))));
  });
}
