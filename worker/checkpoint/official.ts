// The official I-JEPA checkpoint (facebookresearch/ijepa src/train.py
// save_checkpoint), both ways:
//
//   {encoder, predictor, target_encoder: state dicts with DDP's `module.` names,
//    opt: torch AdamW state_dict (state keyed by parameter index; param_groups
//         in init_opt's order: encoder decay, predictor decay, encoder no-decay,
//         predictor no-decay), scaler, epoch, loss, batch_size, world_size, lr}
//
// The lab's safetensors checkpoints (worker/checkpoint.ts) already use the
// official parameter names and PyTorch layouts, so the mapping here is the
// `module.` prefix, the optimiser (name-keyed here, index-keyed there) and the
// fixed position tables, which both sides store (`pos_embed` [1, N, D] carries
// the lab's model.pos_scale; `predictor_pos_embed` [1, N, Dp] is unscaled).
import fs from 'node:fs';
import path from 'node:path';
import { readSafetensors, writeSafetensorsStream, type CheckpointState, type HostTensor, type TensorMap } from './checkpoint.ts';
import { resolveConfig, withDefaults, type DeepPartial, type JepaConfig } from '../../main/common/config.ts';
import { sincos2d } from '../model/model.ts';
import { ADAMW_DEFAULTS } from '../train/optim.ts';
import { scheduleAt, scheduleSpec } from '../../main/common/schedule.ts';
import { OFFICIAL_MODELS, officialDifferences } from '../../main/common/official.ts';
import { orderedDict, pyFloat, pyTuple, readTorchFile, TorchTensor, writeTorchFile, type PyValue } from './pytorch.ts';

// ---------------------------------------------------------------------------
// Model sizes

/**
 * Heads for a width outside the table: weights do not record the head count
 * (it only splits qkv's output), so the default is the head width 64 that
 * vit_tiny..vit_large use: the most heads h dividing the encoder and predictor
 * widths with width/h ≥ 64, and 1 when the width is under 64.
 */
export const DEFAULT_HEAD_DIM = 64;

export interface OfficialModelInfo {
  /** the official vit_* whose width, depth and MLP ratio match, else null */
  modelName: string | null;
  embedDim: number;
  depth: number;
  numHeads: number;
  /** 'table': the official width→heads table; 'given': the caller's; 'default': DEFAULT_HEAD_DIM */
  numHeadsFrom: 'table' | 'given' | 'default';
  mlpRatio: number;
  patchSize: number;
  channels: number;
  /** image side the positions were made for: sqrt(N) · patch */
  imgSize: number;
  grid: number;
  qkvBias: boolean;
  /** factor of pos_embed over the fixed sin-cos table (the lab's model.pos_scale; 1 for official runs), null without pos_embed */
  posScale: number | null;
  predictor: { depth: number; embedDim: number; mlpRatio: number } | null;
  /** whether the state dicts' names carried DDP's `module.` */
  modulePrefix: boolean;
}

/** Tensors of a state dict by name. */
export type StateDict = Record<string, TorchTensor>;

/** Drop DDP's `module.` prefix (all names or none). */
export function stripModule(sd: Record<string, PyValue>, what: string): { tensors: StateDict; prefixed: boolean } {
  const names = Object.keys(sd);
  const prefixed = names.length > 0 && names.every((n) => n.startsWith('module.'));
  const tensors: StateDict = {};
  for (const [n, t] of Object.entries(sd)) {
    if (!(t instanceof TorchTensor)) throw new Error(`${what}: ${n} is not a tensor`);
    tensors[prefixed ? n.slice(7) : n] = t;
  }
  return { tensors, prefixed };
}

function need(sd: StateDict, name: string, what: string, rank: number): number[] {
  const t = sd[name];
  if (!t) throw new Error(`${what} has no ${name}; it is not an I-JEPA ViT state dict (names: ${Object.keys(sd).slice(0, 6).join(', ')}…)`);
  if (t.shape.length !== rank) throw new Error(`${what} ${name} has shape [${t.shape}], expected ${rank} dimensions`);
  return t.shape;
}

function countBlocks(sd: StateDict, prefix: string): number {
  let depth = 0;
  const re = new RegExp(`^${prefix.replace('.', '\\.')}(\\d+)\\.`);
  for (const n of Object.keys(sd)) {
    const m = re.exec(n);
    if (m) depth = Math.max(depth, Number(m[1]) + 1);
  }
  return depth;
}

/** Fit pe ≈ s · table; returns s when the residual is float rounding, else throws naming the difference. */
function fitPositions(pe: Float32Array, table: Float32Array, what: string): number {
  let dot = 0;
  let tt = 0;
  for (let i = 0; i < table.length; i++) (dot += pe[i] * table[i]), (tt += table[i] * table[i]);
  let s = dot / tt;
  if (Math.abs(s - 1) < 1e-6) s = 1;
  let worst = 0;
  for (let i = 0; i < table.length; i++) worst = Math.max(worst, Math.abs(pe[i] - s * table[i]));
  if (worst > 1e-5 * Math.max(1, Math.abs(s)))
    throw new Error(
      `${what} is not the fixed 2-D sin-cos table (max difference ${worst.toExponential(2)} after scaling by ${s.toPrecision(4)}): ` +
        'the official ViT and the lab both use fixed positions, so this checkpoint was made by other code; convert its positions before importing it',
    );
  return s;
}

/**
 * Read the model's size from an encoder state dict (with or without `module.`)
 * and, when given, a predictor state dict. `numHeads` overrides the head count
 * (which the weights do not record; see DEFAULT_HEAD_DIM).
 */
export function inferOfficialModel(encoder: StateDict, predictor?: StateDict | null, opts: { numHeads?: number; modulePrefix?: boolean } = {}): OfficialModelInfo {
  const what = 'encoder state dict';
  const [D, C, p, p2] = need(encoder, 'patch_embed.proj.weight', what, 4); // [D, C, p, p]
  if (p !== p2) throw new Error(`${what}: patch_embed.proj.weight is [${[D, C, p, p2]}]; only square patches are supported`);
  const depth = countBlocks(encoder, 'blocks.');
  if (depth === 0) throw new Error(`${what} has no blocks.N.* tensors`);
  const [hidden, D2] = need(encoder, 'blocks.0.mlp.fc1.weight', what, 2); // [hidden, D]
  if (D2 !== D) throw new Error(`${what}: blocks.0.mlp.fc1.weight is [${hidden}, ${D2}] but the width is ${D}`);
  const mlpRatio = hidden / D;
  const qkvBias = 'blocks.0.attn.qkv.bias' in encoder;
  let grid: number;
  let posScale: number | null = null;
  if (encoder.pos_embed) {
    const [, N, Dp] = need(encoder, 'pos_embed', what, 3); // [1, N, D]
    grid = Math.round(Math.sqrt(N));
    if (grid * grid !== N || Dp !== D) throw new Error(`${what}: pos_embed is [${encoder.pos_embed.shape}], not [1, grid², ${D}]`);
    posScale = fitPositions(encoder.pos_embed.data, sincos2d(D, grid), 'encoder pos_embed');
  } else throw new Error(`${what} has no pos_embed, so its image size is unknown; the official ViT always saves it`);

  let pred: OfficialModelInfo['predictor'] = null;
  if (predictor) {
    const pw = 'predictor state dict';
    const [Dp, De] = need(predictor, 'predictor_embed.weight', pw, 2); // [Dp, D]
    if (De !== D) throw new Error(`${pw}: predictor_embed.weight is [${Dp}, ${De}] but the encoder width is ${D}`);
    const pdepth = countBlocks(predictor, 'predictor_blocks.');
    const [ph] = need(predictor, 'predictor_blocks.0.mlp.fc1.weight', pw, 2);
    pred = { depth: pdepth, embedDim: Dp, mlpRatio: ph / Dp };
    if (predictor.predictor_pos_embed) {
      const [, N] = need(predictor, 'predictor_pos_embed', pw, 3);
      if (N !== grid * grid) throw new Error(`${pw}: predictor_pos_embed has ${N} positions, the encoder ${grid * grid}`);
      const s = fitPositions(predictor.predictor_pos_embed.data, sincos2d(Dp, grid), 'predictor_pos_embed');
      if (s !== 1) throw new Error(`predictor_pos_embed is the sin-cos table × ${s}; the official predictor and the lab's use it unscaled`);
    }
  }

  const named = Object.entries(OFFICIAL_MODELS).find(([, m]) => m.embed_dim === D);
  let numHeads: number;
  let numHeadsFrom: OfficialModelInfo['numHeadsFrom'];
  if (opts.numHeads !== undefined) {
    numHeads = opts.numHeads;
    numHeadsFrom = 'given';
  } else if (named) {
    numHeads = named[1].num_heads;
    numHeadsFrom = 'table';
  } else {
    numHeads = 1;
    for (let h = Math.floor(D / DEFAULT_HEAD_DIM); h >= 1; h--)
      if (D % h === 0 && (!pred || pred.embedDim % h === 0)) {
        numHeads = h;
        break;
      }
    numHeadsFrom = 'default';
  }
  if (!Number.isInteger(numHeads) || numHeads < 1 || D % numHeads !== 0 || (pred && pred.embedDim % numHeads !== 0))
    throw new Error(`${numHeads} heads do not divide the encoder width ${D}${pred ? ` and the predictor width ${pred.embedDim}` : ''}; choose a head count that does`);
  const modelName =
    Object.entries(OFFICIAL_MODELS).find(([, m]) => m.embed_dim === D && m.depth === depth && Math.abs(m.mlp_ratio - mlpRatio) < 1e-9 && m.num_heads === numHeads)?.[0] ?? null;
  return {
    modelName,
    embedDim: D,
    depth,
    numHeads,
    numHeadsFrom,
    mlpRatio,
    patchSize: p,
    channels: C,
    imgSize: grid * p,
    grid,
    qkvBias,
    posScale,
    predictor: pred,
    modulePrefix: opts.modulePrefix ?? false,
  };
}

// ---------------------------------------------------------------------------
// Names and the optimiser's parameter order

const BLOCK = ['norm1.weight', 'norm1.bias', 'attn.qkv.weight', 'attn.qkv.bias', 'attn.proj.weight', 'attn.proj.bias', 'norm2.weight', 'norm2.bias', 'mlp.fc1.weight', 'mlp.fc1.bias', 'mlp.fc2.weight', 'mlp.fc2.bias'];

/** The official VisionTransformer's named_parameters() (= state_dict) order. */
export function officialEncoderNames(depth: number): string[] {
  const out = ['pos_embed', 'patch_embed.proj.weight', 'patch_embed.proj.bias'];
  for (let i = 0; i < depth; i++) for (const b of BLOCK) out.push(`blocks.${i}.${b}`);
  return [...out, 'norm.weight', 'norm.bias'];
}

/** The official VisionTransformerPredictor's named_parameters() (= state_dict) order. */
export function officialPredictorNames(depth: number): string[] {
  const out = ['mask_token', 'predictor_pos_embed', 'predictor_embed.weight', 'predictor_embed.bias'];
  for (let i = 0; i < depth; i++) for (const b of BLOCK) out.push(`predictor_blocks.${i}.${b}`);
  return [...out, 'predictor_norm.weight', 'predictor_norm.bias', 'predictor_proj.weight', 'predictor_proj.bias'];
}

export interface OfficialParamGroup {
  module: 'encoder' | 'predictor';
  /** weight decay applies (init_opt: 'bias' not in the name and not 1-D) */
  decay: boolean;
  names: string[];
  /** the optimiser's parameter indices (state_dict()['opt']['param_groups'][g]['params']) */
  params: number[];
}

/**
 * init_opt's four groups over named parameters in state-dict order: encoder
 * decay, predictor decay, encoder no-decay (WD_exclude), predictor no-decay.
 * Indices count through the groups in that order, as torch's state_dict packs
 * them. The fixed pos_embed tables are parameters (requires_grad=False) there,
 * so they take indices but never get state.
 */
export function officialParamGroups(encoder: [string, number[]][], predictor: [string, number[]][]): OfficialParamGroup[] {
  const decays = (name: string, shape: number[]) => !name.includes('bias') && shape.length !== 1;
  const groups: OfficialParamGroup[] = [];
  let next = 0;
  for (const [module, decay, list] of [
    ['encoder', true, encoder],
    ['predictor', true, predictor],
    ['encoder', false, encoder],
    ['predictor', false, predictor],
  ] as const) {
    const names = list.filter(([n, s]) => decays(n, s) === decay).map(([n]) => n);
    groups.push({ module, decay, names, params: names.map(() => next++) });
  }
  return groups;
}

// ---------------------------------------------------------------------------
// Import: official file → lab tensors and config

export interface OfficialImport {
  info: OfficialModelInfo;
  /** a validated lab config for the model (dataset and schedule keys are the reference's; override them) */
  config: JepaConfig;
  /** official names without `module.`, PyTorch layouts, as worker/checkpoint.ts reads them */
  encoder: TensorMap | null;
  target_encoder: TensorMap | null;
  predictor: TensorMap | null;
  /** the lab's optimizer.safetensors tensors: `<module>.<name>.exp_avg|exp_avg_sq`, `step` */
  optimizer: TensorMap | null;
  /** optimiser steps taken (the state's `step`), 0 without state */
  step: number;
  /** the file's other keys */
  meta: { epoch: number | null; loss: number | null; lr: number | null; batch_size: number | null; world_size: number | null };
  /** what was left out or assumed, one sentence each */
  notes: string[];
}

export type OfficialPart = 'encoder' | 'target_encoder' | 'predictor' | 'optimizer';

/**
 * A torch tensor as a HostTensor whose values are read from the file when
 * `data` is used, and dropped by `release()` (writeSafetensorsStream calls it),
 * so an import holds one tensor at a time, not the checkpoint.
 */
function lazyTensor(t: TorchTensor): HostTensor & { release(): void } {
  return {
    shape: t.shape.slice(),
    get data() {
      return t.data;
    },
    release: () => t.release(),
  };
}

function hostTensors(sd: StateDict): TensorMap {
  const out: TensorMap = {};
  for (const [n, t] of Object.entries(sd)) out[n] = lazyTensor(t);
  return out;
}

function num(v: PyValue | undefined): number | null {
  return typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : null;
}

/**
 * Read an official I-JEPA checkpoint (torch.save file) into lab tensors and a
 * lab config. `parts` limits what is loaded (e.g. ['target_encoder'] to embed
 * with a ViT-H without holding the rest). A file holding a bare state dict is
 * read as the encoder (and target encoder).
 */
export function importOfficialCheckpoint(
  file: string,
  opts: { numHeads?: number; parts?: OfficialPart[]; overrides?: DeepPartial<JepaConfig> } = {},
): OfficialImport {
  const { value } = readTorchFile(file);
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof Map || value instanceof TorchTensor)
    throw new Error(`${file} holds no dict; an I-JEPA checkpoint is the dict that src/train.py saves`);
  const top = value as Record<string, PyValue>;
  const notes: string[] = [];
  const dict = (k: string) => {
    const v = top[k];
    return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Map) && !(v instanceof TorchTensor) ? (v as Record<string, PyValue>) : null;
  };
  let encRaw = dict('encoder');
  let tgtRaw = dict('target_encoder');
  const predRaw = dict('predictor');
  if (!encRaw && !tgtRaw) {
    // a bare encoder state dict (e.g. weights re-saved for evaluation)
    if (Object.values(top).some((v) => v instanceof TorchTensor) && ('patch_embed.proj.weight' in top || 'module.patch_embed.proj.weight' in top)) {
      encRaw = tgtRaw = top;
      notes.push('the file is a bare encoder state dict: it is used as both the encoder and the target encoder');
    } else throw new Error(`${file} has neither 'encoder' nor 'target_encoder' (keys: ${Object.keys(top).join(', ')}); it is not an I-JEPA checkpoint`);
  }
  if (!tgtRaw) {
    tgtRaw = encRaw;
    notes.push("the file has no 'target_encoder': the encoder is used as the target encoder");
  }
  if (!encRaw) {
    encRaw = tgtRaw;
    notes.push("the file has no 'encoder': the target encoder is used as the encoder");
  }
  const enc = stripModule(encRaw!, 'encoder');
  const tgt = stripModule(tgtRaw!, 'target_encoder');
  const pred = predRaw ? stripModule(predRaw, 'predictor') : null;
  const info = inferOfficialModel(tgt.tensors, pred?.tensors ?? null, { numHeads: opts.numHeads, modulePrefix: enc.prefixed });
  if (!info.qkvBias) throw new Error(`${file}: the encoder's attention has no qkv bias; the official ViTs and the lab's have one (qkv_bias=True)`);
  if (info.channels !== 1 && info.channels !== 3) throw new Error(`${file}: the encoder takes ${info.channels} channels; the lab supports 1 or 3`);
  if (info.numHeadsFrom === 'default')
    notes.push(`the head count cannot be read from weights and ${info.embedDim} is not an official width: assumed ${info.numHeads} (head width ≥ ${DEFAULT_HEAD_DIM}); pass the training config's num_heads if it differs`);

  let predictorOk = pred !== null;
  if (!pred) notes.push("the file has no 'predictor': the lab can embed with it but not continue training it");
  else if (Math.abs(info.predictor!.mlpRatio - info.mlpRatio) > 1e-9) {
    // the official predictor always has MLP ratio 4; the lab's predictor uses model.mlp_ratio (vit_giant: 48/11)
    predictorOk = false;
    notes.push(`the predictor's MLP ratio (${info.predictor!.mlpRatio}) differs from the encoder's (${info.mlpRatio}); the lab's predictor shares the encoder's, so the predictor and optimiser state are not imported`);
  }

  const grid = info.grid;
  const overrides: DeepPartial<JepaConfig> = {
    data: { crop_size: info.imgSize, channels: info.channels },
    mask: { patch_size: info.patchSize, min_keep: Math.min(10, grid * grid - 1) },
    model: { embed_dim: info.embedDim, depth: info.depth, num_heads: info.numHeads, mlp_ratio: info.mlpRatio, pos_scale: info.posScale ?? 1 },
    meta: info.predictor ? { pred_depth: info.predictor.depth, pred_emb_dim: info.predictor.embedDim } : {},
  };
  const bs = num(top.batch_size);
  if (bs !== null && Number.isInteger(bs) && bs >= 1 && bs <= 4096) overrides.data!.batch_size = bs;
  const lr = num(top.lr);
  if (lr !== null && lr > 0 && lr <= 10) overrides.optimization = { lr };
  const config = resolveConfig('vit-tiny', overrides, opts.overrides ?? {});

  const parts = new Set<OfficialPart>(opts.parts ?? ['encoder', 'target_encoder', 'predictor', 'optimizer']);
  let optimizer: TensorMap | null = null;
  let step = 0;
  if (parts.has('optimizer') && predictorOk && pred) {
    const r = importOptimizer(top.opt, enc.tensors, pred.tensors);
    if (typeof r === 'string') notes.push(r);
    else ({ optimizer, step } = r);
  } else step = optimizerStep(top.opt); // the run's step without its moments (a features-only import names its checkpoint by it)
  return {
    info,
    config,
    encoder: parts.has('encoder') ? hostTensors(enc.tensors) : null,
    target_encoder: parts.has('target_encoder') ? hostTensors(tgt.tensors) : null,
    predictor: parts.has('predictor') && predictorOk && pred ? hostTensors(pred.tensors) : null,
    optimizer,
    step,
    meta: { epoch: num(top.epoch), loss: num(top.loss), lr, batch_size: bs, world_size: num(top.world_size) },
    notes,
  };
}

/** The optimiser steps taken, from the opt state_dict's per-parameter `step` (0 without state). */
function optimizerStep(opt: PyValue | undefined): number {
  const state = typeof opt === 'object' && opt !== null && !Array.isArray(opt) && !(opt instanceof Map) && !(opt instanceof TorchTensor) ? (opt as Record<string, PyValue>).state : null;
  let step = 0;
  if (state instanceof Map)
    for (const s of state.values()) {
      const st = (s as Record<string, PyValue> | null)?.step;
      step = Math.max(step, st instanceof TorchTensor ? st.data[0] : (num(st) ?? 0));
    }
  return step;
}

/** opt state_dict → the lab's name-keyed moments, or a sentence saying why not. */
function importOptimizer(opt: PyValue | undefined, enc: StateDict, pred: StateDict): { optimizer: TensorMap; step: number } | string {
  if (typeof opt !== 'object' || opt === null || Array.isArray(opt) || opt instanceof Map || opt instanceof TorchTensor) return "the file has no 'opt' state_dict: the optimiser starts from zero";
  const o = opt as Record<string, PyValue>;
  const state = o.state;
  const saved = o.param_groups;
  const groups = officialParamGroups(
    Object.entries(enc).map(([n, t]) => [n, t.shape]),
    Object.entries(pred).map(([n, t]) => [n, t.shape]),
  );
  if (!Array.isArray(saved) || saved.length !== 4) return `the optimiser has ${Array.isArray(saved) ? saved.length : 'no'} parameter groups, not init_opt's 4: its state is not imported`;
  for (let g = 0; g < 4; g++) {
    const params = (saved[g] as Record<string, PyValue>)?.params;
    if (!Array.isArray(params) || params.length !== groups[g].params.length || params.some((p, i) => p !== groups[g].params[i]))
      return `the optimiser's group ${g} does not hold init_opt's parameters (${groups[g].params.length} ${groups[g].module} ${groups[g].decay ? 'decay' : 'no-decay'} parameters): its state is not imported`;
  }
  const optimizer: TensorMap = {};
  const byIndex = state instanceof Map ? state : new Map<unknown, PyValue>();
  for (const g of groups)
    g.names.forEach((name, i) => {
      const s = byIndex.get(g.params[i]) as Record<string, PyValue> | undefined;
      const src = g.module === 'encoder' ? enc : pred;
      if (!s) {
        // never stepped: the fixed position tables (not lab parameters), or a parameter that got no gradient yet
        if (name === 'pos_embed' || name === 'predictor_pos_embed') return;
        for (const k of ['exp_avg', 'exp_avg_sq']) optimizer[`${g.module}.${name}.${k}`] = { shape: src[name].shape.slice(), data: new Float32Array(src[name].numel) };
        return;
      }
      for (const k of ['exp_avg', 'exp_avg_sq'] as const) {
        const t = s[k];
        if (!(t instanceof TorchTensor) || t.shape.join() !== src[name].shape.join()) throw new Error(`opt state ${g.params[i]} (${g.module} ${name}) has no ${k} of shape [${src[name].shape}]`);
        optimizer[`${g.module}.${name}.${k}`] = lazyTensor(t);
      }
    });
  const step = optimizerStep(opt);
  optimizer.step = { shape: [], data: new Float32Array([step]) };
  return { optimizer, step };
}

/** ImageNet's per-channel mean and std, with which the official src/transforms.py normalises every image. */
export const IMAGENET_NORM = { mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] };

/** Bytes writeLabCheckpoint will write for the tensors of an import (for progress). */
export function importBytes(imp: OfficialImport): number {
  let n = 0;
  for (const m of [imp.encoder, imp.target_encoder, imp.predictor, imp.optimizer]) for (const t of Object.values(m ?? {})) n += 4 * t.shape.reduce((a, b) => a * b, 1);
  return n;
}

/**
 * Write an import as a lab checkpoint folder (worker/checkpoint.ts layout),
 * atomically, one tensor in memory at a time. Needs the encoder, target
 * encoder and predictor, unless `partial` (then at least the target encoder:
 * enough to embed, not to train); the optimiser file only when its state was
 * imported. state.json records ImageNet's normalisation for 3-channel models
 * (the official code's inputs), which the lab's feature jobs then use.
 */
export function writeLabCheckpoint(dir: string, imp: OfficialImport, opts: { partial?: boolean; onBytes?: (bytes: number) => void } = {}): { bytes: number; files: string[] } {
  if (opts.partial ? !imp.target_encoder : !imp.encoder || !imp.target_encoder || !imp.predictor)
    throw new Error(
      opts.partial
        ? 'writeLabCheckpoint: a lab checkpoint needs at least the target encoder; import it'
        : 'writeLabCheckpoint: a lab checkpoint needs the encoder, target encoder and predictor; import them all (the notes say why one is missing)',
    );
  const tmp = `${dir}.tmp`;
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp, { recursive: true });
  const meta = { format: 'pt', step: String(imp.step) };
  let bytes = 0;
  const files: string[] = [];
  const put = (name: string, n: number) => ((bytes += n), files.push(path.join(dir, name)));
  const write = (name: string, t: TensorMap | null, m: Record<string, string>) => t && put(name, writeSafetensorsStream(path.join(tmp, name), t, m, opts.onBytes));
  write('encoder.safetensors', imp.encoder, meta);
  write('target_encoder.safetensors', imp.target_encoder, meta);
  write('predictor.safetensors', imp.predictor, meta);
  write('optimizer.safetensors', imp.optimizer, { step: String(imp.step) });
  const epoch = imp.meta.epoch ?? 0;
  const state: CheckpointState & {
    imported: { format: 'ijepa'; info: OfficialModelInfo; meta: OfficialImport['meta']; notes: string[] };
    input_norm?: { mean: number[]; std: number[] };
  } = {
    step: imp.step,
    epoch,
    totalSteps: 0,
    itersPerEpoch: epoch > 0 && imp.step % epoch === 0 ? imp.step / epoch : 0,
    savedAt: new Date().toISOString(),
    format: 'jepa-lab/ijepa',
    version: 1,
    imported: { format: 'ijepa', info: imp.info, meta: imp.meta, notes: imp.notes },
    ...(imp.info.channels === 3 ? { input_norm: IMAGENET_NORM } : {}),
  };
  for (const [name, obj] of [
    ['config.json', imp.config],
    ['state.json', state],
  ] as const) {
    const text = JSON.stringify(obj, null, 2) + '\n';
    fs.writeFileSync(path.join(tmp, name), text);
    put(name, Buffer.byteLength(text));
  }
  const old = `${dir}.old`;
  fs.rmSync(old, { recursive: true, force: true });
  if (fs.existsSync(dir)) fs.renameSync(dir, old);
  fs.renameSync(tmp, dir);
  fs.rmSync(old, { recursive: true, force: true });
  return { bytes, files };
}

// ---------------------------------------------------------------------------
// Export: lab tensors → the official dict

export interface LabCheckpointParts {
  config: JepaConfig;
  encoder: TensorMap;
  target_encoder: TensorMap;
  predictor: TensorMap;
  /** optimizer.safetensors' tensors (`<module>.<name>.exp_avg|exp_avg_sq`, `step`), or null for no state */
  optimizer: TensorMap | null;
  /** optimiser steps taken */
  step: number;
  /** completed epochs (the official `epoch`, from which its resume restarts the schedules) */
  epoch: number;
  /** the lr and weight decay of the last step, for the param groups (default: config.optimization.lr / weight_decay) */
  groupLr?: number;
  groupWd?: number;
  /** the last logged loss (official `loss`), null when unknown */
  loss?: number | null;
}

/** Tensors in the official order, checked against the names the official model has. */
function orderedTensors(map: TensorMap, names: string[], what: string, fill: Record<string, () => HostTensor>): [string, HostTensor][] {
  const missing = names.filter((n) => !map[n] && !fill[n]);
  if (missing.length) throw new Error(`${what} lacks ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ` and ${missing.length - 5} more` : ''}; it does not match the official model of this depth`);
  return names.map((n) => [n, map[n] ?? fill[n]()]);
}

/**
 * The dict the official src/train.py save_checkpoint() writes, from lab
 * tensors: `module.`-named OrderedDict state dicts, opt as a torch AdamW
 * state_dict in init_opt's group order, scaler None, world_size 1. The lab's
 * projector (regularization.projector_dim) has no official counterpart and is left out.
 */
export function officialCheckpointDict(parts: LabCheckpointParts): { dict: { [key: string]: PyValue }; groups: OfficialParamGroup[] } {
  const cfg = parts.config;
  const grid = cfg.data.crop_size / cfg.mask.patch_size;
  const D = cfg.model.embed_dim;
  const Dp = cfg.meta.pred_emb_dim;
  // older lab checkpoints may lack the fixed tables; they are the sin-cos tables (× pos_scale for the encoder)
  const encFill = { pos_embed: () => ({ shape: [1, grid * grid, D], data: sincos2d(D, grid).map((v) => v * cfg.model.pos_scale) }) };
  const predFill = { predictor_pos_embed: () => ({ shape: [1, grid * grid, Dp], data: sincos2d(Dp, grid) }) };
  const enc = orderedTensors(parts.encoder, officialEncoderNames(cfg.model.depth), 'the encoder', encFill);
  const tgt = orderedTensors(parts.target_encoder, officialEncoderNames(cfg.model.depth), 'the target encoder', encFill);
  const pred = orderedTensors(parts.predictor, officialPredictorNames(cfg.meta.pred_depth), 'the predictor', predFill);
  const stateDict = (list: [string, HostTensor][]) => {
    const sd: { [key: string]: PyValue } = orderedDict({});
    for (const [n, t] of list) sd[`module.${n}`] = TorchTensor.float32(t.data, t.shape);
    return sd;
  };
  const groups = officialParamGroups(
    enc.map(([n, t]) => [n, t.shape]),
    pred.map(([n, t]) => [n, t.shape]),
  );
  const shapes = { encoder: new Map(enc), predictor: new Map(pred) };
  const state = new Map<number, PyValue>();
  if (parts.optimizer && parts.step > 0) {
    for (const g of groups)
      g.names.forEach((name, i) => {
        const m = parts.optimizer![`${g.module}.${name}.exp_avg`];
        const v = parts.optimizer![`${g.module}.${name}.exp_avg_sq`];
        if (!m || !v) return; // not trained: the fixed tables
        const shape = shapes[g.module].get(name)!.shape;
        if (m.shape.join() !== shape.join() || v.shape.join() !== shape.join()) throw new Error(`optimizer ${g.module}.${name} moments have shape [${m.shape}], the parameter [${shape}]`);
        state.set(g.params[i], {
          step: TorchTensor.float32(new Float32Array([parts.step]), []),
          exp_avg: TorchTensor.float32(m.data, m.shape),
          exp_avg_sq: TorchTensor.float32(v.data, v.shape),
        });
      });
  }
  const lr = parts.groupLr ?? cfg.optimization.lr;
  const wd = parts.groupWd ?? cfg.optimization.weight_decay;
  const paramGroups = groups.map((g) => {
    // key order and values as torch 1.13 writes init_opt's groups (differentiable/fused: torch ≥ 2.0 keys, ignored before)
    const common = {
      lr: pyFloat(lr),
      betas: pyTuple([pyFloat(ADAMW_DEFAULTS.beta1), pyFloat(ADAMW_DEFAULTS.beta2)]),
      eps: pyFloat(ADAMW_DEFAULTS.eps),
    };
    const flags = { amsgrad: false, foreach: null, maximize: false, capturable: false, differentiable: false, fused: null, params: g.params };
    return g.decay ? { ...common, weight_decay: pyFloat(wd), ...flags } : { WD_exclude: true, weight_decay: 0, ...common, ...flags };
  });
  const dict: { [key: string]: PyValue } = {
    encoder: stateDict(enc),
    predictor: stateDict(pred),
    target_encoder: stateDict(tgt),
    opt: { state, param_groups: paramGroups },
    scaler: null,
    epoch: parts.epoch,
    loss: parts.loss === undefined || parts.loss === null ? null : pyFloat(parts.loss),
    batch_size: cfg.data.batch_size,
    world_size: 1,
    lr: pyFloat(cfg.optimization.lr),
  };
  return { dict, groups };
}

/** Read a lab checkpoint folder (worker/checkpoint.ts) as tensors, config and state. */
export function readLabCheckpoint(dir: string): LabCheckpointParts {
  const f = (name: string) => path.join(dir, name);
  if (!fs.existsSync(f('config.json'))) throw new Error(`${dir} is not a lab checkpoint folder (no config.json)`);
  const config = withDefaults(JSON.parse(fs.readFileSync(f('config.json'), 'utf8')) as JepaConfig);
  const state = fs.existsSync(f('state.json')) ? (JSON.parse(fs.readFileSync(f('state.json'), 'utf8')) as CheckpointState) : null;
  let optimizer: TensorMap | null = null;
  let step = state?.step ?? 0;
  if (fs.existsSync(f('optimizer.safetensors'))) {
    const { tensors, metadata } = readSafetensors(f('optimizer.safetensors'));
    optimizer = tensors;
    step = metadata.step !== undefined ? Number(metadata.step) : Math.round(tensors.step?.data[0] ?? step);
  }
  return {
    config,
    encoder: readSafetensors(f('encoder.safetensors')).tensors,
    target_encoder: readSafetensors(f('target_encoder.safetensors')).tensors,
    predictor: readSafetensors(f('predictor.safetensors')).tensors,
    optimizer,
    step,
    epoch: state?.epoch ?? 0,
  };
}

/**
 * What the official code cannot take from this config as it stands, one
 * sentence each: its init_model builds only the vit_* sizes, and its
 * vit_predictor always has MLP ratio 4 (the lab's predictor shares model.mlp_ratio).
 */
export function officialCompatibility(cfg: JepaConfig): string[] {
  return officialDifferences(cfg).load;
}

/**
 * Export a lab checkpoint folder as the official .pth.tar. The param groups
 * get the lr and weight decay the lab's schedule used at the last step.
 * `warnings` says what the official code needs changed to load it (officialCompatibility).
 */
export function exportOfficialCheckpoint(
  labDir: string,
  outFile: string,
  opts: { loss?: number | null; zip64?: boolean } = {},
): { bytes: number; groups: OfficialParamGroup[]; dropped: string[]; warnings: string[] } {
  const parts = readLabCheckpoint(labDir);
  const statePath = path.join(labDir, 'state.json');
  const state = fs.existsSync(statePath) ? (JSON.parse(fs.readFileSync(statePath, 'utf8')) as CheckpointState) : null;
  if (state && state.totalSteps > 0 && state.itersPerEpoch > 0 && parts.step > 0) {
    const s = scheduleAt(scheduleSpec(parts.config, state.itersPerEpoch, state.totalSteps), parts.step - 1);
    parts.groupLr = s.lr;
    parts.groupWd = s.wd;
  }
  parts.loss = opts.loss ?? null;
  const { dict, groups } = officialCheckpointDict(parts);
  const dropped = parts.optimizer ? Object.keys(parts.optimizer).filter((k) => k.startsWith('projector.')) : [];
  if (fs.existsSync(path.join(labDir, 'projector.safetensors'))) dropped.unshift('projector.safetensors');
  const { bytes } = writeTorchFile(outFile, dict, { zip64: opts.zip64 });
  return { bytes, groups, dropped, warnings: officialCompatibility(parts.config) };
}

