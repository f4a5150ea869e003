// Which worker a job gets in the desktop app: WebGPU lives only in a window
// (Electron's utilityProcess has no navigator.gpu, and Dawn for Node refuses to
// run inside Electron), so a job that asks for webgpu, or an 'auto' job on a
// machine whose Chromium has a hardware adapter, runs in the hidden GPU window;
// every other job (tfjs-node, wasm, the jobs without TensorFlow.js) runs in a
// utilityProcess. The choice waits for the job's 'start' message, behind the
// same WorkerHandle the run manager already uses.
import type { FromWorker, Job, ToWorker } from '../common/protocol.ts';
import type { WorkerHandle, WorkerLauncher } from './worker-host.ts';

/** What the GPU window's Chromium offers: a hardware adapter or not, and its description. */
export interface GpuWindowProbe {
  hardware: boolean;
  detail: string;
}

/** Where a job runs, and why. */
export function routeJob(job: Job, probe: GpuWindowProbe | null): { where: 'gpu-window' | 'process'; why: string } {
  const backend = 'backend' in job ? job.backend : null;
  if (!backend) return { where: 'process', why: `a ${job.kind} job uses no TensorFlow.js backend` };
  if (backend === 'webgpu') return { where: 'gpu-window', why: '--backend webgpu' };
  if (backend !== 'auto') return { where: 'process', why: `--backend ${backend}` };
  if (probe?.hardware) return { where: 'gpu-window', why: `auto: WebGPU on ${probe.detail}` };
  return { where: 'process', why: `auto: no hardware WebGPU adapter in the app's Chromium${probe ? ` (${probe.detail})` : ''}` };
}

/**
 * A launcher whose handles start the real worker on the job's 'start': in the
 * GPU window or a process, by routeJob. Messages sent before are queued.
 */
export function routedLauncher(opts: { gpuWindow: WorkerLauncher; process: WorkerLauncher; probe: () => Promise<GpuWindowProbe | null> }): WorkerLauncher {
  return () => {
    let real: WorkerHandle | null = null;
    const queue: ToWorker[] = [];
    const msgFns: ((m: FromWorker) => void)[] = [];
    const exitFns: ((code: number | null, signal: string | null, stderr?: string) => void)[] = [];
    let killed: NodeJS.Signals | null = null;
    const attach = (h: WorkerHandle) => {
      real = h;
      h.onMessage((m) => msgFns.forEach((f) => f(m)));
      h.onExit((c, s, e) => exitFns.forEach((f) => f(c, s, e)));
      for (const m of queue.splice(0)) h.send(m);
      if (killed) h.kill(killed);
    };
    const start = async (job: Job) => {
      const probe = 'backend' in job && job.backend === 'auto' ? await opts.probe().catch(() => null) : null;
      const route = routeJob(job, probe);
      attach(route.where === 'gpu-window' ? opts.gpuWindow() : opts.process());
    };
    return {
      get pid() {
        return real?.pid;
      },
      send(m) {
        if (real) return real.send(m);
        queue.push(m);
        if (m.type === 'start' && queue.length === 1)
          start(m.job).catch((e: unknown) => {
            msgFns.forEach((f) => f({ type: 'error', message: `the worker could not start: ${e instanceof Error ? e.message : String(e)}` }));
            exitFns.forEach((f) => f(1, null));
          });
      },
      onMessage: (fn) => void msgFns.push(fn),
      onExit: (fn) => void exitFns.push(fn),
      kill(sig = 'SIGTERM') {
        if (real) return real.kill(sig);
        killed = sig;
      },
    };
  };
}
