// Import a checkpoint into a lab checkpoint folder: an official I-JEPA
// torch.save file (read by the restricted unpickler: nothing in it runs) or a
// lab checkpoint folder (checked against its config.json, then copied). The
// folder is written one tensor at a time, so a ViT-H needs one tensor of
// memory here, not the checkpoint. No TensorFlow.js backend is started.
//
// Errors that come from the file (refused code, not a checkpoint, shapes that
// fit no ViT) are the user's input at fault: they travel as bad-input, and the
// half-written folder is removed.
import fs from 'node:fs';
import path from 'node:path';
import { validateConfig, withDefaults, ConfigError, type JepaConfig } from '../../main/common/config.ts';
import { badInput, LabError } from '../../main/common/errors.ts';
import type { ImportCheckpointJob, ImportCheckpointResult } from '../../main/common/protocol.ts';
import type { Channel } from '../channel.ts';
import { CHECKPOINT_FILES, PROJECTOR_FILE, readSafetensorsLazy, type CheckpointState } from '../checkpoint/checkpoint.ts';
import { importBytes, importOfficialCheckpoint, officialEncoderNames, writeLabCheckpoint, type OfficialImport } from '../checkpoint/official.ts';
import { officialModelName } from '../../main/common/official.ts';

/**
 * The file is at fault: bad input, with the reader's own message (it names the
 * problem and the fix). System errors while writing (a full disk) stay failures.
 */
function fromFile<T>(fn: () => T, writing = false): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof LabError) throw e;
    if (writing && typeof (e as NodeJS.ErrnoException).code === 'string') throw e;
    throw badInput(e instanceof Error ? e.message : String(e));
  }
}

/** job-progress messages, a few a second at most. */
function progress(ch: Channel, total: number): (bytes: number) => void {
  let done = 0;
  let last = 0;
  return (bytes) => {
    done += bytes;
    const now = Date.now();
    if (now - last < 250 && done < total) return;
    last = now;
    ch.send({ type: 'job-progress', done, total });
  };
}

function importOfficial(job: ImportCheckpointJob, ch: Channel): ImportCheckpointResult {
  const imp: OfficialImport = fromFile(() => importOfficialCheckpoint(job.source, { numHeads: job.numHeads, parts: job.featuresOnly ? ['target_encoder'] : undefined }));
  const total = importBytes(imp);
  // a tensor of the wrong size or a truncated storage shows up while copying: still the file's fault
  const written = fromFile(() => writeLabCheckpoint(job.out, imp, { partial: true, onBytes: progress(ch, total) }), true);
  const parts = (['encoder', 'target_encoder', 'predictor', 'optimizer'] as const).filter((p) => imp[p] !== null);
  const notes = [...imp.notes];
  if (job.featuresOnly) notes.push('imported with --features-only: the target encoder alone, enough for embeddings, neighbours, the map and eval; the prediction-error view and training need the full import');
  return {
    format: 'ijepa',
    config: imp.config,
    step: imp.step,
    epoch: imp.meta.epoch ?? 0,
    modelName: imp.info.modelName,
    parts,
    modulePrefix: imp.info.modulePrefix,
    numHeadsFrom: imp.info.numHeadsFrom,
    loss: imp.meta.loss,
    bytes: written.bytes,
    notes,
  };
}

/** Check a safetensors file's names and key shapes against the config (header only). */
function checkEncoder(file: string, cfg: JepaConfig, what: string): void {
  const { tensors } = readSafetensorsLazy(file);
  const { embed_dim: D, depth, mlp_ratio } = cfg.model;
  const p = cfg.mask.patch_size;
  const want: Record<string, number[]> = {
    'patch_embed.proj.weight': [D, cfg.data.channels, p, p],
    'blocks.0.attn.qkv.weight': [3 * D, D],
    'blocks.0.mlp.fc1.weight': [Math.floor(D * mlp_ratio), D],
    'norm.weight': [D],
  };
  const missing = officialEncoderNames(depth).filter((n) => n !== 'pos_embed' && !tensors[n]);
  if (missing.length) throw badInput(`${what} lacks ${missing.slice(0, 4).join(', ')}${missing.length > 4 ? ` and ${missing.length - 4} more` : ''}: it does not match its config.json (depth ${depth}); export the run again`);
  for (const [n, shape] of Object.entries(want))
    if (tensors[n].shape.join() !== shape.join())
      throw badInput(`${what}: ${n} has shape [${tensors[n].shape}], but config.json (width ${D}, ${cfg.data.channels} channels, patch ${p}, MLP ratio ${mlp_ratio}) needs [${shape}]; the folder mixes two runs; export the run again`);
}

function importLabFolder(job: ImportCheckpointJob, ch: Channel): ImportCheckpointResult {
  const src = job.source;
  const f = (n: string) => path.join(src, n);
  if (!fs.existsSync(f('config.json')) || !fs.existsSync(f('target_encoder.safetensors')))
    throw badInput(
      `${src} is a folder but not a lab checkpoint (it needs config.json and target_encoder.safetensors, as \`jepa-lab export RUN --format safetensors --out DIR\` writes); give that folder or an official .pth/.pth.tar file`,
    );
  let config: JepaConfig;
  try {
    config = withDefaults(JSON.parse(fs.readFileSync(f('config.json'), 'utf8')) as JepaConfig);
    validateConfig(config);
  } catch (e) {
    throw badInput(`${src}/config.json is not a valid lab config (${e instanceof ConfigError || e instanceof SyntaxError ? e.message : String(e)}); export the run again`);
  }
  if (job.numHeads !== undefined && job.numHeads !== config.model.num_heads)
    throw badInput(`--heads ${job.numHeads} differs from the folder's config.json (model.num_heads ${config.model.num_heads}); --heads is for official files, whose weights do not record it; drop it`);
  const full = !job.featuresOnly && fs.existsSync(f('encoder.safetensors')) && fs.existsSync(f('predictor.safetensors'));
  const names = full ? [...CHECKPOINT_FILES, PROJECTOR_FILE] : ['target_encoder.safetensors', 'config.json', 'state.json'];
  const files = names.filter((n) => fs.existsSync(f(n)));
  for (const n of ['encoder.safetensors', 'target_encoder.safetensors'].filter((x) => files.includes(x))) fromFile(() => checkEncoder(f(n), config, `${src}/${n}`));
  const state = fs.existsSync(f('state.json')) ? fromFile(() => JSON.parse(fs.readFileSync(f('state.json'), 'utf8')) as CheckpointState) : null;

  const total = files.reduce((a, n) => a + fs.statSync(f(n)).size, 0);
  const onBytes = progress(ch, total);
  const tmp = `${job.out}.tmp`;
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp, { recursive: true });
  for (const n of files) {
    fs.copyFileSync(f(n), path.join(tmp, n));
    onBytes(fs.statSync(f(n)).size);
  }
  fs.renameSync(tmp, job.out);
  const notes: string[] = [];
  if (!full) notes.push(job.featuresOnly ? 'imported with --features-only: the target encoder alone, enough for embeddings, neighbours, the map and eval' : 'the folder has no encoder or predictor: only the target encoder is imported, enough for embeddings');
  return {
    format: 'lab',
    config,
    step: state?.step ?? 0,
    epoch: state?.epoch ?? 0,
    modelName: officialModelName(config.model),
    parts: ['encoder', 'target_encoder', 'predictor', 'optimizer'].filter((p) => files.includes(`${p}.safetensors`)),
    modulePrefix: false,
    numHeadsFrom: 'config',
    loss: null,
    bytes: total,
    notes,
  };
}

export async function run(job: ImportCheckpointJob, ch: Channel): Promise<void> {
  if (fs.existsSync(job.out)) throw new Error(`import-checkpoint: ${job.out} exists; the job writes a new folder`);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(job.source);
  } catch {
    throw badInput(`${job.source} does not exist; give an official I-JEPA .pth/.pth.tar file or a lab checkpoint folder`);
  }
  try {
    const value = stat.isDirectory() ? importLabFolder(job, ch) : importOfficial(job, ch);
    ch.send({ type: 'result', value });
  } catch (e) {
    // nothing half-written stays behind
    fs.rmSync(job.out, { recursive: true, force: true });
    fs.rmSync(`${job.out}.tmp`, { recursive: true, force: true });
    throw e;
  }
  ch.send({ type: 'done', status: 'completed', step: 0, finalLoss: null });
}
