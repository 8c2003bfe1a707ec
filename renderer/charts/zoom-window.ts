/** The visible part of the time axis, in percent of the whole series span (ECharts dataZoom units). */
export interface ZoomPercent {
  readonly start: number;
  readonly end: number;
}

/** A time range in chart ms (wall time read as UTC). */
export interface TimeRange {
  readonly from: number;
  readonly to: number;
}

export const FULL_ZOOM: ZoomPercent = { start: 0, end: 100 };

/** Narrowest zoom the keyboard allows; below it one hourly point would fill the chart. */
const MIN_WIDTH = 0.01;

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** Zoom around the centre: factor < 1 zooms in, > 1 zooms out. */
export function zoomBy(z: ZoomPercent, factor: number): ZoomPercent {
  const width = clamp((z.end - z.start) * factor, MIN_WIDTH, 100);
  const centre = (z.start + z.end) / 2;
  const start = clamp(centre - width / 2, 0, 100 - width);
  return { start, end: start + width };
}

/** Shift by a fraction of the visible width (negative: earlier), keeping the width. */
export function panBy(z: ZoomPercent, fraction: number): ZoomPercent {
  const width = z.end - z.start;
  const start = clamp(z.start + width * fraction, 0, 100 - width);
  return { start, end: start + width };
}

/**
 * The time range to query for a zoom, widened to whole seconds (LocalTime has second precision); null
 * when the whole span is visible, so the full-span query can be reused.
 */
export function zoomToRange(z: ZoomPercent, extent: TimeRange): TimeRange | null {
  if (z.start <= 0 && z.end >= 100) return null;
  const span = extent.to - extent.from;
  return {
    from: Math.floor((extent.from + (span * z.start) / 100) / 1000) * 1000,
    to: Math.ceil((extent.from + (span * z.end) / 100) / 1000) * 1000,
  };
}

/** The zoom percentages that show `range` of `extent` (the inverse of zoomToRange), clamped to it. */
export function rangeToZoom(range: TimeRange, extent: TimeRange): ZoomPercent {
  const span = extent.to - extent.from;
  if (span <= 0) return FULL_ZOOM;
  const start = clamp(((range.from - extent.from) / span) * 100, 0, 100);
  const end = clamp(((range.to - extent.from) / span) * 100, start, 100);
  return { start, end };
}
