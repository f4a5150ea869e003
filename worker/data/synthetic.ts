// Synthetic labelled shapes: test and benchmark data made by code.
import { badInput } from '../../main/common/errors.ts';
import { Rng } from '../../main/common/rng.ts';
import { hashedHeldOut, makeImageSet, type ImageSet } from '../../main/common/imageset.ts';

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
  return makeImageSet({
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

