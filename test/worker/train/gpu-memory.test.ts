// The micro-batch a step gets: on the CPU, one each gradient thread's heap holds;
// on a GPU, one fitted to a WebGPU adapter's limits, and a run
// that runs out on the GPU: it fails with a message that says what to do, and
// its resume continues at half the micro-batch. The out-of-memory is real: on
// this machine's llvmpipe adapter a kernel may bind at most 128 MiB, and the
// step below uploads 151 MB in one tensor (all patches of 4096 images, [B, N, C·p²]),
// with a model of width 4 so that llvmpipe gets through the step that fits.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../main/common/config.ts';
import type { GpuAdapter } from '../../../main/common/protocol.ts';
import { Lab } from '../../../main/lab/lab.ts';
import { probeWebGPU } from '../../../worker/backend/webgpu.ts';
import { CPU_STEP_MEMORY, estimateStepMemory, fitMicroBatch, OOM_NOTE } from '../../../worker/train/memory.ts';
import { tempHome } from '../../helpers.ts';

const gpu = await probeWebGPU(true);
if (!gpu.adapter) console.warn(`test/worker/train/gpu-memory.test.ts: no WebGPU adapter here (${gpu.why}); the run that runs out of GPU memory is skipped`);
const homes: string[] = [];
afterAll(() => homes.forEach((h) => fs.rmSync(h, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 })));

const MiB = 2 ** 20;
/** An adapter's limits, as a hardware one reports them (this machine has none: only the numbers matter here). */
const adapter = (bindMiB: number, bufferMiB: number): GpuAdapter => ({
  vendor: 'test', architecture: '', device: '', description: '', software: null, featureLevel: 'core', via: 'dawn-node',
  limits: { maxBufferSize: bufferMiB * MiB, maxStorageBufferBindingSize: bindMiB * MiB, maxComputeWorkgroupStorageSize: 32768, maxComputeInvocationsPerWorkgroup: 1024 },
});

describe('micro-batch fitted to the adapter', () => {
  const cfg = resolveConfig('vit-small', { data: { batch_size: 64 } });

  it('estimates grow with the images per micro-batch', () => {
    const a = estimateStepMemory(cfg, 8);
    const b = estimateStepMemory(cfg, 16);
    expect(b.bytes).toBeGreaterThan(1.9 * a.bytes);
    expect(b.largestBytes).toBeGreaterThan(a.largestBytes);
  });

  it('keeps the whole batch on a large adapter and splits it on a small one, into equal micro-batches', () => {
    const big = fitMicroBatch(cfg, adapter(32768, 65536));
    expect(big.size).toBe(0);
    expect(big.reason).toMatch(/whole batch fits/);
    const small = fitMicroBatch(cfg, adapter(128, 2048));
    expect(small.size).toBeGreaterThan(0);
    expect(small.size).toBeLessThan(64);
    expect(64 % small.size).toBe(0);
    expect(estimateStepMemory(cfg, small.size).largestBytes).toBeLessThanOrEqual(128 * MiB);
    expect(small.reason).toMatch(/fitted to the GPU/);
  });

  it('honours JEPA_LAB_GPU_MEMORY_MB, a set micro_batch, and the cap after running out', () => {
    const before = fitMicroBatch(cfg, adapter(32768, 65536)).size;
    process.env.JEPA_LAB_GPU_MEMORY_MB = '1024';
    try {
      const tight = fitMicroBatch(cfg, adapter(32768, 65536));
      expect(tight.size).toBeGreaterThan(0);
      expect(tight.reason).toMatch(/JEPA_LAB_GPU_MEMORY_MB=1024/);
      expect(estimateStepMemory(cfg, tight.size).bytes).toBeLessThanOrEqual(1024 * MiB);
    } finally {
      delete process.env.JEPA_LAB_GPU_MEMORY_MB;
    }
    expect(before).toBe(0);
    const set = resolveConfig('vit-small', { data: { batch_size: 64 }, optimization: { micro_batch: 32 } });
    expect(fitMicroBatch(set, adapter(32768, 65536)).size).toBe(32);
    expect(fitMicroBatch(set, adapter(32768, 65536), 16).size).toBe(16);
    expect(fitMicroBatch(set, null).size).toBe(32); // off the GPU: a set micro_batch is kept
  });
});

describe('micro-batch 0 on the CPU', () => {
  // the issue-23 benchmark's step: a mean-over-images loss, 64 images of 28 px, 192 wide, 6 deep
  const big = resolveConfig('cpu-small', {
    mask: { patch_size: 4, min_keep: 4 },
    model: { embed_dim: 192, depth: 6, num_heads: 3 },
    meta: { pred_emb_dim: 96, pred_depth: 3 },
    regularization: { vicreg_weight: 0, vicreg_cov_weight: 0, sigreg_weight: 0, invariance_weight: 0 },
  });

  it("splits each gradient thread's share into equal micro-batches that fit, and says why", () => {
    for (const threads of [1, 2]) {
      const c = fitMicroBatch(big, null, undefined, threads);
      const share = 64 / threads;
      expect(estimateStepMemory(big, share).bytes).toBeGreaterThan(CPU_STEP_MEMORY); // the whole share would not fit
      expect(c.size).toBeGreaterThan(0);
      expect(share % c.size).toBe(0);
      expect(estimateStepMemory(big, c.size).bytes).toBeLessThanOrEqual(CPU_STEP_MEMORY);
      // the largest that fits: twice as many images would not
      expect(estimateStepMemory(big, 2 * c.size).bytes).toBeGreaterThan(CPU_STEP_MEMORY);
      expect(c.reason).toMatch(/the same gradient, the loss being a mean over images/);
    }
  });

  it('keeps the whole batch where it fits, and where the batch regularizers must see all of it', () => {
    const small = fitMicroBatch(resolveConfig('cpu-small'), null, undefined, 2);
    expect(small).toEqual({ size: 0, reason: 'the whole batch (optimization.micro_batch = 0)' });
    const regs = resolveConfig('cpu-small', { model: { embed_dim: 192, depth: 6, num_heads: 4 }, mask: { patch_size: 4, min_keep: 4 } });
    expect(estimateStepMemory(regs, 32).bytes).toBeGreaterThan(CPU_STEP_MEMORY);
    const kept = fitMicroBatch(regs, null, undefined, 2);
    expect(kept.size).toBe(0);
    expect(kept.reason).toMatch(/the batch regularizers must see the whole batch/);
  });
});

// the step below needs one 151 MB buffer: over llvmpipe's 128 MiB binding limit, within a hardware GPU's
describe.skipIf(!gpu.adapter || gpu.adapter.limits.maxStorageBufferBindingSize >= 151e6)('a run that runs out of GPU memory (llvmpipe, forced)', () => {
  it('fails with what to change; its resume halves the micro-batch and completes', async () => {
    const home = tempHome('gpu-oom');
    homes.push(home);
    const lab = Lab.open(home);
    try {
      // 4096 images × 9 patches × 32² values × 4 B = 151 MB in one buffer, over the 128 MiB binding limit; 2048 images fit
      const run = await lab.train({
        preset: 'tiny',
        steps: 1,
        seed: 1,
        backend: 'webgpu',
        config: {
          data: { crop_size: 96, batch_size: 4096 },
          mask: { patch_size: 32, min_keep: 1 },
          model: { embed_dim: 4, num_heads: 1, depth: 1 },
          meta: { pred_emb_dim: 4, pred_depth: 1 },
          optimization: { micro_batch: 4096 },
          logging: { log_every: 1, eval_every: 0, checkpoint_every: 1 },
        },
      });
      const failed = await lab.wait(run.id);
      expect(failed.status).toBe('failed');
      const errors = lab.events(run.id).filter((e) => e.level === 'error').map((e) => e.message).join('\n');
      expect(errors).toMatch(/larger than this GPU lets one buffer be|ran out of memory/);
      expect(errors).toMatch(/micro-batches of 4096 of 4096 images/);
      expect(errors).toMatch(/resume it to continue .* with micro-batches of 2048/);
      const note = JSON.parse(fs.readFileSync(path.join(home, 'runs', String(run.id), 'checkpoints', OOM_NOTE), 'utf8'));
      expect(note.micro_batch).toBe(4096);

      lab.resume(run.id, 'webgpu');
      const done = await lab.wait(run.id);
      expect(done.status, lab.events(run.id).map((e) => e.message).join('\n')).toBe('completed');
      expect(lab.events(run.id).map((e) => e.message).join('\n')).toMatch(/micro-batch: 2048: optimization\.micro_batch = 4096, capped after the GPU ran out of memory/);
      const loss = lab.store.metrics(run.id, { names: ['loss'] }).loss;
      expect(loss.step).toEqual([1]);
      expect(loss.value.every(Number.isFinite)).toBe(true);
    } finally {
      lab.close();
    }
  }, 600_000);
});
