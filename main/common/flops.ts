// The FLOPs of one I-JEPA training step, from its config: multiply-adds × 2
// of the matMuls, elementwise ops ignored. Benchmarks divide by it (GFLOP/s)
// and the gradient threads' auto setting compares against it.
import { gridSize, type JepaConfig } from './config.ts';

/** Expected kept patches for the mask settings: [context Kc, target Kt]. */
function expectedTokens(cfg: JepaConfig): [number, number] {
  const N = gridSize(cfg) ** 2;
  const mean = (r: [number, number]) => (r[0] + r[1]) / 2;
  const kt = Math.max(1, Math.floor(N * mean(cfg.mask.pred_mask_scale)));
  const covered = cfg.mask.allow_overlap ? 0 : 1 - (1 - mean(cfg.mask.pred_mask_scale)) ** cfg.mask.num_pred_masks;
  const kc = Math.max(cfg.mask.min_keep, Math.floor(N * mean(cfg.mask.enc_mask_scale) * (1 - covered)));
  return [kc, kt];
}

/** Forward FLOPs of `depth` transformer blocks over B sequences of K tokens of width d. */
function blocksFlops(B: number, K: number, d: number, depth: number, mlpRatio: number): number {
  const hidden = Math.floor(d * mlpRatio);
  const linear = 2 * B * K * (d * 3 * d + d * d + 2 * d * hidden);
  const attn = 2 * 2 * B * K * K * d; // QKᵀ and A·V over all heads
  return depth * (linear + attn);
}

/** Forward + backward FLOPs of one training step (backward ≈ 2× forward; the target encoder is forward only). */
export function estimateStepFlops(config: JepaConfig): number {
  const B = config.data.batch_size;
  const N = gridSize(config) ** 2;
  const { embed_dim: D, depth, mlp_ratio } = config.model;
  const Dp = config.meta.pred_emb_dim;
  const M = config.mask.num_pred_masks;
  const P = config.data.channels * config.mask.patch_size ** 2;
  const [Kc, Kt] = expectedTokens(config);
  const target = 2 * B * N * P * D + blocksFlops(B, N, D, depth, mlp_ratio);
  const context = 2 * B * Kc * P * D + blocksFlops(B, Kc, D, depth, mlp_ratio);
  const predictor = 2 * B * Kc * D * Dp + blocksFlops(M * B, Kc + Kt, Dp, config.meta.pred_depth, mlp_ratio) + 2 * M * B * Kt * Dp * D;
  return target + 3 * (context + predictor);
}
