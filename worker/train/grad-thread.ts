// A data-parallel gradient thread (worker/train/parallel.ts): its own tfjs instance
// and copy of the networks; for each share of a step it reads the current
// parameters from shared memory, computes the share's loss and gradients with
// the same code as the main thread (worker/train/step.ts), writes the gradients into
// its shared buffer and posts a small message, then bumps the control counter
// the main thread is blocked on. When the batch's regularizers span the
// threads, the forward pass stops midway to swap pooled features with the main
// thread (exchange below), blocking the same way.
import { receiveMessageOnPort, workerData } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs';
import { initBackend, wasmHeapBytes, type BackendRequest } from '../backend/backend.ts';
import { blasKernelsActive, setBlasThreadsFor } from '../backend/blas-kernels.ts';
import { overwriteWasmValues, wasmValues } from '../backend/wasm-kernels.ts';
import { assignValues, createJepa, setModelKernels, trainableParams } from '../model/model.ts';
import { accumulateGrads, lossAndGrads, type GradResult } from './step.ts';
import { stepModel } from '../model/forward.ts';
import { CTRL, paramOffsets, type FromThread, type ThreadInit, type ToThread } from './parallel.ts';

const init = workerData as ThreadInit;
const port = init.port;
const ctrl = new Int32Array(init.ctrl);

function send(msg: FromThread): void {
  port.postMessage(msg);
  Atomics.add(ctrl, CTRL.toMain, 1);
  Atomics.notify(ctrl, CTRL.toMain);
}

/** Block until the main thread's next message (mid-share: the swap of pooled features). */
function receive(): ToThread {
  for (;;) {
    const seen = Atomics.load(ctrl, CTRL.toThread);
    const m = receiveMessageOnPort(port);
    if (m) return m.message as ToThread;
    Atomics.wait(ctrl, CTRL.toThread, seen, 1000);
  }
}

/** Hand this shard's pooled features to the main thread; get the whole batch's back. */
function exchange(own: Float32Array): Float32Array {
  send({ type: 'pooled', pooled: own });
  const m = receive();
  if (m.type === 'batch-pooled') return m.pooled;
  throw new Error(m.type === 'abort' ? 'share given up (the main thread failed)' : `expected the batch's pooled features, got ${m.type}`);
}
const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

// The main thread blocks on ctrl: tell it when this thread ends for any reason.
process.on('exit', () => {
  Atomics.store(ctrl, CTRL.exited, 1);
  Atomics.add(ctrl, CTRL.toMain, 1);
  Atomics.notify(ctrl, CTRL.toMain);
});

try {
  await initBackend(init.backend as BackendRequest);
  setModelKernels(init.kernels);
  setBlasThreadsFor(init.gradientThreads);
} catch (e) {
  send({ type: 'error', message: `backend ${init.backend} failed to start in a worker thread: ${message(e)}` });
  process.exit(1);
}

const model = createJepa(init.config);
const s = stepModel(init.config, model);
const trainable = trainableParams(model);
const all = [...trainable, ...model.target.params];
const { offsets } = paramOffsets(all);
const gradOffsets = paramOffsets(trainable).offsets;
const params = new Float32Array(init.params);
const grads = new Float32Array(init.grads);

/** Take the main thread's current parameters (trainable and target). */
function readParams(): void {
  // in place where the BLAS addon does the matMuls (it keeps no packed weights), which saves a
  // tensor per parameter per step; else new tensors (see wasmValues), of copies, as the shared
  // memory changes every step
  const inPlace = blasKernelsActive();
  all.forEach((p, i) => {
    const values = params.subarray(offsets[i], offsets[i] + p.v.size);
    if (!(inPlace && overwriteWasmValues(p.v, values))) assignValues(p, values.slice());
  });
}

/** Gradients into shared memory; the message says which parameters have one. */
function sendGrads(r: GradResult): void {
  const has = r.grads.map((g, i) => {
    if (!g) return false;
    grads.set(wasmValues(g) ?? (g.dataSync() as Float32Array), gradOffsets[i]);
    return true;
  });
  tf.dispose(r.grads.filter((g): g is tf.Tensor => g !== null));
  send({ type: 'grads', loss: r.loss, reg: r.reg, has });
}

/** Answer one message from the main thread. */
function handle(msg: ToThread): void {
  try {
    if (msg.type === 'stats') return send({ type: 'stats', numTensors: tf.memory().numTensors, heapBytes: wasmHeapBytes() });
    if (msg.type === 'share') {
      readParams();
      if (msg.shard) {
        const r = lossAndGrads(s, msg.patches, msg.masks, msg.step, trainable, { ...msg.shard, exchange });
        return sendGrads({ ...r, reg: {} }); // the main thread reports the batch's regularizers
      }
      return sendGrads(accumulateGrads(s, msg.patches, msg.masks, msg.step, trainable, msg.parts));
    }
    // 'batch-pooled' and 'abort' are read synchronously by exchange(); one arriving here is stale
  } catch (e) {
    send({ type: 'error', message: message(e) });
  }
}

send({ type: 'ready', backend: tf.getBackend() });
// blocked on the control block, not on the event loop: a share starts sooner after it is posted
// (the main thread notifies every post); Worker.terminate() ends the loop
for (;;) handle(receive());
