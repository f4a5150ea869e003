// The webgpu backend under Node: Dawn for Node on this machine's software GPU
// (Mesa's llvmpipe through OpenGL ES, compatibility mode), forced as
// `--backend webgpu` forces it. Gradients of the ops the model uses and a
// 20-step training must match the cpu backend; auto must never pick a software
// adapter. No hardware GPU here: that the same code is fast on one is for
// docs/bench/gpu-check.sh on a GPU machine.
//
// Tolerances (figures and commands in docs/bench/README.md):
// - per-op gradients: max |Δ| ≤ 1e-5 × the gradient's largest magnitude;
// - 20 training steps: every step's loss and regularizer within 1e-5 relative of the cpu backend's.
import * as tf from '@tensorflow/tfjs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../worker/backend/backend.ts';
import { describeAdapter, probeWebGPU, softwareName } from '../../../worker/backend/webgpu.ts';
import { resolveConfig } from '../../../main/common/config.ts';
import { syntheticShapes } from '../../../worker/data/synthetic.ts';
import { Trainer, type AsyncStepResult } from '../../../worker/train/trainer.ts';
import { attentionCore, gelu, layerNorm, linear, setModelKernels } from '../../../worker/model/model.ts';
import { elementLoss } from '../../../worker/model/forward.ts';
import { readSafetensors } from '../../../worker/checkpoint/checkpoint.ts';
import { Rng } from '../../../main/common/rng.ts';

const gpu = await probeWebGPU(true);
const REQUIRED = process.env.JEPA_LAB_REQUIRE_WEBGPU === '1'; // .ci/run installs Mesa: there a missing adapter is a failure
if (!gpu.adapter) {
  const msg = `no WebGPU adapter here, not even a software one (${gpu.why}); on Debian: apt-get install libegl1 libegl-dev libegl-mesa0 libgl1-mesa-dri libgles2`;
  if (REQUIRED) throw new Error(msg);
  console.warn(`test/worker/backend/webgpu.test.ts skipped: ${msg}`);
} else console.log(`WebGPU adapter: ${describeAdapter(gpu.adapter)}`);

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jepa-webgpu-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('adapter choice', () => {
  it('names software renderers, and only those', () => {
    expect(softwareName({ vendor: '', device: 'llvmpipe-llvm-15-0-6-256-bits-', description: 'OpenGL version OpenGL ES 3.2 Mesa 22.3.6' })).toBe('llvmpipe');
    expect(softwareName({ vendor: 'google', architecture: 'swiftshader', device: '', description: '' })).toBe('SwiftShader');
    expect(softwareName({ vendor: 'mesa', device: 'llvmpipe (LLVM 15.0.6, 256 bits)', description: 'lavapipe' })).not.toBeNull();
    expect(softwareName({ vendor: 'microsoft', description: 'Microsoft Basic Render Driver' })).not.toBeNull();
    expect(softwareName({ isFallbackAdapter: true })).not.toBeNull();
    // hardware adapters as Chromium and Dawn name them (no hardware here: these are the strings, not devices)
    expect(softwareName({ vendor: 'nvidia', architecture: 'hopper', device: '', description: 'NVIDIA H200' })).toBeNull();
    expect(softwareName({ vendor: 'apple', architecture: 'metal-3', device: '', description: 'Apple M2' })).toBeNull();
    expect(softwareName({ vendor: 'amd', architecture: 'rdna-3', device: '', description: '' })).toBeNull();
    expect(softwareName({ vendor: 'intel', architecture: 'xe-lpg', device: '', description: '' })).toBeNull();
  });

  it('auto never picks a software adapter: it passes over WebGPU here and says why', async (ctx) => {
    const hw = await probeWebGPU(false);
    expect(hw.adapter?.software ?? null).toBeNull(); // a probe for auto returns hardware or nothing
    if (hw.adapter) return ctx.skip('a hardware adapter here: auto takes it, so there is nothing to pass over');
    delete process.env.JEPA_LAB_BACKEND;
    const b = await initBackend('auto');
    expect(b.name).not.toBe('webgpu');
    expect(b.skipped[0].package).toBe('@tensorflow/tfjs-backend-webgpu');
    expect(b.skipped[0].reason).toMatch(/no adapter|software|not installed|did not load/);
  });
});

/** Gradients of sum(f(inputs) · w) with respect to every input, on a backend, read back. */
async function gradsOn(backend: string, f: (...xs: tf.Tensor[]) => tf.Tensor, inputs: { shape: number[]; values: Float32Array }[], seed: number) {
  await tf.setBackend(backend);
  const xs = inputs.map((i) => tf.tensor(i.values, i.shape));
  const g = tf.grads((...a: tf.Tensor[]) => {
    const y = f(...a);
    const w = tf.tensor(Float32Array.from({ length: y.size }, (_, i) => Math.sin(seed + i * 0.37)), y.shape);
    return tf.sum(tf.mul(y, w));
  })(xs);
  const out = await Promise.all(g.map((t) => t.data() as Promise<Float32Array>));
  tf.dispose([...xs, ...g]);
  return out;
}

const rand = (rng: Rng, shape: number[], scale = 1) => ({ shape, values: Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.normal() * scale) });

describe.skipIf(!gpu.adapter)('webgpu under Node (llvmpipe here, forced)', () => {
  it('starts with --backend webgpu and names the adapter', async () => {
    const b = await initBackend('webgpu');
    expect(b.name).toBe('webgpu');
    expect(b.adapter).toBeDefined();
    expect(b.adapter!.limits.maxStorageBufferBindingSize).toBeGreaterThan(0);
    expect(tf.getBackend()).toBe('webgpu');
  });

  it('per-op gradients match the cpu backend', async () => {
    await initBackend('webgpu');
    const rng = new Rng(7);
    const lnp = { g: tf.variable(tf.tensor1d([1.1, 0.9, 1.3, 0.7, 1.0])), b: tf.variable(tf.tensor1d([0.1, -0.2, 0.0, 0.3, -0.1])) };
    const cases: { name: string; f: (...xs: tf.Tensor[]) => tf.Tensor; inputs: { shape: number[]; values: Float32Array }[] }[] = [
      { name: 'linear (custom gradient)', f: (x, w, b) => linear(x, { w: w as tf.Variable, b: b as tf.Variable }), inputs: [rand(rng, [2, 6, 5]), rand(rng, [5, 7], 0.3), rand(rng, [7], 0.1)] },
      { name: 'batched matMul, transposed', f: (a, b) => tf.matMul(a, b, false, true), inputs: [rand(rng, [3, 4, 5]), rand(rng, [3, 6, 5])] },
      { name: 'softmax', f: (x) => tf.softmax(x), inputs: [rand(rng, [4, 9], 2)] },
      { name: 'gather of a trainable table (UnsortedSegmentSum)', f: (t) => tf.gather(t, tf.tensor1d([3, 1, 3, 0, 7], 'int32')), inputs: [rand(rng, [8, 4])] },
      { name: 'GELU (erf)', f: (x) => gelu(x), inputs: [rand(rng, [5, 6], 2)] },
      { name: 'LayerNorm (custom gradient)', f: (x) => layerNorm(x, lnp), inputs: [rand(rng, [3, 4, 5], 2)] },
      { name: 'smooth-L1 loss', f: (p, h) => elementLoss(p, h, 'smooth_l1'), inputs: [rand(rng, [4, 6], 1.5), rand(rng, [4, 6])] },
      {
        name: 'attention (batched matMuls)',
        f: (q, k, v) => (setModelKernels({ attention: 'matmul' }), attentionCore(q, k, v)),
        inputs: [rand(rng, [2, 5, 2, 3]), rand(rng, [2, 5, 2, 3]), rand(rng, [2, 5, 2, 3])],
      },
      {
        name: 'attention (depthwise convolutions, as on wasm)',
        f: (q, k, v) => (setModelKernels({ attention: 'conv' }), attentionCore(q, k, v)),
        inputs: [rand(rng, [2, 5, 2, 3]), rand(rng, [2, 5, 2, 3]), rand(rng, [2, 5, 2, 3])],
      },
    ];
    const report: Record<string, number> = {};
    for (const [i, c] of cases.entries()) {
      const cpu = await gradsOn('cpu', c.f, c.inputs, i);
      const gpuG = await gradsOn('webgpu', c.f, c.inputs, i);
      let worst = 0;
      cpu.forEach((g, j) => {
        const scale = Math.max(1e-6, ...Array.from(g, Math.abs));
        let d = 0;
        g.forEach((v, k) => (d = Math.max(d, Math.abs(v - gpuG[j][k]))));
        worst = Math.max(worst, d / scale);
      });
      report[c.name] = worst;
      expect(worst, c.name).toBeLessThan(1e-5);
    }
    setModelKernels({ attention: 'auto' });
    tf.dispose([lnp.g, lnp.b]);
    console.log(`per-op gradient parity, webgpu vs cpu (max |Δ| / max |g|): ${JSON.stringify(report)}`);
  });

  it('20 training steps match the cpu backend step by step; parameters, moments and EMA stay on the device; tensors stay flat', async () => {
    const cfg = resolveConfig('tiny', { optimization: { steps: 20 }, regularization: { vicreg_weight: 0.05, vicreg_cov_weight: 0.01 } });
    const data = syntheticShapes({ count: 64, size: 16, channels: 1, seed: 3 });
    const probe = Float32Array.from({ length: 4 * 16 * 16 }, (_, i) => Math.sin(i * 0.1));
    await initBackend('cpu');
    await tf.setBackend('cpu');
    const a = await Trainer.create({ config: cfg, data });
    expect(a.onDevice).toBe(false);
    const ref = Array.from({ length: 20 }, () => a.trainStep());
    const refFeatures = a.features(probe, 4);
    a.dispose();

    await initBackend('webgpu');
    const b = await Trainer.create({ config: cfg, data });
    expect(b.onDevice).toBe(true);
    expect(() => b.trainStep()).toThrow(/trainStepAsync/);
    const got: AsyncStepResult[] = [];
    let tensors = 0;
    for (let i = 0; i < 20; i++) {
      got.push(await b.trainStepAsync());
      if (i === 1) tensors = tf.memory().numTensors;
    }
    expect(tf.memory().numTensors).toBe(tensors);
    // the moments are device tensors, not host arrays
    expect(b.opt.m[0]).toBeInstanceOf(tf.Tensor);
    let worst = 0;
    ref.forEach((r, i) => {
      const g = got[i];
      expect(g.step).toBe(r.step);
      worst = Math.max(worst, Math.abs(g.loss! - r.loss) / Math.abs(r.loss));
      for (const k of Object.keys(r.reg)) worst = Math.max(worst, Math.abs(g.reg![k] - r.reg[k]) / Math.max(1e-6, Math.abs(r.reg[k])));
    });
    const features = await b.featuresAsync(probe, 4);
    let fd = 0;
    refFeatures.forEach((v, i) => (fd = Math.max(fd, Math.abs(v - features[i]))));
    console.log(`20-step parity, webgpu vs cpu: worst relative loss/regularizer difference ${worst.toExponential(2)}, features max |Δ| ${fd.toExponential(2)}; losses ${ref[0].loss.toFixed(4)} → ${ref[19].loss.toFixed(4)}`);
    expect(worst).toBeLessThan(1e-5);
    expect(fd).toBeLessThan(1e-5);
    expect(ref[19].loss).toBeLessThan(ref[0].loss);

    // a step that is not read leaves nothing behind and comes back without numbers
    const unread = await b.trainStepAsync({ read: false });
    expect(unread.loss).toBeNull();
    expect(tf.memory().numTensors).toBe(tensors);
    // the checkpoint reads the device's tensors asynchronously; it resumes on the cpu backend to the same next loss
    const dir = path.join(tmp, 'gpu-ckpt');
    await b.saveCheckpointAsync(dir);
    const next = await b.trainStepAsync();
    const opt = readSafetensors(path.join(dir, 'optimizer.safetensors'));
    expect(Number(opt.metadata.step)).toBe(21);
    b.dispose();
    await initBackend('cpu');
    await tf.setBackend('cpu');
    const c = await Trainer.create({ config: { ...cfg, optimization: { ...cfg.optimization, steps: 30 } }, data, resumeDir: dir });
    expect(c.step).toBe(21);
    const cNext = c.trainStep();
    expect(Math.abs(cNext.loss - next.loss!) / next.loss!).toBeLessThan(1e-5);
    c.dispose();
  });
});
