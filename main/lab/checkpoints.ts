// Checkpoints in and out of the lab, for the trip to and from the official
// PyTorch code (facebookresearch/ijepa): import a checkpoint as a run of kind
// "imported" (its files converted by a worker job: an official .pth/.pth.tar,
// read without running anything in it, or a lab safetensors export), and
// export a run's checkpoint as the official .pth.tar.
import fs from 'node:fs';
import path from 'node:path';
import { badInput } from '../common/errors.ts';
import { ConfigError, validateConfig, type JepaConfig } from '../common/config.ts';
import type { ImportCheckpointResult } from '../common/protocol.ts';
import { METRIC, type CheckpointRow, type DatasetRow, type LabEvent, type RunRow } from '../common/vocabulary.ts';
import { runWorkerJob } from '../runs/jobs.ts';
import type { Store } from '../store/store.ts';
import type { Datasets } from './datasets.ts';

export interface ImportCheckpointOptions {
  /** the run's name (default: the file or folder name) */
  name?: string;
  /** the dataset the run is linked to: embeddings, neighbours, the map and eval use it (default: the bundled digits) */
  dataset?: string;
  /** attention heads of an official checkpoint whose width is no official one (weights do not record them) */
  heads?: number;
  /** import the target encoder only: enough to embed; smaller and faster for big models */
  featuresOnly?: boolean;
  /** bytes written of total */
  onProgress?: (done: number, total: number) => void;
}

export interface ImportCheckpointOutcome {
  run: RunRow;
  source: string;
  format: ImportCheckpointResult['format'];
  model_name: string | null;
  parts: string[];
  step: number;
  epoch: number;
  checkpoint: string;
  bytes: number;
  /** what was left out or assumed (also stored as the run's warning events) */
  notes: string[];
  /** how the dataset's images are fed to the model (sizes, channels, normalisation) */
  input: string;
}

export interface ExportOfficialOutcome {
  run_id: number;
  checkpoint_step: number;
  out: string;
  bytes: number;
  /** what the official code must change to load it (officialCompatibility), and what differs in use */
  warnings: string[];
  /** lab state with no official counterpart, left out */
  dropped: string[];
}

interface Deps {
  store: Store;
  data: Datasets;
  home: string;
  emit: (e: LabEvent) => void;
}

const baseName = (p: string) => path.basename(p.replace(/[\\/]+$/, '')).replace(/(\.pth\.tar|\.pth|\.pt|\.tar|\.ckpt)$/i, '') || 'imported';
const px = (size: number, channels: number) => `${size}-px ${channels === 1 ? 'grayscale' : 'RGB'}`;

/** How the dataset's images reach the model: resized, channels repeated or merged, normalised by whose statistics. */
function inputNote(ds: DatasetRow, cfg: JepaConfig, r: ImportCheckpointResult): string {
  const S = cfg.data.crop_size;
  const C = cfg.data.channels;
  const parts: string[] = [];
  if (ds.size !== S) parts.push(`resized from ${ds.size} to ${S} px`);
  if (ds.channels !== C) parts.push(ds.channels === 1 ? 'their gray channel repeated into RGB' : 'RGB turned into luminance');
  const norm = r.format === 'ijepa' && C === 3 ? "normalised with ImageNet's mean and std, as the official code trains" : `normalised with the dataset's own mean and std, as the lab trains`;
  const how = parts.length ? `${parts.join(', ')}, ` : '';
  return `dataset "${ds.name}" holds ${px(ds.size, ds.channels)} images; the model takes ${px(S, C)}: images are ${how}${norm}`;
}

export async function importCheckpoint(d: Deps, src: string, opts: ImportCheckpointOptions = {}): Promise<ImportCheckpointOutcome> {
  const source = path.resolve(src);
  if (!fs.existsSync(source)) throw badInput(`${source} does not exist; give an official I-JEPA .pth/.pth.tar file or a lab checkpoint folder (jepa-lab export RUN --format safetensors --out DIR)`);
  if (opts.heads !== undefined && (!Number.isInteger(opts.heads) || opts.heads < 1)) throw badInput(`heads must be a positive integer, got ${opts.heads}`);
  const dsName = opts.dataset ?? 'digits';
  // the dataset is resolved (a path imported) only after the checkpoint converts: a refused file writes nothing
  if (!d.store.getDataset(dsName) && !fs.existsSync(dsName)) d.data.get(dsName);

  const runsDir = path.join(d.home, 'runs');
  fs.mkdirSync(runsDir, { recursive: true });
  const staging = path.join(runsDir, `.import-${process.pid}-${Date.now().toString(36)}`);
  const job = `import-checkpoint:${source}`;
  const label = `importing ${path.basename(source)}`;
  const clean = () => {
    fs.rmSync(staging, { recursive: true, force: true });
    fs.rmSync(`${staging}.tmp`, { recursive: true, force: true });
  };
  let r: ImportCheckpointResult;
  let ds: DatasetRow;
  let config: JepaConfig;
  try {
    r = await runWorkerJob({ kind: 'import-checkpoint', source, out: staging, numHeads: opts.heads, featuresOnly: !!opts.featuresOnly }, (m) => {
      if (m.type !== 'job-progress') return;
      opts.onProgress?.(m.done, m.total);
      d.emit({ type: 'job', job, label, done: m.done, total: m.total });
    });
    ds = await d.data.resolve(dsName);
    config = structuredClone(r.config);
    config.data.dataset = ds.name;
    try {
      validateConfig(config);
    } catch (e) {
      if (e instanceof ConfigError) throw badInput(`the imported model's config is not one the lab can use: ${e.message}`);
      throw e;
    }
  } catch (e) {
    clean();
    throw e;
  } finally {
    d.emit({ type: 'job', job, label, done: 1, total: 1 });
  }

  const run = d.store.createRun({
    name: opts.name ?? baseName(source),
    config,
    preset: r.modelName ?? 'imported',
    dataset_id: ds.id,
    status: 'completed',
    seed: config.meta.seed,
    total_steps: r.step,
    kind: 'imported',
  });
  const dir = path.join(runsDir, String(run.id), 'checkpoints', `step-${String(r.step).padStart(7, '0')}`);
  try {
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    fs.renameSync(staging, dir);
  } catch (e) {
    d.store.deleteRun(run.id);
    fs.rmSync(path.join(runsDir, String(run.id)), { recursive: true, force: true });
    clean();
    throw e;
  }
  const t = Date.now();
  d.store.updateRun(run.id, { step: r.step, started_at: t, ended_at: t });
  d.store.addCheckpoint({ run_id: run.id, step: r.step, path: dir, bytes: r.bytes });
  if (r.loss !== null && Number.isFinite(r.loss)) d.store.appendMetrics(run.id, [{ name: METRIC.loss, step: r.step, time: t, value: r.loss }]);
  const what =
    r.format === 'ijepa'
      ? `an official I-JEPA checkpoint (${r.modelName ?? 'a ViT of no official size'}, patch ${config.mask.patch_size}, ${config.data.crop_size} px, ${r.modulePrefix ? 'DDP `module.` names' : 'bare names'}, epoch ${r.epoch})`
      : `a lab checkpoint folder (${r.modelName ?? `width ${config.model.embed_dim}, depth ${config.model.depth}`})`;
  const input = inputNote(ds, config, r);
  d.store.addEvent(run.id, 'info', `imported from ${source}: ${what}, step ${r.step}; parts: ${r.parts.join(', ')}`);
  for (const n of r.notes) d.store.addEvent(run.id, 'warning', n);
  d.store.addEvent(run.id, 'info', input);
  const row = d.store.getRun(run.id)!;
  d.emit({ type: 'run', run: row });
  return { run: row, source, format: r.format, model_name: r.modelName, parts: r.parts, step: r.step, epoch: r.epoch, checkpoint: dir, bytes: r.bytes, notes: r.notes, input };
}

/** The run's loss at a checkpoint's step (the official file's `loss`), when it was logged there. */
function lossAt(store: Store, run: RunRow, step: number): number | null {
  const s = store.metrics(run.id, { names: [METRIC.loss] })[METRIC.loss];
  const i = s ? s.step.lastIndexOf(step) : -1;
  if (i >= 0) return s!.value[i];
  return step === run.step ? run.last_loss : null;
}

export async function exportOfficial(d: Deps, run: RunRow, ck: CheckpointRow, out: string): Promise<ExportOfficialOutcome> {
  const dest = path.resolve(out);
  if (fs.existsSync(dest) && fs.statSync(dest).isDirectory()) throw badInput(`--out ${dest} is a folder; give a file name, e.g. ${path.join(dest, 'jepa-latest.pth.tar')}`);
  const r = await runWorkerJob({ kind: 'export-checkpoint', checkpoint: ck.path, out: dest, loss: lossAt(d.store, run, ck.step) });
  const warnings = [...r.warnings];
  // the official loader normalises by ImageNet's statistics; lab-trained weights saw the dataset's own (an official import records ImageNet's)
  const statePath = path.join(ck.path, 'state.json');
  const state = fs.existsSync(statePath) ? (JSON.parse(fs.readFileSync(statePath, 'utf8')) as { input_norm?: unknown }) : {};
  if (!state.input_norm)
    warnings.push("the lab normalised this run's images with the dataset's own mean and std; the official loader (src/transforms.py) uses ImageNet's, so give it the same statistics to continue on the same inputs");
  return { run_id: run.id, checkpoint_step: ck.step, out: dest, bytes: r.bytes, warnings, dropped: r.dropped };
}
