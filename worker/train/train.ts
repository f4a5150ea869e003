// The training loop, top to bottom (as facebookresearch/ijepa's src/train.py):
// load the data, build or restore the model and optimiser, then step until the
// run's total, logging every `log_every` steps, probing the features every
// `eval_every` steps and saving a checkpoint every `checkpoint_every` steps
// (and at the end). Pause and stop arrive as messages between steps; a stop
// saves a checkpoint first, so the run resumes where it stopped. The schedules
// (lr, weight decay, EMA momentum) are fitted to the run's total steps
// (main/common/schedule.ts); one step is Trainer.trainStepAsync (worker/train/trainer.ts).
// On a GPU the steps queue on the device and the loop reads back only the steps
// it logs or reports; a GPU out of memory fails the run with what to change,
// and its resume starts at half the micro-batch (worker/train/memory.ts).
import fs from 'node:fs';
import path from 'node:path';
import { heldOutIndices, loadImageSet, trainIndices, type ImageSet } from '../../main/common/imageset.ts';
import type { TrainJob } from '../../main/common/protocol.ts';
import { Rng, Stream } from '../../main/common/rng.ts';
import { budgetLeftSec, PACE_DRIFT_RUNS, PACE_SLACK, plannedSec, stepsForBudget } from '../../main/common/schedule.ts';
import { KNN, METRIC, regMetric, type MetricPoint } from '../../main/common/vocabulary.ts';
import { activeBackend, describeBackend, initBackend } from '../backend/backend.ts';
import { tick, type Channel, type Control } from '../channel.ts';
import { resizeBatch } from '../data/augment.ts';
import { collapseCheck, collapseEvent } from '../eval/collapse.ts';
import { knnAccuracy } from '../eval/knn.ts';
import { featureStd, rankMe } from '../eval/spectrum.ts';
import { Trainer } from './trainer.ts';
import { GpuMemoryError } from '../backend/webgpu.ts';
import { OOM_NOTE } from './memory.ts';

/** The in-training probe's fixed images: train-split images as kNN memory, held-out images as queries. */
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

export async function run(job: TrainJob, ch: Channel, control: Control): Promise<void> {
  // ── backend, data, model and optimiser (restored from the checkpoint when resuming)
  const backend = await initBackend(job.backend);
  ch.send({ type: 'ready', backend: describeBackend(backend) });
  const { logging } = job.config;
  const data = loadImageSet(job.datasetDir);
  const oomNote = path.join(job.checkpointRoot, OOM_NOTE);
  // written by an earlier attempt of this run that ran out of GPU memory (a new run's folder has none)
  const oom = fs.existsSync(oomNote) ? (JSON.parse(fs.readFileSync(oomNote, 'utf8')) as { micro_batch: number }) : null;
  const trainer = await Trainer.create({ config: job.config, data, resumeDir: job.resumeFrom, maxMicroBatch: oom ? Math.floor(oom.micro_batch / 2) : undefined });
  if (job.resumeFrom) ch.send({ type: 'event', level: 'info', message: `resumed from ${path.basename(job.resumeFrom)} at step ${trainer.step}` });
  ch.send({ type: 'restored', step: trainer.step });
  if (backend.adapter || trainer.microBatch.size !== job.config.optimization.micro_batch)
    ch.send({ type: 'event', level: 'info', message: `micro-batch: ${trainer.microBatch.reason}` });
  // data-parallel gradient threads (optimization.workers): started now so that the run says how many and why
  const threads = trainer.startWorkers();
  // described after the threads start: the BLAS addon's thread count follows them
  const skipped = backend.skipped.map((s) => `${s.package}: ${s.reason}`).join('; ');
  ch.send({ type: 'event', level: 'info', message: `backend ${describeBackend(backend, threads.workers)}${skipped ? ` — not used: ${skipped}` : ''}` });
  const blas = activeBackend()?.blas; // its thread count follows the gradient threads
  ch.send({ type: 'event', level: 'info', message: `gradient threads: ${threads.workers} (${threads.reason})${blas ? `; ${blas.name} ${blas.threads} thread${blas.threads === 1 ? '' : 's'} each` : ''}` });
  ch.send({ type: 'ready', backend: describeBackend(backend, threads.workers) });

  // ── metrics go to the lab in batches, a few times a second
  let pending: MetricPoint[] = [];
  const flush = () => {
    if (pending.length) ch.send({ type: 'metrics', points: pending });
    pending = [];
  };
  const flushTimer = setInterval(flush, 250);

  // ── the probe: feature spread, RankMe and kNN on fixed images, and the collapse check
  const S = job.config.data.crop_size;
  const C = job.config.data.channels;
  const probe = probeSets(data, logging.probe_size, job.config.meta.seed);
  const probeX = { memory: resizeBatch(data, probe.memory, S, C), queries: resizeBatch(data, probe.queries, S, C) };
  const labels = data.labels;
  const numClasses = data.classes?.length ?? (labels ? Math.max(...labels) + 1 : 0);
  /** the probe at a step; `record` false only times it (a run by minutes, before its real start) */
  const probeFeatures = async (step: number, record = true) => {
    const t = Date.now();
    const mem = await trainer.featuresAsync(probeX.memory, probe.memory.length);
    const D = mem.length / probe.memory.length;
    const std = featureStd(mem, probe.memory.length, D);
    const rank = rankMe(mem, probe.memory.length, D);
    pending.push({ step, time: t, name: METRIC.featureStd, value: std }, { step, time: t, name: METRIC.rankMe, value: rank });
    if (labels && numClasses > 1) {
      const q = await trainer.featuresAsync(probeX.queries, probe.queries.length);
      const memL = Array.from(probe.memory, (i) => labels[i]);
      const qL = Array.from(probe.queries, (i) => labels[i]);
      const acc = knnAccuracy(mem, memL, q, qL, D, numClasses, Math.min(KNN.k, probe.memory.length), KNN.temperature);
      pending.push({ step, time: t, name: METRIC.knnAcc, value: acc });
    }
    if (!record) {
      pending = [];
      return;
    }
    const check = collapseCheck({ featureStd: std, rankMe: rank, dim: D });
    const event = collapseEvent(step, check);
    // a warning flags the run (RunRow.collapse_warning); the info line at step 0 does not
    if (event) ch.send({ type: 'event', ...event, collapse: event.level === 'warning' ? { step, collapsed: check.collapsed, reasons: check.reasons } : undefined });
    flush();
  };

  // ── checkpoints: a folder per step, written atomically
  let lastCheckpoint = job.resumeFrom ? trainer.step : null;
  const checkpoint = async (step: number) => {
    const dir = path.join(job.checkpointRoot, `step-${String(step).padStart(7, '0')}`);
    const { bytes } = await trainer.saveCheckpointAsync(dir);
    lastCheckpoint = step;
    flush();
    ch.send({ type: 'checkpoint', step, path: dir, bytes });
  };

  // ── a run by minutes: time the first steps, a probe and a checkpoint, fit the total to the budget, start again
  /** a run by minutes: when its fit ended and what it timed and planned (its drift is measured at the end) */
  let budgetFit: (BudgetFit & { at: number }) | null = null;
  if (trainer.config.optimization.minutes > 0) {
    const fit = await fitToBudget(trainer, control, job.paceDrift, () => probeFeatures(0, false), async () => {
      const dir = path.join(job.checkpointRoot, 'pace-check');
      await trainer.saveCheckpointAsync(dir);
      fs.rmSync(dir, { recursive: true, force: true });
    });
    ch.send({ type: 'resolved', config: trainer.config, totalSteps: fit.steps });
    ch.send({ type: 'event', level: 'info', message: fit.message });
    budgetFit = { ...fit, at: Date.now() };
  }
  const cfg = trainer.config;

  /** A GPU out of memory as the run's error, with what to do; the note makes the resume start at half the micro-batch. */
  const gpuFailure = (e: unknown): unknown => {
    if (!(e instanceof GpuMemoryError)) return e;
    // the device's state is in doubt after it ran out: no checkpoint now
    clearInterval(flushTimer);
    flush();
    const mb = trainer.microBatch.size || cfg.data.batch_size;
    fs.mkdirSync(job.checkpointRoot, { recursive: true });
    fs.writeFileSync(oomNote, JSON.stringify({ micro_batch: mb, step: trainer.step, adapter: backend.adapter ?? null }) + '\n');
    const fix = mb > 1 ? `resume it to continue from ${lastCheckpoint !== null ? `its last checkpoint (step ${lastCheckpoint})` : 'the start (no checkpoint yet)'} with micro-batches of ${Math.floor(mb / 2)}` : 'lower data.batch_size or the model size, then start it again';
    // steps queue ahead of their reads on a GPU: the error surfaced by this step, not necessarily in it
    return new Error(`${e.message}, by step ${trainer.step}, with micro-batches of ${mb} of ${cfg.data.batch_size} images (${describeBackend(backend)}); ${fix}`);
  };

  // ── the loop
  const total = trainer.totalSteps;
  const t0 = Date.now();
  /** time spent paused: speed and ETA count training time only */
  let pausedMs = 0;
  /** (training seconds, step) of recent progress reports: speed is measured over the last ~5 s of training, not since the start */
  const recent: { t: number; step: number }[] = [];
  const startStep = trainer.step;
  let lastProgress = 0;
  let lastLoss: number | null = null;
  /** a run by minutes that fell so far behind its fit that its next step would end past the budget */
  let outOfTime = false;
  if (startStep === 0 && logging.eval_every > 0) await probeFeatures(0);
  try {
    while (trainer.step < total) {
      await tick();
      if (control.stop) break;
      if (control.paused) {
        ch.send({ type: 'paused', step: trainer.step });
        const pausedAt = Date.now();
        while (control.paused && !control.stop) await new Promise((r) => setTimeout(r, 100));
        pausedMs += Date.now() - pausedAt;
        if (control.stop) break;
        ch.send({ type: 'resumed', step: trainer.step });
        lastProgress = 0; // the next step reports at once, so the ETA shown after a pause is fresh
      }
      // the deadline counts from the worker's start, as the fit did, less the time paused
      if (budgetFit && budgetLeftSec({ ...budgetFit, elapsedSec: (performance.now() - pausedMs) / 1000 }) <= 0) {
        outOfTime = true;
        break;
      }
      const step = trainer.step + 1; // steps done after this one
      const logged = step % logging.log_every === 0 || step === total || step === startStep + 1;
      const progressDue = Date.now() - lastProgress > 250 || step === total;
      // a GPU step not logged nor reported is not waited for: the next one queues behind it
      const r = await trainer.trainStepAsync({ read: logged || progressDue });
      if (r.loss !== null) {
        lastLoss = r.loss;
        if (!Number.isFinite(r.loss)) {
          flush();
          throw new Error(`loss became ${r.loss} at step ${step}; lower optimization.lr (now ${cfg.optimization.lr}) or raise optimization.warmup`);
        }
      }
      const now = Date.now();
      if (logged && r.loss !== null) {
        pending.push(
          { step, time: now, name: METRIC.loss, value: r.loss },
          { step, time: now, name: METRIC.lr, value: r.lr },
          { step, time: now, name: METRIC.wd, value: r.wd },
          { step, time: now, name: METRIC.momentum, value: r.momentum },
          { step, time: now, name: METRIC.stepMs, value: r.ms! },
        );
        for (const [k, v] of Object.entries(r.reg ?? {})) pending.push({ step, time: now, name: regMetric(k), value: v });
      }
      if (progressDue && lastLoss !== null) {
        lastProgress = now;
        const elapsed = (now - t0 - pausedMs) / 1000;
        recent.push({ t: elapsed, step });
        while (recent.length > 2 && elapsed - recent[1].t >= 5) recent.shift();
        const from = recent.length > 1 ? recent[0] : { t: 0, step: startStep };
        const stepsPerSec = (step - from.step) / Math.max(elapsed - from.t, 1e-3);
        const imagesPerSec = stepsPerSec * cfg.data.batch_size;
        const etaSec = (total - step) / Math.max(stepsPerSec, 1e-9);
        ch.send({ type: 'progress', progress: { step, totalSteps: total, epoch: r.epoch, loss: lastLoss, imagesPerSec, etaSec, at: now } });
      }
      if (logging.eval_every > 0 && step % logging.eval_every === 0 && step !== total) await probeFeatures(step);
      if (logging.checkpoint_every > 0 && step % logging.checkpoint_every === 0 && step !== total) await checkpoint(step);
    }
  } catch (e) {
    throw gpuFailure(e);
  }
  // ── the end: a last probe and checkpoint (a stopped run keeps its place)
  const finished = trainer.step >= total;
  try {
    if ((finished || outOfTime) && logging.eval_every > 0) await probeFeatures(trainer.step);
    if (trainer.step > startStep || finished) await checkpoint(trainer.step);
  } catch (e) {
    throw gpuFailure(e);
  }
  if ((finished || outOfTime) && budgetFit) {
    // the next runs by minutes of this lab keep this drift in reserve (main/runs/run-manager.ts)
    const actualSec = (Date.now() - budgetFit.at - pausedMs) / 1000;
    const planned = plannedSec(budgetFit, trainer.step);
    const drift = actualSec / planned;
    pending.push({ step: trainer.step, time: Date.now(), name: METRIC.paceDrift, value: drift });
    ch.send({ type: 'event', level: 'info', message: `trained in ${actualSec.toFixed(1)} s after its fit, which planned ${planned.toFixed(1)} s${outOfTime ? ` for these ${trainer.step} steps` : ''}: pace drift ${drift.toFixed(3)}` });
    if (outOfTime)
      ch.send({
        type: 'event',
        level: 'warning',
        message: `stopped at its budget of ${budgetFit.minutes} min, after step ${trainer.step} of ${total}: the steps ran ${Math.round((drift - 1) * 100)}% slower than its fit timed, more than the ${Math.round((PACE_SLACK * budgetFit.drift - 1) * 100)}% kept in reserve; its last checkpoint is at step ${trainer.step} (resume it to train the other ${total - trainer.step} steps)`,
      });
  }
  clearInterval(flushTimer);
  flush();
  void trainer.dispose(); // its gradient threads end on their own
  ch.send({ type: 'done', status: finished ? 'completed' : 'stopped', step: trainer.step, finalLoss: lastLoss });
}

/** What a run by minutes' fit timed and planned. Times in seconds. */
interface BudgetFit {
  steps: number;
  message: string;
  minutes: number;
  /** the budget, counted from the worker's start */
  budgetSec: number;
  /** one step with its share of the probes and checkpoints, and the costs of the start and the end (stepsForBudget) */
  plannedSecPerStep: number;
  fixedSec: number;
  /** a probe and a checkpoint, as timed */
  probeSec: number;
  checkpointSec: number;
  /** the drift the fit kept in reserve (at least 1) */
  drift: number;
}

/**
 * Fit a run by minutes to its budget: time some steps (10 to 250, within 8% of the
 * budget; at least 3; a few dozen were too few to average the pace's swings), one
 * probe and one checkpoint; then the steps that fit in what is left (stepsForBudget:
 * the probes and checkpoints they bring, stretched by the drift of the lab's recent
 * runs), and a restart from the initial weights with that total. The budget counts
 * from the worker's start, so loading is included.
 */
async function fitToBudget(trainer: Trainer, control: Control, drift: number | undefined, probe: () => Promise<void>, checkpoint: () => Promise<void>): Promise<BudgetFit> {
  const cfg = trainer.config;
  const { eval_every, checkpoint_every } = cfg.logging;
  const budget = cfg.optimization.minutes * 60; // s
  const now = () => performance.now() / 1000; // s since the worker started
  const times: number[] = [];
  const until = now() + 0.08 * budget;
  let last = performance.now();
  while (times.length < 3 || (times.length < 250 && (times.length < 10 || now() < until) && now() < until + 0.04 * budget)) {
    await tick();
    if (control.stop) break;
    await trainer.trainStepAsync({ read: true }); // read back: on a GPU, the step has then run
    // wall time from step to step, the loop's own work and the collector's pauses included
    const t = performance.now();
    times.push((t - last) / 1000);
    last = t;
  }
  // the first steps compile kernels and grow heaps: the pace is the later half's mean
  const later = times.slice(Math.floor(times.length / 2));
  const stepSec = later.reduce((a, b) => a + b, 0) / Math.max(later.length, 1);
  let t = now();
  await probe();
  const probeSec = eval_every > 0 ? now() - t : 0;
  t = now();
  await checkpoint();
  const checkpointSec = now() - t;
  const fit = stepsForBudget({ budgetSec: budget, elapsedSec: now(), stepSec, probeSec, checkpointSec, evalEvery: eval_every, checkpointEvery: checkpoint_every, drift });
  if (fit.steps < 1)
    throw new Error(`optimization.minutes ${cfg.optimization.minutes} leaves no time to train here: a step takes ${(stepSec * 1000).toFixed(0)} ms, and loading, the probes and a checkpoint already take ${(now() + fit.fixedSec).toFixed(1)} s; give more minutes`);
  await trainer.restart(fit.steps);
  const ms = (v: number) => `${(v * 1000).toFixed(0)} ms`;
  const reserve =
    drift === undefined
      ? `no drift: fewer than ${PACE_DRIFT_RUNS} earlier runs by minutes here have measured it`
      : fit.drift > 1
        ? `the drift of this lab's last ${PACE_DRIFT_RUNS} runs by minutes, all at least ${Math.round((fit.drift - 1) * 100)}% slower than timed`
        : `no drift: not all of this lab's last ${PACE_DRIFT_RUNS} runs by minutes ran slower than timed`;
  return {
    steps: fit.steps,
    minutes: cfg.optimization.minutes,
    budgetSec: budget,
    plannedSecPerStep: fit.plannedSecPerStep,
    fixedSec: fit.fixedSec,
    probeSec,
    checkpointSec,
    drift: fit.drift,
    message: `budget ${cfg.optimization.minutes} min: ${fit.steps} steps at ${ms(stepSec)} a step (the mean of the later ${later.length} of ${times.length} timed steps; a probe ${ms(probeSec)}, a checkpoint ${ms(checkpointSec)}; kept in reserve: ${Math.round((PACE_SLACK - 1) * 100)}%, and ${reserve}); the config now says optimization.steps ${fit.steps}`,
  };
}
