// Short worker jobs (features, probes, the map's PCA, mask errors, benchmarks):
// one worker process per job, so no maths runs on the lab's own thread (in the
// desktop app, the Electron main process).
import { launchWorker } from './worker-host.ts';
import { LabError } from '../common/errors.ts';
import type { FromWorker, Job, JobResult } from '../common/protocol.ts';

/** Run a job to its end; resolves with the job's result message (undefined for jobs that stream, such as features). */
export function runWorkerJob<J extends Job>(job: J, onMessage: (m: FromWorker) => void = () => {}): Promise<JobResult<J>> {
  return new Promise((resolve, reject) => {
    const w = launchWorker();
    let done = false;
    let error: string | null = null;
    let badInput = false;
    let result: unknown;
    w.onMessage((m) => {
      if (m.type === 'error') (error = m.message), (badInput = m.kind === 'bad-input');
      else if (m.type === 'done') done = true;
      else if (m.type === 'result') result = m.value;
      else onMessage(m);
    });
    w.onExit((code, signal) => {
      if (done && !error) resolve(result as JobResult<J>);
      else if (error && badInput) reject(new LabError('bad-input', error));
      else reject(new LabError('failure', `${job.kind} job failed: ${error ?? (signal ? `worker killed by ${signal}` : `worker exited with code ${code}`)}`));
    });
    w.send({ type: 'start', job });
  });
}
