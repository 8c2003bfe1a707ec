import { describe, expect, it } from 'vitest';
import type { SeriesInfo } from '../../../analytics/api';
import { findingSpan, pickFindingSeries, zoomAround } from './finding-window';

const H = 3_600_000;
const T0 = Date.UTC(2024, 2, 1);

const series = (seriesId: number, stat: string, interval = 'hour'): SeriesInfo => ({
  seriesId,
  outletId: 'F1',
  siteId: null,
  siteName: null,
  code: 'a21026',
  codeName: null,
  unit: null,
  stat,
  media: 'gas',
  interval,
  count: 48,
  start: '2024-03-01 00:00:00',
  end: '2024-03-02 23:00:00',
});

describe('finding chart window', () => {
  it('reads the stored times without a time-zone shift', () => {
    expect(findingSpan('2024-03-01 19:00:00', '2024-03-02 05:00:00')).toEqual({
      from: T0 + 19 * H,
      to: T0 + 29 * H,
    });
    expect(findingSpan(null, null)).toBeNull();
    expect(findingSpan('2024-03-01 19:00:00', null)).toEqual({ from: T0 + 19 * H, to: T0 + 19 * H });
  });

  it('adds the window length on both sides, at least 6 h, clamped to the series', () => {
    const s = series(1, 'avg');
    expect(zoomAround({ from: T0 + 19 * H, to: T0 + 29 * H }, s)).toEqual({
      from: T0 + 9 * H,
      to: T0 + 39 * H,
    });
    expect(zoomAround({ from: T0 + 2 * H, to: T0 + 3 * H }, s)).toEqual({ from: T0, to: T0 + 9 * H });
    expect(zoomAround({ from: T0, to: T0 + 47 * H }, s)).toBeNull();
  });

  it('charts the flagged series first, then the converted mean, then the mean', () => {
    const list = [series(1, 'rtd'), series(2, 'avg'), series(3, 'zs_avg', 'day'), series(4, 'zs_avg')];
    expect(pickFindingSeries(list, null)?.seriesId).toBe(4);
    expect(pickFindingSeries(list, 2)?.seriesId).toBe(2);
    expect(pickFindingSeries([series(1, 'rtd')], null)?.seriesId).toBe(1);
    expect(pickFindingSeries([], null)).toBeNull();
  });
});
