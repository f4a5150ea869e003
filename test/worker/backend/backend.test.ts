import { describe, expect, it } from 'vitest';
import { initBackend } from '../../../worker/backend/backend.ts';

describe('backend choice', () => {
  it('falls back past the absent tfjs-node packages and reports why', async () => {
    delete process.env.JEPA_LAB_BACKEND; // the suite pins wasm; this test exercises 'auto'
    const b = await initBackend('auto');
    expect(['tensorflow', 'wasm']).toContain(b.name);
    if (b.name === 'wasm') {
      // Here there is no hardware GPU and tfjs-node cannot install: every earlier candidate must be reported with a reason.
      expect(b.skipped.map((s) => s.package)).toEqual(['@tensorflow/tfjs-backend-webgpu', '@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node']);
      for (const s of b.skipped) expect(s.reason.length).toBeGreaterThan(5);
      // tfjs-node-gpu's requirement is said plainly
      expect(b.skipped[1].reason).toMatch(/CUDA 11\.2/);
    }
    expect(b.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(b.threads).toBeGreaterThanOrEqual(1);
  });
});
