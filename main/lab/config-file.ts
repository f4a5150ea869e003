// Config files in and out: our sectioned JSON/YAML, and the official
// facebookresearch/ijepa YAML layout (export runnable by the PyTorch code; import
// of its files, dropping keys that only matter to its data loader).
import fs from 'node:fs';
import yaml from 'js-yaml';
import type { JepaConfig } from '../common/config.ts';
import { OFFICIAL_MODELS, officialDifferences, officialModelName } from '../common/official.ts';
import { badInput } from '../common/errors.ts';

/** Keys of the official YAML that configure its data loading / logging, not the recipe. */
const REFERENCE_ONLY: Record<string, string[]> = {
  data: ['color_jitter_strength', 'image_folder', 'num_workers', 'pin_mem', 'root_path', 'use_color_distortion', 'use_gaussian_blur', 'use_horizontal_flip'],
  logging: ['folder', 'write_tag'],
  meta: ['copy_data', 'load_checkpoint', 'model_name', 'read_checkpoint', 'use_bfloat16'],
};

/** Read overrides from a JSON or YAML file (ours or the official layout). */
export function readConfigFile(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw badInput(`config file ${file} cannot be read; check the path`);
  }
  let parsed: unknown;
  try {
    parsed = file.endsWith('.json') ? JSON.parse(text) : yaml.load(text);
  } catch (e) {
    throw badInput(`config file ${file} is not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'}: ${(e as Error).message.split('\n')[0]}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw badInput(`config file ${file} must hold a mapping of sections (data, mask, model, meta, optimization, …)`);
  const cfg = structuredClone(parsed) as Record<string, Record<string, unknown>>;
  const modelName = cfg.meta?.model_name as string | undefined;
  if (modelName) {
    const size = OFFICIAL_MODELS[modelName];
    if (!size) throw badInput(`meta.model_name "${modelName}" is not an official ViT; use one of ${Object.keys(OFFICIAL_MODELS).join(', ')} or set model.embed_dim/depth/num_heads`);
    cfg.model = { ...size, ...(cfg.model ?? {}) };
  }
  for (const [section, keys] of Object.entries(REFERENCE_ONLY)) for (const k of keys) if (cfg[section]) delete cfg[section][k];
  // The official configs write ema/aspect_ratio as lists; ours are the same pairs.
  delete (cfg as Record<string, unknown>).jepa_lab_note;
  const ext = cfg.jepa_lab as Record<string, unknown> | undefined;
  if (ext) {
    delete (cfg as Record<string, unknown>).jepa_lab;
    for (const [k, v] of Object.entries(ext)) cfg[k] = { ...(cfg[k] ?? {}), ...(v as Record<string, unknown>) };
  }
  return cfg;
}

/** The run's config in the official YAML layout, runnable by facebookresearch/ijepa's main.py. */
export function toReferenceYaml(cfg: JepaConfig, opts: { dataRoot?: string; folder?: string } = {}): string {
  const name = officialModelName(cfg.model);
  const doc = {
    data: {
      batch_size: cfg.data.batch_size,
      color_jitter_strength: 0.0,
      crop_scale: cfg.data.crop_scale,
      crop_size: cfg.data.crop_size,
      image_folder: `${cfg.data.dataset}/`,
      num_workers: 4,
      pin_mem: true,
      root_path: opts.dataRoot ?? '.',
      use_color_distortion: false,
      use_gaussian_blur: false,
      use_horizontal_flip: false,
    },
    logging: { folder: opts.folder ?? `./logs/${cfg.data.dataset}/`, write_tag: 'jepa' },
    mask: { ...cfg.mask },
    meta: {
      copy_data: false,
      load_checkpoint: false,
      model_name: name ?? 'vit_tiny',
      pred_depth: cfg.meta.pred_depth,
      pred_emb_dim: cfg.meta.pred_emb_dim,
      read_checkpoint: null,
      use_bfloat16: false,
    },
    optimization: {
      ema: cfg.optimization.ema,
      epochs: cfg.optimization.epochs,
      final_lr: cfg.optimization.final_lr,
      final_weight_decay: cfg.optimization.final_weight_decay,
      ipe_scale: cfg.optimization.ipe_scale,
      lr: cfg.optimization.lr,
      start_lr: cfg.optimization.start_lr,
      warmup: cfg.optimization.warmup,
      weight_decay: cfg.optimization.weight_decay,
    },
    // Keys the official code does not read; kept so this file re-imports losslessly.
    jepa_lab: {
      data: { channels: cfg.data.channels, rotation: cfg.data.rotation },
      model: cfg.model,
      meta: { loss: cfg.meta.loss, seed: cfg.meta.seed },
      optimization: {
        steps: cfg.optimization.steps,
        minutes: cfg.optimization.minutes,
        micro_batch: cfg.optimization.micro_batch,
        workers: cfg.optimization.workers,
      },
      regularization: cfg.regularization,
      logging: cfg.logging,
    },
  };
  const diff = officialDifferences(cfg);
  const header = [
    `# I-JEPA config exported by JEPA Lab (facebookresearch/ijepa layout: python main.py --fname this.yaml)`,
    ...(name ? [] : [`# note: the model (embed_dim ${cfg.model.embed_dim}, depth ${cfg.model.depth}, heads ${cfg.model.num_heads}, MLP ratio ${cfg.model.mlp_ratio}) matches no official model_name;`, `#       vit_tiny is written; its exact size is under jepa_lab.model`]),
    ...(diff.train.length ? ['# what the official train.py does not read, so a run there differs from this run:', ...diff.train.map((d) => `#   - ${d}`)] : []),
  ];

  return `${header.join('\n')}\n${yaml.dump(doc, { flowLevel: 2, lineWidth: 120 })}`;
}
