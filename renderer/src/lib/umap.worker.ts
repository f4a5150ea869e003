// UMAP of embedding vectors (umap-js) in a Web Worker, off the UI thread.
// In: {vectors: Float32Array [n·d], n, d, seed}. Out: progress messages, then the 2-D layout.
import { UMAP } from 'umap-js';

export interface UmapRequest {
  vectors: Float32Array;
  n: number;
  d: number;
  seed: number;
}
export type UmapMessage = { type: 'progress'; done: number; total: number; phase: string } | { type: 'done'; xy: Float32Array } | { type: 'error'; message: string };

function mulberry32(seed: number): () => number {
  let s = seed | 0;
  return () => {
    let t = (s = (s + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const post = (m: UmapMessage, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(m, transfer);

self.onmessage = (e: MessageEvent<UmapRequest>) => {
  try {
    const { vectors, n, d, seed } = e.data;
    const X: number[][] = new Array(n);
    for (let i = 0; i < n; i++) X[i] = Array.from(vectors.subarray(i * d, (i + 1) * d));
    post({ type: 'progress', done: 0, total: 1, phase: 'nearest neighbours' });
    const umap = new UMAP({ nComponents: 2, nNeighbors: Math.max(2, Math.min(15, n - 1)), minDist: 0.1, random: mulberry32(seed), nEpochs: n > 5000 ? 150 : 250 });
    const epochs = umap.initializeFit(X);
    for (let i = 0; i < epochs; i++) {
      umap.step();
      if (i % 10 === 0) post({ type: 'progress', done: i, total: epochs, phase: 'layout' });
    }
    const emb = umap.getEmbedding();
    const xy = new Float32Array(n * 2);
    emb.forEach((p, i) => {
      xy[2 * i] = p[0];
      xy[2 * i + 1] = p[1];
    });
    post({ type: 'done', xy }, [xy.buffer]);
  } catch (err) {
    post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};
