// What lets a big model (a ViT-H/14 checkpoint) be opened and embedded on a
// small machine: imports written one tensor at a time, safetensors read tensor
// by tensor, the target encoder built and loaded alone (the same features as
// the whole model's), and feature batches sized to the model.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../../worker/backend/backend.ts';
import { resolveConfig } from '../../../main/common/config.ts';
import { encodeSafetensors, loadJepa, loadTargetEncoder, readSafetensors, readSafetensorsLazy, writeSafetensorsStream, type HostTensor, type TensorMap } from '../../../worker/checkpoint/checkpoint.ts';
import { importBytes, importOfficialCheckpoint, IMAGENET_NORM, writeLabCheckpoint } from '../../../worker/checkpoint/official.ts';
import { FEATURE_ACTIVATION_BYTES, featureBatch, poolEncoderFeatures, poolFeatures, stepModel } from '../../../worker/model/forward.ts';
import { disposeJepa } from '../../../worker/model/model.ts';
import { Trainer } from '../../../worker/train/trainer.ts';
import { syntheticShapes } from '../../../worker/data/synthetic.ts';
import { resizeBatch } from '../../../worker/data/augment.ts';

const CKPT = path.resolve(import.meta.dirname, '../../fixtures/ijepa/tiny-ijepa-latest.pth.tar');
let tmp: string;
beforeAll(async () => {
  await initBackend('wasm');
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jepa-big-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('streamed safetensors', () => {
  it('writeSafetensorsStream writes the bytes encodeSafetensors does; readSafetensorsLazy reads the values back', () => {
    const t: TensorMap = {
      a: { shape: [2, 3], data: Float32Array.from([1, 2, 3, 4, 5, 6]) },
      b: { shape: [], data: Float32Array.from([7]) },
      c: { shape: [5], data: Float32Array.from([0.5, -1, 3e-8, 1e30, -0]) },
    };
    const file = path.join(tmp, 's.safetensors');
    const n = writeSafetensorsStream(file, t, { step: '3' });
    const bytes = fs.readFileSync(file);
    expect(n).toBe(bytes.length);
    expect(Buffer.compare(bytes, Buffer.from(encodeSafetensors(t, { step: '3' })))).toBe(0);
    const lazy = readSafetensorsLazy(file);
    expect(lazy.metadata).toEqual({ step: '3' });
    expect(Object.keys(lazy.tensors)).toEqual(['a', 'b', 'c']);
    for (const k of Object.keys(t)) {
      expect(lazy.tensors[k].shape).toEqual(t[k].shape);
      expect(Array.from(lazy.tensors[k].data)).toEqual(Array.from(t[k].data));
    }
  });

  it('an import holds at most one tensor while it is written (each is read, written, released)', () => {
    const imp = importOfficialCheckpoint(CKPT, { numHeads: 2 });
    let live = 0;
    let peak = 0;
    let reads = 0;
    let total = 0;
    // count tensors whose values were read and not yet released
    for (const key of ['encoder', 'target_encoder', 'predictor', 'optimizer'] as const) {
      const m = imp[key]!;
      for (const [name, t] of Object.entries(m)) {
        const orig = t as HostTensor & { release?: () => void };
        total++;
        m[name] = {
          shape: orig.shape,
          get data() {
            reads++;
            peak = Math.max(peak, ++live);
            return orig.data;
          },
          release() {
            live--;
            orig.release?.();
          },
        } as HostTensor;
      }
    }
    let written = 0;
    writeLabCheckpoint(path.join(tmp, 'lab'), imp, { onBytes: (b) => (written += b) });
    expect(peak).toBe(1);
    expect(live).toBe(0);
    expect(reads).toBe(total);
    expect(written).toBe(importBytes(imp));
    const state = JSON.parse(fs.readFileSync(path.join(tmp, 'lab', 'state.json'), 'utf8'));
    expect(state.input_norm).toEqual(IMAGENET_NORM); // a 3-channel official model: ImageNet's statistics
  });

  it('a partial import (target encoder only) writes a folder the lab can embed with, and full loads say what is missing', () => {
    const imp = importOfficialCheckpoint(CKPT, { numHeads: 2, parts: ['target_encoder'] });
    expect(imp.step).toBe(1); // the step is read without the optimiser's moments
    const dir = path.join(tmp, 'partial');
    expect(() => writeLabCheckpoint(dir, imp)).toThrow(/needs the encoder, target encoder and predictor/);
    writeLabCheckpoint(dir, imp, { partial: true });
    expect(fs.readdirSync(dir).sort()).toEqual(['config.json', 'state.json', 'target_encoder.safetensors']);
    const enc = loadTargetEncoder(imp.config, dir);
    enc.dispose();
    expect(() => loadJepa(imp.config, dir)).toThrow(/has no encoder\.safetensors: it holds only what embedding needs/);
  });
});

describe('the target encoder alone', () => {
  it('gives the features the whole model gives, from a checkpoint and from the random init', async () => {
    const cfg = resolveConfig('tiny', { data: { dataset: 'synthetic' } });
    const data = syntheticShapes({ count: 24, size: 16, channels: 1, seed: 2 });
    const t = await Trainer.create({ config: cfg, data });
    const dir = path.join(tmp, 'trained');
    try {
      for (let i = 0; i < 2; i++) t.trainStep();
      t.saveCheckpoint(dir);
    } finally {
      await t.dispose();
    }
    const idx = Array.from({ length: 10 }, (_, i) => i);
    const x = resizeBatch(data, idx, cfg.data.crop_size, cfg.data.channels);
    for (const d of [dir, undefined]) {
      const whole = loadJepa(cfg, d);
      const alone = loadTargetEncoder(cfg, d);
      try {
        const a = poolFeatures(stepModel(cfg, whole), x, idx.length);
        const b = poolEncoderFeatures(alone, cfg, x, idx.length, 3); // other batch boundaries, same values
        expect(Array.from(b), d ?? 'random init').toEqual(Array.from(a));
        expect(alone.params.length).toBe(whole.target.params.length);
      } finally {
        disposeJepa(whole);
        alone.dispose();
      }
    }
    // the checkpoint's weights, not the init: a trained target differs from the random one
    const a = loadTargetEncoder(cfg, dir);
    const b = loadTargetEncoder(cfg);
    try {
      expect(Array.from(poolEncoderFeatures(a, cfg, x, idx.length))).not.toEqual(Array.from(poolEncoderFeatures(b, cfg, x, idx.length)));
    } finally {
      a.dispose();
      b.dispose();
    }
  });

  it('a loaded encoder holds one buffer per weight: loading does not keep the init\'s (it would double a big model\'s memory)', () => {
    const cfg = resolveConfig('tiny', { data: { dataset: 'synthetic' } });
    const before = tf.memory().numDataBuffers;
    const enc = loadTargetEncoder(cfg, path.join(tmp, 'trained'));
    try {
      expect(tf.memory().numDataBuffers - before).toBe(enc.params.length + 1); // + the fixed position table
    } finally {
      enc.dispose();
    }
    expect(tf.memory().numDataBuffers).toBe(before);
  });

  it('a checkpoint folder read tensor by tensor loads the same weights as the whole file read at once', () => {
    const dir = path.join(tmp, 'trained');
    const file = path.join(dir, 'target_encoder.safetensors');
    const whole = readSafetensors(file).tensors;
    const lazy = readSafetensorsLazy(file).tensors;
    expect(Object.keys(lazy)).toEqual(Object.keys(whole));
    for (const k of Object.keys(whole)) expect(Array.from(lazy[k].data), k).toEqual(Array.from(whole[k].data));
  });

  it('normalises by the statistics a checkpoint records instead of the dataset\'s', () => {
    const data = syntheticShapes({ count: 4, size: 8, channels: 1, seed: 1 });
    const own = resizeBatch(data, [0], 8, 3);
    const imagenet = resizeBatch(data, [0], 8, 3, IMAGENET_NORM);
    const px = data.pixels[0] / 255;
    expect(imagenet[0]).toBeCloseTo((px - 0.485) / 0.229, 5);
    expect(imagenet[1]).toBeCloseTo((px - 0.456) / 0.224, 5);
    expect(own[0]).toBeCloseTo((px - data.mean[0]) / data.std[0], 5);
    expect(() => resizeBatch(data, [0], 8, 1, IMAGENET_NORM)).toThrow(/needs 1 means and stds/);
  });
});

describe('inference through the encoder', () => {
  it('infer gives forward\'s values and keeps one block\'s temporaries alive, not every block\'s', () => {
    const cfg = resolveConfig('tiny', { data: { dataset: 'synthetic' }, model: { depth: 8 } });
    const enc = loadTargetEncoder(cfg);
    const B = 4;
    const N = enc.numPatches;
    const x = tf.randomNormal([B, N, enc.patchDim], 0, 1, 'float32', 3);
    try {
      const a = tf.tidy(() => enc.forward(x, enc.posEmbed));
      const b = tf.tidy(() => enc.infer(x, enc.posEmbed));
      expect(Array.from(b.dataSync())).toEqual(Array.from(a.dataSync()));
      tf.dispose([a, b]);
      // tensors alive when the pass returns, inside the caller's tidy: forward keeps every block's temporaries until the tidy ends
      const alive = (f: 'forward' | 'infer') => {
        const before = tf.memory().numBytes;
        let held = 0;
        tf.tidy(() => {
          const y = enc[f](x, enc.posEmbed);
          held = tf.memory().numBytes - before - 4 * y.size;
        });
        return held;
      };
      const whole = alive('forward');
      const lean = alive('infer');
      console.log(`bytes of temporaries alive after a depth-8 pass: ${whole} (forward) vs ${lean} (infer)`);
      expect(lean).toBeLessThan(whole / 8);
    } finally {
      x.dispose();
      enc.dispose();
    }
  });
});

/** A fresh process (the wasm heap never shrinks): embed 2 images with a ~100 MB encoder; its weight bytes and the heap after. */
function heapAfterEmbed(transient: boolean): { weights: number; heap: number } {
  const root = path.resolve(import.meta.dirname, '../../..');
  const file = path.join(tmp, `heap-${transient}.mts`);
  fs.writeFileSync(
    file,
    `import { initBackend, wasmHeapBytes } from '${root}/worker/backend/backend.ts';
import { resolveConfig } from '${root}/main/common/config.ts';
import { loadTargetEncoder } from '${root}/worker/checkpoint/checkpoint.ts';
import { poolEncoderFeatures } from '${root}/worker/model/forward.ts';
await initBackend('wasm');
const cfg = resolveConfig('vit-tiny', { data: { crop_size: 64, channels: 3 }, mask: { patch_size: 8 }, model: { embed_dim: 512, depth: 8, num_heads: 8 } });
const enc = loadTargetEncoder(cfg);
const weights = enc.params.reduce((a, p) => a + 4 * p.v.size, 0);
poolEncoderFeatures(enc, cfg, new Float32Array(2 * 64 * 64 * 3).fill(0.5), 2, 2, ${transient});
console.log(JSON.stringify({ weights, heap: wasmHeapBytes() }));
`,
  );
  // XNNPACK's matMuls (the BLAS addon, where built, multiplies without packed copies)
  const r = spawnSync(process.execPath, ['--import', 'tsx', file], { cwd: root, encoding: 'utf8', timeout: 180_000, env: { ...process.env, JEPA_LAB_BLAS: '0' } });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!);
}

describe('big models on wasm', () => {
  it('multiplying by transient weight copies gives the same features and keeps XNNPACK\'s packed copies from doubling the heap', () => {
    const cfg = resolveConfig('tiny', { data: { dataset: 'synthetic' }, model: { depth: 3 } });
    const enc = loadTargetEncoder(cfg);
    const x = new Float32Array(5 * 16 * 16).map((_, i) => Math.sin(i));
    try {
      expect(Array.from(poolEncoderFeatures(enc, cfg, x, 5, 2, true))).toEqual(Array.from(poolEncoderFeatures(enc, cfg, x, 5, 2, false)));
    } finally {
      enc.dispose();
    }
    const plain = heapAfterEmbed(false);
    const transient = heapAfterEmbed(true);
    const mib = (b: number) => (b / 2 ** 20).toFixed(0);
    console.log(`wasm heap after embedding with a ${mib(plain.weights)} MiB encoder: ${mib(plain.heap)} MiB (weights kept packed) vs ${mib(transient.heap)} MiB (transient copies)`);
    expect(plain.heap).toBeGreaterThan(1.8 * plain.weights);
    expect(plain.heap - transient.heap).toBeGreaterThan(0.6 * plain.weights); // most of a second copy of the weights
    expect(transient.heap).toBeLessThan(1.7 * transient.weights);
  });
});

describe('feature batches', () => {
  it('are sized so one pass stays within the activation budget: all 256 for small models, a few images for a ViT-H/14', () => {
    expect(featureBatch(resolveConfig('tiny'))).toBe(256);
    const huge = resolveConfig('vit-tiny', {
      data: { crop_size: 224, channels: 3 },
      mask: { patch_size: 14 },
      model: { embed_dim: 1280, depth: 32, num_heads: 16, mlp_ratio: 4 },
      meta: { pred_emb_dim: 384, pred_depth: 12 },
    });
    const b = featureBatch(huge);
    expect(b).toBeGreaterThanOrEqual(1);
    expect(b).toBeLessThan(32);
    const N = 256;
    const perImage = 4 * (3 * N * 5120 + 2 * 16 * N * N + 4 * N * 1280);
    expect(b * perImage).toBeLessThanOrEqual(FEATURE_ACTIVATION_BYTES);
    expect((b + 1) * perImage).toBeGreaterThan(FEATURE_ACTIVATION_BYTES);
  });
});
