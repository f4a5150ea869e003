// Checkpoints: the safetensors format, official names and PyTorch layouts,
// atomic writes, exact resume, and (when torch is importable) features
// identical to a reference-style PyTorch ViT loading our encoder.safetensors.
import * as tf from '@tensorflow/tfjs';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { initBackend } from '../../../worker/backend/backend.ts';
import { resolveConfig } from '../../../main/common/config.ts';
import { syntheticShapes } from '../../../worker/data/synthetic.ts';
import { decodeSafetensors, encodeSafetensors, readSafetensors, toTorch } from '../../../worker/checkpoint/checkpoint.ts';
import { linear, patchify } from '../../../worker/model/model.ts';
import { Trainer } from '../../../worker/train/trainer.ts';
import { sampleMasks } from '../../../main/common/masks.ts';
import { Rng } from '../../../main/common/rng.ts';
import { checkpointProblems, cleanCheckpointRoot } from '../../../main/common/checkpoint-files.ts';

/** fs.writeFileSync itself, for the test that injects ENOSPC into it */
const writeFileSync = fs.writeFileSync.bind(fs);

let tmp: string;
beforeAll(async () => {
  await initBackend('wasm');
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jepa-ckpt-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const cfg = resolveConfig('tiny', { data: { channels: 3 }, model: { depth: 2 }, optimization: { steps: 12 } });
const data = syntheticShapes({ count: 64, size: 16, channels: 3, seed: 3 });

describe('safetensors', () => {
  it('writes the format: u64 LE header length, JSON header with F32/shape/data_offsets, raw LE data', () => {
    const bytes = encodeSafetensors(
      { a: { shape: [2, 2], data: new Float32Array([1, 2, 3, 4]) }, s: { shape: [], data: new Float32Array([7]) } },
      { step: '5' },
    );
    const dv = new DataView(bytes.buffer);
    const n = Number(dv.getBigUint64(0, true));
    expect((8 + n) % 8).toBe(0);
    const header = JSON.parse(Buffer.from(bytes.subarray(8, 8 + n)).toString('utf8'));
    expect(header.a).toEqual({ dtype: 'F32', shape: [2, 2], data_offsets: [0, 16] });
    expect(header.s).toEqual({ dtype: 'F32', shape: [], data_offsets: [16, 20] });
    expect(header.__metadata__).toEqual({ step: '5' });
    expect(dv.getFloat32(8 + n + 12, true)).toBe(4);
    const back = decodeSafetensors(bytes);
    expect(Array.from(back.tensors.a.data)).toEqual([1, 2, 3, 4]);
    expect(back.tensors.s.data[0]).toBe(7);
    expect(back.metadata.step).toBe('5');
  });
});

/** The next `steps` training steps of a and b (a resumed copy of a) give the same losses. */
function expectSameLosses(a: Trainer, b: Trainer, steps: number): void {
  const la: number[] = [];
  const lb: number[] = [];
  for (let i = 0; i < steps; i++) {
    la.push(a.trainStep().loss);
    lb.push(b.trainStep().loss);
  }
  expect(lb).toEqual(la);
}

describe('checkpoint folders', () => {
  it('use the official names and PyTorch layouts; the patch embedding is the conv weight [D, C, p, p]', async () => {
    const t = await Trainer.create({ config: cfg, data });
    const dir = path.join(tmp, 'layout');
    const { bytes, files } = t.saveCheckpoint(dir);
    expect(files.map((f) => path.basename(f)).sort()).toEqual(
      ['config.json', 'encoder.safetensors', 'optimizer.safetensors', 'predictor.safetensors', 'state.json', 'target_encoder.safetensors'],
    );
    expect(bytes).toBe(files.reduce((s, f) => s + fs.statSync(f).size, 0));
    const D = cfg.model.embed_dim, Dp = cfg.meta.pred_emb_dim, C = 3, p = cfg.mask.patch_size, N = 16;
    const enc = readSafetensors(path.join(dir, 'encoder.safetensors')).tensors;
    const blockNames = (pre: string, d: number) => [
      [`${pre}.norm1.weight`, [d]], [`${pre}.norm1.bias`, [d]],
      [`${pre}.attn.qkv.weight`, [3 * d, d]], [`${pre}.attn.qkv.bias`, [3 * d]],
      [`${pre}.attn.proj.weight`, [d, d]], [`${pre}.attn.proj.bias`, [d]],
      [`${pre}.norm2.weight`, [d]], [`${pre}.norm2.bias`, [d]],
      [`${pre}.mlp.fc1.weight`, [4 * d, d]], [`${pre}.mlp.fc1.bias`, [4 * d]],
      [`${pre}.mlp.fc2.weight`, [d, 4 * d]], [`${pre}.mlp.fc2.bias`, [d]],
    ] as [string, number[]][];
    const encExpect: [string, number[]][] = [
      ['patch_embed.proj.weight', [D, C, p, p]], ['patch_embed.proj.bias', [D]], ['pos_embed', [1, N, D]],
      ...blockNames('blocks.0', D), ...blockNames('blocks.1', D), ['norm.weight', [D]], ['norm.bias', [D]],
    ];
    expect(Object.keys(enc).sort()).toEqual(encExpect.map((e) => e[0]).sort());
    for (const [name, shape] of encExpect) expect(enc[name].shape, name).toEqual(shape);
    const tgt = readSafetensors(path.join(dir, 'target_encoder.safetensors')).tensors;
    expect(Object.keys(tgt).sort()).toEqual(Object.keys(enc).sort());
    const pred = readSafetensors(path.join(dir, 'predictor.safetensors')).tensors;
    const predExpect: [string, number[]][] = [
      ['predictor_embed.weight', [Dp, D]], ['predictor_embed.bias', [Dp]], ['mask_token', [1, 1, Dp]], ['predictor_pos_embed', [1, N, Dp]],
      ...blockNames('predictor_blocks.0', Dp), ['predictor_norm.weight', [Dp]], ['predictor_norm.bias', [Dp]],
      ['predictor_proj.weight', [D, Dp]], ['predictor_proj.bias', [D]],
    ];
    expect(Object.keys(pred).sort()).toEqual(predExpect.map((e) => e[0]).sort());
    for (const [name, shape] of predExpect) expect(pred[name].shape, name).toEqual(shape);
    const opt = readSafetensors(path.join(dir, 'optimizer.safetensors'));
    expect(opt.tensors['encoder.blocks.0.attn.qkv.weight.exp_avg'].shape).toEqual([3 * D, D]);
    expect(opt.tensors['predictor.mask_token.exp_avg_sq'].shape).toEqual([1, 1, Dp]);
    expect(opt.tensors.step.shape).toEqual([]);

    // conv semantics: out[d] = Σ_{c,ky,kx} W[d,c,ky,kx]·img[ky,kx,c] + b[d] equals our linear patch embedding
    const img = Float32Array.from({ length: 16 * 16 * C }, (_, i) => Math.sin(i));
    const patches = patchify(img, 1, 16, C, p); // patch 0 first
    const ours = tf.tidy(() => linear(tf.tensor2d(patches.subarray(0, C * p * p), [1, C * p * p]), t.model.encoder.patchEmbed).dataSync());
    const W = enc['patch_embed.proj.weight'].data, bias = enc['patch_embed.proj.bias'].data;
    for (let d = 0; d < D; d++) {
      let s = bias[d];
      for (let c = 0; c < C; c++) for (let ky = 0; ky < p; ky++) for (let kx = 0; kx < p; kx++)
        s += W[((d * C + c) * p + ky) * p + kx] * img[(ky * 16 + kx) * C + c];
      expect(ours[d]).toBeCloseTo(s, 5);
    }
    t.dispose();
  });

  it('round trip: identical features, and a resumed run continues the exact loss curve', async () => {
    const a = await Trainer.create({ config: cfg, data });
    for (let i = 0; i < 4; i++) a.trainStep();
    const dir = path.join(tmp, 'resume');
    a.saveCheckpoint(dir);
    a.saveCheckpoint(dir); // overwriting an existing checkpoint is atomic too
    expect(fs.existsSync(`${dir}.tmp`)).toBe(false);
    expect(fs.existsSync(`${dir}.old`)).toBe(false);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'state.json'), 'utf8')).step).toBe(4);

    const b = await Trainer.create({ config: cfg, data, resumeDir: dir });
    expect(b.step).toBe(4);
    const x = Float32Array.from({ length: 5 * 16 * 16 * 3 }, (_, i) => Math.cos(i * 0.37));
    expect(Array.from(b.features(x, 5))).toEqual(Array.from(a.features(x, 5)));
    expectSameLosses(a, b, 4);
    expect(Array.from(b.features(x, 5))).toEqual(Array.from(a.features(x, 5)));
    a.dispose();
    b.dispose();
  });

  it('with a projector (regularization.projector_dim): saved in projector.safetensors, resumed on the same curve; a checkpoint without one is refused', async () => {
    const pc = resolveConfig('tiny', cfg, { regularization: { vicreg_weight: 1, vicreg_cov_weight: 0.04, projector_dim: 12 } });
    const a = await Trainer.create({ config: pc, data });
    const before = a.model.projector!.params.map((p) => Array.from(p.v.dataSync()));
    for (let i = 0; i < 3; i++) a.trainStep();
    // the regularizer's gradient reaches the projector: its weights moved
    expect(a.model.projector!.params.some((p, i) => Array.from(p.v.dataSync()).some((v, j) => v !== before[i][j]))).toBe(true);
    const dir = path.join(tmp, 'projector');
    const { files } = a.saveCheckpoint(dir);
    expect(files.map((f) => path.basename(f))).toContain('projector.safetensors');
    const proj = readSafetensors(path.join(dir, 'projector.safetensors')).tensors;
    expect(proj['projector.0.weight'].shape).toEqual([12, pc.model.embed_dim]); // PyTorch nn.Linear [out, in]
    expect(proj['projector.2.weight'].shape).toEqual([12, 12]);
    const b = await Trainer.create({ config: pc, data, resumeDir: dir });
    expectSameLosses(a, b, 3);
    a.dispose();
    b.dispose();
    const plain = path.join(tmp, 'no-projector');
    const c = await Trainer.create({ config: cfg, data });
    c.saveCheckpoint(plain);
    c.dispose();
    await expect(Trainer.create({ config: pc, data, resumeDir: plain })).rejects.toThrow(/no projector\.safetensors.*projector_dim 12/);
  });

  it('a write that fails (a full disk) removes <dir>.tmp, keeps the folder already there, and says what could not be written', async () => {
    const t = await Trainer.create({ config: cfg, data });
    const dir = path.join(tmp, 'ckpts', 'step-0000002');
    t.saveCheckpoint(dir);
    const before = fs.readFileSync(path.join(dir, 'encoder.safetensors'));
    // ENOSPC injected at the write boundary (fs.writeFileSync), on the third file of the next checkpoint
    let calls = 0;
    const spy = vi.spyOn(fs, 'writeFileSync').mockImplementation((...args: Parameters<typeof fs.writeFileSync>) => {
      if (++calls === 3) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      return writeFileSync(...args);
    });
    try {
      expect(() => t.saveCheckpoint(dir)).toThrow(/cannot write checkpoint step-0000002 to .*ckpts: the disk is full \(ENOSPC\); free some space, then resume the run/);
    } finally {
      spy.mockRestore();
    }
    expect(fs.existsSync(`${dir}.tmp`)).toBe(false);
    expect(fs.readFileSync(path.join(dir, 'encoder.safetensors'))).toEqual(before);
    expect(checkpointProblems(dir, { projector: false, step: 0 })).toEqual([]);
    t.dispose();
  });

  it('on a real full file system too, where one can be made (a 128 KB tmpfs)', async (ctx) => {
    const mnt = path.join(tmp, 'small');
    fs.mkdirSync(mnt);
    if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=128k', 'tmpfs', mnt]).status !== 0) return ctx.skip('mounting a tmpfs is not permitted here; the injected ENOSPC above covers the same path');
    try {
      const t = await Trainer.create({ config: cfg, data });
      expect(() => t.saveCheckpoint(path.join(mnt, 'step-0000001'))).toThrow(/the disk is full \(ENOSPC\)/);
      expect(fs.readdirSync(mnt)).toEqual([]);
      t.dispose();
    } finally {
      spawnSync('umount', ['-l', mnt]);
    }
  });

  it("checkpointProblems finds a truncated or missing file from the headers alone; cleanCheckpointRoot clears a write's leftovers", async () => {
    const t = await Trainer.create({ config: cfg, data });
    const root = path.join(tmp, 'verify');
    const dir = path.join(root, 'step-0000000');
    t.saveCheckpoint(dir);
    t.dispose();
    expect(checkpointProblems(dir, { projector: false, step: 0 })).toEqual([]);
    expect(checkpointProblems(dir, { projector: true, step: 0 })).toEqual(['projector.safetensors: missing']);
    expect(checkpointProblems(dir, { projector: false, step: 5 })).toEqual(['state.json: holds step 0, not 5']);
    // an import of the target encoder alone (import-checkpoint --features-only) is whole as far as it goes
    const lean = path.join(root, 'lean');
    fs.cpSync(dir, lean, { recursive: true });
    for (const f of ['encoder.safetensors', 'predictor.safetensors', 'optimizer.safetensors']) fs.rmSync(path.join(lean, f));
    expect(checkpointProblems(lean, { projector: false, step: 0 })).toEqual(['encoder.safetensors: missing', 'predictor.safetensors: missing', 'optimizer.safetensors: missing']);
    const state = JSON.parse(fs.readFileSync(path.join(lean, 'state.json'), 'utf8'));
    fs.writeFileSync(path.join(lean, 'state.json'), JSON.stringify({ ...state, imported: { format: 'ijepa' } }));
    expect(checkpointProblems(lean, { projector: false, step: 0 })).toEqual([]);
    fs.rmSync(path.join(lean, 'target_encoder.safetensors'));
    expect(checkpointProblems(lean, { projector: false, step: 0 })).toEqual(['target_encoder.safetensors: missing']);
    fs.rmSync(lean, { recursive: true });
    const enc = path.join(dir, 'encoder.safetensors');
    const full = fs.readFileSync(enc);
    fs.writeFileSync(enc, full.subarray(0, full.length - 100));
    expect(checkpointProblems(dir, { projector: false })).toEqual([expect.stringMatching(/^encoder\.safetensors: \d+ bytes, but its header describes \d+: the file is cut short/)]);
    fs.writeFileSync(enc, full.subarray(0, 20));
    expect(checkpointProblems(dir, { projector: false })[0]).toMatch(/^encoder\.safetensors: its header length .* does not fit in the file/);
    fs.rmSync(path.join(dir, 'state.json'));
    expect(checkpointProblems(dir, { projector: false })).toContain('state.json: missing');
    // a swap cut between its renames: step-7.old without step-7 is put back; a .tmp is removed
    fs.mkdirSync(path.join(root, 'step-0000007.old'));
    fs.mkdirSync(path.join(root, 'step-0000009.tmp'));
    expect(cleanCheckpointRoot(root).sort()).toEqual(['removed step-0000009.tmp', 'restored step-0000007 from step-0000007.old']);
    expect(fs.readdirSync(root).sort()).toEqual(['step-0000000', 'step-0000007']);
  });

  it('rejects a checkpoint of another architecture, naming the tensor', async () => {
    const a = await Trainer.create({ config: cfg, data });
    const dir = path.join(tmp, 'other');
    a.saveCheckpoint(dir);
    a.dispose();
    const wider = resolveConfig('tiny', { data: { channels: 3 }, model: { depth: 2, embed_dim: 32 } });
    await expect(Trainer.create({ config: wider, data, resumeDir: dir })).rejects.toThrow(/patch_embed\.proj\.weight/);
  });
});

// ---------------------------------------------------------------------------
// PyTorch parity (reference-style ViT, reading safetensors with struct/json only)

const PY_REFERENCE = String.raw`
import json, sys
import torch, torch.nn.functional as F
# the reference modules: test/reference/ijepa_torch.py (on PYTHONPATH), shared with bench --compare-torch
from ijepa_torch import load_safetensors, sincos_2d, apply_masks, build_models, param_groups, ema_update

job = json.load(open(sys.argv[1]))
cfg, ck, n = job['config'], job['dir'], job['n']
S, C, p = cfg['data']['crop_size'], cfg['data']['channels'], cfg['mask']['patch_size']
m = cfg['model']
G = S // p
enc, tgt, pred = build_models(cfg)
out = {}
for name, mod in [('encoder', enc), ('target_encoder', tgt), ('predictor', pred)]:
    state = load_safetensors(ck + '/' + name + '.safetensors')
    key = 'predictor_pos_embed' if name == 'predictor' else 'pos_embed'
    dim = state[key].shape[-1]
    out[name + '_pos_err'] = (state[key][0] - sincos_2d(dim, G)).abs().max().item()
    mod.load_state_dict(state, strict=True)
    mod.eval()
x = torch.frombuffer(bytearray(open(job['x'], 'rb').read()), dtype=torch.float32).reshape(n, S, S, C).permute(0, 3, 1, 2)
masks_enc = [torch.tensor(job['context'], dtype=torch.long)]
M = len(job['targets'][0])
masks_pred = [torch.tensor([job['targets'][b][k] for b in range(n)], dtype=torch.long) for k in range(M)]
with torch.no_grad():
    out['encoder'] = enc(x).mean(dim=1).reshape(-1).tolist()
    out['target_encoder'] = tgt(x).mean(dim=1).reshape(-1).tolist()
    # the reference train step (src/train.py): targets, context, prediction, loss
    h = F.layer_norm(tgt(x), (m['embed_dim'],))
    h = apply_masks(h, masks_pred)
    z = pred(enc(x, masks_enc), masks_enc, masks_pred)
    out['loss'] = F.mse_loss(z, h).item() if cfg['meta']['loss'] == 'l2' else F.smooth_l1_loss(z, h).item()
    err = ((z - h) ** 2).mean(-1)  # [M*B, Kt]
    s = torch.zeros(n, G * G); c = torch.zeros(n, G * G)
    for k in range(M):
        for b in range(n):
            idx = masks_pred[k][b]
            s[b].index_add_(0, idx, err[k * n + b]); c[b].index_add_(0, idx, torch.ones(len(idx)))
    out['errors'] = torch.where(c > 0, s / c.clamp(min=1), torch.full_like(s, float('nan'))).reshape(-1).tolist()

if 'train' in job:
    # one reference optimiser step from the saved state: loss, backward, AdamW, EMA
    tr = job['train']
    B2 = len(tr['context'])
    x2 = torch.frombuffer(bytearray(open(tr['x'], 'rb').read()), dtype=torch.float32).reshape(B2, S, S, C).permute(0, 3, 1, 2)
    me = [torch.tensor(tr['context'], dtype=torch.long)]
    mp = [torch.tensor([tr['targets'][b][k] for b in range(B2)], dtype=torch.long) for k in range(len(tr['targets'][0]))]
    # reference groups (bias / 1-D: no decay); this project also exempts the mask token
    decay, no_decay, names = param_groups([('encoder', enc), ('predictor', pred)])
    opt = torch.optim.AdamW([{'params': decay}, {'params': no_decay, 'weight_decay': 0, 'WD_exclude': True}], lr=tr['lr'])
    for g in opt.param_groups:
        if not g.get('WD_exclude'):
            g['weight_decay'] = tr['wd']
    ostate = load_safetensors(ck + '/optimizer.safetensors')
    for prm, nm in names.items():
        opt.state[prm] = {'step': torch.tensor(float(ostate['step'].item())), 'exp_avg': ostate[nm + '.exp_avg'].clone(), 'exp_avg_sq': ostate[nm + '.exp_avg_sq'].clone()}
    with torch.no_grad():
        h = apply_masks(F.layer_norm(tgt(x2), (m['embed_dim'],)), mp)
    z = pred(enc(x2, me), me, mp)
    loss = F.mse_loss(z, h)
    opt.zero_grad()
    loss.backward()
    out['train_loss'] = loss.item()
    out['grads'] = {nm: prm.grad.reshape(-1).tolist() for prm, nm in names.items()}
    opt.step()
    ema_update(enc, tgt, tr['momentum'])
    out['after'] = {}
    for prefix, mod in [('encoder', enc), ('target_encoder', tgt), ('predictor', pred)]:
        for k, v in mod.state_dict().items():
            out['after'][prefix + '.' + k] = v.reshape(-1).tolist()
print(json.dumps(out).replace('NaN', 'null'))
`;

function findTorchPython(): { python: string | null; why: string } {
  const tried: string[] = [];
  for (const py of ['python3', '/usr/bin/python3']) {
    const r = spawnSync(py, ['-c', 'import torch'], { encoding: 'utf8', timeout: 60_000 });
    if (r.status === 0) return { python: py, why: '' };
    tried.push(`${py}: ${r.error ? r.error.message : (r.stderr || '').trim().split('\n').pop()}`);
  }
  return { python: null, why: tried.join('; ') };
}

const torchPy = findTorchPython();
if (!torchPy.python) console.warn(`skipping the PyTorch parity test: torch is not importable (${torchPy.why})`);

describe('PyTorch interoperability', () => {
  it.skipIf(!torchPy.python)('reference-style PyTorch modules loading the checkpoint match features, predictions, loss, gradients and one AdamW + EMA step', async () => {
    const c = resolveConfig('tiny', { data: { channels: 3 }, model: { depth: 2, embed_dim: 32, num_heads: 4 }, meta: { pred_depth: 2, pred_emb_dim: 16 } });
    const t = await Trainer.create({ config: c, data });
    for (let i = 0; i < 3; i++) t.trainStep(); // move away from the init (and the target away from the encoder)
    const dir = path.join(tmp, 'torch');
    t.saveCheckpoint(dir);
    const n = 6;
    const x = Float32Array.from({ length: n * 16 * 16 * 3 }, (_, i) => Math.sin(i * 0.013) * 1.5);
    const masks = sampleMasks(c.mask, 4, n, new Rng(21));
    const xfile = path.join(tmp, 'x.f32');
    fs.writeFileSync(xfile, Buffer.from(x.buffer));
    const script = path.join(tmp, 'ref_ijepa.py');
    fs.writeFileSync(script, PY_REFERENCE);
    // the next training step's own crops and masks, for one reference optimiser step
    const next = t.stepInputs(t.step);
    const sched = t.schedule(t.step);
    const x2file = path.join(tmp, 'x2.f32');
    fs.writeFileSync(x2file, Buffer.from(next.x.buffer, next.x.byteOffset, next.x.byteLength));
    const jobFile = path.join(tmp, 'job.json');
    fs.writeFileSync(
      jobFile,
      JSON.stringify({
        config: c, dir, x: xfile, n, context: masks.context, targets: masks.targets,
        train: { x: x2file, context: next.masks.context, targets: next.masks.targets, ...sched },
      }),
    );
    const env = { ...process.env, PYTHONPATH: [path.resolve(import.meta.dirname, '../../reference'), process.env.PYTHONPATH].filter(Boolean).join(path.delimiter) };
    const r = spawnSync(torchPy.python!, [script, jobFile], { encoding: 'utf8', timeout: 120_000, maxBuffer: 256 * 2 ** 20, env });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<string, number | (number | null)[]>;
    for (const k of ['encoder_pos_err', 'target_encoder_pos_err', 'predictor_pos_err']) expect(out[k], k).toBeLessThan(1e-6);
    const maxErr = (a: ArrayLike<number | null>, b: ArrayLike<number>) => {
      expect(a.length).toBe(b.length);
      let e = 0;
      for (let i = 0; i < b.length; i++) {
        const u = a[i];
        if (u === null || Number.isNaN(b[i])) expect(u === null && Number.isNaN(b[i]), `NaN pattern at ${i}`).toBe(true);
        else e = Math.max(e, Math.abs(u - b[i]));
      }
      return e;
    };
    const pooled = (enc: typeof t.model.encoder) =>
      tf.tidy(() => tf.mean(enc.forward(tf.tensor3d(patchify(x, n, 16, 3, 4), [n, 16, 48]), enc.posEmbed), 1).dataSync());
    const errs = {
      encoder: maxErr(out.encoder as number[], pooled(t.model.encoder)),
      target_encoder: maxErr(out.target_encoder as number[], t.features(x, n)),
      prediction_error: maxErr(out.errors as (number | null)[], t.predictionError(x, masks)),
    };
    console.log(`torch parity (max abs diff): ${JSON.stringify(errs)}`);
    for (const [k, e] of Object.entries(errs)) expect(e, k).toBeLessThan(1e-4);
    // and the loss of the reference train step on the same images and masks
    const loss = t.loss(x, masks);
    expect(Math.abs(loss - (out.loss as number))).toBeLessThan(1e-5 * Math.max(1, out.loss as number));

    // gradients of the whole graph (custom linear / LayerNorm / GELU / conv-attention
    // gradients included) against PyTorch autograd, then one AdamW + EMA step
    const params = [...t.model.encoder.params, ...t.model.predictor.params];
    const g = t.gradients(t.step, params, next);
    expect(Math.abs(g.loss - (out.train_loss as unknown as number))).toBeLessThan(1e-5);
    const torchGrads = out.grads as unknown as Record<string, number[]>;
    let worstGrad = 0;
    params.forEach((p, i) => {
      const prefix = i < t.model.encoder.params.length ? 'encoder' : 'predictor';
      const ours = toTorch(g.grads[i]!.dataSync() as Float32Array, p.v.shape, p.layout, 3, 4).data;
      const ref = torchGrads[`${prefix}.${p.name}`];
      let scale = 0, diff = 0;
      ref.forEach((v, j) => ((scale = Math.max(scale, Math.abs(v))), (diff = Math.max(diff, Math.abs(v - ours[j])))));
      worstGrad = Math.max(worstGrad, diff / scale);
      expect(diff, `${prefix}.${p.name}`).toBeLessThan(1e-4 * scale + 1e-9);
    });
    tf.dispose(g.grads as tf.Tensor[]);
    t.trainStep();
    const dir2 = path.join(tmp, 'torch-after');
    t.saveCheckpoint(dir2);
    const after = out.after as unknown as Record<string, number[]>;
    let worstParam = 0;
    for (const file of ['encoder', 'target_encoder', 'predictor']) {
      const ours = readSafetensors(path.join(dir2, `${file}.safetensors`)).tensors;
      for (const [name, tensor] of Object.entries(ours)) {
        const ref = after[`${file}.${name}`];
        expect(ref, `${file}.${name}`).toBeDefined();
        tensor.data.forEach((v, j) => (worstParam = Math.max(worstParam, Math.abs(v - ref[j]))));
      }
    }
    console.log(`torch parity of one step: worst relative gradient diff ${worstGrad.toExponential(2)}, worst parameter diff ${worstParam.toExponential(2)}`);
    expect(worstParam).toBeLessThan(1e-6);
    t.dispose();
  });
});
