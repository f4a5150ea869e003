import { resolveConfig, PRESETS } from '../worker/config.ts';
import { estimateStepFlops } from '../worker/train.ts';
for (const p of Object.keys(PRESETS)) console.log(p, (estimateStepFlops(resolveConfig(p)) / 1e9).toFixed(3), 'GFLOP');
console.log('tiny b64', (estimateStepFlops(resolveConfig('tiny', { data: { batch_size: 64 } })) / 1e9).toFixed(3));
console.log('issue7', (estimateStepFlops(resolveConfig('cpu-small', JSON.parse(require('fs').readFileSync('docs/bench/issue7-step.json','utf8')))) / 1e9).toFixed(3));
