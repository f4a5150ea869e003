// `jepa-lab bench`'s training half, in a worker: steps of a config on
// synthetic images, timed (ms/step, images/s, GFLOP/s, peak memory, tensor
// growth) or split by kernel under tf.profile. The CLI prints the result
// beside its baselines (main/cli/bench.ts).
import * as tf from '@tensorflow/tfjs';
import type { JepaConfig } from '../../main/common/config.ts';
import { estimateStepFlops } from '../../main/common/flops.ts';
import type { BenchJob, BenchProfileResult, BenchTrainResult } from '../../main/common/protocol.ts';
import type { BackendRequest } from '../../main/common/vocabulary.ts';
import { describeBackend, initBackend } from '../backend/backend.ts';
import type { Channel } from '../channel.ts';
import { syntheticShapes } from '../data/synthetic.ts';
import { Trainer } from '../train/trainer.ts';
import { setModelKernels } from '../model/model.ts';
import { median } from '../../main/common/stats.ts';

export async function run(job: BenchJob, ch: Channel): Promise<void> {
  setModelKernels({ attention: job.kernels?.attention ?? 'auto', linearGrad: job.kernels?.linearGrad ?? 'auto' });
  const onStep = (i: number) => ch.send({ type: 'job-progress', done: i, total: job.steps });
  const value = job.mode === 'profile' ? await profileStep(job.config, job.backend, job.steps) : await benchTrain(job.config, job.steps, job.backend, onStep);
  ch.send({ type: 'result', value });
  ch.send({ type: 'done', status: 'completed', step: 0, finalLoss: null });
}

/** A Trainer on synthetic images for a config, after one warm-up step (kernels compiled, heaps grown). */
async function warmTrainer(cfg: JepaConfig, backendReq: BackendRequest) {
  const backend = await initBackend(backendReq);
  const data = syntheticShapes({ count: Math.max(256, cfg.data.batch_size * 4), size: cfg.data.crop_size, channels: cfg.data.channels, seed: 0 });
  const trainer = await Trainer.create({ config: cfg, data });
  const workers = trainer.startWorkers(); // data-parallel gradient threads (optimization.workers)
  await trainer.trainStepAsync();
  return { backend, trainer, workers };
}

export async function benchTrain(cfg: JepaConfig, steps: number, backendReq: BackendRequest, onStep?: (i: number) => void): Promise<BenchTrainResult> {
  const { backend, trainer, workers } = await warmTrainer(cfg, backendReq);
  const times: number[] = [];
  let peakTensorBytes = 0;
  const tensorsBefore = trainer.tensorCounts(); // per thread
  // CPU time and peak RSS where there is a process to ask (not in the app's GPU window)
  const cpu0 = typeof process !== 'undefined' ? process.cpuUsage() : null;
  for (let i = 0; i < steps; i++) {
    const t = performance.now();
    await trainer.trainStepAsync(); // reads the loss back: on a GPU the time includes the device's work
    times.push(performance.now() - t);
    peakTensorBytes = Math.max(peakTensorBytes, tf.memory().numBytes);
    onStep?.(i + 1);
  }
  const cpu = cpu0 ? process.cpuUsage(cpu0) : null;
  const tensorGrowth = trainer.tensorCounts().reduce((s, n, i) => s + n - tensorsBefore[i], 0);
  const heaps = trainer.heapBytes();
  // on webgpu, the bytes of the device buffers tfjs holds; else a wasm heap, else the process RSS
  const gpuBytes = (tf.memory() as { numBytesInGPUAllocated?: number }).numBytesInGPUAllocated;
  const rss = typeof process !== 'undefined' ? process.memoryUsage().rss : 0; // none in a browser worker
  const peak = heaps.every((h) => h !== null) ? (heaps as number[]).reduce((a, b) => a + b, 0) : backend.name === 'webgpu' && gpuBytes ? gpuBytes : rss;
  const microBatch = trainer.microBatch;
  await trainer.dispose();
  const ms = median(times);
  const flops = estimateStepFlops(cfg);
  return {
    backend: describeBackend(backend),
    blas: backend.blas ? { ...backend.blas } : null,
    blas_skipped: backend.blasSkipped ?? null,
    ...(backend.adapter ? { adapter: backend.adapter } : {}),
    skipped: backend.skipped,
    micro_batch: microBatch.size,
    micro_batch_reason: microBatch.reason,
    workers: workers.workers,
    workers_reason: workers.reason,
    ms_per_step: ms,
    step_ms: times,
    cpu_ms_per_step: cpu ? (cpu.user + cpu.system) / 1000 / steps : NaN,
    images_per_s: (cfg.data.batch_size * 1000) / ms,
    gflops: flops / (ms * 1e6),
    peak_bytes: peak,
    peak_rss_bytes: cpu0 ? process.resourceUsage().maxRSS * 1024 : NaN,
    live_tensor_bytes: peakTensorBytes,
    tensor_growth_per_step: tensorGrowth / steps,
    steps,
    config: cfg,
  };
}

/**
 * Where one training step's time goes (bench --profile): `steps` steps under
 * tf.profile on one thread (no gradient threads, whose kernels the profiler
 * cannot see), kernel time and calls per step summed per kernel name, largest first.
 * One step's figures are noisy on a shared machine: average several.
 */
export async function profileStep(cfg: JepaConfig, backendReq: BackendRequest, steps = 1): Promise<BenchProfileResult> {
  const one = { ...cfg, optimization: { ...cfg.optimization, workers: 1 } };
  const { backend, trainer } = await warmTrainer(one, backendReq);
  const t0 = performance.now();
  const info = await tf.profile(async () => {
    for (let i = 0; i < steps; i++) await trainer.trainStepAsync();
  });
  const wallMs = (performance.now() - t0) / steps;
  await trainer.dispose();
  const byName = new Map<string, { ms: number; calls: number }>();
  const backendName = tf.getBackend();
  // custom-gradient scopes ("forward", "unnamed scope") are listed too, with their inner kernels' time: skip them
  for (const k of info.kernels.filter((k) => tf.getKernel(k.name, backendName))) {
    const e = byName.get(k.name) ?? { ms: 0, calls: 0 };
    e.ms += (typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0) / steps;
    e.calls += 1 / steps;
    byName.set(k.name, e);
  }
  const kernels = [...byName].map(([name, e]) => ({ name, ms: e.ms, calls: e.calls })).sort((a, b) => b.ms - a.ms);
  const kernelMs = kernels.reduce((s, k) => s + k.ms, 0);
  const matMulMs = kernels.filter((k) => /MatMul/.test(k.name)).reduce((s, k) => s + k.ms, 0);
  return { backend: describeBackend(backend), wall_ms: wallMs, kernel_ms: kernelMs, matmul_ms: matMulMs, matmul_share: matMulMs / kernelMs, kernels, config: one };
}

