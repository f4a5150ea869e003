// RSS of a process that loads tfjs and its wasm backend, as a worker does: run it plain
// (`node docs/bench/tsx-rss.mjs`) and through tsx (`node --import tsx docs/bench/tsx-rss.mjs`)
// to see what tsx's loader costs a worker process (docs/bench/blas.md, "Memory").
const tf = await import('@tensorflow/tfjs');
await import('@tensorflow/tfjs-backend-wasm');
await tf.setBackend('wasm');
await tf.ready();
console.log(`RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`);
