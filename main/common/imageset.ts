// Image sets: every image as uint8 [N, H, W, C] (H = W = size), an optional
// label per image, and a fixed split (1 = held out) that evaluation and the
// in-training probe use. On disk a dataset is a folder:
//   meta.json   {format, version, name, size, channels, count, classes, mean, std, labeled}
//   pixels.u8   N·H·W·C bytes
//   labels.i32  N little-endian int32 (only when labelled)
//   split.u8    N bytes, 1 = held out
// Each file is written to a temporary name and renamed; meta.json goes last, so
// a folder with a meta.json is always complete. The lab writes these folders
// (main/data) and both the lab and the workers read them.
//
// Held-out splits: digits keep the last 100 images of each class (9,000 train
// / 1,000 held out, the same on every machine); imported and synthetic sets
// hold out the images whose index hashes to 0 mod 10 (~10%, deterministic).
import fs from 'node:fs';
import path from 'node:path';
import { badInput, errorLine, LabError } from './errors.ts';
import { hashSeed } from './rng.ts';

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

/** Progress of an import: images done of total. */
export type ImportProgress = (done: number, total: number) => void;


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

export function makeImageSet(p: Omit<ImageSet, 'mean' | 'std'>): ImageSet {
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

/** Throws a RangeError naming the set when idx is not an image of it. */
export function checkIndex(set: ImageSet, idx: number): void {
  if (!Number.isInteger(idx) || idx < 0 || idx >= set.count) throw new RangeError(`image index ${idx} is out of range for "${set.name}" (${set.count} images)`);
}

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

/** A dataset folder's meta.json (name, size, channels, count, …) without reading its pixels; errors name the folder and what is wrong. */
export function readImageSetMeta(dir: string): Pick<Meta, 'name' | 'size' | 'channels' | 'count' | 'labeled' | 'classes' | 'held_out'> {
  return readMeta(dir);
}

function readMeta(dir: string): Meta {
  const metaFile = path.join(dir, 'meta.json');
  if (!fs.existsSync(metaFile))
    throw badInput(`no dataset at ${dir}: meta.json is missing (the folder is not a dataset, or its import did not finish); import the images again`);
  let meta: Meta;
  try {
    meta = JSON.parse(fs.readFileSync(metaFile, 'utf8')) as Meta;
  } catch (e) {
    throw badInput(`dataset ${dir}: meta.json is not valid JSON (${errorLine(e)}); import the images again`);
  }
  if (meta.format !== FORMAT || meta.version !== FORMAT_VERSION)
    throw badInput(`dataset ${dir}: meta.json is format ${meta.format} v${meta.version}, expected ${FORMAT} v${FORMAT_VERSION}; import the images again`);
  return meta;
}

/** Read a dataset folder written by saveImageSet; errors name the folder and what is wrong. */
export function loadImageSet(dir: string): ImageSet {
  const meta = readMeta(dir);
  const read = (file: string, bytes: number): Uint8Array => {
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
    // a DataView, not Buffer's readInt32LE: workers read datasets in the browser too
    const dv = new DataView(lb.buffer, lb.byteOffset, lb.byteLength);
    for (let i = 0; i < count; i++) labels[i] = dv.getInt32(i * 4, true);
  }
  const sp = read('split.u8', count);
  const heldOut = new Uint8Array(sp.buffer.slice(sp.byteOffset, sp.byteOffset + sp.byteLength));
  return { name: meta.name, size, channels, count, pixels, labels, classes: meta.classes, heldOut, mean: meta.mean, std: meta.std };
}

// ---------------------------------------------------------------------------

/**
 * A dataset's folder must hold its own images. Before datasets were stored by
 * id, two names that differed only in case shared a folder, and the second
 * import replaced the first one's images; such a dataset is refused, not
 * trained on. `meta` is the folder's meta.json (readImageSetMeta) or its set.
 */
export function checkDatasetFolder(ds: { id: number; name: string; count: number; path: string }, meta: { name: string; count: number }): void {
  if (meta.name === ds.name && meta.count === ds.count) return;
  throw new LabError(
    'failure',
    `dataset "${ds.name}" (id ${ds.id}): its folder ${ds.path} holds ${meta.count} images of "${meta.name}", not its own ${ds.count}: ` +
      `an import of "${meta.name}" replaced them (datasets whose names differed only in case shared a folder). ` +
      `Import "${ds.name}"'s images again under a new name; delete "${ds.name}" once no run uses it`,
  );
}
