// Why a worker ended, when it could not say so itself: the words a failed job or run shows.
import { describe, expect, it } from 'vitest';
import { workerEnd } from '../../../main/runs/worker-host.ts';

describe('workerEnd', () => {
  it('names the exit code or signal, and the last lines the worker wrote to stderr', () => {
    expect(workerEnd(1, null)).toBe('worker exited with code 1');
    expect(workerEnd(null, 'SIGKILL', '  \n')).toBe('worker killed by SIGKILL');
    const stderr = ['loading', 'step 1', 'libgomp: Thread creation failed', 'Aborted (core dumped)', ''].join('\n');
    expect(workerEnd(134, null, stderr)).toBe('worker exited with code 134; its last output: step 1 | libgomp: Thread creation failed | Aborted (core dumped)');
    expect(workerEnd(1, null, 'x'.repeat(5000)).length).toBeLessThan(700);
  });
});
