import type { SeriesWindow } from '../../analytics/api';
import type { TimeRange } from './zoom-window';

export type ChartPoint = [number, number | null];

function points(w: SeriesWindow, keep: (t: number) => boolean): ChartPoint[] {
  const out: ChartPoint[] = [];
  for (let i = 0; i < w.t.length; i++) {
    const t = w.t[i]!;
    if (keep(t)) out.push([t, w.v[i] ?? null]);
  }
  return out;
}

/**
 * The line to draw: the detailed window inside the zoomed range, the full-span overview outside it.
 * Panning then never shows an empty stretch while the next detailed query is on its way, and the
 * slider's data shadow keeps showing the whole series.
 */
export function mergeWindows(
  overview: SeriesWindow | null,
  detail: SeriesWindow | null,
  range: TimeRange | null,
): ChartPoint[] {
  if (!detail) return overview ? points(overview, () => true) : [];
  if (!range || !overview || overview.seriesId !== detail.seriesId) return points(detail, () => true);
  return [
    ...points(overview, (t) => t < range.from),
    ...points(detail, (t) => t >= range.from && t <= range.to),
    ...points(overview, (t) => t > range.to),
  ];
}
