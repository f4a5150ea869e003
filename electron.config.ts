// electron-vite build of the desktop app: `electron-vite build -c electron.config.ts`.
// main: the lab service + the training worker (a utilityProcess entry) and its gradient threads;
// preload: CommonJS, as a sandboxed preload must be; renderer: the Svelte UI, with
// the same config as `npm run build:renderer`.
import path from 'node:path';
import { defineConfig, externalizeDepsPlugin } from 'electron-vite';
import renderer from './renderer/vite.config.ts';

const root = import.meta.dirname;

export default defineConfig({
  main: {
    plugins: [externalizeDepsPlugin()],
    build: {
      outDir: 'out/main',
      rollupOptions: {
        // grad-thread: the data-parallel gradient threads the worker starts (worker/train/parallel.ts finds it beside worker.js)
        input: { electron: path.join(root, 'main/electron/electron.ts'), worker: path.join(root, 'worker/main.ts'), 'grad-thread': path.join(root, 'worker/train/grad-thread.ts') },
        output: { format: 'es', entryFileNames: '[name].js' },
      },
    },
  },
  preload: {
    plugins: [externalizeDepsPlugin()],
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        // gpu-preload: hands the lab's MessagePort to the hidden GPU window's page
        input: { preload: path.join(root, 'main/electron/preload.ts'), 'gpu-preload': path.join(root, 'main/electron/gpu-preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  // the one renderer config (renderer/vite.config.ts), built into out/ for the app
  renderer: {
    ...renderer,
    build: { ...renderer.build, outDir: path.join(root, 'out/renderer'), rollupOptions: { input: path.join(root, 'renderer/index.html') } },
  },
});
