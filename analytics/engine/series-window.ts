import type { SeriesWindow } from '../api/domain';
import type { SqlRunner } from './database';

/**
 * Chart data for one series, downsampled in DuckDB so big series never cross the boundary raw.
 * M4 (first, last, min and max per pixel bucket) keeps a line chart visually identical to the raw
 * series (shared/docs/detectors.md §5: 10–40 ms per series). Series with at most 4 points per pixel
 * are returned raw.
 */
export interface SeriesWindowRequest {
  readonly seriesId: number;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly pixels: number;
}

function rangeFilter(req: SeriesWindowRequest): string {
  return [
    'series_id = $sid',
    req.from !== undefined ? 'ts >= $from::TIMESTAMP' : '',
    req.to !== undefined ? 'ts <= $to::TIMESTAMP' : '',
  ]
    .filter(Boolean)
    .join(' AND ');
}

export async function seriesWindow(db: SqlRunner, req: SeriesWindowRequest): Promise<SeriesWindow> {
  const params: Record<string, string | number> = { sid: req.seriesId };
  if (req.from !== undefined) params['from'] = req.from;
  if (req.to !== undefined) params['to'] = req.to;
  const where = rangeFilter(req);
  const [count] = await db.all<{ n: number }>(`SELECT count(*) AS n FROM readings WHERE ${where}`, params);
  const rawCount = count?.n ?? 0;
  if (rawCount <= req.pixels * 4) {
    const rows = await db.all<{ t: number; v: number | null }>(
      `SELECT epoch_ms(ts) AS t, value AS v FROM readings WHERE ${where} ORDER BY ts`,
      params,
    );
    return {
      seriesId: req.seriesId,
      method: 'raw',
      rawCount,
      t: rows.map((r) => r.t),
      v: rows.map((r) => r.v),
    };
  }
  const rows = await db.all<{ t: number; v: number | null }>(
    `WITH s AS (SELECT ts, value FROM readings WHERE ${where} AND value IS NOT NULL),
     r AS (SELECT min(epoch_us(ts)) AS t0, max(epoch_us(ts)) AS t1 FROM s),
     b AS (
       SELECT least(${req.pixels} - 1, floor((epoch_us(ts) - t0) * ${req.pixels} / (t1 - t0 + 1)))::INT AS bkt, ts, value
       FROM s, r
     ),
     m AS (
       SELECT unnest([
         struct_pack(ts := min(ts), v := arg_min(value, ts)),
         struct_pack(ts := arg_min(ts, value), v := min(value)),
         struct_pack(ts := arg_max(ts, value), v := max(value)),
         struct_pack(ts := max(ts), v := arg_max(value, ts))
       ], recursive := true)
       FROM b GROUP BY bkt
     )
     SELECT DISTINCT epoch_ms(ts) AS t, v FROM m ORDER BY t`,
    params,
  );
  return { seriesId: req.seriesId, method: 'm4', rawCount, t: rows.map((r) => r.t), v: rows.map((r) => r.v) };
}
