// The chart helpers the renderer draws with: tick labels that read as their
// gridlines, and which series get smoothed.
import { describe, expect, it } from 'vitest';
import { decimalsOf, smoothed, tickLabel, SMOOTH_MIN_POINTS } from '../../renderer/src/lib/chart.ts';
import { runColor, RUN_PALETTE } from '../../renderer/src/lib/colors.ts';

describe('tick labels', () => {
  it('write each gridline value in full at the spacing uPlot picks', () => {
    // gridlines a quarter apart were labelled 0.3 / 0.8 (one digit)
    expect([0, 0.25, 0.5, 0.75, 1].map((v) => tickLabel(v, 0.25))).toEqual(['0', '0.25', '0.50', '0.75', '1.00']);
    expect([0.025, 0.05, 0.075].map((v) => tickLabel(v, 0.025))).toEqual(['0.025', '0.050', '0.075']);
    expect([2.5, 5, 7.5].map((v) => tickLabel(v, 2.5))).toEqual(['2.5', '5.0', '7.5']);
    expect([0.99600, 0.99605].map((v) => tickLabel(v, 0.00005))).toEqual(['0.99600', '0.99605']);
    expect(tickLabel(0.30000000000000004, 0.1)).toBe('0.3');
    expect([100, 150].map((v) => tickLabel(v, 50))).toEqual(['100', '150']);
    // very small and very large values in exponent form, with the digits the spacing needs
    expect(tickLabel(2.5e-5, 2.5e-5)).toBe('2.5e-5');
    expect(tickLabel(1.25e6, 2.5e5)).toBe('1.25e+6');
    expect(tickLabel(1.2e6, 2e5)).toBe('1.2e+6');
  });

  it('reads back as the value for every spacing uPlot uses', () => {
    for (const base of [1, 2, 2.5, 5])
      for (let e = -6; e <= 6; e++) {
        const incr = base * 10 ** e;
        for (let k = 1; k <= 7; k++) {
          const v = k * incr;
          expect(Math.abs(Number(tickLabel(v, incr)) - v) / v, `${v} at spacing ${incr}: ${tickLabel(v, incr)}`).toBeLessThan(1e-9);
        }
      }
    expect(decimalsOf(0.25)).toBe(2);
    expect(decimalsOf(50)).toBe(0);
  });
});

describe('smoothing', () => {
  it('leaves series with few points as they are', () => {
    expect(smoothed(2, 0.6)).toBe(false);
    expect(smoothed(SMOOTH_MIN_POINTS - 1, 0.9)).toBe(false);
    expect(smoothed(SMOOTH_MIN_POINTS, 0.6)).toBe(true);
    expect(smoothed(1000, 0)).toBe(false);
  });
});

describe('run colours', () => {
  it('come from Okabe–Ito: runs 1 and 2 blue and orange, neighbouring ids apart', () => {
    expect(runColor(1)).toBe('#0072B2');
    expect(runColor(2)).toBe('#E69F00');
    expect(runColor(1, 0.25)).toBe('rgba(0, 114, 178, 0.25)');
    expect(new Set(RUN_PALETTE.map((_, i) => runColor(i + 1))).size).toBe(RUN_PALETTE.length);
  });
});
