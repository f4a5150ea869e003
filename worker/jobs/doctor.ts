// `jepa-lab doctor`'s backend check, in a worker (the lab process never loads
// TensorFlow.js): start each requested backend and compute a small product on it.
import * as tf from '@tensorflow/tfjs';
import type { DoctorJob } from '../../main/common/protocol.ts';
import { describeBackend, initBackend } from '../backend/backend.ts';
import type { Channel } from '../channel.ts';

export async function run(job: DoctorJob, ch: Channel): Promise<void> {
  const backends: { request: DoctorJob['backends'][number]; ok: boolean; detail: string }[] = [];
  for (const request of job.backends) {
    try {
      const b = await initBackend(request);
      const v = tf.tidy(() => tf.matMul(tf.ones([2, 3]), tf.ones([3, 2])).dataSync()[0]);
      if (v !== 3) throw new Error(`a 2×3 · 3×2 product of ones gave ${v}, not 3`);
      backends.push({ request, ok: true, detail: describeBackend(b) });
    } catch (e) {
      backends.push({ request, ok: false, detail: (e instanceof Error ? e.message : String(e)).split('\n')[0] });
    }
  }
  ch.send({ type: 'result', value: { backends } });
  ch.send({ type: 'done', status: 'completed', step: 0, finalLoss: null });
}
