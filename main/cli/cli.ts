// The `jepa-lab` command line: a thin adapter over the lab service.
// Exit codes: 0 ok, 2 bad input (the message names the problem and the fix), 1 failure.
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline/promises';
import { parseArgs } from 'node:util';
import type { Lab } from '../lab/lab.ts';
import { LabError, badInput, writeError } from '../common/errors.ts';
import { Output, home, json, int, backendOpt, openLab, runId, fmt, table, writeFileAtomic, makeFolder, type Command, type Opts } from './common.ts';
import { detach, detachedFollow, isDetachedChild } from './detach.ts';
import { ProgressBar, formatDuration } from './progress.ts';
import { readConfigFile, toReferenceYaml } from '../lab/config-file.ts';
import { ConfigError, PRESETS, DEFAULT_PRESET, flattenConfig, resolveConfig } from '../common/config.ts';
import { DATASET_SPLITS, isTraining } from '../common/vocabulary.ts';
import { commands as evalCommands } from './eval-commands.ts';
import { isSqliteError, storeError } from '../store/store.ts';
import { resolveHome } from '../lab/home.ts';

/** --minutes M: a positive number of minutes (fractions allowed). */
function minutesOpt(v: unknown): number | undefined {
  if (v === undefined) return undefined;
  const m = Number(v);
  if (!(m > 0) || !Number.isFinite(m)) throw badInput(`--minutes must be a positive number of minutes, got "${v}"`);
  return m;
}

/** Follow a run until it ends, drawing progress (or JSON lines). Ctrl-C stops it cleanly. */
async function follow(lab: Lab, id: number, out: Output): Promise<number> {
  const bar = out.json ? null : new ProgressBar(`run ${id}`);
  const t0 = Date.now();
  let firstProgress: number | null = null;
  lab.subscribe((e) => {
    if (e.type === 'progress' && e.runId === id) {
      const p = e.progress;
      firstProgress ??= Date.now() - t0;
      if (out.json) out.obj({ event: 'progress', run_id: id, ...p });
      else bar!.update(p.step, p.totalSteps, `loss ${p.loss.toPrecision(4)}  ${p.imagesPerSec.toFixed(0)} img/s  ETA ${formatDuration(p.etaSec)}`);
    } else if (e.type === 'event' && e.runId === id) {
      if (out.json) out.obj({ event: 'log', run_id: id, level: e.level, message: e.message });
      else if (e.level !== 'info') out.warn(`\n${e.level}: ${e.message}`);
    }
  });
  let stopping = false;
  const onSigint = () => {
    if (stopping) process.exit(130);
    stopping = true;
    out.warn(`\nstopping run ${id} (it saves a checkpoint; Ctrl-C again to quit at once)…`);
    try {
      lab.stop(id);
    } catch {
      /* already ending */
    }
  };
  process.on('SIGINT', onSigint);
  const r = await lab.wait(id);
  process.off('SIGINT', onSigint);
  bar?.done();
  const summary = {
    run_id: r.id,
    status: r.status,
    steps: r.step,
    total_steps: r.total_steps,
    final_loss: r.last_loss,
    best_loss: r.best_loss,
    knn_acc: r.knn_acc,
    backend: r.backend,
    seconds: (Date.now() - t0) / 1000,
    first_progress_seconds: firstProgress === null ? null : firstProgress / 1000,
    checkpoints: lab.checkpoints(r.id).length,
    checkpoint_path: lab.checkpoints(r.id).at(-1)?.path ?? null,
    collapse_warning: r.collapse_warning,
    error: r.error,
  };
  if (out.json) out.obj(summary);
  else {
    out.line(`run ${r.id} ${r.status} at step ${r.step}/${r.total_steps}, final loss ${fmt(r.last_loss)}, kNN (in-training probe) ${r.knn_acc === null ? '—' : (r.knn_acc * 100).toFixed(1) + '%'} (${formatDuration(summary.seconds)}; backend ${r.backend ?? '?'})`);
    if (r.collapse_warning) out.warn(`warning: ${r.collapse_warning}`);
    if (r.error) out.warn(`error: ${r.error}`);
    const last = lab.checkpoints(r.id).at(-1);
    if (last) out.line(`checkpoint: ${last.path} (step ${last.step})`);
    out.line(nextCommands(r.id, r.status, !!last));
  }
  return r.status === 'failed' ? 1 : 0;
}

/** What to run after a training ends, with the run's id filled in. */
function nextCommands(id: number, status: string, hasCheckpoint: boolean): string {
  const lines = ['next:'];
  if (status !== 'completed') lines.push(`  jepa-lab resume ${id}              continue from the last checkpoint`);
  if (hasCheckpoint) {
    lines.push(`  jepa-lab eval ${id}                kNN and linear probe on the held-out split, beside raw pixels and a random-init encoder`);
    lines.push(`  jepa-lab neighbors ${id} --image 0 nearest neighbours of an image in the embedding space`);
  }
  lines.push('  jepa-lab serve                 the lab in a browser: charts, neighbours, the embedding map, masks');
  return lines.join('\n');
}

/** `train`'s options: flag, value, what it does and its default (`--help` prints them; the parser takes its options from here). */
const TRAIN_OPTIONS: { flag: string; value?: string; multiple?: boolean; what: string; default: () => string }[] = [
  { flag: 'dataset', value: 'NAME|PATH', what: 'a dataset of the lab, or a folder / IDX file to import first', default: () => 'digits (the bundled 10,000 MNIST digits)' },
  { flag: 'preset', value: 'NAME', what: `the recipe to start from (${Object.keys(PRESETS).join(', ')}; see \`jepa-lab presets\`)`, default: () => DEFAULT_PRESET },
  { flag: 'config', value: 'FILE', what: 'JSON or YAML overriding any config key (the official ijepa YAML layout works too)', default: () => 'none' },
  { flag: 'steps', value: 'N', what: 'optimiser steps to train (instead of --epochs)', default: () => `the preset's (${DEFAULT_PRESET}: ${resolveConfig(DEFAULT_PRESET).optimization.steps || 'from its epochs'})` },
  { flag: 'minutes', value: 'M', what: 'a time budget instead of steps: the run times itself, then trains the steps that fit, every schedule fitted to them; if the machine slows past the reserve it stops at the budget, resumable (optimization.minutes)', default: () => `the preset's (${DEFAULT_PRESET}: ${resolveConfig(DEFAULT_PRESET).optimization.minutes || 'none'})` },
  { flag: 'epochs', value: 'N', what: 'passes over the train split (instead of --steps)', default: () => `the preset's (${DEFAULT_PRESET}: ${resolveConfig(DEFAULT_PRESET).optimization.epochs}, used when steps is 0)` },
  { flag: 'lr', value: 'X', what: 'peak learning rate (optimization.lr)', default: () => `the preset's (${DEFAULT_PRESET}: ${resolveConfig(DEFAULT_PRESET).optimization.lr})` },
  { flag: 'batch-size', value: 'N', what: 'images per step (data.batch_size)', default: () => `the preset's (${DEFAULT_PRESET}: ${resolveConfig(DEFAULT_PRESET).data.batch_size})` },
  { flag: 'seed', value: 'N', what: 'seed of the initial weights, crops and masks (meta.seed)', default: () => `the preset's (${resolveConfig(DEFAULT_PRESET).meta.seed})` },
  { flag: 'name', value: 'NAME', what: 'the run\'s name', default: () => 'PRESET-DATASET' },
  { flag: 'tag', value: 'T', multiple: true, what: 'a tag (repeat for more)', default: () => 'none' },
  { flag: 'backend', value: 'auto|tensorflow|wasm|cpu', what: 'where to compute', default: () => 'auto (tfjs-node-gpu, tfjs-node, wasm, cpu: the first that loads)' },
  { flag: 'checkpoint-every', value: 'N', what: 'save a checkpoint every N steps (0: only at the end)', default: () => `the preset's (${DEFAULT_PRESET}: ${resolveConfig(DEFAULT_PRESET).logging.checkpoint_every})` },
  { flag: 'detach', what: 'check everything, print the run id and return; the run trains on in a background process (follow it with `jepa-lab show RUN`, end it with `jepa-lab stop RUN`)', default: () => 'off' },
  { flag: 'home', value: 'DIR', what: 'the lab\'s home (also JEPA_LAB_HOME)', default: () => 'the platform\'s user data folder' },
  { flag: 'json', what: 'JSON lines (created, progress, logs), then a summary line', default: () => 'off' },
];

function trainHelp(): string {
  const left = TRAIN_OPTIONS.map((o) => `  --${o.flag}${o.value ? ` ${o.value}` : ''}`);
  const w = Math.max(...left.map((l) => l.length)) + 2;
  const lines = TRAIN_OPTIONS.map((o, i) => `${left[i].padEnd(w)}${o.what}; default: ${o.default()}`);
  return `options:\n${lines.join('\n')}\n\nany other config key: --config FILE (\`jepa-lab config --preset ${DEFAULT_PRESET} --format json\` prints them all).`;
}

/** A number flag: finite, or bad input naming the flag. */
function num(v: unknown, flag: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (typeof v !== 'string' || v.trim() === '' || !Number.isFinite(n)) throw badInput(`${flag} must be a number, got "${v}"`);
  return n;
}

/** --config's overrides with the flags for common keys on top (the config's own checks then name the field and its range). */
function trainOverrides(opts: Record<string, unknown>): Record<string, unknown> | undefined {
  const file = opts.config ? readConfigFile(opts.config as string) : undefined;
  const lr = num(opts.lr, '--lr');
  const batch = opts['batch-size'] === undefined ? undefined : int(opts['batch-size'], '--batch-size', 1);
  if (lr === undefined && batch === undefined) return file;
  const cfg = structuredClone(file ?? {}) as { optimization?: Record<string, unknown>; data?: Record<string, unknown> };
  if (lr !== undefined) cfg.optimization = { ...cfg.optimization, lr };
  if (batch !== undefined) cfg.data = { ...cfg.data, batch_size: batch };
  return cfg;
}

const commands: Record<string, Command> = {
  train: {
    summary: 'train I-JEPA on a dataset (a progress bar; --json for JSON lines)',
    usage: 'train [--dataset NAME|PATH] [--preset NAME] [--config FILE] [--steps N | --epochs N | --minutes M] [--lr X] [--batch-size N] [--seed N] [--name NAME] [--tag T]… [--backend auto|webgpu|tensorflow|wasm|cpu] [--checkpoint-every N] [--detach] [--home DIR] [--json]',
    help: trainHelp,
    options: Object.fromEntries(TRAIN_OPTIONS.map((o) => [o.flag, o.value ? { type: 'string' as const, ...(o.multiple ? { multiple: true } : {}) } : { type: 'boolean' as const }])),
    async run({ opts, out, args }) {
      if (opts.detach && !isDetachedChild()) return detach(['train', ...args], out);
      const config = trainOverrides(opts);
      const lab = openLab(opts);
      const run = await lab.train({
        dataset: opts.dataset as string | undefined,
        preset: opts.preset as string | undefined,
        config,
        steps: int(opts.steps, '--steps', 1),
        epochs: int(opts.epochs, '--epochs', 1),
        minutes: minutesOpt(opts.minutes),
        seed: int(opts.seed, '--seed'),
        name: opts.name as string | undefined,
        tags: opts.tag as string[] | undefined,
        backend: backendOpt(opts.backend),
        checkpointEvery: int(opts['checkpoint-every'], '--checkpoint-every'),
      });
      if (isDetachedChild()) return detachedFollow(lab, run);
      if (out.json) out.obj({ event: 'created', run_id: run.id, status: run.status, config: run.config });
      else out.line(`run ${run.id} "${run.name}" ${run.status}: preset ${run.preset}, dataset ${run.config.data.dataset}, ${run.total_steps} steps`);
      return follow(lab, run.id, out);
    },
  },
  runs: {
    summary: 'list runs',
    usage: 'runs [--home DIR] [--json]',
    options: { ...home, ...json },
    async run({ opts, out }) {
      const lab = openLab(opts, { readOnly: true });
      const runs = lab.runsList();
      if (out.json) return out.obj(runs.map(({ config: _c, ...r }) => r));
      if (!runs.length) return out.line('no runs yet; start one with `jepa-lab train`');
      out.line(
        table([
          ['id', 'name', 'status', 'steps', 'loss', 'best', 'kNN', 'backend', 'started', 'kind'],
          ...runs.map((r) => [String(r.id), r.name, r.status + (r.collapse_warning ? ' ⚠' : ''), `${r.step}/${r.total_steps}`, fmt(r.last_loss), fmt(r.best_loss),
            r.knn_acc === null ? '—' : `${(r.knn_acc * 100).toFixed(1)}%`, (r.backend ?? '—').split(' ')[0], r.started_at ? new Date(r.started_at).toISOString().slice(0, 16).replace('T', ' ') : '—', r.kind]),
        ]),
      );
    },
  },
  show: {
    summary: 'show one run: config, metrics summary, checkpoints, events',
    usage: 'show RUN [--home DIR] [--json]',
    options: { ...home, ...json },
    async run({ opts, positionals, out }) {
      const lab = openLab(opts, { readOnly: true });
      const r = runId(lab, positionals[0]);
      const metrics = lab.metrics(r.id);
      const summary = Object.fromEntries(Object.entries(metrics).map(([k, s]) => [k, { points: s.value.length, last: s.value.at(-1), min: Math.min(...s.value), max: Math.max(...s.value) }]));
      const checkpoints = lab.checkpoints(r.id);
      const events = lab.events(r.id);
      if (out.json) return out.obj({ ...r, metrics: summary, checkpoints, events });
      out.line(`run ${r.id} "${r.name}" — ${r.status}, step ${r.step}/${r.total_steps}, backend ${r.backend ?? '—'}, seed ${r.seed}${r.parent_id ? `, parent ${r.parent_id}` : ''}${r.kind === 'imported' ? ', imported' : ''}`);
      if (r.tags.length) out.line(`tags: ${r.tags.join(', ')}`);
      if (r.error) out.line(`error: ${r.error}`);
      out.line('\nmetrics:');
      out.line(table([['name', 'points', 'last', 'min', 'max'], ...Object.entries(summary).map(([k, s]) => [k, String(s.points), fmt(s.last), fmt(s.min), fmt(s.max)])]));
      out.line(`\ncheckpoints: ${checkpoints.map((c) => c.step).join(', ') || '—'}`);
      out.line('\nevents:');
      for (const e of events.slice(-15)) out.line(`  ${new Date(e.time).toISOString().slice(11, 19)} ${e.level.padEnd(7)} ${e.message}`);
      out.line(`\n${configDiff(r.config, r.preset, r.id)}`);
    },
  },
  resume: {
    summary: 'continue a failed, stopped or interrupted run from its last checkpoint',
    usage: 'resume RUN [--backend …] [--detach] [--home DIR] [--json]',
    options: { ...home, ...json, backend: { type: 'string' }, detach: { type: 'boolean' } },
    async run({ opts, positionals, out, args }) {
      if (opts.detach && !isDetachedChild()) return detach(['resume', ...args], out);
      const lab = openLab(opts);
      const r = lab.resume(runId(lab, positionals[0]).id, backendOpt(opts.backend));
      if (isDetachedChild()) return detachedFollow(lab, r);
      if (!out.json) out.line(`run ${r.id} resumed from step ${r.step}`);
      return follow(lab, r.id, out);
    },
  },
  stop: {
    summary: 'stop a running run (it saves a checkpoint first)',
    usage: 'stop RUN [--home DIR] [--json]',
    options: { ...home, ...json },
    async run({ opts, positionals, out }) {
      const lab = openLab(opts);
      const r = runId(lab, positionals[0]);
      lab.stop(r.id);
      const end = Date.now() + 90_000;
      let cur = lab.run(r.id);
      while (isTraining(cur.status) && Date.now() < end) {
        await new Promise((res) => setTimeout(res, 300));
        cur = lab.run(r.id);
      }
      if (out.json) out.obj({ run_id: cur.id, status: cur.status, steps: cur.step });
      else out.line(`run ${cur.id} ${cur.status} at step ${cur.step}`);
      return isTraining(cur.status) ? 1 : 0;
    },
  },
  delete: {
    summary: 'delete a run, its metrics and checkpoints (asks first; --yes to skip)',
    usage: 'delete RUN [--yes] [--home DIR]',
    options: { ...home, ...json, yes: { type: 'boolean', short: 'y' } },
    async run({ opts, positionals, out }) {
      const lab = openLab(opts, { readOnly: true });
      const r = runId(lab, positionals[0]);
      if (!opts.yes) {
        if (!process.stdin.isTTY) throw badInput(`deleting run ${r.id} needs confirmation; pass --yes to delete without asking`);
        const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
        const a = await rl.question(`Delete run ${r.id} "${r.name}" (${r.status}, ${r.step} steps, ${lab.checkpoints(r.id).length} checkpoints)? [y/N] `);
        rl.close();
        if (!/^y(es)?$/i.test(a.trim())) {
          out.line('kept');
          return 0;
        }
      }
      lab.deleteRun(r.id);
      if (out.json) out.obj({ run_id: r.id, deleted: true });
      else out.line(`run ${r.id} deleted`);
    },
  },
  import: {
    summary: 'import an image folder (one sub-folder per class; train/ + val/ keeps its split), an MNIST-family IDX folder or an IDX file',
    usage: 'import PATH [--name NAME] [--labels IDX_LABELS] [--size S] [--channels 1|3] [--home DIR] [--json]',
    options: { ...home, ...json, name: { type: 'string' }, labels: { type: 'string' }, size: { type: 'string' }, channels: { type: 'string' } },
    async run({ opts, positionals, out }) {
      if (!positionals[0]) throw badInput('give the folder or IDX file to import: jepa-lab import PATH --name NAME');
      const lab = openLab(opts);
      const ch = int(opts.channels, '--channels', 1);
      if (ch !== undefined && ch !== 1 && ch !== 3) throw badInput(`--channels must be 1 or 3, got ${ch}`);
      const bar = out.json ? null : new ProgressBar('import');
      lab.subscribe((e) => e.type === 'import' && bar?.update(e.done, e.total));
      const d = await lab.importDataset(positionals[0], { name: opts.name as string | undefined, labels: opts.labels as string | undefined, size: int(opts.size, '--size', 4), channels: ch as 1 | 3 | undefined });
      bar?.done();
      if (out.json) return out.obj(d);
      out.line(`dataset "${d.name}": ${d.count} images ${d.size}×${d.size}×${d.channels}, ${d.labeled ? `${d.classes?.length ?? '?'} classes` : 'unlabeled'}, ${d.train_count} train / ${d.held_out_count} held out (${DATASET_SPLITS[d.split] ?? d.split})`);
      const skipped = d.report?.skipped ?? [];
      if (skipped.length) {
        out.warn(`skipped ${skipped.length} file${skipped.length > 1 ? 's' : ''}:`);
        for (const s of skipped.slice(0, 20)) out.warn(`  ${s.path}: ${s.reason}`);
        if (skipped.length > 20) out.warn(`  … and ${skipped.length - 20} more (see \`jepa-lab datasets --json\`)`);
      }
    },
  },
  'import-checkpoint': {
    summary: 'import an I-JEPA checkpoint (official .pth/.pth.tar, or a lab safetensors export folder) as a run to embed, eval and inspect',
    usage:
      'import-checkpoint PATH [--name NAME] [--dataset NAME|PATH] [--heads H] [--features-only] [--home DIR] [--json]\n' +
      '  PATH             a file facebookresearch/ijepa saved (the public pretrained models, or your cluster run; with or without DDP\'s module. names),\n' +
      '                   read without running anything in it (a pickle that names code is refused), or a folder `export RUN --format safetensors` wrote\n' +
      '  --dataset        what embed/neighbors/map/eval use (default: digits); images are resized and their channels repeated or merged to fit the model\n' +
      '  --heads H        attention heads (weights do not record them): official widths take the official count; give it for other widths (default: head width 64)\n' +
      '  --features-only  the target encoder alone: enough to embed, neighbours, the map and eval (not the prediction-error view); for big models',
    options: { ...home, ...json, name: { type: 'string' }, dataset: { type: 'string' }, heads: { type: 'string' }, 'features-only': { type: 'boolean' } },
    async run({ opts, positionals, out }) {
      if (!positionals[0]) throw badInput('give the checkpoint to import: jepa-lab import-checkpoint FILE.pth.tar (or a lab safetensors folder)');
      if (positionals.length > 1) throw badInput(`give one checkpoint; got ${positionals.length} paths`);
      const lab = openLab(opts);
      const bar = out.json ? null : new ProgressBar('import');
      const r = await lab.importCheckpoint(positionals[0], {
        name: opts.name as string | undefined,
        dataset: opts.dataset as string | undefined,
        heads: int(opts.heads, '--heads', 1),
        featuresOnly: !!opts['features-only'],
        onProgress: (d, t) => bar?.update(Math.ceil(d / 2 ** 20), Math.ceil(t / 2 ** 20), 'MiB'),
      });
      bar?.done();
      const { run: _run, ...rest } = r;
      if (out.json) return out.obj({ run_id: r.run.id, name: r.run.name, kind: r.run.kind, ...rest });
      const c = r.run.config;
      out.line(
        `run ${r.run.id} "${r.run.name}" imported from ${r.format === 'ijepa' ? 'an official I-JEPA checkpoint' : 'a lab checkpoint folder'}: ` +
          `${r.model_name ?? 'ViT'} (width ${c.model.embed_dim}, depth ${c.model.depth}, ${c.model.num_heads} heads, patch ${c.mask.patch_size}, ${c.data.crop_size} px, ${c.data.channels} channel${c.data.channels > 1 ? 's' : ''}), ` +
          `step ${r.step}, epoch ${r.epoch}; parts: ${r.parts.join(', ')}`,
      );
      out.line(r.input);
      for (const n of r.notes) out.warn(`note: ${n}`);
      out.line(`next: jepa-lab embed ${r.run.id} | jepa-lab eval ${r.run.id} | jepa-lab neighbors ${r.run.id} --image 0`);
    },
  },
  datasets: {
    summary: 'list datasets',
    usage: 'datasets [--home DIR] [--json]',
    options: { ...home, ...json },
    async run({ opts, out }) {
      const lab = openLab(opts, { readOnly: true });
      const ds = lab.datasets();
      if (out.json) return out.obj(ds);
      out.line(table([['id', 'name', 'kind', 'images', 'size', 'classes', 'train/held-out', 'held out', 'skipped'], ...ds.map((d) => [String(d.id), d.name, d.kind, String(d.count), `${d.size}×${d.size}×${d.channels}`, d.classes ? String(d.classes.length) : '—', `${d.train_count}/${d.held_out_count}`, DATASET_SPLITS[d.split] ?? d.split, String(d.report?.skipped.length ?? 0)])]));
    },
  },
  export: {
    summary: 'export metrics (csv, json) or a checkpoint (safetensors, or ijepa: the official .pth.tar)',
    usage:
      'export RUN --format csv|json --out FILE | export RUN --format safetensors --out DIR [--checkpoint STEP] | export RUN --format ijepa --out FILE.pth.tar [--checkpoint STEP] [--home DIR] [--json]\n' +
      '  --format ijepa   the file facebookresearch/ijepa\'s src/train.py saves and resumes from (module.-named state dicts, AdamW state in init_opt\'s groups, epoch, …);\n' +
      '                   resume it there: put it in logging.folder of `jepa-lab config RUN --format yaml` and set meta.load_checkpoint: true and meta.read_checkpoint: its file name',
    options: { ...home, ...json, format: { type: 'string' }, out: { type: 'string' }, checkpoint: { type: 'string' } },
    async run({ opts, positionals, out }) {
      const lab = openLab(opts, { readOnly: true });
      const r = runId(lab, positionals[0]);
      const format = opts.format as string | undefined;
      const dest = opts.out as string | undefined;
      if (!format || !['csv', 'json', 'safetensors', 'ijepa'].includes(format)) throw badInput('--format must be csv, json, safetensors or ijepa');
      if (!dest) throw badInput('--out is required: a file for csv/json/ijepa, a folder for safetensors');
      if (format === 'ijepa') {
        const e = await lab.exportOfficialCheckpoint(r.id, dest, int(opts.checkpoint, '--checkpoint'));
        if (out.json) return out.obj(e);
        out.line(`checkpoint step ${e.checkpoint_step} of run ${r.id} → ${e.out} (official I-JEPA format, ${(e.bytes / 2 ** 20).toFixed(1)} MiB)`);
        if (e.dropped.length) out.warn(`left out (no official counterpart): ${e.dropped.join(', ')}`);
        for (const w of e.warnings) out.warn(`warning: ${w}`);
        out.line(
          `to resume with the official code: jepa-lab config ${r.id} --format yaml > cfg.yaml; copy ${path.basename(e.out)} into its logging.folder; set meta.load_checkpoint: true and meta.read_checkpoint: ${path.basename(e.out)}; python main.py --fname cfg.yaml`,
        );
        return;
      }
      if (format === 'safetensors') {
        const cks = lab.checkpoints(r.id);
        const step = int(opts.checkpoint, '--checkpoint');
        const ck = step === undefined ? cks.at(-1) : cks.find((c) => c.step === step);
        if (!ck) throw badInput(`run ${r.id} has no checkpoint${step === undefined ? '' : ` at step ${step}`}; it has: ${cks.map((c) => c.step).join(', ') || 'none'}`);
        const files = fs.readdirSync(ck.path);
        const written: string[] = [];
        try {
          makeFolder(dest);
          for (const f of files) {
            fs.copyFileSync(path.join(ck.path, f), path.join(dest, f));
            written.push(path.join(dest, f));
          }
        } catch (e) {
          for (const f of written) fs.rmSync(f, { force: true });
          throw writeError(e, `checkpoint step ${ck.step} of run ${r.id} to ${dest}`, { userPlace: true, fix: 'choose a folder you can write with --out (or free some space)' });
        }
        out.line(`checkpoint step ${ck.step} of run ${r.id} → ${dest} (${files.join(', ')})`);
        return;
      }
      const text = format === 'csv' ? lab.exportCsv([r.id]) : JSON.stringify(lab.exportJson(r.id));
      writeFileAtomic(dest, text, `the ${format} of run ${r.id} to ${dest}`);
      out.line(`${format} of run ${r.id} → ${dest}`);
    },
  },
  config: {
    summary: "print a run's config (yaml: the official ijepa layout; json: ours)",
    usage: 'config RUN [--format yaml|json] [--home DIR]  |  config --preset NAME',
    options: { ...home, ...json, format: { type: 'string' }, preset: { type: 'string' } },
    async run({ opts, positionals, out }) {
      const format = (opts.format as string | undefined) ?? 'yaml';
      if (!['yaml', 'json'].includes(format)) throw badInput(`--format must be yaml or json, got "${format}"`);
      let cfg;
      if (opts.preset && !positionals[0]) cfg = resolveConfig(opts.preset as string);
      else cfg = runId(openLab(opts, { readOnly: true }), positionals[0]).config;
      out.line(format === 'yaml' ? toReferenceYaml(cfg) : JSON.stringify(cfg, null, 2));
    },
  },
  presets: {
    summary: 'list the config presets',
    usage: 'presets [--json]',
    options: { ...json },
    async run({ out }) {
      if (out.json) return out.obj(Object.fromEntries(Object.keys(PRESETS).map((p) => [p, resolveConfig(p)])));
      for (const [name, p] of Object.entries(PRESETS)) out.line(`${name.padEnd(10)} ${p.description}${name === DEFAULT_PRESET ? ' (default)' : ''}`);
    },
  },
  masks: {
    summary: 'sample I-JEPA masks with the training sampler and print them as JSON',
    usage: 'masks --image-size S --patch-size P --batch B [--batches K] --seed N [--preset NAME] [--config FILE] --json',
    options: { ...json, 'image-size': { type: 'string' }, 'patch-size': { type: 'string' }, batch: { type: 'string' }, batches: { type: 'string' }, seed: { type: 'string' }, preset: { type: 'string' }, config: { type: 'string' } },
    async run({ opts, out }) {
      const { sampleMasksJson } = await import('../common/masks.ts');
      const S = int(opts['image-size'], '--image-size', 2);
      const P = int(opts['patch-size'], '--patch-size', 1);
      const B = int(opts.batch, '--batch', 1) ?? 1;
      const K = int(opts.batches, '--batches', 1) ?? 1;
      const seed = int(opts.seed, '--seed') ?? 0;
      const over: Record<string, unknown> = opts.config ? readConfigFile(opts.config as string) : {};
      // --batch is the sampler's batch only (sampleMasksJson's batchSize), not a training batch to validate
      const cfg = resolveConfig((opts.preset as string) ?? DEFAULT_PRESET, over, { data: S ? { crop_size: S } : {}, mask: P ? { patch_size: P } : {} });
      out.obj(sampleMasksJson(cfg, { count: K, batchSize: B, seed }));
    },
  },
  bench: {
    summary: 'time training steps on synthetic data (ms/step, images/s, GFLOP/s, peak memory)',
    usage:
      'bench [--preset NAME | --config FILE] [--steps N] [--batch B] [--workers N] [--backend …] [--compare-torch [--torch-threads T] | --profile] [--json]  |  bench --search [--n N] [--dim D] [--k K] [--kernel blas|wasm-simd|js] [--json]  |  bench --store  |  bench --backends [--json]\n' +
      '  --backend B      auto (default: the best that loads; WebGPU only on a hardware adapter), webgpu (forces it, software adapters too), tensorflow, wasm, cpu\n' +
      '  --backends       every backend, whether it loads here and why not (as `doctor`)\n' +
      '  --workers N      gradient threads (optimization.workers): 1 = one thread, 2+ = data parallelism over worker threads, 0 = auto (default)\n' +
      '  --compare-torch  also time the identical step in PyTorch (reference modules, test/reference/torch_bench.py) and print the ratio;\n' +
      '                   needs a python3 with torch (Debian: apt-get install python3-torch libopenblas0-openmp); --torch-threads defaults to all CPUs; OMP_WAIT_POLICY=PASSIVE unless set;\n' +
      '                   prints the BLAS each side loaded, and withholds the ratio (exit 1) when torch runs on mixed BLAS builds\n' +
      '  --profile        where a step\'s time goes: kernel time per kernel (tf.profile, one thread, mean of --steps) and the matMul share\n' +
      '  --attention auto|conv|matmul|fused, --linear-grad auto|transpose|flags   the model\'s kernel choices (worker/model/model.ts), to compare them',
    options: { ...json, ...home, preset: { type: 'string' }, config: { type: 'string' }, steps: { type: 'string' }, batch: { type: 'string' }, workers: { type: 'string' }, backend: { type: 'string' }, 'compare-torch': { type: 'boolean' }, profile: { type: 'boolean' }, 'torch-threads': { type: 'string' }, attention: { type: 'string' }, 'linear-grad': { type: 'string' }, search: { type: 'boolean' }, store: { type: 'boolean' }, n: { type: 'string' }, dim: { type: 'string' }, k: { type: 'string' }, kernel: { type: 'string' }, backends: { type: 'boolean' } },
    async run({ opts, out }) {
      const { benchCommand, doctorCommand } = await import('./bench.ts');
      if (opts.backends) return doctorCommand(out);
      return benchCommand(opts, out);
    },
  },
  serve: {
    summary: 'serve the lab UI and API on http://127.0.0.1 (token-protected)',
    usage: 'serve [--port N] [--host 127.0.0.1] [--token T] [--home DIR]',
    options: { ...home, port: { type: 'string' }, host: { type: 'string' }, token: { type: 'string' } },
    async run({ opts, out }) {
      const port = int(opts.port, '--port') ?? 8787;
      if (port > 65535) throw badInput(`--port must be an integer from 0 to 65535 (0 = any free port), got ${port}`);
      const { serve } = await import('../server/server.ts');
      const lab = openLab(opts);
      const s = await serve(lab, { port, host: (opts.host as string) ?? '127.0.0.1', token: opts.token as string | undefined });
      out.line(`JEPA Lab is serving ${lab.home}\n  open ${s.url}`);
      await new Promise(() => {});
    },
  },
  doctor: {
    summary: 'check a lab home: writable, free space, the database (integrity), datasets, checkpoints, backends',
    usage: 'doctor [--no-backends] [--home DIR] [--json]   (`bench --backends` lists the backends alone)',
    options: { ...home, ...json, 'no-backends': { type: 'boolean' } },
    async run({ opts, out }) {
      const { doctor } = await import('../lab/doctor.ts');
      const r = await doctor(resolveHome(opts.home as string | undefined), { backends: !opts['no-backends'] });
      if (out.json) out.obj(r);
      else {
        for (const c of r.checks) out.line(`${c.ok ? 'ok  ' : 'FAIL'}  ${c.what}: ${c.detail}${!c.ok && c.fix ? `\n        → ${c.fix}` : ''}`);
        out.line(r.ok ? `\n${r.home}: no problem found` : `\n${r.home}: ${r.checks.filter((c) => !c.ok).length} problem(s) found`);
      }
      return r.ok ? 0 : 1;
    },
  },
  ...evalCommands,
};

/**
 * `--steps -5` as `--steps=-5`: parseArgs takes a value that starts with a
 * dash for an option and calls it ambiguous; read as a value, the flag's own
 * check says what is wrong with it.
 */
function joinNegativeValues(args: string[], options: Command['options']): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const m = /^--([^=]+)$/.exec(args[i]);
    if (m && options[m[1]]?.type === 'string' && i + 1 < args.length && /^-\d/.test(args[i + 1])) {
      out.push(`${args[i]}=${args[i + 1]}`);
      i++;
    } else out.push(args[i]);
  }
  return out;
}

/** A run's config as what differs from its preset (`show --json` has the whole config). */
function configDiff(config: unknown, preset: string, id: number): string {
  let base: Record<string, unknown>;
  try {
    base = flattenConfig(resolveConfig(preset));
  } catch {
    return `config (preset "${preset}" is unknown to this version, so all of it):\n${JSON.stringify(config, null, 2)}`;
  }
  const mine = flattenConfig(config);
  const keys = [...new Set([...Object.keys(mine), ...Object.keys(base)])].filter((k) => JSON.stringify(mine[k]) !== JSON.stringify(base[k]));
  if (!keys.length) return `config: preset ${preset}, unchanged (\`jepa-lab config ${id}\` prints it)`;
  const show = (v: unknown) => (v === undefined ? '—' : JSON.stringify(v));
  return `config: preset ${preset} with ${keys.length} change${keys.length === 1 ? '' : 's'} (--json or \`jepa-lab config ${id}\` for all of it):\n${table([
    ['key', 'this run', `preset ${preset}`],
    ...keys.map((k) => [k, show(mine[k]), show(base[k])]),
  ])
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n')}`;
}

function help(): string {
  const lines = ['jepa-lab — train and inspect I-JEPA models on your own images', '', 'usage: jepa-lab <command> [options]   (every command takes --home DIR; JEPA_LAB_HOME also works)', '', 'commands:'];
  for (const [name, c] of Object.entries(commands)) lines.push(`  ${name.padEnd(10)} ${c.summary}`);
  lines.push('', 'jepa-lab <command> --help shows its options. Exit codes: 0 ok, 2 bad input, 1 failure.');
  return lines.join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${help()}\n`);
    return 0;
  }
  if (name === '--version') {
    process.stdout.write('jepa-lab 0.1.0\n');
    return 0;
  }
  const cmd = commands[name];
  if (!cmd) {
    process.stderr.write(`jepa-lab: unknown command "${name}"; run \`jepa-lab --help\` for the list\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`usage: jepa-lab ${cmd.usage}\n\n${cmd.summary}\n${cmd.help ? `\n${cmd.help()}\n` : ''}`);
    return 0;
  }
  let homeFlag: string | undefined;
  try {
    const args = joinNegativeValues(rest, cmd.options);
    const { values, positionals } = parseArgs({ args, options: cmd.options, allowPositionals: true, strict: true });
    homeFlag = values.home as string | undefined;
    const out = new Output(!!values.json);
    const code = await cmd.run({ opts: values as Opts, positionals, out, args });
    return typeof code === 'number' ? code : 0;
  } catch (e) {
    const err = e as Error & { code?: string };
    if (err.code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`jepa-lab ${name}: ${err.message}\nusage: jepa-lab ${cmd.usage}\n`);
      return 2;
    }
    if (e instanceof LabError) {
      process.stderr.write(`jepa-lab ${name}: ${e.message}\n`);
      return e.kind === 'bad-input' || e.kind === 'not-found' ? 2 : 1;
    }
    if (e instanceof ConfigError) {
      process.stderr.write(`jepa-lab ${name}: ${e.message}\n`);
      return 2;
    }
    if (isSqliteError(e)) {
      // damage found, or a full disk met, after the database opened
      process.stderr.write(`jepa-lab ${name}: ${storeError(path.join(resolveHome(homeFlag), 'lab.db'), e).message}\n`);
      return 1;
    }
    process.stderr.write(`jepa-lab ${name}: failed: ${err.stack ?? err.message}\n`);
    return 1;
  }
}

const code = await main(process.argv.slice(2));
// Leave time for stdout to drain, then exit (worker handles and timers must not keep us alive).
process.stdout.write('', () => process.exit(code));
