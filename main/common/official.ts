// The official I-JEPA code (facebookresearch/ijepa) as the lab meets it: its
// model sizes, and what of a lab config it would not run as the lab does. The
// YAML export's header and the official checkpoint export both say it.
import type { JepaConfig } from './config.ts';

/** The official src/models/vision_transformer.py sizes (its vit_* functions). */
export const OFFICIAL_MODELS: Record<string, { embed_dim: number; depth: number; num_heads: number; mlp_ratio: number }> = {
  vit_tiny: { embed_dim: 192, depth: 12, num_heads: 3, mlp_ratio: 4 },
  vit_small: { embed_dim: 384, depth: 12, num_heads: 6, mlp_ratio: 4 },
  vit_base: { embed_dim: 768, depth: 12, num_heads: 12, mlp_ratio: 4 },
  vit_large: { embed_dim: 1024, depth: 24, num_heads: 16, mlp_ratio: 4 },
  vit_huge: { embed_dim: 1280, depth: 32, num_heads: 16, mlp_ratio: 4 },
  vit_giant: { embed_dim: 1408, depth: 40, num_heads: 16, mlp_ratio: 48 / 11 },
};

/** The vit_* name of a model size, or null when it is none of them. */
export function officialModelName(m: JepaConfig['model']): string | null {
  return Object.entries(OFFICIAL_MODELS).find(([, o]) => o.embed_dim === m.embed_dim && o.depth === m.depth && o.num_heads === m.num_heads && Math.abs(o.mlp_ratio - m.mlp_ratio) < 1e-9)?.[0] ?? null;
}

/**
 * Where the official code differs from this config, in two lists: `load`, what
 * stops its init_model from loading a checkpoint of it unchanged; `train`, the
 * settings its train.py does not read, so a run there is not this run.
 */
export function officialDifferences(cfg: JepaConfig): { load: string[]; train: string[] } {
  const m = cfg.model;
  const load: string[] = [];
  if (!officialModelName(m))
    load.push(
      `the encoder (width ${m.embed_dim}, depth ${m.depth}, ${m.num_heads} heads, MLP ratio ${m.mlp_ratio}) is none of the official vit_* sizes: ` +
        'the official init_model needs a vit_* function with these numbers added to src/models/vision_transformer.py',
    );
  if (Math.abs(m.mlp_ratio - 4) > 1e-9)
    load.push(`the predictor's MLP ratio is ${m.mlp_ratio}, but the official vit_predictor always builds 4: its predictor_blocks.*.mlp shapes need vit_predictor(mlp_ratio=${m.mlp_ratio})`);
  if (cfg.regularization.projector_dim > 0) load.push('the projector (regularization.projector_dim) has no official counterpart and is left out');
  const train: string[] = [];
  const say = (when: boolean, what: string) => when && train.push(what);
  say(cfg.data.channels !== 3, `data.channels ${cfg.data.channels}: the official loader reads RGB image folders`);
  say(cfg.meta.loss !== 'smooth_l1', `meta.loss ${cfg.meta.loss}: the official train.py uses smooth-L1 (F.smooth_l1_loss)`);
  say(m.init_std !== 0.02, `model.init_std ${m.init_std}: the official init is 0.02`);
  say(m.patch_init_std !== 0, `model.patch_init_std ${m.patch_init_std}: the official patch embedding uses init_std`);
  say(m.pos_scale !== 1, `model.pos_scale ${m.pos_scale}: the official sin-cos positions are unscaled`);
  const r = cfg.regularization;
  say(r.vicreg_weight > 0 || r.vicreg_cov_weight > 0, `regularization.vicreg_weight ${r.vicreg_weight} / vicreg_cov_weight ${r.vicreg_cov_weight}: no VICReg term there`);
  say(r.sigreg_weight > 0, `regularization.sigreg_weight ${r.sigreg_weight}: no SIGReg term there`);
  say(r.invariance_weight > 0, `regularization.invariance_weight ${r.invariance_weight} (views ${r.views}): no multi-view invariance term there`);
  say(r.projector_dim > 0, `regularization.projector_dim ${r.projector_dim}: no projector there`);
  say(cfg.data.rotation > 0, `data.rotation ${cfg.data.rotation}: the official augmentation is random resized crop only`);
  say(cfg.optimization.minutes > 0, `optimization.minutes ${cfg.optimization.minutes}: the official train.py has no time budget; it runs optimization.epochs (${cfg.optimization.epochs}) epochs`);
  say(cfg.optimization.steps > 0, `optimization.steps ${cfg.optimization.steps}: the official train.py runs optimization.epochs (${cfg.optimization.epochs}) epochs, and fits its schedules to them`);
  return { load, train };
}
