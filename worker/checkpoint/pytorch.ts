// PyTorch's checkpoint container (what torch.save writes and torch.load reads),
// both ways, in plain TypeScript: no Python is ever run.
//
// Read:
//   - the zip container (torch ≥ 1.6): <archive>/data.pkl (a pickle whose
//     tensors name their storages by persistent id), <archive>/data/<key> (one
//     raw little-endian storage each, stored uncompressed), <archive>/version,
//     maybe <archive>/byteorder; ZIP64 for files over 4 GiB;
//   - the legacy stream (torch < 1.6, or _use_new_zipfile_serialization=False):
//     magic, protocol and sys-info pickles, the object pickle, the storage keys,
//     then each storage as an int64 element count and its bytes.
//   The pickle is read by a restricted unpickler: only the opcodes torch.save
//   emits and an allow-list of globals (tensor rebuild functions, storage types,
//   OrderedDict, dtypes). A .pth file can carry code that pickle would run, so
//   any other global is refused when it is named, before anything is called.
//   Storages are read lazily by file offset when a tensor's `data` is first used,
//   so memory holds only the tensors that are used, once, as float32.
//
// Write: a torch.save-compatible zip (pickle protocol 2, persistent ids for the
// storages, _rebuild_tensor_v2, OrderedDict where asked) from a tree of plain
// values and float32/int64 tensors, streamed to disk, ZIP64 where needed.
//
// Python values in JS: None → null, bool → boolean, int → number (bigint beyond
// 2^53), float → number, str → string, list → array, tuple → array marked as a
// tuple (isTuple), dict/OrderedDict with string keys → plain object (OrderedDict
// marked, isOrderedDict), a dict with other keys → Map, tensor → TorchTensor.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';

// ---------------------------------------------------------------------------
// Values

export type TorchDtype = 'float32' | 'float64' | 'float16' | 'bfloat16' | 'int64' | 'int32' | 'int16' | 'int8' | 'uint8' | 'bool';

export type PyKey = string | number | bigint | boolean | null;
export type PyValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | Uint8Array
  | PyFloat
  | TorchTensor
  | PyValue[]
  | Map<PyKey, PyValue>
  | { [key: string]: PyValue };

/** A number to be written as a Python float even when it is integral (e.g. a loss of 1.0). */
export class PyFloat {
  constructor(readonly value: number) {}
}
export function pyFloat(value: number): PyFloat {
  return new PyFloat(value);
}

const TUPLE = Symbol.for('jepa-lab.pytorch.tuple');
const ORDERED = Symbol.for('jepa-lab.pytorch.OrderedDict');
/** Attributes a pickle set on an OrderedDict (a state dict's `_metadata`), kept out of its keys. */
export const PY_ATTRS = Symbol.for('jepa-lab.pytorch.attrs');

/** Mark an array as a Python tuple (written as a tuple; a tuple read comes back marked). */
export function pyTuple<T extends PyValue[]>(items: T): T {
  Object.defineProperty(items, TUPLE, { value: true, enumerable: false });
  return items;
}
export function isTuple(v: unknown): boolean {
  return Array.isArray(v) && (v as unknown as Record<symbol, unknown>)[TUPLE] === true;
}
/** Mark a plain object as a collections.OrderedDict (how state dicts are saved). */
export function orderedDict<T extends { [key: string]: PyValue }>(obj: T): T {
  Object.defineProperty(obj, ORDERED, { value: true, enumerable: false });
  return obj;
}
export function isOrderedDict(v: unknown): boolean {
  return typeof v === 'object' && v !== null && (v as Record<symbol, unknown>)[ORDERED] === true;
}

const ELEMENT_SIZE: Record<TorchDtype, number> = {
  float32: 4,
  float64: 8,
  float16: 2,
  bfloat16: 2,
  int64: 8,
  int32: 4,
  int16: 2,
  int8: 1,
  uint8: 1,
  bool: 1,
};

/** torch.<Name>Storage as torch.save names them in persistent ids → element type. */
export const STORAGE_TYPES: Record<string, TorchDtype> = {
  FloatStorage: 'float32',
  DoubleStorage: 'float64',
  HalfStorage: 'float16',
  BFloat16Storage: 'bfloat16',
  LongStorage: 'int64',
  IntStorage: 'int32',
  ShortStorage: 'int16',
  CharStorage: 'int8',
  ByteStorage: 'uint8',
  BoolStorage: 'bool',
};
const STORAGE_OF: Record<string, string> = { float32: 'FloatStorage', int64: 'LongStorage' };

const HOST_LE = os.endianness() === 'LE';

/** Where a tensor's storage bytes live: read on demand. */
interface StorageSource {
  /** `byteLength` bytes of storage `key` from `byteOffset`, into a fresh buffer whose byteOffset is 0. */
  read(key: string, byteOffset: number, byteLength: number, into?: Uint8Array): Uint8Array;
  littleEndian: boolean;
  describe: string;
}

interface StorageRef {
  source: StorageSource;
  key: string;
  dtype: TorchDtype;
  /** elements in the storage */
  numel: number;
  /** elements from the start of the stored record (legacy storage views) */
  base: number;
}

/**
 * A tensor: dtype, shape and values. Read tensors load their storage on first
 * use of `data` (converted to float32, made contiguous) and keep it until
 * `release()`; written tensors hold their values.
 */
export class TorchTensor {
  readonly dtype: TorchDtype;
  readonly shape: number[];
  /** requires_grad as pickled (parameters saved whole) */
  requiresGrad = false;
  private cache: Float32Array | null = null;
  private exact: BigInt64Array | null = null;
  private readonly src: { storage: StorageRef; offset: number; stride: number[] } | null;

  private constructor(dtype: TorchDtype, shape: number[], src: TorchTensor['src'], data: Float32Array | null, exact: BigInt64Array | null) {
    this.dtype = dtype;
    this.shape = shape;
    this.src = src;
    this.cache = data;
    this.exact = exact;
  }

  /** A float32 tensor over `data` (row-major, not copied). */
  static float32(data: Float32Array, shape: number[]): TorchTensor {
    checkSize(shape, data.length);
    return new TorchTensor('float32', shape.slice(), null, data, null);
  }

  /** An int64 tensor (row-major). */
  static int64(values: BigInt64Array | number[], shape: number[]): TorchTensor {
    const exact = values instanceof BigInt64Array ? values : BigInt64Array.from(values, (v) => BigInt(v));
    checkSize(shape, exact.length);
    return new TorchTensor('int64', shape.slice(), null, Float32Array.from(exact, Number), exact);
  }

  /** @internal a tensor read from a container */
  static fromStorage(storage: StorageRef, offset: number, shape: number[], stride: number[]): TorchTensor {
    return new TorchTensor(storage.dtype, shape, { storage, offset, stride }, null, null);
  }

  get numel(): number {
    return this.shape.reduce((a, b) => a * b, 1);
  }

  /** The values as float32, row-major and contiguous (f16/bf16/f64/ints converted). */
  get data(): Float32Array {
    if (!this.cache) this.cache = this.load();
    return this.cache;
  }

  /** Exact values of an int64 tensor. */
  bigints(): BigInt64Array {
    if (this.dtype !== 'int64') throw new Error(`tensor is ${this.dtype}, not int64`);
    if (!this.exact) this.exact = this.loadInt64();
    return this.exact;
  }

  /** Whether the values are in memory. */
  get loaded(): boolean {
    return this.cache !== null;
  }

  /** Drop the values read from the file (read again on next use); no-op for written tensors. */
  release(): void {
    if (this.src) {
      this.cache = null;
      this.exact = null;
    }
  }

  /** Elements of the storage this view spans: [first, last + 1). */
  private span(): [number, number] {
    const { offset, stride } = this.src!;
    if (this.numel === 0) return [offset, offset];
    let last = offset;
    this.shape.forEach((n, i) => (last += (n - 1) * stride[i]));
    return [offset, last + 1];
  }

  private readSpan(): { bytes: Uint8Array; first: number } {
    const { storage } = this.src!;
    const [first, end] = this.span();
    if (end > storage.numel) throw new Error(`${storage.source.describe}: a tensor of shape [${this.shape}] reads past the end of storage ${storage.key} (${storage.numel} elements)`);
    const es = ELEMENT_SIZE[this.dtype];
    const n = end - first;
    // read float32 straight into the Float32Array that becomes the data (no second copy)
    const into = this.dtype === 'float32' && storage.source.littleEndian && HOST_LE ? new Uint8Array(new Float32Array(n).buffer) : undefined;
    const bytes = storage.source.read(storage.key, (storage.base + first) * es, n * es, into);
    return { bytes, first };
  }

  private load(): Float32Array {
    const { bytes, first } = this.readSpan();
    const values = toFloat32(bytes, this.dtype, this.src!.storage.source.littleEndian); // [span]
    return this.contiguous(values, first, Float32Array) as Float32Array;
  }

  private loadInt64(): BigInt64Array {
    const { bytes, first } = this.readSpan();
    const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const le = this.src!.storage.source.littleEndian;
    const values = new BigInt64Array(bytes.byteLength / 8);
    for (let i = 0; i < values.length; i++) values[i] = dv.getBigInt64(8 * i, le);
    return this.contiguous(values, first, BigInt64Array) as BigInt64Array;
  }

  /** Gather a strided view (span values starting at storage element `first`) into row-major order. */
  private contiguous<A extends Float32Array | BigInt64Array>(span: A, first: number, Ctor: { new (n: number): A }): A {
    const { offset, stride } = this.src!;
    const shape = this.shape;
    const n = this.numel;
    let expect = 1;
    let isContiguous = true;
    for (let i = shape.length - 1; i >= 0; i--) {
      if (shape[i] !== 1 && stride[i] !== expect) isContiguous = false;
      expect *= shape[i];
    }
    const start = offset - first;
    if (isContiguous) return start === 0 && span.length === n ? span : (span.slice(start, start + n) as A);
    const out = new Ctor(n);
    const idx = new Array<number>(shape.length).fill(0);
    let src = start;
    for (let o = 0; o < n; o++) {
      (out as Float32Array)[o] = (span as Float32Array)[src];
      // odometer over the indices, last axis fastest
      for (let d = shape.length - 1; d >= 0; d--) {
        idx[d]++;
        src += stride[d];
        if (idx[d] < shape[d]) break;
        src -= stride[d] * shape[d];
        idx[d] = 0;
      }
    }
    return out;
  }
}

function checkSize(shape: number[], n: number): void {
  if (!shape.every((d) => Number.isInteger(d) && d >= 0)) throw new Error(`tensor shape [${shape}] must be non-negative integers`);
  const m = shape.reduce((a, b) => a * b, 1);
  if (m !== n) throw new Error(`tensor of shape [${shape}] needs ${m} values, got ${n}`);
}

/** Half-precision bits → number. */
function halfToFloat(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const f = h & 0x3ff;
  if (e === 0) return s * f * 2 ** -24;
  if (e === 31) return f ? NaN : s * Infinity;
  return s * (1 + f / 1024) * 2 ** (e - 15);
}

function toFloat32(bytes: Uint8Array, dtype: TorchDtype, le: boolean): Float32Array {
  const n = bytes.byteLength / ELEMENT_SIZE[dtype];
  if (dtype === 'float32' && le === HOST_LE && bytes.byteOffset % 4 === 0) return new Float32Array(bytes.buffer, bytes.byteOffset, n);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float32Array(n);
  switch (dtype) {
    case 'float32':
      for (let i = 0; i < n; i++) out[i] = dv.getFloat32(4 * i, le);
      break;
    case 'float64':
      for (let i = 0; i < n; i++) out[i] = dv.getFloat64(8 * i, le);
      break;
    case 'float16':
      for (let i = 0; i < n; i++) out[i] = halfToFloat(dv.getUint16(2 * i, le));
      break;
    case 'bfloat16': {
      // bf16 is the top half of a float32
      const u = new Uint32Array(out.buffer);
      for (let i = 0; i < n; i++) u[i] = dv.getUint16(2 * i, le) << 16;
      break;
    }
    case 'int64':
      for (let i = 0; i < n; i++) out[i] = Number(dv.getBigInt64(8 * i, le));
      break;
    case 'int32':
      for (let i = 0; i < n; i++) out[i] = dv.getInt32(4 * i, le);
      break;
    case 'int16':
      for (let i = 0; i < n; i++) out[i] = dv.getInt16(2 * i, le);
      break;
    case 'int8':
      for (let i = 0; i < n; i++) out[i] = dv.getInt8(i);
      break;
    case 'uint8':
    case 'bool':
      for (let i = 0; i < n; i++) out[i] = bytes[i];
      break;
  }
  return out;
}

// ---------------------------------------------------------------------------
// Restricted unpickler

/** Thrown when a pickle names a global outside the allow-list or uses an opcode tensors do not need. */
export class PickleRefusedError extends Error {
  constructor(
    message: string,
    /** the refused global as module.name, or null for a refused opcode */
    readonly global: string | null,
  ) {
    super(message);
    this.name = 'PickleRefusedError';
  }
}

/** A global the unpickler allows; `call` is what REDUCE does with it. */
interface AllowedGlobal {
  kind: 'global';
  name: string;
  call?: (args: unknown[]) => unknown;
}

class StorageType {
  constructor(
    readonly name: string,
    readonly dtype: TorchDtype,
  ) {}
}

/** A dict while unpickling (keys of any hashable kind; converted to JS at the end). */
class PyDictBuild {
  readonly entries = new Map<unknown, unknown>();
  attrs: unknown = null;
  constructor(readonly ordered: boolean) {}
}
class PyTupleBuild {
  constructor(readonly items: unknown[]) {}
}

function rebuildTensor(args: unknown[], what: string): TorchTensor {
  const [storage, offset, size, stride] = args;
  if (!(storage instanceof StorageHandle)) throw new Error(`${what}: the first argument is not a storage`);
  const sz = tupleNumbers(size, `${what} size`);
  const st = tupleNumbers(stride, `${what} stride`);
  if (typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0) throw new Error(`${what}: bad storage offset`);
  if (sz.length !== st.length) throw new Error(`${what}: size [${sz}] and stride [${st}] differ in length`);
  if (st.some((s) => s < 0)) throw new Error(`${what}: negative strides are not supported`);
  const t = TorchTensor.fromStorage(storage.ref, offset, sz, st);
  if (args[4] === true) t.requiresGrad = true;
  return t;
}

function tupleNumbers(v: unknown, what: string): number[] {
  const items = v instanceof PyTupleBuild ? v.items : Array.isArray(v) ? v : null;
  if (!items || !items.every((x) => typeof x === 'number' && Number.isInteger(x))) throw new Error(`${what} is not a tuple of integers`);
  return items as number[];
}

/** What persistent_load gives for a storage id (wraps the StorageRef). */
class StorageHandle {
  constructor(readonly ref: StorageRef) {}
}

function orderedDictFrom(args: unknown[]): PyDictBuild {
  const d = new PyDictBuild(true);
  if (args.length === 0) return d;
  // OrderedDict(iterable of pairs)
  const items = args[0] instanceof PyTupleBuild ? args[0].items : args[0];
  if (args.length > 1 || !Array.isArray(items)) throw new Error('collections.OrderedDict: only OrderedDict() or OrderedDict([(key, value), ...]) is accepted');
  for (const pair of items) {
    const kv = pair instanceof PyTupleBuild ? pair.items : pair;
    if (!Array.isArray(kv) || kv.length !== 2) throw new Error('collections.OrderedDict: items must be (key, value) pairs');
    d.entries.set(kv[0], kv[1]);
  }
  return d;
}

const ALLOWED_GLOBALS: Record<string, AllowedGlobal | StorageType | string> = (() => {
  const g: Record<string, AllowedGlobal | StorageType | string> = {
    'collections.OrderedDict': { kind: 'global', name: 'collections.OrderedDict', call: orderedDictFrom },
    'torch._utils._rebuild_tensor_v2': {
      kind: 'global',
      name: 'torch._utils._rebuild_tensor_v2',
      // (storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])
      call: (a) => rebuildTensor(a, '_rebuild_tensor_v2'),
    },
    'torch._utils._rebuild_tensor': {
      kind: 'global',
      name: 'torch._utils._rebuild_tensor',
      call: (a) => rebuildTensor(a, '_rebuild_tensor'),
    },
    'torch._utils._rebuild_parameter': {
      kind: 'global',
      name: 'torch._utils._rebuild_parameter',
      // (data, requires_grad, backward_hooks): a Parameter is its tensor here
      call: (a) => {
        if (!(a[0] instanceof TorchTensor)) throw new Error('_rebuild_parameter: the first argument is not a tensor');
        a[0].requiresGrad = a[1] === true;
        return a[0];
      },
    },
    'torch._utils._rebuild_parameter_with_state': {
      kind: 'global',
      name: 'torch._utils._rebuild_parameter_with_state',
      call: (a) => {
        if (!(a[0] instanceof TorchTensor)) throw new Error('_rebuild_parameter_with_state: the first argument is not a tensor');
        a[0].requiresGrad = a[1] === true;
        return a[0];
      },
    },
    'torch.Size': {
      kind: 'global',
      name: 'torch.Size',
      call: (a) => new PyTupleBuild(tupleNumbers(a[0], 'torch.Size')),
    },
  };
  for (const [name, dtype] of Object.entries(STORAGE_TYPES)) g[`torch.${name}`] = new StorageType(name, dtype);
  // torch.dtype values pickle as globals; they come back as their names
  for (const d of ['float32', 'float64', 'float16', 'bfloat16', 'int64', 'int32', 'int16', 'int8', 'uint8', 'bool', 'float', 'double', 'half', 'long', 'int'])
    g[`torch.${d}`] = `torch.${d}`;
  return g;
})();

/** The globals the unpickler accepts (module.name). */
export const ALLOWED_GLOBAL_NAMES: readonly string[] = Object.keys(ALLOWED_GLOBALS);

class NeedMoreData extends Error {}

const OPNAMES: Record<number, string> = {
  0x28: 'MARK', 0x2e: 'STOP', 0x30: 'POP', 0x31: 'POP_MARK', 0x32: 'DUP', 0x46: 'FLOAT', 0x49: 'INT', 0x4a: 'BININT',
  0x4b: 'BININT1', 0x4c: 'LONG', 0x4d: 'BININT2', 0x4e: 'NONE', 0x50: 'PERSID', 0x51: 'BINPERSID', 0x52: 'REDUCE',
  0x53: 'STRING', 0x54: 'BINSTRING', 0x55: 'SHORT_BINSTRING', 0x56: 'UNICODE', 0x58: 'BINUNICODE', 0x61: 'APPEND',
  0x62: 'BUILD', 0x63: 'GLOBAL', 0x64: 'DICT', 0x7d: 'EMPTY_DICT', 0x65: 'APPENDS', 0x67: 'GET', 0x68: 'BINGET',
  0x69: 'INST', 0x6a: 'LONG_BINGET', 0x6c: 'LIST', 0x5d: 'EMPTY_LIST', 0x6f: 'OBJ', 0x70: 'PUT', 0x71: 'BINPUT',
  0x72: 'LONG_BINPUT', 0x73: 'SETITEM', 0x74: 'TUPLE', 0x29: 'EMPTY_TUPLE', 0x75: 'SETITEMS', 0x47: 'BINFLOAT',
  0x80: 'PROTO', 0x81: 'NEWOBJ', 0x82: 'EXT1', 0x83: 'EXT2', 0x84: 'EXT4', 0x85: 'TUPLE1', 0x86: 'TUPLE2', 0x87: 'TUPLE3',
  0x88: 'NEWTRUE', 0x89: 'NEWFALSE', 0x8a: 'LONG1', 0x8b: 'LONG4', 0x42: 'BINBYTES', 0x43: 'SHORT_BINBYTES',
  0x8c: 'SHORT_BINUNICODE', 0x8d: 'BINUNICODE8', 0x8e: 'BINBYTES8', 0x8f: 'EMPTY_SET', 0x90: 'ADDITEMS', 0x91: 'FROZENSET',
  0x92: 'NEWOBJ_EX', 0x93: 'STACK_GLOBAL', 0x94: 'MEMOIZE', 0x95: 'FRAME', 0x96: 'BYTEARRAY8', 0x97: 'NEXT_BUFFER', 0x98: 'READONLY_BUFFER',
};

export interface UnpickleOptions {
  /** what BINPERSID ids become (torch: storages), given the id tuple's items; without it persistent ids are refused */
  persistentLoad?: (pid: unknown[]) => unknown;
  /** named in errors, e.g. the file */
  source?: string;
}

function refusedGlobal(name: string, source: string): PickleRefusedError {
  return new PickleRefusedError(
    `${source} is refused: its pickle names the global ${name}, which is not a tensor, a storage or a plain value. ` +
      `A .pth file can carry code that runs when Python unpickles it, so the lab reads only tensors and plain values and runs nothing from the file. ` +
      `If you trust the file, load it in Python and save only the state dicts (torch.save({'encoder': ..., 'predictor': ..., 'target_encoder': ...}, path)), or export safetensors, and open that.`,
    name,
  );
}

/**
 * Unpickle `bytes` with the restricted unpickler (see the module comment).
 * Returns the value and the position after STOP.
 */
export function unpickle(bytes: Uint8Array, opts: UnpickleOptions = {}): { value: PyValue; end: number } {
  const source = opts.source ?? 'the pickle';
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 0;
  let stack: unknown[] = [];
  const metastack: unknown[][] = [];
  const memo = new Map<number, unknown>();
  const need = (n: number) => {
    if (pos + n > bytes.length) throw new NeedMoreData(`${source}: the pickle ends early (truncated file?)`);
  };
  const popMark = (): unknown[] => {
    const items = stack;
    const prev = metastack.pop();
    if (!prev) throw new Error(`${source}: pickle pops a MARK that was never set`);
    stack = prev;
    return items;
  };
  const top = () => {
    if (stack.length === 0) throw new Error(`${source}: pickle stack underflow`);
    return stack[stack.length - 1];
  };
  const pop = () => {
    if (stack.length === 0) throw new Error(`${source}: pickle stack underflow`);
    return stack.pop();
  };
  const utf8 = (n: number) => {
    need(n);
    const s = Buffer.from(bytes.buffer, bytes.byteOffset + pos, n).toString('utf8');
    pos += n;
    return s;
  };
  const line = () => {
    const end = bytes.indexOf(0x0a, pos);
    if (end < 0) throw new NeedMoreData(`${source}: the pickle ends early (truncated file?)`);
    const s = Buffer.from(bytes.buffer, bytes.byteOffset + pos, end - pos).toString('utf8');
    pos = end + 1;
    return s;
  };
  const findGlobal = (module: string, name: string) => {
    const full = `${module}.${name}`;
    const g = ALLOWED_GLOBALS[full];
    if (g === undefined) throw refusedGlobal(full, source);
    return g;
  };
  const setItem = (d: unknown, k: unknown, v: unknown) => {
    if (!(d instanceof PyDictBuild)) throw new PickleRefusedError(`${source} is refused: its pickle sets an item on something that is not a dict`, null);
    if (k instanceof PyDictBuild || Array.isArray(k)) throw new Error(`${source}: a dict key is not hashable`);
    d.entries.set(k, v);
  };
  const long = (n: number) => {
    need(n);
    let v = 0n;
    for (let i = n - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[pos + i]);
    if (n > 0 && bytes[pos + n - 1] & 0x80) v -= 1n << BigInt(8 * n);
    pos += n;
    return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
  };

  for (;;) {
    need(1);
    const at = pos;
    const op = bytes[pos++];
    switch (op) {
      case 0x80: // PROTO
        need(1);
        if (bytes[pos] > 5) throw new Error(`${source}: pickle protocol ${bytes[pos]} is newer than 5`);
        pos += 1;
        break;
      case 0x95: // FRAME: a length prefix only
        need(8);
        pos += 8;
        break;
      case 0x2e: // STOP
        return { value: toJs(pop()), end: pos };
      case 0x28: // MARK
        metastack.push(stack);
        stack = [];
        break;
      case 0x7d: // EMPTY_DICT
        stack.push(new PyDictBuild(false));
        break;
      case 0x5d: // EMPTY_LIST
        stack.push([]);
        break;
      case 0x29: // EMPTY_TUPLE
        stack.push(new PyTupleBuild([]));
        break;
      case 0x74: {
        // TUPLE (popMark first: it replaces `stack`)
        const items = popMark();
        stack.push(new PyTupleBuild(items));
        break;
      }
      case 0x85: // TUPLE1
        stack.push(new PyTupleBuild([pop()]));
        break;
      case 0x86: {
        // TUPLE2
        const b = pop();
        const a = pop();
        stack.push(new PyTupleBuild([a, b]));
        break;
      }
      case 0x87: {
        // TUPLE3
        const c = pop();
        const b = pop();
        const a = pop();
        stack.push(new PyTupleBuild([a, b, c]));
        break;
      }
      case 0x4e: // NONE
        stack.push(null);
        break;
      case 0x88: // NEWTRUE
        stack.push(true);
        break;
      case 0x89: // NEWFALSE
        stack.push(false);
        break;
      case 0x4a: // BININT
        need(4);
        stack.push(dv.getInt32(pos, true));
        pos += 4;
        break;
      case 0x4b: // BININT1
        need(1);
        stack.push(bytes[pos++]);
        break;
      case 0x4d: // BININT2
        need(2);
        stack.push(dv.getUint16(pos, true));
        pos += 2;
        break;
      case 0x8a: {
        // LONG1
        need(1);
        const n = bytes[pos++];
        stack.push(long(n));
        break;
      }
      case 0x8b: {
        // LONG4
        need(4);
        const n = dv.getInt32(pos, true);
        pos += 4;
        if (n < 0 || n > 1024) throw new Error(`${source}: a LONG4 integer of ${n} bytes is not one a checkpoint holds`);
        stack.push(long(n));
        break;
      }
      case 0x47: // BINFLOAT (big-endian)
        need(8);
        stack.push(dv.getFloat64(pos, false));
        pos += 8;
        break;
      case 0x58: {
        // BINUNICODE
        need(4);
        const n = dv.getUint32(pos, true);
        pos += 4;
        stack.push(utf8(n));
        break;
      }
      case 0x8c: {
        // SHORT_BINUNICODE
        need(1);
        const n = bytes[pos++];
        stack.push(utf8(n));
        break;
      }
      case 0x8d: {
        // BINUNICODE8
        need(8);
        const n = Number(dv.getBigUint64(pos, true));
        pos += 8;
        stack.push(utf8(n));
        break;
      }
      case 0x55: // SHORT_BINSTRING (Python 2 str, e.g. legacy files): latin-1
      case 0x54: {
        // BINSTRING
        const n = op === 0x55 ? (need(1), bytes[pos++]) : (need(4), (pos += 4), dv.getInt32(pos - 4, true));
        need(n);
        stack.push(Buffer.from(bytes.buffer, bytes.byteOffset + pos, n).toString('latin1'));
        pos += n;
        break;
      }
      case 0x43: // SHORT_BINBYTES
      case 0x42: {
        // BINBYTES
        const n = op === 0x43 ? (need(1), bytes[pos++]) : (need(4), (pos += 4), dv.getUint32(pos - 4, true));
        need(n);
        stack.push(bytes.slice(pos, pos + n));
        pos += n;
        break;
      }
      case 0x73: {
        // SETITEM
        const v = pop();
        const k = pop();
        setItem(top(), k, v);
        break;
      }
      case 0x75: {
        // SETITEMS
        const items = popMark();
        if (items.length % 2) throw new Error(`${source}: SETITEMS with an odd number of items`);
        const d = top();
        for (let i = 0; i < items.length; i += 2) setItem(d, items[i], items[i + 1]);
        break;
      }
      case 0x61: {
        // APPEND
        const v = pop();
        const l = top();
        if (!Array.isArray(l)) throw new PickleRefusedError(`${source} is refused: its pickle appends to something that is not a list`, null);
        l.push(v);
        break;
      }
      case 0x65: {
        // APPENDS
        const items = popMark();
        const l = top();
        if (!Array.isArray(l)) throw new PickleRefusedError(`${source} is refused: its pickle appends to something that is not a list`, null);
        for (const v of items) l.push(v);
        break;
      }
      case 0x71: // BINPUT
        need(1);
        memo.set(bytes[pos++], top());
        break;
      case 0x72: // LONG_BINPUT
        need(4);
        memo.set(dv.getUint32(pos, true), top());
        pos += 4;
        break;
      case 0x94: // MEMOIZE
        memo.set(memo.size, top());
        break;
      case 0x68: // BINGET
      case 0x6a: {
        // LONG_BINGET
        const i = op === 0x68 ? (need(1), bytes[pos++]) : (need(4), (pos += 4), dv.getUint32(pos - 4, true));
        if (!memo.has(i)) throw new Error(`${source}: pickle reads memo ${i}, which was never stored`);
        stack.push(memo.get(i));
        break;
      }
      case 0x30: // POP
        if (stack.length) stack.pop();
        else popMark();
        break;
      case 0x31: // POP_MARK
        popMark();
        break;
      case 0x32: // DUP
        stack.push(top());
        break;
      case 0x63: {
        // GLOBAL "module\nname\n": checked here, before anything could use it
        const module = line();
        const name = line();
        stack.push(findGlobal(module, name));
        break;
      }
      case 0x93: {
        // STACK_GLOBAL
        const name = pop();
        const module = pop();
        if (typeof module !== 'string' || typeof name !== 'string') throw new Error(`${source}: STACK_GLOBAL needs two strings`);
        stack.push(findGlobal(module, name));
        break;
      }
      case 0x52: {
        // REDUCE: only allow-listed callables (the check at GLOBAL already refused the rest)
        const args = pop();
        const fn = pop();
        if (!(args instanceof PyTupleBuild)) throw new Error(`${source}: REDUCE arguments are not a tuple`);
        if (typeof fn !== 'object' || fn === null || (fn as AllowedGlobal).kind !== 'global' || !(fn as AllowedGlobal).call)
          throw new PickleRefusedError(`${source} is refused: its pickle calls something that is not an allowed tensor function`, null);
        stack.push((fn as AllowedGlobal).call!(args.items));
        break;
      }
      case 0x51: {
        // BINPERSID: storages
        const pid = pop();
        if (!opts.persistentLoad) throw new PickleRefusedError(`${source} is refused: it has a persistent id outside a torch container`, null);
        if (!(pid instanceof PyTupleBuild)) throw new PickleRefusedError(`${source} is refused: a persistent id is not a tuple`, null);
        stack.push(opts.persistentLoad(pid.items));
        break;
      }
      case 0x62: {
        // BUILD: only attributes on an OrderedDict (a state dict's _metadata) or a parameter's empty state
        const state = pop();
        const inst = top();
        if (inst instanceof PyDictBuild && inst.ordered) inst.attrs = state;
        else if (inst instanceof TorchTensor && (state === null || (state instanceof PyDictBuild && state.entries.size === 0))) {
          /* nothing to set */
        } else throw new PickleRefusedError(`${source} is refused: its pickle sets the state of an object that is not an OrderedDict or tensor (BUILD)`, null);
        break;
      }
      default: {
        const name = OPNAMES[op] ?? 'unknown';
        throw new PickleRefusedError(
          `${source} is refused: pickle opcode 0x${op.toString(16).padStart(2, '0')} (${name}) at byte ${at} is not one that torch.save uses for tensors and plain values`,
          null,
        );
      }
    }
  }
}

/** Unpickler values → PyValue (shared objects stay shared). */
function toJs(v: unknown, seen = new Map<unknown, PyValue>()): PyValue {
  if (v === null || typeof v !== 'object') {
    if (typeof v === 'object' || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return v as PyValue;
    throw new Error(`unexpected value ${String(v)}`);
  }
  if (seen.has(v)) return seen.get(v)!;
  if (v instanceof TorchTensor || v instanceof Uint8Array) return v;
  if (v instanceof StorageHandle) throw new Error('a bare storage is not supported; only tensors over storages');
  if ((v as AllowedGlobal).kind === 'global' || v instanceof StorageType) throw new Error(`a bare global (${(v as AllowedGlobal).name}) is not a value`);
  if (Array.isArray(v)) {
    const out: PyValue[] = [];
    seen.set(v, out);
    for (const x of v) out.push(toJs(x, seen));
    return out;
  }
  if (v instanceof PyTupleBuild) {
    const out = pyTuple([] as PyValue[]);
    seen.set(v, out);
    for (const x of v.items) out.push(toJs(x, seen));
    return out;
  }
  if (v instanceof PyDictBuild) {
    const stringKeys = [...v.entries.keys()].every((k) => typeof k === 'string');
    if (stringKeys) {
      const out: { [key: string]: PyValue } = {};
      if (v.ordered) orderedDict(out);
      seen.set(v, out);
      for (const [k, x] of v.entries) Object.defineProperty(out, k as string, { value: toJs(x, seen), enumerable: true, writable: true, configurable: true });
      if (v.attrs !== null) Object.defineProperty(out, PY_ATTRS, { value: toJs(v.attrs, seen), enumerable: false });
      return out;
    }
    const out = new Map<PyKey, PyValue>();
    seen.set(v, out);
    for (const [k, x] of v.entries) out.set(toJs(k, seen) as PyKey, toJs(x, seen));
    return out;
  }
  throw new Error(`unexpected value of type ${(v as object).constructor?.name}`);
}

// ---------------------------------------------------------------------------
// Zip reading (central directory, ZIP64, stored or deflated entries, read by offset)

interface ZipEntry {
  name: string;
  method: number;
  compSize: number;
  size: number;
  localOffset: number;
  /** start of the data, from the local header (filled on first use) */
  dataOffset: number | null;
}

function readAt(fd: number, pos: number, length: number, into?: Uint8Array): Uint8Array {
  const buf = into ?? new Uint8Array(length);
  let done = 0;
  while (done < length) {
    // one read() returns at most ~2 GiB on Linux: loop
    const n = fs.readSync(fd, buf, done, Math.min(length - done, 1 << 30), pos + done);
    if (n === 0) throw new Error(`unexpected end of file at byte ${pos + done}`);
    done += n;
  }
  return buf;
}

function readZipIndex(fd: number, fileSize: number, file: string): Map<string, ZipEntry> {
  const tailLen = Math.min(fileSize, 22 + 65535 + 20);
  const tail = readAt(fd, fileSize - tailLen, tailLen);
  const tdv = new DataView(tail.buffer);
  let eocd = -1;
  for (let i = tailLen - 22; i >= 0; i--)
    if (tdv.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  if (eocd < 0) throw new Error(`${file}: not a complete zip file (no end-of-central-directory record); the file may be truncated`);
  let entries = tdv.getUint16(eocd + 10, true);
  let cdSize = tdv.getUint32(eocd + 12, true);
  let cdOffset = tdv.getUint32(eocd + 16, true);
  // ZIP64: a locator 20 bytes before the record points at the ZIP64 end record
  if (eocd >= 20 && tdv.getUint32(eocd - 20, true) === 0x07064b50) {
    const z64 = Number(tdv.getBigUint64(eocd - 20 + 8, true));
    const rec = readAt(fd, z64, 56);
    const rdv = new DataView(rec.buffer);
    if (rdv.getUint32(0, true) !== 0x06064b50) throw new Error(`${file}: bad ZIP64 end-of-central-directory record`);
    entries = Number(rdv.getBigUint64(32, true));
    cdSize = Number(rdv.getBigUint64(40, true));
    cdOffset = Number(rdv.getBigUint64(48, true));
  }
  if (cdOffset + cdSize > fileSize) throw new Error(`${file}: the zip central directory lies past the end of the file (truncated?)`);
  const cd = readAt(fd, cdOffset, cdSize);
  const dv = new DataView(cd.buffer);
  const out = new Map<string, ZipEntry>();
  let p = 0;
  for (let i = 0; i < entries; i++) {
    if (p + 46 > cdSize || dv.getUint32(p, true) !== 0x02014b50) throw new Error(`${file}: bad zip central directory entry ${i}`);
    const flags = dv.getUint16(p + 8, true);
    const method = dv.getUint16(p + 10, true);
    let compSize = dv.getUint32(p + 20, true);
    let size = dv.getUint32(p + 24, true);
    const nameLen = dv.getUint16(p + 28, true);
    const extraLen = dv.getUint16(p + 30, true);
    const commentLen = dv.getUint16(p + 32, true);
    let localOffset = dv.getUint32(p + 42, true);
    if (flags & 1) throw new Error(`${file}: zip entries are encrypted`);
    const name = Buffer.from(cd.buffer, p + 46, nameLen).toString('utf8');
    // ZIP64 extra field: the 64-bit values of the fields saturated above, in this order
    let e = p + 46 + nameLen;
    const eEnd = e + extraLen;
    while (e + 4 <= eEnd) {
      const id = dv.getUint16(e, true);
      const len = dv.getUint16(e + 2, true);
      if (id === 0x0001) {
        let q = e + 4;
        if (size === 0xffffffff) (size = Number(dv.getBigUint64(q, true))), (q += 8);
        if (compSize === 0xffffffff) (compSize = Number(dv.getBigUint64(q, true))), (q += 8);
        if (localOffset === 0xffffffff) localOffset = Number(dv.getBigUint64(q, true));
      }
      e += 4 + len;
    }
    out.set(name, { name, method, compSize, size, localOffset, dataOffset: null });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

function entryData(fd: number, entry: ZipEntry, file: string): number {
  if (entry.dataOffset === null) {
    const h = readAt(fd, entry.localOffset, 30);
    const dv = new DataView(h.buffer);
    if (dv.getUint32(0, true) !== 0x04034b50) throw new Error(`${file}: bad zip local header for ${entry.name}`);
    entry.dataOffset = entry.localOffset + 30 + dv.getUint16(26, true) + dv.getUint16(28, true);
  }
  return entry.dataOffset;
}

// ---------------------------------------------------------------------------
// Reading a checkpoint

export interface TorchFileInfo {
  format: 'zip' | 'legacy';
  /** the zip's top folder (torch names it after the file, or `archive`) */
  archive: string | null;
  /** the container's format version record, when there is one */
  version: string | null;
  byteOrder: 'little' | 'big';
  /** storages referenced */
  storages: number;
}

const LEGACY_MAGIC = [0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19];

/**
 * Read a torch.save file (zip or legacy) with the restricted unpickler. Tensors
 * come back as TorchTensor whose storage is read from the file on first use.
 */
export function readTorchFile(file: string): { value: PyValue; info: TorchFileInfo } {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const head = readAt(fd, 0, Math.min(size, 512));
    if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return readZipCheckpoint(fd, size, file);
    if (LEGACY_MAGIC.every((b, i) => head[i] === b)) return readLegacyCheckpoint(fd, size, file);
    if (head.length >= 262 && Buffer.from(head.subarray(257, 262)).toString('latin1') === 'ustar')
      throw new Error(`${file} is a tar-format torch checkpoint (torch < 0.4), which the lab cannot read; load it in Python and re-save it with torch.save (torch ≥ 1.6 writes the zip format by default)`);
    throw new Error(`${file} is not a PyTorch checkpoint (neither torch.save's zip format nor its legacy format); a .pth/.pth.tar file written by torch.save is expected`);
  } finally {
    fs.closeSync(fd);
  }
}

function storageRefFromPid(pid: unknown[], file: string, source: StorageSource, known: Map<string, StorageRef>, legacy: boolean): StorageHandle {
  // zip: ('storage', storage_type, key, location, numel); legacy adds view_metadata
  if (pid[0] !== 'storage') throw new PickleRefusedError(`${file} is refused: a persistent id is not a storage`, null);
  const [, type, key, , numel, view] = pid;
  if (!(type instanceof StorageType)) throw new Error(`${file}: a storage id names no storage type`);
  if (typeof key !== 'string' || typeof numel !== 'number') throw new Error(`${file}: a malformed storage id`);
  let ref = known.get(key);
  if (!ref) {
    ref = { source, key, dtype: type.dtype, numel, base: 0 };
    known.set(key, ref);
  }
  if (legacy && view instanceof PyTupleBuild) {
    // (view_key, offset, view_size): a view into the root storage `key`
    const [, offset, viewSize] = view.items as [string, number, number];
    return new StorageHandle({ ...ref, base: offset, numel: viewSize });
  }
  return new StorageHandle(ref);
}

function readZipCheckpoint(fd: number, size: number, file: string): { value: PyValue; info: TorchFileInfo } {
  const index = readZipIndex(fd, size, file);
  let pkl: ZipEntry | null = null;
  for (const e of index.values()) if ((e.name === 'data.pkl' || e.name.endsWith('/data.pkl')) && (!pkl || e.name.length < pkl.name.length)) pkl = e;
  if (!pkl) throw new Error(`${file} is a zip file but not a torch.save checkpoint (it has no data.pkl)`);
  const prefix = pkl.name.slice(0, pkl.name.length - 'data.pkl'.length);
  const readEntry = (e: ZipEntry): Uint8Array => {
    const raw = readAt(fd, entryData(fd, e, file), e.compSize);
    if (e.method === 0) return raw;
    if (e.method === 8) return new Uint8Array(zlib.inflateRawSync(raw));
    throw new Error(`${file}: zip entry ${e.name} uses compression method ${e.method}; torch.save stores entries uncompressed`);
  };
  const text = (name: string) => {
    const e = index.get(prefix + name);
    return e ? Buffer.from(readEntry(e)).toString('utf8').trim() : null;
  };
  const version = text('.data/version') ?? text('version');
  const byteOrder = text('byteorder') === 'big' ? 'big' : 'little';
  const inflated = new Map<string, Uint8Array>();
  const source: StorageSource = {
    littleEndian: byteOrder === 'little',
    describe: file,
    read(key, byteOffset, byteLength, into) {
      const e = index.get(`${prefix}data/${key}`);
      if (!e) throw new Error(`${file}: storage ${key} is missing from the zip (data/${key})`);
      if (byteOffset + byteLength > e.size) throw new Error(`${file}: storage ${key} has ${e.size} bytes, fewer than its tensors need`);
      if (e.method !== 0) {
        // deflated by some re-zipping tool: inflate the entry once
        let all = inflated.get(key);
        if (!all) inflated.set(key, (all = readEntry(e)));
        const part = all.subarray(byteOffset, byteOffset + byteLength);
        if (into) {
          into.set(part);
          return into;
        }
        return part.slice();
      }
      // a fresh descriptor per read: tensors may be loaded after readTorchFile returned
      const fd2 = fs.openSync(file, 'r');
      try {
        return readAt(fd2, entryData(fd2, e, file) + byteOffset, byteLength, into);
      } finally {
        fs.closeSync(fd2);
      }
    },
  };
  const known = new Map<string, StorageRef>();
  const { value } = unpickle(readEntry(pkl), {
    source: file,
    persistentLoad: (pid) => storageRefFromPid(pid, file, source, known, false),
  });
  return { value, info: { format: 'zip', archive: prefix.replace(/\/$/, '') || null, version, byteOrder, storages: known.size } };
}

function readLegacyCheckpoint(fd: number, size: number, file: string): { value: PyValue; info: TorchFileInfo } {
  // the pickles come first and are small (storages follow them): read a prefix, grow it if a pickle runs past it
  for (let len = Math.min(size, 1 << 20); ; len = Math.min(size, len * 4)) {
    const buf = readAt(fd, 0, len);
    try {
      return parseLegacy(buf, size, file);
    } catch (e) {
      if (!(e instanceof NeedMoreData) || len === size) throw e;
    }
  }
}

function parseLegacy(buf: Uint8Array, fileSize: number, file: string): { value: PyValue; info: TorchFileInfo } {
  let pos = 0;
  const next = (persistentLoad?: UnpickleOptions['persistentLoad']) => {
    const r = unpickle(buf.subarray(pos), { source: file, persistentLoad });
    pos += r.end;
    return r.value;
  };
  next(); // magic number (checked by the caller)
  const protocol = next();
  if (protocol !== 1001) throw new Error(`${file}: legacy torch format protocol ${String(protocol)} is not 1001; re-save it with torch ≥ 1.6 (the zip format)`);
  const sys = next() as { little_endian?: boolean } | null;
  const le = sys?.little_endian !== false;
  const offsets = new Map<string, number>();
  const source: StorageSource = {
    littleEndian: le,
    describe: file,
    read(key, byteOffset, byteLength, into) {
      const at = offsets.get(key);
      if (at === undefined) throw new Error(`${file}: storage ${key} is not in the file`);
      const fd2 = fs.openSync(file, 'r');
      try {
        return readAt(fd2, at + byteOffset, byteLength, into);
      } finally {
        fs.closeSync(fd2);
      }
    },
  };
  const known = new Map<string, StorageRef>();
  const value = next((pid) => storageRefFromPid(pid, file, source, known, true));
  const keys = next();
  if (!Array.isArray(keys) || !keys.every((k) => typeof k === 'string')) throw new Error(`${file}: the legacy storage key list is malformed`);
  // each storage: int64 element count, then the elements
  const fd = fs.openSync(file, 'r');
  try {
    let at = pos;
    for (const key of keys as string[]) {
      const ref = known.get(key);
      if (!ref) throw new Error(`${file}: storage ${key} is listed but no tensor uses it`);
      const n = Number(new DataView(readAt(fd, at, 8).buffer).getBigInt64(0, le));
      offsets.set(key, at + 8);
      at += 8 + n * ELEMENT_SIZE[ref.dtype];
      if (at > fileSize) throw new Error(`${file}: storage ${key} runs past the end of the file (truncated?)`);
    }
  } finally {
    fs.closeSync(fd);
  }
  return { value, info: { format: 'legacy', archive: null, version: null, byteOrder: le ? 'little' : 'big', storages: known.size } };
}

// ---------------------------------------------------------------------------
// Pickling (protocol 2, as torch.save)

class ByteWriter {
  private buf = new Uint8Array(1 << 16);
  private len = 0;
  private ensure(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.len + n) cap *= 2;
    const b = new Uint8Array(cap);
    b.set(this.buf.subarray(0, this.len));
    this.buf = b;
  }
  byte(b: number): void {
    this.ensure(1);
    this.buf[this.len++] = b;
  }
  bytes(b: Uint8Array): void {
    this.ensure(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
  }
  u16(v: number): void {
    this.byte(v & 0xff);
    this.byte((v >>> 8) & 0xff);
  }
  u32(v: number): void {
    this.ensure(4);
    new DataView(this.buf.buffer).setUint32(this.len, v, true);
    this.len += 4;
  }
  i32(v: number): void {
    this.ensure(4);
    new DataView(this.buf.buffer).setInt32(this.len, v, true);
    this.len += 4;
  }
  f64be(v: number): void {
    this.ensure(8);
    new DataView(this.buf.buffer).setFloat64(this.len, v, false);
    this.len += 8;
  }
  result(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}

interface PickledStorage {
  key: string;
  tensor: TorchTensor;
  dtype: 'float32' | 'int64';
}

/** Pickle `value` as torch.save does (protocol 2); tensors become storages listed in `storages`. */
export function pickleTorch(value: PyValue): { bytes: Uint8Array; storages: PickledStorage[] } {
  const w = new ByteWriter();
  const storages: PickledStorage[] = [];
  const keyOf = new Map<TorchTensor, string>();
  const str = (s: string) => {
    const b = Buffer.from(s, 'utf8');
    w.byte(0x58); // BINUNICODE
    w.u32(b.length);
    w.bytes(b);
  };
  const global = (module: string, name: string) => {
    w.byte(0x63);
    w.bytes(Buffer.from(`${module}\n${name}\n`, 'utf8'));
  };
  const int = (v: number | bigint) => {
    if (typeof v === 'number' && v >= 0 && v < 256) w.byte(0x4b), w.byte(v);
    else if (typeof v === 'number' && v >= 0 && v < 65536) w.byte(0x4d), w.u16(v);
    else if (typeof v === 'number' && v >= -(2 ** 31) && v < 2 ** 31) w.byte(0x4a), w.i32(v);
    else {
      // LONG1: minimal little-endian two's complement
      let b = BigInt(v);
      const out: number[] = [];
      for (;;) {
        out.push(Number(b & 0xffn));
        const rest = b >> 8n;
        const signOk = (rest === 0n && (out[out.length - 1] & 0x80) === 0) || (rest === -1n && (out[out.length - 1] & 0x80) !== 0);
        b = rest;
        if (signOk) break;
      }
      w.byte(0x8a);
      w.byte(out.length);
      w.bytes(Uint8Array.from(out));
    }
  };
  const tuple = (items: (() => void)[]) => {
    if (items.length === 0) return w.byte(0x29);
    if (items.length <= 3) {
      items.forEach((f) => f());
      return w.byte(0x84 + items.length); // TUPLE1..3
    }
    w.byte(0x28);
    items.forEach((f) => f());
    w.byte(0x74);
  };
  const tensor = (t: TorchTensor) => {
    const dtype = t.dtype === 'float32' || t.dtype === 'int64' ? t.dtype : t.dtype.startsWith('int') || t.dtype === 'uint8' || t.dtype === 'bool' ? 'int64' : 'float32';
    let key = keyOf.get(t);
    if (key === undefined) {
      key = String(storages.length);
      keyOf.set(t, key);
      storages.push({ key, tensor: t, dtype });
    }
    const n = t.numel;
    const stride: number[] = [];
    let s = 1;
    for (let i = t.shape.length - 1; i >= 0; i--) (stride[i] = s), (s *= t.shape[i]);
    global('torch._utils', '_rebuild_tensor_v2');
    w.byte(0x28); // MARK (args)
    w.byte(0x28); // MARK (persistent id)
    str('storage');
    global('torch', STORAGE_OF[dtype]);
    str(key);
    str('cpu');
    int(n);
    w.byte(0x74); // TUPLE
    w.byte(0x51); // BINPERSID
    int(0); // storage offset
    tuple(t.shape.map((d) => () => int(d)));
    tuple(stride.map((d) => () => int(d)));
    w.byte(t.requiresGrad ? 0x88 : 0x89);
    global('collections', 'OrderedDict'); // backward hooks: OrderedDict()
    w.byte(0x29);
    w.byte(0x52);
    w.byte(0x74); // TUPLE (args)
    w.byte(0x52); // REDUCE
  };
  const items = (entries: Iterable<[PyKey, PyValue]>) => {
    // SETITEMS in batches of 1000, as Python's pickler
    let batch: [PyKey, PyValue][] = [];
    const flush = () => {
      if (batch.length === 0) return;
      w.byte(0x28);
      for (const [k, v] of batch) (val(k), val(v));
      w.byte(0x75);
      batch = [];
    };
    for (const e of entries) {
      batch.push(e);
      if (batch.length === 1000) flush();
    }
    flush();
  };
  const stack = new Set<object>();
  const val = (v: PyValue): void => {
    if (v === null || v === undefined) return w.byte(0x4e);
    if (typeof v === 'boolean') return w.byte(v ? 0x88 : 0x89);
    if (typeof v === 'bigint') return int(v);
    if (typeof v === 'number') {
      if (Number.isSafeInteger(v) && !Object.is(v, -0)) return int(v);
      w.byte(0x47);
      return w.f64be(v);
    }
    if (typeof v === 'string') return str(v);
    if (v instanceof PyFloat) return w.byte(0x47), w.f64be(v.value);
    if (v instanceof TorchTensor) return tensor(v);
    if (v instanceof Uint8Array) throw new Error('pickleTorch: bytes values are not supported (they pickle through _codecs.encode in protocol 2)');
    if (typeof v !== 'object') throw new Error(`pickleTorch: cannot pickle a ${typeof v}`);
    if (stack.has(v)) throw new Error('pickleTorch: the value contains itself');
    stack.add(v);
    if (Array.isArray(v)) {
      if (isTuple(v)) tuple(v.map((x) => () => val(x)));
      else {
        w.byte(0x5d); // EMPTY_LIST
        for (let i = 0; i < v.length; i += 1000) {
          w.byte(0x28);
          for (const x of v.slice(i, i + 1000)) val(x);
          w.byte(0x65); // APPENDS
        }
      }
    } else if (v instanceof Map) {
      w.byte(0x7d);
      items(v.entries());
    } else {
      if (isOrderedDict(v)) {
        global('collections', 'OrderedDict');
        w.byte(0x29);
        w.byte(0x52);
      } else w.byte(0x7d);
      items(Object.entries(v));
    }
    stack.delete(v);
  };
  w.byte(0x80);
  w.byte(2);
  val(value);
  w.byte(0x2e);
  return { bytes: w.result(), storages };
}

// ---------------------------------------------------------------------------
// Zip writing (stored entries, 64-byte aligned data, ZIP64 where needed), streamed

export interface ZipRecord {
  name: string;
  /** the bytes, or a function giving them when the entry is written (keeps one storage in memory at a time) */
  data: Uint8Array | (() => Uint8Array);
}

const U32_MAX = 0xffffffff;

/**
 * Write a zip of stored entries to `file` (atomically: `file`.tmp, then rename).
 * `zip64: true` writes ZIP64 records for every entry (what files over 4 GiB need; for tests).
 */
export function writeZip(file: string, records: Iterable<ZipRecord>, opts: { zip64?: boolean; align?: number } = {}): number {
  const align = opts.align ?? 64;
  const tmp = `${file}.tmp`;
  const fd = fs.openSync(tmp, 'w');
  const central: Buffer[] = [];
  let pos = 0;
  let count = 0;
  const write = (b: Uint8Array) => {
    let done = 0;
    while (done < b.length) done += fs.writeSync(fd, b, done, Math.min(b.length - done, 1 << 30), pos + done);
    pos += b.length;
  };
  try {
    for (const r of records) {
      const data = typeof r.data === 'function' ? r.data() : r.data;
      const name = Buffer.from(r.name, 'utf8');
      const crc = zlib.crc32(data) >>> 0;
      const big = opts.zip64 === true || data.length >= U32_MAX || pos >= U32_MAX;
      const offset = pos;
      // local header: [ZIP64 sizes] + 'FB' padding so that the data starts on an `align` boundary (as torch does)
      const z64Local = big ? 20 : 0;
      const base = offset + 30 + name.length + z64Local + 4;
      const pad = (align - (base % align)) % align;
      const local = Buffer.alloc(30 + name.length + z64Local + 4 + pad);
      local.writeUInt32LE(0x04034b50, 0);
      local.writeUInt16LE(big ? 45 : 20, 4);
      local.writeUInt16LE(0, 6); // flags
      local.writeUInt16LE(0, 8); // stored
      local.writeUInt32LE(0, 10); // time, date
      local.writeUInt32LE(crc, 14);
      local.writeUInt32LE(big ? U32_MAX : data.length, 18);
      local.writeUInt32LE(big ? U32_MAX : data.length, 22);
      local.writeUInt16LE(name.length, 26);
      local.writeUInt16LE(z64Local + 4 + pad, 28);
      name.copy(local, 30);
      let q = 30 + name.length;
      if (big) {
        local.writeUInt16LE(0x0001, q);
        local.writeUInt16LE(16, q + 2);
        local.writeBigUInt64LE(BigInt(data.length), q + 4);
        local.writeBigUInt64LE(BigInt(data.length), q + 12);
        q += 20;
      }
      local.writeUInt16LE(0x4246, q); // 'FB'
      local.writeUInt16LE(pad, q + 2);
      local.fill(0x5a, q + 4); // 'Z' padding
      write(local);
      write(data);
      // central directory entry: saturated fields move to its ZIP64 extra field
      const sizeBig = opts.zip64 === true || data.length >= U32_MAX;
      const offBig = opts.zip64 === true || offset >= U32_MAX;
      const extra = (sizeBig ? 16 : 0) + (offBig ? 8 : 0);
      const c = Buffer.alloc(46 + name.length + (extra ? 4 + extra : 0));
      c.writeUInt32LE(0x02014b50, 0);
      c.writeUInt16LE(extra ? 45 : 20, 4);
      c.writeUInt16LE(extra ? 45 : 20, 6);
      c.writeUInt16LE(0, 8);
      c.writeUInt16LE(0, 10);
      c.writeUInt32LE(0, 12);
      c.writeUInt32LE(crc, 16);
      c.writeUInt32LE(sizeBig ? U32_MAX : data.length, 20);
      c.writeUInt32LE(sizeBig ? U32_MAX : data.length, 24);
      c.writeUInt16LE(name.length, 28);
      c.writeUInt16LE(extra ? 4 + extra : 0, 30);
      c.writeUInt32LE(offBig ? U32_MAX : offset, 42);
      name.copy(c, 46);
      if (extra) {
        let e = 46 + name.length;
        c.writeUInt16LE(0x0001, e);
        c.writeUInt16LE(extra, e + 2);
        e += 4;
        if (sizeBig) {
          c.writeBigUInt64LE(BigInt(data.length), e);
          c.writeBigUInt64LE(BigInt(data.length), e + 8);
          e += 16;
        }
        if (offBig) c.writeBigUInt64LE(BigInt(offset), e);
      }
      central.push(c);
      count++;
    }
    const cdOffset = pos;
    for (const c of central) write(c);
    const cdSize = pos - cdOffset;
    const big = opts.zip64 === true || count >= 0xffff || cdOffset >= U32_MAX || cdSize >= U32_MAX;
    if (big) {
      const z = Buffer.alloc(56 + 20);
      z.writeUInt32LE(0x06064b50, 0);
      z.writeBigUInt64LE(44n, 4);
      z.writeUInt16LE(45, 12);
      z.writeUInt16LE(45, 14);
      z.writeBigUInt64LE(BigInt(count), 24);
      z.writeBigUInt64LE(BigInt(count), 32);
      z.writeBigUInt64LE(BigInt(cdSize), 40);
      z.writeBigUInt64LE(BigInt(cdOffset), 48);
      z.writeUInt32LE(0x07064b50, 56); // locator
      z.writeBigUInt64LE(BigInt(pos), 64);
      z.writeUInt32LE(1, 72);
      write(z);
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(big ? 0xffff : count, 8);
    end.writeUInt16LE(big ? 0xffff : count, 10);
    end.writeUInt32LE(big ? U32_MAX : cdSize, 12);
    end.writeUInt32LE(big ? U32_MAX : cdOffset, 16);
    write(end);
  } catch (e) {
    fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  fs.closeSync(fd);
  fs.renameSync(tmp, file);
  return pos;
}

function storageBytes(s: PickledStorage): Uint8Array {
  const t = s.tensor;
  if (s.dtype === 'int64') {
    const v = t.dtype === 'int64' ? t.bigints() : BigInt64Array.from(t.data, (x) => BigInt(Math.trunc(x)));
    if (HOST_LE) return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
    const out = new Uint8Array(v.length * 8);
    const dv = new DataView(out.buffer);
    v.forEach((x, i) => dv.setBigInt64(8 * i, x, true));
    return out;
  }
  const d = t.data;
  if (HOST_LE) return new Uint8Array(d.buffer, d.byteOffset, d.byteLength);
  const out = new Uint8Array(d.length * 4);
  const dv = new DataView(out.buffer);
  d.forEach((x, i) => dv.setFloat32(4 * i, x, true));
  return out;
}

/**
 * Write `value` as torch.save would (zip container, pickle protocol 2), for
 * torch.load(path, map_location='cpu'). Tensors are stored as float32 or int64
 * (other dtypes are converted); plain objects are dicts, orderedDict(...)
 * objects OrderedDicts, pyTuple(...) arrays tuples, integral numbers ints
 * (pyFloat(x) forces a float). Written atomically.
 */
export function writeTorchFile(file: string, value: PyValue, opts: { archive?: string; zip64?: boolean } = {}): { bytes: number; storages: number } {
  const archive = opts.archive ?? 'archive';
  if (!/^[A-Za-z0-9_.-]+$/.test(archive)) throw new Error(`writeTorchFile: archive name "${archive}" must be a plain folder name`);
  const { bytes, storages } = pickleTorch(value);
  const text = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
  function* records(): Iterable<ZipRecord> {
    yield { name: `${archive}/data.pkl`, data: bytes };
    yield { name: `${archive}/byteorder`, data: text('little') };
    for (const s of storages) yield { name: `${archive}/data/${s.key}`, data: () => storageBytes(s) };
    yield { name: `${archive}/version`, data: text('3\n') };
  }
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const n = writeZip(file, records(), { zip64: opts.zip64 });
  return { bytes: n, storages: storages.length };
}
