// `jepa-lab bench`: training step speed and memory, search latency, store
// throughput. Each figure is printed next to a baseline measured in the same run.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { badInput } from '../common/errors.ts';
import { Output, backendOpt, int, type Opts } from './common.ts';
import { readConfigFile } from '../lab/config-file.ts';
import { ProgressBar } from './progress.ts';
import { resolveConfig, gridSize, DEFAULT_PRESET, MAX_WORKERS, type JepaConfig } from '../common/config.ts';
import { METRIC, type BackendRequest } from '../common/vocabulary.ts';
import type { BenchJob, BenchProfileResult, BenchTrainResult, StepFigures } from '../common/protocol.ts';
import { runWorkerJob } from '../runs/jobs.ts';
import type { BlasStatus } from '../common/blas/index.ts';
import type { SearchKernel } from '../common/search.ts';

/** Training steps of a config on synthetic images, in a worker: timed, or split by kernel (--profile). */
function benchTrain(cfg: JepaConfig, steps: number, backend: BackendRequest, kernels: BenchJob['kernels'], onStep?: (i: number) => void): Promise<BenchTrainResult> {
  return runWorkerJob({ kind: 'bench', mode: 'train', config: cfg, steps, backend, kernels }, (m) => m.type === 'job-progress' && onStep?.(m.done)) as Promise<BenchTrainResult>;
}
function profileStep(cfg: JepaConfig, backend: BackendRequest, steps: number, kernels: BenchJob['kernels']): Promise<BenchProfileResult> {
  return runWorkerJob({ kind: 'bench', mode: 'profile', config: cfg, steps, backend, kernels }) as Promise<BenchProfileResult>;
}

/** Metric points per second the store takes from a training-like writer while a reader polls. */
export async function benchStore(points = 200_000, batch = 200) {
  const { Store } = await import('../store/store.ts');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jepa-bench-store-'));
  const store = new Store(path.join(dir, 'lab.db'));
  const ds = store.addDataset({ name: 'b', path: dir, kind: 'synthetic', count: 1, size: 1, channels: 1, labeled: false, classes: null, train_count: 1, held_out_count: 0, report: null });
  const run = store.createRun({ name: 'bench', config: resolveConfig(), preset: 'cpu-small', dataset_id: ds.id, status: 'running', seed: 0, total_steps: points });
  const reader = new Store(path.join(dir, 'lab.db'));
  let reads = 0;
  const names = [METRIC.loss, METRIC.lr, METRIC.wd, METRIC.momentum, METRIC.stepMs];
  const t0 = performance.now();
  let maxBatchMs = 0;
  for (let i = 0; i < points; i += batch) {
    const pts = [];
    for (let j = i; j < Math.min(points, i + batch); j++) pts.push({ step: Math.floor(j / names.length), time: Date.now(), name: names[j % names.length], value: Math.random() });
    const tb = performance.now();
    store.appendMetrics(run.id, pts);
    maxBatchMs = Math.max(maxBatchMs, performance.now() - tb);
    if ((i / batch) % 50 === 0) {
      reader.metrics(run.id, { names: [METRIC.loss], afterStep: Math.max(0, Math.floor(i / names.length) - 100) });
      reads++;
    }
  }
  const sec = (performance.now() - t0) / 1000;
  const tr = performance.now();
  const all = reader.metrics(run.id);
  const readMs = performance.now() - tr;
  store.close();
  reader.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return { points, batch, points_per_s: points / sec, max_batch_ms: maxBatchMs, concurrent_reads: reads, full_read_ms: readMs, full_read_points: Object.values(all).reduce((a, s) => a + s.step.length, 0) };
}

export async function benchCommand(opts: Opts, out: Output): Promise<number> {
  if (opts.store) {
    const r = await benchStore(int(opts.n, '--n', 1000) ?? 200_000);
    if (out.json) out.obj(r);
    else out.line(`store: ${r.points_per_s.toFixed(0)} metric points/s in batches of ${r.batch} (longest batch ${r.max_batch_ms.toFixed(1)} ms) with a reader polling (${r.concurrent_reads} reads); full read of ${r.full_read_points} points ${r.full_read_ms.toFixed(0)} ms`);
    return 0;
  }
  if (opts.search) {
    const { benchSearch } = await import('../common/search.ts');
    const kernel = opts.kernel as SearchKernel | undefined;
    if (kernel !== undefined && !['blas', 'wasm-simd', 'js'].includes(kernel)) throw badInput(`--kernel must be one of blas, wasm-simd, js, got "${kernel}"`);
    const r = benchSearch({ n: int(opts.n, '--n', 1) ?? 100_000, dim: int(opts.dim, '--dim', 1) ?? 192, k: int(opts.k, '--k', 1) ?? 20, kernel });
    if (out.json) out.obj(r);
    else out.line(`search top-${r.k} over ${r.n} × ${r.dim} (${r.kernel} kernel): exact ${r.median_ms.toFixed(2)} ms median (p95 ${r.p95_ms.toFixed(2)}), naive full-sort baseline ${r.naive_median_ms.toFixed(2)} ms, recall ${r.recall}`);
    return 0;
  }
  if (opts.preset && opts.config) throw badInput('give --preset or --config, not both');
  const over: Record<string, unknown> = opts.config ? readConfigFile(opts.config as string) : {};
  const batch = int(opts.batch, '--batch', 1);
  const workers = int(opts.workers, '--workers', 0);
  if (workers !== undefined && workers > MAX_WORKERS) throw badInput(`--workers must be at most ${MAX_WORKERS} (0 = auto), got ${workers}`);
  const cfg = resolveConfig(
    (opts.preset as string) ?? DEFAULT_PRESET,
    over,
    batch ? { data: { batch_size: batch } } : {},
    workers !== undefined ? { optimization: { workers } } : {},
  );
  const steps = int(opts.steps, '--steps', 1) ?? 5;
  const kernels = kernelChoices(opts);
  if (opts.profile) {
    if (opts['compare-torch']) throw badInput('give --profile or --compare-torch, not both');
    const r = await profileStep(cfg, backendOpt(opts.backend), steps, kernels);
    if (out.json) out.obj(r);
    else {
      out.line(`${r.backend}, one thread (${shapeSummary(cfg)}): one step ${r.wall_ms.toFixed(0)} ms wall (mean of ${steps}), ${r.kernel_ms.toFixed(0)} ms in kernels, ${(r.matmul_share * 100).toFixed(0)}% of it in matMuls`);
      for (const k of r.kernels.slice(0, 12)) out.line(`  ${k.name.padEnd(28)} ${k.ms.toFixed(1).padStart(8)} ms  ${((k.ms / r.kernel_ms) * 100).toFixed(1).padStart(5)}%  ${Math.round(k.calls)} calls`);
    }
    return 0;
  }
  if (opts['compare-torch']) return compareTorchCommand(cfg, steps, opts, out);
  if (opts['torch-threads'] !== undefined) throw badInput('--torch-threads only applies with --compare-torch');
  const bar = out.json ? null : new ProgressBar('bench');
  const r = await benchTrain(cfg, steps, backendOpt(opts.backend), kernels, (i) => bar?.update(i, steps));
  bar?.done();
  if (out.json) out.obj(r);
  else {
    out.line(`${tfjsLine(r)} (${shapeSummary(cfg)})`);
    if (r.micro_batch) out.line(`  micro-batch: ${r.micro_batch_reason}`);
    for (const s of r.skipped) out.line(`  not used: ${s.package}: ${s.reason}`);
  }
  return 0;
}

/** `doctor` / `bench --backends`: every backend from a worker job (this process never loads TensorFlow.js). */
export async function doctorCommand(out: Output): Promise<number> {
  const r = await runWorkerJob({ kind: 'doctor' });
  if (out.json) {
    out.obj(r);
    return 0;
  }
  out.line(`training backends on ${r.platform} (best first; auto uses the one marked *):`);
  for (const b of r.backends) {
    const state = b.loads ? (b.why ? 'loads, not used by auto' : 'loads') : 'does not load';
    out.line(`${b.chosen ? '*' : ' '} ${b.request.padEnd(10)} ${b.package}: ${state}${b.detail ? ` — ${b.detail}` : ''}${b.why ? `\n               ${b.why}` : ''}`);
  }
  return 0;
}

/** --attention and --linear-grad: the model's kernel choices (worker/model/model.ts), for comparing them. */
function kernelChoices(opts: Opts): BenchJob['kernels'] {
  const pick = <T extends string>(flag: string, allowed: readonly T[]): T | undefined => {
    const v = opts[flag];
    if (v === undefined) return undefined;
    if (!allowed.includes(v as T)) throw badInput(`--${flag} must be one of ${allowed.join(', ')}, got "${v}"`);
    return v as T;
  };
  return { attention: pick('attention', ['auto', 'conv', 'matmul', 'fused'] as const), linearGrad: pick('linear-grad', ['auto', 'transpose', 'flags'] as const) };
}

const mib = (b: number) => (b / 2 ** 20).toFixed(0);
const shapeSummary = (cfg: JepaConfig) =>
  `model ${cfg.model.embed_dim}/${cfg.model.depth}/${cfg.model.num_heads}, predictor ${cfg.meta.pred_emb_dim}/${cfg.meta.pred_depth}, batch ${cfg.data.batch_size}, ${cfg.data.crop_size}px patch ${cfg.mask.patch_size}`;
const tfjsLine = (r: BenchTrainResult) =>
  `${r.backend}: ${r.ms_per_step.toFixed(0)} ms/step (median of ${r.steps}; CPU ${r.cpu_ms_per_step.toFixed(0)} ms/step), ${r.images_per_s.toFixed(1)} images/s, ${r.gflops.toFixed(2)} GFLOP/s, peak ${mib(r.peak_bytes)} MiB (process peak RSS ${mib(r.peak_rss_bytes)} MiB), ${r.workers} gradient thread${r.workers === 1 ? '' : 's'}`;

// ---------------------------------------------------------------------------
// The same step in PyTorch (bench --compare-torch)

export const TORCH_INSTALL_HINT = 'apt-get install python3-torch libopenblas0-openmp';
const TORCH_SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'test', 'reference', 'torch_bench.py');

/**
 * The first python with `import torch`: python3 on PATH, then /usr/bin/python3
 * (Debian's python3-torch lives there; a pyenv or venv python3 on PATH usually
 * lacks it); $JEPA_LAB_PYTHON, when set, is the only one tried. `why` says what
 * each candidate lacked.
 */
export function findTorchPython(): { python: string | null; why: string } {
  const candidates = process.env.JEPA_LAB_PYTHON ? [process.env.JEPA_LAB_PYTHON] : ['python3', '/usr/bin/python3'];
  const tried: string[] = [];
  for (const py of [...new Set(candidates)]) {
    const r = spawnSync(py, ['-c', 'import torch'], { encoding: 'utf8', timeout: 60_000 });
    if (r.status === 0) return { python: py, why: '' };
    tried.push(`${py}: ${r.error ? r.error.message : ((r.stderr || '').trim().split('\n').pop() ?? `exit ${r.status}`)}`);
  }
  return { python: null, why: tried.join('; ') };
}

/**
 * The BLAS torch ran on (main/torch-bench.py blas_info). build: BLAS_INFO of torch.__config__.show();
 * libraries: BLAS/LAPACK files mapped at run time; kind: OpenBLAS | reference | MKL | … | mixed;
 * variants: the builds those files belong to (openblas-openmp, openblas-pthread, reference…), more than
 * one = mixed; corename/config/parallel: what the mapped OpenBLAS reports, null without one.
 */
export interface TorchBlas {
  build: string | null;
  libraries: string[];
  kind: string;
  openblas: boolean;
  variants: string[];
  mixed: boolean;
  corename: string | null;
  config: string | null;
  parallel: string | null;
}

/**
 * Whether a ratio against this torch is a result. Mixed BLAS builds in one process
 * (Debian's torch loads libblas.so.3 and libopenblas.so.0, each through the
 * alternatives) cripple the baseline: the ratio is withheld. The reference BLAS is
 * slow too: a warning. Different OpenBLAS kernels on the two sides: a note.
 */
export function torchBlasVerdict(t: TorchBlas, tfjs: BlasStatus | null): { withheld: string | null; warnings: string[] } {
  const warnings: string[] = [];
  if (t.mixed)
    return {
      withheld:
        `ratio withheld: torch ran on ${t.variants.length} BLAS builds at once (${t.variants.join(' + ')}: ${t.libraries.join(', ')}), a crippled baseline. ` +
        'Fix: keep one OpenBLAS variant (apt-get remove libopenblas0-pthread libopenblas-pthread-dev, keeping libopenblas0-openmp), ' +
        'or point libblas.so.3 and libopenblas.so.0 at the same build (update-alternatives --config libblas.so.3-<arch> and libopenblas.so.0-<arch>)',
      warnings,
    };
  if (t.kind === 'reference')
    warnings.push(
      `note: this torch runs on the reference BLAS (${t.libraries.join(', ') || 'libblas3'}), unoptimised and many times slower than OpenBLAS (6–13× on bench steps measured on a 2-core machine), so the ratio flatters tfjs; for an honest baseline: apt-get install libopenblas0-openmp`,
    );
  if (tfjs?.corename && t.corename && tfjs.corename !== t.corename)
    warnings.push(`note: the two sides run different OpenBLAS kernels (tfjs ${tfjs.corename}, torch ${t.corename}); OPENBLAS_CORETYPE or the library files differ`);
  return { withheld: null, warnings };
}

/** "OpenBLAS 0.3.21 openmp, Prescott kernels (/usr/lib/…/libopenblasp-r0.3.21.so)" for each side. */
function blasLine(tfjs: BlasStatus | null, skipped: string | null, t: TorchBlas | null): string {
  const mine = tfjs ? `${tfjs.name} ${tfjs.parallel}${tfjs.corename ? `, ${tfjs.corename} kernels` : ''} (${tfjs.path ?? 'path unknown'})` : `none (wasm kernels: ${skipped ?? 'not wasm'})`;
  const theirs = t
    ? `${t.kind}${t.parallel ? ` ${t.parallel}` : ''}${t.corename ? `, ${t.corename} kernels` : ''} (${t.libraries.join(', ') || 'no BLAS file mapped'})`
    : '—';
  return `BLAS  tfjs: ${mine}; torch: ${theirs}`;
}

export interface TorchBench extends StepFigures {
  torch_version: string;
  python: string;
  /** torch.get_num_threads() during the run */
  threads: number;
  /** OMP_WAIT_POLICY the torch process ran with (PASSIVE unless set in the environment) */
  omp_wait_policy: string | null;
  /** build: BLAS_INFO of torch.__config__.show(); libraries: BLAS libraries mapped at run time; kind: OpenBLAS | reference | MKL | … */
  blas: TorchBlas;
  /** peak RSS growth (see memory_method) */
  peak_bytes: number;
  rss_before_model_bytes: number;
  memory_method: string;
  last_loss: number;
  steps: number;
}

/**
 * Time the reference I-JEPA step in PyTorch (test/reference/torch_bench.py) for the same
 * config, batch and masks as benchTrain: the masks of steps 0..steps as the
 * Trainer draws them (step 0 is the warm-up in both).
 */
export async function benchTorch(
  cfg: JepaConfig,
  steps: number,
  opts: { python: string; threads?: number; onStep?: (i: number) => void },
): Promise<TorchBench> {
  const { sampleMasks, maskRng } = await import('../common/masks.ts');
  const { estimateStepFlops } = await import('../common/flops.ts');
  const masks = [];
  for (let i = 0; i <= steps; i++) masks.push(sampleMasks(cfg.mask, gridSize(cfg), cfg.data.batch_size, maskRng(cfg.meta.seed, i)));
  const threads = opts.threads ?? os.availableParallelism();
  // Passive OpenMP waiting: with the default spin-waiting, a torch thread that
  // shares its core with another busy process stalls every parallel region
  // (docs/bench/README.md). Set OMP_WAIT_POLICY yourself to override; it is reported.
  const env = { ...process.env, OMP_WAIT_POLICY: process.env.OMP_WAIT_POLICY ?? 'PASSIVE' };
  const child = spawn(opts.python, [TORCH_SCRIPT], { stdio: ['pipe', 'pipe', 'pipe'], env });
  const kill = () => child.kill();
  process.once('exit', kill);
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
    for (const m of d.matchAll(/^step (\d+)\/\d+$/gm)) opts.onStep?.(Number(m[1]));
  });
  child.stdin.end(JSON.stringify({ config: cfg, masks, steps, threads }));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  process.off('exit', kill);
  const last = stdout.trim().split('\n').pop() ?? '';
  if (code !== 0 || !last.startsWith('{')) {
    const tail = stderr.trim().split('\n').filter((l) => !/^step \d+\/\d+$/.test(l)).slice(-5).join('\n');
    throw new Error(`the PyTorch benchmark (${opts.python} ${TORCH_SCRIPT}) failed with exit code ${code}: ${tail || 'no output'}`);
  }
  const r = JSON.parse(last) as Omit<TorchBench, 'gflops'>;
  return { ...r, gflops: estimateStepFlops(cfg) / (r.ms_per_step * 1e6) };
}

async function compareTorchCommand(cfg: JepaConfig, steps: number, opts: Opts, out: Output): Promise<number> {
  const threads = int(opts['torch-threads'], '--torch-threads', 1);
  const found = findTorchPython();
  const skipped = found.python
    ? null
    : `PyTorch comparison skipped: no python with \`import torch\` (${found.why}). To get it on Debian/Ubuntu: ${TORCH_INSTALL_HINT}`;
  const bar = out.json ? null : new ProgressBar('bench tfjs');
  const tfjsRun = await benchTrain(cfg, steps, backendOpt(opts.backend), kernelChoices(opts), (i) => bar?.update(i, steps));
  bar?.done();
  const { config: _config, ...tfjs } = tfjsRun;
  void _config;
  let torch: TorchBench | null = null;
  if (found.python) {
    const tbar = out.json ? null : new ProgressBar('bench torch');
    torch = await benchTorch(cfg, steps, { python: found.python, threads, onStep: (i) => tbar?.update(i, steps) });
    tbar?.done();
  }
  const verdict = torch ? torchBlasVerdict(torch.blas, tfjs.blas) : { withheld: null, warnings: [] };
  const ratio = torch && !verdict.withheld ? tfjs.ms_per_step / torch.ms_per_step : null;
  const code = verdict.withheld ? 1 : 0;
  if (out.json) {
    if (skipped) out.warn(skipped);
    if (verdict.withheld) out.warn(verdict.withheld);
    for (const w of verdict.warnings) out.warn(w);
    out.obj({ tfjs, torch, ratio, ratio_withheld: verdict.withheld, config: cfg, torch_skipped: skipped });
    return code;
  }
  out.line(`tfjs  ${tfjsLine(tfjsRun)} (wasm heap)`);
  if (torch) {
    out.line(
      `torch ${torch.torch_version} (${torch.python}, ${torch.threads} thread${torch.threads === 1 ? '' : 's'}${torch.omp_wait_policy ? ` OMP ${torch.omp_wait_policy.toLowerCase()}` : ''}, BLAS ${torch.blas.kind}): ${torch.ms_per_step.toFixed(0)} ms/step (median of ${torch.steps}; CPU ${torch.cpu_ms_per_step.toFixed(0)} ms/step), ${torch.images_per_s.toFixed(1)} images/s, ${torch.gflops.toFixed(2)} GFLOP/s, peak ${mib(torch.peak_bytes)} MiB (RSS growth)`,
    );
    out.line(blasLine(tfjs.blas, tfjs.blas_skipped, torch.blas));
    if (ratio !== null) out.line(`tfjs/torch: ${ratio.toFixed(2)}× the time per step, ${(tfjs.cpu_ms_per_step / torch.cpu_ms_per_step).toFixed(2)}× the CPU time (${shapeSummary(cfg)})`);
    if (verdict.withheld) out.warn(verdict.withheld);
    for (const w of verdict.warnings) out.warn(w);
  } else {
    out.line(blasLine(tfjs.blas, tfjs.blas_skipped, null));
    out.line(`(${shapeSummary(cfg)})`);
    out.warn(skipped!);
  }
  return code;
}
