// PyTorch's checkpoint container in TypeScript: reading the official fixture
// (checked value for value against torch.load when torch is importable), dtypes,
// strided views and the legacy format, the restricted unpickler refusing code
// without running it, and the writer (TS → TS, and TS → torch.load).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  isOrderedDict,
  isTuple,
  orderedDict,
  PickleRefusedError,
  PY_ATTRS,
  pyFloat,
  pyTuple,
  readTorchFile,
  TorchTensor,
  unpickle,
  writeTorchFile,
  writeZip,
  type PyValue,
} from '../../../worker/checkpoint/pytorch.ts';
import { anyPython, runPython, torchPython } from './torch-python.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/ijepa');
const CKPT = path.join(FIXTURES, 'tiny-ijepa-latest.pth.tar');

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jepa-pytorch-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

if (!torchPython.python) console.warn(`skipping the torch.load comparisons: torch is not importable (${torchPython.why})`);

type Dict = Record<string, PyValue>;

describe('reading the official fixture', () => {
  it('has the dict src/train.py saves: module.-named OrderedDict state dicts, an AdamW state_dict and the scalars', () => {
    const { value, info } = readTorchFile(CKPT);
    expect(info.format).toBe('zip');
    expect(info.byteOrder).toBe('little');
    const ck = value as Dict;
    expect(Object.keys(ck)).toEqual(['encoder', 'predictor', 'target_encoder', 'opt', 'scaler', 'epoch', 'loss', 'batch_size', 'world_size', 'lr']);
    const enc = ck.encoder as Record<string, TorchTensor>;
    expect(isOrderedDict(enc)).toBe(true);
    expect(Object.keys(enc).every((n) => n.startsWith('module.'))).toBe(true);
    expect(Object.keys(enc).length).toBe(3 + 2 * 12 + 2);
    // the state dict's _metadata (set by BUILD) is kept off the keys
    expect(Object.keys((enc as unknown as Record<symbol, Dict>)[PY_ATTRS]._metadata as Dict)).toContain('module.blocks.0.attn');
    expect(enc['module.pos_embed'].shape).toEqual([1, 64, 16]);
    expect(enc['module.patch_embed.proj.weight'].shape).toEqual([16, 3, 4, 4]);
    expect(enc['module.blocks.1.mlp.fc1.weight'].shape).toEqual([64, 16]);
    expect(enc['module.blocks.1.mlp.fc1.weight'].dtype).toBe('float32');
    const pred = ck.predictor as Record<string, TorchTensor>;
    expect(Object.keys(pred).slice(0, 3)).toEqual(['module.mask_token', 'module.predictor_pos_embed', 'module.predictor_embed.weight']);
    expect(pred['module.predictor_embed.weight'].shape).toEqual([8, 16]);

    const opt = ck.opt as Dict;
    const groups = opt.param_groups as Dict[];
    expect(groups.map((g) => (g.params as number[]).length)).toEqual([10, 8, 19, 12]);
    expect(groups[2].WD_exclude).toBe(true);
    expect(groups[0].WD_exclude).toBeUndefined();
    expect(isTuple(groups[0].betas)).toBe(true);
    expect(groups[0].betas).toEqual([0.9, 0.999]);
    const state = opt.state as Map<number, Dict>;
    expect(state).toBeInstanceOf(Map);
    // every parameter but the two fixed position tables (indices 0 and 11) was stepped once
    expect([...state.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: 49 }, (_, i) => i).filter((i) => i !== 0 && i !== 11));
    const s1 = state.get(1)!;
    expect((s1.step as TorchTensor).shape).toEqual([]);
    expect((s1.step as TorchTensor).data[0]).toBe(1);
    expect((s1.exp_avg as TorchTensor).shape).toEqual([16, 3, 4, 4]);

    const fx = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'tiny-ijepa-features.json'), 'utf8'));
    expect(ck.epoch).toBe(1);
    expect(ck.loss).toBe(fx.checkpoint.loss);
    expect(ck.lr).toBe(0.001);
    expect(ck.batch_size).toBe(4);
    expect(ck.world_size).toBe(1);
    expect(ck.scaler).toBeNull();
  });

  it('reads storages lazily: nothing is loaded until a tensor is used, and then only that tensor', () => {
    const ck = readTorchFile(CKPT).value as Dict;
    const enc = ck.encoder as Record<string, TorchTensor>;
    const all = Object.values(enc);
    expect(all.some((t) => t.loaded)).toBe(false);
    const w = enc['module.blocks.0.attn.qkv.weight'];
    expect(w.data.length).toBe(48 * 16);
    expect(w.data.buffer.byteLength).toBe(48 * 16 * 4); // its own bytes, not the file's
    expect(all.filter((t) => t.loaded)).toEqual([w]);
    const first = Array.from(w.data);
    w.release();
    expect(w.loaded).toBe(false);
    expect(Array.from(w.data)).toEqual(first);
  });

  it.skipIf(!torchPython.python)('gives the same tensors and values as torch.load', () => {
    const ref = runPython<Record<string, [number[], string, number[]]>>(
      torchPython.python!,
      tmp,
      `
import json, sys, torch
ck = torch.load(sys.argv[1], map_location='cpu')
out = {}
for k in ('encoder', 'predictor', 'target_encoder'):
    for n, t in ck[k].items():
        out[k + '/' + n] = [list(t.shape), str(t.dtype), t.flatten().tolist()]
for i, s in ck['opt']['state'].items():
    for n, t in s.items():
        out['opt/%d/%s' % (i, n)] = [list(t.shape), str(t.dtype), t.flatten().tolist()]
print(json.dumps(out))
`,
      [CKPT],
    );
    const ck = readTorchFile(CKPT).value as Dict;
    const mine: Record<string, [number[], string, number[]]> = {};
    for (const k of ['encoder', 'predictor', 'target_encoder'])
      for (const [n, t] of Object.entries(ck[k] as Record<string, TorchTensor>)) mine[`${k}/${n}`] = [t.shape, `torch.${t.dtype}`, Array.from(t.data)];
    for (const [i, s] of (ck.opt as Dict).state as Map<number, Record<string, TorchTensor>>)
      for (const [n, t] of Object.entries(s)) mine[`opt/${i}/${n}`] = [t.shape, `torch.${t.dtype}`, Array.from(t.data)];
    expect(Object.keys(mine).sort()).toEqual(Object.keys(ref).sort());
    for (const k of Object.keys(ref)) expect(mine[k], k).toEqual(ref[k]);
  });
});

describe('dtypes, strided views, shared storages and the legacy format (files written by torch)', () => {
  const MAKE = `
import json, sys, collections, torch
base = torch.arange(24, dtype=torch.float32).reshape(4, 6) * 0.5 - 3
obj = {
    'transposed': base.t(),
    'slice': base[1:3, 2:5],
    'every_other': base[:, ::2],
    'expanded': torch.tensor([1., 2., 3.]).expand(2, 3),
    'permuted': torch.arange(24, dtype=torch.float32).reshape(2, 3, 4).permute(2, 0, 1),
    'f16': torch.tensor([[0.5, -1.25], [65504., 6e-8]], dtype=torch.float16),
    'bf16': torch.tensor([1.5, -3.0e10, 0.0078125], dtype=torch.bfloat16),
    'f64': torch.tensor([1 / 3, -2.5e-10], dtype=torch.float64).t(),
    'i64': torch.tensor([2 ** 40 + 1, -5, 7]),
    'i32': torch.tensor([-7, 8], dtype=torch.int32),
    'i16': torch.tensor([-300], dtype=torch.int16),
    'i8': torch.tensor([-3, 4], dtype=torch.int8),
    'u8': torch.tensor([250, 1], dtype=torch.uint8),
    'bool': torch.tensor([True, False]),
    'scalar': torch.tensor(3.5),
    'empty': torch.zeros(0, 3),
    'row_of_base': base[2],
    'param': torch.nn.Parameter(torch.ones(2, 2)),
    'plain': {'list': [1, 2.5, 'x', None, True, (1, 2)], 'big': 2 ** 70, 'neg': -123456789012, 'int_keys': {1: 'a', 2: 'b'},
              'od': collections.OrderedDict(a=1), 'unicode': 'μ-JEPA'},
}
torch.save(obj, sys.argv[1])
torch.save(obj, sys.argv[2], _use_new_zipfile_serialization=False)
out = {}
for k, t in obj.items():
    if isinstance(t, torch.Tensor):
        out[k] = [list(t.shape), str(t.dtype), t.contiguous().float().flatten().tolist()]
out['i64_exact'] = [str(v) for v in obj['i64'].tolist()]
print(json.dumps(out))
`;
  for (const format of ['zip', 'legacy'] as const)
    it.skipIf(!torchPython.python)(`reads every dtype as float32 and makes views contiguous (${format})`, () => {
      const zip = path.join(tmp, 'dtypes.pt');
      const legacy = path.join(tmp, 'dtypes-legacy.pt');
      const ref = runPython<Record<string, [number[], string, number[]]>>(torchPython.python!, tmp, MAKE, [zip, legacy]);
      const { value, info } = readTorchFile(format === 'zip' ? zip : legacy);
      expect(info.format).toBe(format);
      const v = value as Record<string, TorchTensor> & { plain: Dict };
      for (const [k, [shape, dtype, values]] of Object.entries(ref)) {
        if (k === 'i64_exact') continue;
        expect(v[k].shape, k).toEqual(shape);
        expect(`torch.${v[k].dtype}`, k).toBe(dtype);
        expect(Array.from(v[k].data), k).toEqual(values.map((x) => Math.fround(x)));
      }
      expect(Array.from(v.i64.bigints(), String)).toEqual(ref.i64_exact as unknown as string[]);
      expect(v.param.requiresGrad).toBe(true);
      const plain = v.plain;
      expect(plain.list).toEqual([1, 2.5, 'x', null, true, [1, 2]]);
      expect(isTuple((plain.list as PyValue[])[5])).toBe(true);
      expect(plain.big).toBe(2n ** 70n);
      expect(plain.neg).toBe(-123456789012);
      expect(plain.int_keys).toEqual(new Map([[1, 'a'], [2, 'b']]));
      expect(isOrderedDict(plain.od)).toBe(true);
      expect(plain.unicode).toBe('μ-JEPA');
    });
});

// ---------------------------------------------------------------------------
// Refusing code

/** A pickle that calls module.name(arg) (what `__reduce__` payloads compile to), with GLOBAL or STACK_GLOBAL. */
function payload(module: string, name: string, arg: string, stackGlobal = false): Uint8Array {
  const parts: number[] = [];
  const str = (s: string) => {
    const b = Buffer.from(s, 'utf8');
    parts.push(0x58, b.length & 0xff, (b.length >> 8) & 0xff, 0, 0, ...b);
  };
  parts.push(0x80, stackGlobal ? 4 : 2);
  if (stackGlobal) {
    str(module);
    str(name);
    parts.push(0x93);
  } else parts.push(0x63, ...Buffer.from(`${module}\n${name}\n`));
  str(arg);
  parts.push(0x85, 0x52, 0x2e); // TUPLE1 REDUCE STOP
  return Uint8Array.from(parts);
}

/** A torch zip container whose data.pkl is `pkl`. */
function container(file: string, pkl: Uint8Array): string {
  writeZip(file, [
    { name: 'archive/data.pkl', data: pkl },
    { name: 'archive/version', data: new Uint8Array(Buffer.from('3\n')) },
  ]);
  return file;
}

describe('the restricted unpickler', () => {
  const cases = [
    { module: 'posix', name: 'system', shell: true, stack: false },
    { module: 'os', name: 'system', shell: true, stack: false },
    { module: 'os', name: 'system', shell: true, stack: true },
    { module: 'builtins', name: 'eval', shell: false, stack: false },
  ];
  for (const c of cases)
    it(`refuses ${c.module}.${c.name}${c.stack ? ' (STACK_GLOBAL)' : ''} without running it`, () => {
      const marker = path.join(tmp, `ran-${c.module}-${c.name}-${c.stack}`);
      const arg = c.shell ? `touch ${marker}` : `open(${JSON.stringify(marker)}, 'w')`;
      const file = container(path.join(tmp, `evil-${c.module}-${c.name}-${c.stack}.pth`), payload(c.module, c.name, arg, c.stack));
      let err: unknown = null;
      try {
        readTorchFile(file);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(PickleRefusedError);
      expect((err as PickleRefusedError).global).toBe(`${c.module}.${c.name}`);
      expect((err as Error).message).toContain(`${c.module}.${c.name}`);
      expect((err as Error).message).toContain('can carry code');
      expect(fs.existsSync(marker)).toBe(false);

      // the same bytes are live: Python's own pickle runs the payload (here with a second marker)
      if (anyPython.python) {
        const marker2 = `${marker}-python`;
        const arg2 = c.shell ? `touch ${marker2}` : `open(${JSON.stringify(marker2)}, 'w')`;
        const live = container(path.join(tmp, `live-${c.module}-${c.name}-${c.stack}.pth`), payload(c.module, c.name, arg2, c.stack));
        runPython(anyPython.python, tmp, `import pickle, sys, zipfile\npickle.loads(zipfile.ZipFile(sys.argv[1]).read('archive/data.pkl'))\nprint('{}')\n`, [live]);
        expect(fs.existsSync(marker2)).toBe(true);
      }
    });

  it('refuses a global that follows ordinary items, before calling anything', () => {
    // {'a': 1, 'b': os.system('touch …')}: the dict's first items are fine, the refusal comes at GLOBAL
    const marker = path.join(tmp, 'ran-nested');
    const evil = payload('os', 'system', `touch ${marker}`);
    const pkl = Uint8Array.from([0x80, 0x02, 0x7d, 0x28, ...strBytes('a'), 0x4b, 0x01, ...strBytes('b'), ...evil.subarray(2, evil.length - 1), 0x75, 0x2e]);
    const file = container(path.join(tmp, 'nested.pth'), pkl);
    expect(() => readTorchFile(file)).toThrow(/os\.system/);
    expect(fs.existsSync(marker)).toBe(false);
    // without the payload the same framing reads fine
    expect(unpickle(Uint8Array.from([0x80, 0x02, 0x7d, 0x28, ...strBytes('a'), 0x4b, 0x01, 0x75, 0x2e])).value).toEqual({ a: 1 });
  });

  it('refuses opcodes torch.save does not use (INST, OBJ, EXT1, BUILD on other objects)', () => {
    const inst = Uint8Array.from([0x80, 0x02, 0x28, ...Buffer.from('ios\nsystem\n'), 0x2e]); // INST names a class and calls it
    expect(() => unpickle(inst)).toThrow(PickleRefusedError);
    expect(() => unpickle(inst)).toThrow(/0x69 \(INST\)/);
    expect(() => unpickle(Uint8Array.from([0x80, 0x02, 0x28, 0x6f, 0x2e]))).toThrow(/OBJ/);
    expect(() => unpickle(Uint8Array.from([0x80, 0x02, 0x82, 0x01, 0x2e]))).toThrow(/EXT1/);
    // BUILD on a plain dict would be setattr on an arbitrary object
    expect(() => unpickle(Uint8Array.from([0x80, 0x02, 0x7d, 0x7d, 0x62, 0x2e]))).toThrow(/BUILD/);
    // calling an allowed non-function (a storage type) is refused too
    expect(() => unpickle(Uint8Array.from([0x80, 0x02, 0x63, ...Buffer.from('torch\nFloatStorage\n'), 0x29, 0x52, 0x2e]))).toThrow(PickleRefusedError);
  });

  it('refuses files that are not torch checkpoints, naming what they are', () => {
    const txt = path.join(tmp, 'x.txt');
    fs.writeFileSync(txt, 'hello');
    expect(() => readTorchFile(txt)).toThrow(/not a PyTorch checkpoint/);
    const z = path.join(tmp, 'plain.zip');
    writeZip(z, [{ name: 'a.txt', data: new Uint8Array(3) }]);
    expect(() => readTorchFile(z)).toThrow(/no data\.pkl/);
  });
});

function strBytes(s: string): number[] {
  const b = Buffer.from(s, 'utf8');
  return [0x58, b.length, 0, 0, 0, ...b];
}

// ---------------------------------------------------------------------------
// Writing

function sample(): Dict {
  return {
    sd: orderedDict({
      'module.w': TorchTensor.float32(Float32Array.from({ length: 12 }, (_, i) => i / 7 - 0.5), [3, 4]),
      'module.s': TorchTensor.float32(new Float32Array([2.5]), []),
      'module.e': TorchTensor.float32(new Float32Array(0), [0, 5]),
    }),
    ints: TorchTensor.int64(new BigInt64Array([2n ** 40n + 3n, -9n]), [2]),
    state: new Map<number, PyValue>([
      [0, { step: TorchTensor.float32(new Float32Array([3]), []) }],
      [7, 'x'],
    ]),
    groups: [{ lr: pyFloat(1), betas: pyTuple([0.9, 0.999]), weight_decay: 0, WD_exclude: true, params: [0, 1, 2], foreach: null }],
    numbers: [0, 255, 256, 65535, 65536, -1, -(2 ** 31), 2 ** 31, 2 ** 53 - 1, -(2 ** 53) + 1, 2n ** 64n, -(2n ** 70n), 1.5, -0.25, 1e-300],
    text: 'μ-JEPA ✓',
    flags: [true, false, null],
    empty: pyTuple([]),
    one: pyTuple(['a']),
    four: pyTuple([1, 2, 3, 4]),
  };
}

describe('writing torch.save files', () => {
  it('round-trips through the TS reader: values, tuples, OrderedDicts, int keys, tensors', () => {
    const file = path.join(tmp, 'rt.pth.tar');
    const v = sample();
    writeTorchFile(file, v);
    const back = readTorchFile(file).value as Dict;
    const plain = (x: PyValue): unknown => {
      if (x instanceof TorchTensor) return { dtype: x.dtype, shape: x.shape, data: Array.from(x.data) };
      if (x instanceof Map) return new Map([...x].map(([k, y]) => [k, plain(y)]));
      if (Array.isArray(x)) return { tuple: isTuple(x), items: x.map(plain) };
      if (x && typeof x === 'object' && !(x instanceof Uint8Array)) {
        if ('value' in x && Object.keys(x).length === 1) return (x as { value: number }).value; // pyFloat
        return { ordered: isOrderedDict(x), ...Object.fromEntries(Object.entries(x).map(([k, y]) => [k, plain(y)])) };
      }
      return x;
    };
    expect(plain(back)).toEqual(plain(v));
    expect(Array.from((back.ints as TorchTensor).bigints())).toEqual([2n ** 40n + 3n, -9n]);
  });

  it('aligns storages to 64 bytes and writes ZIP64 records on request, and reads both back', () => {
    for (const zip64 of [false, true]) {
      const file = path.join(tmp, `z${zip64}.pth`);
      const t = TorchTensor.float32(Float32Array.from({ length: 1000 }, (_, i) => Math.sin(i)), [10, 100]);
      writeTorchFile(file, { t, u: TorchTensor.float32(new Float32Array([1, 2, 3]), [3]) }, { zip64 });
      const buf = fs.readFileSync(file);
      expect(buf.includes(Buffer.from([0x50, 0x4b, 0x06, 0x06]))).toBe(zip64); // ZIP64 end record
      // every local header's data starts on a 64-byte boundary
      for (let p = buf.indexOf(Buffer.from([0x50, 0x4b, 0x03, 0x04])); p >= 0; p = buf.indexOf(Buffer.from([0x50, 0x4b, 0x03, 0x04]), p + 4)) {
        const data = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
        expect(data % 64).toBe(0);
      }
      const back = readTorchFile(file).value as Record<string, TorchTensor>;
      expect(Array.from(back.t.data)).toEqual(Array.from(t.data));
      expect(back.u.shape).toEqual([3]);
    }
  });

  it.skipIf(!torchPython.python)('loads in torch (map_location cpu, and weights_only for state dicts) with the same types and values', () => {
    const file = path.join(tmp, 'for-torch.pth.tar');
    const sdFile = path.join(tmp, 'state-dict-only.pth');
    const z64 = path.join(tmp, 'for-torch-zip64.pth.tar');
    writeTorchFile(file, sample());
    writeTorchFile(z64, sample(), { zip64: true });
    writeTorchFile(sdFile, { encoder: sample().sd, ints: sample().ints });
    const out = runPython<Record<string, unknown>>(
      torchPython.python!,
      tmp,
      `
import collections, json, sys, zipfile, torch
def desc(x):
    if isinstance(x, torch.Tensor):
        return {'tensor': str(x.dtype), 'shape': list(x.shape), 'values': [str(v) for v in x.flatten().tolist()]}
    if isinstance(x, collections.OrderedDict):
        return {'OrderedDict': [[k, desc(v)] for k, v in x.items()]}
    if isinstance(x, dict):
        return {'dict': [[k, desc(v)] for k, v in x.items()]}
    if isinstance(x, (list, tuple)):
        return {type(x).__name__: [desc(v) for v in x]}
    return {type(x).__name__: repr(x)}
out = {}
for name in sys.argv[1:3]:
    assert zipfile.ZipFile(name).testzip() is None  # CRCs
    out[name] = desc(torch.load(name, map_location='cpu'))
wo = torch.load(sys.argv[3], map_location='cpu', weights_only=True)
out['weights_only'] = desc(wo)
def weights_only(name):
    try:
        torch.load(name, map_location='cpu', weights_only=True)
        return 'ok'
    except Exception as e:
        return str(e).split('WeightsUnpickler error:')[-1].strip()
# a whole checkpoint (floats included) loads with weights_only exactly when the official file does (torch 1.13: neither)
out['weights_only_full'] = [weights_only(sys.argv[1]), weights_only(sys.argv[4])]
print(json.dumps(out))
`,
      [file, z64, sdFile, CKPT],
    );
    expect(out[z64]).toEqual(out[file]);
    const d = out[file] as { dict: [string, Record<string, unknown>][] };
    const top = Object.fromEntries(d.dict);
    expect(Object.keys(top)).toEqual(Object.keys(sample()));
    const sd = Object.fromEntries((top.sd as { OrderedDict: [string, Record<string, unknown>][] }).OrderedDict);
    expect(sd['module.w']).toEqual({ tensor: 'torch.float32', shape: [3, 4], values: Array.from({ length: 12 }, (_, i) => String(Math.fround(i / 7 - 0.5))) });
    expect(sd['module.s']).toEqual({ tensor: 'torch.float32', shape: [], values: ['2.5'] });
    expect(sd['module.e']).toEqual({ tensor: 'torch.float32', shape: [0, 5], values: [] });
    expect(top.ints).toEqual({ tensor: 'torch.int64', shape: [2], values: [String(2n ** 40n + 3n), '-9'] });
    expect(top.state).toEqual({ dict: [[0, { dict: [['step', { tensor: 'torch.float32', shape: [], values: ['3.0'] }]] }], [7, { str: "'x'" }]] });
    const g = Object.fromEntries((top.groups as { list: { dict: [string, unknown][] }[] }).list[0].dict);
    expect(g.lr).toEqual({ float: '1.0' });
    expect(g.betas).toEqual({ tuple: [{ float: '0.9' }, { float: '0.999' }] });
    expect(g.weight_decay).toEqual({ int: '0' });
    expect(g.WD_exclude).toEqual({ bool: 'True' });
    expect(g.foreach).toEqual({ NoneType: 'None' });
    const nums = (top.numbers as { list: Record<string, string>[] }).list.map((x) => Object.entries(x)[0]);
    expect(nums).toEqual([
      ['int', '0'], ['int', '255'], ['int', '256'], ['int', '65535'], ['int', '65536'], ['int', '-1'], ['int', String(-(2 ** 31))],
      ['int', String(2 ** 31)], ['int', String(2 ** 53 - 1)], ['int', String(-(2 ** 53) + 1)], ['int', String(2n ** 64n)],
      ['int', String(-(2n ** 70n))], ['float', '1.5'], ['float', '-0.25'], ['float', '1e-300'],
    ]);
    expect(top.text).toEqual({ str: "'μ-JEPA ✓'" });
    expect(top.empty).toEqual({ tuple: [] });
    expect(top.four).toEqual({ tuple: [{ int: '1' }, { int: '2' }, { int: '3' }, { int: '4' }] });
    const wo = Object.fromEntries((out.weights_only as { dict: [string, unknown][] }).dict);
    expect(Object.keys(wo)).toEqual(['encoder', 'ints']);
    const [mine, official] = out.weights_only_full as [string, string];
    expect(mine).toBe(official);
  });
});
