// How much does the readout lose? The lab evaluates one average-pooled vector
// per image (the target encoder's output, as the paper's linear probe); this
// diagnostic scores other readouts of the same checkpoint with the same kNN
// and linear probe (worker/eval/eval.ts) on the dataset's fixed split, for
// docs/recipe.md:
//   pool        mean over tokens of the final (layer-normed) output — what `eval` scores
//   last4       the means of the last four blocks' outputs, each layer-normed, concatenated
//   regions3x3  means over nine overlapping regions of the token grid, concatenated (keeps layout)
//   tokens      every token's output, concatenated (kNN only: too wide for the probe's budget)
// and then which digits kNN mistakes for which, on `pool` and on raw pixels.
//
//   npx tsx docs/diagnostics/readouts.ts HOME [RUN_ID=1] [STEP=latest] [--context]
// (--context reads the context encoder instead of the target encoder)
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../worker/backend/backend.ts';
import { gridSize } from '../../main/common/config.ts';
import { heldOutIndices, loadImageSet, trainIndices } from '../../main/common/imageset.ts';
import { resizeBatch } from '../../worker/data/augment.ts';
import { knnAccuracy, knnPredict } from '../../worker/eval/knn.ts';
import { linearProbe } from '../../worker/eval/linear-probe.ts';
import { layerNorm, patchify } from '../../worker/model/model.ts';
import { Trainer } from '../../worker/train/trainer.ts';
import { Lab } from '../../main/lab/lab.ts';
import { resolveCheckpoint } from '../../main/lab/analysis.ts';

const args = process.argv.slice(2);
const useContext = args.includes('--context');
const [home, runArg, stepArg] = args.filter((a) => a !== '--context');
if (!home) throw new Error('usage: npx tsx docs/diagnostics/readouts.ts HOME [RUN_ID] [STEP] [--context]');
await initBackend('wasm');
const lab = Lab.open(home);
const run = lab.run(Number(runArg ?? 1));
const data = loadImageSet(lab.dataset(run.dataset_id).path);
if (!data.labels) throw new Error('the dataset has no labels');
const ck = resolveCheckpoint(lab, run, stepArg === undefined ? undefined : Number(stepArg));
const trainer = await Trainer.create({ config: run.config, data, resumeDir: ck?.path });
const cfg = run.config;
const { crop_size: S, channels: C } = cfg.data;
const p = cfg.mask.patch_size;
const G = gridSize(cfg);
const D = cfg.model.embed_dim;
const enc = useContext ? trainer.model.encoder : trainer.model.target;

/** Overlapping thirds of the grid: [start, end) per region row/column. */
const third = Math.ceil(G / 3);
const spans = [0, Math.floor((G - third) / 2), G - third].map((s) => [s, s + third]);

function readouts(idx: Int32Array): Record<string, Float32Array> {
  const parts: Record<string, Float32Array[]> = {};
  for (let i0 = 0; i0 < idx.length; i0 += 250) {
    const ii = Array.from(idx.subarray(i0, i0 + 250));
    const m = ii.length;
    const patches = patchify(resizeBatch(data, ii, S, C), m, S, C, p); // [m, N, P]
    const out = tf.tidy(() => {
      const layers = enc.blockOutputs(tf.tensor3d(patches, [m, G * G, C * p * p]), enc.posEmbed); // depth × [m, N, D]
      const fin = layerNorm(layers.at(-1)!, enc.norm); // [m, N, D], as enc.forward
      const grid = fin.reshape([m, G, G, D]);
      const regions = spans.flatMap(([r0, r1]) => spans.map(([c0, c1]) => tf.mean(grid.slice([0, r0, c0, 0], [m, r1 - r0, c1 - c0, D]), [1, 2])));
      return {
        pool: tf.mean(fin, 1), // [m, D]
        last4: tf.concat(layers.slice(-4).map((l) => tf.mean(layerNorm(l, null), 1)), 1), // [m, ≤4·D]
        regions3x3: tf.concat(regions, 1), // [m, 9·D]
        tokens: fin.reshape([m, -1]), // [m, N·D]
      };
    });
    for (const [k, t] of Object.entries(out)) (parts[k] ??= []).push(t.dataSync() as Float32Array);
    tf.dispose(Object.values(out));
  }
  const joined: Record<string, Float32Array> = {};
  for (const [k, list] of Object.entries(parts)) {
    joined[k] = new Float32Array(list.reduce((s, a) => s + a.length, 0));
    list.reduce((o, a) => (joined[k].set(a, o), o + a.length), 0);
  }
  return joined;
}

const tr = trainIndices(data);
const te = heldOutIndices(data);
const trL = Array.from(tr, (i) => data.labels![i]);
const teL = Array.from(te, (i) => data.labels![i]);
const classes = data.classes?.length ?? Math.max(...data.labels) + 1;
const A = readouts(tr);
const B = readouts(te);
const pct = (x: number) => (Number.isNaN(x) ? '—' : `${(100 * x).toFixed(1)}%`);
console.log(`run ${run.id}, checkpoint ${ck ? ck.step : 'random init'}, ${useContext ? 'context' : 'target'} encoder, ${tr.length} memory / ${te.length} held out`);
for (const k of Object.keys(A)) {
  const d = A[k].length / tr.length;
  const knn = knnAccuracy(A[k], trL, B[k], teL, d, classes);
  const lin = d <= 1000 ? linearProbe(A[k], trL, B[k], teL, d, classes, { seed: 0 }).accuracy : NaN;
  console.log(`${k.padEnd(11)} dim ${String(d).padStart(5)}  kNN ${pct(knn)}  linear ${pct(lin)}`);
}
/** The most frequent kNN mistakes, "true→predicted ×count". */
function mistakes(train: Float32Array, test: Float32Array, d: number): string {
  const pred = knnPredict(train, trL, test, d, classes); // eval's k and temperature
  const count = new Map<string, number>();
  teL.forEach((t, i) => {
    const key = `${t}→${pred[i]}`;
    if (pred[i] !== t) count.set(key, (count.get(key) ?? 0) + 1);
  });
  return [...count].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, v]) => `${k} ×${v}`).join(', ');
}
console.log(`kNN mistakes, pool:   ${mistakes(A.pool, B.pool, D)}`);
console.log(`kNN mistakes, pixels: ${mistakes(resizeBatch(data, Array.from(tr), S, C), resizeBatch(data, Array.from(te), S, C), S * S * C)}`);
trainer.dispose();
