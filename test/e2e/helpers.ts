// End-to-end helpers: build the renderer when needed, open a lab on a temporary
// home behind `serve(lab, {port: 0})`, drive Debian's chromium with
// playwright-core, save screenshots to artifacts/screenshots/.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { Lab } from '../../main/lab/lab.ts';
import { serve, type Served } from '../../main/server/server.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const RENDERER = path.join(ROOT, 'renderer');
export const DIST = path.join(RENDERER, 'dist');
export const SCREENSHOTS = path.join(ROOT, 'artifacts', 'screenshots');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function newestMtime(p: string): number {
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let m = st.mtimeMs;
  for (const e of fs.readdirSync(p)) m = Math.max(m, newestMtime(path.join(p, e)));
  return m;
}

/**
 * Build renderer/dist when it is missing or older than its sources. Test files
 * run in parallel processes: a lock folder makes one build and the others wait.
 */
export async function ensureRendererBuilt(): Promise<void> {
  const index = path.join(DIST, 'index.html');
  const sources = () => Math.max(newestMtime(path.join(RENDERER, 'src')), newestMtime(path.join(RENDERER, 'index.html')), newestMtime(path.join(RENDERER, 'vite.config.ts')));
  const fresh = () => fs.existsSync(index) && fs.statSync(index).mtimeMs >= sources();
  if (fresh()) return;
  const lock = path.join(RENDERER, '.build-lock');
  for (let waited = 0; ; waited += 250) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      // another test process is building: wait for it (a lock older than 3 min is stale)
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (waited > 180_000 || age > 180_000) fs.rmSync(lock, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 250));
      if (fresh()) return;
    }
  }
  try {
    if (!fresh()) execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '-c', 'renderer/vite.config.ts', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

export const CHROME_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

/** The shared Chromium of the e2e project (test/e2e/global-setup.ts), or a browser of its own outside vitest (test/e2e/screens.ts). */
export async function launchBrowser(): Promise<Browser> {
  let ws: string | undefined;
  try {
    ws = inject('chromiumWs');
  } catch {
    ws = undefined; // not under vitest
  }
  if (ws) return chromium.connect(ws);
  if (!fs.existsSync(CHROMIUM)) throw new Error(`no chromium at ${CHROMIUM}: install it (apt-get install -y chromium) or set CHROMIUM_PATH`);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROME_ARGS });
}

export interface TestLab {
  lab: Lab;
  home: string;
  server: Served;
  /** the page URL with the token */
  url: string;
  close(): Promise<void>;
}

/** A lab on a fresh temporary home, served on a free port. */
export async function startLab(): Promise<TestLab> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'jepa-lab-e2e-'));
  const lab = Lab.open(home);
  const server = await serve(lab, { port: 0, host: '127.0.0.1' });
  return {
    lab,
    home,
    server,
    url: server.url,
    async close() {
      await server.close();
      // end the workers and let the lab record it before its database closes
      const active = lab.runsList().filter((r) => ['running', 'paused', 'queued'].includes(r.status));
      for (const r of active) {
        if (r.status === 'queued') lab.stop(r.id);
        else lab.runs.kill(r.id);
      }
      await Promise.race([Promise.all(active.map((r) => lab.wait(r.id))), new Promise((r) => setTimeout(r, 10_000))]);
      lab.close();
      fs.rmSync(home, { recursive: true, force: true });
    },
  };
}

/** A page that records console errors (CSP violations among them), page errors and 5xx responses (tests assert there are none). */
export async function openPage(ctx: BrowserContext, url: string): Promise<{ page: Page; problems: string[] }> {
  const page = await ctx.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    // a 4xx is the lab refusing bad input, shown in place by the page; anything else is a problem
    if (m.type() === 'error' && !/Failed to load resource: the server responded with a status of 4\d\d/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  page.on('response', (r) => {
    // the body names the server's error: without it a failure on CI says only "500"
    if (r.status() >= 500) problems.push(`HTTP ${r.status()} from ${r.url()}`);
    if (r.status() >= 500) r.text().then((body) => problems.push(`  its body: ${body.slice(0, 500)}`), () => {});
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.goto(url);
  return { page, problems };
}

/** What an e2e file's tests share: its lab, the browser, a context and the page open in it, with the page's recorded problems (see openPage). */
export interface LabPage {
  t: TestLab;
  browser: Browser;
  ctx: BrowserContext;
  page: Page;
  problems: string[];
}

/**
 * The setup of an e2e file, as its beforeAll and afterAll: the renderer built,
 * a lab on a fresh home and chromium started together, `prepare` run on the
 * lab (e.g. to train runs), then a 1400×900 context (15 s default timeout;
 * `context` adds options) with one page open at the lab's URL + `hash`; after
 * the tests, the browser and the lab closed. Call it at the top of a test
 * file; the fields are set once its beforeAll has run.
 */
export function useLabPage(opts: { prepare?: (t: TestLab) => Promise<void>; hash?: string | (() => string); context?: BrowserContextOptions } = {}): LabPage {
  const ui = {} as LabPage;
  beforeAll(async () => {
    await ensureRendererBuilt();
    [ui.t, ui.browser] = await Promise.all([startLab(), launchBrowser()]);
    await opts.prepare?.(ui.t);
    ui.ctx = await ui.browser.newContext({ viewport: { width: 1400, height: 900 }, ...opts.context });
    ui.ctx.setDefaultTimeout(15_000);
    const hash = typeof opts.hash === 'function' ? opts.hash() : (opts.hash ?? '');
    ({ page: ui.page, problems: ui.problems } = await openPage(ui.ctx, `${ui.t.url}${hash}`));
  });
  afterAll(async () => {
    // a shared browser only loses this file's connection and contexts
    await ui.browser?.close();
    await ui.t?.close();
  });
  return ui;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Train a tiny run to completion through the lab (for screens that need a finished run). */
export async function trainTiny(lab: Lab, opts: { name: string; steps?: number; seed?: number; config?: Record<string, unknown> }) {
  const run = await lab.train({ preset: 'tiny', steps: opts.steps ?? 20, seed: opts.seed ?? 0, name: opts.name, config: opts.config });
  const done = await lab.wait(run.id);
  if (done.status !== 'completed') throw new Error(`tiny run ${run.id} ended ${done.status}: ${done.error ?? ''}`);
  return done;
}

/** expect.poll with a timeout fit for a loaded 2-core machine. */
export function poll<T>(fn: () => T | Promise<T>, timeout = 15_000) {
  return expect.poll(fn, { timeout, interval: 100 });
}
