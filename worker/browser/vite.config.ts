// The desktop app's GPU window: a page and its dedicated worker, which bundles
// the worker's job code for the browser. Node's modules are replaced by the
// shims beside this file (a file system that goes through the lab, POSIX paths).
// `npm run build:gpu-worker` writes out/gpu-worker/ (electron-builder ships it).
import path from 'node:path';
import { defineConfig } from 'vite';

const here = import.meta.dirname;
const shim = (f: string) => path.join(here, f);
const alias = {
  'node:fs': shim('fs.ts'),
  'node:path': shim('shims/path.ts'),
  'node:os': shim('shims/os.ts'),
  'node:module': shim('shims/unavailable.ts'),
  'node:crypto': shim('shims/unavailable.ts'),
  'node:url': shim('shims/unavailable.ts'),
  'node:worker_threads': shim('shims/unavailable.ts'),
  // Dawn for Node is never loaded in a browser (worker/backend/webgpu.ts uses navigator.gpu there)
  webgpu: shim('shims/unavailable.ts'),
};

export default defineConfig({
  root: here,
  base: './',
  logLevel: 'warn',
  resolve: { alias },
  worker: { format: 'es', rollupOptions: { output: { entryFileNames: '[name].js' } } },
  build: {
    outDir: path.join(here, '..', '..', 'out', 'gpu-worker'),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 8000,
    rollupOptions: { input: path.join(here, 'gpu-worker.html') },
  },
});
