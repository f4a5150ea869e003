// Stable colours: a run's colour depends only on its id, so it is the same in
// every chart, table and screen. The run palette is Okabe–Ito's (distinct under
// the common colour-vision deficiencies), without its yellow, which vanishes on
// white; neighbouring ids get colours far apart (runs 1 and 2: blue and orange).
export const RUN_PALETTE = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#56B4E9', '#CC79A7', '#000000'];

function rgba(hex: string, alpha: number): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

export function runColor(id: number, alpha = 1): string {
  const hex = RUN_PALETTE[(((id - 1) % RUN_PALETTE.length) + RUN_PALETTE.length) % RUN_PALETTE.length];
  return alpha >= 1 ? hex : rgba(hex, alpha);
}

/** Ten distinguishable colours for class labels (Tableau 10). */
export const CLASS_COLORS = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

export function classColor(label: number | null): string {
  return label === null || label < 0 ? '#888' : CLASS_COLORS[label % CLASS_COLORS.length];
}

/** Target-block colours in the mask view. */
export const BLOCK_COLORS = ['#e15759', '#f28e2b', '#b07aa1', '#59a14f', '#edc948', '#ff9da7', '#9c755f', '#76b7b2'];
