// The YAML export's header says what the official code would not run as the lab does.
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../main/common/config.ts';
import { toReferenceYaml } from '../../../main/lab/config-file.ts';

const header = (yaml: string) => yaml.split('\n').filter((l) => l.startsWith('#')).join('\n');

describe('the official YAML export', () => {
  it("lists every setting of cpu-small that the official train.py does not read", () => {
    const h = header(toReferenceYaml(resolveConfig('cpu-small')));
    for (const key of ['data.channels 1', 'meta.loss l2', 'model.init_std', 'model.patch_init_std', 'model.pos_scale 6', 'regularization.vicreg_weight', 'regularization.invariance_weight', 'optimization.minutes 10'])
      expect(h, key).toContain(`#   - ${key}`);
    expect(h).toMatch(/MLP ratio 2\) matches no official model_name/);
    const bySteps = header(toReferenceYaml(resolveConfig('cpu-small', { optimization: { steps: 300 } })));
    expect(bySteps).toContain('#   - optimization.steps 300');
    expect(bySteps).not.toContain('optimization.minutes');
  });

  it('lists nothing for the presets that copy the official code at its sizes', () => {
    for (const p of ['vit-tiny', 'vit-small']) {
      const cfg = resolveConfig(p);
      expect(cfg.meta.loss, p).toBe('smooth_l1');
      expect(header(toReferenceYaml(cfg)), p).not.toMatch(/does not read|matches no official/);
    }
    expect(resolveConfig('reference').meta.loss).toBe('smooth_l1');
  });
});
