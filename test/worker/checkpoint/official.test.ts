// The official I-JEPA checkpoint layout: the fixture written by
// facebookresearch/ijepa's own code (test/fixtures/ijepa/README.md) read into
// the lab (model size, names, optimiser order, features equal to the recorded
// official ones), official → lab → official unchanged, and a lab run exported
// for the official code: loaded by torch into DDP-named modules, its AdamW
// state loaded and stepped once. With IJEPA_REPO=<checkout of
// facebookresearch/ijepa> the last test uses the official model classes,
// init_opt and load_checkpoint themselves instead of the project's reference
// modules (test/reference/ijepa_torch.py).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../worker/backend/backend.ts';
import { resolveConfig } from '../../../main/common/config.ts';
import { syntheticShapes } from '../../../worker/data/synthetic.ts';
import { patchify, sincos2d } from '../../../worker/model/model.ts';
import { Trainer } from '../../../worker/train/trainer.ts';
import * as tf from '@tensorflow/tfjs';
import {
  DEFAULT_HEAD_DIM,
  exportOfficialCheckpoint,
  importOfficialCheckpoint,
  inferOfficialModel,
  officialCompatibility,
  officialEncoderNames,
  officialParamGroups,
  officialPredictorNames,
  stripModule,
  writeLabCheckpoint,
  type StateDict,
} from '../../../worker/checkpoint/official.ts';
import { readTorchFile, TorchTensor, type PyValue } from '../../../worker/checkpoint/pytorch.ts';
import { EXPORT_CHECK, runPython, torchPython } from './torch-python.ts';
import { relDiff } from '../../helpers.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const FIXTURES = path.join(ROOT, 'test/fixtures/ijepa');
const CKPT = path.join(FIXTURES, 'tiny-ijepa-latest.pth.tar');
const FEATURES = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'tiny-ijepa-features.json'), 'utf8'));
const IJEPA_REPO = process.env.IJEPA_REPO ?? '';

type Dict = Record<string, PyValue>;

if (!torchPython.python) console.warn(`skipping the torch load-and-step check of the export: torch is not importable (${torchPython.why})`);

let tmp: string;
beforeAll(async () => {
  await initBackend('wasm');
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jepa-official-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function fixture(): Dict {
  return readTorchFile(CKPT).value as Dict;
}

describe('the official layout', () => {
  it('matches the fixture: state-dict order, init_opt groups and the stepped parameters', () => {
    const ck = fixture();
    const enc = stripModule(ck.encoder as Dict, 'encoder');
    const pred = stripModule(ck.predictor as Dict, 'predictor');
    expect(enc.prefixed).toBe(true);
    expect(Object.keys(enc.tensors)).toEqual(officialEncoderNames(2));
    expect(Object.keys(pred.tensors)).toEqual(officialPredictorNames(1));
    const groups = officialParamGroups(
      Object.entries(enc.tensors).map(([n, t]) => [n, t.shape]),
      Object.entries(pred.tensors).map(([n, t]) => [n, t.shape]),
    );
    const saved = (ck.opt as Dict).param_groups as Dict[];
    expect(groups.map((g) => g.params)).toEqual(saved.map((g) => g.params));
    expect(groups.map((g) => [g.module, g.decay])).toEqual([
      ['encoder', true],
      ['predictor', true],
      ['encoder', false],
      ['predictor', false],
    ]);
    expect(groups[0].names.slice(0, 2)).toEqual(['pos_embed', 'patch_embed.proj.weight']);
    expect(groups[1].names.slice(0, 3)).toEqual(['mask_token', 'predictor_pos_embed', 'predictor_embed.weight']);
    // every shape in the state matches the parameter at its index
    const state = (ck.opt as Dict).state as Map<number, Record<string, TorchTensor>>;
    for (const g of groups)
      g.names.forEach((n, i) => {
        const s = state.get(g.params[i]);
        const t = (g.module === 'encoder' ? enc : pred).tensors[n];
        if (n.endsWith('pos_embed')) expect(s, n).toBeUndefined();
        else expect(s!.exp_avg.shape, n).toEqual(t.shape);
      });
  });

  it('infers the fixture model: width, depth, patch, channels, image size, MLP ratio, predictor', () => {
    const ck = fixture();
    const enc = stripModule(ck.target_encoder as Dict, 'target_encoder').tensors;
    const pred = stripModule(ck.predictor as Dict, 'predictor').tensors;
    const m = FEATURES.model;
    const info = inferOfficialModel(enc, pred);
    expect(info).toMatchObject({
      modelName: null,
      embedDim: m.embed_dim,
      depth: m.depth,
      mlpRatio: m.mlp_ratio,
      patchSize: m.patch_size,
      channels: m.in_chans,
      imgSize: m.crop_size,
      grid: m.grid,
      qkvBias: true,
      posScale: 1,
      predictor: { depth: m.pred_depth, embedDim: m.pred_emb_dim, mlpRatio: 4 },
    });
    // 16 wide: not an official width, and under the default head width, so one head is assumed…
    expect(info).toMatchObject({ numHeads: 1, numHeadsFrom: 'default' });
    // …unless the training config's count is given
    expect(inferOfficialModel(enc, pred, { numHeads: m.num_heads })).toMatchObject({ numHeads: 2, numHeadsFrom: 'given' });
    expect(() => inferOfficialModel(enc, pred, { numHeads: 3 })).toThrow(/3 heads do not divide the encoder width 16/);
  });

  /** A state dict with the shapes (zeros) of an official ViT; pos_embed is the real sin-cos table. */
  function synthetic(D: number, depth: number, hidden: number, p: number, img: number, prefix = ''): StateDict {
    const g = img / p;
    const t = (shape: number[], data?: Float32Array) => TorchTensor.float32(data ?? new Float32Array(shape.reduce((a, b) => a * b, 1)), shape);
    return {
      [`${prefix}pos_embed`]: t([1, g * g, D], sincos2d(D, g)),
      [`${prefix}patch_embed.proj.weight`]: t([D, 3, p, p]),
      [`${prefix}blocks.0.attn.qkv.bias`]: t([3 * D]),
      [`${prefix}blocks.0.mlp.fc1.weight`]: t([hidden, D]),
      [`${prefix}blocks.${depth - 1}.norm1.weight`]: t([D]),
    };
  }

  it('names the official sizes from the width table (patch 14 or 16, any image size), and defaults heads elsewhere', () => {
    const cases = [
      { D: 1280, depth: 32, hidden: 5120, p: 14, img: 224, name: 'vit_huge', heads: 16 },
      { D: 1280, depth: 32, hidden: 5120, p: 16, img: 448, name: 'vit_huge', heads: 16 },
      { D: 1408, depth: 40, hidden: 6144, p: 16, img: 224, name: 'vit_giant', heads: 16 },
      { D: 768, depth: 12, hidden: 3072, p: 16, img: 224, name: 'vit_base', heads: 12 },
      { D: 192, depth: 12, hidden: 768, p: 16, img: 96, name: 'vit_tiny', heads: 3 },
      { D: 384, depth: 6, hidden: 1536, p: 8, img: 64, name: null, heads: 6 }, // vit_small's width at another depth
    ];
    for (const c of cases) {
      const raw = synthetic(c.D, c.depth, c.hidden, c.p, c.img, 'module.');
      const { tensors, prefixed } = stripModule(raw, 'encoder');
      expect(prefixed).toBe(true);
      const info = inferOfficialModel(tensors);
      expect(info, JSON.stringify(c)).toMatchObject({ modelName: c.name, embedDim: c.D, depth: c.depth, numHeads: c.heads, numHeadsFrom: 'table', patchSize: c.p, imgSize: c.img });
      expect(Math.floor(c.D * info.mlpRatio)).toBe(c.hidden); // the lab's int(dim · mlp_ratio) gives the same hidden width
    }
    // widths outside the table: head width ≥ DEFAULT_HEAD_DIM, dividing both widths
    expect(DEFAULT_HEAD_DIM).toBe(64);
    expect(inferOfficialModel(synthetic(320, 4, 1280, 16, 64))).toMatchObject({ numHeads: 5, numHeadsFrom: 'default', modelName: null });
    expect(inferOfficialModel(synthetic(96, 3, 192, 7, 28))).toMatchObject({ numHeads: 1, numHeadsFrom: 'default', mlpRatio: 2 });
    // without `module.`
    expect(stripModule(synthetic(768, 12, 3072, 16, 224), 'encoder').prefixed).toBe(false);
  });

  it('says what the official code cannot load as it stands: sizes outside vit_*, a predictor MLP ratio other than 4', () => {
    expect(officialCompatibility(resolveConfig('vit-small'))).toEqual([]);
    const small = officialCompatibility(resolveConfig('cpu-small'));
    expect(small.some((w) => /none of the official vit_\* sizes/.test(w))).toBe(true);
    expect(small.some((w) => /vit_predictor always builds 4/.test(w))).toBe(true);
  });

  it('refuses positions that are not the fixed sin-cos table, and infers the lab pos_scale when they are scaled', () => {
    const sd = synthetic(64, 2, 256, 4, 16);
    const scaled = { ...sd, pos_embed: TorchTensor.float32(sd.pos_embed.data.map((v) => v * 6), sd.pos_embed.shape) };
    expect(inferOfficialModel(scaled).posScale).toBeCloseTo(6, 6);
    const learned = { ...sd, pos_embed: TorchTensor.float32(sd.pos_embed.data.map((v, i) => v + (i % 7) * 1e-3), sd.pos_embed.shape) };
    expect(() => inferOfficialModel(learned)).toThrow(/not the fixed 2-D sin-cos table/);
  });
});

/** The fixture's images as the lab's normalised NHWC floats (official: ToTensor then Normalize, in float32). */
function fixtureImages(): { x: Float32Array; n: number } {
  const [B, C, S] = FEATURES.images.shape as number[];
  const u8 = Buffer.from(FEATURES.images.uint8_base64, 'base64');
  const { mean, std } = FEATURES.images.normalise as { mean: number[]; std: number[] };
  const x = new Float32Array(B * S * S * C);
  for (let b = 0; b < B; b++)
    for (let c = 0; c < C; c++)
      for (let i = 0; i < S; i++)
        for (let j = 0; j < S; j++) {
          const v = Math.fround(u8[((b * C + c) * S + i) * S + j] / 255);
          x[((b * S + i) * S + j) * C + c] = Math.fround(Math.fround(v - Math.fround(mean[c])) / Math.fround(std[c]));
        }
  return { x, n: B };
}

describe('importing the official fixture into the lab', () => {
  it('gives the official target-encoder features (average-pooled) within 1e-4 relative, and the context encoder too', async () => {
    const imp = importOfficialCheckpoint(CKPT, { numHeads: FEATURES.model.num_heads, overrides: { data: { dataset: 'synthetic' } } });
    expect(imp.notes).toEqual([]);
    expect(imp.step).toBe(1);
    expect(imp.meta).toEqual({ epoch: 1, loss: FEATURES.checkpoint.loss, lr: 0.001, batch_size: 4, world_size: 1 });
    expect(imp.config.model).toMatchObject({ embed_dim: 16, depth: 2, num_heads: 2, mlp_ratio: 4, pos_scale: 1 });
    expect(imp.config.data).toMatchObject({ crop_size: 32, channels: 3, batch_size: 4 });
    const dir = path.join(tmp, 'imported');
    writeLabCheckpoint(dir, imp);
    const data = syntheticShapes({ count: 64, size: 32, channels: 3, seed: 5 });
    const t = await Trainer.create({ config: imp.config, data, resumeDir: dir });
    try {
      expect(t.step).toBe(1);
      const { x, n } = fixtureImages();
      const target = t.features(x, n); // [n, D]
      const rel = relDiff(target, FEATURES.target_features.values.flat());
      // the context encoder, pooled the same way
      const S = 32;
      const patches = patchify(x, n, S, 3, 4);
      const enc = t.model.encoder;
      const ctx = tf.tidy(() => tf.mean(enc.forward(tf.tensor3d(patches, [n, 64, 48]), enc.posEmbed), 1));
      const relCtx = relDiff(ctx.dataSync() as Float32Array, FEATURES.encoder_features.values.flat());
      ctx.dispose();
      console.log(`official fixture features: target encoder max rel diff ${rel.toExponential(2)}, context encoder ${relCtx.toExponential(2)}`);
      expect(rel).toBeLessThan(1e-4);
      expect(relCtx).toBeLessThan(1e-4);
      // the imported optimiser state and step let training continue
      const r = t.trainStep();
      expect(r.step).toBe(1);
      expect(Number.isFinite(r.loss)).toBe(true);
    } finally {
      await t.dispose();
    }
  });

  it('with the wrong head count the features differ (the comparison can fail)', async () => {
    const imp = importOfficialCheckpoint(CKPT, { overrides: { data: { dataset: 'synthetic' } } }); // 1 head assumed
    expect(imp.notes.join(' ')).toMatch(/head count cannot be read from weights/);
    const dir = path.join(tmp, 'imported-1head');
    writeLabCheckpoint(dir, imp);
    const t = await Trainer.create({ config: imp.config, data: syntheticShapes({ count: 64, size: 32, channels: 3, seed: 5 }), resumeDir: dir });
    try {
      const { x, n } = fixtureImages();
      expect(relDiff(t.features(x, n), FEATURES.target_features.values.flat())).toBeGreaterThan(1e-3);
    } finally {
      await t.dispose();
    }
  });

  it('loads only the parts asked for', () => {
    const imp = importOfficialCheckpoint(CKPT, { numHeads: 2, parts: ['target_encoder'] });
    expect(imp.encoder).toBeNull();
    expect(imp.predictor).toBeNull();
    expect(imp.optimizer).toBeNull();
    expect(Object.keys(imp.target_encoder!)).toEqual(officialEncoderNames(2));
  });

  it('official → lab folder → official gives back the same state dicts, optimiser state and keys', () => {
    const imp = importOfficialCheckpoint(CKPT, { numHeads: 2 });
    const dir = path.join(tmp, 'roundtrip');
    writeLabCheckpoint(dir, imp);
    const out = path.join(tmp, 'roundtrip.pth.tar');
    exportOfficialCheckpoint(dir, out, { loss: imp.meta.loss });
    const a = fixture();
    const b = readTorchFile(out).value as Dict;
    expect(Object.keys(b)).toEqual(Object.keys(a));
    for (const k of ['encoder', 'predictor', 'target_encoder']) {
      const sa = a[k] as Record<string, TorchTensor>;
      const sb = b[k] as Record<string, TorchTensor>;
      expect(Object.keys(sb), k).toEqual(Object.keys(sa));
      for (const n of Object.keys(sa)) {
        expect(sb[n].shape, n).toEqual(sa[n].shape);
        expect(Array.from(sb[n].data), n).toEqual(Array.from(sa[n].data));
      }
    }
    const oa = a.opt as Dict;
    const ob = b.opt as Dict;
    expect((ob.param_groups as Dict[]).map((g) => [g.params, g.WD_exclude])).toEqual((oa.param_groups as Dict[]).map((g) => [g.params, g.WD_exclude]));
    const stA = oa.state as Map<number, Record<string, TorchTensor>>;
    const stB = ob.state as Map<number, Record<string, TorchTensor>>;
    expect([...stB.keys()]).toEqual([...stA.keys()].sort((x, y) => x - y));
    for (const [i, s] of stA)
      for (const k of ['step', 'exp_avg', 'exp_avg_sq']) {
        expect(stB.get(i)![k].shape, `${i} ${k}`).toEqual(s[k].shape);
        expect(Array.from(stB.get(i)![k].data), `${i} ${k}`).toEqual(Array.from(s[k].data));
      }
    for (const k of ['scaler', 'epoch', 'loss', 'batch_size', 'world_size', 'lr']) expect(b[k], k).toEqual(a[k]);
  });
});

describe('exporting a lab run for the official code', () => {
  it.skipIf(!torchPython.python)(
    `loads in torch with DDP names, and a torch AdamW takes the opt state_dict and steps from it${IJEPA_REPO ? ' (official code)' : ''}`,
    async () => {
      const cfg = resolveConfig('tiny', { data: { dataset: 'synthetic' }, regularization: { projector_dim: 8, vicreg_weight: 0.1 }, optimization: { steps: 4 } });
      const data = syntheticShapes({ count: 24, size: 16, channels: 1, seed: 3 });
      const t = await Trainer.create({ config: cfg, data });
      const dir = path.join(tmp, 'run');
      try {
        for (let i = 0; i < 3; i++) t.trainStep();
        t.saveCheckpoint(dir);
      } finally {
        await t.dispose();
      }
      const state = JSON.parse(fs.readFileSync(path.join(dir, 'state.json'), 'utf8'));
      expect(state.epoch).toBeGreaterThan(0);
      const file = path.join(tmp, 'run-ep.pth.tar');
      const { groups, dropped, warnings } = exportOfficialCheckpoint(dir, file, { loss: 0.25 });
      expect(dropped).toContain('projector.safetensors');
      expect(dropped).toContain('projector.projector.0.weight.exp_avg');
      // 16 wide and 1 deep is no vit_* size; the predictor's MLP ratio is the official 4
      expect(warnings.length).toBe(2);
      expect(warnings[0]).toMatch(/none of the official vit_\* sizes/);
      expect(warnings[1]).toMatch(/projector/);
      const job = path.join(tmp, 'job.json');
      fs.writeFileSync(job, JSON.stringify({ file, config: path.join(dir, 'config.json'), ipe: state.itersPerEpoch, ref: path.join(ROOT, 'test', 'reference'), ijepa: IJEPA_REPO || null }));
      const out = runPython<Record<string, any>>(torchPython.python!, tmp, EXPORT_CHECK, [job]);
      console.log(`export check (${IJEPA_REPO ? 'official code' : 'reference modules'}): ${JSON.stringify(out.step)}`);

      expect(out.keys).toEqual(['encoder', 'predictor', 'target_encoder', 'opt', 'scaler', 'epoch', 'loss', 'batch_size', 'world_size', 'lr']);
      expect(out.types).toMatchObject({ encoder: 'OrderedDict', predictor: 'OrderedDict', target_encoder: 'OrderedDict', opt: 'dict', scaler: 'NoneType', epoch: 'int', loss: 'float', lr: 'float' });
      const G = 4; // 16 px / 4 px patches
      expect(out.encoder.map((e: [string, number[]]) => e[0])).toEqual(officialEncoderNames(1).map((n) => `module.${n}`));
      expect(out.target_encoder.map((e: [string, number[]]) => e[0])).toEqual(officialEncoderNames(1).map((n) => `module.${n}`));
      expect(out.predictor.map((e: [string, number[]]) => e[0])).toEqual(officialPredictorNames(1).map((n) => `module.${n}`));
      expect(Object.fromEntries(out.encoder)).toMatchObject({ 'module.pos_embed': [1, G * G, 16], 'module.patch_embed.proj.weight': [16, 1, 4, 4], 'module.blocks.0.attn.qkv.weight': [48, 16] });
      expect(Object.fromEntries(out.predictor)).toMatchObject({ 'module.mask_token': [1, 1, 8], 'module.predictor_pos_embed': [1, G * G, 8], 'module.predictor_proj.weight': [16, 8] });
      expect(out.meta).toEqual({ scaler: null, epoch: state.epoch, loss: 0.25, batch_size: cfg.data.batch_size, world_size: 1, lr: cfg.optimization.lr });
      expect(out.groups.map((g: { params: number[] }) => g.params)).toEqual(groups.map((g) => g.params));
      expect(out.groups.map((g: { WD_exclude?: boolean; weight_decay: number }) => [g.WD_exclude ?? false, g.weight_decay === 0])).toEqual([
        [false, false],
        [false, false],
        [true, true],
        [true, true],
      ]);
      // every trained parameter has state; the two fixed position tables do not
      const posIdx = [groups[0].params[groups[0].names.indexOf('pos_embed')], groups[1].params[groups[1].names.indexOf('predictor_pos_embed')]];
      const all = groups.flatMap((g) => g.params);
      expect(out.state_keys).toEqual(all.filter((i) => !posIdx.includes(i)));
      expect(out.state_shapes_match).toBe(true);
      if (IJEPA_REPO) {
        expect(out.official.exceptions).toEqual([]);
        expect(out.official.epoch).toBe(state.epoch);
      }
      // one AdamW step from the loaded state: step 3 → 4, exp_avg = β1·m + (1 − β1)·g, weights move, fixed tables do not
      expect(out.step.before).toBe(3);
      expect(out.step.after).toBe(4);
      expect(out.step.exp_avg_err).toBeLessThan(1e-7);
      expect(out.step.moved).toBeGreaterThan(0);
      expect(out.step.pos_state).toBe(0);
      expect(out.step.pos_moved).toBe(0);
      expect(Number.isFinite(out.step.loss)).toBe(true);
    },
  );
});
