// Short worker jobs (features, probes, the map's PCA, mask errors, benchmarks):
// one worker process per job, so no maths runs on the lab's own thread (in the
// desktop app, the Electron main process).
import { launchWorker, workerEnd } from './worker-host.ts';
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
    /** what the lab itself failed at while taking the job's messages (e.g. storing embeddings on a full disk) */
    let own: unknown = null;
    w.onMessage((m) => {
      if (own) return;
      if (m.type === 'error') (error = m.message), (badInput = m.kind === 'bad-input');
      else if (m.type === 'done') done = true;
      else if (m.type === 'result') result = m.value;
      else {
        try {
          onMessage(m);
        } catch (e) {
          // thrown from a message listener it would end the lab process: end the job instead, with this error
          own = e;
          w.kill('SIGKILL');
        }
      }
    });
    w.onExit((code, signal, stderr) => {
      if (own) reject(own);
      else if (done && !error) resolve(result as JobResult<J>);
      else if (error && badInput) reject(new LabError('bad-input', error));
      else reject(new LabError('failure', `${job.kind} job failed: ${error ?? workerEnd(code, signal, stderr)}`));
    });
    w.send({ type: 'start', job });
  });
}
