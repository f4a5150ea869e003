// MNIST-format (IDX) files: images (0x0803, or 0x0804 with channels) and labels (0x0801), raw or gzipped;
// one file (and its labels), or a folder of the MNIST family's four standard files, whose t10k files are the held-out split.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { promisify } from 'node:util';
import { badInput, errorLine } from '../common/errors.ts';
import { hashedHeldOut, makeImageSet, type ImageSet, type ImportProgress, type ImportReport } from '../common/imageset.ts';
import type { DatasetSplitKind } from '../common/vocabulary.ts';

const gunzip = promisify(zlib.gunzip);

interface Idx {
  dims: number[];
  data: Uint8Array;
}

async function readIdx(file: string, role: 'images' | 'labels'): Promise<Idx> {
  let buf: Buffer;
  try {
    buf = await fs.promises.readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw badInput(`${role} file ${file} does not exist; check the path`);
    if (code === 'EISDIR') throw badInput(`${role} file ${file} is a folder; pass the IDX file itself (or import the folder as images)`);
    throw badInput(`cannot read ${role} file ${file}: ${errorLine(e)}`);
  }
  if (buf.length >= 2 && buf[0] === 0x1f && buf[1] === 0x8b) {
    try {
      buf = await gunzip(buf);
    } catch (e) {
      throw badInput(`${role} file ${file} is gzip-compressed but cannot be decompressed (${errorLine(e)}); the download is probably incomplete, fetch it again`);
    }
  }
  const want = role === 'images' ? '0x00000803 (images: count, rows, columns)' : '0x00000801 (labels: count)';
  if (buf.length < 4) throw badInput(`${role} file ${file} is only ${buf.length} bytes: too short for an IDX file (MNIST format, magic ${want})`);
  const magic = buf.readUInt32BE(0);
  const hex = `0x${magic.toString(16).padStart(8, '0')}`;
  if (buf[0] !== 0 || buf[1] !== 0)
    throw badInput(`${role} file ${file} is not an IDX file: bad magic number ${hex}, expected ${want}. Pass the MNIST-format files (e.g. train-images-idx3-ubyte[.gz] and train-labels-idx1-ubyte[.gz])`);
  if (buf[2] !== 0x08)
    throw badInput(`${role} file ${file}: IDX data type 0x${buf[2].toString(16).padStart(2, '0')} is not supported (magic ${hex}); only unsigned bytes (0x08) are, as in MNIST`);
  const nd = buf[3];
  if (role === 'images' && nd === 1) throw badInput(`images file ${file} is a labels file (magic ${hex}); pass it as the labels file and the idx3 file as images`);
  if (role === 'labels' && nd >= 3) throw badInput(`labels file ${file} is an images file (magic ${hex}); pass it as the images file and the idx1 file as labels`);
  if (role === 'images' && nd !== 3 && nd !== 4) throw badInput(`images file ${file}: bad magic number ${hex}, expected ${want}`);
  if (role === 'labels' && nd !== 1) throw badInput(`labels file ${file}: bad magic number ${hex}, expected ${want}`);
  const header = 4 + 4 * nd;
  if (buf.length < header) throw badInput(`${role} file ${file} is truncated: ${buf.length} bytes, the header alone needs ${header}; fetch the file again`);
  const dims: number[] = [];
  for (let i = 0; i < nd; i++) dims.push(buf.readUInt32BE(4 + 4 * i));
  const bytes = dims.reduce((a, b) => a * b, 1);
  const have = buf.length - header;
  if (have < bytes)
    throw badInput(`${role} file ${file} is truncated: its header says ${dims.join('×')} (${bytes} bytes of data) but only ${have} bytes follow; fetch the file again`);
  if (have > bytes) throw badInput(`${role} file ${file} has ${have - bytes} bytes after the ${dims.join('×')} data its header describes; it is not a valid IDX file`);
  return { dims, data: new Uint8Array(buf.buffer, buf.byteOffset + header, bytes) };
}

/** Images (and labels) of one IDX file pair, checked: square, ≥ 4 px, 1 or 3 channels, as many labels as images. */
async function readIdxPair(imagesPath: string, labelsPath: string | undefined): Promise<{ count: number; size: number; channels: number; pixels: Uint8Array; labels: Int32Array | null }> {
  const img = await readIdx(imagesPath, 'images');
  const [count, rows, cols] = img.dims;
  const channels = img.dims.length === 4 ? img.dims[3] : 1;
  if (count === 0) throw badInput(`images file ${imagesPath} holds no images (its header count is 0)`);
  if (rows !== cols) throw badInput(`images file ${imagesPath} holds ${rows}×${cols} images; JEPA Lab needs square images (convert them, or export them as an image folder and import that)`);
  if (rows < 4) throw badInput(`images file ${imagesPath} holds ${rows}×${cols} images; at least 4×4 is needed`);
  if (channels !== 1 && channels !== 3) throw badInput(`images file ${imagesPath} has ${channels} channels per pixel; only 1 (grayscale) or 3 (RGB) are supported`);
  let labels: Int32Array | null = null;
  if (labelsPath) {
    const lab = await readIdx(labelsPath, 'labels');
    if (lab.dims[0] !== count)
      throw badInput(`count mismatch: images file ${imagesPath} has ${count} images but labels file ${labelsPath} has ${lab.dims[0]} labels; pass the labels that belong to these images`);
    labels = Int32Array.from(lab.data);
  }
  return { count, size: rows, channels, pixels: new Uint8Array(img.data) /* own copy, detached from the file buffer */, labels };
}

const classesFor = (labels: Int32Array | null): string[] | null => {
  if (!labels) return null;
  let max = 0;
  for (const l of labels) max = Math.max(max, l);
  return Array.from({ length: max + 1 }, (_, i) => String(i));
};

/**
 * Import an MNIST-format IDX image file (magic 0x0803: N×H×W, or 0x0804 with a
 * last dimension of 1 or 3 channels), with an optional labels file (0x0801),
 * each raw or gzipped (detected from the bytes, not the name).
 */
export async function importIdx(
  imagesPath: string,
  labelsPath?: string,
  opts: { name?: string; onProgress?: ImportProgress } = {},
): Promise<{ set: ImageSet; report: ImportReport }> {
  opts.onProgress?.(0, 1);
  const { count, size, channels, pixels, labels } = await readIdxPair(imagesPath, labelsPath);
  opts.onProgress?.(count, count);
  const base = path.basename(imagesPath).replace(/\.gz$/i, '').replace(/[-.]idx\d-ubyte$/i, '').replace(/-images?$/i, '');
  const set = makeImageSet({ name: opts.name ?? (base || 'idx'), size, channels, count, pixels, labels, classes: classesFor(labels), heldOut: hashedHeldOut(count) });
  return { set, report: { imported: count, skipped: [] } };
}

/** MNIST-family file names: [prefix](train|t10k|test)-(images|labels)-idxN-ubyte[.gz] (also the "images.idx3-ubyte" spelling). */
const IDX_NAME = /^(.*?)(train|t10k|test)-(images|labels)[-.]idx(\d)-ubyte(\.gz)?$/i;

/** The IDX files of an MNIST-family folder (MNIST, Fashion-MNIST, KMNIST, an EMNIST subset), or null when it holds none. */
export function idxFolderFiles(dir: string): { train: { images: string; labels?: string }; test?: { images: string; labels?: string }; skipped: { path: string; reason: string }[] } | null {
  const files = fs.readdirSync(dir, { withFileTypes: true }).filter((e) => (e.isFile() || e.isSymbolicLink()) && !e.name.startsWith('.')).map((e) => e.name).sort();
  const sets = new Map<string, { train: { images?: string; labels?: string }; test: { images?: string; labels?: string } }>();
  const skipped: { path: string; reason: string }[] = [];
  for (const f of files) {
    const m = IDX_NAME.exec(f);
    if (!m) continue;
    const prefix = m[1].replace(/[-_.]+$/, '');
    const part = m[2].toLowerCase() === 'train' ? 'train' : 'test';
    const role = m[3].toLowerCase() as 'images' | 'labels';
    const s = sets.get(prefix) ?? { train: {}, test: {} };
    sets.set(prefix, s);
    if (s[part][role]) skipped.push({ path: f, reason: `${s[part][role]} is the ${part} ${role} file already (the same file gzipped or not)` });
    else s[part][role] = f;
  }
  const withTrain = [...sets.entries()].filter(([, s]) => s.train.images);
  if (withTrain.length === 0) return null;
  if (withTrain.length > 1)
    throw badInput(`${dir} holds several IDX datasets (${withTrain.map(([p]) => p || '(no prefix)').join(', ')}); put each in its own folder, or import one file with \`jepa-lab import FILE --labels LABELS\``);
  const [, s] = withTrain[0];
  const full = (f?: string) => (f ? path.join(dir, f) : undefined);
  for (const f of files) if (!IDX_NAME.test(f)) skipped.push({ path: f, reason: 'not an IDX file of this dataset (an MNIST-family folder imports its train and t10k files only)' });
  return {
    train: { images: full(s.train.images)!, labels: full(s.train.labels) },
    test: s.test.images ? { images: full(s.test.images)!, labels: full(s.test.labels) } : undefined,
    skipped,
  };
}

/**
 * Import an MNIST-family IDX folder: the train files are the training split,
 * the t10k (or test) files the held-out split, as in the papers; with no test
 * files ~10% of the training images are held out at random.
 */
export async function importIdxFolder(
  dir: string,
  opts: { name?: string; onProgress?: ImportProgress } = {},
): Promise<{ set: ImageSet; report: ImportReport; split: DatasetSplitKind; files: string[] }> {
  const found = idxFolderFiles(dir);
  if (!found) throw badInput(`${dir} holds no MNIST-family IDX files (train-images-idx3-ubyte[.gz] and the like)`);
  const { train, test, skipped } = found;
  if (test && !!train.labels !== !!test.labels)
    throw badInput(`${dir} has labels for the ${train.labels ? 'train' : 'test'} images only; add the ${train.labels ? 'test (t10k-labels-idx1-ubyte)' : 'train (train-labels-idx1-ubyte)'} labels file, or remove the other one`);
  opts.onProgress?.(0, 1);
  const a = await readIdxPair(train.images, train.labels);
  const b = test ? await readIdxPair(test.images, test.labels) : null;
  if (b && (b.size !== a.size || b.channels !== a.channels))
    throw badInput(`the test images (${test!.images}: ${b.size}×${b.size}×${b.channels}) do not match the train images (${train.images}: ${a.size}×${a.size}×${a.channels}); they are not one dataset`);
  const count = a.count + (b?.count ?? 0);
  const pixels = new Uint8Array(count * a.size * a.size * a.channels);
  pixels.set(a.pixels);
  if (b) pixels.set(b.pixels, a.pixels.length);
  let labels: Int32Array | null = null;
  if (a.labels) {
    labels = new Int32Array(count);
    labels.set(a.labels);
    if (b?.labels) labels.set(b.labels, a.count);
  }
  let heldOut: Uint8Array;
  if (b) {
    heldOut = new Uint8Array(count);
    heldOut.fill(1, a.count);
  } else heldOut = hashedHeldOut(count);
  opts.onProgress?.(count, count);
  const set = makeImageSet({ name: opts.name ?? (path.basename(path.resolve(dir)) || 'idx'), size: a.size, channels: a.channels, count, pixels, labels, classes: classesFor(labels), heldOut });
  const files = [train.images, train.labels, test?.images, test?.labels].filter((f): f is string => !!f);
  return { set, report: { imported: count, skipped }, split: b ? 'idx-test' : 'random', files };
}
