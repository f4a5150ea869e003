// The worker process: receives one job from the lab, runs it with TensorFlow.js,
// and reports by messages (worker/protocol.ts). The lab stores everything; the
// worker writes only checkpoint folders.
import path from 'node:path';
import { initBackend, describeBackend, activeBackend } from './backend.ts';
import { loadImageSet, resizeBatch, heldOutIndices, trainIndices, type ImageSet } from './data.ts';
import { Trainer } from './train.ts';
import { sampleMasks, maskRng } from './masks.ts';
import { Rng, Stream } from './rng.ts';
import { gridSize } from './config.ts';
import { knnAccuracy, rankMe, featureStd, collapseCheck, collapseEvent } from './eval.ts';
import type { FromWorker, ToWorker, Job, TrainJob, FeaturesJob, MaskErrorJob, MetricPoint } from './protocol.ts';

/** How the worker talks to its parent: fork's IPC here, utilityProcess's parentPort in Electron. */
export interface Channel {
  send(msg: FromWorker): void;
  onMessage(fn: (msg: ToWorker) => void): void;
}

let control: { paused: boolean; stop: boolean } = { paused: false, stop: false };

const tick = () => new Promise<void>((r) => setImmediate(r));

/** A fixed probe: train-split images as kNN memory, held-out images as queries. */
function probeSets(data: ImageSet, size: number, seed: number): { memory: Int32Array; queries: Int32Array } {
  const rng = new Rng(seed, Stream.probe);
  const pick = (idx: Int32Array, n: number) => {
    const p = rng.permutation(idx.length);
    return Int32Array.from(p.subarray(0, Math.min(n, idx.length)), (i) => idx[i]).sort();
  };
  const held = heldOutIndices(data);
  const memory = pick(trainIndices(data), size);
  const queries = pick(held.length ? held : trainIndices(data), Math.max(8, Math.round(size / 4)));
  return { memory, queries };
}

async function runTrain(job: TrainJob, ch: Channel): Promise<void> {
  const cfg = job.config;
  const data = loadImageSet(job.datasetDir);
  const trainer = await Trainer.create({ config: cfg, data, resumeDir: job.resumeFrom });
  const S = cfg.data.crop_size;
  const C = cfg.data.channels;
  const probe = probeSets(data, cfg.logging.probe_size, cfg.meta.seed);
  const probeX = { memory: resizeBatch(data, probe.memory, S, C), queries: resizeBatch(data, probe.queries, S, C) };
  const labels = data.labels;
  const numClasses = data.classes?.length ?? (labels ? Math.max(...labels) + 1 : 0);
  if (job.resumeFrom) ch.send({ type: 'event', level: 'info', message: `resumed from ${path.basename(job.resumeFrom)} at step ${trainer.step}` });
  // data-parallel gradient threads (optimization.workers): started now so that the run says how many and why
  const workers = trainer.startWorkers();
  const blas = activeBackend()?.blas; // its thread count follows the gradient threads
  ch.send({ type: 'event', level: 'info', message: `gradient threads: ${workers.workers} (${workers.reason})${blas ? `; ${blas.name} ${blas.threads} thread${blas.threads === 1 ? '' : 's'} each` : ''}` });
  ch.send({ type: 'ready', backend: activeBackend()!, gradientThreads: workers.workers });

  let pending: MetricPoint[] = [];
  const flush = () => {
    if (pending.length) ch.send({ type: 'metrics', points: pending });
    pending = [];
  };
  const flushTimer = setInterval(flush, 250);
  let lastLoss: number | null = null;

  const evaluate = (step: number) => {
    const t = Date.now();
    const mem = trainer.features(probeX.memory, probe.memory.length);
    const D = mem.length / probe.memory.length;
    const std = featureStd(mem, probe.memory.length, D);
    const rank = rankMe(mem, probe.memory.length, D);
    pending.push({ step, time: t, name: 'feature_std', value: std }, { step, time: t, name: 'rankme', value: rank });
    if (labels && numClasses > 1) {
      const q = trainer.features(probeX.queries, probe.queries.length);
      const memL = Array.from(probe.memory, (i) => labels[i]);
      const qL = Array.from(probe.queries, (i) => labels[i]);
      const acc = knnAccuracy(mem, memL, q, qL, D, numClasses, Math.min(20, probe.memory.length), 0.07);
      pending.push({ step, time: t, name: 'knn_acc', value: acc });
    }
    const event = collapseEvent(step, collapseCheck({ featureStd: std, rankMe: rank, dim: D }));
    if (event) ch.send({ type: 'event', ...event });
    flush();
  };

  const checkpoint = (step: number) => {
    const dir = path.join(job.checkpointRoot, `step-${String(step).padStart(7, '0')}`);
    const { bytes } = trainer.saveCheckpoint(dir);
    flush();
    ch.send({ type: 'checkpoint', step, path: dir, bytes });
  };

  const imagesPerStep = cfg.data.batch_size;
  const t0 = Date.now();
  const startStep = trainer.step;
  let lastProgress = 0;
  if (startStep === 0 && cfg.logging.eval_every > 0) evaluate(0);
  while (trainer.step < trainer.totalSteps) {
    await tick();
    if (control.stop) break;
    if (control.paused) {
      ch.send({ type: 'paused', step: trainer.step });
      while (control.paused && !control.stop) await new Promise((r) => setTimeout(r, 100));
      if (control.stop) break;
      ch.send({ type: 'resumed', step: trainer.step });
    }
    const r = trainer.trainStep();
    const step = trainer.step; // completed steps
    lastLoss = r.loss;
    if (!Number.isFinite(r.loss)) {
      flush();
      throw new Error(`loss became ${r.loss} at step ${step}; lower optimization.lr (now ${cfg.optimization.lr}) or raise optimization.warmup`);
    }
    const now = Date.now();
    if (step % cfg.logging.log_every === 0 || step === trainer.totalSteps || step === startStep + 1) {
      pending.push(
        { step, time: now, name: 'loss', value: r.loss },
        { step, time: now, name: 'lr', value: r.lr },
        { step, time: now, name: 'wd', value: r.wd },
        { step, time: now, name: 'momentum', value: r.momentum },
        { step, time: now, name: 'step_ms', value: r.ms },
      );
      for (const [k, v] of Object.entries(r.reg)) pending.push({ step, time: now, name: `reg_${k}`, value: v });
    }
    if (now - lastProgress > 250 || step === trainer.totalSteps) {
      lastProgress = now;
      const elapsed = (now - t0) / 1000;
      const done = step - startStep;
      const ips = (done * imagesPerStep) / Math.max(elapsed, 1e-3);
      const eta = ((trainer.totalSteps - step) * elapsed) / Math.max(done, 1);
      ch.send({ type: 'progress', progress: { step, totalSteps: trainer.totalSteps, epoch: r.epoch, loss: r.loss, imagesPerSec: ips, etaSec: eta } });
    }
    if (cfg.logging.eval_every > 0 && step % cfg.logging.eval_every === 0 && step !== trainer.totalSteps) evaluate(step);
    if (cfg.logging.checkpoint_every > 0 && step % cfg.logging.checkpoint_every === 0 && step !== trainer.totalSteps) checkpoint(step);
  }
  const finished = trainer.step >= trainer.totalSteps;
  if (finished && cfg.logging.eval_every > 0) evaluate(trainer.step);
  if (trainer.step > startStep || finished) checkpoint(trainer.step);
  clearInterval(flushTimer);
  flush();
  trainer.dispose();
  ch.send({ type: 'done', status: finished ? 'completed' : 'stopped', step: trainer.step, finalLoss: lastLoss });
}

async function runFeatures(job: FeaturesJob, ch: Channel): Promise<void> {
  const data = loadImageSet(job.datasetDir);
  const trainer = await Trainer.create({ config: job.config, data, resumeDir: job.checkpoint });
  const S = job.config.data.crop_size;
  const C = job.config.data.channels;
  const chunk = 256;
  for (let i = 0; i < job.indices.length && !control.stop; i += chunk) {
    const idx = job.indices.slice(i, i + chunk);
    const x = resizeBatch(data, idx, S, C);
    const f = trainer.features(x, idx.length);
    ch.send({ type: 'features', indices: idx, dim: f.length / idx.length, data: f, done: i + idx.length, total: job.indices.length });
    await tick();
  }
  trainer.dispose();
  ch.send({ type: 'done', status: control.stop ? 'stopped' : 'completed', step: 0, finalLoss: null });
}

async function runMaskError(job: MaskErrorJob, ch: Channel): Promise<void> {
  const data = loadImageSet(job.datasetDir);
  const trainer = await Trainer.create({ config: job.config, data, resumeDir: job.checkpoint });
  const grid = gridSize(job.config);
  const masks = sampleMasks(job.config.mask, grid, job.indices.length, maskRng(job.maskSeed, 0));
  const x = resizeBatch(data, job.indices, job.config.data.crop_size, job.config.data.channels);
  const errors = trainer.predictionError(x, masks);
  trainer.dispose();
  ch.send({ type: 'mask-error', grid, errors, context: masks.context, targets: masks.targets });
  ch.send({ type: 'done', status: 'completed', step: 0, finalLoss: null });
}

export async function runJob(job: Job, ch: Channel): Promise<void> {
  const backend = await initBackend(job.backend);
  ch.send({ type: 'ready', backend });
  if (job.kind === 'train') {
    const why = backend.skipped.map((s) => `${s.package}: ${s.reason}`).join('; ');
    ch.send({ type: 'event', level: 'info', message: `backend ${describeBackend(backend)}${why ? ` — not used: ${why}` : ''}` });
    await runTrain(job, ch);
  } else if (job.kind === 'features') await runFeatures(job, ch);
  else await runMaskError(job, ch);
}

/** Serve one job over a channel; exits the process when the job ends. */
export function serve(ch: Channel, exit: (code: number) => void): void {
  let started = false;
  ch.onMessage((msg) => {
    if (msg.type === 'start' && !started) {
      started = true;
      control = { paused: false, stop: false };
      runJob(msg.job, ch).then(
        () => exit(0),
        (e: unknown) => {
          ch.send({ type: 'error', message: e instanceof Error ? e.message : String(e) });
          exit(1);
        },
      );
    } else if (msg.type === 'pause') control.paused = true;
    else if (msg.type === 'resume') control.paused = false;
    else if (msg.type === 'stop') control.stop = true;
  });
}

// Entry point under child_process.fork.
if (process.send && process.env.JEPA_LAB_WORKER === '1') {
  let inFlight = 0;
  let exitCode: number | null = null;
  const maybeExit = () => {
    if (exitCode !== null && inFlight === 0) process.exit(exitCode);
  };
  serve(
    {
      send: (m) => {
        inFlight++;
        process.send!(m, undefined, {}, () => {
          inFlight--;
          maybeExit();
        });
      },
      onMessage: (fn) => process.on('message', (m) => fn(m as ToWorker)),
    },
    (code) => {
      exitCode = code;
      maybeExit();
    },
  );
  // The lab went away: nobody will read our results, so stop (no orphans).
  process.on('disconnect', () => process.exit(exitCode ?? 3));
}

// Entry point under Electron's utilityProcess (the desktop app).
const parentPort = (process as unknown as { parentPort?: { postMessage(m: unknown): void; on(ev: 'message', fn: (e: { data: unknown }) => void): void } }).parentPort;
if (parentPort && process.env.JEPA_LAB_WORKER === '1') {
  serve(
    {
      send: (m) => parentPort.postMessage(m),
      onMessage: (fn) => parentPort.on('message', (e) => fn(e.data as ToWorker)),
    },
    // postMessage is queued synchronously; give it a moment to flush before exiting
    (code) => setTimeout(() => process.exit(code), 100),
  );
}
