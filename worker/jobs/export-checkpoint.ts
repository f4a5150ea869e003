// Export a lab checkpoint folder as the official I-JEPA .pth.tar
// (worker/checkpoint/official.ts): `module.` state dicts, the AdamW state in
// init_opt's groups, epoch and the other keys src/train.py's load_checkpoint reads.
import fs from 'node:fs';
import path from 'node:path';
import { badInput } from '../../main/common/errors.ts';
import type { ExportCheckpointJob } from '../../main/common/protocol.ts';
import type { Channel } from '../channel.ts';
import { exportOfficialCheckpoint } from '../checkpoint/official.ts';

export async function run(job: ExportCheckpointJob, ch: Channel): Promise<void> {
  for (const f of ['encoder.safetensors', 'predictor.safetensors'])
    if (!fs.existsSync(path.join(job.checkpoint, f)))
      throw badInput(`the checkpoint ${job.checkpoint} has no ${f} (it was imported for features only), so it is no training checkpoint the official code can resume; import the full checkpoint, or export --format safetensors`);
  // written atomically (writeTorchFile): a failed export leaves no half file
  const r = exportOfficialCheckpoint(job.checkpoint, job.out, { loss: job.loss });
  ch.send({ type: 'result', value: { bytes: r.bytes, groups: r.groups.length, dropped: r.dropped, warnings: r.warnings } });
  ch.send({ type: 'done', status: 'completed', step: 0, finalLoss: null });
}
