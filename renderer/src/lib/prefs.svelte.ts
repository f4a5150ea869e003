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

// Panels: pinned (shown first) and hidden metrics, and which groups are open; shared by the run and compare pages.
const PANELS = 'jepa-lab-panels';

function loadPanels(): { pinned: string[]; hidden: string[]; open: Record<string, boolean> } {
  try {
    const p = JSON.parse(localStorage.getItem(PANELS) ?? '{}');
    const strings = (a: unknown) => (Array.isArray(a) ? a.filter((x): x is string => typeof x === 'string') : []);
    return { pinned: strings(p.pinned), hidden: strings(p.hidden), open: typeof p.open === 'object' && p.open ? p.open : {} };
  } catch {
    return { pinned: [], hidden: [], open: {} };
  }
}

export const panelPrefs = $state(loadPanels());

export function savePanels(): void {
  localStorage.setItem(PANELS, JSON.stringify(panelPrefs));
}
