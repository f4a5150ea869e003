import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { heldOutIndices, loadImageSet, saveImageSet, trainIndices, type ImageSet } from '../../../main/common/imageset.ts';
import { importFolder } from '../../../main/data/folder.ts';
import { importIdx } from '../../../main/data/idx.ts';
import { loadDigits } from '../../../main/data/digits.ts';
import { randomResizedCrop, rotateInPlace, resizeBatch } from '../../../worker/data/augment.ts';
import { syntheticShapes } from '../../../worker/data/synthetic.ts';
import { thumbnailPng } from '../../../main/data/thumbnails.ts';
import { resolveConfig } from '../../../main/common/config.ts';
import { Rng } from '../../../main/common/rng.ts';
import { idxBytes, tempDir, writeCorrupt, writeIdx, writeShapeFolder, writeTruncatedPng } from '../../fixtures.ts';

let tmp: { dir: string; cleanup: () => void };
beforeAll(() => {
  tmp = tempDir();
});
afterAll(() => tmp.cleanup());
const sub = (name: string) => path.join(tmp.dir, name);

async function rejects(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a rejection');
}

function meanStd(x: Float32Array): { mean: number; std: number } {
  let s = 0;
  let s2 = 0;
  for (const v of x) {
    s += v;
    s2 += v * v;
  }
  const m = s / x.length;
  return { mean: m, std: Math.sqrt(s2 / x.length - m * m) };
}

describe('bundled digits', () => {
  it('loads 10,000 labelled 28×28 digits with a fixed 9,000/1,000 split, and caches them', () => {
    const cache = sub('digits-cache');
    const t0 = performance.now();
    const d = loadDigits({ cacheDir: cache });
    const first = performance.now() - t0;
    expect(d.count).toBe(10000);
    expect([d.size, d.channels]).toEqual([28, 1]);
    expect(d.pixels.length).toBe(10000 * 784);
    expect(d.classes).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    const perClass = new Array(10).fill(0);
    const heldPerClass = new Array(10).fill(0);
    for (let i = 0; i < d.count; i++) {
      perClass[d.labels![i]]++;
      heldPerClass[d.labels![i]] += d.heldOut[i];
    }
    expect(perClass).toEqual([1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978]); // the mnist package's files
    expect(heldPerClass).toEqual(new Array(10).fill(100));
    expect(trainIndices(d).length).toBe(9000);
    expect(heldOutIndices(d).length).toBe(1000);
    // pixel range and the familiar MNIST statistics
    let lo = 255;
    let hi = 0;
    for (const v of d.pixels) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    expect([lo, hi]).toEqual([0, 255]);
    expect(d.mean[0]).toBeCloseTo(0.131, 2);
    expect(d.std[0]).toBeCloseTo(0.309, 2);
    // shuffled: any prefix mixes classes (a probe taking the first N gets every digit)
    expect(new Set(d.labels!.subarray(0, 100)).size).toBe(10);
    expect(new Set(Array.from(heldOutIndices(d).subarray(0, 100), (i) => d.labels![i])).size).toBe(10);
    // second load comes from the cache: same data, faster
    const t1 = performance.now();
    const again = loadDigits({ cacheDir: cache });
    const second = performance.now() - t1;
    expect(Buffer.compare(Buffer.from(again.pixels), Buffer.from(d.pixels))).toBe(0);
    expect(Array.from(again.labels!)).toEqual(Array.from(d.labels!));
    expect(Array.from(again.heldOut)).toEqual(Array.from(d.heldOut));
    expect(second).toBeLessThan(first);
    // a damaged cache is rebuilt, not trusted
    fs.writeFileSync(path.join(cache, 'pixels.u8'), Buffer.alloc(10));
    expect(Buffer.compare(Buffer.from(loadDigits({ cacheDir: cache }).pixels), Buffer.from(d.pixels))).toBe(0);
  });
});

describe('dataset folders', () => {
  it('save/load round trip, labelled and unlabelled; damaged or missing files give clear errors', () => {
    const set = syntheticShapes({ count: 30, size: 12, channels: 3, seed: 4 });
    const dir = sub('ds-roundtrip');
    saveImageSet(dir, set);
    expect(fs.readdirSync(dir).sort()).toEqual(['labels.i32', 'meta.json', 'pixels.u8', 'split.u8']);
    const back = loadImageSet(dir);
    expect(back).toEqual(set);
    const unl: ImageSet = { ...set, labels: null, classes: null, name: 'unl' };
    saveImageSet(dir, unl); // overwrite: stale labels file removed
    expect(fs.existsSync(path.join(dir, 'labels.i32'))).toBe(false);
    expect(loadImageSet(dir)).toEqual(unl);
    fs.writeFileSync(path.join(dir, 'pixels.u8'), Buffer.alloc(7));
    expect(() => loadImageSet(dir)).toThrow(/pixels\.u8 has 7 bytes, expected 12960.*import the images again/);
    expect(() => loadImageSet(sub('nope'))).toThrow(/no dataset at .*nope: meta\.json is missing/);
  });
});

describe('IDX import', () => {
  const set = syntheticShapes({ count: 50, size: 20, channels: 1, seed: 7, classes: 5 });

  for (const gzip of [false, true]) {
    it(`round-trips MNIST-format files (${gzip ? 'gzipped' : 'raw'})`, async () => {
      const files = writeIdx(sub(gzip ? 'idx-gz' : 'idx-raw'), set, { gzip });
      const progress: [number, number][] = [];
      const { set: got, report } = await importIdx(files.images, files.labels, { onProgress: (d, t) => progress.push([d, t]) });
      expect(report).toEqual({ imported: 50, skipped: [] });
      expect([got.count, got.size, got.channels, got.name]).toEqual([50, 20, 1, 'train']);
      expect(got.pixels).toEqual(set.pixels);
      expect(Array.from(got.labels!)).toEqual(Array.from(set.labels!));
      expect(got.classes).toEqual(['0', '1', '2', '3', '4']);
      expect(got.mean[0]).toBeCloseTo(set.mean[0], 10);
      expect(progress.at(-1)).toEqual([50, 50]);
      // deterministic ~10% held-out split
      const held = heldOutIndices(got).length;
      expect(held).toBeGreaterThan(0);
      expect(held).toBeLessThan(15);
      expect(Array.from(got.heldOut)).toEqual(Array.from((await importIdx(files.images, files.labels)).set.heldOut));
    });
  }

  it('imports images without labels, and RGB IDX (4 dimensions)', async () => {
    const files = writeIdx(sub('idx-nolab'), set);
    const { set: got } = await importIdx(files.images, undefined, { name: 'mine' });
    expect(got.labels).toBeNull();
    expect(got.classes).toBeNull();
    expect(got.name).toBe('mine');
    const rgb = syntheticShapes({ count: 6, size: 10, channels: 3, seed: 2 });
    const f3 = writeIdx(sub('idx-rgb'), rgb);
    const g3 = (await importIdx(f3.images, f3.labels)).set;
    expect(g3.channels).toBe(3);
    expect(g3.pixels).toEqual(rgb.pixels);
  });

  it('bad files give errors naming the file and the problem', async () => {
    const dir = sub('idx-bad');
    const good = writeIdx(dir, set);
    const bad = path.join(dir, 'bad-magic');
    const b = fs.readFileSync(good.images);
    b[2] = 0x0d;
    fs.writeFileSync(bad, b);
    expect((await rejects(importIdx(bad))).message).toMatch(/bad-magic: IDX data type 0x0d is not supported/);
    const png = path.join(dir, 'picture.png');
    fs.writeFileSync(png, await sharp({ create: { width: 4, height: 4, channels: 3, background: '#fff' } }).png().toBuffer());
    expect((await rejects(importIdx(png))).message).toMatch(/picture\.png is not an IDX file: bad magic number 0x89504e47, expected 0x00000803/);
    const trunc = path.join(dir, 'truncated');
    fs.writeFileSync(trunc, fs.readFileSync(good.images).subarray(0, 16 + 100));
    expect((await rejects(importIdx(trunc))).message).toMatch(/truncated is truncated: its header says 50×20×20 \(20000 bytes of data\) but only 100 bytes follow/);
    const truncGz = path.join(dir, 'cut.gz');
    fs.writeFileSync(truncGz, zlib.gzipSync(fs.readFileSync(good.images)).subarray(0, 40));
    expect((await rejects(importIdx(truncGz))).message).toMatch(/cut\.gz is gzip-compressed but cannot be decompressed/);
    const fewLabels = path.join(dir, 'few-labels');
    fs.writeFileSync(fewLabels, idxBytes([49], new Uint8Array(49)));
    expect((await rejects(importIdx(good.images, fewLabels))).message).toMatch(/count mismatch: images file .* has 50 images but labels file .*few-labels has 49 labels/);
    expect((await rejects(importIdx(good.labels, good.images))).message).toMatch(/is a labels file .*pass it as the labels file/);
    expect((await rejects(importIdx(path.join(dir, 'missing')))).message).toMatch(/missing does not exist/);
    const rect = path.join(dir, 'rect');
    fs.writeFileSync(rect, idxBytes([2, 4, 6], new Uint8Array(48)));
    expect((await rejects(importIdx(rect))).message).toMatch(/4×6 images; JEPA Lab needs square images/);
  });
});

describe('folder import', () => {
  it('imports class sub-folders, skipping and reporting a corrupt file, a truncated file and a non-image', async () => {
    const dir = sub('folder-classes');
    const { set: src } = await writeShapeFolder(dir, { perClass: 6, classes: 3, size: 24, channels: 3, classed: true });
    writeCorrupt(path.join(dir, 'circle', 'broken.png'));
    await writeTruncatedPng(path.join(dir, 'square', 'cut.png'));
    fs.writeFileSync(path.join(dir, 'README.txt'), 'notes');
    fs.writeFileSync(path.join(dir, '.DS_Store'), 'x'); // hidden: ignored silently
    const progress: number[] = [];
    const { set, report } = await importFolder(dir, { onProgress: (d) => progress.push(d) });
    expect(report.imported).toBe(18);
    expect(set.count).toBe(18);
    const skipped = Object.fromEntries(report.skipped.map((s) => [s.path, s.reason]));
    expect(Object.keys(skipped).sort()).toEqual(['README.txt', path.join('circle', 'broken.png'), path.join('square', 'cut.png')].sort());
    expect(skipped[path.join('circle', 'broken.png')]).toMatch(/cannot decode/);
    expect(skipped[path.join('square', 'cut.png')]).toMatch(/cannot decode/);
    expect(skipped['README.txt']).toMatch(/not an image file/);
    expect(set.classes).toEqual(['circle', 'square', 'triangle']); // sorted folder names
    // RGB source → 3 channels at the RGB default size 64
    expect([set.channels, set.size]).toEqual([3, 64]);
    const counts = [0, 0, 0];
    for (const l of set.labels!) counts[l]++;
    expect(counts).toEqual([6, 6, 6]);
    expect(progress.at(-1)).toBe(20); // 18 good + 2 undecodable attempted
    expect(trainIndices(set).length + heldOutIndices(set).length).toBe(18);
    // a chosen size keeps the content: a 24 px round trip at 24 px matches the source closely
    const same = (await importFolder(dir, { size: 24, channels: 3 })).set;
    const i = same.labels!.indexOf(same.classes!.indexOf('square'));
    const j = src.labels!.indexOf(src.classes!.indexOf('square'));
    const per = 24 * 24 * 3;
    let diff = 0;
    for (let k = 0; k < per; k++) diff = Math.max(diff, Math.abs(same.pixels[i * per + k] - src.pixels[j * per + k]));
    expect(diff).toBeLessThanOrEqual(1);
  });

  it('imports an unlabeled grayscale folder at 28 px, and converts on request', async () => {
    const dir = sub('folder-flat');
    await writeShapeFolder(dir, { perClass: 4, classes: 2, size: 40, channels: 1, classed: false, ext: '.png' });
    await writeShapeFolder(sub('folder-flat-jpg'), { perClass: 2, classes: 2, size: 40, channels: 3, classed: false, ext: '.jpg' });
    const { set, report } = await importFolder(dir, { name: 'flat' });
    expect(report).toEqual({ imported: 8, skipped: [] });
    expect(set.labels).toBeNull();
    expect(set.classes).toBeNull();
    expect([set.name, set.channels, set.size, set.count]).toEqual(['flat', 1, 28, 8]);
    const rgb = (await importFolder(dir, { channels: 3, size: 16 })).set;
    expect([rgb.channels, rgb.size]).toEqual([3, 16]);
    const jpg = (await importFolder(sub('folder-flat-jpg'), { channels: 1 })).set;
    expect([jpg.channels, jpg.size, jpg.count]).toEqual([1, 28, 4]);
  });

  it('an empty folder, one with nothing decodable, or a missing one is an error that says so', async () => {
    fs.mkdirSync(sub('empty'));
    expect((await rejects(importFolder(sub('empty')))).message).toMatch(/no images to import in .*empty: it is empty/);
    writeCorrupt(path.join(sub('all-bad'), 'a.png'));
    writeCorrupt(path.join(sub('all-bad'), 'b.jpg'));
    expect((await rejects(importFolder(sub('all-bad')))).message).toMatch(/none of the 2 image file\(s\) in .*all-bad could be decoded/);
    fs.mkdirSync(sub('text-only'));
    fs.writeFileSync(path.join(sub('text-only'), 'a.txt'), 'x');
    expect((await rejects(importFolder(sub('text-only')))).message).toMatch(/none is an image/);
    expect((await rejects(importFolder(sub('does-not-exist')))).message).toMatch(/does-not-exist does not exist/);
  });
});

describe('synthetic shapes', () => {
  it('are labelled, balanced, deterministic, and distinct per class', () => {
    const s = syntheticShapes({ count: 320, size: 24, channels: 1, seed: 3, classes: 8 });
    expect(s.classes).toEqual(['square', 'circle', 'triangle', 'cross', 'ring', 'diamond', 'hbars', 'vbars']);
    expect(new Set(s.labels).size).toBe(8);
    expect(Array.from(s.labels!).filter((l) => l === 0).length).toBe(40);
    expect(syntheticShapes({ count: 320, size: 24, channels: 1, seed: 3, classes: 8 }).pixels).toEqual(s.pixels);
    expect(syntheticShapes({ count: 320, size: 24, channels: 1, seed: 4, classes: 8 }).pixels).not.toEqual(s.pixels);
    // distinct per class: leave-one-out 1-nearest-neighbour on pixels does far better than chance (1/8)
    const per = 24 * 24;
    let correct = 0;
    for (let i = 0; i < s.count; i++) {
      let best = Infinity;
      let label = -1;
      for (let j = 0; j < s.count; j++) {
        if (j === i) continue;
        let d = 0;
        for (let k = 0; k < per; k++) {
          const t = s.pixels[i * per + k] - s.pixels[j * per + k];
          d += t * t;
        }
        if (d < best) {
          best = d;
          label = s.labels![j];
        }
      }
      if (label === s.labels![i]) correct++;
    }
    expect(correct / s.count).toBeGreaterThan(0.5); // measured 0.72
    const rgb = syntheticShapes({ count: 4, size: 16, channels: 3, seed: 1 });
    expect(rgb.pixels.length).toBe(4 * 16 * 16 * 3);
    expect(rgb.mean).toHaveLength(3);
  });
});

describe('crops and resizing', () => {
  const gray = syntheticShapes({ count: 64, size: 28, channels: 1, seed: 11 });
  const idx = Array.from({ length: 64 }, (_, i) => i);

  it('random resized crops have the right shape, are normalised, and are deterministic for a seed', () => {
    const a = randomResizedCrop(gray, idx, 16, 1, [0.3, 1], new Rng(1, 3, 0));
    expect(a).toBeInstanceOf(Float32Array);
    expect(a.length).toBe(64 * 16 * 16 * 1);
    expect(a.every(Number.isFinite)).toBe(true);
    expect(randomResizedCrop(gray, idx, 16, 1, [0.3, 1], new Rng(1, 3, 0))).toEqual(a);
    expect(randomResizedCrop(gray, idx, 16, 1, [0.3, 1], new Rng(2, 3, 0))).not.toEqual(a);
    // values stay within the normalised range of the pixels
    const lo = (0 - gray.mean[0]) / gray.std[0];
    const hi = (1 - gray.mean[0]) / gray.std[0];
    expect(Math.min(...a)).toBeGreaterThanOrEqual(lo - 1e-4);
    expect(Math.max(...a)).toBeLessThanOrEqual(hi + 1e-4);
    // whole images at their own size: exactly (x/255 − mean)/std, mean ≈ 0 and std ≈ 1 over the set
    const full = resizeBatch(gray, idx, 28, 1);
    for (let k = 0; k < 28 * 28 * 3; k += 97) expect(full[k]).toBeCloseTo((gray.pixels[k] / 255 - gray.mean[0]) / gray.std[0], 5);
    const ms = meanStd(full);
    expect(Math.abs(ms.mean)).toBeLessThan(1e-3);
    expect(ms.std).toBeCloseTo(1, 2);
    // scale [1, 1] with a square image is the whole image: same as resizeBatch
    const whole = randomResizedCrop(gray, [0, 1, 2], 16, 1, [1, 1], new Rng(9));
    const rb = resizeBatch(gray, [0, 1, 2], 16, 1);
    for (let k = 0; k < whole.length; k++) expect(Math.abs(whole[k] - rb[k])).toBeLessThan(1e-4);
  });

  it('rotates crops when data.rotation > 0: a quarter turn moves pixels, corners fill with black, 0 changes nothing', () => {
    const whole = resizeBatch(gray, [0, 1], 28, 1);
    // rotation 0 draws nothing from the generator: the same crops as before the option existed
    expect(randomResizedCrop(gray, idx, 16, 1, [0.3, 1], new Rng(1, 3, 0), 0)).toEqual(randomResizedCrop(gray, idx, 16, 1, [0.3, 1], new Rng(1, 3, 0)));
    // scale [1, 1]: a tiny angle leaves the image nearly as it was, up to ±90° does not
    const small = randomResizedCrop(gray, [0, 1], 28, 1, [1, 1], new Rng(4), 1e-3);
    for (let k = 0; k < small.length; k++) expect(Math.abs(small[k] - whole[k])).toBeLessThan(1e-2);
    const turned = randomResizedCrop(gray, [0, 1], 28, 1, [1, 1], new Rng(4), 90);
    const diff = turned.reduce((s, v, k) => s + Math.abs(v - whole[k]), 0) / turned.length;
    expect(diff).toBeGreaterThan(0.1);
    // an exact quarter turn: out[y][x] = in[27 − x][y]
    const img = whole.slice(0, 784);
    rotateInPlace(img, 0, new Float32Array(784), 28, 1, Math.PI / 2, [0]);
    for (let y = 0; y < 28; y += 3) for (let x = 0; x < 28; x += 3) expect(img[y * 28 + x]).toBeCloseTo(whole[(27 - x) * 28 + y], 4);
    // an eighth of a turn leaves the corners outside the image: they fill with black (pixel value 0)
    const black = -gray.mean[0] / gray.std[0];
    const tilted = whole.slice(0, 784);
    rotateInPlace(tilted, 0, new Float32Array(784), 28, 1, Math.PI / 4, [black]);
    for (const k of [0, 27, 27 * 28, 28 * 28 - 1]) expect(tilted[k]).toBeCloseTo(black, 5);
    expect(tilted[14 * 28 + 14]).not.toBeCloseTo(black, 2); // the centre is content
    expect(() => resolveConfig('cpu-small', { data: { rotation: -5 } })).toThrow(/data\.rotation/);
  });

  it('converts channels: gray is replicated to RGB, RGB becomes gray by luminance', () => {
    const g3 = resizeBatch(gray, [0, 1], 20, 3);
    expect(g3.length).toBe(2 * 20 * 20 * 3);
    for (let p = 0; p < 20 * 20 * 2; p++) {
      expect(g3[p * 3]).toBe(g3[p * 3 + 1]);
      expect(g3[p * 3]).toBe(g3[p * 3 + 2]);
    }
    const rgb = syntheticShapes({ count: 8, size: 16, channels: 3, seed: 5 });
    const g1 = resizeBatch(rgb, [0, 1, 2, 3, 4, 5, 6, 7], 16, 1);
    expect(g1.length).toBe(8 * 16 * 16);
    const ms = meanStd(g1);
    expect(Math.abs(ms.mean)).toBeLessThan(0.01); // normalised with the luminance statistics
    expect(ms.std).toBeCloseTo(1, 1);
    const c3 = randomResizedCrop(rgb, [3], 8, 3, [0.5, 1], new Rng(1));
    expect(c3.length).toBe(8 * 8 * 3);
  });

  it('gray crops to one channel (their own loop) equal the general path to the bit, enlarging and shrinking', () => {
    // gray → RGB goes through the general path and replicates one value: its first channel is the reference
    for (const [out, scale] of [[28, [0.7, 1]], [16, [0.3, 1]], [40, [0.08, 0.5]]] as [number, [number, number]][]) {
      const one = randomResizedCrop(gray, idx, out, 1, scale, new Rng(7, 3, out));
      const three = randomResizedCrop(gray, idx, out, 3, scale, new Rng(7, 3, out));
      expect(one.length * 3).toBe(three.length);
      let same = 0;
      for (let k = 0; k < one.length; k++) if (Object.is(one[k], three[k * 3])) same++;
      expect(same).toBe(one.length);
    }
  });

  it('thumbnails are PNGs of the image, enlarged on request', async () => {
    const png = await thumbnailPng(gray, 5, 3);
    const meta = await sharp(png).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 84, 84]);
    const raw = await sharp(await thumbnailPng(gray, 5)).raw().toBuffer({ resolveWithObject: true });
    expect(raw.info.width).toBe(28);
    expect(raw.data[raw.info.channels * (14 * 28 + 14)]).toBe(gray.pixels[5 * 784 + 14 * 28 + 14]);
    await expect(thumbnailPng(gray, 64)).rejects.toThrow(/out of range/);
  });
});
