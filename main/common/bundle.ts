// A worker process or gradient thread started from the TypeScript sources runs one
// plain-JavaScript module that esbuild bundles from its entry, instead of loading
// every source through tsx: tsx's loader keeps each transformed module and its map,
// in a worker process and again in every gradient thread (docs/bench/blas.md,
// "Memory"). The app's build (electron.config.ts) ships built entries and never bundles.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as Esbuild from 'esbuild';

declare const JEPA_LAB_SOURCES: string | undefined; // defined in a bundle made by bundledEntry

/**
 * The repository's root when this code runs from its sources, through tsx or
 * bundled from them by bundledEntry; null in the app's build.
 */
export function sourcesRoot(): string | null {
  if (typeof JEPA_LAB_SOURCES === 'string') return JEPA_LAB_SOURCES;
  const here = fileURLToPath(import.meta.url);
  return here.endsWith('.ts') ? path.resolve(path.dirname(here), '..', '..') : null;
}

const built = new Map<string, string>();

/**
 * The bundled module of a TypeScript entry (an absolute path), built once per
 * process and kept under node_modules/.cache/jepa-lab by the hash of its text, so
 * that its package imports (left outside the bundle) resolve from there. Inside it,
 * sourcesRoot() still names the sources, for what they keep beside themselves (the
 * BLAS addon's build, the gradient thread's entry). A linked source map maps stacks
 * back where Node runs with --enable-source-maps.
 */
export function bundledEntry(entry: string): string {
  const done = built.get(entry);
  if (done && fs.existsSync(done)) return done; // (another process may have pruned it, below)
  const root = sourcesRoot();
  if (!root) throw new Error(`bundledEntry(${entry}): only from the sources`);
  const require = createRequire(import.meta.url);
  const esbuild = require('esbuild') as typeof Esbuild;
  const dir = path.join(path.dirname(require.resolve('esbuild/package.json')), '..', '.cache', 'jepa-lab');
  const name = path.basename(entry, '.ts');
  const out = esbuild.buildSync({
    entryPoints: [entry],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    define: { JEPA_LAB_SOURCES: JSON.stringify(root) },
    outfile: path.join(dir, `${name}.mjs`),
    logLevel: 'silent',
  });
  const js = out.outputFiles.find((f) => f.path.endsWith('.mjs'))!;
  const map = out.outputFiles.find((f) => f.path.endsWith('.map'))!;
  const hash = crypto.createHash('sha256').update(js.contents).digest('hex').slice(0, 16);
  const file = path.join(dir, `${name}-${hash}.mjs`);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dir, { recursive: true });
    // atomic: another process may be writing the same bundle
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(`${file}.map`, map.contents);
    fs.writeFileSync(tmp, js.text.replace(/\/\/# sourceMappingURL=\S+\s*$/, `//# sourceMappingURL=${path.basename(file)}.map\n`));
    fs.renameSync(tmp, file);
    // earlier builds of this entry, a day old: a process that started one has long loaded it
    for (const f of fs.readdirSync(dir)) {
      const old = path.join(dir, f);
      if (f.startsWith(`${name}-`) && !old.startsWith(file) && Date.now() - fs.statSync(old).mtimeMs > 86_400_000) fs.rmSync(old, { force: true });
    }
  }
  built.set(entry, file);
  return file;
}
