// Chart data preparation: EMA smoothing and alignment of several series on one
// x axis for uPlot. Long series are decimated to the min and max of each
// pixel-wide bucket (in the order they occur), so a chart draws ~2 points per
// pixel column per series whatever the run length, and no spike is lost.
export type XKind = 'step' | 'relative' | 'wall';

export interface ChartSeries {
  key: string;
  label: string;
  color: string;
  /** the faint colour of the raw curve under the smoothed one */
  faint: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
}

export interface XY {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
}

/** TensorBoard's smoothing: a debiased EMA; non-finite values pass through and do not update it. */
export function ema(y: ArrayLike<number>, weight: number): Float64Array {
  const out = new Float64Array(y.length);
  if (weight <= 0) {
    for (let i = 0; i < y.length; i++) out[i] = y[i];
    return out;
  }
  let last = 0;
  let debias = 1;
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    if (!Number.isFinite(v)) {
      out[i] = v;
      continue;
    }
    last = last * weight + (1 - weight) * v;
    debias *= weight;
    out[i] = last / (1 - debias);
  }
  return out;
}

export type Aligned = [Float64Array, ...(number | null)[][]];

/** First index with x[i] >= v (x sorted ascending). */
export function lowerBound(x: ArrayLike<number>, v: number): number {
  let lo = 0;
  let hi = x.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (x[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function rangeOf(series: XY[]): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of series) {
    if (!s.x.length) continue;
    lo = Math.min(lo, s.x[0]);
    hi = Math.max(hi, s.x[s.x.length - 1]);
  }
  return lo <= hi ? [lo, hi] : null;
}

/**
 * Align series (each with ascending x) on one x array. When every series has
 * at most `exactLimit` points in the range, x is the exact union of their x
 * values; otherwise the range is cut into `buckets` buckets with two slots each
 * (the first- and the second-occurring of the bucket's min and max).
 * Non-finite y values become gaps (null).
 */
export function align(series: XY[], opts: { buckets: number; range?: [number, number] | null; exactLimit?: number }): { data: Aligned; decimated: boolean; points: number } {
  const full = rangeOf(series);
  const range = opts.range ?? full;
  if (!range) return { data: [new Float64Array(0), ...series.map(() => [] as (number | null)[])], decimated: false, points: 0 };
  const [lo, hi] = range;
  const spans = series.map((s) => [lowerBound(s.x, lo), lowerBound(s.x, hi + Number.EPSILON * Math.max(1, Math.abs(hi)))] as const);
  const maxLen = Math.max(0, ...spans.map(([a, b]) => b - a));
  const buckets = Math.max(1, Math.floor(opts.buckets));
  const exactLimit = opts.exactLimit ?? buckets * 2;

  if (maxLen <= exactLimit) {
    const xs = new Set<number>();
    series.forEach((s, k) => {
      for (let i = spans[k][0]; i < spans[k][1]; i++) xs.add(s.x[i]);
    });
    const X = Float64Array.from(xs).sort();
    const row = new Map<number, number>();
    X.forEach((x, i) => row.set(x, i));
    const ys = series.map((s, k) => {
      const y: (number | null)[] = new Array(X.length).fill(null);
      for (let i = spans[k][0]; i < spans[k][1]; i++) {
        const v = s.y[i];
        y[row.get(s.x[i])!] = Number.isFinite(v) ? v : null;
      }
      return y;
    });
    return { data: [X, ...ys], decimated: false, points: X.length * series.length };
  }

  const width = hi > lo ? (hi - lo) / buckets : 1;
  const X = new Float64Array(buckets * 2);
  for (let b = 0; b < buckets; b++) {
    X[2 * b] = lo + (b + 0.25) * width;
    X[2 * b + 1] = lo + (b + 0.75) * width;
  }
  let points = 0;
  const ys = series.map((s, k) => {
    const y: (number | null)[] = new Array(buckets * 2).fill(null);
    let cur = -1;
    let mn = Infinity;
    let mx = -Infinity;
    let mnAt = 0;
    let mxAt = 0;
    let n = 0;
    const flush = () => {
      if (cur < 0 || n === 0) return;
      if (n === 1 || mnAt === mxAt) y[2 * cur] = mn;
      else if (mnAt < mxAt) {
        y[2 * cur] = mn;
        y[2 * cur + 1] = mx;
      } else {
        y[2 * cur] = mx;
        y[2 * cur + 1] = mn;
      }
      points += n === 1 ? 1 : 2;
    };
    for (let i = spans[k][0]; i < spans[k][1]; i++) {
      const v = s.y[i];
      if (!Number.isFinite(v)) continue;
      const b = Math.min(buckets - 1, Math.floor((s.x[i] - lo) / width));
      if (b !== cur) {
        flush();
        cur = b;
        mn = Infinity;
        mx = -Infinity;
        n = 0;
      }
      if (v < mn) {
        mn = v;
        mnAt = i;
      }
      if (v > mx) {
        mx = v;
        mxAt = i;
      }
      n++;
    }
    flush();
    return y;
  });
  return { data: [X, ...ys], decimated: true, points };
}

/** Decimals that write `incr` exactly (0.25 → 2, 0.5 → 1, 2.5 → 1, 50 → 0). */
export function decimalsOf(incr: number): number {
  const a = Math.abs(incr);
  if (!(a > 0) || !Number.isFinite(a)) return 0;
  for (let d = 0; d <= 12; d++) {
    const s = a * 10 ** d;
    if (Math.abs(s - Math.round(s)) <= 1e-6 * Math.max(1, s)) return d;
  }
  return 12;
}

/**
 * A tick label with the decimals the tick spacing needs, so that each label
 * reads as its gridline's value (0.25 / 0.75, not 0.3 / 0.8; 0.99605, not 0.996 four times).
 */
export function tickLabel(v: number, incr: number): string {
  if (v === 0 || Math.abs(v) < Math.abs(incr) * 1e-9) return '0';
  const a = Math.abs(v);
  const decimals = decimalsOf(incr);
  if (a >= 1e6 || a < 1e-4) {
    // the mantissa needs the digits down to the tick spacing's last significant one
    let last = -decimals;
    while (decimals === 0 && last < 15 && Math.abs(incr / 10 ** (last + 1) - Math.round(incr / 10 ** (last + 1))) < 1e-6) last++;
    return v.toExponential(Math.max(0, Math.min(6, Math.floor(Math.log10(a)) - last)));
  }
  return v.toFixed(decimals);
}

/** Series with fewer points than this are drawn as they are: an EMA over a handful of points only draws lag. */
export const SMOOTH_MIN_POINTS = 20;

/** Does a series get a smoothed curve at this smoothing weight? */
export function smoothed(length: number, weight: number): boolean {
  return weight > 0 && length >= SMOOTH_MIN_POINTS;
}

/** Width (px) of a y axis that fits its labels. */
export function axisWidth(labels: string[] | null | undefined): number {
  if (!labels?.length) return 40;
  return Math.max(36, Math.ceil(Math.max(...labels.map((l) => l.length)) * 6.6) + 14);
}

/** Integer tick steps for an axis of steps. */
export const STEP_INCRS = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 1e4, 2e4, 2.5e4, 5e4, 1e5, 2e5, 2.5e5, 5e5, 1e6, 2e6, 5e6, 1e7, 1e8, 1e9];
