// `jepa-lab sweep`: a grid of two tiny configs runs, records both runs, prints its table.
import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { tempHome, cli } from '../../helpers.ts';
import { expandGrid, fitToBudget } from '../../../main/lab/sweep.ts';
import { resolveConfig } from '../../../main/common/config.ts';
import { runSchedule, scheduleAt } from '../../../main/common/schedule.ts';

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

  it("with a time budget, fits each run's steps to it, so that its schedules end within it", async () => {
    const cfg = resolveConfig('tiny', { optimization: { steps: 100_000 } });
    const fit = await fitToBudget(cfg, 100_000, 0.05, 'wasm');
    expect(fit.msPerStep).toBeGreaterThan(0);
    expect(fit.steps).toBeLessThan(100_000);
    expect(fit.steps * fit.msPerStep).toBeLessThanOrEqual(0.8 * 0.05 * 60_000 + 1e-6);
    const fitted = resolveConfig('tiny', { optimization: { steps: fit.steps } });
    const s = runSchedule(fitted, 9000);
    expect(scheduleAt(s, fit.steps - 1).lr).toBeCloseTo(fitted.optimization.final_lr, 12);
    // a run shorter than the budget keeps its steps
    expect((await fitToBudget(resolveConfig('tiny', { optimization: { steps: 4 } }), 4, 5, 'wasm')).steps).toBe(4);
  });

  it('rejects a bad grid before any run starts', () => {
    const grid = path.join(h, 'bad.yaml');
    fs.writeFileSync(grid, 'grid:\n  mask.patch_size: [4, 5]\nbase:\n  preset: tiny\n');
    const r = cli(['sweep', '--grid', grid], { home: tempHome('sweep-bad') });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/mask\.patch_size/);
  });
});
