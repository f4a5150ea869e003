// `jepa-lab sweep`: a grid of configs run one after another, each evaluated;
// the runs are ordinary runs (tagged with the sweep) so Compare shows them.
// With a time budget, each run's steps are fitted to it first (fitToBudget).
import fs from 'node:fs';
import yaml from 'js-yaml';
import type { Lab, TrainOptions } from './lab.ts';
import type { EvalResult } from './analysis.ts';
import { badInput } from '../common/errors.ts';
import { flattenConfig, unflatten, merge, type JepaConfig } from '../common/config.ts';
import type { BenchTrainResult } from '../common/protocol.ts';
import { runWorkerJob } from '../runs/jobs.ts';
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
  const plans: TrainOptions[] = combos.map((c, i) => ({
    preset: base.preset,
    dataset: base.dataset,
    steps: base.steps,
    seed: base.seed,
    backend: opts.backend,
    config: merge(base.config ?? {}, unflatten(c)),
    name: `${tag}-${i + 1}`,
    tags: [tag, 'sweep'],
    notes: Object.entries(c).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(' '),
  }));
  // Validate every config before the first run starts.
  const checked = [];
  for (const p of plans) checked.push(await lab.planRun(p));
  if (opts.budgetMinutes) {
    for (let i = 0; i < plans.length; i++) {
      const fit = await fitToBudget(checked[i].config, checked[i].totalSteps, opts.budgetMinutes, opts.backend);
      if (fit.steps < checked[i].totalSteps) {
        plans[i] = { ...plans[i], steps: fit.steps, epochs: undefined };
        plans[i].notes += ` (steps fitted to the ${opts.budgetMinutes}-minute budget at ${fit.msPerStep.toFixed(0)} ms a step)`;
      }
    }
  }
  const rows: SweepRow[] = [];
  for (let i = 0; i < plans.length; i++) {
    const t0 = Date.now();
    const run = await lab.train(plans[i]);
    opts.onRun?.(run.id, i, plans.length);
    let timer: NodeJS.Timeout | null = null;
    if (opts.budgetMinutes) timer = setTimeout(() => { try { lab.stop(run.id); } catch { /* ended */ } }, opts.budgetMinutes * 60_000);
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

/**
 * Steps of a config that fit a time budget, from a timing of a few of its
 * steps (a bench job on synthetic images of its size), with room for the
 * worker's start, probes and checkpoints. A sweep trains that many, so each
 * run's schedules (warm-up, cosine, EMA) end within the budget rather than
 * being cut off by it; the budget's timer still stops a run that runs late.
 */
export async function fitToBudget(config: JepaConfig, totalSteps: number, minutes: number, backend: BackendRequest = 'auto'): Promise<{ steps: number; msPerStep: number }> {
  const probe = (await runWorkerJob({ kind: 'bench', mode: 'train', config, steps: 3, backend })) as BenchTrainResult;
  const steps = Math.max(1, Math.min(totalSteps, Math.floor((0.8 * minutes * 60_000) / probe.ms_per_step)));
  return { steps, msPerStep: probe.ms_per_step };
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
