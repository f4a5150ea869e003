// Metric series on the client: incremental merging, ordering, x axes.
import { METRIC, type MetricPoint, type MetricSeries } from '../../../main/common/vocabulary.ts';
import type { XKind } from './chart.ts';

export type { MetricSeries };

/** The metrics the worker logs, in the order a run page shows them; others follow alphabetically. */
export const PRIMARY: string[] = [METRIC.loss, METRIC.lr, METRIC.wd, METRIC.momentum, METRIC.featureStd, METRIC.rankMe, METRIC.knnAcc];
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
  const set = new Set(names);
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
