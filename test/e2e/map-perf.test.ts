// The embedding map's frame time at 10,000 and 100,000 points, in headless
// Chromium (a measurement that reports, not a timed assertion): synthetic
// datasets of 4×4 images with stored 16-d embeddings in 10 clusters, so no
// training is needed; the map is loaded through the page as a user does, then
// zoomed with the wheel and panned with the mouse, one input per animation
// frame: the draw time of each frame and the interval between frames. Also the map's payload,
// JSON numbers against base64 float32. `npx vitest run test/e2e/map-perf.test.ts`
// writes artifacts/map-perf.json.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useLabPage, poll, screenshot, ROOT, type TestLab } from './helpers.ts';
import { heldOutIndices, saveImageSet, trainIndices, type ImageSet } from '../../main/common/imageset.ts';
import { resolveConfig } from '../../main/common/config.ts';
import { Rng } from '../../main/common/rng.ts';

/** A labelled dataset of n tiny images and a "trained" run whose embeddings of it are stored: 10 Gaussian clusters. */
function syntheticMap(t: TestLab, n: number): number {
  const name = `synthetic-${n}`;
  const size = 4;
  const classes = Array.from({ length: 10 }, (_, i) => `c${i}`);
  const labels = Int32Array.from({ length: n }, (_, i) => i % 10);
  const pixels = new Uint8Array(n * size * size);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 37 + (i >> 4) * 11) & 255;
  const set: ImageSet = { name, size, channels: 1, count: n, pixels, labels, classes, heldOut: Uint8Array.from({ length: n }, (_, i) => (i % 10 === 9 ? 1 : 0)), mean: [0.5], std: [0.29] };
  const dir = path.join(t.home, 'datasets', name);
  saveImageSet(dir, set);
  const ds = t.lab.store.addDataset({ name, path: dir, kind: 'folder', count: n, size, channels: 1, labeled: true, classes, train_count: trainIndices(set).length, held_out_count: heldOutIndices(set).length, report: null });
  const config = resolveConfig('tiny', { data: { dataset: name } });
  const run = t.lab.store.createRun({ name: `map of ${n}`, config, preset: 'tiny', dataset_id: ds.id, status: 'completed', seed: 0, total_steps: 1 });
  t.lab.store.addCheckpoint({ run_id: run.id, step: 1, path: path.join(t.home, 'no-checkpoint'), bytes: 0 });
  const dim = 16;
  const rng = new Rng(n);
  const centres = Array.from({ length: 10 }, () => Array.from({ length: dim }, () => rng.normal() * 3));
  const data = new Float32Array(n * dim);
  for (let i = 0; i < n; i++) for (let j = 0; j < dim; j++) data[i * dim + j] = centres[labels[i]][j] + rng.normal();
  t.lab.store.putEmbeddings({ run_id: run.id, checkpoint_step: 1, dataset_id: ds.id }, Array.from({ length: n }, (_, i) => i), dim, data);
  return run.id;
}

const runs: Record<number, number> = {};
const ui = useLabPage({
  prepare: async (t) => {
    for (const n of [10_000, 100_000]) runs[n] = syntheticMap(t, n);
  },
});

const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const p95 = (a: number[]) => [...a].sort((x, y) => x - y)[Math.min(a.length - 1, Math.floor(a.length * 0.95))];

describe('embedding map frame time', () => {
  const report: Record<string, unknown> = {};

  for (const n of [10_000, 100_000]) {
    it(`draws ${n.toLocaleString()} points, zoomed and panned (measured)`, async () => {
      await ui.page.goto(`${ui.t.url}#/neighbours?run=${runs[n]}`);
      await ui.page.reload();
      const t0 = Date.now();
      await ui.page.getByTestId('map-load').click();
      const map = ui.page.getByTestId('embedding-map');
      await poll(() => map.getAttribute('data-points'), 120_000).toBe(String(n));
      const loadMs = Date.now() - t0;
      await map.scrollIntoViewIfNeeded();

      // wheel zoom in and out about the centre, then drag-pan, one input per animation frame
      const frames = await ui.page.evaluate(async () => {
        const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="embedding-map"] canvas')!;
        const r = canvas.getBoundingClientRect();
        const cx = r.left + r.width / 2;
        const cy = r.top + r.height / 2;
        const w = globalThis as unknown as { __mapFrames: { ms: number; points: number }[] };
        const nextFrame = () => new Promise((res) => requestAnimationFrame(() => res(null)));
        const draws = w.__mapFrames.length;
        const intervals: number[] = [];
        let last = performance.now();
        const tick = async () => {
          // the page's effects run in microtasks: then the map has asked for its frame, and this callback comes after its draw
          for (let k = 0; k < 3; k++) await Promise.resolve();
          await nextFrame();
          const now = performance.now();
          intervals.push(now - last);
          last = now;
        };
        for (let i = 0; i < 40; i++) {
          canvas.dispatchEvent(new WheelEvent('wheel', { deltaY: i < 20 ? -100 : 100, clientX: cx, clientY: cy, bubbles: true, cancelable: true }));
          await tick();
        }
        canvas.dispatchEvent(new MouseEvent('mousedown', { button: 0, buttons: 1, clientX: cx, clientY: cy, bubbles: true }));
        for (let i = 1; i <= 40; i++) {
          canvas.dispatchEvent(new MouseEvent('mousemove', { button: 0, buttons: 1, clientX: cx + 4 * i * (i <= 20 ? 1 : -1) + (i > 20 ? 160 : 0), clientY: cy, bubbles: true }));
          await tick();
        }
        canvas.dispatchEvent(new MouseEvent('mouseup', { button: 0, clientX: cx, clientY: cy, bubbles: true }));
        return { draw: w.__mapFrames.slice(draws).map((f) => f.ms), intervals };
      });
      expect(frames.draw.length).toBeGreaterThanOrEqual(60);
      const r = {
        points: n,
        load_ms: loadMs,
        draw_ms_median: +median(frames.draw).toFixed(2),
        draw_ms_p95: +p95(frames.draw).toFixed(2),
        frame_interval_ms_median: +median(frames.intervals).toFixed(1),
        frame_interval_ms_p95: +p95(frames.intervals).toFixed(1),
        draws: frames.draw.length,
      };
      report[n] = r;
      console.log(`map of ${n.toLocaleString()} points:`, JSON.stringify(r));
      await screenshot(ui.page, `map-${n}`);
    });
  }

  it('sends 100,000 points in a reasonable payload (measured)', async () => {
    const sizes = await ui.page.evaluate(async (id) => {
      const token = localStorage.getItem(`jepa-lab-token:${location.host}`)!;
      const ask = async (args: object) => (await (await fetch('/api/embeddingMap', { method: 'POST', headers: { 'content-type': 'application/json', 'x-lab-token': token }, body: JSON.stringify(args) })).text()).length;
      return { json: await ask({ id }), base64: await ask({ id, encoding: 'base64' }), base64_with_vectors: await ask({ id, encoding: 'base64', vectors: true }) };
    }, runs[100_000]);
    report.payload_bytes_100k = sizes;
    console.log('embeddingMap payload, 100,000 points:', JSON.stringify(sizes));
    expect(sizes.base64).toBeLessThan(sizes.json);
    fs.mkdirSync(path.join(ROOT, 'artifacts'), { recursive: true });
    fs.writeFileSync(path.join(ROOT, 'artifacts', 'map-perf.json'), `${JSON.stringify(report, null, 2)}\n`);
    expect(ui.problems).toEqual([]);
  });
});
