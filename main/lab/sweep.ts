// `jepa-lab sweep`: a grid of configs run one after another, each evaluated;
// the runs are ordinary runs (tagged with the sweep) so Compare shows them.
// With a time budget, each run trains by minutes (optimization.minutes).
import fs from 'node:fs';
import yaml from 'js-yaml';
import type { Lab, TrainOptions } from './lab.ts';
import type { EvalResult } from './analysis.ts';
import { badInput } from '../common/errors.ts';
import { flattenConfig, unflatten, merge } from '../common/config.ts';
import type { BackendRequest } from '../common/vocabulary.ts';

export interface SweepSpec {
  /** applied to every run */
  base?: { preset?: string; dataset?: string; steps?: number; seed?: number; config?: Record<string, unknown> };
  /** dotted config key → values; the runs are the cartesian product */
  grid: Record<string, unknown[]>;
}

export interface SweepRow {
  run_id: number;
  name: string;
  overrides: Record<string, unknown>;
  status: string;
  steps: number;
  minutes: number;
  eval: EvalResult | null;
  error: string | null;
}

export function readSweepSpec(file: string): SweepSpec {
  let spec: unknown;
  try {
    const text = fs.readFileSync(file, 'utf8');
    spec = file.endsWith('.json') ? JSON.parse(text) : yaml.load(text);
  } catch (e) {
    throw badInput(`sweep grid ${file} cannot be read: ${(e as Error).message.split('\n')[0]}`);
  }
  const s = spec as SweepSpec;
  if (!s || typeof s !== 'object' || !s.grid || typeof s.grid !== 'object')
    throw badInput(`sweep grid ${file} needs a "grid:" mapping of config keys to lists, e.g. grid: {"optimization.lr": [0.001, 0.003]}`);
  for (const [k, v] of Object.entries(s.grid)) if (!Array.isArray(v) || v.length === 0) throw badInput(`sweep grid key "${k}" must map to a non-empty list of values`);
  return s;
}

/** The cartesian product of the grid, as flat override maps. */
export function expandGrid(grid: Record<string, unknown[]>): Record<string, unknown>[] {
  let combos: Record<string, unknown>[] = [{}];
  for (const [k, values] of Object.entries(grid)) combos = combos.flatMap((c) => values.map((v) => ({ ...c, [k]: v })));
  return combos;
}

export async function runSweep(lab: Lab, spec: SweepSpec, opts: { budgetMinutes?: number; backend?: BackendRequest; tag?: string; onRow?: (row: SweepRow, i: number, n: number) => void; onRun?: (runId: number, i: number, n: number) => void } = {}): Promise<SweepRow[]> {
  const combos = expandGrid(spec.grid);
  const base = spec.base ?? {};
  const tag = opts.tag ?? `sweep-${new Date().toISOString().slice(0, 19).replace(/[-:T]/g, '')}`;
  if (opts.budgetMinutes && base.steps) throw badInput('give base.steps or --budget-minutes, not both: with a budget each run trains the steps that fit in it');
  const plans: TrainOptions[] = combos.map((c, i) => ({
    preset: base.preset,
    dataset: base.dataset,
    steps: base.steps,
    // with a budget each run is a run by minutes: it times itself and fits its steps and schedules to the budget
    minutes: opts.budgetMinutes,
    seed: base.seed,
    backend: opts.backend,
    config: merge(base.config ?? {}, unflatten(c)),
    name: `${tag}-${i + 1}`,
    tags: [tag, 'sweep'],
    notes: Object.entries(c).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(' '),
  }));
  // Validate every config before the first run starts.
  for (const p of plans) await lab.planRun(p);
  const rows: SweepRow[] = [];
  for (let i = 0; i < plans.length; i++) {
    const t0 = Date.now();
    const run = await lab.train(plans[i]);
    opts.onRun?.(run.id, i, plans.length);
    let timer: NodeJS.Timeout | null = null;
    // a run that runs late (its pace changed, or it waited for the device) is stopped a little after its budget
    if (opts.budgetMinutes) timer = setTimeout(() => { try { lab.stop(run.id); } catch { /* ended */ } }, opts.budgetMinutes * 66_000 + 30_000);
    const end = await lab.wait(run.id);
    if (timer) clearTimeout(timer);
    const minutes = (Date.now() - t0) / 60_000;
    let evalRes: EvalResult | null = null;
    let error = end.error;
    if (end.status !== 'failed') {
      try {
        evalRes = await lab.evaluate(run.id, { backend: opts.backend });
      } catch (e) {
        error = (e as Error).message;
      }
    }
    const row = { run_id: run.id, name: run.name, overrides: combos[i], status: end.status, steps: end.step, minutes, eval: evalRes, error };
    rows.push(row);
    opts.onRow?.(row, i, plans.length);
  }
  return rows;
}

/** A markdown table: config differences → kNN, linear, RankMe, minutes (with the baselines of the first eval). */
export function sweepTable(rows: SweepRow[]): string {
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r.overrides)))];
  const pct = (v: number | undefined) => (v === undefined ? '—' : `${(v * 100).toFixed(1)}`);
  const lines = [
    `| run | ${keys.join(' | ')} | status | steps | kNN % | linear % | RankMe | std | minutes |`,
    `|---|${keys.map(() => '---').join('|')}|---|---|---|---|---|---|---|`,
    ...rows.map((r) => `| ${r.run_id} | ${keys.map((k) => JSON.stringify(r.overrides[k] ?? '—')).join(' | ')} | ${r.status} | ${r.steps} | ${pct(r.eval?.knn_acc)} | ${pct(r.eval?.linear_acc)} | ${r.eval ? r.eval.rankme.toFixed(1) : '—'} | ${r.eval ? r.eval.feature_std.toFixed(3) : '—'} | ${r.minutes.toFixed(1)} |`),
  ];
  const b = rows.find((r) => r.eval)?.eval?.baselines;
  if (b) lines.push('', `Baselines on the same split: raw pixels kNN ${pct(b.pixels.knn_acc)}%, linear ${pct(b.pixels.linear_acc)}%; random-init encoder (first run's architecture) kNN ${pct(b.random_init.knn_acc)}%, linear ${pct(b.random_init.linear_acc)}%, RankMe ${b.random_init.rankme.toFixed(1)}.`);
  return lines.join('\n');
}

export { flattenConfig };
