// Metric series on the client: incremental merging, ordering, grouping into
// panels (what each figure measures, and how), x axes.
import { KNN, METRIC, type MetricPoint, type MetricSeries, type RunRow } from '../../../main/common/vocabulary.ts';
import type { ChartSeries, XKind } from './chart.ts';

export type { MetricSeries };

/** The metrics the worker logs, in the order a run page shows them; others follow alphabetically. */
export const PRIMARY: string[] = [
  METRIC.knnAcc,
  METRIC.evalKnnAcc,
  METRIC.evalLinearAcc,
  METRIC.featureStd,
  METRIC.rankMe,
  METRIC.evalRankMe,
  METRIC.loss,
  METRIC.lr,
  METRIC.wd,
  METRIC.momentum,
  METRIC.stepMs,
];

/** `eval`'s baselines, drawn in their metric's panel (not panels of their own). */
export const BASELINES: Record<string, { name: string; label: string }[]> = {
  [METRIC.evalKnnAcc]: [
    { name: METRIC.evalKnnAccPixels, label: 'raw pixels' },
    { name: METRIC.evalKnnAccRandomInit, label: 'random init' },
  ],
  [METRIC.evalLinearAcc]: [
    { name: METRIC.evalLinearAccPixels, label: 'raw pixels' },
    { name: METRIC.evalLinearAccRandomInit, label: 'random init' },
  ],
};
const BASELINE_NAMES = new Set(Object.values(BASELINES).flatMap((b) => b.map((x) => x.name)));
export const isBaseline = (name: string): boolean => BASELINE_NAMES.has(name);

export type Group = 'quality' | 'loss' | 'schedules' | 'system' | 'other';
/** Panel groups, in page order; schedules and system start folded. */
export const GROUPS: { key: Group; title: string; folded: boolean }[] = [
  { key: 'quality', title: 'Quality and collapse', folded: false },
  { key: 'loss', title: 'Loss', folded: false },
  { key: 'other', title: 'Other', folded: false },
  { key: 'schedules', title: 'Schedules (lr, weight decay, EMA momentum)', folded: true },
  { key: 'system', title: 'Speed', folded: true },
];

export interface MetricInfo {
  group: Group;
  /** the figure's name on the page */
  title: string;
  /** the protocol behind it, in a few words */
  subtitle?: string;
  /** more, as a tooltip */
  hint?: string;
}

/** One chart on a page: a metric, what it is, and its curves (a run each, or a run and its baselines). */
export interface Panel {
  name: string;
  info: MetricInfo;
  series: ChartSeries[];
}

/** What a metric is, for its panel: its group, a title and the protocol that produced it. */
export function metricInfo(name: string, config?: RunRow['config'] | null): MetricInfo {
  const probe = config?.logging.probe_size;
  const probeQueries = probe ? Math.max(8, Math.round(probe / 4)) : null;
  const probeWords = probe ? `probe on a subset: ${probe} train → ${probeQueries} held-out images` : 'probe on a fixed subset';
  const evalWords = `eval: k=${KNN.k} cosine, full train → held-out split`;
  switch (name) {
    case METRIC.knnAcc:
      return { group: 'quality', title: 'kNN accuracy (probe)', subtitle: probeWords, hint: `knn_acc — a quick, noisy estimate on a subset during training; \`eval\`'s figure (eval_knn_acc) is the one to report` };
    case METRIC.evalKnnAcc:
      return { group: 'quality', title: 'kNN accuracy (eval)', subtitle: evalWords, hint: 'eval_knn_acc — kNN on the full held-out split, beside raw pixels and a random-init encoder' };
    case METRIC.evalLinearAcc:
      return { group: 'quality', title: 'linear probe (eval)', subtitle: 'eval: full train → held-out split', hint: 'eval_linear_acc — logistic regression on the train split, scored on the held-out split' };
    case METRIC.evalRankMe:
      return { group: 'quality', title: 'RankMe (eval)', subtitle: 'eval: effective rank of held-out features', hint: 'eval_rankme' };
    case METRIC.featureStd:
      return { group: 'quality', title: 'feature std (probe)', subtitle: 'collapse: near 0 = collapsed', hint: 'feature_std — mean per-dimension std of the probe images\' features' };
    case METRIC.rankMe:
      return { group: 'quality', title: 'RankMe (probe)', subtitle: 'collapse: effective rank', hint: 'rankme — the effective rank of the probe features; it falls when they collapse' };
    case METRIC.loss:
      return { group: 'loss', title: 'loss', subtitle: 'prediction loss, regularizers apart', hint: 'loss — the I-JEPA prediction loss, without the regularizer terms' };
    case METRIC.lr:
    case METRIC.wd:
    case METRIC.momentum:
      return { group: 'schedules', title: name };
    case METRIC.stepMs:
      return { group: 'system', title: 'ms per step', hint: 'step_ms' };
  }
  if (name.startsWith('reg_')) return { group: 'loss', title: name, subtitle: 'regularizer term' };
  return { group: 'other', title: name };
}
/** Schedules are exact: smoothing them only adds lag. */
export const UNSMOOTHED = new Set<string>([METRIC.lr, METRIC.wd, METRIC.momentum]);

/** A live event's points as series (grouped by name, in step order), ready for mergeMetrics. */
export function seriesOf(points: MetricPoint[]): MetricSeries {
  const out: MetricSeries = {};
  for (const p of [...points].sort((a, b) => a.step - b.step)) {
    const s = (out[p.name] ??= { step: [], time: [], value: [] });
    s.step.push(p.step);
    s.time.push(p.time);
    s.value.push(p.value);
  }
  return out;
}

export function orderMetrics(names: Iterable<string>): string[] {
  const set = new Set([...names].filter((n) => !isBaseline(n)));
  return [...PRIMARY.filter((n) => set.has(n)), ...[...set].filter((n) => !PRIMARY.includes(n)).sort()];
}

/** Points of `inc` replace those of `old` from their first step on (a resumed run rewrites its tail). */
export function mergeMetrics(old: MetricSeries, inc: MetricSeries): MetricSeries {
  const out: MetricSeries = { ...old };
  for (const [name, s] of Object.entries(inc)) {
    const o = old[name];
    if (!o || s.step.length === 0) {
      out[name] = o && s.step.length === 0 ? o : s;
      continue;
    }
    let keep = o.step.length;
    while (keep > 0 && o.step[keep - 1] >= s.step[0]) keep--;
    out[name] = { step: o.step.slice(0, keep).concat(s.step), time: o.time.slice(0, keep).concat(s.time), value: o.value.slice(0, keep).concat(s.value) };
  }
  return out;
}

export function maxStep(m: MetricSeries): number {
  let max = -1;
  for (const s of Object.values(m)) if (s.step.length) max = Math.max(max, s.step[s.step.length - 1]);
  return max;
}

export function firstTime(m: MetricSeries): number {
  let min = Infinity;
  for (const s of Object.values(m)) if (s.time.length) min = Math.min(min, s.time[0]);
  return Number.isFinite(min) ? min : 0;
}

/** x values of a series: steps, seconds since t0 (relative), or seconds since the epoch (wall, uPlot's time scale). */
export function xOf(s: { step: number[]; time: number[] }, kind: XKind, t0: number): ArrayLike<number> {
  if (kind === 'step') return s.step;
  if (kind === 'relative') return Float64Array.from(s.time, (t) => (t - t0) / 1000);
  return Float64Array.from(s.time, (t) => t / 1000);
}

/** Flatten a nested config to dotted keys (as main/common/config.ts flattenConfig). */
export function flatten(cfg: unknown, prefix = ''): [string, unknown][] {
  if (typeof cfg !== 'object' || cfg === null || Array.isArray(cfg)) return [[prefix, cfg]];
  return Object.entries(cfg as Record<string, unknown>).flatMap(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k));
}
