// Runs and Run screens in Chromium: launch a tiny run from the form (with
// inline validation), watch its chart grow live, stop it; the runs table with
// live progress, filter, sort and delete behind a confirmation dialog.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useLabPage, screenshot, poll } from './helpers.ts';

const ui = useLabPage();

const points = (p: Page, metric: string) => p.evaluate((m) => Number((document.querySelector(`[data-testid="chart-${m}"] .plot`) as HTMLElement | null)?.dataset.points ?? 0), metric);

describe('runs', () => {
  it('launches a tiny run from the form, with validation naming the allowed range; its chart grows live; stop stops it', async () => {
    // no runs yet: the launch form is open
    await ui.page.getByTestId('launch-form').waitFor();
    expect(await ui.page.evaluate(() => location.search)).toBe(''); // the token left the address bar
    await ui.page.getByTestId('launch-preset').selectOption('tiny');
    await poll(() => ui.page.getByTestId('launch-batch').inputValue()).toBe('8');

    await ui.page.getByTestId('launch-batch').fill('0');
    await poll(() => ui.page.getByTestId('error-batch').textContent()).toMatch(/data\.batch_size: must be an integer in \[1, 4096\], got 0/);
    expect(await ui.page.getByTestId('launch-submit').isDisabled()).toBe(true);
    await ui.page.getByTestId('launch-batch').fill('8');
    await ui.page.getByTestId('launch-lr').fill('abc');
    await poll(() => ui.page.getByTestId('error-lr').textContent()).toMatch(/lr must be a number/);
    await ui.page.getByTestId('launch-lr').fill('20');
    await poll(() => ui.page.getByTestId('error-lr').textContent()).toMatch(/optimization\.lr: must be a number in \(0, 10\], got 20/);
    await screenshot(ui.page, 'runs-launch-form');
    await ui.page.getByTestId('launch-lr').fill('0.003');
    await ui.page.getByTestId('launch-embed_dim').fill('18');
    await poll(() => ui.page.getByTestId('error-embed_dim').textContent()).toMatch(/multiple of 4/);
    await ui.page.getByTestId('launch-embed_dim').fill('16');
    await ui.page.getByTestId('launch-steps').fill('4000');
    await ui.page.getByTestId('launch-name').fill('e2e launched');
    await poll(() => ui.page.getByTestId('launch-summary').textContent()).toMatch(/4000 steps · 4×4 patches/);
    expect(await ui.page.getByTestId('error-lr').count()).toBe(0);
    await ui.page.getByTestId('launch-submit').click();

    await ui.page.waitForURL(/#\/run\/1$/);
    await poll(() => ui.page.getByTestId('run-title').textContent()).toBe('e2e launched');
    // the loss chart appears and keeps growing while the run trains
    await poll(() => points(ui.page, 'loss'), 60_000).toBeGreaterThan(3);
    const first = await points(ui.page, 'loss');
    await poll(() => points(ui.page, 'loss'), 30_000).toBeGreaterThan(first + 10);
    // the schedules start folded away
    expect(await ui.page.getByTestId('chart-lr').count()).toBe(0);
    await ui.page.getByTestId('group-toggle-schedules').click();
    for (const m of ['lr', 'wd', 'momentum']) await poll(() => points(ui.page, m)).toBeGreaterThan(0);
    expect(await ui.page.getByTestId('run-status').textContent()).toBe('running');
    await poll(() => ui.page.getByTestId('run-backend').textContent()).toMatch(/wasm|tensorflow|cpu/);
    await screenshot(ui.page, 'run');

    await ui.page.getByTestId('stop-run').click();
    await poll(() => ui.page.getByTestId('run-status').textContent(), 60_000).toBe('stopped');
    const run = ui.t.lab.run(1);
    expect(run.status).toBe('stopped');
    expect(run.step).toBeGreaterThan(0);
    expect(run.step).toBeLessThan(4000);
    expect(run.config.optimization.lr).toBe(0.003);
    expect(run.config.data.batch_size).toBe(8);
    // the run's checkpoint (written on stop) is listed
    await poll(() => ui.page.getByTestId('checkpoints').locator('tr').count(), 10_000).toBeGreaterThan(0);

    // tags and notes can be edited afterwards
    await ui.page.getByTestId('edit-run').click();
    await ui.page.getByTestId('edit-tags').fill('first, edited');
    await ui.page.getByTestId('edit-notes').fill('stopped by the e2e test');
    await ui.page.getByTestId('edit-form').locator('button[type=submit]').click();
    await poll(() => ui.page.locator('.head .chip').allTextContents()).toEqual(['first', 'edited']);
    expect(ui.t.lab.run(1)).toMatchObject({ tags: ['first', 'edited'], notes: 'stopped by the e2e test', name: 'e2e launched' });

    // a collapse warning from the worker is shown on the run page
    expect(await ui.page.getByTestId('collapse-warning').count()).toBe(0);
    ui.t.lab.store.updateRun(1, { collapse_warning: 'collapse warning at step 10: per-dimension feature std 0.0004 < 0.01' });
    await ui.page.reload();
    await poll(() => ui.page.getByTestId('collapse-warning').textContent()).toMatch(/Representation collapse suspected\. collapse warning at step 10: per-dimension feature std/);
  });

  it('shows every run in the table with live progress; filters, sorts, and deletes only after confirmation', async () => {
    const second = await ui.t.lab.train({ preset: 'tiny', steps: 4000, name: 'second live', tags: ['e2e'] });
    await ui.page.getByTestId('nav-runs').click();
    const rows = ui.page.getByTestId('run-row');
    await poll(() => rows.count()).toBe(2);
    // live progress bar of the running run
    const live = ui.page.locator(`[data-testid="run-row"][data-run-id="${second.id}"]`);
    await live.getByTestId('run-progress').waitFor({ timeout: 60_000 });
    const v1 = Number(await live.locator('progress').getAttribute('value'));
    await poll(async () => Number(await live.locator('progress').getAttribute('value')), 30_000).toBeGreaterThan(v1);
    await screenshot(ui.page, 'runs');

    // filter by text and by tag
    await ui.page.getByTestId('runs-filter').fill('launched');
    await poll(() => rows.count()).toBe(1);
    expect(await rows.first().getAttribute('data-run-id')).toBe('1');
    await ui.page.getByTestId('runs-filter').fill('');
    await ui.page.getByTestId('runs-tag').selectOption('e2e');
    await poll(() => rows.count()).toBe(1);
    expect(await rows.first().getAttribute('data-run-id')).toBe(String(second.id));
    await ui.page.getByTestId('runs-tag').selectOption('');
    // sort by name, both ways
    await ui.page.getByTestId('sort-name').click();
    await poll(async () => rows.evaluateAll((rs) => rs.map((r) => r.getAttribute('data-run-id')))).toEqual(['1', String(second.id)]);
    await ui.page.getByTestId('sort-name').click();
    await poll(async () => rows.evaluateAll((rs) => rs.map((r) => r.getAttribute('data-run-id')))).toEqual([String(second.id), '1']);

    // stop from the table
    await live.getByTestId('stop-run').click();
    await poll(() => live.getAttribute('data-status'), 60_000).toBe('stopped');

    // delete: cancel keeps it, confirm removes it (rows, and the run in the lab)
    const first = ui.page.locator('[data-testid="run-row"][data-run-id="1"]');
    await first.getByTestId('delete-run').click();
    await ui.page.getByTestId('confirm-dialog').waitFor({ state: 'visible' });
    expect(await ui.page.getByTestId('confirm-dialog').textContent()).toMatch(/Delete run 1\?/);
    await ui.page.getByTestId('confirm-cancel').click();
    await ui.page.getByTestId('confirm-dialog').waitFor({ state: 'hidden' });
    expect(await rows.count()).toBe(2);
    expect(ui.t.lab.runsList()).toHaveLength(2);
    await first.getByTestId('delete-run').click();
    await ui.page.getByTestId('confirm-ok').click();
    await poll(() => rows.count()).toBe(1);
    expect(ui.t.lab.runsList().map((r) => r.id)).toEqual([second.id]);

    expect(ui.problems).toEqual([]);
  });
});
