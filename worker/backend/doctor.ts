// `jepa-lab doctor` (and `bench --backends`): every backend, whether it loads
// on this machine and why not. Runs in a worker job: the lab never loads tfjs.
import * as tf from '@tensorflow/tfjs';
import type { BackendReport } from '../../main/common/protocol.ts';
import type { BackendRequest } from '../../main/common/vocabulary.ts';
import { candidates, firstLine, packageVersion, threadCount } from './backend.ts';
import { describeAdapter, probeWebGPU } from './webgpu.ts';

/**
 * Every backend, tried one by one in this process: whether it loads and why
 * not. WebGPU is probed for software adapters too (auto passes them over).
 * Leaves the last backend that loaded active: run it in a worker of its own.
 */
export async function listBackends(): Promise<BackendReport[]> {
  const out: BackendReport[] = [];
  const hw = await probeWebGPU(false);
  const any = hw.adapter ? hw : await probeWebGPU(true);
  out.push({
    request: 'webgpu',
    package: `@tensorflow/tfjs-backend-webgpu ${packageVersion('@tensorflow/tfjs-backend-webgpu')}`,
    loads: !!any.adapter,
    detail: any.adapter ? describeAdapter(any.adapter) : '',
    why: hw.adapter ? '' : any.adapter ? `only a software adapter: auto does not use it (--backend webgpu does)` : any.why || hw.why,
    chosen: false,
    ...(any.adapter ? { adapter: any.adapter } : {}),
  });
  for (const c of candidates('tensorflow').concat(candidates('wasm'), candidates('cpu'))) {
    try {
      await c.load();
      await tf.ready();
      out.push({ request: c.name as BackendRequest, package: `${c.pkg} ${packageVersion(c.pkg)}`, loads: true, detail: `${threadCount(c.name)} thread(s)`, why: '', chosen: false });
    } catch (e) {
      out.push({ request: c.name as BackendRequest, package: c.pkg, loads: false, detail: '', why: firstLine(e), chosen: false });
    }
  }
  const best = out.findIndex((b) => b.loads && !(b.request === 'webgpu' && b.why));
  if (best >= 0) out[best].chosen = true;
  return out;
}

