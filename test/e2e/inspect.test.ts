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

  it('names the query\'s label and the score, marks neighbours of another class, and asks again when "compare with" changes', async () => {
    const cand = ui.page.getByTestId('nn-candidate').nth(3);
    const query = Number(await cand.getAttribute('data-index'));
    await cand.click();
    await poll(() => ui.page.getByTestId('nn-query').getAttribute('data-index')).toBe(String(query));
    await poll(() => resultIndices(0), 60_000).toEqual((await ui.t.lab.neighbors(a.id, { image: query, k: 5 })).results.map((r) => r.index));
    const set = loadImageSet(ui.t.lab.dataset('digits').path);
    const qClass = set.classes![set.labels![query]];
    expect(await ui.page.getByTestId('nn-query-label').textContent()).toBe(`label ${qClass}`);
    const marks = await ui.page.getByTestId('neighbor').evaluateAll((els) => els.map((e) => [Number(e.getAttribute('data-index')), e.getAttribute('data-mismatch')]));
    for (const [idx, mark] of marks) expect(mark, `neighbour ${idx}`).toBe(String(set.labels![idx as number] !== set.labels![query]));
    expect(await ui.page.getByTestId('neighbor').first().textContent()).toMatch(/cosine\s*[-\d.]+/);

    // picking a run to compare with asks the same query again, side by side
    await ui.page.getByTestId('nn-other').selectOption(String(b.id));
    await poll(() => ui.page.getByTestId('nn-side').count(), 60_000).toBe(2);
    await poll(() => ui.page.getByTestId('nn-side').nth(1).getByTestId('neighbor').count()).toBe(5);
    expect(await ui.page.getByTestId('nn-other-checkpoint').inputValue()).toBe('20');
    const expected = await ui.t.lab.compareNeighbors({ run: a.id }, { run: b.id }, { image: query, k: 5 });
    expect(await resultIndices(0)).toEqual(expected.a.results.map((r) => r.index));
    expect(await resultIndices(1)).toEqual(expected.b.results.map((r) => r.index));
    expect(await ui.page.getByTestId('nn-overlap').textContent()).toBe(`overlap@5: ${(expected.overlap * 100).toFixed(0)}%`);
    // its checkpoint too: random init gives other neighbours
    await ui.page.getByTestId('nn-other-checkpoint').selectOption('-1');
    const random = await ui.t.lab.neighbors(b.id, { image: query, k: 5, checkpoint: -1 });
    await poll(() => resultIndices(1), 60_000).toEqual(random.results.map((r) => r.index));
    // and back to one run
    await ui.page.getByTestId('nn-other').selectOption('');
    await poll(() => ui.page.getByTestId('nn-side').count(), 30_000).toBe(1);
  });

  it('maps every embedding in 2-D with the query and its neighbours: hover, click, zoom, hide a class, UMAP in a worker', async () => {
    await ui.page.getByTestId('map-load').click();
    const map = ui.page.getByTestId('embedding-map');
    await map.waitFor({ timeout: 60_000 });
    // the whole dataset, not a sample
    await poll(() => map.getAttribute('data-points'), 30_000).toBe('10000');
    expect(await map.getAttribute('data-total')).toBe('10000');
    expect(await ui.page.getByTestId('map-summary').textContent()).toMatch(/10,000 of 10,000 images/);
    expect(await ui.page.getByTestId('map-explained').textContent()).toMatch(/^PC1 \d+\.\d%, PC2 \d+\.\d% of the variance$/);
    // the query on screen and its 5 neighbours are on the map
    await poll(() => map.getAttribute('data-highlighted')).toBe('5');
    // a legend entry hides its class
    const entry = ui.page.getByTestId('map-legend-entry').first();
    const hiddenCount = Number(/([\d,]+)$/.exec((await entry.textContent())!.trim())![1].replace(/,/g, ''));
    await entry.click();
    await poll(() => map.getAttribute('data-points')).toBe(String(10000 - hiddenCount));
    await entry.click();
    await poll(() => map.getAttribute('data-points')).toBe('10000');
    // the wheel zooms in (points leave the canvas), double-click resets
    const box = (await map.boundingBox())!;
    await ui.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    for (let i = 0; i < 6; i++) await ui.page.mouse.wheel(0, -300);
    await poll(async () => Number(await map.getAttribute('data-points'))).toBeLessThan(10000);
    await ui.page.mouse.dblclick(box.x + box.width / 2, box.y + box.height / 2);
    await poll(() => map.getAttribute('data-points')).toBe('10000');
    await poll(() => ui.page.getByTestId('neighbor').count(), 30_000).toBe(5); // the double-click's clicks may have picked a point
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
    console.log(`UMAP of a 5,000-image sample in a Web Worker: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    expect(await ui.page.getByTestId('map-summary').textContent()).toMatch(/UMAP of a sample of 5,000 of 10,000 images/);
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

    // out-of-range settings: the message names the setting in the page's words and the allowed range, in place
    await ui.page.getByTestId('mask-min-keep').fill('100');
    await poll(() => ui.page.getByTestId('mask-min-keep-error').textContent()).toMatch(/^min context patches: must be an integer in \[1, 15\], got 100$/);
    expect(await ui.page.getByTestId('mask-min-keep').getAttribute('aria-invalid')).toBe('true');
    // the masks of the last good settings are not left on screen as if they were these
    await poll(() => grid.count()).toBe(0);
    expect(await ui.page.getByTestId('mask-stale').count()).toBe(1);
    await ui.page.getByTestId('mask-min-keep').fill('2');
    await poll(() => ui.page.getByTestId('mask-min-keep-error').count()).toBe(0);
    await grid.waitFor();

    // min > max is caught before asking the lab
    let asked = 0;
    const count = (r: { url(): string }) => void (r.url().includes('/api/sampleMasks') && asked++);
    ui.page.on('request', count);
    await ui.page.getByTestId('mask-pred0').fill('0.5');
    await ui.page.getByTestId('mask-pred1').fill('0.2');
    await poll(() => ui.page.getByTestId('mask-pred-error').textContent()).toBe('target scale: the min (0.5) is larger than the max (0.2)');
    expect(await ui.page.getByTestId('mask-pred0').getAttribute('aria-invalid')).toBe('true');
    await new Promise((r) => setTimeout(r, 400));
    ui.page.off('request', count);
    expect(asked).toBe(0);
    await ui.page.getByTestId('mask-pred0').fill('0.15');
    await grid.waitFor();
    // a range the lab refuses is said in the page's words too (not sampleMasks.mask.aspect_ratio[1])
    await ui.page.getByTestId('mask-asp1').fill('200');
    await poll(() => ui.page.getByTestId('mask-asp-error').textContent()).toMatch(/^aspect ratio max must be a number in \[0, 100\], got 200$/);
    await screenshot(ui.page, 'masks-error');
    await ui.page.getByTestId('mask-asp1').fill('1.5');
    await grid.waitFor();
  });

  it('shows the per-patch prediction error of a checkpoint as a heatmap', async () => {
    await ui.page.getByTestId('mask-error-btn').click();
    await poll(() => ui.page.getByTestId('mask-heatmap').count(), 60_000).toBe(8);
    const scale = await ui.page.getByTestId('heat-scale').textContent();
    expect(scale).toMatch(/checkpoint step 20/);
    const heat = ui.page.getByTestId('mask-heatmap').first();
    expect(await heat.locator('rect:not(.dim)').count()).toBeGreaterThan(0);
    // a colour bar, and each image's mean error over its target patches
    expect(await ui.page.getByTestId('heat-colorbar').count()).toBe(1);
    const perImage = await ui.page.getByTestId('image-error').allTextContents();
    expect(perImage).toHaveLength(8);
    for (const t of perImage) expect(t).toMatch(/error \d/);
    await screenshot(ui.page, 'masks');
    expect(ui.problems).toEqual([]);
  });
});
