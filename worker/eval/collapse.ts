// Collapse diagnostics: turn a probe's feature std and RankMe into a verdict
// with human-readable reasons (the loss alone can look healthy during collapse).

/** collapseCheck's thresholds (see collapseCheck for the reasoning). */
export const STD_COLLAPSED = 1e-3;
export const STD_WARNING = 0.01;
export const RANK_COLLAPSED = 1.5;
export const RANK_WARNING_FRACTION = 0.02;
export const RANK_DROP = 0.5;

export interface CollapseCheck {
  /** the features have (almost) certainly collapsed */
  collapsed: boolean;
  /** something looks wrong (always true when collapsed) */
  warning: boolean;
  /** one human-readable sentence per finding */
  reasons: string[];
}

/**
 * Thresholds, for pooled target-encoder features (outputs of the encoder's
 * final LayerNorm, so healthy per-dimension spreads are O(0.1–1)):
 *
 * - featureStd < 1e-3: collapsed. Every image maps to (nearly) the same
 *   vector; this is the "std → 0" failure of the reference recipe on small data.
 * - featureStd < 0.01: warning. Two orders of magnitude under a healthy
 *   LayerNorm-scale spread, on the way to the above.
 * - RankMe < 1.5: collapsed. One direction carries essentially all the
 *   energy (collapsed runs of the reference recipe on digits sit just above 1).
 * - RankMe < max(2, 2% of dim): warning (dimensional collapse). Healthy
 *   random gaussian features score close to the dimension; trained encoders
 *   typically use a good fraction of it. Under 2% of the dimensions (3.8 of
 *   192) the representation is nearly one-dimensional; the floor of 2 keeps
 *   tiny dims from warning on healthy features.
 * - RankMe below half of previousRankMe: warning. A sudden drop between two
 *   checks is the earliest sign, before the absolute thresholds trip.
 *
 * RankMe is computed on uncentred features (as in the paper), so a large
 * shared mean lowers it; that is why only the extreme value 1.5 counts as
 * collapse on its own. NaN or infinite inputs give a warning (divergence).
 */
export function collapseCheck(m: { featureStd: number; rankMe: number; dim: number; previousRankMe?: number }): CollapseCheck {
  const reasons: string[] = [];
  let collapsed = false;
  let warning = false;
  const fmt = (v: number) => (Math.abs(v) >= 0.01 || v === 0 ? +v.toFixed(v >= 10 ? 1 : 2) : v.toExponential(1)).toString();
  const { featureStd: std, rankMe: rk, dim } = m;

  if (!Number.isFinite(std)) {
    warning = true;
    reasons.push(`feature std is ${std}: the features contain NaN or Infinity (training diverged?)`);
  } else if (std < STD_COLLAPSED) {
    collapsed = true;
    reasons.push(`feature std ${fmt(std)} (under ${STD_COLLAPSED}): every image maps to nearly the same vector, features have collapsed`);
  } else if (std < STD_WARNING) {
    warning = true;
    reasons.push(`feature std ${fmt(std)} (under ${STD_WARNING}): features are shrinking towards a constant`);
  }

  const rankWarn = Math.max(2, RANK_WARNING_FRACTION * dim);
  if (!Number.isFinite(rk)) {
    warning = true;
    reasons.push(`RankMe is ${rk}: the features contain NaN or Infinity (training diverged?)`);
  } else if (rk < RANK_COLLAPSED) {
    collapsed = true;
    reasons.push(`RankMe ${fmt(rk)} of ${dim} dimensions: features have collapsed to a single direction`);
  } else if (rk < rankWarn) {
    warning = true;
    reasons.push(`RankMe ${fmt(rk)} of ${dim} dimensions: features are collapsing (under ${fmt(rankWarn)})`);
  }

  const prev = m.previousRankMe;
  if (prev !== undefined && Number.isFinite(prev) && Number.isFinite(rk) && prev > 0 && rk < RANK_DROP * prev) {
    warning = true;
    reasons.push(`RankMe fell from ${fmt(prev)} to ${fmt(rk)} since the last check: features are losing dimensions`);
  }
  return { collapsed, warning: warning || collapsed, reasons };
}

/**
 * The run event for a probe's collapse check: a warning (which flags the run)
 * once training has run; at step 0 an info line, since low-rank features at
 * initialisation are the architecture's starting point, not a collapse.
 */
export function collapseEvent(step: number, check: CollapseCheck): { level: 'info' | 'warning'; message: string } | null {
  if (!check.warning) return null;
  if (step === 0) return { level: 'info', message: `features at initialisation: ${check.reasons.join('; ')} (a starting point; collapse is judged once training has run)` };
  return { level: 'warning', message: `collapse warning at step ${step}: ${check.reasons.join('; ')}` };
}
