// The e2e project's one browser: the renderer is built once and one Chromium
// is started here, before the test files run; each file connects to it (its
// own context and lab), so no file pays for a browser launch of its own.
import type { TestProject } from 'vitest/node';
import { chromium, type BrowserServer } from 'playwright-core';
import { CHROME_ARGS, CHROMIUM, ensureRendererBuilt } from './helpers.ts';

let server: BrowserServer | undefined;

export async function setup(project: TestProject): Promise<void> {
  await ensureRendererBuilt();
  server = await chromium.launchServer({ executablePath: CHROMIUM, args: CHROME_ARGS });
  project.provide('chromiumWs', server.wsEndpoint());
}

export async function teardown(): Promise<void> {
  await server?.close();
}

declare module 'vitest' {
  export interface ProvidedContext {
    chromiumWs: string;
  }
}
