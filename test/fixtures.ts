// Test fixtures made by code, in temporary folders: PNG/JPEG images via sharp,
// corrupt files, and MNIST-format IDX files (raw or gzipped). Nothing binary
// is committed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import sharp from 'sharp';
import { syntheticShapes } from '../worker/data/synthetic.ts';
import { type ImageSet } from '../main/common/imageset.ts';

/** A fresh temporary folder; call the returned cleanup when done. */
export function tempDir(prefix = 'jepa-lab-test-'): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Write raw uint8 pixels [H, W, C] as an image file; the format follows the extension (.png, .jpg, .webp). */
export async function writeImage(file: string, pixels: Uint8Array, width: number, height: number, channels: 1 | 3 | 4): Promise<void> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let img = sharp(Buffer.from(pixels), { raw: { width, height, channels } });
  const ext = path.extname(file).toLowerCase();
  if (channels === 1) img = img.toColourspace('b-w');
  if (ext === '.jpg' || ext === '.jpeg') img = img.jpeg({ quality: 95 });
  else if (ext === '.webp') img = img.webp({ lossless: true });
  else img = img.png();
  await img.toFile(file);
}

/** One image of a set as a file. */
export async function writeSetImage(file: string, set: ImageSet, index: number): Promise<void> {
  const per = set.size * set.size * set.channels;
  await writeImage(file, set.pixels.subarray(index * per, (index + 1) * per), set.size, set.size, set.channels as 1 | 3);
}

/** A file with an image extension that holds garbage. */
export function writeCorrupt(file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, Buffer.from('this is not an image, whatever its name says\n'.repeat(4)));
}

/** A real PNG cut short (valid signature and header, missing data). */
export async function writeTruncatedPng(file: string, size = 32): Promise<void> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const px = new Uint8Array(size * size * 3).map((_, i) => (i * 37) % 256);
  const png = await sharp(Buffer.from(px), { raw: { width: size, height: size, channels: 3 } })
    .png({ compressionLevel: 0 })
    .toBuffer();
  fs.writeFileSync(file, png.subarray(0, Math.floor(png.length / 2)));
}

/**
 * A folder of synthetic shapes, one sub-folder per class (classed = true) or
 * all images directly in it. Returns the set the files were made from
 * (file k of a class is the k-th image of that class in set order).
 */
export async function writeShapeFolder(
  dir: string,
  opts: { perClass: number; classes: number; size: number; channels: 1 | 3; classed: boolean; seed?: number; ext?: string },
): Promise<{ set: ImageSet; files: string[] }> {
  const set = syntheticShapes({ count: opts.perClass * opts.classes, size: opts.size, channels: opts.channels, seed: opts.seed ?? 1, classes: opts.classes });
  const files: string[] = [];
  const seen = new Map<number, number>();
  for (let i = 0; i < set.count; i++) {
    const label = set.labels![i];
    const k = seen.get(label) ?? 0;
    seen.set(label, k + 1);
    const name = `img${String(opts.classed ? k : i).padStart(4, '0')}${opts.ext ?? '.png'}`;
    const rel = opts.classed ? path.join(set.classes![label], name) : name;
    await writeSetImage(path.join(dir, rel), set, i);
    files.push(rel);
  }
  return { set, files };
}

/** IDX header + data bytes. dims as in the file (e.g. [N, 28, 28]). */
export function idxBytes(dims: number[], data: Uint8Array): Buffer {
  const header = Buffer.alloc(4 + 4 * dims.length);
  header[2] = 0x08;
  header[3] = dims.length;
  dims.forEach((d, i) => header.writeUInt32BE(d, 4 + 4 * i));
  return Buffer.concat([header, Buffer.from(data)]);
}

/** Write a set as MNIST-format IDX files (images 0x0803, labels 0x0801); gzip adds .gz and compresses. */
export function writeIdx(dir: string, set: ImageSet, opts: { gzip?: boolean; prefix?: string } = {}): { images: string; labels: string } {
  fs.mkdirSync(dir, { recursive: true });
  const prefix = opts.prefix ?? 'train';
  const dims = set.channels === 1 ? [set.count, set.size, set.size] : [set.count, set.size, set.size, set.channels];
  let img = idxBytes(dims, set.pixels);
  let lab = idxBytes([set.count], Uint8Array.from(set.labels ?? new Int32Array(set.count)));
  const suffix = opts.gzip ? '.gz' : '';
  if (opts.gzip) {
    img = zlib.gzipSync(img);
    lab = zlib.gzipSync(lab);
  }
  const images = path.join(dir, `${prefix}-images-idx${dims.length}-ubyte${suffix}`);
  const labels = path.join(dir, `${prefix}-labels-idx1-ubyte${suffix}`);
  fs.writeFileSync(images, img);
  fs.writeFileSync(labels, lab);
  return { images, labels };
}
