// `jepa-lab bench`: training step speed and memory, search latency, store
// throughput. Each figure is printed next to a baseline measured in the same run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { badInput } from './errors.ts';
import { Output, backendOpt, int, type Opts } from './cli-common.ts';
import { readConfigFile } from './config-file.ts';
import { ProgressBar } from './progress.ts';
import { resolveConfig, DEFAULT_PRESET, type JepaConfig } from '../worker/config.ts';
import { initBackend, describeBackend } from '../worker/backend.ts';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Bytes the backend holds at most: the wasm heap never shrinks, so its size is the peak. */
function backendPeakBytes(): number {
  const b = tf.backend() as unknown as { wasm?: { HEAPU8?: Uint8Array } };
  if (b.wasm?.HEAPU8) return b.wasm.HEAPU8.length;
  return process.memoryUsage().rss;
}

export async function benchTrain(cfg: JepaConfig, steps: number, backendReq: ReturnType<typeof backendOpt>, onStep?: (i: number) => void) {
  const backend = await initBackend(backendReq);
  const { syntheticShapes } = await import('../worker/data.ts');
  const { Trainer, estimateStepFlops } = await import('../worker/train.ts');
  const data = syntheticShapes({ count: Math.max(256, cfg.data.batch_size * 4), size: cfg.data.crop_size, channels: cfg.data.channels, seed: 0 });
  const trainer = await Trainer.create({ config: cfg, data });
  trainer.trainStep(); // warm-up: kernels compiled, heap grown
  const times: number[] = [];
  let peakTensorBytes = 0;
  const tensorsBefore = tf.memory().numTensors;
  for (let i = 0; i < steps; i++) {
    const t = performance.now();
    trainer.trainStep();
    times.push(performance.now() - t);
    peakTensorBytes = Math.max(peakTensorBytes, tf.memory().numBytes);
    onStep?.(i + 1);
  }
  const tensorGrowth = tf.memory().numTensors - tensorsBefore;
  trainer.dispose();
  const ms = median(times);
  const flops = estimateStepFlops(cfg);
  return {
    backend: describeBackend(backend),
    ms_per_step: ms,
    images_per_s: (cfg.data.batch_size * 1000) / ms,
    gflops: flops / (ms * 1e6),
    peak_bytes: backendPeakBytes(),
    live_tensor_bytes: peakTensorBytes,
    tensor_growth_per_step: tensorGrowth / steps,
    steps,
    config: cfg,
  };
}

/** Metric points per second the store takes from a training-like writer while a reader polls. */
export async function benchStore(points = 200_000, batch = 200) {
  const { Store } = await import('./store.ts');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jepa-bench-store-'));
  const store = new Store(path.join(dir, 'lab.db'));
  const ds = store.addDataset({ name: 'b', path: dir, kind: 'synthetic', count: 1, size: 1, channels: 1, labeled: false, classes: null, train_count: 1, held_out_count: 0, report: null });
  const run = store.createRun({ name: 'bench', config: resolveConfig(), preset: 'cpu-small', dataset_id: ds.id, status: 'running', seed: 0, total_steps: points });
  const reader = new Store(path.join(dir, 'lab.db'));
  let reads = 0;
  const names = ['loss', 'lr', 'wd', 'momentum', 'step_ms'];
  const t0 = performance.now();
  let maxBatchMs = 0;
  for (let i = 0; i < points; i += batch) {
    const pts = [];
    for (let j = i; j < Math.min(points, i + batch); j++) pts.push({ step: Math.floor(j / names.length), time: Date.now(), name: names[j % names.length], value: Math.random() });
    const tb = performance.now();
    store.appendMetrics(run.id, pts);
    maxBatchMs = Math.max(maxBatchMs, performance.now() - tb);
    if ((i / batch) % 50 === 0) {
      reader.metrics(run.id, { names: ['loss'], afterStep: Math.max(0, Math.floor(i / names.length) - 100) });
      reads++;
    }
  }
  const sec = (performance.now() - t0) / 1000;
  const tr = performance.now();
  const all = reader.metrics(run.id);
  const readMs = performance.now() - tr;
  store.close();
  reader.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return { points, batch, points_per_s: points / sec, max_batch_ms: maxBatchMs, concurrent_reads: reads, full_read_ms: readMs, full_read_points: Object.values(all).reduce((a, s) => a + s.step.length, 0) };
}

export async function benchCommand(opts: Opts, out: Output): Promise<number> {
  if (opts.store) {
    const r = await benchStore(int(opts.n, '--n', 1000) ?? 200_000);
    if (out.json) out.obj(r);
    else out.line(`store: ${r.points_per_s.toFixed(0)} metric points/s in batches of ${r.batch} (longest batch ${r.max_batch_ms.toFixed(1)} ms) with a reader polling (${r.concurrent_reads} reads); full read of ${r.full_read_points} points ${r.full_read_ms.toFixed(0)} ms`);
    return 0;
  }
  if (opts.search) {
    const { benchSearch } = await import('../worker/search.ts');
    const r = benchSearch({ n: int(opts.n, '--n', 1) ?? 100_000, dim: int(opts.dim, '--dim', 1) ?? 192, k: int(opts.k, '--k', 1) ?? 20 });
    if (out.json) out.obj(r);
    else out.line(`search top-${r.k} over ${r.n} × ${r.dim}: exact ${r.median_ms.toFixed(2)} ms median (p95 ${r.p95_ms.toFixed(2)}), naive full-sort baseline ${r.naive_median_ms.toFixed(2)} ms, recall ${r.recall}`);
    return 0;
  }
  if (opts.preset && opts.config) throw badInput('give --preset or --config, not both');
  const over: Record<string, unknown> = opts.config ? readConfigFile(opts.config as string) : {};
  const batch = int(opts.batch, '--batch', 1);
  const cfg = resolveConfig((opts.preset as string) ?? DEFAULT_PRESET, over, batch ? { data: { batch_size: batch } } : {});
  const steps = int(opts.steps, '--steps', 1) ?? 5;
  const bar = out.json ? null : new ProgressBar('bench');
  const r = await benchTrain(cfg, steps, backendOpt(opts.backend), (i) => bar?.update(i, steps));
  bar?.done();
  if (out.json) out.obj(r);
  else
    out.line(
      `${r.backend}: ${r.ms_per_step.toFixed(0)} ms/step (median of ${steps}), ${r.images_per_s.toFixed(1)} images/s, ${r.gflops.toFixed(2)} GFLOP/s, peak ${(r.peak_bytes / 2 ** 20).toFixed(0)} MiB` +
        ` (model ${cfg.model.embed_dim}/${cfg.model.depth}/${cfg.model.num_heads}, predictor ${cfg.meta.pred_emb_dim}/${cfg.meta.pred_depth}, batch ${cfg.data.batch_size}, ${cfg.data.crop_size}px patch ${cfg.mask.patch_size})`,
    );
  return 0;
}
