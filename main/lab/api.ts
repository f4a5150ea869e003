// The lab API: ONE table of methods shared by the HTTP server (main/server/server.ts)
// and Electron IPC. Each method validates its arguments (plain data from
// outside: JSON over HTTP, structured clone over IPC) and hands them to the
// lab service; results are plain JSON data (no typed arrays, no Buffers).
// The renderer imports the `LabApi` and `LabEvent` types only.
import type { Lab, RunDetail } from './lab.ts';
import { LabError, badInput, type LabAction } from '../common/errors.ts';
import { ConfigError } from '../common/config.ts';
import { BACKEND_CHOICES, type DatasetRow, type LabEvent, type MetricSeries, type RunRow } from '../common/vocabulary.ts';

// ── argument checking ──────────────────────────────────────────────────────
// A Check turns unknown input into a typed value or throws bad-input naming the
// field and what is allowed. `opt` marks a key that may be left out.
type Check<T> = (v: unknown, where: string) => T;
type OptCheck<T> = Check<T> & { optional: true };
type Out<C> = C extends Check<infer T> ? T : never;
type Shape = Record<string, Check<unknown>>;
type OptKeys<S extends Shape> = { [K in keyof S]: S[K] extends { optional: true } ? K : never }[keyof S];
type Simplify<T> = { [K in keyof T]: T[K] } & {};
export type ShapeOut<S extends Shape> = Simplify<
  { [K in Exclude<keyof S, OptKeys<S>>]: Out<S[K]> } & { [K in OptKeys<S>]?: Exclude<Out<S[K]>, undefined> }
>;

const show = (v: unknown) => {
  const s = typeof v === 'string' ? JSON.stringify(v) : v === undefined ? 'nothing' : JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
};

export const v = {
  int(lo = -(2 ** 53), hi = 2 ** 53): Check<number> {
    return (x, w) => {
      if (typeof x !== 'number' || !Number.isInteger(x) || x < lo || x > hi)
        throw badInput(`${w} must be an integer${hi < 2 ** 53 ? ` in [${lo}, ${hi}]` : lo > -(2 ** 53) ? ` ≥ ${lo}` : ''}, got ${show(x)}`);
      return x;
    };
  },
  num(lo = -Infinity, hi = Infinity): Check<number> {
    return (x, w) => {
      if (typeof x !== 'number' || !Number.isFinite(x) || x < lo || x > hi)
        throw badInput(`${w} must be a number${Number.isFinite(lo) || Number.isFinite(hi) ? ` in [${lo}, ${hi}]` : ''}, got ${show(x)}`);
      return x;
    };
  },
  str(maxLen = 4096, minLen = 0): Check<string> {
    return (x, w) => {
      if (typeof x !== 'string') throw badInput(`${w} must be a string, got ${show(x)}`);
      if (x.length < minLen) throw badInput(minLen === 1 ? `${w} must not be empty` : `${w} must have at least ${minLen} characters`);
      if (x.length > maxLen) throw badInput(`${w} must be at most ${maxLen} characters, got ${x.length}`);
      return x;
    };
  },
  bool(): Check<boolean> {
    return (x, w) => {
      if (typeof x !== 'boolean') throw badInput(`${w} must be true or false, got ${show(x)}`);
      return x;
    };
  },
  oneOf<T extends string | number>(...values: T[]): Check<T> {
    return (x, w) => {
      if (!values.includes(x as T)) throw badInput(`${w} must be one of ${values.map((s) => JSON.stringify(s)).join(', ')}, got ${show(x)}`);
      return x as T;
    };
  },
  arr<T>(item: Check<T>, minLen = 0, maxLen = 100_000): Check<T[]> {
    return (x, w) => {
      if (!Array.isArray(x)) throw badInput(`${w} must be a list, got ${show(x)}`);
      if (x.length < minLen) throw badInput(`${w} must have at least ${minLen} item${minLen === 1 ? '' : 's'}`);
      if (x.length > maxLen) throw badInput(`${w} must have at most ${maxLen} items, got ${x.length}`);
      return x.map((e, i) => item(e, `${w}[${i}]`));
    };
  },
  pair(lo: number, hi: number): Check<[number, number]> {
    return (x, w) => {
      if (!Array.isArray(x) || x.length !== 2) throw badInput(`${w} must be a pair [min, max] within [${lo}, ${hi}], got ${show(x)}`);
      const a = v.num(lo, hi)(x[0], `${w}[0]`);
      const b = v.num(lo, hi)(x[1], `${w}[1]`);
      if (a > b) throw badInput(`${w}: min ${a} is larger than max ${b}`);
      return [a, b];
    };
  },
  /** Any plain JSON object (its owner checks it later, e.g. config overrides by resolveConfig); prototype keys are refused. */
  plain(): Check<Record<string, unknown>> {
    const scan = (o: unknown, w: string, depth: number): void => {
      if (typeof o !== 'object' || o === null) return;
      if (depth > 8) throw badInput(`${w} is nested too deeply`);
      for (const [k, val] of Object.entries(o)) {
        if (k === '__proto__' || k === 'constructor' || k === 'prototype') throw badInput(`${w} must not have a key named "${k}"`);
        scan(val, `${w}.${k}`, depth + 1);
      }
    };
    return (x, w) => {
      if (typeof x !== 'object' || x === null || Array.isArray(x)) throw badInput(`${w} must be an object, got ${show(x)}`);
      scan(x, w, 0);
      return x as Record<string, unknown>;
    };
  },
  opt<T>(c: Check<T>): OptCheck<T | undefined> {
    return Object.assign((x: unknown, w: string) => (x === undefined || x === null ? undefined : c(x, w)), { optional: true as const });
  },
  /** An object with exactly these keys (unknown keys are refused: they are typos). */
  obj<S extends Shape>(shape: S): Check<ShapeOut<S>> {
    return (x, w) => {
      if (x === undefined || x === null) x = {};
      if (typeof x !== 'object' || Array.isArray(x)) throw badInput(`${w} must be an object, got ${show(x)}`);
      const o = x as Record<string, unknown>;
      for (const k of Object.keys(o))
        if (!Object.hasOwn(shape, k)) throw badInput(`${w} has an unknown field "${k}"; allowed: ${Object.keys(shape).join(', ') || 'none'}`);
      const out: Record<string, unknown> = {};
      for (const [k, c] of Object.entries(shape)) {
        const val = c(o[k], `${w}.${k}`);
        if (val !== undefined) out[k] = val;
      }
      return out as ShapeOut<S>;
    };
  },
};

const id = v.int(1);
const runIds = v.arr(id, 1, 100);
/** A checkpoint step; -1 means the randomly initialised encoder. */
const checkpoint = v.opt(v.int(-1));
const datasetName = v.str(200, 1);
const backend = v.opt(v.oneOf(...BACKEND_CHOICES));
/** An image file for a query, base64 (≤ 12 MB decoded). */
const base64File = v.str(16_000_000, 4);

// ── the methods ────────────────────────────────────────────────────────────
interface Method<S extends Shape, R> {
  args: Check<ShapeOut<S>>;
  handle(lab: Lab, args: ShapeOut<S>): Promise<R> | R;
  validate(args: unknown): ShapeOut<S>;
}

function method<S extends Shape, R>(name: string, shape: S, handle: (lab: Lab, args: ShapeOut<S>) => Promise<R> | R): Method<S, R> {
  const args = v.obj(shape);
  return { args, handle, validate: (a: unknown) => args(a, name) };
}

export const api = {
  /** Version, home and the presets the launch form offers. */
  info: method('info', {}, (lab) => lab.info()),
  presets: method('presets', {}, (lab) => lab.presets()),

  // runs
  runs: method('runs', {}, (lab): RunRow[] => lab.runsList()),
  run: method('run', { id }, (lab, a): RunDetail => lab.runDetail(a.id)),
  metrics: method('metrics', { id, names: v.opt(v.arr(v.str(100), 0, 200)), afterStep: v.opt(v.int(-1)) }, (lab, a): MetricSeries => lab.metrics(a.id, { names: a.names, afterStep: a.afterStep })),
  /** Validate a launch form without starting anything: {ok} or the field at fault and why. */
  checkConfig: method(
    'checkConfig',
    { dataset: v.opt(datasetName), preset: v.opt(v.str(100)), config: v.opt(v.plain()), steps: v.opt(v.num()), seed: v.opt(v.num()) },
    (lab, a) => lab.checkConfig(a),
  ),
  train: method(
    'train',
    {
      dataset: v.opt(datasetName),
      preset: v.opt(v.str(100)),
      config: v.opt(v.plain()),
      steps: v.opt(v.int(1)),
      epochs: v.opt(v.int(1)),
      seed: v.opt(v.int(0, 2 ** 31 - 1)),
      name: v.opt(v.str(200)),
      tags: v.opt(v.arr(v.str(100, 1), 0, 50)),
      notes: v.opt(v.str(20_000)),
      backend,
      checkpointEvery: v.opt(v.int(0)),
    },
    (lab, a) => {
      if (a.dataset) lab.dataset(a.dataset); // by name only: a path would import a folder
      return lab.train({ ...a, name: a.name?.trim() || undefined });
    },
  ),
  stop: method('stop', { id }, (lab, a): RunRow => {
    lab.stop(a.id);
    return lab.run(a.id);
  }),
  pause: method('pause', { id }, (lab, a): RunRow => {
    lab.pause(a.id);
    return lab.run(a.id);
  }),
  resume: method('resume', { id, backend }, (lab, a): RunRow => lab.resume(a.id, a.backend)),
  deleteRun: method('deleteRun', { id }, (lab, a) => {
    lab.deleteRun(a.id);
    return { deleted: a.id };
  }),
  annotate: method('annotate', { id, name: v.opt(v.str(200, 1)), tags: v.opt(v.arr(v.str(100, 1), 0, 50)), notes: v.opt(v.str(20_000)) }, (lab, a): RunRow =>
    lab.annotate(a.id, { name: a.name, tags: a.tags, notes: a.notes }),
  ),
  /** Config diff (differing keys only) and min/max/last of every metric of some runs. */
  compare: method('compare', { ids: runIds }, (lab, a) => lab.compare(a.ids)),
  /** Every metric point of the runs in one CSV. */
  exportCsv: method('exportCsv', { ids: runIds }, (lab, a) => {
    for (const i of a.ids) lab.run(i);
    return { filename: `jepa-lab-runs-${a.ids.join('-')}.csv`, csv: lab.exportCsv(a.ids) };
  }),

  // datasets
  datasets: method('datasets', {}, (lab): DatasetRow[] => lab.datasets()),
  importDataset: method(
    'importDataset',
    { path: v.str(4096, 1), name: v.opt(v.str(200, 1)), size: v.opt(v.int(4, 1024)), channels: v.opt(v.oneOf(1, 3)), labels: v.opt(v.str(4096, 1)) },
    (lab, a): Promise<DatasetRow> => lab.importDataset(a.path.trim(), { name: a.name?.trim(), size: a.size, channels: a.channels, labels: a.labels }),
  ),
  deleteDataset: method('deleteDataset', { name: datasetName }, (lab, a) => {
    lab.deleteDataset(a.name);
    return { deleted: a.name };
  }),
  /** A page of a dataset's images (indices and labels; pixels come from the thumbnail route). */
  datasetImages: method(
    'datasetImages',
    { dataset: datasetName, offset: v.opt(v.int(0)), limit: v.opt(v.int(1, 1000)), split: v.opt(v.oneOf('all', 'train', 'held_out')) },
    (lab, a) => lab.datasetImages(a),
  ),

  // masks
  /** Sample I-JEPA masks with the training sampler for some images (a run's or a preset's mask settings, overridable). */
  sampleMasks: method(
    'sampleMasks',
    {
      run: v.opt(id),
      preset: v.opt(v.str(100)),
      dataset: v.opt(datasetName),
      indices: v.opt(v.arr(v.int(0), 1, 64)),
      count: v.opt(v.int(1, 64)),
      seed: v.opt(v.int(0, 2 ** 31 - 1)),
      mask: v.opt(
        v.obj({
          enc_mask_scale: v.opt(v.pair(0, 1)),
          pred_mask_scale: v.opt(v.pair(0, 1)),
          aspect_ratio: v.opt(v.pair(0, 100)),
          num_pred_masks: v.opt(v.int(0, 64)),
          min_keep: v.opt(v.int(0, 100_000)),
          allow_overlap: v.opt(v.bool()),
        }),
      ),
    },
    (lab, a) => lab.sampleMasks(a),
  ),
  /** Per-patch prediction error of a checkpoint over sampled target blocks. */
  maskError: method('maskError', { id, checkpoint, indices: v.arr(v.int(0), 1, 64), seed: v.opt(v.int(0, 2 ** 31 - 1)) }, (lab, a) =>
    lab.maskError(a.id, { checkpoint: a.checkpoint, indices: a.indices, seed: a.seed }),
  ),

  // embeddings and neighbours
  /** Compute (missing) embeddings of a dataset under a checkpoint; reports 'job' progress events. */
  embed: method('embed', { id, checkpoint, dataset: v.opt(datasetName) }, (lab, a) => lab.embedWithProgress(a.id, { checkpoint: a.checkpoint, dataset: a.dataset })),
  neighbors: method(
    'neighbors',
    { id, checkpoint, dataset: v.opt(datasetName), image: v.opt(v.int(0)), file: v.opt(base64File), k: v.opt(v.int(1, 200)) },
    async (lab, a) => {
      if (a.dataset) lab.dataset(a.dataset);
      return lab.neighbors(a.id, { checkpoint: a.checkpoint, dataset: a.dataset, image: a.image, file: a.file === undefined ? undefined : decodeBase64File(a.file), k: a.k });
    },
  ),
  compareNeighbors: method(
    'compareNeighbors',
    {
      a: v.obj({ run: id, checkpoint }),
      b: v.obj({ run: id, checkpoint }),
      dataset: v.opt(datasetName),
      image: v.opt(v.int(0)),
      file: v.opt(base64File),
      k: v.opt(v.int(1, 200)),
    },
    async (lab, a) => {
      if (a.dataset) lab.dataset(a.dataset);
      return lab.compareNeighbors(a.a, a.b, { dataset: a.dataset, image: a.image, file: a.file === undefined ? undefined : decodeBase64File(a.file), k: a.k });
    },
  ),
  /** `eval`'s kNN and linear probes beside raw pixels and a random-init encoder; reports 'job' progress events. */
  evaluate: method('evaluate', { id, checkpoint, dataset: v.opt(datasetName), k: v.opt(v.int(1, 200)) }, (lab, a) =>
    lab.evaluateWithProgress(a.id, { checkpoint: a.checkpoint, dataset: a.dataset, k: a.k }),
  ),
  /** The 2-D map of a dataset's embeddings: every image by default (up to 200,000), floats as base64 float32 with encoding 'base64'. */
  embeddingMap: method(
    'embeddingMap',
    { id, checkpoint, dataset: v.opt(datasetName), max: v.opt(v.int(10, 200_000)), vectors: v.opt(v.bool()), encoding: v.opt(v.oneOf('json', 'base64')) },
    async (lab, a) => {
      if (a.dataset) lab.dataset(a.dataset);
      return lab.embeddingMap(a.id, a);
    },
  ),
};

export type ApiTable = typeof api;
export type MethodName = keyof ApiTable;
export type ArgsOf<K extends MethodName> = Parameters<ApiTable[K]['handle']>[1];
export type ResultOf<K extends MethodName> = Awaited<ReturnType<ApiTable[K]['handle']>>;

/** The typed interface both transports implement: method name → (args) => Promise<result>. */
export type LabApi = {
  [K in MethodName]: {} extends ArgsOf<K> ? (args?: ArgsOf<K>) => Promise<ResultOf<K>> : (args: ArgsOf<K>) => Promise<ResultOf<K>>;
};

export type { LabEvent, RunDetail };

/** What an error looks like on the wire. */
export interface ApiErrorBody {
  error: string;
  kind: LabError['kind'];
  /** the config field at fault, when there is one */
  field?: string;
  /** what the GUI offers to do about it (in place of the command line's advice, which the message leaves out) */
  action?: { action: LabAction; label: string };
}

/** What the Electron preload exposes as `window.lab` (the browser uses fetch + SSE instead). */
export interface LabBridge {
  call(method: string, args: unknown): Promise<{ ok: true; value: unknown } | { ok: false; error: ApiErrorBody }>;
  subscribe(fn: (e: LabEvent) => void): () => void;
  thumbnailUrl?(dataset: string, index: number, scale: number): string;
}

export function isMethod(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(api, name);
}

/** Validate and run one call: the single entry point of every transport. */
export async function callApi(lab: Lab, name: string, args: unknown): Promise<unknown> {
  if (!isMethod(name)) throw new LabError('not-found', `unknown API method "${name}"; methods: ${Object.keys(api).join(', ')}`);
  const m = api[name] as unknown as Method<Shape, unknown>;
  return m.handle(lab, m.validate(args));
}

/** An error as the wire shows it, with the HTTP status it maps to. */
export function errorBody(e: unknown): { status: number; body: ApiErrorBody } {
  if (e instanceof ConfigError) return { status: 400, body: { error: e.message, kind: 'bad-input', field: e.field } };
  if (e instanceof LabError) {
    const status = e.kind === 'bad-input' || e.kind === 'not-found' ? 400 : e.kind === 'conflict' ? 409 : 500;
    return { status, body: e.advice ? { error: e.plain, kind: e.kind, action: { action: e.advice.action, label: e.advice.label } } : { error: e.message, kind: e.kind } };
  }
  const msg = e instanceof Error ? e.message : String(e);
  return { status: 500, body: { error: `internal error: ${msg}`, kind: 'failure' } };
}

/**
 * Subscribe to the lab's live updates as LabEvents. Bursty progress events of
 * imports and jobs are thinned to ~10 a second (the last one always arrives).
 */
export function subscribe(lab: Lab, fn: (e: LabEvent) => void): () => void {
  const thin = new Map<string, { at: number; timer: NodeJS.Timeout | null; pending: LabEvent | null }>();
  const throttled = (key: string, e: LabEvent, final: boolean) => {
    const t = thin.get(key) ?? { at: 0, timer: null, pending: null };
    thin.set(key, t);
    const now = Date.now();
    if (final || now - t.at >= 100) {
      if (t.timer) clearTimeout(t.timer);
      t.timer = null;
      t.pending = null;
      t.at = now;
      fn(e);
      if (final) thin.delete(key);
      return;
    }
    t.pending = e;
    t.timer ??= setTimeout(() => {
      t.timer = null;
      if (t.pending) {
        t.at = Date.now();
        fn(t.pending);
        t.pending = null;
      }
    }, 100 - (now - t.at));
  };
  const unsubscribe = lab.subscribe((e) => {
    if (e.type === 'import') throttled(`import:${e.name}`, e, e.done >= e.total);
    else if (e.type === 'job') throttled(`job:${e.job}`, e, e.done >= e.total);
    else fn(e);
  });
  return () => {
    unsubscribe();
    for (const t of thin.values()) if (t.timer) clearTimeout(t.timer);
  };
}

/** A base64 (or data: URL) file from the UI as bytes. */
export function decodeBase64File(s: string): Buffer {
  const b64 = s.replace(/^data:[^,]*;base64,/, '');
  if (!/^[A-Za-z0-9+/\r\n]*={0,2}$/.test(b64)) throw badInput('file must be base64-encoded (or a data: URL)');
  const buf = Buffer.from(b64, 'base64');
  if (buf.length === 0) throw badInput('file is empty');
  return buf;
}

/** A thumbnail from `?dataset=NAME&index=I[&scale=S]` (the HTTP route and Electron's lab-thumb: scheme). */
export function thumbnailFromQuery(lab: Lab, q: URLSearchParams): Promise<Buffer> {
  const dataset = q.get('dataset');
  if (!dataset) throw badInput('thumbnail needs ?dataset=NAME&index=I[&scale=S]');
  return lab.thumbnail(dataset, Number(q.get('index')), Number(q.get('scale') ?? '1'));
}
