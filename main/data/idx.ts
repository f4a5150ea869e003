// MNIST-format (IDX) files: images (0x0803, or 0x0804 with channels) and labels (0x0801), raw or gzipped.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { promisify } from 'node:util';
import { badInput, errorLine } from '../common/errors.ts';
import { hashedHeldOut, makeImageSet, type ImageSet, type ImportProgress, type ImportReport } from '../common/imageset.ts';

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
  const set = makeImageSet({ name: opts.name ?? (base || 'idx'), size: rows, channels, count, pixels, labels, classes, heldOut: hashedHeldOut(count) });
  return { set, report: { imported: count, skipped: [] } };
}
