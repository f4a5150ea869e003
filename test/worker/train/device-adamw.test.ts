// AdamW as tfjs ops (DeviceAdamW, for GPU backends) against the typed-array
// AdamW of the CPU backends and against torch.optim.AdamW (when torch is
// importable): three steps with changing lr and weight decay, decayed and
// undecayed parameters, then the parameters and both moments compared. On wasm the
// typed-array AdamW reads the values where the backend keeps them: the cpu backend's numbers.
import * as tf from '@tensorflow/tfjs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../worker/backend/backend.ts';
import { probeWebGPU } from '../../../worker/backend/webgpu.ts';
import { AdamW, DeviceAdamW, type Optimizer } from '../../../worker/train/optim.ts';
import { wasmValues } from '../../../worker/backend/wasm-kernels.ts';
import type { Param } from '../../../worker/model/model.ts';
import { Rng } from '../../../main/common/rng.ts';
import { runPython, torchPython } from '../checkpoint/torch-python.ts';

const gpu = await probeWebGPU(true);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jepa-adamw-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const SHAPES: { shape: number[]; decay: boolean }[] = [
  { shape: [4, 3], decay: true },
  { shape: [3], decay: false },
  { shape: [2, 2, 2], decay: true },
];
const SCHEDULE = [
  { lr: 0.01, wd: 0.04 },
  { lr: 0.02, wd: 0.1 },
  { lr: 0.005, wd: 0.4 },
];
const rng = new Rng(11);
const init = SHAPES.map(({ shape }) => Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.normal()));
const grads = SCHEDULE.map(() => SHAPES.map(({ shape }) => Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.normal() * 0.5)));

/** Run the three steps with an optimiser; returns parameters and moments as host arrays. */
async function run(make: (params: Param[]) => Optimizer): Promise<{ x: Float32Array[]; m: Float32Array[]; v: Float32Array[] }> {
  const params: Param[] = SHAPES.map(({ shape, decay }, i) => ({ name: `p${i}`, v: tf.variable(tf.tensor(init[i], shape)), layout: 'plain', decay }));
  const opt = make(params);
  SCHEDULE.forEach(({ lr, wd }, s) => {
    const g = grads[s].map((d, i) => tf.tensor(d, SHAPES[i].shape));
    opt.step(g, lr, wd);
    tf.dispose(g);
  });
  const host = (t: Float32Array | tf.Tensor) => (t instanceof Float32Array ? Promise.resolve(t) : (t.data() as Promise<Float32Array>));
  const out = { x: await Promise.all(params.map((p) => p.v.data() as Promise<Float32Array>)), m: await Promise.all(opt.m.map(host)), v: await Promise.all(opt.v.map(host)) };
  opt.dispose();
  tf.dispose(params.map((p) => p.v));
  return out;
}

function worst(a: { x: Float32Array[]; m: Float32Array[]; v: Float32Array[] }, b: { x: ArrayLike<number>[]; m: ArrayLike<number>[]; v: ArrayLike<number>[] }): number {
  let w = 0;
  for (const k of ['x', 'm', 'v'] as const) a[k].forEach((arr, i) => arr.forEach((v, j) => (w = Math.max(w, Math.abs(v - b[k][i][j])))));
  return w;
}

describe('AdamW on wasm', () => {
  it('reads the values where the backend keeps them and gives exactly the numbers of the cpu backend', async () => {
    await initBackend('cpu');
    await tf.setBackend('cpu');
    const cpu = await run((p) => new AdamW(p));
    await initBackend('wasm');
    await tf.setBackend('wasm');
    const probe = tf.tensor([1.5, -2]);
    expect(Array.from(wasmValues(probe)!)).toEqual([1.5, -2]); // the view taken here
    probe.dispose();
    const wasm = await run((p) => new AdamW(p));
    expect(worst(wasm, cpu)).toBe(0);
    expect(Math.abs(wasm.x[0][0] - init[0][0])).toBeGreaterThan(1e-3);
  });
});

describe('DeviceAdamW (AdamW as tfjs ops)', () => {
  it('matches the typed-array AdamW on the cpu backend', async () => {
    await initBackend('cpu');
    await tf.setBackend('cpu');
    const host = await run((p) => new AdamW(p));
    const dev = await run((p) => new DeviceAdamW(p));
    expect(worst(dev, host)).toBeLessThan(1e-6); // a few float32 ulps: the ops round each intermediate to float32, the loop keeps float64
    // and it moved the parameters (a test that could not fail would not)
    expect(Math.abs(dev.x[0][0] - init[0][0])).toBeGreaterThan(1e-3);
  });

  it.skipIf(!torchPython.python)('matches torch.optim.AdamW (decoupled decay, bias corrections, per-group weight decay)', async () => {
    await initBackend('cpu');
    await tf.setBackend('cpu');
    const dev = await run((p) => new DeviceAdamW(p));
    const job = path.join(tmp, 'job.json');
    fs.writeFileSync(job, JSON.stringify({ shapes: SHAPES, init: init.map((a) => Array.from(a)), grads: grads.map((s) => s.map((a) => Array.from(a))), schedule: SCHEDULE }));
    const ref = runPython<{ x: number[][]; m: number[][]; v: number[][] }>(
      torchPython.python!,
      tmp,
      String.raw`
import json, sys, torch
job = json.load(open(sys.argv[1]))
ps = [torch.tensor(v, dtype=torch.float32).reshape(s['shape']).requires_grad_() for v, s in zip(job['init'], job['shapes'])]
decay = [p for p, s in zip(ps, job['shapes']) if s['decay']]
no_decay = [p for p, s in zip(ps, job['shapes']) if not s['decay']]
opt = torch.optim.AdamW([{'params': decay}, {'params': no_decay, 'weight_decay': 0.0, 'WD_exclude': True}], lr=1e-3)
for step, sched in zip(job['grads'], job['schedule']):
    for g in opt.param_groups:
        g['lr'] = sched['lr']
        if not g.get('WD_exclude'): g['weight_decay'] = sched['wd']
    for p, g in zip(ps, step): p.grad = torch.tensor(g, dtype=torch.float32).reshape(p.shape)
    opt.step()
st = [opt.state[p] for p in ps]
print(json.dumps({'x': [p.detach().reshape(-1).tolist() for p in ps], 'm': [s['exp_avg'].reshape(-1).tolist() for s in st], 'v': [s['exp_avg_sq'].reshape(-1).tolist() for s in st]}))
`,
      [job],
    );
    const w = worst(dev, ref);
    console.log(`DeviceAdamW vs torch.optim.AdamW after 3 steps: max |Δ| ${w.toExponential(2)}`);
    expect(w).toBeLessThan(1e-6);
  });

  it.skipIf(!gpu.adapter)('runs on webgpu with the same result', async () => {
    await initBackend('cpu');
    await tf.setBackend('cpu');
    const host = await run((p) => new AdamW(p));
    await initBackend('webgpu');
    const dev = await run((p) => new DeviceAdamW(p));
    expect(worst(dev, host)).toBeLessThan(1e-6); // a few float32 ulps: the ops round each intermediate to float32, the loop keeps float64
  });
});
if (!torchPython.python) console.warn(`test/worker/train/device-adamw.test.ts: torch is not importable (${torchPython.why}); the PyTorch comparison is skipped`);
