// Datasets screen in Chromium: import a folder with a corrupt file and a
// stray text file (progress, then the skipped-files report), browse the
// thumbnails with labels. And the browser-side security rules: a page without
// the token gets nothing (401), another origin is refused (403).
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { useLabPage, screenshot, poll } from './helpers.ts';
import type { EventEmitter } from 'node:events';
import { writeShapeFolder, writeCorrupt } from '../fixtures.ts';
import type { LabEvent } from '../../main/common/vocabulary.ts';

let folder: string;
const ui = useLabPage({
  prepare: async (t) => {
    folder = path.join(t.home, 'to-import', 'shapes');
    await writeShapeFolder(folder, { perClass: 30, classes: 3, size: 20, channels: 1, classed: true });
    writeCorrupt(path.join(folder, 'square', 'broken.png'));
    fs.writeFileSync(path.join(folder, 'README.txt'), 'not an image');
  },
  hash: '#/datasets',
});

describe('datasets', () => {
  it('imports a folder with progress and reports the files it skipped, with the reason', async () => {
    await ui.page.getByTestId('import-form').waitFor();
    // record what the progress bar says while the import runs
    await ui.page.evaluate(() => {
      const w = globalThis as unknown as { __progressLabels: string[] };
      w.__progressLabels = [];
      new MutationObserver(() => {
        const l = document.querySelector('[data-testid="import-progress"] .lbl')?.textContent;
        if (l) w.__progressLabels.push(l);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await ui.page.getByTestId('import-size').fill('2');
    await poll(() => ui.page.locator('.field-error').first().textContent()).toMatch(/size must be an integer from 4 to 1024/);
    expect(await ui.page.getByTestId('import-submit').isDisabled()).toBe(true);
    await ui.page.getByTestId('import-size').fill('');
    await ui.page.getByTestId('import-path').fill(folder);
    await ui.page.getByTestId('import-submit').click();
    const report = ui.page.getByTestId('import-report');
    await report.waitFor({ timeout: 60_000 });
    expect(await report.textContent()).toMatch(/Imported shapes: 90 images 28×28×1, 3 classes/);
    const skipped = (await ui.page.getByTestId('import-skipped').textContent())!;
    expect(skipped).toMatch(/Skipped 2 files/);
    expect(skipped).toMatch(/square\/broken\.png\s*cannot decode/);
    expect(skipped).toMatch(/README\.txt\s*not an image file/);
    const labels = await ui.page.evaluate(() => (globalThis as unknown as { __progressLabels: string[] }).__progressLabels);
    expect(labels.some((l) => /^\d+\/91 files$/.test(l))).toBe(true);

    const row = ui.page.locator('[data-testid="dataset-row"][data-name="shapes"]');
    await row.waitFor();
    expect(await row.locator('td').allTextContents()).toEqual(expect.arrayContaining(['shapes folder', '90', '28×28×1', '3', '2', 'random ~10%']));
    expect(ui.t.lab.dataset('shapes').count).toBe(90);
  });

  it('browses the images as thumbnails with their labels', async () => {
    const thumbs = ui.page.getByTestId('thumbs').getByTestId('thumb');
    await poll(() => thumbs.count()).toBe(90);
    const captions = await thumbs.locator('.cap').allTextContents();
    expect(new Set(captions)).toEqual(new Set(['square', 'circle', 'triangle']));
    // the images load (through the token-checked thumbnail route)
    await poll(() => thumbs.first().locator('img').evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth)).toBe(56);
    await ui.page.getByTestId('browse-split').selectOption('held_out');
    await poll(() => thumbs.count()).toBe(ui.t.lab.dataset('shapes').held_out_count);
    await ui.page.getByTestId('browse-split').selectOption('all');
    await poll(() => thumbs.count()).toBe(90);
    await screenshot(ui.page, 'datasets');

    // the bundled digits page through 10,000 images
    await ui.page.locator('[data-testid="dataset-row"][data-name="digits"] button').first().click();
    await poll(() => ui.page.getByTestId('thumbs').getByTestId('thumb').count()).toBe(96);
    await ui.page.getByTestId('browse-next').click();
    await poll(() => ui.page.getByTestId('thumbs').getByTestId('thumb').first().getAttribute('data-index')).toBe('96');

    // back to the 90 shapes: no thumbnail of digits' indices is asked of shapes (those would be refused)
    const refused: string[] = [];
    const onResponse = (r: { url(): string; status(): number }) => {
      if (r.url().includes('/api/thumbnail') && r.status() >= 400) refused.push(`${r.status()} ${r.url()}`);
    };
    ui.page.on('response', onResponse);
    await ui.page.locator('[data-testid="dataset-row"][data-name="shapes"] button').first().click();
    await poll(() => thumbs.count()).toBe(90);
    await poll(() => thumbs.first().locator('img').evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth)).toBe(56);
    await ui.page.waitForTimeout(1000); // what was asked on the switch has been answered
    ui.page.off('response', onResponse);
    expect(refused).toEqual([]);
    expect(ui.problems).toEqual([]);
  });

  it('shows an import error in place, saying what to do', async () => {
    await ui.page.getByTestId('import-path').fill(path.join(ui.t.home, 'no-such-folder'));
    await ui.page.getByTestId('import-submit').click();
    await poll(() => ui.page.getByTestId('import-form').getByTestId('error').textContent()).toMatch(/does not exist; give an image folder or an IDX file/);
  });
});

describe('the desktop File menu', () => {
  // The Electron window cannot open here (no display, no Electron binary): the menu's event
  // ({type: 'menu'}, sent on 'lab:event' by main/electron/electron.ts) is sent the way the browser
  // build receives lab events, through the lab's event stream, and the same renderer code answers it.
  const send = (e: LabEvent) => (ui.t.lab as unknown as { bus: EventEmitter }).bus.emit('event', e);

  it('New Run… opens the launch form on the runs screen', async () => {
    await ui.page.goto(`${ui.t.url}#/datasets`);
    await ui.page.getByTestId('import-form').waitFor();
    await ui.page.waitForTimeout(300); // the event stream is connected
    send({ type: 'menu', action: 'new-run' });
    await ui.page.waitForURL(/#\/runs$/);
    await ui.page.getByTestId('launch-form').waitFor();
  });

  it('Import Dataset… fills the import form with the chosen folder', async () => {
    await ui.page.getByTestId('nav-runs').click();
    const chosen = path.join(ui.t.home, 'to-import', 'chosen-in-the-dialog');
    send({ type: 'menu', action: 'import', path: chosen });
    await ui.page.waitForURL(/#\/datasets$/);
    await poll(() => ui.page.getByTestId('import-path').inputValue()).toBe(chosen);
    // coming back later does not fill it again
    await ui.page.getByTestId('import-path').fill('');
    await ui.page.getByTestId('nav-runs').click();
    await ui.page.getByTestId('nav-datasets').click();
    await ui.page.getByTestId('import-form').waitFor();
    expect(await ui.page.getByTestId('import-path').inputValue()).toBe('');
  });
});

describe('security in the browser', () => {
  it('a page without the token gets nothing: the API answers 401 and the page says what to open', async () => {
    const fresh = await ui.browser.newContext();
    try {
      const p = await fresh.newPage();
      await p.goto(`http://127.0.0.1:${ui.t.server.port}/#/runs`);
      await poll(() => p.getByTestId('fatal').textContent()).toMatch(/no access token.*jepa-lab serve/);
      const status = await p.evaluate(async () => (await fetch('/api/runs', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status);
      expect(status).toBe(401);
      const withWrong = await fresh.newPage();
      await withWrong.goto(`http://127.0.0.1:${ui.t.server.port}/?token=not-the-right-token`);
      await poll(() => withWrong.getByTestId('fatal').textContent()).toMatch(/refused this page's token/);
    } finally {
      await fresh.close();
    }
  });

  it('another origin is refused (403), even knowing the token', async () => {
    // a page served from another origin (another port) tries the API
    const evil = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><title>elsewhere</title>');
    });
    await new Promise<void>((r) => evil.listen(0, '127.0.0.1', r));
    const evilPort = (evil.address() as AddressInfo).port;
    const other = await ui.browser.newContext();
    try {
      const p = await other.newPage();
      // what the lab server answered, seen on the wire (CDP), preflights included
      // keyed by request id and joined when read: CDP may send a response's ExtraInfo before its requestWillBeSent
      const urls = new Map<string, string>();
      const codes = new Map<string, number>();
      const cdp = await other.newCDPSession(p);
      await cdp.send('Network.enable');
      cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, `${e.request.method} ${e.request.url}`));
      cdp.on('Network.responseReceivedExtraInfo', (e) => codes.set(e.requestId, e.statusCode));
      cdp.on('Network.responseReceived', (e) => codes.set(e.requestId, e.response.status));
      const status = (what: string): number | undefined => {
        for (const [id, u] of urls) if (u.replace(`http://127.0.0.1:${ui.t.server.port}`, '').replace(/\?.*$/, '') === what && codes.has(id)) return codes.get(id);
        return undefined;
      };
      await p.goto(`http://127.0.0.1:${evilPort}/`);
      const lab = `http://127.0.0.1:${ui.t.server.port}`;
      const result = await p.evaluate(
        async ({ lab, token }) => {
          const out: Record<string, string> = {};
          try {
            const r = await fetch(`${lab}/api/runs`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-lab-token': token }, body: '{}' });
            out.cors = `status ${r.status}`;
          } catch (e) {
            out.cors = `blocked: ${(e as Error).name}`;
          }
          await fetch(`${lab}/api/deleteRun`, { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body: '{"id":1}' }).catch(() => null);
          const img = new Image();
          out.img = await new Promise<string>((resolve) => {
            img.onload = () => resolve('loaded');
            img.onerror = () => resolve('refused');
            img.src = `${lab}/api/thumbnail?dataset=digits&index=0&token=${encodeURIComponent(token)}`;
          });
          return out;
        },
        { lab, token: ui.t.server.token },
      );
      expect(result.cors).toBe('blocked: TypeError');
      expect(result.img).toBe('refused');
      await poll(() => status('OPTIONS /api/runs')).toBe(403); // the preflight of the call carrying the token
      await poll(() => status('POST /api/deleteRun')).toBe(403); // a "simple" cross-origin POST
      await poll(() => status('GET /api/thumbnail')).toBe(403); // an <img> with the token in its URL
    } finally {
      await other.close();
      await new Promise((r) => evil.close(r));
    }
  });
});
