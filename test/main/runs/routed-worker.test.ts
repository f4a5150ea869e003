// The desktop app's choice of worker per job (main/runs/routed-worker.ts): the
// GPU window for webgpu, and for auto when the app's Chromium has a hardware
// adapter; a process for everything else. Electron cannot run here, so the two
// launchers are real Node workers, told apart by which one was called.
import { describe, expect, it } from 'vitest';
import { routeJob, routedLauncher } from '../../../main/runs/routed-worker.ts';
import { forkWorker, setWorkerLauncher } from '../../../main/runs/worker-host.ts';
import { runWorkerJob } from '../../../main/runs/jobs.ts';
import { resolveConfig } from '../../../main/common/config.ts';
import type { Job } from '../../../main/common/protocol.ts';

const bench = (backend: 'auto' | 'webgpu' | 'wasm'): Job => ({ kind: 'bench', mode: 'train', config: resolveConfig('tiny'), steps: 1, backend });
const hardware = { hardware: true, detail: 'nvidia hopper (NVIDIA H200)' };
const software = { hardware: false, detail: 'only a software adapter: auto does not use it' };

describe('routeJob', () => {
  it('sends webgpu, and auto on a hardware adapter, to the GPU window; the rest to a process', () => {
    expect(routeJob(bench('webgpu'), null).where).toBe('gpu-window');
    expect(routeJob(bench('auto'), hardware)).toEqual({ where: 'gpu-window', why: 'auto: WebGPU on nvidia hopper (NVIDIA H200)' });
    expect(routeJob(bench('auto'), software).where).toBe('process');
    expect(routeJob(bench('auto'), null).where).toBe('process');
    expect(routeJob(bench('wasm'), hardware).where).toBe('process');
    expect(routeJob({ kind: 'map', vectors: new Float32Array(4), n: 2, dim: 2 }, hardware).where).toBe('process');
    expect(routeJob({ kind: 'doctor' }, hardware).where).toBe('process');
  });
});

describe('routedLauncher', () => {
  it('starts the chosen worker on the job, passes its messages and exit through, and probes only for auto', async () => {
    const calls: string[] = [];
    let probes = 0;
    const launcher = routedLauncher({
      gpuWindow: () => (calls.push('gpu-window'), forkWorker()),
      process: () => (calls.push('process'), forkWorker()),
      probe: async () => (probes++, software),
    });
    setWorkerLauncher(launcher);
    try {
      const pca = await runWorkerJob({ kind: 'map', vectors: Float32Array.from([1, 0, 0, 1, 1, 1]), n: 3, dim: 2 });
      expect(pca.pca.length).toBe(6);
      expect(calls).toEqual(['process']);
      expect(probes).toBe(0);
      const r = await runWorkerJob({ kind: 'doctor' });
      expect(r.backends.map((b) => b.request)).toEqual(['webgpu', 'tensorflow', 'tensorflow', 'wasm', 'cpu']);
      expect(calls).toEqual(['process', 'process']);
      // a job for webgpu goes to the GPU window's launcher (here a Node worker on Dawn, when this machine has an adapter at all)
      if (r.backends[0].loads) {
        const b = (await runWorkerJob(bench('webgpu'))) as unknown as { backend: string };
        expect(b.backend).toMatch(/^webgpu/);
        expect(calls).toEqual(['process', 'process', 'gpu-window']);
      }
      // auto asks the probe, and a software-only answer keeps the job in a process
      await runWorkerJob(bench('auto'));
      expect(probes).toBe(1);
      expect(calls.at(-1)).toBe('process');
    } finally {
      setWorkerLauncher(forkWorker);
    }
  });
});
