import { workerData } from "node:worker_threads";
import * as tf from "@tensorflow/tfjs";
import { i as initBackend, w as wasmHeapBytes } from "./chunks/backend-CYlX8h2Q.js";
import { s as setAttentionKernel, c as createJepa, a as stepModel, t as trainableParams, p as paramOffsets, b as pooledFeatures, d as accumulateGrads, l as lossAndGrads } from "./chunks/parallel-D_oItjZe.js";
import "node:module";
import "node:fs";
import "node:os";
import "node:url";
const init = workerData;
const port = init.port;
const ctrl = new Int32Array(init.ctrl);
function send(msg) {
  port.postMessage(msg);
  Atomics.add(ctrl, 0, 1);
  Atomics.notify(ctrl, 0);
}
const message = (e) => e instanceof Error ? e.message : String(e);
process.on("exit", () => {
  Atomics.store(ctrl, 1, 1);
  Atomics.add(ctrl, 0, 1);
  Atomics.notify(ctrl, 0);
});
try {
  await initBackend(init.backend);
  setAttentionKernel(init.attention);
} catch (e) {
  send({ type: "error", message: `backend ${init.backend} failed to start in a worker thread: ${message(e)}` });
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
function readParams() {
  tf.tidy(() => all.forEach((p, i) => p.v.assign(tf.tensor(params.slice(offsets[i], offsets[i] + p.v.size), p.v.shape, "float32"))));
}
function sendGrads(r, loss) {
  const has = r.grads.map((g, i) => {
    if (!g) return false;
    grads.set(g.dataSync(), gradOffsets[i]);
    return true;
  });
  tf.dispose(r.grads.filter((g) => g !== null));
  send({ type: "grads", loss, reg: r.reg, has });
}
let pending = null;
port.on("message", (msg) => {
  try {
    if (msg.type === "stats") return send({ type: "stats", numTensors: tf.memory().numTensors, heapBytes: wasmHeapBytes() });
    if (msg.type === "share") {
      readParams();
      if (msg.batchReg) {
        pending = msg;
        return send({ type: "pooled", pooled: pooledFeatures(s, msg.patches, msg.masks) });
      }
      const r = accumulateGrads(s, msg.patches, msg.masks, msg.step, trainable, msg.parts);
      return sendGrads(r, r.loss);
    }
    if (msg.type === "reg-grad") {
      const share = pending;
      pending = null;
      if (!share) throw new Error("regularizer gradient without a pending share");
      const w = share.parts[0].weight;
      const r = lossAndGrads(s, share.patches, share.masks, share.step, trainable, { grad: msg.grad, weight: w });
      return sendGrads({ ...r, reg: {} }, w * r.loss);
    }
  } catch (e) {
    pending = null;
    send({ type: "error", message: message(e) });
  }
});
send({ type: "ready", backend: tf.getBackend() });
