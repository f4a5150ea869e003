// AdamW (PyTorch semantics) and the EMA update of the target encoder. Their
// schedules (lr, weight decay, momentum) are in main/common/schedule.ts.
import * as tf from '@tensorflow/tfjs';
import { assignValues, type Param } from '../model/model.ts';
import { wasmValues } from '../backend/wasm-kernels.ts';
import { nativeUpdates } from '../backend/blas-kernels.ts';

// ---------------------------------------------------------------------------
// AdamW

export interface AdamWOptions {
  beta1: number;
  beta2: number;
  eps: number;
}
export const ADAMW_DEFAULTS: AdamWOptions = { beta1: 0.9, beta2: 0.999, eps: 1e-8 };

/**
 * What the Trainer and the checkpoints need of an optimiser: the moments of each
 * parameter (host arrays, or device tensors on a GPU backend), set on load.
 */
export interface Optimizer {
  readonly params: Param[];
  readonly m: (Float32Array | tf.Tensor)[];
  readonly v: (Float32Array | tf.Tensor)[];
  /** number of updates done (PyTorch's per-parameter `step`) */
  t: number;
  readonly opts: AdamWOptions;
  step(grads: (tf.Tensor | null)[], lr: number, wd: number): void;
  setMoments(i: number, m: Float32Array, v: Float32Array): void;
  /** Forget every update: zero moments, no steps. */
  reset(): void;
  dispose(): void;
}

/**
 * torch.optim.AdamW: p ← p·(1 − lr·wd); m, v moments; p ← p − lr/(1−β1^t) · m / (√(v/(1−β2^t)) + eps).
 * Parameters with decay = false (biases, 1-D, mask token) get no weight decay.
 *
 * The update runs in a plain loop over each parameter's values, not as tfjs ops:
 * as ops it is ~12 kernel calls per parameter (850 for cpu-small), each with a
 * fixed engine cost, on the main thread while the gradient threads wait; the
 * loop takes about half the time (docs/recipe.md, round 6). Where the BLAS addon
 * is loaded, its vectorized copy of the loop runs instead, with the same bits.
 * The moments are Float32Arrays, rounded to float32 like PyTorch's.
 */
export class AdamW implements Optimizer {
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

  setMoments(i: number, m: Float32Array, v: Float32Array): void {
    this.m[i].set(m);
    this.v[i].set(v);
  }

  dispose(): void {}

  /** Apply one update with gradients aligned to `params` (null: a zero gradient). */
  step(grads: (tf.Tensor | null)[], lr: number, wd: number): void {
    const { beta1, beta2, eps } = this.opts;
    this.t += 1;
    const bc1 = 1 - Math.pow(beta1, this.t);
    const sqrtBc2 = Math.sqrt(1 - Math.pow(beta2, this.t));
    const stepSize = lr / bc1;
    const native = nativeUpdates();
    this.params.forEach((p, i) => {
      // parameter and gradient read where the wasm backend keeps them, used before anything allocates there
      const x = wasmValues(p.v) ?? (p.v.dataSync() as Float32Array);
      const gt = grads[i];
      const g = gt ? (wasmValues(gt) ?? (gt.dataSync() as Float32Array)) : new Float32Array(x.length);
      const decay = p.decay && wd > 0 ? 1 - lr * wd : 1;
      const out = new Float32Array(x.length); // a new tensor takes the result (see wasmValues: never in place)
      (native?.adamw ?? adamwUpdate)(x, g, this.m[i], this.v[i], out, beta1, beta2, decay, stepSize, sqrtBc2, eps);
      assignValues(p, out);
    });
  }
}

/** One AdamW update of x into out (m, v in place; out may be x), as the addon's adamw; a plain function of typed arrays and numbers, which V8 compiles tightly. */
function adamwUpdate(
  x: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array, out: Float32Array,
  beta1: number, beta2: number, decay: number, stepSize: number, sqrtBc2: number, eps: number,
): void {
  for (let j = 0; j < x.length; j++) {
    const gj = g[j];
    m[j] = beta1 * m[j] + (1 - beta1) * gj;
    v[j] = beta2 * v[j] + (1 - beta2) * gj * gj;
    // m[j], v[j] read back: rounded to float32 as stored, like PyTorch's moments
    out[j] = x[j] * decay - (stepSize * m[j]) / (Math.sqrt(v[j]) / sqrtBc2 + eps);
  }
}

/**
 * The same AdamW as tfjs ops, for GPU backends: parameters and moments stay on
 * the device, where a typed-array loop would read every value back and upload it
 * again each step. The same arithmetic as adamwUpdate, in float32 throughout.
 */
export class DeviceAdamW implements Optimizer {
  readonly params: Param[];
  readonly m: tf.Variable[];
  readonly v: tf.Variable[];
  t = 0;
  readonly opts: AdamWOptions;
  /** β1, 1 − β1, β2, 1 − β2, eps as kept scalars (not uploaded again every step) */
  private readonly k: tf.Scalar[];

  constructor(params: Param[], opts: Partial<AdamWOptions> = {}) {
    this.params = params;
    this.opts = { ...ADAMW_DEFAULTS, ...opts };
    const { beta1, beta2, eps } = this.opts;
    this.m = params.map((p) => tf.variable(tf.zeros(p.v.shape), false));
    this.v = params.map((p) => tf.variable(tf.zeros(p.v.shape), false));
    this.k = [beta1, 1 - beta1, beta2, 1 - beta2, eps].map((x) => tf.keep(tf.scalar(x)));
  }

  reset(): void {
    tf.tidy(() => [...this.m, ...this.v].forEach((x) => x.assign(tf.zerosLike(x))));
    this.t = 0;
  }

  setMoments(i: number, m: Float32Array, v: Float32Array): void {
    tf.tidy(() => {
      this.m[i].assign(tf.tensor(m, this.m[i].shape));
      this.v[i].assign(tf.tensor(v, this.v[i].shape));
    });
  }

  step(grads: (tf.Tensor | null)[], lr: number, wd: number): void {
    const { beta1, beta2 } = this.opts;
    this.t += 1;
    const [b1, ob1, b2, ob2, eps] = this.k;
    tf.tidy(() => {
      const stepSize = tf.scalar(lr / (1 - Math.pow(beta1, this.t)));
      const invSqrtBc2 = tf.scalar(1 / Math.sqrt(1 - Math.pow(beta2, this.t)));
      const decay = tf.scalar(1 - lr * wd);
      this.params.forEach((p, i) => {
        const g = grads[i];
        const m = g ? tf.add(tf.mul(this.m[i], b1), tf.mul(g, ob1)) : tf.mul(this.m[i], b1);
        const v = g ? tf.add(tf.mul(this.v[i], b2), tf.mul(tf.square(g), ob2)) : tf.mul(this.v[i], b2);
        this.m[i].assign(m);
        this.v[i].assign(v);
        const x = p.decay && wd > 0 ? tf.mul(p.v, decay) : p.v;
        p.v.assign(tf.sub(x, tf.div(tf.mul(m, stepSize), tf.add(tf.mul(tf.sqrt(v), invSqrtBc2), eps))));
      });
    });
  }

  dispose(): void {
    tf.dispose([...this.m, ...this.v, ...this.k]);
  }
}

// ---------------------------------------------------------------------------
// EMA

/**
 * ξ ← m·ξ + (1 − m)·θ for aligned parameter lists. Three tfjs ops per parameter,
 * or on wasm with the BLAS addon loaded, its loop over the values where the
 * backend keeps them, with the same bits (a JavaScript loop measured slower than
 * the ops, its copies in and out costing more: docs/recipe.md, round 6).
 */
export function emaUpdate(target: Param[], online: Param[], momentum: number): void {
  const native = nativeUpdates();
  if (native && tf.getBackend() === 'wasm') {
    target.forEach((p, i) => {
      const out = new Float32Array(p.v.size); // a new tensor takes the result (see wasmValues: never in place)
      native.ema(wasmValues(p.v)!, wasmValues(online[i].v)!, out, momentum, 1 - momentum);
      assignValues(p, out);
    });
    return;
  }
  tf.tidy(() => {
    target.forEach((p, i) => p.v.assign(tf.add(tf.mul(p.v, momentum), tf.mul(online[i].v, 1 - momentum))));
  });
}
