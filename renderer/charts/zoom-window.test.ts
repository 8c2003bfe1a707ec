import { describe, expect, it } from 'vitest';
import { FULL_ZOOM, panBy, rangeToZoom, zoomBy, zoomToRange } from './zoom-window';

describe('zoom window', () => {
  it('zooms around the centre and stays inside the span', () => {
    expect(zoomBy(FULL_ZOOM, 0.5)).toEqual({ start: 25, end: 75 });
    expect(zoomBy({ start: 0, end: 20 }, 4)).toEqual({ start: 0, end: 80 });
    expect(zoomBy({ start: 40, end: 60 }, 10)).toEqual(FULL_ZOOM);
  });

  it('pans by a fraction of the visible width, clamped at the ends', () => {
    expect(panBy({ start: 40, end: 60 }, 0.5)).toEqual({ start: 50, end: 70 });
    expect(panBy({ start: 10, end: 30 }, -1)).toEqual({ start: 0, end: 20 });
  });

  it('maps a zoom to whole-second query bounds, and the full span to null', () => {
    const extent = { from: 0, to: 100_000 };
    expect(zoomToRange(FULL_ZOOM, extent)).toBeNull();
    expect(zoomToRange({ start: 10.0001, end: 49.9999 }, extent)).toEqual({ from: 10_000, to: 50_000 });
  });

  it('turns a time range back into zoom percentages, clamped to the series span', () => {
    const extent = { from: 1_000, to: 101_000 };
    expect(rangeToZoom({ from: 11_000, to: 51_000 }, extent)).toEqual({ start: 10, end: 50 });
    expect(rangeToZoom({ from: 0, to: 200_000 }, extent)).toEqual(FULL_ZOOM);
    expect(rangeToZoom({ from: 0, to: 1 }, { from: 5, to: 5 })).toEqual(FULL_ZOOM);
  });
});
