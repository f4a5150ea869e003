// CLI commands for embeddings, evaluation and nearest neighbours.
import { badInput } from '../common/errors.ts';
import { ProgressBar, formatDuration } from './progress.ts';
import { home, json, int, openLab, runId, backendOpt, table, writeFileAtomic, type Command } from './common.ts';
import { readSweepSpec, runSweep, sweepTable } from '../lab/sweep.ts';

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
/** images/s and the time left at that rate (a big model embeds for hours on a CPU) */
const rateAndEta = (done: number, total: number, ips: number) => `${ips >= 10 ? ips.toFixed(0) : ips.toPrecision(2)} images/s  ETA ${ips > 0 ? formatDuration((total - done) / ips) : '?'}`;

export const commands: Record<string, Command> = {
  embed: {
    summary: 'compute (missing) average-pooled target-encoder features for every image of a dataset',
    usage: 'embed RUN [--checkpoint STEP] [--dataset NAME|PATH] [--backend …] [--home DIR] [--json]',
    options: { ...home, ...json, checkpoint: { type: 'string' }, dataset: { type: 'string' }, backend: { type: 'string' } },
    async run({ opts, positionals, out }) {
      const lab = openLab(opts);
      const r = runId(lab, positionals[0]);
      const bar = out.json ? null : new ProgressBar('embed');
      const res = await lab.embed(r.id, {
        checkpoint: int(opts.checkpoint, '--checkpoint'),
        dataset: opts.dataset as string | undefined,
        backend: backendOpt(opts.backend),
        onProgress: (d, t, ips) => bar?.update(d, t, rateAndEta(d, t, ips)),
      });
      bar?.done();
      if (out.json) return out.obj(res);
      out.line(`embeddings of ${res.count} ${res.dataset} images (dim ${res.dim}) for run ${res.run_id} step ${res.checkpoint_step}: ${res.computed} computed, ${res.reused} reused (${res.seconds.toFixed(1)} s${res.backend ? `; backend ${res.backend}` : ''})`);
    },
  },
  eval: {
    summary: 'kNN and linear-probe accuracy, RankMe, feature std on the held-out split, next to raw pixels and a random-init encoder',
    usage: 'eval RUN [--checkpoint STEP] [--dataset NAME|PATH] [--k 20] [--backend …] [--home DIR] [--json]',
    options: { ...home, ...json, checkpoint: { type: 'string' }, dataset: { type: 'string' }, k: { type: 'string' }, backend: { type: 'string' } },
    async run({ opts, positionals, out }) {
      const lab = openLab(opts);
      const r = runId(lab, positionals[0]);
      const bar = out.json ? null : new ProgressBar('embed');
      const res = await lab.evaluate(r.id, {
        checkpoint: int(opts.checkpoint, '--checkpoint'),
        dataset: opts.dataset as string | undefined,
        k: int(opts.k, '--k', 1),
        backend: backendOpt(opts.backend),
        onProgress: (d, t, ips) => bar?.update(d, t, rateAndEta(d, t, ips)),
      });
      bar?.done();
      if (out.json) return out.obj(res);
      const b = res.baselines;
      out.line(`run ${res.run_id}, checkpoint step ${res.checkpoint_step}, ${res.dataset}: ${res.train_count} train (memory) / ${res.held_out_count} held out (${res.split_description}), k = ${res.k}`);
      out.line(
        table([
          ['features', 'kNN', 'linear', 'RankMe', 'std', 'dim'],
          ['this run', pct(res.knn_acc), pct(res.linear_acc), res.rankme.toFixed(1), res.feature_std.toFixed(4), String(res.dim)],
          ['random init', pct(b.random_init.knn_acc), pct(b.random_init.linear_acc), b.random_init.rankme.toFixed(1), b.random_init.feature_std.toFixed(4), String(res.dim)],
          ['raw pixels', pct(b.pixels.knn_acc), pct(b.pixels.linear_acc), '—', '—', String(b.pixels.dim)],
        ]),
      );
      out.line(`(${res.seconds.toFixed(1)} s)`);
    },
  },
  neighbors: {
    summary: 'top-k nearest neighbours of an image (by index or a file) in the embedding space; --compare RUN2 for overlap@k',
    usage: 'neighbors RUN --image INDEX | --file PATH [--checkpoint STEP] [--dataset NAME|PATH] [--k 10] [--compare RUN2 [--compare-checkpoint STEP]] [--home DIR] [--json]',
    options: { ...home, ...json, image: { type: 'string' }, file: { type: 'string' }, checkpoint: { type: 'string' }, dataset: { type: 'string' }, k: { type: 'string' }, compare: { type: 'string' }, 'compare-checkpoint': { type: 'string' }, backend: { type: 'string' } },
    async run({ opts, positionals, out }) {
      const lab = openLab(opts);
      const r = runId(lab, positionals[0]);
      if ((opts.image === undefined) === (opts.file === undefined)) throw badInput('give exactly one query: --image INDEX or --file PATH');
      const q = { image: int(opts.image, '--image'), file: opts.file as string | undefined, dataset: opts.dataset as string | undefined, k: int(opts.k, '--k', 1) ?? 10, backend: backendOpt(opts.backend) };
      const row = (n: { index: number; score: number; label: number | null; class_name: string | null }, i: number) => [String(i + 1), String(n.index), n.score.toFixed(4), n.class_name ?? (n.label === null ? '—' : String(n.label))];
      if (opts.compare) {
        const other = runId(lab, opts.compare as string);
        const c = await lab.compareNeighbors({ run: r.id, checkpoint: int(opts.checkpoint, '--checkpoint') }, { run: other.id, checkpoint: int(opts['compare-checkpoint'], '--compare-checkpoint') }, q);
        if (out.json) return out.obj(c);
        out.line(`run ${c.a.run_id} (step ${c.a.checkpoint_step}) vs run ${c.b.run_id} (step ${c.b.checkpoint_step}): overlap@${c.k} = ${c.overlap.toFixed(2)}`);
        out.line(table([['#', 'A index', 'A score', 'A label', 'B index', 'B score', 'B label'], ...c.a.results.map((n, i) => [...row(n, i), ...row(c.b.results[i], i).slice(1)])]));
        return;
      }
      const res = await lab.neighbors(r.id, { ...q, checkpoint: int(opts.checkpoint, '--checkpoint') });
      if (out.json) return out.obj(res);
      out.line(`neighbours in ${res.dataset} under run ${res.run_id} step ${res.checkpoint_step}:`);
      out.line(table([['#', 'index', 'cosine', 'label'], ...res.results.map(row)]));
    },
  },
  sweep: {
    summary: 'run a grid of configs one after another, evaluate each, print a table (config differences → kNN, linear, RankMe, minutes)',
    usage: 'sweep --grid FILE [--budget-minutes M] [--out FILE.md] [--backend …] [--home DIR] [--json]\n' +
      '  --budget-minutes M  fit each run\'s steps to M minutes (from a timing of 3 of its steps), so its schedules end within them; a run still going at M minutes is stopped',
    options: { ...home, ...json, grid: { type: 'string' }, 'budget-minutes': { type: 'string' }, out: { type: 'string' }, backend: { type: 'string' } },
    async run({ opts, out }) {
      if (!opts.grid) throw badInput('give the grid file: jepa-lab sweep --grid grid.yaml (grid: {"optimization.lr": [0.001, 0.003]})');
      const spec = readSweepSpec(opts.grid as string);
      const budget = opts['budget-minutes'] === undefined ? undefined : Number(opts['budget-minutes']);
      if (budget !== undefined && !(budget > 0)) throw badInput(`--budget-minutes must be a positive number, got "${opts['budget-minutes']}"`);
      const lab = openLab(opts);
      let bar: ProgressBar | null = null;
      lab.subscribe((e) => e.type === 'progress' && bar?.update(e.progress.step, e.progress.totalSteps, `loss ${e.progress.loss.toPrecision(4)}`));
      const rows = await runSweep(lab, spec, {
        budgetMinutes: budget,
        backend: backendOpt(opts.backend),
        onRun: (id, i, n) => {
          if (!out.json) bar = new ProgressBar(`run ${id} (${i + 1}/${n})`);
        },
        onRow: (row) => {
          bar?.done();
          if (out.json) out.obj(row);
          else out.line(`run ${row.run_id} ${row.status}: kNN ${row.eval ? pct(row.eval.knn_acc) : '—'} ${JSON.stringify(row.overrides)}`);
        },
      });
      const md = sweepTable(rows);
      if (opts.out) writeFileAtomic(opts.out as string, `${md}\n`, `the sweep's table to ${opts.out}`);
      if (!out.json) out.line(`\n${md}`);
    },
  },
};
