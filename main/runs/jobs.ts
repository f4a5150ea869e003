// Short worker jobs (features, mask errors): one worker process per job, so
// TensorFlow.js never runs on the lab's own thread (the Electron main process).
import { launchWorker } from './worker-host.ts';
import { LabError } from '../common/errors.ts';
import type { FromWorker, Job } from '../common/protocol.ts';

export function runWorkerJob(job: Job, onMessage: (m: FromWorker) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const w = launchWorker();
    let done = false;
    let error: string | null = null;
    w.onMessage((m) => {
      if (m.type === 'error') error = m.message;
      else if (m.type === 'done') done = true;
      else onMessage(m);
    });
    w.onExit((code, signal) => {
      if (done && !error) resolve();
      else reject(new LabError('failure', `${job.kind} job failed: ${error ?? (signal ? `worker killed by ${signal}` : `worker exited with code ${code}`)}`));
    });
    w.send({ type: 'start', job });
  });
}
