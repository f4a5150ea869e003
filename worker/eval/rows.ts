// Checks and small helpers shared by the probes: features are row-major
// [n, d] Float32Arrays, labels integers in [0, numClasses).

export function rowsOf(x: ArrayLike<number>, d: number, what: string): number {
  if (!Number.isInteger(d) || d < 1) throw new Error(`${what}: feature dimension must be a positive integer, got ${d}`);
  if (x.length % d !== 0) throw new Error(`${what}: ${x.length} values is not a whole number of ${d}-d rows`);
  return x.length / d;
}

export function checkLabels(labels: ArrayLike<number>, n: number, numClasses: number, what: string): void {
  if (labels.length !== n) throw new Error(`${what}: ${labels.length} labels for ${n} rows`);
  for (let i = 0; i < n; i++) {
    const y = labels[i];
    if (!Number.isInteger(y) || y < 0 || y >= numClasses) {
      throw new Error(`${what}: label ${y} at row ${i} is outside [0, ${numClasses})`);
    }
  }
}

/** Index of the largest value; ties go to the lowest index. */
export function argmax(v: ArrayLike<number>, n: number): number {
  let best = 0;
  for (let c = 1; c < n; c++) if (v[c] > v[best]) best = c;
  return best;
}

/** Fraction of predictions equal to their labels (NaN for none). */
export function accuracyOf(pred: ArrayLike<number>, labels: ArrayLike<number>): number {
  if (pred.length === 0) return NaN;
  let hit = 0;
  for (let i = 0; i < pred.length; i++) if (pred[i] === labels[i]) hit++;
  return hit / pred.length;
}
