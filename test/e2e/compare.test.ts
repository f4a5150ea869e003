// Compare screen in Chromium: two trained runs overlaid with stable colours,
// the config diff (only differing keys), min/max/last, CSV export of every
// metric; and the chart performance budget: 5 runs × 100,000 points.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useLabPage, screenshot, poll, trainTiny, ROOT } from './helpers.ts';
import { resolveConfig } from '../../main/common/config.ts';
import type { RunRow } from '../../main/common/vocabulary.ts';

let a: RunRow;
let b: RunRow;
const ui = useLabPage({
  prepare: async (t) => {
    a = await trainTiny(t.lab, { name: 'lr 3e-3', seed: 0 });
    b = await trainTiny(t.lab, { name: 'lr 1e-3', seed: 1, config: { optimization: { lr: 0.001 } } });
  },
  hash: () => `#/compare?ids=${a.id},${b.id}`,
  context: { acceptDownloads: true },
});

type Timing = { title: string; ms: number; points: number; rendered: number; series: number; at: number };
const timings = (p: Page) => p.evaluate(() => (globalThis as unknown as { __chartTimings: Timing[] }).__chartTimings.slice());
const swatch = (p: Page, sel: string) => p.locator(sel).first().evaluate((e) => getComputedStyle(e).backgroundColor);

describe('compare', () => {
  it('overlays the picked runs with per-run colours and shows only the differing config keys and min/max/last', async () => {
    const loss = ui.page.getByTestId('chart-loss');
    await poll(() => loss.locator('.legend .item').count()).toBe(2);
    await poll(() => loss.locator('.plot').getAttribute('data-points')).toBe('40'); // 20 steps × 2 runs
    await ui.page.getByTestId('group-toggle-schedules').click();
    for (const m of ['lr', 'wd', 'momentum', 'feature_std', 'rankme', 'knn_acc']) await poll(() => ui.page.getByTestId(`chart-${m}`).count(), 5000).toBe(1);
    // the tables come before the charts
    const y = async (id: string) => (await ui.page.getByTestId(id).boundingBox())!.y;
    expect(await y('config-diff')).toBeLessThan(await y('chart-loss'));
    expect(await y('metric-summary')).toBeLessThan(await y('chart-loss'));
    // colour-blind-safe run colours (Okabe–Ito): runs 1 and 2 are blue and orange, not red and green
    expect(await swatch(ui.page, `[data-testid="compare-pick"][data-run-id="1"] .swatch`)).toBe('rgb(0, 114, 178)');
    expect(await swatch(ui.page, `[data-testid="compare-pick"][data-run-id="2"] .swatch`)).toBe('rgb(230, 159, 0)');

    // colours follow the run id: picker, legend and runs table agree; two runs differ
    const pickA = await swatch(ui.page, `[data-testid="compare-pick"][data-run-id="${a.id}"] .swatch`);
    const pickB = await swatch(ui.page, `[data-testid="compare-pick"][data-run-id="${b.id}"] .swatch`);
    expect(pickA).not.toBe(pickB);
    expect(await loss.locator('.legend .item .sw').first().evaluate((e) => getComputedStyle(e).backgroundColor)).toBe(pickA);

    const keys = await ui.page.getByTestId('diff-row').evaluateAll((rs) => rs.map((r) => r.getAttribute('data-key')));
    expect(keys).toContain('optimization.lr');
    expect(keys).toContain('meta.seed');
    expect(keys).not.toContain('data.crop_size');
    expect(keys).not.toContain('model.embed_dim');
    const lrRow = ui.page.locator('[data-testid="diff-row"][data-key="optimization.lr"] td');
    expect(await lrRow.allTextContents()).toEqual(['optimization.lr', '0.003', '0.001']);
    const summary = await ui.page.getByTestId('metric-summary').textContent();
    expect(summary).toMatch(/loss/);
    expect(summary).toMatch(/knn_acc/);
    await screenshot(ui.page, 'compare');

    const runsPage = await ui.ctx.newPage();
    await runsPage.goto(`http://127.0.0.1:${ui.t.server.port}/#/runs`); // the token was kept
    expect(await swatch(runsPage, `[data-testid="run-row"][data-run-id="${a.id}"] .swatch`)).toBe(pickA);
    await runsPage.close();
  });

  it('exports every metric of the selected runs as one CSV file', async () => {
    const [download] = await Promise.all([ui.page.waitForEvent('download'), ui.page.getByTestId('export-csv').click()]);
    expect(download.suggestedFilename()).toBe(`jepa-lab-runs-${a.id}-${b.id}.csv`);
    // the browser is shared (connected to, not launched here): the file is saved from it, not read in place
    const saved = path.join(ui.t.home, download.suggestedFilename());
    await download.saveAs(saved);
    const text = fs.readFileSync(saved, 'utf8');
    expect(text).toBe(ui.t.lab.exportCsv([a.id, b.id]));
    const lines = text.trim().split('\n');
    expect(lines[0]).toBe('run_id,run_name,metric,step,wall_time,value');
    const rows = lines.slice(1).map((l) => l.split(','));
    for (const run of [a, b]) {
      const mine = rows.filter((r) => r[0] === String(run.id));
      expect(mine.filter((r) => r[2] === 'loss')).toHaveLength(20);
      expect(new Set(mine.map((r) => r[2]))).toEqual(new Set(Object.keys(ui.t.lab.store.metrics(run.id))));
      for (const r of mine) expect(Number.isFinite(Number(r[5]))).toBe(true);
    }
    expect(ui.problems).toEqual([]);
  });

  it('draws 5 runs × 100,000 points without freezing the page (measured)', async () => {
    const N = 100_000;
    const ds = ui.t.lab.dataset('digits');
    const ids: number[] = [];
    for (let k = 0; k < 5; k++) {
      const r = ui.t.lab.store.createRun({ name: `long ${k}`, config: resolveConfig('tiny'), preset: 'tiny', dataset_id: ds.id, status: 'completed', seed: k, total_steps: N });
      const t0 = Date.now() - N * 50;
      for (let s0 = 1; s0 <= N; s0 += 20_000) {
        const pts = [];
        for (let s = s0; s < s0 + 20_000 && s <= N; s++) pts.push({ step: s, time: t0 + s * 50, name: 'loss', value: 0.1 + 0.06 * k + (1 + 0.1 * k) / Math.sqrt(s) + 0.02 * Math.sin(s / 50 + k) + 0.01 * Math.cos(s * 7.3) });
        ui.t.lab.store.appendMetrics(r.id, pts);
      }
      ui.t.lab.store.updateRun(r.id, { started_at: t0, ended_at: t0 + N * 50, step: N });
      ids.push(r.id);
    }
    // the runs were written behind the lab's back (no events): reload the app, on the runs screen
    await ui.page.goto(`http://127.0.0.1:${ui.t.server.port}/#/runs`);
    await ui.page.reload();
    await poll(() => ui.page.getByTestId('run-row').count()).toBe(7);
    const before = (await timings(ui.page)).length;
    const start = await ui.page.evaluate((q) => {
      const w = globalThis as unknown as { __longTasks: number[] };
      w.__longTasks = [];
      new PerformanceObserver((l) => l.getEntries().forEach((e) => w.__longTasks.push(e.duration))).observe({ type: 'longtask' });
      const t0 = performance.now();
      location.hash = `#/compare?ids=${q}`;
      return t0;
    }, ids.join(','));
    const isBig = (x: Timing) => x.title === 'loss' && x.points === 5 * N && x.series === 5;
    await poll(async () => (await timings(ui.page)).slice(before).some(isBig), 60_000).toBe(true);
    const first = (await timings(ui.page)).slice(before).find(isBig)!;
    const longTasks = await ui.page.evaluate(() => (globalThis as unknown as { __longTasks: number[] }).__longTasks);

    // interaction on the loaded chart: change smoothing, then log scale; each redraws all 500,000 points
    const n1 = (await timings(ui.page)).length;
    await ui.page.getByTestId('smoothing').fill('0.9');
    await poll(async () => (await timings(ui.page)).slice(n1).some(isBig), 30_000).toBe(true);
    const smooth = (await timings(ui.page)).slice(n1).find(isBig)!;
    const n2 = (await timings(ui.page)).length;
    await ui.page.getByTestId('log-scale').check();
    await poll(async () => (await timings(ui.page)).slice(n2).some(isBig), 30_000).toBe(true);
    const logDraw = (await timings(ui.page)).slice(n2).find(isBig)!;
    await ui.page.getByTestId('log-scale').uncheck();
    await screenshot(ui.page, 'compare-5x100k');

    const report = {
      runs: 5,
      points_per_run: N,
      navigate_to_drawn_ms: Math.round(first.at - start),
      chart_prepare_and_draw_ms: Math.round(first.ms),
      rendered_points: first.rendered,
      longest_main_thread_task_ms: Math.round(Math.max(0, ...longTasks)),
      redraw_after_smoothing_change_ms: Math.round(smooth.ms),
      redraw_after_log_scale_ms: Math.round(logDraw.ms),
    };
    console.log('chart performance, 5 runs × 100,000 points:', JSON.stringify(report));
    fs.mkdirSync(path.join(ROOT, 'artifacts'), { recursive: true });
    fs.writeFileSync(path.join(ROOT, 'artifacts', 'chart-perf.json'), `${JSON.stringify(report, null, 2)}\n`);

    // decimated: at most 2 points per pixel column per curve (5 raw + 5 smoothed)
    expect(first.rendered).toBeLessThan(10 * 2 * 1400);
    expect(first.ms).toBeLessThan(1500);
    expect(smooth.ms).toBeLessThan(1500);
    expect(report.navigate_to_drawn_ms).toBeLessThan(20_000);
    // "without freezing": no single main-thread task long enough to feel stuck
    expect(report.longest_main_thread_task_ms).toBeLessThan(2000);
    expect(ui.problems).toEqual([]);
  });
});
