// The `jepa-lab` command as a user runs it: a real child process, real home.
import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { tempHome, cli } from '../../helpers.ts';
import { readConfigFile } from '../../../main/lab/config-file.ts';
import { resolveConfig } from '../../../main/common/config.ts';

const h = tempHome('cli');
afterAll(() => fs.rmSync(h, { recursive: true, force: true }));

describe('jepa-lab CLI', () => {
  it('prints help and exits 0; an unknown command or flag exits 2 naming it', () => {
    const r = cli(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['train', 'runs', 'show', 'resume', 'stop', 'delete', 'import', 'datasets', 'export', 'config', 'masks', 'bench', 'eval', 'embed', 'neighbors', 'serve']) expect(r.stdout).toContain(c);
    const u = cli(['trian']);
    expect(u.code).toBe(2);
    expect(u.stderr).toMatch(/unknown command "trian"/);
    const f = cli(['runs', '--colour'], { home: h });
    expect(f.code).toBe(2);
    expect(f.stderr).toMatch(/--colour/);
    // train --help: every option on its own line, with what it does and its default
    const th = cli(['train', '--help']).stdout;
    for (const flag of ['--dataset', '--preset', '--config', '--steps', '--epochs', '--lr', '--batch-size', '--seed', '--name', '--tag', '--backend', '--checkpoint-every', '--home', '--json'])
      expect(th, flag).toMatch(new RegExp(`^  ${flag}\\b.*; default: \\S`, 'm'));
    expect(th).toMatch(/--lr X\s+peak learning rate \(optimization\.lr\); default: the preset's \(cpu-small: 0\.003\)/);
    // the way out of "no run" is still a command on the command line
    expect(cli(['show', '99'], { home: h }).stderr).toMatch(/no run 99; list runs with `jepa-lab runs`/);
  });

  it('masks --json prints the sampler output in the documented shape', () => {
    const r = cli(['masks', '--image-size', '28', '--patch-size', '4', '--batch', '3', '--batches', '2', '--seed', '5', '--json']);
    expect(r.code).toBe(0);
    const o = JSON.parse(r.stdout);
    expect(o.grid).toEqual([7, 7]);
    expect(o.batches).toHaveLength(2);
    for (const b of o.batches) {
      expect(b.context).toHaveLength(3);
      expect(b.targets).toHaveLength(3);
      expect(b.targets[0]).toHaveLength(4);
      for (const img of b.targets) for (const blk of img) for (const i of blk) expect(i).toBeGreaterThanOrEqual(0), expect(i).toBeLessThan(49);
    }
    expect(cli(['masks', '--image-size', '28', '--patch-size', '4', '--batch', '3', '--batches', '2', '--seed', '5', '--json']).stdout).toBe(r.stdout);
    const bad = cli(['masks', '--image-size', '28', '--patch-size', '5', '--batch', '1', '--seed', '0', '--json']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/patch_size/);
  });

  it('train --json streams progress lines and ends with a summary; runs, show, export, config, delete work on it', () => {
    const r = cli(['train', '--preset', 'tiny', '--steps', '8', '--seed', '1', '--name', 'cli-run', '--json'], { home: h });
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.some((l) => l.event === 'progress' && l.totalSteps === 8)).toBe(true);
    const last = lines.at(-1);
    expect(last).toMatchObject({ run_id: 1, status: 'completed', steps: 8 });
    expect(typeof last.final_loss).toBe('number');

    const runs = JSON.parse(cli(['runs', '--json'], { home: h }).stdout);
    expect(runs[0]).toMatchObject({ id: 1, name: 'cli-run', status: 'completed' });
    const show = JSON.parse(cli(['show', '1', '--json'], { home: h }).stdout);
    expect(show.metrics.loss.points).toBeGreaterThan(0);
    expect(show.checkpoints.length).toBeGreaterThan(0);

    const csv = path.join(h, 'm.csv');
    expect(cli(['export', '1', '--format', 'csv', '--out', csv], { home: h }).code).toBe(0);
    const rows = fs.readFileSync(csv, 'utf8').trim().split('\n');
    expect(rows[0]).toBe('run_id,run_name,metric,step,wall_time,value');
    expect(rows.filter((l) => l.includes(',loss,')).length).toBe(show.metrics.loss.points);
    const js = path.join(h, 'm.json');
    expect(cli(['export', '1', '--format', 'json', '--out', js], { home: h }).code).toBe(0);
    expect(JSON.parse(fs.readFileSync(js, 'utf8')).metrics.length).toBe(rows.length - 1);
    const st = path.join(h, 'st');
    expect(cli(['export', '1', '--format', 'safetensors', '--out', st], { home: h }).code).toBe(0);
    expect(fs.readdirSync(st)).toEqual(expect.arrayContaining(['encoder.safetensors', 'target_encoder.safetensors', 'predictor.safetensors', 'config.json']));

    const y = cli(['config', '1', '--format', 'yaml'], { home: h });
    expect(y.code).toBe(0);
    const doc = yaml.load(y.stdout) as Record<string, Record<string, unknown>>;
    expect(doc.mask.patch_size).toBe(4);
    expect(doc.optimization.ema).toEqual([0.996, 1.0]);
    expect(doc.meta.pred_depth).toBe(1);
    // The YAML re-imports to the same config.
    const f = path.join(h, 'c.yaml');
    fs.writeFileSync(f, y.stdout);
    expect(resolveConfig('tiny', readConfigFile(f))).toEqual(show.config);

    const d1 = cli(['delete', '1'], { home: h, input: '' });
    expect(d1.code).toBe(2);
    expect(d1.stderr).toMatch(/--yes/);
    expect(cli(['delete', '1', '--yes'], { home: h }).code).toBe(0);
    expect(JSON.parse(cli(['runs', '--json'], { home: h }).stdout)).toEqual([]);
    const gone = cli(['show', '1'], { home: h });
    expect(gone.code).toBe(2);
    expect(gone.stderr).toMatch(/no run 1/);
  });

  it('datasets lists the bundled digits', () => {
    const ds = JSON.parse(cli(['datasets', '--json'], { home: h }).stdout);
    expect(ds[0]).toMatchObject({ name: 'digits', count: 10000, train_count: 9000, held_out_count: 1000, labeled: true });
  });

  it('train takes --lr and --batch-size, ends naming the checkpoint and what to run next; show prints the config as changes to its preset', () => {
    const r = cli(['train', '--preset', 'tiny', '--steps', '6', '--lr', '0.002', '--batch-size', '4', '--name', 'flags'], { home: h });
    expect(r.code, r.stderr).toBe(0);
    const ckpt = /^checkpoint: (\S+) \(step 6\)$/m.exec(r.stdout);
    expect(ckpt, r.stdout).not.toBeNull();
    expect(fs.existsSync(path.join(ckpt![1], 'encoder.safetensors'))).toBe(true);
    const id = /^run (\d+) /m.exec(r.stdout)![1];
    expect(r.stdout).toMatch(new RegExp(`^next:\\n  jepa-lab eval ${id} .*\\n  jepa-lab neighbors ${id} --image 0 .*\\n  jepa-lab serve `, 'm'));
    const show = cli(['show', id], { home: h });
    expect(show.stdout).toMatch(/config: preset tiny with 3 changes/);
    expect(show.stdout).toMatch(/^\s+optimization\.lr\s+0\.002\s+0\.003$/m);
    expect(show.stdout).toMatch(/^\s+data\.batch_size\s+4\s+8$/m);
    expect(show.stdout).toMatch(/^\s+optimization\.steps\s+6\s+20$/m);
    expect(show.stdout).not.toMatch(/"crop_size"/); // not the whole config
    // --json keeps the whole config
    const js = JSON.parse(cli(['show', id, '--json'], { home: h }).stdout);
    expect(js.config.optimization.lr).toBe(0.002);
    expect(js.config.data.crop_size).toBe(16);
    // a summary line with the checkpoint path in --json too
    const j = cli(['train', '--preset', 'tiny', '--steps', '2', '--json'], { home: h });
    expect(JSON.parse(j.stdout.trim().split('\n').at(-1)!).checkpoint_path).toMatch(/step-0000002$/);
    // flags are checked like the config they set, before a run is made
    const before = JSON.parse(cli(['runs', '--json'], { home: h }).stdout).length;
    const bad = cli(['train', '--preset', 'tiny', '--lr', 'fast'], { home: h });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--lr must be a number, got "fast"/);
    const range = cli(['train', '--preset', 'tiny', '--lr', '50'], { home: h });
    expect(range.code).toBe(2);
    expect(range.stderr).toMatch(/optimization\.lr: must be a number in \(0, 10\], got 50/);
    expect(JSON.parse(cli(['runs', '--json'], { home: h }).stdout)).toHaveLength(before);
  });
});
