// Neighbours and Masks screens in Chromium, on two trained tiny runs:
// k neighbours with scores and labels (by image and by a dropped file), two
// runs side by side with overlap@k, the embedding map (PCA, hover, click,
// UMAP in a worker); masks drawn by the training sampler, resampled, with
// validation, and the per-patch prediction-error heatmap of a checkpoint.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useLabPage, screenshot, poll, trainTiny } from './helpers.ts';
import { writeSetImage } from '../fixtures.ts';
import { loadImageSet } from '../../main/common/imageset.ts';
import { callApi } from '../../main/lab/api.ts';
import type { RunRow } from '../../main/common/vocabulary.ts';

let a: RunRow;
let b: RunRow;
const ui = useLabPage({
  prepare: async (t) => {
    a = await trainTiny(t.lab, { name: 'inspect A', seed: 0 });
    b = await trainTiny(t.lab, { name: 'inspect B', seed: 1 });
  },
  hash: () => `#/neighbours?run=${a.id}`,
});

const resultIndices = (side: number) => ui.page.getByTestId('nn-side').nth(side).getByTestId('neighbor').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-index'))));
const resultScores = (side: number) => ui.page.getByTestId('nn-side').nth(side).getByTestId('neighbor').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-score'))));

describe('neighbours', () => {
  it('finds the k nearest images with scores and labels, for a clicked image and for a dropped file', async () => {
    await poll(() => ui.page.getByTestId('nn-checkpoint').inputValue()).toBe('20');
    await ui.page.getByTestId('nn-k').fill('5');
    const first = ui.page.getByTestId('nn-candidate').first();
    const query = Number(await first.getAttribute('data-index'));
    await first.click();
    await poll(() => ui.page.getByTestId('neighbor').count(), 60_000).toBe(5);
    const idx = await resultIndices(0);
    const scores = await resultScores(0);
    const expected = await ui.t.lab.neighbors(a.id, { image: query, k: 5 });
    expect(idx).toEqual(expected.results.map((r) => r.index));
    expect(idx).not.toContain(query);
    for (let i = 0; i < 5; i++) {
      expect(scores[i]).toBeGreaterThanOrEqual(-1);
      expect(scores[i]).toBeLessThanOrEqual(1.0001);
      if (i) expect(scores[i]).toBeLessThanOrEqual(scores[i - 1]);
    }
    // each result shows its score and its label
    const set = loadImageSet(ui.t.lab.dataset('digits').path);
    const card = await ui.page.getByTestId('neighbor').first().textContent();
    expect(card).toContain(scores[0].toFixed(3));
    expect(card).toContain(set.classes![set.labels![idx[0]]]);

    // a file dropped in (here: chosen with the file input): the image of a digit
    const file = path.join(ui.t.home, 'query.png');
    await writeSetImage(file, set, 7);
    await ui.page.getByTestId('nn-file').setInputFiles(file);
    await poll(() => ui.page.getByTestId('nn-query').count()).toBe(0); // the query is now the file, not a dataset image
    await poll(() => ui.page.locator('.qf figcaption').textContent()).toBe('query.png');
    await poll(() => ui.page.getByTestId('neighbor').count(), 60_000).toBe(5);
    const fileScores = await resultScores(0);
    expect(fileScores[0]).toBeGreaterThan(0.5);
  });

  it('puts a second run side by side with overlap@k', async () => {
    await ui.page.getByTestId('nn-other').selectOption(String(b.id));
    await poll(() => ui.page.getByTestId('nn-other-checkpoint').inputValue()).toBe('20');
    const cand = ui.page.getByTestId('nn-candidate').nth(3);
    const query = Number(await cand.getAttribute('data-index'));
    await cand.click();
    await poll(() => ui.page.getByTestId('nn-side').count(), 60_000).toBe(2);
    await poll(() => ui.page.getByTestId('nn-side').nth(1).getByTestId('neighbor').count()).toBe(5);
    const expected = await ui.t.lab.compareNeighbors({ run: a.id }, { run: b.id }, { image: query, k: 5 });
    expect(await resultIndices(0)).toEqual(expected.a.results.map((r) => r.index));
    expect(await resultIndices(1)).toEqual(expected.b.results.map((r) => r.index));
    expect(await ui.page.getByTestId('nn-overlap').textContent()).toBe(`overlap@5: ${(expected.overlap * 100).toFixed(0)}%`);
  });

  it('maps the embeddings in 2-D: hover shows the image, click searches it, UMAP runs in a worker', async () => {
    await ui.page.getByTestId('nn-other').selectOption('');
    await ui.page.getByTestId('map-load').click();
    const map = ui.page.getByTestId('embedding-map');
    await map.waitFor({ timeout: 60_000 });
    const box = (await map.boundingBox())!;
    // find a point: sweep the middle of the canvas until the tooltip appears
    let found = false;
    for (let y = 0.5; y < 0.95 && !found; y += 0.04)
      for (let x = 0.3; x < 0.8 && !found; x += 0.02) {
        await ui.page.mouse.move(box.x + box.width * x, box.y + box.height * y);
        found = (await ui.page.getByTestId('map-tooltip').count()) > 0;
      }
    expect(found).toBe(true);
    const tip = (await ui.page.getByTestId('map-tooltip').textContent())!;
    const hovered = Number(/#(\d+)/.exec(tip)![1]);
    expect(await ui.page.getByTestId('map-tooltip').locator('img').getAttribute('src')).toContain(`index=${hovered}`);
    await ui.page.mouse.down();
    await ui.page.mouse.up();
    await poll(() => ui.page.getByTestId('nn-query').getAttribute('data-index'), 30_000).toBe(String(hovered));
    await poll(() => ui.page.getByTestId('neighbor').count(), 30_000).toBe(5);

    // UMAP, computed off the UI thread: the page stays responsive meanwhile
    await ui.page.getByTestId('map-umap').click();
    expect(await map.getAttribute('data-mode')).toBe('umap');
    const t0 = Date.now();
    const ticks = await ui.page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          let n = 0;
          const iv = setInterval(() => n++, 50);
          setTimeout(() => {
            clearInterval(iv);
            resolve(n);
          }, 1000);
        }),
    );
    expect(ticks).toBeGreaterThanOrEqual(10); // ≥ half the 20 timer ticks of a second ran while UMAP worked
    await poll(() => map.getAttribute('data-ready'), 90_000).toBe('true');
    console.log(`UMAP of 2000 embeddings in a Web Worker: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    await ui.page.mouse.move(box.x + 5, box.y + 5);
    await screenshot(ui.page, 'neighbours');
    expect(ui.problems).toEqual([]);
  });
});

describe('masks', () => {
  const signatureOf = (v: { seed: number; context: number[][]; targets: number[][][] }) =>
    `${v.seed}:${v.context.map((c) => c.join('.')).join('|')}:${v.targets.map((tt) => tt.map((bb) => bb.join('.')).join('/')).join('|')}`;

  it('draws the sampler masks over images and resamples them on demand', async () => {
    await ui.page.goto(`http://127.0.0.1:${ui.t.server.port}/#/masks?run=${a.id}`);
    await ui.page.reload();
    const grid = ui.page.getByTestId('mask-grid');
    await grid.waitFor();
    await poll(() => ui.page.getByTestId('mask-cell').count()).toBe(8);
    const s0 = await grid.getAttribute('data-signature');
    const expected0 = (await callApi(ui.t.lab, 'sampleMasks', { run: a.id, seed: 0, count: 8, dataset: 'digits' })) as Parameters<typeof signatureOf>[0];
    expect(s0).toBe(signatureOf(expected0));
    // every image: 4 target blocks drawn, context patches outlined
    const cell = ui.page.getByTestId('mask-cell').first();
    expect(await cell.locator('rect.ctx').count()).toBe(expected0.context[0].length);

    await ui.page.getByTestId('mask-resample').click();
    await poll(() => grid.getAttribute('data-signature')).not.toBe(s0);
    expect(await ui.page.getByTestId('mask-seed').inputValue()).toBe('1');
    const expected1 = (await callApi(ui.t.lab, 'sampleMasks', { run: a.id, seed: 1, count: 8, dataset: 'digits' })) as Parameters<typeof signatureOf>[0];
    expect(await grid.getAttribute('data-signature')).toBe(signatureOf(expected1));

    // a parameter change resamples too
    await ui.page.getByTestId('mask-num').fill('2');
    await poll(async () => (await ui.page.getByTestId('mask-cell').first().textContent())?.includes('2×')).toBe(true);
    await ui.page.getByTestId('mask-num').fill('4');

    // out-of-range settings: the message names the field and the allowed range, in place
    await ui.page.getByTestId('mask-min-keep').fill('100');
    await poll(() => ui.page.getByTestId('mask-min-keep-error').textContent()).toMatch(/mask\.min_keep: must be an integer in \[1, 15\], got 100/);
    await ui.page.getByTestId('mask-min-keep').fill('2');
    await poll(() => ui.page.getByTestId('mask-min-keep-error').count()).toBe(0);
  });

  it('shows the per-patch prediction error of a checkpoint as a heatmap', async () => {
    await ui.page.getByTestId('mask-error-btn').click();
    await poll(() => ui.page.getByTestId('mask-heatmap').count(), 60_000).toBe(8);
    const scale = await ui.page.getByTestId('heat-scale').textContent();
    expect(scale).toMatch(/checkpoint step 20/);
    const heat = ui.page.getByTestId('mask-heatmap').first();
    expect(await heat.locator('rect:not(.dim)').count()).toBeGreaterThan(0);
    await screenshot(ui.page, 'masks');
    expect(ui.problems).toEqual([]);
  });
});
