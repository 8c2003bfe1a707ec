import path from 'node:path';
import type { CaseSummary, SeriesInfo, SourceFileInfo, TableCounts } from '../api/domain';
import type { SqlRunner } from '../engine/database';
import { CURRENT_SCHEMA_VERSION } from './migrations';
import { codeName } from './code-names';

/** Read-side queries behind the case screen. */
export async function caseSummary(db: SqlRunner, casePath: string): Promise<CaseSummary> {
  const meta = Object.fromEntries(
    (await db.all<{ key: string; value: string }>('SELECT key, value FROM meta')).map((r) => [
      r.key,
      r.value,
    ]),
  );
  const sources = await db.all<Record<string, string | number>>(
    `SELECT file_id, name, path, sha256, size_bytes, format, encoding, imported_at,
            rows_read, rows_loaded, rows_rejected, duplicates FROM source_files ORDER BY file_id`,
  );
  const [c] = await db.all<Record<keyof TableCounts, number>>(`SELECT
      (SELECT count(*) FROM sites) AS sites, (SELECT count(*) FROM outlets) AS outlets,
      (SELECT count(*) FROM series) AS series, (SELECT count(*) FROM readings) AS readings,
      (SELECT count(*) FROM devices) AS devices, (SELECT count(*) FROM power_readings) AS powerReadings,
      (SELECT count(*) FROM stations) AS stations, (SELECT count(*) FROM air_readings) AS airReadings,
      (SELECT count(*) FROM orders) AS orders, (SELECT count(*) FROM gate_records) AS gateRecords,
      (SELECT count(*) FROM marks) AS marks, (SELECT count(*) FROM quarantine) AS quarantine,
      (SELECT count(*) FROM findings) AS findings`);
  const [span] = await db.all<{ t0: string | null; t1: string | null }>(
    'SELECT min(ts) AS t0, max(ts) AS t1 FROM readings',
  );
  return {
    path: casePath,
    name: meta['name'] ?? path.basename(casePath),
    schemaVersion: CURRENT_SCHEMA_VERSION,
    createdAt: meta['created_at'] ?? '1970-01-01 00:00:00',
    createdBy: meta['created_by'] ?? '',
    sources: sources.map((s): SourceFileInfo => ({
      fileId: Number(s['file_id']),
      name: String(s['name']),
      path: String(s['path']),
      sha256: String(s['sha256']),
      sizeBytes: Number(s['size_bytes']),
      format: String(s['format']),
      encoding: String(s['encoding']),
      importedAt: String(s['imported_at']),
      rowsRead: Number(s['rows_read']),
      rowsLoaded: Number(s['rows_loaded']),
      rowsRejected: Number(s['rows_rejected']),
      duplicates: Number(s['duplicates']),
    })),
    counts: c!,
    span: span?.t0 && span.t1 ? { start: span.t0, end: span.t1 } : null,
  };
}

export async function listSeries(
  db: SqlRunner,
  filter: { readonly outletId?: string | undefined; readonly code?: string | undefined },
): Promise<SeriesInfo[]> {
  const where = [
    filter.outletId !== undefined ? 's.outlet_id = $outlet' : '',
    filter.code !== undefined ? 's.code = $code' : '',
  ].filter(Boolean);
  const params: Record<string, string> = {};
  if (filter.outletId !== undefined) params['outlet'] = filter.outletId;
  if (filter.code !== undefined) params['code'] = filter.code;
  const rows = await db.all<{
    series_id: number;
    outlet_id: string;
    site_id: string | null;
    site_name: string | null;
    code: string;
    unit: string | null;
    stat: string;
    media: string;
    interval: string;
    n: number;
    t0: string;
    t1: string;
  }>(
    `WITH st AS (SELECT series_id, count(*) AS n, min(ts) AS t0, max(ts) AS t1 FROM readings GROUP BY series_id)
     SELECT s.series_id, s.outlet_id, o.site_id, si.site_name, s.code, s.unit, s.stat, s.media, s.interval,
            st.n, st.t0, st.t1
     FROM series s JOIN st USING (series_id)
     LEFT JOIN outlets o USING (outlet_id) LEFT JOIN sites si ON si.site_id = o.site_id
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY s.outlet_id, s.code, s.stat, s.interval`,
    params,
  );
  return rows.map((r) => ({
    seriesId: r.series_id,
    outletId: r.outlet_id,
    siteId: r.site_id,
    siteName: r.site_name,
    code: r.code,
    codeName: codeName(r.code),
    unit: r.unit,
    stat: r.stat,
    media: r.media === 'gas' || r.media === 'water' ? r.media : 'other',
    interval: r.interval,
    count: r.n,
    start: r.t0,
    end: r.t1,
  }));
}
