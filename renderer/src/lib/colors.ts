// Stable colours: a run's colour depends only on its id (golden-angle hues),
// so it is the same in every chart, table and screen.
export function runHue(id: number): number {
  return (id * 137.508 + 210) % 360;
}

export function runColor(id: number, alpha = 1): string {
  const h = runHue(id).toFixed(1);
  return alpha >= 1 ? `hsl(${h}, 70%, 42%)` : `hsla(${h}, 70%, 42%, ${alpha})`;
}

/** Ten distinguishable colours for class labels (Tableau 10). */
export const CLASS_COLORS = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

export function classColor(label: number | null): string {
  return label === null || label < 0 ? '#888' : CLASS_COLORS[label % CLASS_COLORS.length];
}

/** Target-block colours in the mask view. */
export const BLOCK_COLORS = ['#e15759', '#f28e2b', '#b07aa1', '#59a14f', '#edc948', '#ff9da7', '#9c755f', '#76b7b2'];
