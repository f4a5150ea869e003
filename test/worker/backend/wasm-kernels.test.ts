// The wasm kernel replacements (worker/backend/wasm-kernels.ts) against the cpu backend's
// kernels on the same inputs: random shapes, begins, sizes and indices, fixed seed.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../worker/backend/backend.ts';
import { overwriteWasmValues } from '../../../worker/backend/wasm-kernels.ts';

function rng(seed: number) {
  let s = seed >>> 0;
  return (n: number) => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return Math.floor((s / 2 ** 32) * n);
  };
}

/** The same op on both backends: [shape, values] from wasm and from cpu. */
async function onBoth(op: () => tf.Tensor | tf.Tensor[]): Promise<[string, string]> {
  const run = () => tf.tidy(() => [op()].flat().map((t) => [t.shape, Array.from(t.dataSync())]));
  await tf.setBackend('wasm');
  const wasm = JSON.stringify(run());
  await tf.setBackend('cpu');
  const cpu = JSON.stringify(run());
  await tf.setBackend('wasm');
  return [wasm, cpu];
}

describe('wasm kernel replacements', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it('are registered on wasm', () => {
    for (const name of ['Identity', 'Slice', 'SplitV', 'GatherV2', 'Concat', 'Sum']) expect((tf.getKernel(name, 'wasm') as { replaced?: boolean }).replaced, name).toBe(true);
  });

  it('slice and split give the cpu backend\'s values for ranks 1–4', async () => {
    const r = rng(7);
    for (let t = 0; t < 120; t++) {
      const shape = Array.from({ length: 1 + r(4) }, () => 1 + r(5));
      const begin = shape.map((s) => r(s));
      const size = shape.map((s, i) => 1 + r(s - begin[i]));
      const axis = r(shape.length);
      const cut = 1 + r(Math.max(1, shape[axis] - 1));
      const values = Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => i);
      const [w, c] = await onBoth(() => [
        tf.slice(tf.tensor(values, shape), begin, size),
        ...(shape[axis] > 1 ? tf.split(tf.tensor(values, shape), [cut, shape[axis] - cut], axis) : []),
      ]);
      expect(w, JSON.stringify({ shape, begin, size, axis })).toBe(c);
    }
  });

  it('concat gives the cpu backend\'s values on any axis, for float32 and int32', async () => {
    const r = rng(17);
    for (let t = 0; t < 80; t++) {
      const shape = Array.from({ length: 1 + r(4) }, () => 1 + r(4));
      const axis = r(shape.length);
      const dtype = r(3) === 0 ? 'int32' : 'float32';
      const parts = Array.from({ length: 2 + r(2) }, (_, i) => {
        const s = shape.slice();
        s[axis] = 1 + r(3);
        return { s, v: Array.from({ length: s.reduce((a, b) => a * b, 1) }, (_, j) => i * 1000 + j) };
      });
      const [w, c] = await onBoth(() => tf.concat(parts.map((p) => tf.tensor(p.v, p.s, dtype)), axis));
      expect(w, JSON.stringify({ shapes: parts.map((p) => p.s), axis, dtype })).toBe(c);
    }
  });

  it('gather gives the cpu backend\'s values on any axis and rejects an index out of range', async () => {
    const r = rng(11);
    for (let t = 0; t < 80; t++) {
      const shape = Array.from({ length: 1 + r(3) }, () => 1 + r(5));
      const axis = r(shape.length);
      const idx = Array.from({ length: 1 + r(6) }, () => r(shape[axis]));
      const values = Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => i * 0.5);
      const [w, c] = await onBoth(() => tf.gather(tf.tensor(values, shape), tf.tensor1d(idx, 'int32'), axis));
      expect(w, JSON.stringify({ shape, axis, idx })).toBe(c);
    }
    expect(() => tf.gather(tf.tensor([1, 2]), tf.tensor1d([2], 'int32'))).toThrow(/index value 2 is not in \[0, 1\]/);
  });

  it('sum gives the cpu backend\'s values over leading axes, any other axes, with and without keepDims', async () => {
    const r = rng(13);
    for (let t = 0; t < 80; t++) {
      const shape = Array.from({ length: 1 + r(4) }, () => 1 + r(6));
      const lead = Array.from({ length: 1 + r(shape.length) }, (_, i) => i); // 0..k−1
      const other = shape.map((_, i) => i).filter(() => r(2) === 1);
      const values = Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => ((i * 7919) % 97) / 8); // sums exact in float32
      const keep = r(2) === 1;
      const [w, c] = await onBoth(() => [tf.sum(tf.tensor(values, shape), lead, keep), ...(other.length ? [tf.sum(tf.tensor(values, shape), other, keep)] : [])]);
      expect(w, JSON.stringify({ shape, lead, other, keep })).toBe(c);
    }
  });

  it('a clone shares the data and outlives its source; memory is freed with the last reference', () => {
    const before = tf.memory().numBytes;
    const a = tf.tensor([1, 2, 3]);
    const b = a.clone();
    expect(b.dataId).toBe(a.dataId); // one buffer for both (the original kernel copies into a new one)
    a.dispose();
    expect(Array.from(b.dataSync())).toEqual([1, 2, 3]);
    b.dispose();
    expect(tf.memory().numBytes).toBe(before);
  });

  it('overwriting a tensor in place writes only one whose memory nothing else shares', () => {
    const init = tf.tensor([1, 2, 3]);
    const v = tf.variable(init);
    init.dispose();
    const shared = v.clone(); // a saved copy for a gradient shares the variable's memory
    expect(overwriteWasmValues(v, Float32Array.of(4, 5, 6))).toBe(false);
    expect(Array.from(shared.dataSync())).toEqual([1, 2, 3]);
    shared.dispose();
    expect(overwriteWasmValues(v, Float32Array.of(4, 5))).toBe(false); // the wrong size
    expect(overwriteWasmValues(v, Float32Array.of(4, 5, 6))).toBe(true);
    expect(Array.from(v.dataSync())).toEqual([4, 5, 6]);
    v.dispose();
  });
});
