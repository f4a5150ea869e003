// Starts a gradient thread (worker/train/grad-thread.ts) from the TypeScript sources:
// a worker thread gets no loader from its parent, so register tsx first. The
// bundled app starts the built grad-thread.js directly (worker/train/parallel.ts).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
