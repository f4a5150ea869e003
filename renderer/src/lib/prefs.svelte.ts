// Chart preferences shared by the run and compare screens, kept across reloads.
import type { XKind } from './chart.ts';

const KEY = 'jepa-lab-chart-prefs';

function load(): { smoothing: number; logY: boolean; xKind: XKind } {
  try {
    const p = JSON.parse(localStorage.getItem(KEY) ?? '{}');
    return {
      smoothing: typeof p.smoothing === 'number' && p.smoothing >= 0 && p.smoothing < 1 ? p.smoothing : 0.6,
      logY: p.logY === true,
      xKind: ['step', 'relative', 'wall'].includes(p.xKind) ? p.xKind : 'step',
    };
  } catch {
    return { smoothing: 0.6, logY: false, xKind: 'step' };
  }
}

export const chartPrefs = $state(load());

export function savePrefs(): void {
  localStorage.setItem(KEY, JSON.stringify(chartPrefs));
}
