// Dataset images as PNGs for the UI (sharp).
import sharp from 'sharp';
import { checkIndex, type ImageSet } from '../common/imageset.ts';

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
