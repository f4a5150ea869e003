// Order statistics of measurements: one definition for the benchmarks, the search
// benchmark.

/** The q-quantile of ascending `sorted` values, interpolating linearly between ranks; NaN when empty. */
export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** The median of values in any order (the mean of the middle two for an even count). */
export function median(xs: number[]): number {
  return quantile([...xs].sort((a, b) => a - b), 0.5);
}
