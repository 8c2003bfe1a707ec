import type { SeriesInfo } from '../../../analytics/api';
import { localTimeToMs } from '../../charts/local-time';
import type { TimeRange } from '../../charts/zoom-window';

const HOUR = 3_600_000;
const MIN_MARGIN = 6 * HOUR;
const MAX_MARGIN = 7 * 24 * HOUR;

/** A finding's start and end as chart ms, or null when it has no valid time span. */
export function findingSpan(start: string | null, end: string | null): TimeRange | null {
  if (start === null) return null;
  const from = localTimeToMs(start);
  const to = end === null ? from : localTimeToMs(end);
  if (Number.isNaN(from) || Number.isNaN(to)) return null;
  return { from, to: Math.max(from, to) };
}

/**
 * What the detail chart opens on: the finding's window with as much before and after it as it lasts
 * (6 h to 7 days), so the analyst sees what normal looks like on both sides. Clamped to the series;
 * null when that is the whole series anyway.
 */
export function zoomAround(
  span: TimeRange,
  series: { readonly start: string; readonly end: string },
): TimeRange | null {
  const extent = { from: localTimeToMs(series.start), to: localTimeToMs(series.end) };
  const margin = Math.min(MAX_MARGIN, Math.max(MIN_MARGIN, span.to - span.from));
  const from = Math.max(extent.from, span.from - margin);
  const to = Math.min(extent.to, span.to + margin);
  if (from <= extent.from && to >= extent.to) return null;
  return to > from ? { from, to } : null;
}

/**
 * The series to chart for a finding at an outlet and code: the series the rule flagged when it names
 * one, else the converted hourly mean (what limits apply to), else the measured mean.
 */
export function pickFindingSeries(list: readonly SeriesInfo[], seriesId: number | null): SeriesInfo | null {
  const score = (s: SeriesInfo) =>
    (s.seriesId === seriesId ? 8 : 0) +
    (s.stat === 'zs_avg' ? 4 : s.stat === 'avg' ? 2 : 0) +
    (s.interval === 'hour' ? 1 : 0);
  let best: SeriesInfo | null = null;
  for (const s of list) if (!best || score(s) > score(best)) best = s;
  return best;
}
