import { describe, expect, it } from 'vitest';
import type { SeriesWindow } from '../../analytics/api';
import { mergeWindows } from './merge-windows';
import { windowStats } from './window-stats';

const win = (t: number[], v: (number | null)[], method: 'raw' | 'm4' = 'raw'): SeriesWindow => ({
  seriesId: 1,
  method,
  rawCount: t.length,
  t,
  v,
});

describe('mergeWindows', () => {
  it('draws the detail inside the range and the overview outside it', () => {
    const overview = win([0, 10, 20, 30, 40], [0, 1, 2, 3, 4], 'm4');
    const detail = win([10, 15, 20], [1, 1.5, 2]);
    expect(mergeWindows(overview, detail, { from: 10, to: 20 })).toEqual([
      [0, 0],
      [10, 1],
      [15, 1.5],
      [20, 2],
      [30, 3],
      [40, 4],
    ]);
    expect(mergeWindows(overview, null, null)).toHaveLength(5);
  });
});

describe('windowStats', () => {
  it('ignores gaps when finding min and max', () => {
    expect(windowStats(win([5, 6, 7], [null, -2, 9]))).toEqual({
      pointCount: 3,
      firstT: 5,
      lastT: 7,
      minV: -2,
      maxV: 9,
    });
    expect(windowStats(win([], []))).toEqual({
      pointCount: 0,
      firstT: null,
      lastT: null,
      minV: null,
      maxV: null,
    });
  });
});
