// `jepa-lab doctor`: every backend, whether it loads here and why not, from a
// worker (the lab process never loads TensorFlow.js).
import type { DoctorJob } from '../../main/common/protocol.ts';
import type { Channel } from '../channel.ts';
import { listBackends } from '../backend/doctor.ts';

export async function run(_job: DoctorJob, ch: Channel): Promise<void> {
  const backends = await listBackends();
  const platform = typeof process !== 'undefined' ? `${process.platform}-${process.arch}, Node ${process.versions.node}` : navigator.userAgent;
  ch.send({ type: 'result', value: { backends, platform } });
  ch.send({ type: 'done', status: 'completed', step: 0, finalLoss: null });
}
