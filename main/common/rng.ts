// Seeded, stateless-by-key random numbers. Every random draw in training is
// keyed by (seed, stream, step, ...), so a resumed run redraws exactly what the
// uninterrupted run would have drawn, without saving generator state.

/** 32-bit mix (splitmix32 finaliser). */
function mix32(x: number): number {
  x = (x + 0x9e3779b9) | 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** Hash a list of integers into one 32-bit seed. */
export function hashSeed(...parts: number[]): number {
  let h = 0x12345678;
  for (const p of parts) h = mix32(h ^ mix32(p | 0) ^ mix32(Math.floor(p / 2 ** 32)));
  return h;
}

/** Small fast PRNG (mulberry32) with a uniform, integer and normal API. */
export class Rng {
  private s: number;
  private spare: number | null = null;
  constructor(...seedParts: number[]) {
    this.s = hashSeed(...seedParts);
  }
  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }
  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  normal(): number {
    if (this.spare !== null) {
      const v = this.spare;
      this.spare = null;
      return v;
    }
    let u = 0;
    while (u === 0) u = this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }
  /** Fisher–Yates permutation of 0..n-1. */
  permutation(n: number): Int32Array {
    const p = new Int32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }
}

/** Named streams, so two uses of the same seed never share draws. */
export const Stream = {
  init: 1,
  order: 2,
  crop: 3,
  mask: 4,
  probe: 5,
  sigreg: 100,
} as const;
