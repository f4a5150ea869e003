// The panels of one page move together: one crosshair (uPlot's cursor sync,
// by x value) and one zoom. A page makes a ChartSync and hands it to each Chart.
import type { XKind } from './chart.ts';

let next = 0;

export class ChartSync {
  /** uPlot's cursor-sync key: plots with the same key share the crosshair */
  readonly key = `jepa-sync-${next++}`;
  /** the x range every panel shows, or null for each panel's full range; valid for one x kind */
  zoom: { kind: XKind; range: [number, number] } | null = null;
  private listeners = new Set<() => void>();

  setZoom(kind: XKind, range: [number, number] | null): void {
    this.zoom = range ? { kind, range } : null;
    for (const l of this.listeners) l();
  }

  /** The zoom for panels drawing this x kind (a zoom made on another kind does not apply). */
  zoomFor(kind: XKind): [number, number] | null {
    return this.zoom && this.zoom.kind === kind ? this.zoom.range : null;
  }

  on(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }
}
