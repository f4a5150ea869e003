// Image folders, decoded by sharp: auto-oriented, alpha flattened onto black,
// centre-cropped to a square and resized (fit "cover"). channels defaults to 1
// when every image is grayscale and 3 otherwise; size to 28 for grayscale and
// 64 for RGB. Two layouts: an ImageFolder (one sub-folder per class, split at
// random), and torchvision's split layout, train/ and val/ (or test/) each
// holding an ImageFolder, which keeps its split.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { badInput, errorLine } from '../common/errors.ts';
import { hashedHeldOut, makeImageSet, type ImageSet, type ImportProgress, type ImportReport } from '../common/imageset.ts';
import type { DatasetSplitKind } from '../common/vocabulary.ts';

const IMAGE_EXT = new Set(['.png', '.jpg', '.jpeg', '.jpe', '.jfif', '.webp', '.gif', '.tif', '.tiff', '.avif', '.heic', '.heif', '.svg', '.bmp']);

/** Every file under dir (relative paths, sorted), hidden ones excepted. */
export function listFiles(dir: string, rel = ''): string[] {
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
 * With train/ and val/ (or test/) sub-folders, each is such a folder and
 * val/'s images are the held-out split; otherwise ~10% are held out at random.
 */
export async function importFolder(
  dir: string,
  opts: { name?: string; size?: number; channels?: 1 | 3; onProgress?: ImportProgress } = {},
): Promise<{ set: ImageSet; report: ImportReport; split: DatasetSplitKind }> {
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
  const layout = splitLayout(dir);
  // Each file's path inside its part (the whole folder, or train/ or the held-out folder of a split one), and whether it is outside both.
  const placed = all.map((rel) => {
    const parts = rel.split(path.sep);
    if (!layout) return { rel, inner: parts, heldOut: false, outside: false };
    const top = parts[0];
    if (parts.length > 1 && top === layout.train) return { rel, inner: parts.slice(1), heldOut: false, outside: false };
    if (parts.length > 1 && top === layout.heldOut) return { rel, inner: parts.slice(1), heldOut: true, outside: false };
    return { rel, inner: parts, heldOut: false, outside: true };
  });
  const classOf = (inner: string[]) => (inner.length > 1 ? inner[0] : null);
  const classNames = [...new Set(placed.filter((p) => !p.outside && isImageName(p.rel)).map((p) => classOf(p.inner)).filter((c): c is string => c !== null))].sort();
  const labeled = classNames.length > 0;
  const candidates: { rel: string; cls: string | null; heldOut: boolean }[] = [];
  for (const p of placed) {
    const { rel } = p;
    if (p.outside) {
      const top = p.inner[0];
      skipped.push({
        path: rel,
        reason: layout!.ignored.includes(top)
          ? `${top}/ is not imported: ${layout!.heldOut}/ is the held-out split`
          : `outside ${layout!.train}/ and ${layout!.heldOut}/ (with these sub-folders, only they are imported)`,
      });
      continue;
    }
    if (!isImageName(rel)) {
      skipped.push({ path: rel, reason: `not an image file (extension "${path.extname(rel) || 'none'}"; supported: ${[...IMAGE_EXT].join(' ')})` });
      continue;
    }
    const cls = classOf(p.inner);
    if (labeled && cls === null) {
      skipped.push({ path: rel, reason: 'not in a class sub-folder (this folder has class sub-folders, so loose images have no label); move it into one' });
      continue;
    }
    if (path.extname(rel).toLowerCase() === '.bmp') {
      skipped.push({ path: rel, reason: 'BMP is not supported by the image decoder; convert it to PNG' });
      continue;
    }
    candidates.push({ rel, cls, heldOut: p.heldOut });
  }
  if (candidates.length === 0) {
    const found = all.length === 0 ? 'it is empty' : `it holds ${all.length} file(s) but none is an image JEPA Lab can read`;
    throw badInput(
      `no images to import in ${dir}: ${found}. Put image files (${[...IMAGE_EXT].filter((e) => e !== '.bmp').join(' ')}) directly in it, or in one sub-folder per class`,
    );
  }
  if (layout) {
    for (const [part, held] of [[layout.train, false], [layout.heldOut, true]] as const)
      if (!candidates.some((c) => c.heldOut === held))
        throw badInput(
          `${path.join(dir, part)} holds no image to import${labeled ? ' in a class sub-folder' : ''}: with ${layout.train}/ and ${layout.heldOut}/ sub-folders, ${layout.train}/ is the training split and ${layout.heldOut}/ the held-out one, ` +
            `each one sub-folder per class (torchvision's ImageFolder layout); fill it, or move ${part}/ out of the folder to split the rest at random`,
        );
  }

  // pass 1: headers only, to choose channels (and so the default size)
  const par = Math.max(2, Math.min(8, (os.availableParallelism?.() ?? 2) * 2));
  const metas = await mapPool(candidates, par, async (c) => {
    try {
      const m = await sharp(path.join(dir, c.rel)).metadata();
      return { gray: (m.channels ?? 3) <= 2 || m.space === 'b-w' || m.space === 'grey16', error: null as string | null };
    } catch (e) {
      return { gray: true, error: errorLine(e) };
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
        r = { px: null, reason: `cannot decode: ${errorLine(e)}` };
      }
    }
    done++;
    opts.onProgress?.(done, total);
    return r;
  });

  const ok: { px: Uint8Array; cls: string | null; heldOut: boolean }[] = [];
  decoded.forEach((d, i) => {
    if (d.px) ok.push({ px: d.px, cls: candidates[i].cls, heldOut: candidates[i].heldOut });
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
  const set = makeImageSet({
    name: opts.name ?? (path.basename(path.resolve(dir)) || 'images'),
    size,
    channels,
    count: ok.length,
    pixels,
    labels,
    classes,
    heldOut: layout ? Uint8Array.from(ok, (o) => (o.heldOut ? 1 : 0)) : hashedHeldOut(ok.length),
  });
  if (layout && !ok.some((o) => o.heldOut)) throw badInput(`none of the images in ${path.join(dir, layout.heldOut)} could be decoded, so the held-out split would be empty; check them (see the skipped files) or move ${layout.heldOut}/ out of the folder`);
  if (layout && ok.every((o) => o.heldOut)) throw badInput(`none of the images in ${path.join(dir, layout.train)} could be decoded, so there is nothing to train on; check them`);
  return { set, report: { imported: ok.length, skipped }, split: layout ? layout.kind : 'random' };
}

/** Names of held-out folders beside train/, in order of preference (torchvision and Kaggle layouts). */
const HELD_OUT_DIRS = ['val', 'valid', 'validation', 'test'];

/** train/ with val/ (or valid/, validation/, test/) beside it: the folder names as spelled, and any other held-out folder left out. */
export function splitLayout(dir: string): { train: string; heldOut: string; kind: 'val' | 'test'; ignored: string[] } | null {
  const dirs = fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name);
  const find = (n: string) => dirs.find((d) => d.toLowerCase() === n);
  const train = find('train');
  const held = HELD_OUT_DIRS.map(find).filter((d): d is string => d !== undefined);
  if (!train || held.length === 0) return null;
  return { train, heldOut: held[0], kind: held[0].toLowerCase() === 'test' ? 'test' : 'val', ignored: held.slice(1) };
}
