// Screenshots of every screen at 1440×900 on a lab with trained, evaluated and
// live runs: `npx tsx test/e2e/screens.ts artifacts/screens/after`. Each step
// is best effort (a control the UI lacks is skipped and said), so the same
// script takes the pictures before and after a change to the UI.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ensureRendererBuilt, launchBrowser, startLab, trainTiny } from './helpers.ts';

const out = path.resolve(process.argv[2] ?? 'artifacts/screens');
fs.mkdirSync(out, { recursive: true });
const notes: string[] = [];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function step(what: string, fn: () => Promise<unknown>): Promise<void> {
  try {
    await fn();
  } catch (e) {
    notes.push(`${what}: skipped (${(e as Error).message.split('\n')[0]})`);
  }
}

async function shot(page: Page, name: string): Promise<void> {
  const file = path.join(out, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  notes.push(`${name}: ${file}`);
}

await ensureRendererBuilt();
const [t, browser] = await Promise.all([startLab(), launchBrowser()]);
try {
  const a = await trainTiny(t.lab, { name: 'tiny lr 3e-3', steps: 60, seed: 0 });
  const b = await trainTiny(t.lab, { name: 'tiny lr 1e-3', steps: 60, seed: 1, config: { optimization: { lr: 0.001 } } });
  await t.lab.evaluate(a.id);
  const live = await t.lab.train({ preset: 'tiny', steps: 20_000, seed: 2, name: 'live run' });
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  ctx.setDefaultTimeout(10_000);
  const page = await ctx.newPage();
  const go = async (hash: string) => {
    await page.goto(`${t.url}${hash}`);
    await page.waitForLoadState('networkidle').catch(() => null);
  };

  // the live run: pause, wait, continue, so that its speed and ETA follow a pause
  await go(`#/run/${live.id}`);
  await page.getByTestId('pause-run').click({ timeout: 60_000 });
  await sleep(6000);
  await page.getByTestId('continue-run').click({ timeout: 30_000 });
  await sleep(3000);
  await shot(page, 'run-live-after-pause');

  await go('#/runs');
  await sleep(1500);
  await shot(page, 'runs');

  await go(`#/run/${a.id}`);
  await sleep(2000);
  await shot(page, 'run-completed');

  await go(`#/compare?ids=${a.id},${b.id}`);
  await sleep(2500);
  await shot(page, 'compare');

  await go(`#/neighbours?run=${a.id}`);
  await step('neighbours query', async () => {
    await page.getByTestId('nn-candidate').nth(2).click();
    await page.getByTestId('neighbor').first().waitFor({ timeout: 60_000 });
  });
  await step('neighbours compare-with', async () => {
    await page.getByTestId('nn-other').selectOption(String(b.id));
    await sleep(1000);
    // the re-asked query's second side, when the UI asks again by itself
    await page.getByTestId('nn-side').nth(1).getByTestId('neighbor').first().waitFor({ timeout: 60_000 });
    await page.getByTestId('nn-searching').waitFor({ state: 'detached', timeout: 60_000 });
  });
  await shot(page, 'neighbours');
  await step('map', async () => {
    await page.getByTestId('map-load').click();
    await page.getByTestId('embedding-map').waitFor({ timeout: 90_000 });
    await sleep(1500);
    await page.getByTestId('embedding-map').scrollIntoViewIfNeeded();
  });
  await shot(page, 'neighbours-map');

  await go(`#/masks?run=${a.id}`);
  await step('masks heatmap', async () => {
    await page.getByTestId('mask-error-btn').click();
    await page.getByTestId('mask-heatmap').first().waitFor({ timeout: 60_000 });
  });
  await sleep(800);
  await shot(page, 'masks');
  await step('masks min > max', async () => {
    await page.getByTestId('mask-pred0').fill('0.5');
    await page.getByTestId('mask-pred1').fill('0.2');
    await sleep(1500);
  });
  await shot(page, 'masks-error');

  await go('#/datasets');
  await sleep(1500);
  await shot(page, 'datasets');

  await page.close();
  await ctx.close();
} finally {
  await browser.close();
  await t.close();
}
console.log(notes.join('\n'));
