// `jepa-lab bench --compare-torch`: the tfjs step and the same step in PyTorch
// (test/reference/torch_bench.py on the reference modules of test/reference/ijepa_torch.py), one JSON object.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { torchBlasVerdict } from '../../../main/cli/bench.ts';
import { ROOT, cli } from '../../helpers.ts';

/** Same search as main/cli/bench.ts findTorchPython, done independently so a broken detection there fails here. */
function torchPython(): string | null {
  for (const py of process.env.JEPA_LAB_PYTHON ? [process.env.JEPA_LAB_PYTHON] : ['python3', '/usr/bin/python3']) {
    if (spawnSync(py, ['-c', 'import torch'], { timeout: 60_000 }).status === 0) return py;
  }
  return null;
}
const python = torchPython();
if (!python) console.warn('bench --compare-torch: no python with `import torch` here; only the tfjs half and the skip message are checked (apt-get install python3-torch libopenblas0-openmp)');

describe('bench --compare-torch', () => {
  it('prints {tfjs, torch, ratio, config} with ratio = tfjs / torch ms per step', { timeout: 60_000 }, () => {
    const t0 = Date.now();
    const r = cli(['bench', '--compare-torch', '--preset', 'tiny', '--steps', '2', '--json']);
    const seconds = (Date.now() - t0) / 1000;
    expect(r.code, r.stderr).toBe(0);
    const o = JSON.parse(r.stdout.trim());
    expect(Object.keys(o)).toEqual(expect.arrayContaining(['tfjs', 'torch', 'ratio', 'config']));
    expect(o.config.model.embed_dim).toBe(16);
    expect(o.config.data.batch_size).toBe(8);
    expect(o.tfjs.backend).toMatch(/^wasm/);
    for (const k of ['ms_per_step', 'images_per_s', 'gflops', 'peak_bytes']) expect(o.tfjs[k], `tfjs.${k}`).toBeGreaterThan(0);
    expect(o.tfjs.steps).toBe(2);
    expect(o.tfjs.tensor_growth_per_step).toBe(0);
    // GFLOP/s from the same estimateStepFlops for both halves
    const flops = o.tfjs.gflops * o.tfjs.ms_per_step * 1e6;
    if (!python) {
      console.warn('skipping the torch assertions of bench --compare-torch: torch is not importable');
      expect(o.torch).toBeNull();
      expect(o.ratio).toBeNull();
      expect(r.stderr).toMatch(/apt-get install python3-torch libopenblas0-openmp/);
      return;
    }
    const t = o.torch;
    expect(t).not.toBeNull();
    for (const k of ['ms_per_step', 'images_per_s', 'gflops', 'peak_rss_bytes']) expect(t[k], `torch.${k}`).toBeGreaterThan(0);
    expect(t.peak_bytes).toBeGreaterThan(0);
    expect(t.step_ms).toHaveLength(2);
    expect(t.steps).toBe(2);
    expect(Number.isFinite(t.last_loss)).toBe(true);
    expect(t.threads).toBeGreaterThanOrEqual(1);
    expect(t.omp_wait_policy).toBe(process.env.OMP_WAIT_POLICY ?? 'PASSIVE');
    expect(typeof t.blas.openblas).toBe('boolean');
    expect(typeof t.blas.kind).toBe('string');
    expect(t.blas.mixed).toBe(false); // .ci/run installs one OpenBLAS build
    expect(t.blas.variants.length).toBeGreaterThanOrEqual(1);
    expect(t.memory_method).toMatch(/getrusage/);
    expect(Math.abs((t.gflops * t.ms_per_step * 1e6) / flops - 1)).toBeLessThan(1e-9);
    expect(o.ratio).toBeCloseTo(o.tfjs.ms_per_step / t.ms_per_step, 10);
    expect(seconds).toBeLessThan(30);
  });

  it('without torch: still prints the tfjs half, torch and ratio null, and says how to get torch', { timeout: 60_000 }, () => {
    const r = cli(['bench', '--compare-torch', '--preset', 'tiny', '--steps', '1', '--json'], { env: { JEPA_LAB_PYTHON: '/nonexistent/python3' } });
    expect(r.code, r.stderr).toBe(0);
    const o = JSON.parse(r.stdout.trim());
    expect(o.tfjs.ms_per_step).toBeGreaterThan(0);
    expect(o.torch).toBeNull();
    expect(o.ratio).toBeNull();
    expect(o.torch_skipped).toMatch(/nonexistent/);
    expect(r.stderr).toMatch(/PyTorch comparison skipped.*apt-get install python3-torch libopenblas0-openmp/);
    const text = cli(['bench', '--compare-torch', '--preset', 'tiny', '--steps', '1'], { env: { JEPA_LAB_PYTHON: '/nonexistent/python3' } });
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^tfjs {2}wasm .* ms\/step/m);
    expect(text.stdout).toMatch(/^BLAS {2}tfjs: (OpenBLAS|Accelerate|CBLAS|none \(wasm kernels: )/m);
    expect(text.stderr).toMatch(/apt-get install python3-torch libopenblas0-openmp/);
  });
});

describe('the BLAS torch ran on', () => {
  const openmp = ['/usr/lib/x86_64-linux-gnu/openblas-openmp/libblas.so.3', '/usr/lib/x86_64-linux-gnu/openblas-openmp/libopenblasp-r0.3.21.so'];
  const base = { build: 'generic', libraries: openmp, kind: 'OpenBLAS', openblas: true, variants: ['openblas-openmp'], mixed: false, corename: 'Haswell', config: null, parallel: 'openmp' };
  const tfjs = { name: 'OpenBLAS 0.3.21', parallel: 'openmp', corename: 'Haswell', path: openmp[1], threads: 1, gradientThreads: 2 };

  it('withholds the ratio for mixed builds, warns on the reference BLAS and on different kernels', () => {
    expect(torchBlasVerdict(base, tfjs)).toEqual({ withheld: null, warnings: [] });
    const mixed = torchBlasVerdict({ ...base, kind: 'mixed', variants: ['openblas-openmp', 'openblas-pthread'], mixed: true }, tfjs);
    expect(mixed.withheld).toMatch(/ratio withheld: torch ran on 2 BLAS builds at once \(openblas-openmp \+ openblas-pthread.*Fix: keep one OpenBLAS variant/);
    const ref = torchBlasVerdict({ ...base, kind: 'reference', openblas: false, variants: ['reference'], corename: null }, tfjs);
    expect(ref.withheld).toBeNull();
    expect(ref.warnings.join()).toMatch(/reference BLAS.*apt-get install libopenblas0-openmp/);
    expect(torchBlasVerdict({ ...base, corename: 'Prescott' }, tfjs).warnings.join()).toMatch(/different OpenBLAS kernels \(tfjs Haswell, torch Prescott\)/);
  });

  it.skipIf(!python)('test/reference/torch_bench.py tells the builds apart by their Debian folders', () => {
    const code = [
      'import importlib.util, json, sys',
      "spec = importlib.util.spec_from_file_location('tb', 'test/reference/torch_bench.py'); m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)",
      'print(json.dumps([m.classify_blas(l, "generic") for l in json.loads(sys.argv[1])]))',
    ].join('\n');
    const lists = [
      openmp,
      [openmp[0], '/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblasp-r0.3.21.so'],
      ['/usr/lib/x86_64-linux-gnu/blas/libblas.so.3', '/usr/lib/x86_64-linux-gnu/lapack/liblapack.so.3'],
      ['/usr/lib/x86_64-linux-gnu/blas/libblas.so.3', openmp[1]],
    ];
    const r = spawnSync(python!, ['-c', code, JSON.stringify(lists)], { encoding: 'utf8', cwd: ROOT, timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([
      { kind: 'OpenBLAS', variants: ['openblas-openmp'], mixed: false },
      { kind: 'mixed', variants: ['openblas-openmp', 'openblas-pthread'], mixed: true },
      { kind: 'reference', variants: ['reference'], mixed: false },
      { kind: 'mixed', variants: ['openblas-openmp', 'reference'], mixed: true },
    ]);
  });
});

describe('bench --profile', () => {
  it('splits one step into real kernels (custom-gradient scopes excluded), with the matMul share', { timeout: 60_000 }, () => {
    const r = cli(['bench', '--profile', '--preset', 'tiny', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const o = JSON.parse(r.stdout.trim());
    expect(o.config.optimization.workers).toBe(1); // the profiler sees one thread's kernels only
    const names = o.kernels.map((k: { name: string }) => k.name);
    expect(names).toEqual(expect.arrayContaining(['BatchMatMul']));
    expect(names).not.toContain('forward'); // a custom-gradient scope, whose inner kernels are counted already
    const sum = o.kernels.reduce((s: number, k: { ms: number }) => s + k.ms, 0);
    expect(o.kernel_ms).toBeCloseTo(sum, 6);
    expect(o.kernel_ms).toBeLessThanOrEqual(o.wall_ms);
    expect(o.matmul_share).toBeGreaterThan(0);
    expect(o.matmul_share).toBeLessThan(1);
    for (let i = 1; i < o.kernels.length; i++) expect(o.kernels[i].ms).toBeLessThanOrEqual(o.kernels[i - 1].ms);
    expect(cli(['bench', '--profile', '--compare-torch', '--preset', 'tiny']).stderr).toMatch(/--profile or --compare-torch/);
  });
});
