// Checkpoints: safetensors files with the official I-JEPA parameter names and
// PyTorch layouts, so a checkpoint written here loads into the reference ViT.
//
// A folder holds:
//   encoder.safetensors         context encoder (official ViT names, plus pos_embed)
//   target_encoder.safetensors  EMA target encoder (same names)
//   predictor.safetensors       predictor_embed, mask_token, predictor_pos_embed, predictor_blocks.N.*, ...
//   optimizer.safetensors       AdamW moments `<module>.<name>.exp_avg|exp_avg_sq` (PyTorch layout) and `step`
//   config.json                 the full training config
//   state.json                  {step, epoch, ...}
// Writes are atomic: everything goes to <dir>.tmp, which is then renamed.
//
// safetensors format: u64 little-endian header length, a JSON header
// {name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__": {...}}
// padded with spaces to 8 bytes, then the raw little-endian data.
import * as tf from '@tensorflow/tfjs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { JepaConfig } from '../../main/common/config.ts';
import { CHECKPOINT_FILES, PROJECTOR_FILE } from '../../main/common/checkpoint-files.ts';
import { writeError } from '../../main/common/errors.ts';
import { assignValues, createJepa, disposeJepa, VisionTransformer, type Jepa, type Param } from '../model/model.ts';
import { Rng, Stream } from '../../main/common/rng.ts';
import type { Optimizer } from '../train/optim.ts';

export interface HostTensor {
  shape: number[];
  data: Float32Array;
}
export type TensorMap = Record<string, HostTensor>;

const LITTLE_ENDIAN = os.endianness() === 'LE';
// TextEncoder rather than Buffer: the same code runs in the desktop app's browser worker
const utf8 = new TextEncoder();

// ---------------------------------------------------------------------------
// safetensors encode / decode

/** A safetensors header for F32 tensors in key order, padded so the data starts 8-byte aligned; `offset` is the data's length. Reads shapes only. */
function safetensorsHeader(tensors: TensorMap, metadata?: Record<string, string>): { headerBytes: Uint8Array; offset: number } {
  const header: Record<string, unknown> = {};
  if (metadata) header.__metadata__ = metadata;
  let offset = 0;
  for (const [name, t] of Object.entries(tensors)) {
    const n = t.shape.reduce((a, b) => a * b, 1);
    header[name] = { dtype: 'F32', shape: t.shape, data_offsets: [offset, offset + 4 * n] };
    offset += 4 * n;
  }
  let json = JSON.stringify(header);
  json += ' '.repeat((8 - ((8 + utf8.encode(json).length) % 8)) % 8);
  return { headerBytes: utf8.encode(json), offset };
}

export function encodeSafetensors(tensors: TensorMap, metadata?: Record<string, string>): Uint8Array {
  const names = Object.keys(tensors);
  for (const name of names) {
    const t = tensors[name];
    if (t.shape.reduce((a, b) => a * b, 1) !== t.data.length) throw new Error(`safetensors: ${name} has shape [${t.shape}] but ${t.data.length} values`);
  }
  const { headerBytes, offset } = safetensorsHeader(tensors, metadata);
  const out = new Uint8Array(8 + headerBytes.length + offset);
  const dv = new DataView(out.buffer);
  dv.setBigUint64(0, BigInt(headerBytes.length), true);
  out.set(headerBytes, 8);
  let pos = 8 + headerBytes.length;
  for (const name of names) {
    const d = tensors[name].data;
    if (LITTLE_ENDIAN) out.set(new Uint8Array(d.buffer, d.byteOffset, d.byteLength), pos);
    else for (let i = 0; i < d.length; i++) dv.setFloat32(pos + 4 * i, d[i], true);
    pos += d.byteLength;
  }
  return out;
}

export function decodeSafetensors(buf: Uint8Array): { tensors: TensorMap; metadata: Record<string, string> } {
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  if (buf.byteLength < 8) throw new Error('safetensors: file too short');
  const hlen = Number(dv.getBigUint64(0, true));
  if (8 + hlen > buf.byteLength) throw new Error('safetensors: header length exceeds the file');
  const header = JSON.parse(new TextDecoder().decode(buf.subarray(8, 8 + hlen))) as Record<string, unknown>;
  const base = 8 + hlen;
  const tensors: TensorMap = {};
  const { entries, metadata } = headerEntries(header, base, buf.byteLength);
  for (const { name, shape, n, b0, b1 } of entries) {
    const data = new Float32Array(n);
    if (LITTLE_ENDIAN) new Uint8Array(data.buffer).set(buf.subarray(base + b0, base + b1));
    else for (let i = 0; i < n; i++) data[i] = dv.getFloat32(base + b0 + 4 * i, true);
    tensors[name] = { shape, data };
  }
  return { tensors, metadata };
}

/** A safetensors header's tensors (F32 only), each checked to lie within a file of `size` bytes whose data starts at `base`. */
function headerEntries(header: Record<string, unknown>, base: number, size: number) {
  const entries: { name: string; shape: number[]; n: number; b0: number; b1: number }[] = [];
  let metadata: Record<string, string> = {};
  for (const [name, info] of Object.entries(header)) {
    if (name === '__metadata__') {
      metadata = info as Record<string, string>;
      continue;
    }
    const { dtype, shape, data_offsets } = info as { dtype: string; shape: number[]; data_offsets: [number, number] };
    if (dtype !== 'F32') throw new Error(`safetensors: ${name} has dtype ${dtype}; only F32 is supported`);
    const n = shape.reduce((a, b) => a * b, 1);
    const [b0, b1] = data_offsets;
    if (b1 - b0 !== 4 * n || base + b1 > size) throw new Error(`safetensors: ${name} has bad data offsets`);
    entries.push({ name, shape, n, b0, b1 });
  }
  return { entries, metadata };
}

export function writeSafetensors(file: string, tensors: TensorMap, metadata?: Record<string, string>): number {
  const bytes = encodeSafetensors(tensors, metadata);
  fs.writeFileSync(file, bytes);
  return bytes.byteLength;
}

export function readSafetensors(file: string): { tensors: TensorMap; metadata: Record<string, string> } {
  return decodeSafetensors(fs.readFileSync(file));
}

/**
 * Write safetensors one tensor at a time: each tensor's `data` is read when it
 * is written and the tensor is then released (when it has a `release`, as the
 * lazily read tensors of a torch file do), so memory holds one tensor, not the file.
 */
export function writeSafetensorsStream(file: string, tensors: TensorMap, metadata?: Record<string, string>, onBytes?: (bytes: number) => void): number {
  const names = Object.keys(tensors);
  const { headerBytes, offset } = safetensorsHeader(tensors, metadata);
  const fd = fs.openSync(file, 'w');
  try {
    const len = Buffer.alloc(8);
    len.writeBigUInt64LE(BigInt(headerBytes.length));
    fs.writeSync(fd, len);
    fs.writeSync(fd, headerBytes);
    for (const name of names) {
      const t = tensors[name] as HostTensor & { release?: () => void };
      const d = t.data;
      const n = t.shape.reduce((a, b) => a * b, 1);
      if (d.length !== n) throw new Error(`safetensors: ${name} has shape [${t.shape}] but ${d.length} values`);
      let bytes: Uint8Array;
      if (LITTLE_ENDIAN) bytes = new Uint8Array(d.buffer, d.byteOffset, d.byteLength);
      else {
        bytes = new Uint8Array(d.byteLength);
        const dv = new DataView(bytes.buffer);
        for (let i = 0; i < d.length; i++) dv.setFloat32(4 * i, d[i], true);
      }
      for (let done = 0; done < bytes.length; ) done += fs.writeSync(fd, bytes, done, bytes.length - done);
      t.release?.();
      onBytes?.(bytes.length);
    }
  } finally {
    fs.closeSync(fd);
  }
  return 8 + headerBytes.length + offset;
}

/**
 * A safetensors file's header, with tensors whose `data` is read from the file
 * on each use and not kept: loading a big model this way holds one tensor at a
 * time besides the model's own weights (readSafetensors holds the whole file twice).
 */
export function readSafetensorsLazy(file: string): { tensors: TensorMap; metadata: Record<string, string> } {
  const fd = fs.openSync(file, 'r');
  let size: number;
  let header: Record<string, unknown>;
  let base: number;
  try {
    size = fs.fstatSync(fd).size;
    const len = Buffer.alloc(8);
    if (size < 8 || fs.readSync(fd, len, 0, 8, 0) !== 8) throw new Error(`safetensors: ${file} is too short`);
    const hlen = Number(len.readBigUInt64LE(0));
    if (8 + hlen > size) throw new Error(`safetensors: ${file}: the header length exceeds the file`);
    const hb = Buffer.alloc(hlen);
    fs.readSync(fd, hb, 0, hlen, 8);
    header = JSON.parse(hb.toString('utf8')) as Record<string, unknown>;
    base = 8 + hlen;
  } finally {
    fs.closeSync(fd);
  }
  const tensors: TensorMap = {};
  const { entries, metadata } = headerEntries(header, base, size);
  for (const { name, shape, n, b0 } of entries) {
    Object.defineProperty(tensors, name, {
      enumerable: true,
      value: {
        shape,
        get data(): Float32Array {
          const data = new Float32Array(n);
          const bytes = new Uint8Array(data.buffer);
          const f = fs.openSync(file, 'r');
          try {
            for (let done = 0; done < bytes.length; ) {
              const got = fs.readSync(f, bytes, done, bytes.length - done, base + b0 + done);
              if (got === 0) throw new Error(`safetensors: ${file} ends inside ${name}`);
              done += got;
            }
          } finally {
            fs.closeSync(f);
          }
          if (!LITTLE_ENDIAN) {
            const dv = new DataView(data.buffer);
            for (let i = 0; i < n; i++) data[i] = dv.getFloat32(4 * i, true);
          }
          return data;
        },
      },
    });
  }
  return { tensors, metadata };
}

// ---------------------------------------------------------------------------
// Layouts: internal [in, out] weights ↔ PyTorch

function transpose2d(d: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(d.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = d[r * cols + c];
  return out;
}

/** Internal values → PyTorch tensor. `patch` needs (C, p) to give [D, C, p, p]. */
export function toTorch(data: Float32Array, shape: number[], layout: Param['layout'], channels: number, patch: number): HostTensor {
  if (layout === 'plain') return { shape: shape.slice(), data: Float32Array.from(data) };
  const [nIn, nOut] = shape;
  const t = transpose2d(data, nIn, nOut); // [out, in]; patches are already C-major (c, ky, kx)
  return { shape: layout === 'patch' ? [nOut, channels, patch, patch] : [nOut, nIn], data: t };
}

/** PyTorch tensor → internal values of the given internal shape (throws on a shape mismatch). */
export function fromTorch(name: string, t: HostTensor, shape: number[], layout: Param['layout']): Float32Array {
  const expect =
    layout === 'plain' ? shape : layout === 'linear' ? [shape[1], shape[0]] : null; /* patch: [D, C, p, p] checked by size */
  const n = shape.reduce((a, b) => a * b, 1);
  const ok = expect ? expect.length === t.shape.length && expect.every((v, i) => v === t.shape[i]) : t.shape[0] === shape[1] && t.shape.reduce((a, b) => a * b, 1) === n;
  if (!ok) throw new Error(`checkpoint: ${name} has shape [${t.shape}], this model needs ${layout === 'plain' ? `[${shape}]` : `the transpose of [${shape}]`}`);
  const data = t.data; // once: a lazily read tensor reads the file on each use
  if (layout === 'plain') return data;
  return transpose2d(data, shape[1], shape[0]); // [out, in] → [in, out]
}

/** How a tensor's values reach the host: dataSync, or a lookup in values read beforehand with data() (GPU backends). */
type Read = (t: tf.Tensor) => Float32Array;
const readSync: Read = (t) => t.dataSync() as Float32Array;

function paramMap(params: Param[], cfg: JepaConfig, read: Read = readSync): TensorMap {
  const out: TensorMap = {};
  for (const p of params) out[p.name] = toTorch(read(p.v), p.v.shape, p.layout, cfg.data.channels, cfg.mask.patch_size);
  return out;
}

/** Encoder / target-encoder tensors under the official names, with `pos_embed` [1, N, D]. */
export function encoderTensors(m: Jepa['encoder'], cfg: JepaConfig, read: Read = readSync): TensorMap {
  const out = paramMap(m.params, cfg, read);
  out.pos_embed = { shape: [1, ...m.posEmbed.shape], data: read(m.posEmbed) };
  return out;
}

export function predictorTensors(m: Jepa['predictor'], cfg: JepaConfig, read: Read = readSync): TensorMap {
  const out = paramMap(m.params, cfg, read);
  out.predictor_pos_embed = { shape: [1, ...m.posEmbed.shape], data: read(m.posEmbed) };
  return out;
}

/** Load tensors into params; accepts a leading `module.` (DDP) prefix. Fixed tables are not loaded. */
export function loadParams(params: Param[], tensors: TensorMap, what: string): void {
  const byName = new Map<string, HostTensor>();
  for (const [k, v] of Object.entries(tensors)) byName.set(k.startsWith('module.') ? k.slice(7) : k, v);
  for (const p of params) {
    const t = byName.get(p.name);
    if (!t) throw new Error(`checkpoint: ${what} has no tensor ${p.name}`);
    const values = fromTorch(`${what} ${p.name}`, t, p.v.shape, p.layout);
    assignValues(p, values);
  }
}

// ---------------------------------------------------------------------------
// Checkpoint folders

export { CHECKPOINT_FILES, PROJECTOR_FILE };

export interface CheckpointState {
  step: number;
  epoch: number;
  totalSteps: number;
  itersPerEpoch: number;
  savedAt: string;
  format: 'jepa-lab/ijepa';
  version: 1;
}

/** Which module each trainable variable belongs to (the optimiser state's key prefixes). */
function moduleNames(model: Jepa): Map<tf.Variable, string> {
  const moduleOf = new Map<tf.Variable, string>();
  for (const p of model.encoder.params) moduleOf.set(p.v, 'encoder');
  for (const p of model.predictor.params) moduleOf.set(p.v, 'predictor');
  for (const p of model.projector?.params ?? []) moduleOf.set(p.v, 'projector');
  return moduleOf;
}

function optimizerTensors(opt: Optimizer, model: Jepa, cfg: JepaConfig, read: Read): TensorMap {
  const out: TensorMap = {};
  const moduleOf = moduleNames(model);
  const host = (x: Float32Array | tf.Tensor) => (x instanceof Float32Array ? x : read(x));
  opt.params.forEach((p, i) => {
    const prefix = `${moduleOf.get(p.v) ?? 'param'}.${p.name}`;
    out[`${prefix}.exp_avg`] = toTorch(host(opt.m[i]), p.v.shape, p.layout, cfg.data.channels, cfg.mask.patch_size);
    out[`${prefix}.exp_avg_sq`] = toTorch(host(opt.v[i]), p.v.shape, p.layout, cfg.data.channels, cfg.mask.patch_size);
  });
  out.step = { shape: [], data: new Float32Array([opt.t]) };
  return out;
}

function loadOptimizer(opt: Optimizer, model: Jepa, tensors: TensorMap, metadata: Record<string, string>): void {
  const moduleOf = moduleNames(model);
  opt.params.forEach((p, i) => {
    const prefix = `${moduleOf.get(p.v) ?? 'param'}.${p.name}`;
    const [m, v] = (['exp_avg', 'exp_avg_sq'] as const).map((key) => {
      const t = tensors[`${prefix}.${key}`];
      if (!t) throw new Error(`checkpoint: optimizer has no tensor ${prefix}.${key}`);
      return fromTorch(`optimizer ${prefix}.${key}`, t, p.v.shape, p.layout);
    });
    opt.setMoments(i, m, v);
  });
  opt.t = metadata.step !== undefined ? Number(metadata.step) : Math.round(tensors.step?.data[0] ?? 0);
}

type SaveParts = { config: JepaConfig; model: Jepa; opt: Optimizer; state: Omit<CheckpointState, 'savedAt' | 'format' | 'version'> };

/**
 * Write a checkpoint folder atomically: everything goes to <dir>.tmp, which is
 * then renamed. When a write fails (a full disk), <dir>.tmp is removed and any
 * folder already at <dir> is kept, and the error says what could not be written.
 * Reads the tensors synchronously (CPU backends).
 */
export function saveCheckpoint(dir: string, parts: SaveParts): { bytes: number; files: string[] } {
  return writeCheckpoint(dir, parts, readSync);
}

/**
 * saveCheckpoint with the tensors read asynchronously, all at once, before
 * anything is written: what GPU backends need (every backend can use it).
 */
export async function saveCheckpointAsync(dir: string, parts: SaveParts, afterRead?: () => void): Promise<{ bytes: number; files: string[] }> {
  const { model, opt } = parts;
  const tensors: tf.Tensor[] = [
    ...[model.encoder, model.target, model.predictor].flatMap((m) => [...m.params.map((p) => p.v), m.posEmbed]),
    ...(model.projector?.params.map((p) => p.v) ?? []),
    ...[...opt.m, ...opt.v].filter((x): x is tf.Tensor => !(x instanceof Float32Array)),
  ];
  const values = await Promise.all(tensors.map((t) => t.data() as Promise<Float32Array>));
  afterRead?.(); // e.g. throw if the device reported an error: what was read may be zeros
  const byTensor = new Map(tensors.map((t, i) => [t, values[i]]));
  return writeCheckpoint(dir, parts, (t) => {
    const v = byTensor.get(t);
    if (!v) throw new Error('checkpoint: a tensor was not read before writing');
    return v;
  });
}

function writeCheckpoint(dir: string, parts: SaveParts, read: Read): { bytes: number; files: string[] } {
  const { config, model, opt, state } = parts;
  const tmp = `${dir}.tmp`;
  let bytes = 0;
  const files: string[] = [...CHECKPOINT_FILES];
  try {
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.mkdirSync(tmp, { recursive: true });
    const meta = { format: 'pt', step: String(state.step) };
    bytes += writeSafetensors(path.join(tmp, 'encoder.safetensors'), encoderTensors(model.encoder, config, read), meta);
    bytes += writeSafetensors(path.join(tmp, 'target_encoder.safetensors'), encoderTensors(model.target, config, read), meta);
    bytes += writeSafetensors(path.join(tmp, 'predictor.safetensors'), predictorTensors(model.predictor, config, read), meta);
    if (model.projector) {
      bytes += writeSafetensors(path.join(tmp, PROJECTOR_FILE), paramMap(model.projector.params, config, read), meta);
      files.push(PROJECTOR_FILE);
    }
    bytes += writeSafetensors(path.join(tmp, 'optimizer.safetensors'), optimizerTensors(opt, model, config, read), { step: String(opt.t) });
    const full: CheckpointState = { ...state, savedAt: new Date().toISOString(), format: 'jepa-lab/ijepa', version: 1 };
    for (const [file, obj] of [
      ['config.json', config],
      ['state.json', full],
    ] as const) {
      const text = JSON.stringify(obj, null, 2) + '\n';
      fs.writeFileSync(path.join(tmp, file), text);
      bytes += utf8.encode(text).length;
    }
  } catch (e) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw writeError(e, `checkpoint ${path.basename(dir)} to ${path.dirname(dir)}`, { fix: 'free some space, then resume the run: it continues from its last checkpoint' });
  }
  // swap in: an existing folder is moved aside first (rename cannot replace a non-empty folder)
  const old = `${dir}.old`;
  try {
    fs.rmSync(old, { recursive: true, force: true });
    if (fs.existsSync(dir)) fs.renameSync(dir, old);
    fs.renameSync(tmp, dir);
  } catch (e) {
    if (!fs.existsSync(dir) && fs.existsSync(old)) fs.renameSync(old, dir);
    fs.rmSync(tmp, { recursive: true, force: true });
    throw writeError(e, `checkpoint ${path.basename(dir)} to ${path.dirname(dir)}`);
  }
  fs.rmSync(old, { recursive: true, force: true });
  return { bytes, files: files.map((f) => path.join(dir, f)) };
}

export function readCheckpointState(dir: string): CheckpointState {
  return JSON.parse(fs.readFileSync(path.join(dir, 'state.json'), 'utf8')) as CheckpointState;
}

/**
 * Load weights (and optimiser state when `opt` is given and the file exists)
 * into a model built for the same architecture. Returns the saved state.
 */
export function loadCheckpoint(dir: string, parts: { model: Jepa; opt?: Optimizer }): CheckpointState {
  if (!fs.existsSync(dir)) throw new Error(`checkpoint folder not found: ${dir}`);
  const { model, opt } = parts;
  for (const f of ['encoder.safetensors', 'predictor.safetensors'])
    if (!fs.existsSync(path.join(dir, f)))
      throw new Error(`checkpoint ${dir} has no ${f}: it holds only what embedding needs (an import of the target encoder alone); import the full checkpoint to train or to view prediction errors`);
  loadParams(model.encoder.params, readSafetensorsLazy(path.join(dir, 'encoder.safetensors')).tensors, 'encoder');
  loadParams(model.target.params, readSafetensorsLazy(path.join(dir, 'target_encoder.safetensors')).tensors, 'target_encoder');
  loadParams(model.predictor.params, readSafetensorsLazy(path.join(dir, 'predictor.safetensors')).tensors, 'predictor');
  if (model.projector) {
    const file = path.join(dir, PROJECTOR_FILE);
    if (!fs.existsSync(file)) throw new Error(`checkpoint ${dir} has no ${PROJECTOR_FILE}, but the config has regularization.projector_dim ${model.projector.dim}; load it with the config it was saved with`);
    loadParams(model.projector.params, readSafetensorsLazy(file).tensors, 'projector');
  }
  const optFile = path.join(dir, 'optimizer.safetensors');
  if (opt && fs.existsSync(optFile)) {
    const { tensors, metadata } = readSafetensors(optFile);
    loadOptimizer(opt, model, tensors, metadata);
  }
  const statePath = path.join(dir, 'state.json');
  if (fs.existsSync(statePath)) return readCheckpointState(dir);
  return { step: 0, epoch: 0, totalSteps: 0, itersPerEpoch: 0, savedAt: '', format: 'jepa-lab/ijepa', version: 1 };
}

/**
 * The networks of a config with a checkpoint's weights (or freshly initialised
 * from the config's seed when `dir` is absent), without an optimiser: what the
 * inference jobs (features, mask errors) need.
 */
export function loadJepa(config: JepaConfig, dir?: string): Jepa {
  const model = createJepa(config);
  if (!dir) return model;
  try {
    loadCheckpoint(dir, { model });
  } catch (e) {
    disposeJepa(model);
    throw e;
  }
  return model;
}

/**
 * The target encoder alone, what features need: the same weights loadJepa
 * gives `target` (target_encoder.safetensors, read tensor by tensor), or
 * without `dir` the random init createJepa gives it, but without building the
 * context encoder and predictor, so a big model needs its target weights only.
 */
export function loadTargetEncoder(config: JepaConfig, dir?: string): VisionTransformer {
  // createJepa's target: the encoder's init stream, so the same values as a copied encoder
  const enc = new VisionTransformer(config, new Rng(config.meta.seed, Stream.init, 0), false, !!dir);
  if (!dir) return enc;
  try {
    if (!fs.existsSync(dir)) throw new Error(`checkpoint folder not found: ${dir}`);
    loadParams(enc.params, readSafetensorsLazy(path.join(dir, 'target_encoder.safetensors')).tensors, 'target_encoder');
  } catch (e) {
    enc.dispose();
    throw e;
  }
  return enc;
}

/**
 * The input normalisation a checkpoint's weights were trained with, when it is
 * not the dataset's own statistics (the lab's): an official I-JEPA import
 * records ImageNet's mean and std (src/transforms.py normalises every image so).
 */
export function checkpointInputNorm(dir: string | undefined): { mean: number[]; std: number[] } | null {
  if (!dir) return null;
  const f = path.join(dir, 'state.json');
  if (!fs.existsSync(f)) return null;
  const s = JSON.parse(fs.readFileSync(f, 'utf8')) as { input_norm?: { mean: number[]; std: number[] } };
  return s.input_norm ?? null;
}
