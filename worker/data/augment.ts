// The one augmentation I-JEPA uses, random resized crop (plus an optional
// rotation), and the resampling and normalisation that turn stored uint8
// images into the model's float inputs [B, S, S, C].
import { badInput } from '../../main/common/errors.ts';
import type { Rng } from '../../main/common/rng.ts';
import { channelStats, checkIndex, type ImageSet } from '../../main/common/imageset.ts';

interface Taps {
  start: Int32Array;
  n: Int32Array;
  w: Float32Array; // [out][maxN]
  maxN: number;
}

/**
 * PIL-style bilinear resampling weights (a triangle filter widened by the
 * downscale factor, so shrinking averages instead of aliasing; plain bilinear
 * with half-pixel centres when enlarging), for inLen input pixels mapped onto
 * outLen outputs; `start` is relative to the crop. Samples never leave the crop.
 * They depend on the two lengths only, so they are kept: a batch asks for the
 * same few dozen pairs over and over.
 */
function taps(inLen: number, outLen: number): Taps {
  const key = inLen * 65536 + outLen;
  let t = tapsCache.get(key);
  if (!t) {
    if (tapsCache.size >= 4096) tapsCache.clear(); // crops of a few sizes: never reached in practice
    tapsCache.set(key, (t = computeTaps(inLen, outLen)));
  }
  return t;
}
const tapsCache = new Map<number, Taps>();

function computeTaps(inLen: number, outLen: number): Taps {
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
    start[x] = lo;
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
  const tx = taps(w, outSize);
  const ty = taps(h, outSize);
  const px = set.pixels;
  const inv = norm.std.map((s) => 1 / (255 * Math.max(s, 1e-6)));
  const mu = norm.mean.map((m) => m * 255);
  if (C === 1 && channels === 1) {
    resampleGray(px, base + top * S + left, S, h, tx, ty, outSize, mu[0], inv[0], out, off, tmp);
    return;
  }
  // horizontal pass: rows top..top+h-1 → tmp [h][outSize][C]
  for (let r = 0; r < h; r++) {
    const row = base + (top + r) * S * C;
    for (let x = 0; x < outSize; x++) {
      const s0 = left + tx.start[x];
      const nn = tx.n[x];
      const wo = x * tx.maxN;
      for (let c = 0; c < C; c++) {
        let acc = 0;
        for (let k = 0; k < nn; k++) acc += tx.w[wo + k] * px[row + (s0 + k) * C + c];
        tmp[(r * outSize + x) * C + c] = acc;
      }
    }
  }
  const val = new Float32Array(C);
  // vertical pass, channel conversion, normalisation
  for (let y = 0; y < outSize; y++) {
    const s0 = ty.start[y];
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

/**
 * resampleInto for one channel in and out (the training crops of gray sets, every step):
 * the same sums in the same order, without the channel loops, which cost the general
 * path most of its time. `at` is the crop's first pixel.
 */
function resampleGray(px: Uint8Array, at: number, S: number, h: number, tx: Taps, ty: Taps, outSize: number, mu: number, inv: number, out: Float32Array, off: number, tmp: Float32Array): void {
  const txw = tx.w;
  const tyw = ty.w;
  for (let r = 0; r < h; r++) {
    const row = at + r * S;
    const t = r * outSize;
    for (let x = 0; x < outSize; x++) {
      const s0 = row + tx.start[x];
      const nn = tx.n[x];
      const wo = x * tx.maxN;
      let acc = 0;
      for (let k = 0; k < nn; k++) acc += txw[wo + k] * px[s0 + k];
      tmp[t + x] = acc;
    }
  }
  for (let y = 0; y < outSize; y++) {
    const s0 = ty.start[y] * outSize;
    const nn = ty.n[y];
    const wo = y * ty.maxN;
    const o = off + y * outSize;
    for (let x = 0; x < outSize; x++) {
      let acc = 0;
      for (let k = 0; k < nn; k++) acc += tyw[wo + k] * tmp[s0 + k * outSize + x];
      out[o + x] = (Math.fround(acc) - mu) * inv; // rounded to float32 first, as the general path's val
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

/**
 * Whole images resized to outSize, normalised as randomResizedCrop (for
 * features and evaluation), or with `norm` (per output channel) when the
 * model was trained with other statistics (an official checkpoint: ImageNet's).
 */
export function resizeBatch(set: ImageSet, indices: ArrayLike<number>, outSize: number, channels: number, norm?: { mean: number[]; std: number[] } | null): Float32Array {
  return resampleBatch(set, indices, outSize, channels, () => [0, 0, set.size, set.size], norm ?? undefined);
}

/** Each image's crop [top, left, h, w] (from `crop`, called once per image in order) resampled to [B, outSize, outSize, channels]. */
function resampleBatch(set: ImageSet, indices: ArrayLike<number>, outSize: number, channels: number, crop: () => [number, number, number, number], given?: { mean: number[]; std: number[] }): Float32Array {
  checkChannels(set, channels);
  if (given && (given.mean.length !== channels || given.std.length !== channels))
    throw new Error(`normalisation for ${channels} channels needs ${channels} means and stds, got ${given.mean.length} and ${given.std.length}`);
  const B = indices.length;
  const per = outSize * outSize * channels;
  const out = new Float32Array(B * per);
  const tmp = new Float32Array(set.size * outSize * set.channels);
  const norm = given ?? statsFor(set, channels);
  for (let b = 0; b < B; b++) {
    checkIndex(set, indices[b]);
    const [i, j, h, w] = crop();
    resampleInto(set, indices[b], i, j, h, w, outSize, channels, norm, out, b * per, tmp);
  }
  return out;
}

