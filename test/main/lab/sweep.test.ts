// `jepa-lab sweep`: a grid of two tiny configs runs, records both runs, prints its table.
import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { tempHome, cli } from '../../helpers.ts';
import { expandGrid } from '../../../main/lab/sweep.ts';

const h = tempHome('sweep');
afterAll(() => fs.rmSync(h, { recursive: true, force: true, maxRetries: 5 }));

describe('sweep', () => {
  it('expands a grid into its cartesian product', () => {
    expect(expandGrid({ a: [1, 2], b: ['x', 'y', 'z'] })).toHaveLength(6);
    expect(expandGrid({ a: [1, 2], b: ['x'] })).toEqual([{ a: 1, b: 'x' }, { a: 2, b: 'x' }]);
  });

  it('runs two tiny configs, evaluates each and prints the table', () => {
    const grid = path.join(h, 'grid.yaml');
    fs.writeFileSync(grid, ['base:', '  preset: tiny', '  steps: 6', 'grid:', '  regularization.vicreg_weight: [0, 1]', ''].join('\n'));
    const md = path.join(h, 'table.md');
    const r = cli(['sweep', '--grid', grid, '--out', md], { home: h });
    expect(r.code, r.stderr).toBe(0);
    const table = fs.readFileSync(md, 'utf8');
    expect(table).toMatch(/\| run \| regularization\.vicreg_weight \| status/);
    const rows = table.split('\n').filter((l) => /^\| \d+ \|/.test(l));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/\| 0 \| completed \| 6 \| \d+\.\d \|/);
    expect(rows[1]).toMatch(/\| 1 \| completed \| 6 \| \d+\.\d \|/);
    expect(table).toMatch(/raw pixels kNN \d+\.\d%/);
    expect(r.stdout).toContain(table.trim().split('\n')[0]);
    const runs = JSON.parse(cli(['runs', '--json'], { home: h }).stdout);
    expect(runs).toHaveLength(2);
    expect(runs.every((x: { tags: string[] }) => x.tags.includes('sweep'))).toBe(true);
    // Each run stored its eval as metrics, so Compare shows them side by side.
    const show = JSON.parse(cli(['show', String(runs[0].id), '--json'], { home: h }).stdout);
    expect(show.metrics.eval_knn_acc.points).toBe(1);
  });

  it("with a time budget, each run trains by minutes: its steps and schedules fitted to the budget", async () => {
    const grid = path.join(h, 'budget.yaml');
    fs.writeFileSync(grid, 'grid:\n  optimization.lr: [0.003]\nbase:\n  preset: tiny\n  config:\n    optimization: {warmup: 0}\n');
    const home = tempHome('sweep-budget');
    const r = cli(['sweep', '--grid', grid, '--budget-minutes', '0.1', '--json'], { home });
    expect(r.code, r.stderr).toBe(0);
    const row = JSON.parse(r.stdout.trim().split('\n')[0]);
    const show = JSON.parse(cli(['show', String(row.run_id), '--json'], { home }).stdout);
    expect(show.budget_minutes).toBe(0.1);
    expect(show.config.optimization.minutes).toBe(0);
    expect(show.config.optimization.steps).toBe(row.steps);
    expect(show.metrics.lr.last).toBeCloseTo(show.config.optimization.final_lr, 12);
    const both = path.join(h, 'both.yaml');
    fs.writeFileSync(both, 'grid:\n  optimization.lr: [0.003]\nbase:\n  preset: tiny\n  steps: 10\n');
    const refused = cli(['sweep', '--grid', both, '--budget-minutes', '1'], { home: tempHome('sweep-both') });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/base\.steps or --budget-minutes/);
  });

  it('rejects a bad grid before any run starts', () => {
    const grid = path.join(h, 'bad.yaml');
    fs.writeFileSync(grid, 'grid:\n  mask.patch_size: [4, 5]\nbase:\n  preset: tiny\n');
    const r = cli(['sweep', '--grid', grid], { home: tempHome('sweep-bad') });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/mask\.patch_size/);
  });
});
