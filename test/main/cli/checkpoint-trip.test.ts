// Both trips with the official I-JEPA code, as a user makes them: the
// `jepa-lab` command as a real child process, real worker processes, a real
// home. In: the fixture written by facebookresearch/ijepa's own code
// (test/fixtures/ijepa) imported by `import-checkpoint`, its images embedded
// through `embed` (the features job) and compared with the features the
// official encoder gave; embed/neighbors/eval, the map and the mask view on
// the imported run; a crafted pickle refused with nothing written. Out:
// `export --format ijepa` of a lab run loaded and stepped by torch.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { cli, relDiff, ROOT, tempHome } from '../../helpers.ts';
import { writeImage, writeShapeFolder } from '../../fixtures.ts';
import { Lab } from '../../../main/lab/lab.ts';
import { callApi } from '../../../main/lab/api.ts';
import { writeZip } from '../../../worker/checkpoint/pytorch.ts';
import { officialEncoderNames, officialPredictorNames } from '../../../worker/checkpoint/official.ts';
import { EXPORT_CHECK, runPython, torchPython } from '../../worker/checkpoint/torch-python.ts';

const FIXTURES = path.join(ROOT, 'test/fixtures/ijepa');
const CKPT = path.join(FIXTURES, 'tiny-ijepa-latest.pth.tar');
const FEATURES = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'tiny-ijepa-features.json'), 'utf8'));
const OFFICIAL = (FEATURES.target_features.values as number[][]).flat(); // [4, 16]: the official target encoder, average-pooled

if (!torchPython.python) console.warn(`skipping the torch load-and-step check of \`export --format ijepa\`: torch is not importable (${torchPython.why})`);

const h = tempHome('ckpt-trip');
const work = path.join(h, 'work');
let lab: Lab;

/** Run the CLI; its JSON (the last line of stdout) when it exits 0. */
function ok(args: string[]): Record<string, any> {
  const r = cli([...args, '--json'], { home: h });
  expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!);
}

/** max |a − b| / max |b| */
/** The stored embeddings of the fixture's 4 images under a run's checkpoint (what `embed` computed). */
function fixtureEmbeddings(run: number, step: number): Float32Array {
  return lab.store.getEmbeddings({ run_id: run, checkpoint_step: step, dataset_id: lab.dataset('fixture-images').id }, [0, 1, 2, 3]).data;
}

/** Entries of the home's runs/ folder (runs and any staging folder). */
const runFolders = () => (fs.existsSync(path.join(h, 'runs')) ? fs.readdirSync(path.join(h, 'runs')).sort() : []);

beforeAll(async () => {
  // the fixture's 4 images (NCHW uint8) as PNG files, imported at their own size: the pixels the official encoder saw
  const [B, C, S] = FEATURES.images.shape as number[];
  const u8 = Buffer.from(FEATURES.images.uint8_base64, 'base64');
  for (let b = 0; b < B; b++) {
    const hwc = new Uint8Array(S * S * C);
    for (let c = 0; c < C; c++) for (let i = 0; i < S * S; i++) hwc[i * C + c] = u8[(b * C + c) * S * S + i];
    await writeImage(path.join(work, 'fixture-images', `img${b}.png`), hwc, S, S, 3);
  }
  // a small labelled RGB set for neighbours and eval (the fixture's model takes 32-px RGB)
  await writeShapeFolder(path.join(work, 'shapes'), { perClass: 14, classes: 3, size: 32, channels: 3, classed: true, seed: 4 });
  ok(['import', path.join(work, 'fixture-images'), '--name', 'fixture-images', '--size', '32', '--channels', '3']);
  ok(['import', path.join(work, 'shapes'), '--name', 'shapes', '--size', '32', '--channels', '3']);
  lab = Lab.open(h);
});
afterAll(() => {
  lab?.close();
  fs.rmSync(h, { recursive: true, force: true, maxRetries: 5 });
});

describe('import-checkpoint: an official I-JEPA checkpoint into the lab', () => {
  let run1: number;

  it('imports the official fixture as a completed run of kind "imported", with its model and state', () => {
    const r = ok(['import-checkpoint', CKPT, '--heads', '2', '--dataset', 'shapes', '--name', 'official']);
    run1 = r.run_id;
    expect(r).toMatchObject({ name: 'official', kind: 'imported', format: 'ijepa', model_name: null, step: 1, epoch: 1, notes: [] });
    expect(r.parts).toEqual(['encoder', 'target_encoder', 'predictor', 'optimizer']);
    expect(r.input).toMatch(/ImageNet's mean and std/);
    for (const f of ['encoder', 'target_encoder', 'predictor', 'optimizer']) expect(fs.existsSync(path.join(r.checkpoint, `${f}.safetensors`)), f).toBe(true);

    const show = ok(['show', String(run1)]);
    expect(show).toMatchObject({ kind: 'imported', status: 'completed', step: 1, total_steps: 1, preset: 'imported' });
    expect(show.config.model).toMatchObject({ embed_dim: 16, depth: 2, num_heads: 2, mlp_ratio: 4 });
    expect(show.config.data).toMatchObject({ dataset: 'shapes', crop_size: 32, channels: 3 });
    expect(show.config.mask.patch_size).toBe(4);
    expect(show.checkpoints.map((c: { step: number }) => c.step)).toEqual([1]);
    expect(show.metrics.loss.last).toBeCloseTo(FEATURES.checkpoint.loss, 6); // the file's loss
    expect(show.events.some((e: { message: string }) => e.message.startsWith(`imported from ${CKPT}`))).toBe(true);
    const runs = ok(['runs']) as unknown as { id: number; kind: string }[];
    expect(runs.find((x) => x.id === run1)?.kind).toBe('imported');
  });

  it('`embed` of the fixture images gives the official features within 1e-4 relative', () => {
    const e = ok(['embed', String(run1), '--dataset', 'fixture-images']);
    expect(e).toMatchObject({ count: 4, computed: 4, dim: 16, checkpoint_step: 1 });
    expect(e.backend).toMatch(/wasm/);
    const rel = relDiff(fixtureEmbeddings(run1, 1), OFFICIAL);
    console.log(`official fixture through import-checkpoint + embed: max rel diff ${rel.toExponential(2)} (4 images × 16 features)`);
    expect(rel).toBeLessThan(1e-4);
  });

  it('neighbors, eval, the map and the mask view work on the imported run', async () => {
    const n = ok(['neighbors', String(run1), '--image', '0', '--k', '5']);
    expect(n.results).toHaveLength(5);
    expect(n.results.every((x: { index: number }) => x.index !== 0)).toBe(true);
    const ev = ok(['eval', String(run1)]);
    expect(ev).toMatchObject({ run_id: run1, checkpoint_step: 1, dataset: 'shapes', dim: 16 });
    for (const v of [ev.knn_acc, ev.linear_acc, ev.baselines.random_init.knn_acc]) expect(v >= 0 && v <= 1).toBe(true);
    const map = await lab.embeddingMap(run1, { max: 20 });
    expect(map.pca).toHaveLength(40);
    const m = await lab.maskError(run1, { indices: [0, 1] });
    expect(m.grid).toBe(8);
    expect(m.errors.some((v) => v > 0)).toBe(true);
    const masks = lab.sampleMasks({ run: run1, indices: [0, 1] });
    expect(masks.grid).toBe(8);
  });

  it('without --heads it assumes one (and says so), and the features then differ: the comparison can fail; gray digits feed the RGB model', async () => {
    const r = cli(['import-checkpoint', CKPT, '--name', 'one-head'], { home: h });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/head count cannot be read from weights/);
    expect(r.stdout).toMatch(/dataset "digits" holds 28-px grayscale images; the model takes 32-px RGB: images are resized from 28 to 32 px, their gray channel repeated into RGB/);
    const id = (ok(['runs']) as unknown as { id: number; name: string }[]).find((x) => x.name === 'one-head')!.id;
    ok(['embed', String(id), '--dataset', 'fixture-images']);
    const rel = relDiff(fixtureEmbeddings(id, 1), OFFICIAL);
    console.log(`the same with one head assumed: max rel diff ${rel.toExponential(2)}`);
    expect(rel).toBeGreaterThan(1e-3);
    // the mask view on the bundled grayscale digits: resized and replicated into the 3-channel model
    const m = await lab.maskError(id, { indices: [0, 1, 2] });
    expect(m.errors.length).toBeGreaterThan(0);
    expect(Array.from(m.errors).every((v) => v === -1 || Number.isFinite(v))).toBe(true);
    const resume = cli(['resume', String(id)], { home: h });
    expect(resume.code).toBe(2);
    expect(resume.stderr).toMatch(/imported from a checkpoint.*export \d+ --format ijepa/);
  });

  it('--features-only imports the target encoder alone: embeddings equal, the mask view and the ijepa export say why they cannot', async () => {
    const r = ok(['import-checkpoint', CKPT, '--heads', '2', '--features-only', '--dataset', 'fixture-images', '--name', 'features-only']);
    expect(r.parts).toEqual(['target_encoder']);
    expect(fs.readdirSync(r.checkpoint).sort()).toEqual(['config.json', 'state.json', 'target_encoder.safetensors']);
    ok(['embed', String(r.run_id)]);
    expect(relDiff(fixtureEmbeddings(r.run_id, 1), OFFICIAL)).toBeLessThan(1e-4);
    await expect(lab.maskError(r.run_id, { indices: [0] })).rejects.toThrow(/has no predictor.*--features-only.*import the full checkpoint/);
    const x = cli(['export', String(r.run_id), '--format', 'ijepa', '--out', path.join(work, 'fo.pth.tar')], { home: h });
    expect(x.code).toBe(2);
    expect(x.stderr).toMatch(/no encoder\.safetensors.*imported for features only/);
    expect(fs.existsSync(path.join(work, 'fo.pth.tar'))).toBe(false);
  });

  it('the lab\'s own safetensors export imports too, as the same model', () => {
    const dir = path.join(work, 'exported-st');
    expect(cli(['export', String(run1), '--format', 'safetensors', '--out', dir], { home: h }).code).toBe(0);
    const r = ok(['import-checkpoint', dir, '--dataset', 'fixture-images', '--name', 'from-folder']);
    expect(r).toMatchObject({ format: 'lab', step: 1, parts: ['encoder', 'target_encoder', 'predictor', 'optimizer'] });
    ok(['embed', String(r.run_id)]);
    expect(Array.from(fixtureEmbeddings(r.run_id, 1))).toEqual(Array.from(fixtureEmbeddings(run1, 1)));
    // a folder whose config.json does not fit its weights is refused, naming the tensor
    const bad = path.join(work, 'mixed');
    fs.cpSync(dir, bad, { recursive: true });
    const cfg = JSON.parse(fs.readFileSync(path.join(bad, 'config.json'), 'utf8'));
    cfg.model.mlp_ratio = 2;
    fs.writeFileSync(path.join(bad, 'config.json'), JSON.stringify(cfg));
    const x = cli(['import-checkpoint', bad], { home: h });
    expect(x.code).toBe(2);
    expect(x.stderr).toMatch(/blocks\.0\.mlp\.fc1\.weight has shape \[64,16\].*needs \[32,16\]/);
  });

  it('refuses a crafted pickle that names os.system, exit 2, without running it and without writing anything', () => {
    const marker = path.join(work, 'ran-os-system');
    // what a __reduce__ payload compiles to: GLOBAL os.system, the argument, TUPLE1, REDUCE
    const arg = Buffer.from(`touch ${marker}`);
    const pkl = Uint8Array.from([0x80, 0x02, 0x63, ...Buffer.from('os\nsystem\n'), 0x58, ...[arg.length, 0, 0, 0], ...arg, 0x85, 0x52, 0x2e]);
    const evil = path.join(work, 'evil.pth.tar');
    writeZip(evil, [
      { name: 'archive/data.pkl', data: pkl },
      { name: 'archive/version', data: new Uint8Array(Buffer.from('3\n')) },
    ]);
    const runsBefore = (ok(['runs']) as unknown as unknown[]).length;
    const foldersBefore = runFolders();
    const r = cli(['import-checkpoint', evil, '--name', 'evil'], { home: h });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/evil\.pth\.tar is refused: its pickle names the global os\.system/);
    expect(r.stderr).toMatch(/can carry code/);
    expect(r.stderr).not.toMatch(/failed:|at .*\.ts:\d+/); // the message, not a stack trace
    expect(fs.existsSync(marker)).toBe(false);
    expect((ok(['runs']) as unknown as unknown[]).length).toBe(runsBefore);
    expect(runFolders()).toEqual(foldersBefore);
  });

  it('the API method importCheckpoint checks its arguments and imports', async () => {
    await expect(callApi(lab, 'importCheckpoint', { path: 7 })).rejects.toThrow(/path/);
    await expect(callApi(lab, 'importCheckpoint', { path: CKPT, heads: 0 })).rejects.toThrow(/heads/);
    await expect(callApi(lab, 'importCheckpoint', { path: CKPT, dataset: work })).rejects.toThrow(/no dataset/); // by name only: a path would import a folder
    const r = (await callApi(lab, 'importCheckpoint', { path: CKPT, heads: 2, featuresOnly: true, dataset: 'shapes', name: ' from the UI ' })) as { run: { name: string; kind: string }; parts: string[] };
    expect(r.run).toMatchObject({ name: 'from the UI', kind: 'imported' });
    expect(r.parts).toEqual(['target_encoder']);
  });

  it('bad input exits 2 naming the problem; --help documents the command', () => {
    const help = cli(['import-checkpoint', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/import-checkpoint PATH .*--dataset.*--heads H.*--features-only/s);
    expect(cli(['--help']).stdout).toMatch(/import-checkpoint/);
    const missing = cli(['import-checkpoint', path.join(work, 'nope.pth')], { home: h });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.pth does not exist/);
    const notTorch = path.join(work, 'notes.txt');
    fs.writeFileSync(notTorch, 'hello');
    const nt = cli(['import-checkpoint', notTorch], { home: h });
    expect(nt.code).toBe(2);
    expect(nt.stderr).toMatch(/not a PyTorch checkpoint/);
    const ds = cli(['import-checkpoint', CKPT, '--dataset', 'no-such-set'], { home: h });
    expect(ds.code).toBe(2);
    expect(ds.stderr).toMatch(/no dataset "no-such-set"/);
    expect(cli(['import-checkpoint', CKPT, '--heads', '0'], { home: h }).code).toBe(2);
    const heads = cli(['import-checkpoint', CKPT, '--heads', '3'], { home: h });
    expect(heads.code).toBe(2);
    expect(heads.stderr).toMatch(/3 heads do not divide the encoder width 16/);
    expect(runFolders().some((f) => f.startsWith('.import-'))).toBe(false);
  });
});

describe('export --format ijepa: a lab run for the official code', () => {
  it.skipIf(!torchPython.python)('writes the file src/train.py resumes from: keys, module. names, shapes, init_opt groups; a torch AdamW takes `opt` and steps', () => {
    const t = ok(['train', '--preset', 'tiny', '--steps', '4', '--seed', '3', '--name', 'to-cluster']);
    const id = t.run_id as number;
    const file = path.join(work, 'out', 'jepa-latest.pth.tar');
    const e = ok(['export', String(id), '--format', 'ijepa', '--out', file]);
    expect(e).toMatchObject({ run_id: id, checkpoint_step: 4, out: file });
    // 16 wide and 1 deep is no vit_* size, and the lab's normalisation differs from the official loader's
    expect(e.warnings.some((w: string) => /none of the official vit_\* sizes/.test(w))).toBe(true);
    expect(e.warnings.some((w: string) => /ImageNet's/.test(w))).toBe(true);
    const text = cli(['export', String(id), '--format', 'ijepa', '--out', file], { home: h });
    expect(text.stderr).toMatch(/warning: the encoder .* is none of the official vit_\* sizes/);
    expect(text.stdout).toMatch(/meta\.load_checkpoint: true and meta\.read_checkpoint: jepa-latest\.pth\.tar/);

    const ck = ok(['show', String(id)]).checkpoints.at(-1);
    const state = JSON.parse(fs.readFileSync(path.join(ck.path, 'state.json'), 'utf8'));
    const show = ok(['show', String(id)]);
    const job = path.join(work, 'job.json');
    fs.writeFileSync(job, JSON.stringify({ file, config: path.join(ck.path, 'config.json'), ipe: state.itersPerEpoch, ref: path.join(ROOT, 'test', 'reference'), ijepa: process.env.IJEPA_REPO || null }));
    const out = runPython<Record<string, any>>(torchPython.python!, work, EXPORT_CHECK, [job]);
    console.log(`export --format ijepa loaded by torch (${process.env.IJEPA_REPO ? 'official code' : 'reference modules'}): ${JSON.stringify(out.step)}`);
    expect(out.keys).toEqual(['encoder', 'predictor', 'target_encoder', 'opt', 'scaler', 'epoch', 'loss', 'batch_size', 'world_size', 'lr']);
    expect(out.types).toMatchObject({ encoder: 'OrderedDict', predictor: 'OrderedDict', target_encoder: 'OrderedDict', opt: 'dict', scaler: 'NoneType', epoch: 'int', loss: 'float', lr: 'float' });
    for (const k of ['encoder', 'target_encoder']) expect(out[k].map((x: [string, number[]]) => x[0]), k).toEqual(officialEncoderNames(1).map((n) => `module.${n}`));
    expect(out.predictor.map((x: [string, number[]]) => x[0])).toEqual(officialPredictorNames(1).map((n) => `module.${n}`));
    const G = show.config.data.crop_size / show.config.mask.patch_size; // the tiny preset: 16 px crops, 4 px patches
    expect(Object.fromEntries(out.encoder)).toMatchObject({ 'module.pos_embed': [1, G * G, 16], 'module.patch_embed.proj.weight': [16, 1, 4, 4], 'module.blocks.0.attn.qkv.weight': [48, 16] });
    expect(Object.fromEntries(out.predictor)).toMatchObject({ 'module.mask_token': [1, 1, 8], 'module.predictor_pos_embed': [1, G * G, 8], 'module.predictor_proj.weight': [16, 8] });
    // the loss at the exported step, epoch, batch size: what load_checkpoint and the resumed train.py read
    expect(out.meta).toMatchObject({ scaler: null, epoch: state.epoch, world_size: 1, batch_size: show.config.data.batch_size, lr: show.config.optimization.lr });
    expect(out.meta.loss).toBeCloseTo(show.metrics.loss.last, 6);
    expect(out.groups.map((g: { WD_exclude?: boolean }) => g.WD_exclude ?? false)).toEqual([false, false, true, true]);
    expect(out.state_shapes_match).toBe(true);
    if (process.env.IJEPA_REPO) expect(out.official.exceptions).toEqual([]);
    // one AdamW step from the loaded state: step 4 → 5, exp_avg = β1·m + (1 − β1)·g, weights move, the fixed table does not
    expect(out.step).toMatchObject({ before: 4, after: 5, pos_state: 0, pos_moved: 0 });
    expect(out.step.exp_avg_err).toBeLessThan(1e-7);
    expect(out.step.moved).toBeGreaterThan(0);
  });

  it('refuses a folder as --out and an unknown format, exit 2', () => {
    const id = String((ok(['runs']) as unknown as { id: number }[])[0].id);
    const dir = cli(['export', id, '--format', 'ijepa', '--out', work], { home: h });
    expect(dir.code).toBe(2);
    expect(dir.stderr).toMatch(/is a folder; give a file name/);
    const f = cli(['export', id, '--format', 'pth', '--out', path.join(work, 'x')], { home: h });
    expect(f.code).toBe(2);
    expect(f.stderr).toMatch(/csv, json, safetensors or ijepa/);
  });
});
