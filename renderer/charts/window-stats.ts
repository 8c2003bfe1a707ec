import type { SeriesWindow } from '../../analytics/api';

/** What tests and the status line say about a queried window: its real data, not the drawing. */
export interface WindowStats {
  readonly pointCount: number;
  readonly firstT: number | null;
  readonly lastT: number | null;
  readonly minV: number | null;
  readonly maxV: number | null;
}

export function windowStats(w: SeriesWindow): WindowStats {
  let minV: number | null = null;
  let maxV: number | null = null;
  for (const v of w.v) {
    if (v === null || Number.isNaN(v)) continue;
    if (minV === null || v < minV) minV = v;
    if (maxV === null || v > maxV) maxV = v;
  }
  return { pointCount: w.t.length, firstT: w.t[0] ?? null, lastT: w.t[w.t.length - 1] ?? null, minV, maxV };
}
