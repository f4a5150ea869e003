// The run page's numbers in Chromium: y tick labels that read as their
// gridlines, no smoothing of sparse series and a legend that says raw and
// smoothed, eval points on the run's step axis, one crosshair and zoom for
// all panels, groups with pin and hide, the loss caveat; speed and ETA after
// a pause, and for a run the CLI trains; a run by minutes with its budget;
// eval run from the page with its baselines; a missing run offers the runs list, not a command.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useLabPage, poll, screenshot, trainTiny } from './helpers.ts';
import { cliAsync } from '../helpers.ts';
import { resolveConfig } from '../../main/common/config.ts';
import { METRIC, type RunRow } from '../../main/common/vocabulary.ts';

let done: RunRow;
const ui = useLabPage({
  prepare: async (t) => {
    done = await trainTiny(t.lab, { name: 'finished', steps: 30 });
  },
});

const dataset = (p: Page, testid: string, key: string) => p.evaluate(([id, k]) => (document.querySelector(`[data-testid="${id}"] .plot`) as HTMLElement | null)?.dataset[k] ?? null, [testid, key] as const);

/** A completed run written straight into the store: a loss falling from 1 to 0 over 200 steps, two probe points, one eval point. */
function syntheticRun(t: (typeof ui)['t']): number {
  const ds = t.lab.dataset('digits');
  const r = t.lab.store.createRun({ name: 'synthetic', config: resolveConfig('tiny'), preset: 'tiny', dataset_id: ds.id, status: 'completed', seed: 0, total_steps: 200 });
  const t0 = Date.now() - 200_000;
  const pts = [];
  for (let s = 1; s <= 200; s++) pts.push({ step: s, time: t0 + s * 1000, name: METRIC.loss, value: 1 - s / 200 + 0.03 * Math.sin(s) });
  // regularizer-like series of several ranges: some of them get gridlines 2.5·10^k apart (0.25, 0.025), which one-digit labels misread
  [0.09, 0.1, 0.11, 0.9, 1.0, 1.1].forEach((top, k) => {
    for (let s = 1; s <= 200; s++) pts.push({ step: s, time: t0 + s * 1000, name: `reg_range${k}`, value: (top * s) / 200 });
  });
  pts.push({ step: 100, time: t0 + 100_000, name: METRIC.knnAcc, value: 0.5 }, { step: 200, time: t0 + 200_000, name: METRIC.knnAcc, value: 0.632 });
  pts.push({ step: 200, time: t0 + 200_000, name: METRIC.evalKnnAcc, value: 0.775 });
  t.lab.store.appendMetrics(r.id, pts);
  t.lab.store.updateRun(r.id, { started_at: t0, ended_at: t0 + 200_000, step: 200 });
  return r.id;
}

describe('run page', () => {
  it('labels y ticks as their gridlines, never smooths sparse series, and names raw and smoothed values', async () => {
    const id = syntheticRun(ui.t);
    await ui.page.goto(`${ui.t.url}#/run/${id}`);
    await ui.page.reload();
    await ui.page.getByTestId('chart-loss').locator('.plot[data-yticks]').waitFor();
    // every drawn panel: each label is its gridline's value, written out
    const ticks = await ui.page.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLElement>('.plot[data-yticks]')).map((e) => JSON.parse(e.dataset.yticks!) as [number, string][]),
    );
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    for (const chart of ticks)
      for (const [v, label] of chart) {
        if (label === '') continue;
        expect(Math.abs(Number(label) - v), `label "${label}" on the gridline at ${v}`).toBeLessThan(1e-9 * Math.max(1, Math.abs(v)));
      }
    // some panel has gridlines 2.5·10^k apart, whose labels one digit too few would misread (0.25 drawn as 0.3)
    const mantissa = (x: number) => x / 10 ** Math.floor(Math.log10(x));
    const quarterly = ticks.filter((c) => c.length > 1 && Math.abs(mantissa(c[1][0] - c[0][0]) - 2.5) < 1e-6);
    expect(quarterly.length, JSON.stringify(ticks)).toBeGreaterThan(0);
    console.log('gridlines 2.5·10^k apart, labelled:', quarterly.map((c) => c.map(([, l]) => l).join(' ')).join(' | '));

    // smoothing is on (0.6 by default): the loss shows raw and smoothed values, the two-point probe only its raw value
    const loss = ui.page.getByTestId('chart-loss');
    expect(await loss.getByTestId('legend-smoothed').count()).toBe(1);
    expect(await loss.locator('.legend').textContent()).toMatch(/raw\s+-?[\d.e-]+\s+smoothed\s+-?[\d.e-]+/);
    const knn = ui.page.getByTestId('chart-knn_acc');
    expect(await knn.getByTestId('legend-smoothed').count()).toBe(0);
    expect(await knn.getByTestId('legend-raw').textContent()).toBe('0.632');
    // each kNN figure names its protocol
    expect(await knn.locator('.head').textContent()).toMatch(/kNN accuracy \(probe\).*probe on a subset: 64 train → 16 held-out images/);
    expect(await ui.page.getByTestId('chart-eval_knn_acc').locator('.head').textContent()).toMatch(/kNN accuracy \(eval\).*eval: k=20 cosine, full train → held-out split/);
    expect(await ui.page.getByTestId('run-knn-eval').textContent()).toMatch(/77\.5%\s*at step 200/);

    // the lone eval point sits on the run's step axis (0–200), not on an axis of its own
    expect(Number(await dataset(ui.page, 'chart-eval_knn_acc', 'xmin'))).toBe(0);
    expect(Number(await dataset(ui.page, 'chart-eval_knn_acc', 'xmax'))).toBe(200);

    // one crosshair: hovering the loss moves the probe panel's cursor to the same step
    const box = (await loss.locator('.u-over').boundingBox())!;
    await ui.page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5);
    await poll(() => knn.locator('.legend .x').textContent()).toMatch(/^step \d+$/);
    expect(await knn.locator('.legend .x').textContent()).toBe(await loss.locator('.legend .x').textContent());
    // one zoom: a drag on the loss narrows every panel
    await ui.page.mouse.move(box.x + box.width * 0.25, box.y + box.height * 0.5);
    await ui.page.mouse.down();
    await ui.page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.5, { steps: 5 });
    await ui.page.mouse.up();
    await poll(async () => Number(await dataset(ui.page, 'chart-knn_acc', 'xmax'))).toBeLessThan(150);
    expect(Number(await dataset(ui.page, 'chart-knn_acc', 'xmin'))).toBeGreaterThan(20);
    expect(await dataset(ui.page, 'chart-knn_acc', 'xmax')).toBe(await dataset(ui.page, 'chart-loss', 'xmax'));
    await loss.locator('.u-over').dblclick();
    await poll(async () => Number(await dataset(ui.page, 'chart-knn_acc', 'xmax'))).toBe(200);
    await screenshot(ui.page, 'run-synthetic');
  });

  it('groups panels (quality first, schedules folded), says loss does not rank runs, pins and hides panels', async () => {
    await ui.page.goto(`${ui.t.url}#/run/${done.id}`);
    await ui.page.getByTestId('chart-loss').waitFor();
    const order = await ui.page.locator('[data-testid="run-charts"] [data-group]').evaluateAll((es) => es.map((e) => e.getAttribute('data-group')));
    expect(order.slice(0, 2)).toEqual(['quality', 'loss']);
    expect(await ui.page.getByTestId('loss-caveat').textContent()).toMatch(/does not rank runs.*feature std and RankMe/s);
    // schedules start folded
    expect(await ui.page.getByTestId('chart-lr').count()).toBe(0);
    await ui.page.getByTestId('group-toggle-schedules').click();
    await ui.page.getByTestId('chart-lr').waitFor();
    // hide, then bring back
    await ui.page.getByTestId('hide-wd').click();
    await poll(() => ui.page.getByTestId('chart-wd').count()).toBe(0);
    await ui.page.getByTestId('unhide-wd').click();
    await ui.page.getByTestId('chart-wd').waitFor();
    // pin: the panel moves to the top
    await ui.page.getByTestId('pin-loss').click();
    await ui.page.getByTestId('group-pinned').getByTestId('chart-loss').waitFor();
    await ui.page.getByTestId('pin-loss').click();
    await poll(() => ui.page.getByTestId('group-pinned').count()).toBe(0);
  });

  it('runs eval from the page and shows it beside raw pixels and a random-init encoder', async () => {
    await ui.page.goto(`${ui.t.url}#/run/${done.id}`);
    expect(await ui.page.getByTestId('eval-result').count()).toBe(0);
    await ui.page.getByTestId('run-eval').click();
    await ui.page.getByTestId('eval-result').waitFor({ timeout: 110_000 });
    const stored = ui.t.lab.store.metrics(done.id);
    const row = await ui.page.getByTestId('eval-result').locator('tbody tr').first().locator('td').allTextContents();
    const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
    expect(row).toEqual(['kNN', pct(stored.eval_knn_acc.value[0]), pct(stored.eval_knn_acc_pixels.value[0]), pct(stored.eval_knn_acc_random_init.value[0])]);
    expect(await ui.page.getByTestId('run-knn-eval').textContent()).toContain(pct(stored.eval_knn_acc.value[0]));
    // the baselines are drawn in the eval panel, not as panels of their own
    expect(await ui.page.getByTestId('chart-eval_knn_acc').getByTestId('legend-item').count()).toBe(3);
    expect(await ui.page.getByTestId('chart-eval_knn_acc_pixels').count()).toBe(0);
    await screenshot(ui.page, 'run-evaluated');
  });

  it('keeps img/s and the ETA right after a pause, logs pause and continue, and leaves paused time out of the duration', async () => {
    const run = await ui.t.lab.train({ preset: 'tiny', steps: 20_000, name: 'paused one' });
    await ui.page.goto(`${ui.t.url}#/run/${run.id}`);
    // past the first seconds' warm-up, so that the speed before the pause is the steady one
    await poll(() => ui.t.lab.run(run.id).step, 90_000).toBeGreaterThan(200);
    const trained = (Date.now() - ui.t.lab.run(run.id).started_at!) / 1000;
    await ui.page.getByTestId('pause-run').click();
    await poll(() => ui.t.lab.run(run.id).status, 30_000).toBe('paused');
    // paused for three times as long as it trained: with the pause counted, img/s would read a quarter of the truth
    const pauseMs = Math.min(30_000, Math.max(6000, 3 * trained * 1000));
    await new Promise((r) => setTimeout(r, pauseMs));
    await ui.page.getByTestId('continue-run').click();
    await poll(() => ui.t.lab.run(run.id).status, 30_000).toBe('running');
    const resumedAt = ui.t.lab.run(run.id).step;
    // a progress report made after the pause (the one before it was right either way)
    const label = ui.page.getByTestId('run-progress');
    await poll(async () => {
      const m = /step (\d+)\/\d+ · \d+ img\/s/.exec((await label.textContent()) ?? '');
      return m ? Number(m[1]) : -1;
    }, 30_000).toBeGreaterThan(resumedAt + 5);
    const shown = /(\d+) img\/s · ETA ((?:\d+h)?(?:\d+m)?\d+s|\d+h\d+m)/.exec((await label.textContent())!)!;
    const shownRate = Number(shown[1]);
    // the rate it really trains at, measured from its steps over a few seconds
    const a = ui.t.lab.run(run.id);
    const t0 = Date.now();
    await new Promise((r) => setTimeout(r, 4000));
    const b = ui.t.lab.run(run.id);
    const measured = ((b.step - a.step) * a.config.data.batch_size) / ((Date.now() - t0) / 1000);
    console.log(`after a ${(pauseMs / 1000).toFixed(0)} s pause: shown ${shownRate} img/s, measured ${measured.toFixed(0)} img/s, ETA ${shown[2]}`);
    expect(shownRate).toBeGreaterThan(measured * 0.5);
    expect(shownRate).toBeLessThan(measured * 2);
    // and the ETA is the remaining steps at that speed
    const [, h, m, sec] = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(shown[2])!;
    const etaShown = Number(h ?? 0) * 3600 + Number(m ?? 0) * 60 + Number(sec ?? 0);
    const etaMeasured = ((b.total_steps - b.step) * b.config.data.batch_size) / measured;
    expect(etaShown).toBeGreaterThan(etaMeasured * 0.5);
    expect(etaShown).toBeLessThan(etaMeasured * 2);
    // pause and continue are in the events, with the time paused
    await poll(() => ui.page.getByTestId('events').textContent()).toMatch(/continued at step \d+ after \d+ s paused/);
    expect(await ui.page.getByTestId('events').textContent()).toMatch(/paused at step \d+/);
    const r = ui.t.lab.run(run.id);
    expect(r.paused_ms).toBeGreaterThanOrEqual(pauseMs - 1000);
    expect(await ui.page.getByTestId('run-duration').textContent()).toMatch(/\(\+\d+s paused\)/);

    // the runs table: the live run's kNN is a probe at its step, not a result
    await ui.page.getByTestId('nav-runs').click();
    const cell = ui.page.locator(`[data-testid="run-row"][data-run-id="${run.id}"]`).getByTestId('run-knn');
    await poll(() => cell.textContent()).toMatch(/—|@\s*[1-9]\d*/);
    ui.t.lab.stop(run.id);
    await ui.t.lab.wait(run.id);
  });

  it('shows img/s and ETA for a run the CLI trains in the same home', async () => {
    // one training per device: the CLI's run would queue behind one of this lab's
    for (const r of ui.t.lab.runsList()) if (r.status === 'running' || r.status === 'paused') ui.t.lab.stop(r.id);
    await poll(() => ui.t.lab.runsList().filter((r) => r.status === 'running' || r.status === 'paused').length, 60_000).toBe(0);
    const child = cliAsync(['train', '--preset', 'tiny', '--steps', '20000', '--name', 'from the cli'], ui.t.home);
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    try {
      await ui.page.getByTestId('nav-runs').click();
      const row = ui.page.locator('[data-testid="run-row"]', { hasText: 'from the cli' });
      await row.waitFor({ timeout: 60_000 });
      await poll(() => row.getByTestId('run-speed').textContent(), 60_000).toMatch(/\d+ img\/s · ETA \S+/);
      const id = Number(await row.getAttribute('data-run-id'));
      expect(ui.t.lab.runs.isOwned(id)).toBe(false); // trained by the CLI's process, not this lab's
      await row.getByTestId('run-link').click();
      await poll(() => ui.page.getByTestId('run-progress').textContent(), 30_000).toMatch(/img\/s · ETA/);
      ui.t.lab.stop(id); // through the store: the CLI's lab stops its worker
      await poll(() => ui.t.lab.run(id).status, 60_000).toBe('stopped');
    } finally {
      await new Promise<void>((r) => {
        if (child.exitCode !== null) return r();
        child.once('exit', () => r());
        setTimeout(() => {
          child.kill('SIGKILL');
          r();
        }, 30_000);
      });
    }
    expect(out).not.toMatch(/failed:/);
  });

  it('shows a run by minutes with its budget and the share of it the run used', async () => {
    const run = await ui.t.lab.train({ preset: 'tiny', minutes: 0.15, name: 'by minutes' });
    const end = await ui.t.lab.wait(run.id);
    expect(end.status).toBe('completed');
    expect(end.budget_minutes).toBe(0.15);
    await ui.page.goto(`${ui.t.url}#/run/${run.id}`);
    const budget = ui.page.getByTestId('run-budget');
    await poll(() => budget.textContent(), 30_000).toMatch(/of 0\.15 min \(\d+%\)/);
    const shown = Number(/\((\d+)%\)/.exec((await budget.textContent())!)![1]);
    const used = (end.ended_at! - end.started_at! - end.paused_ms) / 1000 / (0.15 * 60);
    expect(Math.abs(shown - 100 * used)).toBeLessThanOrEqual(1);
    // a run by steps has no budget to show
    await ui.page.goto(`${ui.t.url}#/run/${done.id}`);
    await ui.page.getByTestId('run-duration').waitFor();
    expect(await ui.page.getByTestId('run-budget').count()).toBe(0);
  });

  it('offers the runs list, not a command, for a run that does not exist', async () => {
    await ui.page.goto(`${ui.t.url}#/run/999`);
    const err = ui.page.getByTestId('error');
    await poll(() => err.textContent()).toMatch(/no run 999/);
    expect(await err.textContent()).not.toMatch(/jepa-lab/);
    await err.getByTestId('error-action').click();
    await ui.page.waitForURL(/#\/runs$/);
    expect(ui.problems).toEqual([]);
  });
});
