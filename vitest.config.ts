import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // tfjs and worker processes are heavy: separate processes, 2 at a time (2 cores).
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    env: { JEPA_LAB_BACKEND: 'wasm' },
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: ['test/e2e/**', '**/node_modules/**'] } },
      // the browser tests share one renderer build and one Chromium (test/e2e/global-setup.ts)
      { extends: true, test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], globalSetup: ['test/e2e/global-setup.ts'] } },
    ],
  },
});
