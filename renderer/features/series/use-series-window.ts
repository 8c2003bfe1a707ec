import { useEffect, useState } from 'react';
import type { AppError, SeriesWindow } from '../../../analytics/api';
import { invoke } from '../../api/invoke';
import { msToLocalTime } from '../../charts/local-time';
import type { TimeRange } from '../../charts/zoom-window';

export interface SeriesWindowState {
  /** The last answer that arrived (kept while the next one loads, so the chart does not blank). */
  readonly detail: SeriesWindow | null;
  /** The last full-span answer. */
  readonly overview: SeriesWindow | null;
  readonly loading: boolean;
  readonly error: AppError | null;
}

interface Answer {
  readonly key: string;
  readonly detail: SeriesWindow | null;
  readonly error: AppError | null;
}

/**
 * `series:window` for the chart's width and zoomed range. Answers to superseded questions (the
 * analyst zoomed again meanwhile) are dropped, so the chart never shows an older range's data.
 */
export function useSeriesWindow(
  seriesId: number,
  pixels: number | null,
  range: TimeRange | null,
): SeriesWindowState {
  const from = range?.from ?? null;
  const to = range?.to ?? null;
  const key = `${seriesId}|${pixels}|${from}|${to}`;
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [overview, setOverview] = useState<SeriesWindow | null>(null);

  useEffect(() => {
    if (pixels === null) return;
    let superseded = false;
    const bounds = from !== null && to !== null ? { from: msToLocalTime(from), to: msToLocalTime(to) } : {};
    void invoke('series:window', { seriesId, pixels, ...bounds }).then((result) => {
      if (superseded) return;
      const answerKey = `${seriesId}|${pixels}|${from}|${to}`;
      if (result.ok) {
        setAnswer({ key: answerKey, detail: result.value, error: null });
        if (from === null) setOverview(result.value);
      } else {
        setAnswer((prev) => ({ key: answerKey, detail: prev?.detail ?? null, error: result.error }));
      }
    });
    return () => {
      superseded = true;
    };
  }, [seriesId, pixels, from, to]);

  const zoomed = from !== null;
  const haveOverview = overview?.seriesId === seriesId;
  useEffect(() => {
    // A chart that opens zoomed (on a finding's window) still needs the whole span for the slider's
    // data shadow and for panning out; errors are reported by the zoomed query above.
    if (pixels === null || !zoomed || haveOverview) return;
    let superseded = false;
    void invoke('series:window', { seriesId, pixels }).then((result) => {
      if (!superseded && result.ok) setOverview(result.value);
    });
    return () => {
      superseded = true;
    };
  }, [seriesId, pixels, zoomed, haveOverview]);

  return {
    detail: answer?.detail?.seriesId === seriesId ? answer.detail : null,
    overview: haveOverview ? overview : null,
    loading: pixels === null || answer?.key !== key,
    error: answer?.key === key ? answer.error : null,
  };
}
