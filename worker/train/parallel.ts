// Data-parallel gradients inside the training process (optimization.workers).
//
// The wasm backend runs on one thread (tfjs turns wasm threads off under Node),
// so a step uses one core. Here a step's gradient is computed by T threads:
// the main thread and T − 1 node:worker_threads, each with its own tfjs (wasm)
// instance and its own copy of the parameters (worker/train/grad-thread.ts), all
// running the same code (worker/train/step.ts) on a share of the step's images:
//
// - several micro-batches (optimization.micro_batch > 0): each thread takes a
//   contiguous group of whole micro-batches and returns the weighted sum of
//   their gradients, exactly as gradient accumulation weights them;
// - one micro-batch (the whole batch): the batch is cut into T shards. The
//   prediction loss is a mean over images, so the shards' weighted gradients
//   add up to the batch's. The batch-level regularizers (VICReg, SIGReg on the
//   pooled features of all B images) are not sums over images: midway through
//   the forward pass the threads swap their shards' pooled features (through
//   the main thread), and each computes the regularizers of the whole batch
//   with only its own rows on the tape, so that its gradient is its shard's
//   part of the whole batch's.
//
// Either way the gradient equals the single-thread one up to float summation
// order, so the loss curve does not depend on the number of threads. The main
// thread then applies AdamW and the EMA once, and the threads read the new
// parameters from shared memory before their next share. The crops and masks
// are drawn on the main thread, keyed by step, as without threads.
//
// Hand-offs are synchronous, so trainStep() stays synchronous: the main thread
// posts the shares, computes its own, then blocks on Atomics.wait until each
// thread has written its gradients into its SharedArrayBuffer and posted a small
// message (read with receiveMessageOnPort); the swap of pooled features blocks
// the same way in both directions. Parameters travel through one
// SharedArrayBuffer, gradients through one per thread; no JSON anywhere.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs';
import { bundledEntry, sourcesRoot } from '../../main/common/bundle.ts';
import type { JepaConfig } from '../../main/common/config.ts';
import type { MaskBatch } from '../../main/common/masks.ts';
import { modelKernels, type Param } from '../model/model.ts';
import { wasmValues } from '../backend/wasm-kernels.ts';
import type { ModelKernels } from '../../main/common/protocol.ts';
import { accumulateGrads, hasBatchRegularizers, lossAndGrads, microBatches, type GradResult, type Part } from './step.ts';
import type { StepModel } from '../model/forward.ts';

/**
 * Below this many FLOPs per step (estimateStepFlops), auto keeps one thread:
 * the hand-off costs a little every step, two wasm instances running at once
 * are each slower than one alone, and the fixed per-op cost is paid in both
 * threads, so small steps lose. Where the threshold comes from (two-thread
 * against one-thread benches either side of it): docs/bench/README.md.
 */
export const AUTO_MIN_STEP_FLOPS = 0.9e9;

export interface WorkerChoice {
  /** gradient threads, the main thread included (1 = off) */
  workers: number;
  /** why this many: the setting, the backend, the cap, or auto's reasoning */
  reason: string;
}

/** How many gradient threads a config gets on a backend (optimization.workers; 0 = auto). */
export function resolveWorkers(cfg: JepaConfig, backend: string, stepFlops: number, cores = os.availableParallelism()): WorkerChoice {
  const requested = cfg.optimization.workers;
  if (backend !== 'wasm' && backend !== 'cpu')
    return { workers: 1, reason: `backend ${backend} ${backend === 'webgpu' ? 'runs on the GPU' : 'runs its kernels on several threads already'}${requested > 1 ? ` (optimization.workers = ${requested} ignored)` : ''}` };
  const parts = microBatches(cfg.data.batch_size, cfg.optimization.micro_batch);
  // a thread needs a micro-batch of its own (several micro-batches) or an image (one)
  const cap = parts.length > 1 ? parts.length : cfg.data.batch_size;
  const capNote = (w: number, want: number) => (w < want ? `, capped at ${cap} ${parts.length > 1 ? 'micro-batches' : 'images'} per step` : '');
  if (requested === 1) return { workers: 1, reason: 'optimization.workers = 1' };
  if (requested > 1) {
    const w = Math.min(requested, cap);
    return { workers: w, reason: `optimization.workers = ${requested}${capNote(w, requested)}` };
  }
  if (stepFlops < AUTO_MIN_STEP_FLOPS)
    return { workers: 1, reason: `auto: a ${(stepFlops / 1e9).toFixed(3)} GFLOP step is too small to split across threads` };
  const want = Math.min(2, cores);
  const w = Math.min(want, cap);
  return { workers: w, reason: `auto: min(2, ${cores} cores) on the single-threaded ${backend} backend${capNote(w, want)}` };
}

// ---------------------------------------------------------------------------
// Messages (structured clone; Float32Arrays transferred, never JSON)

export interface ThreadInit {
  index: number;
  config: JepaConfig;
  backend: string;
  kernels: ModelKernels;
  /** gradient threads in the pool, the main thread included (each sizes its BLAS threads by it) */
  gradientThreads: number;
  /** all parameters: the trainable ones (optimiser order), then the target encoder's */
  params: SharedArrayBuffer;
  /** this thread's gradients of the trainable parameters */
  grads: SharedArrayBuffer;
  /** Int32 [signals to the main thread, exited flag, signals to the thread] */
  ctrl: SharedArrayBuffer;
  port: MessagePort;
}

export type ToThread =
  /** a share: with `shard`, one shard of a batch whose regularizers span the threads */
  | { type: 'share'; step: number; patches: Float32Array; masks: MaskBatch; parts: Part[]; shard: { start: number; batch: number } | null }
  /** the whole batch's pooled features (answer to 'pooled'), or give up the share */
  | { type: 'batch-pooled'; pooled: Float32Array }
  | { type: 'abort' }
  | { type: 'stats' };

export type FromThread =
  | { type: 'ready'; backend: string }
  | { type: 'pooled'; pooled: Float32Array }
  | { type: 'grads'; loss: number; reg: Record<string, number>; has: boolean[] }
  | { type: 'stats'; numTensors: number; heapBytes: number | null }
  | { type: 'error'; message: string };

/** Control block slots (Int32): signals to the main thread, the thread exited, signals to the thread. */
export const CTRL = { toMain: 0, exited: 1, toThread: 2, size: 3 } as const;

/** Float offsets of parameters laid end to end. */
export function paramOffsets(params: Param[]): { offsets: number[]; total: number } {
  const offsets: number[] = [];
  let total = 0;
  for (const p of params) {
    offsets.push(total);
    total += p.v.size;
  }
  return { offsets, total };
}

/** The thread entry: from the sources, grad-thread.ts bundled (main/common/bundle.ts); in the app's build, grad-thread.js beside this file. */
function threadEntry(): URL {
  const sources = sourcesRoot();
  if (sources) return pathToFileURL(bundledEntry(path.join(sources, 'worker', 'train', 'grad-thread.ts')));
  const here = import.meta.url;
  for (const rel of ['./grad-thread.js', '../grad-thread.js']) {
    const u = new URL(rel, here);
    if (fs.existsSync(fileURLToPath(u))) return u;
  }
  throw new Error(`the gradient thread entry grad-thread.js is not beside ${here}`);
}

interface Thread {
  index: number;
  worker: Worker;
  port: MessagePort;
  ctrl: Int32Array;
  grads: Float32Array;
}

/** Contiguous, balanced groups: k items into t groups → [start, end) item ranges. */
function split(k: number, t: number): [number, number][] {
  return Array.from({ length: t }, (_, i) => [Math.floor((i * k) / t), Math.floor(((i + 1) * k) / t)] as [number, number]);
}

/** A thread's share of a step: images [start, end) and its micro-batches (re-based to the share). */
interface Share {
  start: number;
  end: number;
  parts: Part[];
}

export class GradientPool {
  /** gradient threads, the main thread included */
  readonly size: number;
  private readonly threads: Thread[];
  private readonly s: StepModel;
  private readonly trainable: Param[];
  private readonly all: Param[];
  private readonly params: Float32Array;
  private readonly offsets: number[];
  private readonly gradOffsets: number[];
  private disposed = false;
  private ended: Promise<void> = Promise.resolve();

  private constructor(s: StepModel, trainable: Param[], target: Param[], threads: Thread[], params: Float32Array) {
    this.s = s;
    this.trainable = trainable;
    this.all = [...trainable, ...target];
    this.threads = threads;
    this.size = threads.length + 1;
    this.params = params;
    this.offsets = paramOffsets(this.all).offsets;
    this.gradOffsets = paramOffsets(trainable).offsets;
  }

  /**
   * Start `size − 1` gradient threads for a model (blocks until each has its
   * backend and model ready, about a second). Throws, with the threads ended,
   * if one fails.
   */
  static start(s: StepModel, trainable: Param[], target: Param[], size: number): GradientPool {
    const backend = tf.getBackend();
    const paramsSab = new SharedArrayBuffer(paramOffsets([...trainable, ...target]).total * 4);
    const gradFloats = paramOffsets(trainable).total;
    const file = threadEntry();
    const threads: Thread[] = [];
    try {
      for (let i = 1; i < size; i++) {
        const { port1, port2 } = new MessageChannel();
        const ctrl = new SharedArrayBuffer(4 * CTRL.size);
        const grads = new SharedArrayBuffer(gradFloats * 4);
        const init: ThreadInit = { index: i, config: s.config, backend, kernels: modelKernels(), gradientThreads: size, params: paramsSab, grads, ctrl, port: port2 };
        // no execArgv: the entry is plain JavaScript, and the thread needs none of the process's loaders
        const worker = new Worker(file, { workerData: init, transferList: [port2], execArgv: [] });
        worker.unref(); // never keeps the process alive; Trainer.dispose() terminates it
        worker.on('error', () => {}); // reported through the control block (see receive)
        threads.push({ index: i, worker, port: port1, ctrl: new Int32Array(ctrl), grads: new Float32Array(grads) });
      }
      for (const t of threads) {
        const m = receive(t);
        if (m.type !== 'ready') throw new Error(`gradient thread ${t.index}: expected ready, got ${m.type}`);
      }
    } catch (e) {
      for (const t of threads) void t.worker.terminate();
      throw e;
    }
    return new GradientPool(s, trainable, target, threads, new Float32Array(paramsSab));
  }

  /** Copy every parameter (trainable and target) into shared memory for the threads. */
  private writeParams(): void {
    // read where the backend keeps them (wasm): no copy per parameter per step
    this.all.forEach((p, i) => this.params.set(wasmValues(p.v) ?? (p.v.dataSync() as Float32Array), this.offsets[i]));
  }

  /**
   * The step's gradient of the trainable parameters, as accumulateGrads gives
   * it for the whole batch: `parts` are the step's micro-batches, `patches` and
   * `masks` the whole batch's. Caller disposes the gradients. `whileWaiting` runs
   * on this thread once its own share is done, while the others finish theirs.
   */
  gradients(patches: Float32Array, masks: MaskBatch, step: number, parts: Part[], whileWaiting?: () => void): GradResult {
    if (this.disposed) throw new Error('the gradient threads were ended (Trainer disposed)');
    const B = masks.context.length;
    const NP = this.s.N * this.s.P;
    let shares: Share[];
    let batchReg = false;
    if (parts.length > 1) {
      shares = split(parts.length, Math.min(this.size, parts.length)).map(([a, b]) => {
        const start = parts[a].start;
        return { start, end: parts[b - 1].end, parts: parts.slice(a, b).map((p) => ({ start: p.start - start, end: p.end - start, weight: p.weight })) };
      });
    } else {
      shares = split(B, Math.min(this.size, B)).map(([a, b]) => ({ start: a, end: b, parts: [{ start: 0, end: b - a, weight: (b - a) / B }] }));
      batchReg = shares.length > 1 && hasBatchRegularizers(this.s.config);
    }
    if (shares.length === 1) return accumulateGrads(this.s, patches, masks, step, this.trainable, parts);

    this.writeParams();
    const sub = (sh: Share): MaskBatch => ({ context: masks.context.slice(sh.start, sh.end), targets: masks.targets.slice(sh.start, sh.end) });
    const used = this.threads.slice(0, shares.length - 1);
    used.forEach((t, i) => {
      const sh = shares[i + 1];
      const x = patches.slice(sh.start * NP, sh.end * NP);
      const msg: ToThread = { type: 'share', step, patches: x, masks: sub(sh), parts: sh.parts, shard: batchReg ? { start: sh.start, batch: B } : null };
      toThread(t, msg, [x.buffer]);
    });
    const own = shares[0];
    const ownPatches = patches.subarray(own.start * NP, own.end * NP);
    // where each thread is in its share, so that a failure can let them finish cleanly
    const stage: Stage[] = used.map(() => (batchReg ? 'pooled' : 'grads'));
    const next = <K extends FromThread['type']>(i: number, type: K) => {
      try {
        return expect(used[i], type);
      } catch (e) {
        stage[i] = 'done'; // the thread gave up its share
        throw e;
      }
    };
    let mine: GradResult | null = null;
    let loss: number;
    let reg: Record<string, number>;
    let results: Extract<FromThread, { type: 'grads' }>[];
    try {
      if (batchReg) {
        // this thread's forward pass stops midway to swap the shards' pooled context features
        const exchange = (mineP: Float32Array): Float32Array => {
          const D = mineP.length / (own.end - own.start); // pooled (D) or projected (H) width
          const pooled = new Float32Array(B * D);
          pooled.set(mineP, own.start * D);
          used.forEach((_, i) => {
            pooled.set(next(i, 'pooled').pooled, shares[i + 1].start * D);
            stage[i] = 'batch';
          });
          used.forEach((t, i) => {
            const copy = pooled.slice();
            toThread(t, { type: 'batch-pooled', pooled: copy }, [copy.buffer]);
            stage[i] = 'grads';
          });
          return pooled;
        };
        mine = lossAndGrads(this.s, ownPatches, sub(own), step, this.trainable, { start: own.start, batch: B, exchange });
      } else {
        mine = accumulateGrads(this.s, ownPatches, sub(own), step, this.trainable, own.parts);
      }
      loss = mine.loss;
      reg = { ...mine.reg }; // with batchReg, the whole batch's (every thread computes the same)
      whileWaiting?.();
      results = used.map((_, i) => {
        const r = next(i, 'grads');
        stage[i] = 'done';
        return r;
      });
    } catch (e) {
      used.forEach((t, i) => drain(t, stage[i]));
      if (mine) tf.dispose(mine.grads.filter((g): g is tf.Tensor => g !== null));
      throw e;
    }
    // sum: this thread's gradients + every other thread's, read from its shared buffer
    for (const r of results) {
      loss += r.loss;
      if (!batchReg) for (const [k, v] of Object.entries(r.reg)) reg[k] = (reg[k] ?? 0) + v;
    }
    const ownGrads = mine!.grads;
    const grads = this.trainable.map((p, i) => {
      const g0 = ownGrads[i];
      const others = used.filter((_, j) => results[j].has[i]);
      if (others.length === 0) return g0;
      const off = this.gradOffsets[i];
      const out = tf.tidy(() => {
        let sum: tf.Tensor | null = g0;
        for (const t of others) {
          const shared = t.grads.subarray(off, off + p.v.size);
          // wasm copies it into its heap; the cpu backend would keep the shared memory the next share rewrites
          const g = tf.tensor(tf.getBackend() === 'wasm' ? shared : shared.slice(), p.v.shape, 'float32');
          sum = sum ? tf.add(sum, g) : g;
        }
        return sum!;
      });
      g0?.dispose();
      return out;
    });
    return { loss, reg, grads };
  }

  /** Live tensors and wasm heap size (null off wasm) of each gradient thread. */
  stats(): { numTensors: number; heapBytes: number | null }[] {
    if (this.disposed) return [];
    return this.threads.map((t) => {
      toThread(t, { type: 'stats' });
      const { numTensors, heapBytes } = expect(t, 'stats');
      return { numTensors, heapBytes };
    });
  }

  /** End the threads; resolves when they have exited (nothing needs to wait for it). */
  dispose(): Promise<void> {
    if (!this.disposed) {
      this.disposed = true;
      this.ended = Promise.all(
        this.threads.map((t) => {
          t.port.close();
          return t.worker.terminate();
        }),
      ).then(() => undefined);
    }
    return this.ended;
  }
}

/** Block until the thread's next message (the thread bumps ctrl[0] after each post). */
function receive(t: Thread): FromThread {
  for (;;) {
    const seen = Atomics.load(t.ctrl, CTRL.toMain);
    const m = receiveMessageOnPort(t.port);
    if (m) {
      const msg = m.message as FromThread;
      if (msg.type === 'error') throw new Error(`gradient thread ${t.index}: ${msg.message}`);
      return msg;
    }
    if (Atomics.load(t.ctrl, CTRL.exited)) throw new Error(`gradient thread ${t.index} exited`);
    Atomics.wait(t.ctrl, CTRL.toMain, seen, 1000);
  }
}

/** Post to a thread, which blocks until a message comes (worker/train/grad-thread.ts). */
function toThread(t: Thread, msg: ToThread, transfer: ArrayBuffer[] = []): void {
  t.port.postMessage(msg, transfer);
  Atomics.add(t.ctrl, CTRL.toThread, 1);
  Atomics.notify(t.ctrl, CTRL.toThread);
}

function expect<K extends FromThread['type']>(t: Thread, type: K): Extract<FromThread, { type: K }> {
  const m = receive(t);
  if (m.type !== type) throw new Error(`gradient thread ${t.index}: expected ${type}, got ${m.type}`);
  return m as Extract<FromThread, { type: K }>;
}

type Stage = 'pooled' | 'batch' | 'grads' | 'done';

/** After a failure: let a thread finish or give up its share (it answers an abort with an error). */
function drain(t: Thread, stage: Stage): void {
  try {
    if (stage === 'done') return;
    if (stage === 'pooled') expect(t, 'pooled');
    if (stage === 'pooled' || stage === 'batch') toThread(t, { type: 'abort' });
    expect(t, 'grads');
  } catch {
    /* the first error is the one to report */
  }
}
