// `bench --backends` (the backends part of `jepa-lab doctor`) and `bench --backend webgpu`, as a person runs them:
// the CLI as a child process, the listing from a worker job (the CLI never loads TensorFlow.js).
import { describe, expect, it } from 'vitest';
import { cli, tempHome } from '../../helpers.ts';

describe('the backends, as doctor lists them', () => {
  it('lists every backend in the choice order, whether it loads here and why not', { timeout: 120_000 }, () => {
    const r = cli(['bench', '--backends', '--json'], { env: { JEPA_LAB_BACKEND: '' } });
    expect(r.code, r.stderr).toBe(0);
    const o = JSON.parse(r.stdout.trim()) as { backends: { request: string; package: string; loads: boolean; why: string; chosen: boolean; adapter?: { software: string | null } }[] };
    expect(o.backends.map((b) => b.request)).toEqual(['webgpu', 'tensorflow', 'tensorflow', 'wasm', 'cpu']);
    expect(o.backends.filter((b) => b.chosen)).toHaveLength(1);
    const gpu = o.backends.find((b) => b.package.startsWith('@tensorflow/tfjs-node-gpu'))!;
    if (!gpu.loads) expect(gpu.why).toMatch(/CUDA 11\.2 and cuDNN 8\.1/);
    const webgpu = o.backends[0];
    // a software adapter loads but is never auto's choice
    if (webgpu.adapter?.software) expect(webgpu.chosen).toBe(false);
    for (const b of o.backends) if (!b.loads) expect(b.why.length).toBeGreaterThan(5);
    expect(o.backends.find((b) => b.request === 'wasm')!.loads).toBe(true);

    // doctor checks a home and reports the same backends among its checks
    const home = JSON.parse(cli(['doctor', '--json'], { home: tempHome('doctor'), env: { JEPA_LAB_BACKEND: '' } }).stdout.trim()) as { checks: { what: string; ok: boolean }[] };
    expect(home.checks.filter((c) => c.what.startsWith('backend ')).map((c) => c.what)).toEqual(o.backends.map((b) => `backend ${b.request}`));
    expect(home.checks.find((c) => c.what === 'backend wasm')!.ok).toBe(true);

    const text = cli(['bench', '--backends']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^\* /m);
    expect(text.stdout).toMatch(/tfjs-node-gpu/);
  });

  it('bench --backend webgpu --preset tiny --json reports the adapter and a step time', { timeout: 300_000 }, (ctx) => {
    const d = JSON.parse(cli(['bench', '--backends', '--json']).stdout.trim()) as { backends: { request: string; loads: boolean; why: string }[] };
    if (!d.backends[0].loads) {
      console.warn(`bench --backend webgpu skipped: no WebGPU adapter here (${d.backends[0].why})`);
      return ctx.skip();
    }
    const r = cli(['bench', '--backend', 'webgpu', '--preset', 'tiny', '--steps', '2', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const o = JSON.parse(r.stdout.trim());
    expect(o.backend).toMatch(/^webgpu \(@tensorflow\/tfjs-backend-webgpu 4\.22\.0, /);
    expect(o.adapter.limits.maxStorageBufferBindingSize).toBeGreaterThan(0);
    expect(o.ms_per_step).toBeGreaterThan(0);
    expect(o.step_ms).toHaveLength(2);
    expect(o.tensor_growth_per_step).toBe(0);
    expect(o.workers).toBe(1);
  });
});
