// The BLAS matMuls on the wasm backend (worker/backend/blas-kernels.ts over the
// main/common/blas addon): every shape class against the cpu backend's kernel on
// fixed-seed random inputs, shape errors, a heap that grows during a call, a
// short training curve with and without the addon, the thread count, and the
// fallback when the addon is turned off (JEPA_LAB_BLAS=0).
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBlas } from '../../../main/common/blas/index.ts';
import { activeBackend, describeBackend, initBackend } from '../../../worker/backend/backend.ts';
import { blasCallCount, blasKernelsActive, nativeUpdates, setBlasThreadsFor, useBlasKernels } from '../../../worker/backend/blas-kernels.ts';
import { AdamW, emaUpdate } from '../../../worker/train/optim.ts';
import { resolveConfig } from '../../../main/common/config.ts';
import { attentionCore, block, createJepa, disposeJepa, gelu, layerNorm, linear, modelKernels, setModelKernels } from '../../../worker/model/model.ts';
import { syntheticShapes } from '../../../worker/data/synthetic.ts';
import { Trainer } from '../../../worker/train/trainer.ts';
import { ExactIndex, naiveSearch, overlapAtK } from '../../../main/common/search.ts';
import { cli } from '../../helpers.ts';

// "Truly absent" means not built or not loadable here, not turned off by the caller's environment.
delete process.env.JEPA_LAB_BLAS;
const loaded = loadBlas();
if (!loaded.blas)
  console.warn(`BLAS addon tests skipped: the @jepa-lab/blas addon is absent here (${loaded.reason}). Build it: apt-get install libopenblas-openmp-dev, then npm install`);
const has = loaded.blas !== null;

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
const rand = (r: () => number, shape: number[]) => Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => r() * 2 - 1);

/** The same op on wasm (BLAS) and cpu: values, shapes, and how many BLAS calls the wasm run made. */
async function onBoth(op: () => tf.Tensor): Promise<{ wasm: Float32Array; cpu: Float32Array; wasmShape: number[]; cpuShape: number[]; calls: number }> {
  const run = () => tf.tidy(() => {
    const t = op();
    return { v: t.dataSync() as Float32Array, s: t.shape };
  });
  await tf.setBackend('wasm');
  const c0 = blasCallCount();
  const w = run();
  const calls = blasCallCount() - c0;
  await tf.setBackend('cpu');
  const c = run();
  await tf.setBackend('wasm');
  return { wasm: w.v, cpu: c.v, wasmShape: w.s, cpuShape: c.s, calls };
}

function expectClose(a: Float32Array, b: Float32Array, what: string, tol = 2e-5) {
  expect(a.length, what).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / (1 + Math.abs(b[i])));
  expect(worst, what).toBeLessThan(tol);
}

describe.skipIf(!has)('BLAS matMuls on the wasm backend', () => {
  beforeAll(async () => {
    await initBackend('wasm');
    useBlasKernels(true);
  });

  it('are registered and named by the backend description', () => {
    expect(blasKernelsActive()).toBe(true);
    for (const name of ['BatchMatMul', '_FusedMatMul']) expect((tf.getKernel(name, 'wasm') as { blas?: boolean }).blas, name).toBe(true);
    expect(describeBackend(activeBackend()!)).toMatch(/^wasm \+ (OpenBLAS \d+\.\d+\.\d+|Accelerate|CBLAS) \(/);
  });

  it('plain, transposed and batched products give the cpu backend\'s values', async () => {
    const r = rng(3);
    const cases: { a: number[]; b: number[]; ta: boolean; tb: boolean }[] = [];
    for (const [m, k, n] of [[1, 1, 1], [1, 7, 1], [5, 1, 3], [17, 33, 9], [64, 96, 40]])
      for (const ta of [false, true])
        for (const tb of [false, true]) {
          cases.push({ a: ta ? [k, m] : [m, k], b: tb ? [n, k] : [k, n], ta, tb }); // 2-D
          cases.push({ a: ta ? [4, k, m] : [4, m, k], b: tb ? [4, n, k] : [4, k, n], ta, tb }); // batched
          cases.push({ a: ta ? [2, 3, k, m] : [2, 3, m, k], b: tb ? [2, 3, n, k] : [2, 3, k, n], ta, tb }); // rank 4
        }
    for (const c of cases) {
      const av = rand(r, c.a);
      const bv = rand(r, c.b);
      const res = await onBoth(() => tf.matMul(tf.tensor(av, c.a), tf.tensor(bv, c.b), c.ta, c.tb));
      const what = JSON.stringify(c);
      expect(res.calls, what).toBe(1);
      expect(res.wasmShape, what).toEqual(res.cpuShape);
      expectClose(res.wasm, res.cpu, what);
    }
  });

  it('broadcast batches give the cpu backend\'s values (one operand shared, or a suffix of the other\'s batch)', async () => {
    const r = rng(5);
    const cases: [number[], number[], boolean, boolean][] = [
      [[1, 6, 5], [4, 5, 3], false, false],
      [[4, 6, 5], [1, 5, 3], false, true],
      [[4, 6, 5], [5, 3], true, false],
      [[6, 5], [4, 5, 3], false, false],
      [[2, 3, 6, 5], [3, 5, 4], false, false], // b broadcast over the leading axis
      [[3, 6, 5], [2, 3, 5, 4], true, true],
    ];
    for (const [sa, sb, ta, tb] of cases) {
      const aShape = ta ? [...sa.slice(0, -2), sa.at(-1)!, sa.at(-2)!] : sa;
      const bShape = tb ? [...sb.slice(0, -2), sb.at(-1)!, sb.at(-2)!] : sb;
      const av = rand(r, aShape);
      const bv = rand(r, bShape);
      const res = await onBoth(() => tf.matMul(tf.tensor(av, aShape), tf.tensor(bv, bShape), ta, tb));
      const what = JSON.stringify({ aShape, bShape, ta, tb });
      expect(res.calls, what).toBe(1);
      expect(res.wasmShape, what).toEqual(res.cpuShape);
      expectClose(res.wasm, res.cpu, what);
    }
  });

  it('batch axes that broadcast against each other ([2, 1] with [1, 3]) give the product of the tiled operands', async () => {
    const r = rng(9);
    const av = rand(r, [2, 1, 4, 5]);
    const bv = rand(r, [1, 3, 5, 6]);
    // reference: tile both to [2, 3, …] first (the cpu kernel indexes broadcast batches modulo their size, right only for suffixes)
    const res = await onBoth(() => tf.matMul(tf.tensor(av, [2, 1, 4, 5]), tf.tensor(bv, [1, 3, 5, 6])));
    await tf.setBackend('cpu');
    const ref = tf.tidy(() => tf.matMul(tf.tile(tf.tensor(av, [2, 1, 4, 5]), [1, 3, 1, 1]), tf.tile(tf.tensor(bv, [1, 3, 5, 6]), [2, 1, 1, 1])).dataSync() as Float32Array);
    await tf.setBackend('wasm');
    expect(res.wasmShape).toEqual([2, 3, 4, 6]);
    expect(res.calls).toBe(1);
    expectClose(res.wasm, ref, 'broadcast [2, 1] × [1, 3]');
  });

  it('fused matMul: bias and the activations it implements give the cpu backend\'s values; prelu goes to the original kernel', async () => {
    const r = rng(11);
    for (const activation of ['linear', 'relu', 'relu6', 'leakyrelu', 'sigmoid', 'elu'] as const)
      for (const [sa, sb, ta, tb, biasShape] of [
        [[33, 20], [20, 17], false, false, [17]],
        [[20, 33], [17, 20], true, true, [17]],
        [[3, 9, 8], [3, 8, 5], false, false, [1]],
        [[3, 8, 9], [8, 5], true, false, null],
      ] as [number[], number[], boolean, boolean, number[] | null][]) {
        const av = rand(r, sa).map((v) => v * 4);
        const bv = rand(r, sb);
        const biasV = biasShape ? rand(r, biasShape) : null;
        const res = await onBoth(() =>
          tf.fused.matMul({
            a: tf.tensor(av, sa as [number, number]) as tf.Tensor2D,
            b: tf.tensor(bv, sb as [number, number]) as tf.Tensor2D,
            transposeA: ta,
            transposeB: tb,
            bias: biasV ? tf.tensor(biasV, biasShape!) : undefined,
            activation,
            leakyreluAlpha: 0.1,
          }),
        );
        const what = JSON.stringify({ activation, sa, sb, ta, tb, biasShape });
        expect(res.calls, what).toBe(1);
        expect(res.wasmShape, what).toEqual(res.cpuShape);
        expectClose(res.wasm, res.cpu, what);
      }
    const av = rand(r, [6, 4]);
    const bv = rand(r, [4, 3]);
    const res = await onBoth(() =>
      tf.fused.matMul({ a: tf.tensor2d(av, [6, 4]), b: tf.tensor2d(bv, [4, 3]), activation: 'prelu', preluActivationWeights: tf.tensor1d([0.1, 0.2, 0.3]) }),
    );
    expect(res.calls).toBe(0);
    expectClose(res.wasm, res.cpu, 'prelu (original kernel)');
  });

  it('the gradient of a fused matMul with bias and relu matches the cpu backend', async () => {
    const r = rng(13);
    const av = rand(r, [12, 7]);
    const bv = rand(r, [7, 5]);
    const cv = rand(r, [5]);
    const grads = async () =>
      tf.tidy(() => {
        const f = (a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) => tf.sum(tf.square(tf.fused.matMul({ a: a as tf.Tensor2D, b: b as tf.Tensor2D, bias: c, activation: 'relu' })));
        return tf.grads(f)([tf.tensor2d(av, [12, 7]), tf.tensor2d(bv, [7, 5]), tf.tensor1d(cv)]).map((g) => g.dataSync() as Float32Array);
      });
    await tf.setBackend('wasm');
    const c0 = blasCallCount();
    const w = await grads();
    expect(blasCallCount() - c0).toBeGreaterThanOrEqual(3); // forward, dA, dB
    await tf.setBackend('cpu');
    const c = await grads();
    await tf.setBackend('wasm');
    w.forEach((g, i) => expectClose(g, c[i], `gradient ${i}`));
  });

  it('a wrong shape is refused with the problem and the fix', () => {
    expect(() => tf.matMul(tf.ones([2, 3]), tf.ones([4, 5]))).toThrow(/inner dimensions differ: a \[2,3\] \(transposeA false\) gives 3 and b \[4,5\] \(transposeB false\) gives 4; they must match \(fix a shape or a transpose flag\)/);
    expect(() => tf.matMul(tf.ones([2, 3]), tf.ones([2, 5]), true, true)).toThrow(/inner dimensions differ/);
    expect(() => tf.matMul(tf.ones([2, 3, 4]), tf.ones([3, 4, 5]))).toThrow(/could not be broadcast/);
    // tf.fused.matMul checks the inner shapes itself, before any kernel
    expect(() => tf.fused.matMul({ a: tf.ones([2, 3]) as tf.Tensor2D, b: tf.ones([4, 5]) as tf.Tensor2D, bias: tf.ones([5]) })).toThrow(/inner shapes \(3\) and \(4\)/);
  });

  it('the addon checks every range against the heap, a detached one included', () => {
    const { addon } = loaded.blas!;
    const heap = new Float32Array(64);
    expect(() => addon.sgemm(heap, 0, 0, 4, 4, 4, 1, 0, 0, 64, 0, 128, -1, 0, 0, 0)).not.toThrow();
    expect(() => addon.sgemm(heap, 0, 0, 4, 4, 4, 1, 0, 0, 64, 0, 200, -1, 0, 0, 0)).toThrow(/C is outside the heap/);
    expect(() => addon.sgemm(heap, 0, 0, 4, 4, 4, 2, 0, 16, 64, 0, 192, -1, 0, 0, 0)).toThrow(/C is outside the heap/);
    expect(() => addon.sgemm(heap, 0, 0, 4, 4, 4, 1, 2, 0, 64, 0, 128, -1, 0, 0, 0)).toThrow(/A is outside the heap \(or not 4-byte aligned\)/);
    expect(() => addon.sgemm(heap, 0, 0, 4, 4, 4, 1, 0, 0, 64, 0, 32, -1, 0, 0, 0)).toThrow(/C overlaps A or B/);
    expect(() => addon.sgemm(heap, 0, 0, 4, 4, 4, 1, 0, 0, 64, 0, 128, 0, 3, 0, 0)).toThrow(/bias must hold 1 or n values/);
    expect(() => addon.sgemm(heap, 0, 0, 4, -1, 4, 1, 0, 0, 64, 0, 128, -1, 0, 0, 0)).toThrow(/n must be a non-negative integer/);
    const buf = new ArrayBuffer(256);
    const view = new Float32Array(buf);
    structuredClone(buf, { transfer: [buf] }); // detaches buf, as a grown wasm memory detaches its old buffer
    expect(() => addon.sgemm(view, 0, 0, 4, 4, 4, 1, 0, 0, 64, 0, 128, -1, 0, 0, 0)).toThrow(/outside the heap/);
    expect(() => addon.sgemv(heap, 4, 4, 0, 64, 60 * 4)).not.toThrow();
    expect(() => addon.sgemv(heap, 4, 4, 0, 64, 61 * 4)).toThrow(/outside the heap/);
  });

  it('gives correct products when making the output grows the wasm heap (the old buffer detaches)', () => {
    const wasm = (tf.backend() as unknown as { wasm: { HEAPU8: Uint8Array } }).wasm;
    const r = rng(17);
    const keep: tf.Tensor[] = [];
    let grewDuring = 0;
    try {
      for (let i = 0; i < 200 && grewDuring < 2; i++) {
        const [m, k, n] = [128, 16, 4096 + 512 * i];
        const av = Float32Array.from(rand(r, [m, k]));
        const bv = Float32Array.from(rand(r, [k, n]));
        const a = tf.tensor2d(av, [m, k]);
        const b = tf.tensor2d(bv, [k, n]);
        const before = wasm.HEAPU8.buffer;
        const c = tf.matMul(a, b);
        keep.push(a, b, c); // hold everything so that the heap must keep growing
        if (wasm.HEAPU8.buffer === before) continue;
        grewDuring++;
        expect(before.byteLength).toBe(0); // detached
        const got = c.dataSync();
        let worst = 0;
        for (const row of [0, 63, 127])
          for (const col of [0, 1, n >> 1, n - 1]) {
            let s = 0;
            for (let j = 0; j < k; j++) s += av[row * k + j] * bv[j * n + col];
            worst = Math.max(worst, Math.abs(got[row * n + col] - s));
          }
        expect(worst).toBeLessThan(1e-5);
      }
    } finally {
      tf.dispose(keep);
    }
    expect(grewDuring).toBeGreaterThan(0);
  });

  it('sizes BLAS threads so that gradient threads × BLAS threads ≤ cores', () => {
    expect(setBlasThreadsFor(2, 2)).toBe(1);
    expect(loaded.blas!.addon.info().threads ?? 1).toBe(1);
    expect(describeBackend(activeBackend()!)).toMatch(/1 thread × 2 gradient threads\)$/);
    // a training names its gradient threads once, whether the BLAS line carries them or not
    expect(describeBackend(activeBackend()!, 2)).toBe(describeBackend(activeBackend()!));
    expect(describeBackend({ ...activeBackend()!, blas: null }, 2)).toMatch(/thread\) × 2 gradient threads$/);
    expect(setBlasThreadsFor(3, 2)).toBe(1);
    expect(setBlasThreadsFor(1, 1)).toBe(1);
    if (loaded.blas!.library === 'OpenBLAS') {
      expect(setBlasThreadsFor(1, 2)).toBe(2);
      expect(loaded.blas!.addon.info().threads).toBe(2);
    }
    setBlasThreadsFor(1);
  });

  it('with the BLAS kernels the model takes flagged matMuls and batched-matMul attention; both give the other paths\' gradients', () => {
    const r = rng(19);
    const x = tf.tensor2d(rand(r, [10, 6]), [10, 6]);
    const p = { w: tf.variable(tf.tensor2d(rand(r, [6, 4]), [6, 4])), b: tf.variable(tf.tensor1d(rand(r, [4]))) };
    const dy = tf.tensor2d(rand(r, [10, 4]), [10, 4]);
    const grads = (mode: 'transpose' | 'flags') => {
      setModelKernels({ linearGrad: mode });
      const c0 = blasCallCount();
      const g = tf.grads((a: tf.Tensor, w: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(linear(a, { w: w as tf.Variable, b: b as tf.Variable }), dy)))([x, p.w, p.b]);
      return { g: g.map((t) => t.dataSync() as Float32Array), calls: blasCallCount() - c0 };
    };
    try {
      const viaT = grads('transpose');
      const viaF = grads('flags');
      expect(viaF.calls).toBe(viaT.calls); // one forward, two gradient matMuls either way
      viaF.g.forEach((g, i) => expectClose(g, viaT.g[i], `linear gradient ${i}`, 1e-6));
    } finally {
      setModelKernels({ linearGrad: 'auto' });
    }
    expect(modelKernels().attention).toBe('auto');
    const [q, k, v] = [1, 2, 3].map((seed) => tf.randomNormal([2, 5, 2, 4], 0, 1, 'float32', seed));
    const before = blasCallCount();
    const out = attentionCore(q, k, v);
    expect(blasCallCount() - before).toBe(2); // q·kᵀ and a·v as batched matMuls, not depthwise convolutions
    useBlasKernels(false);
    const c0 = blasCallCount();
    const conv = attentionCore(q, k, v); // auto without the BLAS: depthwise convolutions
    expect(blasCallCount()).toBe(c0);
    useBlasKernels(true);
    expectClose(out.dataSync() as Float32Array, conv.dataSync() as Float32Array, 'attention, batched matMuls vs convolutions', 1e-5);
    tf.dispose([x, p.w, p.b, dy, q, k, v, out, conv]);
  });

  it('with the BLAS kernels a block\'s attention is the fused kernel on the qkv matrix, with the batched-matMul path\'s values and gradients', async () => {
    const cfg = resolveConfig('tiny', { model: { embed_dim: 24, num_heads: 3 }, meta: { pred_emb_dim: 12 } });
    const model = createJepa(cfg);
    const blk = model.encoder.blocks[0];
    const r = rng(53);
    const xv = rand(r, [3, 7, 24]);
    const dyv = rand(r, [3, 7, 24]);
    const run = (mode: 'fused' | 'matmul') => {
      setModelKernels({ attention: mode });
      try {
        return tf.tidy(() => {
          const x = tf.tensor(xv, [3, 7, 24]);
          const dy = tf.tensor(dyv, [3, 7, 24]);
          const f = (t: tf.Tensor, w: tf.Tensor) => tf.sum(tf.mul(block(t, { ...blk, qkv: { w: w as tf.Variable, b: blk.qkv.b } }, 3), dy));
          return [block(x, blk, 3), ...tf.grads(f)([x, blk.qkv.w])].map((t) => t.dataSync() as Float32Array);
        });
      } finally {
        setModelKernels({ attention: 'auto' });
      }
    };
    const names = (await tf.profile(() => void run('fused'))).kernelNames;
    expect(names).toEqual(expect.arrayContaining(['JepaAttention', 'JepaAttentionGrad']));
    expect(names).not.toContain('Softmax');
    const auto = (await tf.profile(() => void tf.tidy(() => block(tf.tensor(xv, [3, 7, 24]), blk, 3)))).kernelNames;
    expect(auto).toContain('JepaAttention'); // what 'auto' takes with the BLAS kernels
    const fused = run('fused');
    const viaMatMul = run('matmul');
    fused.forEach((v, i) => expectClose(v, viaMatMul[i], `block output / gradient ${i}`, 1e-5));
    const heap = new Float32Array(64);
    expect(() => loaded.blas!.addon.attention(heap, 1, 2, 1, 4, 0.5, 0, 4, 96)).toThrow(/attention: an output overlaps another argument/);
    expect(() => loaded.blas!.addon.attention(heap, 1, 4, 1, 4, 0.5, 0, 0, 0)).toThrow(/attention: argument \d is outside the heap|overlaps/);
    disposeJepa(model);
  });

  it('the fused GELU and its gradient give the tfjs composite\'s values, in one kernel each', async () => {
    const r = rng(29);
    const xv = rand(r, [37, 50]).map((v) => v * 6);
    const dyv = rand(r, [37, 50]);
    const run = () =>
      tf.tidy(() => {
        const x = tf.tensor2d(xv, [37, 50]);
        const dy = tf.tensor2d(dyv, [37, 50]);
        const y = gelu(x);
        const dx = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(gelu(t), dy)))(x);
        return [y.dataSync() as Float32Array, dx.dataSync() as Float32Array];
      });
    const fused = run();
    const names = (await tf.profile(() => void run())).kernelNames;
    expect(names).toEqual(expect.arrayContaining(['JepaGelu', 'JepaGeluGrad']));
    expect(names).not.toContain('Erf');
    useBlasKernels(false);
    const composite = run();
    useBlasKernels(true);
    expectClose(fused[0], composite[0], 'GELU', 1e-6);
    expectClose(fused[1], composite[1], 'GELU gradient', 1e-6);
    await tf.setBackend('cpu');
    const cpu = run();
    await tf.setBackend('wasm');
    expectClose(fused[0], cpu[0], 'GELU vs cpu', 1e-6);
    expectClose(fused[1], cpu[1], 'GELU gradient vs cpu', 1e-6);
  });

  it('the fused LayerNorm and its gradient give the tfjs composite\'s values, in one kernel each', async () => {
    const r = rng(31);
    const shape = [3, 11, 24];
    const xv = rand(r, shape).map((v, i) => v * 3 + (i % 5)); // rows with a mean and a spread
    const dyv = rand(r, shape);
    const gv = rand(r, [24]);
    const bv = rand(r, [24]);
    const run = () =>
      tf.tidy(() => {
        const x = tf.tensor(xv, shape);
        const dy = tf.tensor(dyv, shape);
        const p = { g: tf.tensor1d(gv) as tf.Variable, b: tf.tensor1d(bv) as tf.Variable };
        const f = (t: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(layerNorm(t, { g: g as tf.Variable, b: b as tf.Variable }), dy));
        return [layerNorm(x, p), layerNorm(x, null), ...tf.grads(f)([x, p.g, p.b])].map((t) => t.dataSync() as Float32Array);
      });
    const fused = run();
    const names = (await tf.profile(() => void run())).kernelNames;
    expect(names).toEqual(expect.arrayContaining(['JepaLayerNorm', 'JepaLayerNormGrad']));
    expect(names).not.toContain('Rsqrt');
    useBlasKernels(false);
    const composite = run();
    useBlasKernels(true);
    await tf.setBackend('cpu');
    const cpu = run();
    await tf.setBackend('wasm');
    fused.forEach((v, i) => {
      expectClose(v, composite[i], `LayerNorm output/gradient ${i}`, 2e-5);
      expectClose(v, cpu[i], `LayerNorm output/gradient ${i} vs cpu`, 2e-5);
    });
  });

  it('sums over leading axes give the same bits as the wasm replacement, and the cpu backend\'s values', async () => {
    const r = rng(37);
    const xv = rand(r, [37, 3, 50]).map((v) => v * 5);
    const heap = new Float32Array(xv.length + 50);
    heap.set(xv);
    loaded.blas!.addon.rowSum(heap, 111, 50, 0, 4 * xv.length); // the addon on its own: rows of 50, a partial group of 4 at the end
    const js = new Float32Array(50);
    for (let j = 0; j < 50; j++) {
      let acc = 0;
      for (let i = 0; i < 111; i++) acc += xv[i * 50 + j];
      js[j] = acc;
    }
    expectClose(heap.subarray(xv.length), js, 'rowSum against a plain sum in double', 1e-5);
    expect(() => loaded.blas!.addon.rowSum(heap, 111, 50, 0, 4 * (xv.length - 10))).toThrow(/rowSum: dst overlaps src/);
    for (const [axis, keepDims] of [[[0, 1], false], [0, true], [[1, 0], false]] as [number | number[], boolean][]) {
      const sum = () => tf.tidy(() => tf.sum(tf.tensor(xv, [37, 3, 50]), axis, keepDims).dataSync() as Float32Array);
      const native = sum();
      useBlasKernels(false);
      const replaced = sum();
      useBlasKernels(true);
      expect(Array.from(native), JSON.stringify({ axis, keepDims })).toEqual(Array.from(replaced));
      const res = await onBoth(() => tf.sum(tf.tensor(xv, [37, 3, 50]), axis, keepDims));
      expect(res.wasmShape).toEqual(res.cpuShape);
      expectClose(res.wasm, res.cpu, `sum over ${JSON.stringify(axis)} vs cpu`, 1e-5);
    }
  });

  it('add, multiply and subtract (one shape, a row repeated over leading axes, a scalar) give the wasm kernels\' bits', async () => {
    const r = rng(47);
    const cases: [number[], number[]][] = [
      [[7, 5, 33], [7, 5, 33]], // one shape
      [[7, 5, 33], [33]], // a row repeated (a bias, a LayerNorm gain)
      [[1, 33], [7, 33]], // the row first, with a leading 1
      [[7, 5, 33], []], // a scalar
      [[], [7, 33]],
      [[7, 5, 3], [3]], // short rows: the original kernel
      [[7, 1], [1, 33]], // both broadcast: the original kernel
    ];
    for (const [sa, sb] of cases)
      for (const op of [tf.add, tf.mul, tf.sub]) {
        const av = rand(r, sa).map((v) => v * 3);
        const bv = rand(r, sb);
        const run = () => tf.tidy(() => op(tf.tensor(av, sa), tf.tensor(bv, sb)).dataSync() as Float32Array);
        const what = `${op.name} ${JSON.stringify([sa, sb])}`;
        const native = run();
        useBlasKernels(false);
        const xnn = run();
        useBlasKernels(true);
        expect(Array.from(native), what).toEqual(Array.from(xnn));
        const res = await onBoth(() => op(tf.tensor(av, sa), tf.tensor(bv, sb)));
        expect(res.wasmShape, what).toEqual(res.cpuShape);
        expectClose(res.wasm, res.cpu, what, 1e-6);
      }
    const heap = new Float32Array(16);
    expect(() => loaded.blas!.addon.binary(heap, 1, 2, 4, 0, 1, 0, 1, 4)).toThrow(/binary: c overlaps a or b/);
    expect(() => loaded.blas!.addon.binary(heap, 3, 1, 4, 0, 1, 16, 1, 32)).toThrow(/op must be 0 \(add\), 1 \(multiply\) or 2 \(subtract\)/);
  });

  it('AdamW and the EMA on the addon give the same bits as the JavaScript loop and the tfjs ops', () => {
    expect(nativeUpdates()).not.toBeNull();
    const r = rng(41);
    const shapes = [[33, 17], [17], [5, 3, 7]];
    const make = () => shapes.map((s, i) => ({ name: `p${i}`, v: tf.variable(tf.tensor(rand(rng(43 + i), s), s)), layout: 'plain' as const, decay: i !== 1 }));
    const grads = [0, 1, 2].map(() => shapes.map((s) => rand(r, s)));
    const run = (on: boolean) => {
      useBlasKernels(on);
      try {
        const online = make();
        const target = make();
        const opt = new AdamW(online);
        for (const [k, gs] of grads.entries()) {
          const g = gs.map((v, i) => (k === 1 && i === 2 ? null : tf.tensor(v, shapes[i]))); // a step without a gradient for one parameter
          opt.step(g, 1e-2 * (k + 1), 0.05);
          tf.dispose(g.filter((t): t is tf.Tensor => t !== null));
          emaUpdate(target, online, 0.9 + 0.03 * k);
        }
        const out = [...online, ...target].map((p) => Array.from(p.v.dataSync()));
        const moments = [...opt.m, ...opt.v].map((a) => Array.from(a));
        tf.dispose([...online, ...target].map((p) => p.v));
        return { out, moments };
      } finally {
        useBlasKernels(true);
      }
    };
    const native = run(true);
    const js = run(false);
    expect(native.out).toEqual(js.out);
    expect(native.moments).toEqual(js.moments);
    expect(native.out[0]).not.toEqual(Array.from(rand(rng(43), shapes[0]), Math.fround)); // the parameters moved
    const short = new Float32Array(3);
    expect(() => loaded.blas!.addon.adamw(short, short, short, new Float32Array(2), short, 0.9, 0.999, 1, 1e-3, 1, 1e-8)).toThrow(/adamw: argument 3 must be a Float32Array .* as long as the first/);
  });

  it('a fixed-seed training curve is the same with and without the addon, to float tolerance', async () => {
    const data = syntheticShapes({ count: 64, size: 16, channels: 1, seed: 3 });
    const cfg = resolveConfig('tiny', { optimization: { workers: 1 }, meta: { seed: 5 } });
    const curve = async (on: boolean) => {
      useBlasKernels(on);
      const t = await Trainer.create({ config: cfg, data });
      const c0 = blasCallCount();
      const losses = Array.from({ length: 6 }, () => t.trainStep().loss);
      const calls = blasCallCount() - c0;
      t.dispose();
      return { losses, calls };
    };
    try {
      const withBlas = await curve(true);
      const without = await curve(false);
      expect(withBlas.calls).toBeGreaterThan(0);
      expect(without.calls).toBe(0);
      withBlas.losses.forEach((l, i) => expect(Math.abs(l - without.losses[i]) / without.losses[i], `step ${i}: ${l} vs ${without.losses[i]}`).toBeLessThan(1e-4));
    } finally {
      useBlasKernels(true);
    }
  });
});

describe.skipIf(!has)('nearest-neighbour search on the addon\'s sgemv', () => {
  it('gives the naive full-sort reference\'s neighbours and scores, for any dimension', () => {
    const r = rng(23);
    for (const [n, d] of [[9000, 64], [3000, 30], [1000, 4], [5000, 1]]) {
      const x = Float32Array.from(rand(r, [n, d]));
      const index = new ExactIndex(x, n, d, { kernel: 'blas' });
      expect(index.kernel).toBe('blas');
      for (let t = 0; t < 5; t++) {
        const q = Float32Array.from(rand(r, [d]));
        const got = index.search(q, 20, t);
        const ref = naiveSearch(index.data, n, d, q, 20, t);
        expect(overlapAtK(ref.indices, got.indices), JSON.stringify({ n, d, t })).toBe(1);
        got.scores.forEach((s, i) => expect(Math.abs(s - ref.scores[i])).toBeLessThan(1e-5));
      }
    }
  });

  it('by default an index keeps whichever of blas and wasm-simd scans faster', () => {
    const index = new ExactIndex(new Float32Array(2000 * 32).fill(1), 2000, 32);
    expect(['blas', 'wasm-simd']).toContain(index.kernel);
  });
});

describe('without the addon', () => {
  it('JEPA_LAB_BLAS=0 keeps the wasm kernels and the backend says why; a bad value is named', () => {
    const off = cli(['bench', '--preset', 'tiny', '--steps', '1', '--json'], { env: { JEPA_LAB_BLAS: '0' } });
    expect(off.code, off.stderr).toBe(0);
    const backend = JSON.parse(off.stdout.trim().split('\n').pop()!).backend as string;
    expect(backend).toMatch(/^wasm \(@tensorflow\/tfjs-backend-wasm [\d.]+, 1 thread; no BLAS addon: turned off by JEPA_LAB_BLAS=0\)$/);
    const bad = cli(['bench', '--preset', 'tiny', '--steps', '1', '--json'], { env: { JEPA_LAB_BLAS: 'maybe' } });
    expect(bad.code, bad.stderr).toBe(0);
    expect(JSON.parse(bad.stdout.trim().split('\n').pop()!).backend).toMatch(/JEPA_LAB_BLAS=maybe is not 0 or 1 \(unset it to use the addon, or set 0 to turn it off\)/);
    if (has) {
      const on = cli(['bench', '--preset', 'tiny', '--steps', '1', '--json']);
      expect(on.code, on.stderr).toBe(0);
      expect(JSON.parse(on.stdout.trim().split('\n').pop()!).backend).toMatch(/^wasm \+ /);
    }
  });
});
