// The lab API: ONE table of methods shared by the HTTP server (main/server/server.ts)
// and Electron IPC. Each method validates its arguments (plain data from
// outside: JSON over HTTP, structured clone over IPC) and hands them to the
// lab service; results are plain JSON data (no typed arrays, no Buffers).
// The renderer imports the `LabApi` and `LabEvent` types only.
import type { Lab, RunDetail } from './lab.ts';
import { LabError, badInput, type LabAction } from '../common/errors.ts';
import { ConfigError } from '../common/config.ts';
import { arr, bool, check, int, num, obj, oneOf, opt, pair, plain, str, z } from '../common/schema.ts';
import { isSqliteError, storeError } from '../store/store.ts';
import { BACKEND_CHOICES, type DatasetRow, type LabEvent, type MetricSeries, type RunRow } from '../common/vocabulary.ts';

const id = int(1);
const runIds = arr(id, 1, 100);
/** A checkpoint step; -1 means the randomly initialised encoder. */
const checkpoint = opt(int(-1));
const datasetName = str(200, 1);
const backend = opt(oneOf(...BACKEND_CHOICES));
/** An image file for a query, base64 (≤ 12 MB decoded). */
const base64File = str(16_000_000, 4);

// ── the methods ────────────────────────────────────────────────────────────
type Args<S extends z.ZodRawShape> = z.output<z.ZodObject<S, z.core.$strict>>;

interface Method<S extends z.ZodRawShape, R> {
  handle(lab: Lab, args: Args<S>): Promise<R> | R;
  /** the arguments checked against the method's schema, or bad-input naming the field */
  validate(args: unknown): Args<S>;
}

function method<S extends z.ZodRawShape, R>(name: string, shape: S, handle: (lab: Lab, args: Args<S>) => Promise<R> | R): Method<S, R> {
  const schema = obj(shape);
  return { handle, validate: (a: unknown) => check(schema, a, name) as Args<S> };
}

export const api = {
  /** Version, home and the presets the launch form offers. */
  info: method('info', {}, (lab) => lab.info()),
  presets: method('presets', {}, (lab) => lab.presets()),

  // runs
  runs: method('runs', {}, (lab): RunRow[] => lab.runsList()),
  run: method('run', { id }, (lab, a): RunDetail => lab.runDetail(a.id)),
  metrics: method('metrics', { id, names: opt(arr(str(100), 0, 200)), afterStep: opt(int(-1)) }, (lab, a): MetricSeries => lab.metrics(a.id, { names: a.names, afterStep: a.afterStep })),
  /** Validate a launch form without starting anything: {ok} or the field at fault and why. */
  checkConfig: method(
    'checkConfig',
    { dataset: opt(datasetName), preset: opt(str(100)), config: opt(plain()), steps: opt(num()), minutes: opt(num()), seed: opt(num()) },
    (lab, a) => lab.checkConfig(a),
  ),
  train: method(
    'train',
    {
      dataset: opt(datasetName),
      preset: opt(str(100)),
      config: opt(plain()),
      steps: opt(int(1)),
      epochs: opt(int(1)),
      minutes: opt(num(0.01, 100000)),
      seed: opt(int(0, 2 ** 31 - 1)),
      name: opt(str(200)),
      tags: opt(arr(str(100, 1), 0, 50)),
      notes: opt(str(20_000)),
      backend,
      checkpointEvery: opt(int(0)),
    },
    (lab, a) => {
      if (a.dataset) lab.dataset(a.dataset); // by name only: a path would import a folder
      return lab.train({ ...a, name: a.name?.trim() || undefined, datasetPaths: false });
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
  annotate: method('annotate', { id, name: opt(str(200, 1)), tags: opt(arr(str(100, 1), 0, 50)), notes: opt(str(20_000)) }, (lab, a): RunRow =>
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
    { path: str(4096, 1), name: opt(str(200, 1)), size: opt(int(4, 1024)), channels: opt(oneOf(1, 3)), labels: opt(str(4096, 1)) },
    (lab, a): Promise<DatasetRow> => lab.importDataset(a.path.trim(), { name: a.name?.trim(), size: a.size, channels: a.channels, labels: a.labels }),
  ),
  deleteDataset: method('deleteDataset', { name: datasetName }, (lab, a) => {
    lab.deleteDataset(a.name);
    return { deleted: a.name };
  }),
  /** A page of a dataset's images (indices and labels; pixels come from the thumbnail route). */
  datasetImages: method(
    'datasetImages',
    { dataset: datasetName, offset: opt(int(0)), limit: opt(int(1, 1000)), split: opt(oneOf('all', 'train', 'held_out')) },
    (lab, a) => lab.datasetImages(a),
  ),

  /** Import an I-JEPA checkpoint (official .pth/.pth.tar, or a lab safetensors folder) as a run of kind "imported"; reports 'job' progress events. */
  importCheckpoint: method(
    'importCheckpoint',
    { path: str(4096, 1), name: opt(str(200, 1)), dataset: opt(datasetName), heads: opt(int(1, 64)), featuresOnly: opt(bool()) },
    async (lab, a) => {
      if (a.dataset) lab.dataset(a.dataset); // by name only: a path would import a folder
      return lab.importCheckpoint(a.path.trim(), { name: a.name?.trim() || undefined, dataset: a.dataset, heads: a.heads, featuresOnly: a.featuresOnly });
    },
  ),

  // masks
  /** Sample I-JEPA masks with the training sampler for some images (a run's or a preset's mask settings, overridable). */
  sampleMasks: method(
    'sampleMasks',
    {
      run: opt(id),
      preset: opt(str(100)),
      dataset: opt(datasetName),
      indices: opt(arr(int(0), 1, 64)),
      count: opt(int(1, 64)),
      seed: opt(int(0, 2 ** 31 - 1)),
      mask: opt(
        obj({
          enc_mask_scale: opt(pair(0, 1)),
          pred_mask_scale: opt(pair(0, 1)),
          aspect_ratio: opt(pair(0, 100)),
          num_pred_masks: opt(int(0, 64)),
          min_keep: opt(int(0, 100_000)),
          allow_overlap: opt(bool()),
        }),
      ),
    },
    (lab, a) => lab.sampleMasks(a),
  ),
  /** Per-patch prediction error of a checkpoint over sampled target blocks. */
  maskError: method('maskError', { id, checkpoint, indices: arr(int(0), 1, 64), seed: opt(int(0, 2 ** 31 - 1)) }, (lab, a) =>
    lab.maskError(a.id, { checkpoint: a.checkpoint, indices: a.indices, seed: a.seed }),
  ),

  // embeddings and neighbours
  /** Compute (missing) embeddings of a dataset under a checkpoint; reports 'job' progress events. */
  embed: method('embed', { id, checkpoint, dataset: opt(datasetName) }, (lab, a) => lab.embedWithProgress(a.id, { checkpoint: a.checkpoint, dataset: a.dataset })),
  neighbors: method(
    'neighbors',
    { id, checkpoint, dataset: opt(datasetName), image: opt(int(0)), file: opt(base64File), k: opt(int(1, 200)) },
    async (lab, a) => {
      if (a.dataset) lab.dataset(a.dataset);
      return lab.neighbors(a.id, { checkpoint: a.checkpoint, dataset: a.dataset, image: a.image, file: a.file === undefined ? undefined : decodeBase64File(a.file), k: a.k });
    },
  ),
  compareNeighbors: method(
    'compareNeighbors',
    {
      a: obj({ run: id, checkpoint }),
      b: obj({ run: id, checkpoint }),
      dataset: opt(datasetName),
      image: opt(int(0)),
      file: opt(base64File),
      k: opt(int(1, 200)),
    },
    async (lab, a) => {
      if (a.dataset) lab.dataset(a.dataset);
      return lab.compareNeighbors(a.a, a.b, { dataset: a.dataset, image: a.image, file: a.file === undefined ? undefined : decodeBase64File(a.file), k: a.k });
    },
  ),
  /** `eval`'s kNN and linear probes beside raw pixels and a random-init encoder; reports 'job' progress events. */
  evaluate: method('evaluate', { id, checkpoint, dataset: opt(datasetName), k: opt(int(1, 200)) }, (lab, a) =>
    lab.evaluateWithProgress(a.id, { checkpoint: a.checkpoint, dataset: a.dataset, k: a.k }),
  ),
  /** The 2-D map of a dataset's embeddings: every image by default (up to 200,000), floats as base64 float32 with encoding 'base64'. */
  embeddingMap: method(
    'embeddingMap',
    { id, checkpoint, dataset: opt(datasetName), max: opt(int(10, 200_000)), vectors: opt(bool()), encoding: opt(oneOf('json', 'base64')) },
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
  const m = api[name] as unknown as Method<z.ZodRawShape, unknown>;
  return m.handle(lab, m.validate(args));
}

/** An error as the wire shows it, with the HTTP status it maps to. */
export function errorBody(e: unknown): { status: number; body: ApiErrorBody } {
  if (e instanceof ConfigError) return { status: 400, body: { error: e.message, kind: 'bad-input', field: e.field } };
  if (e instanceof LabError) {
    const status = e.kind === 'bad-input' || e.kind === 'not-found' ? 400 : e.kind === 'conflict' ? 409 : 500;
    return { status, body: e.advice ? { error: e.plain, kind: e.kind, action: { action: e.advice.action, label: e.advice.label } } : { error: e.message, kind: e.kind } };
  }
  // a full disk or a damaged database met while answering: say so, not "internal error"
  if (isSqliteError(e)) return { status: 500, body: { error: storeError("the lab's lab.db", e).message, kind: 'failure' } };
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
