import type { SqlRunner } from '../engine/database';

/**
 * The shared second half of every monitoring import. A format-specific loader fills the temp table
 * `imp_parsed(line, outlet_id, code, stat, ts, value, flag, reason, raw)`, one row per value with
 * `reason` set where the row cannot be used. This module then, inside the caller's transaction:
 *   1. moves rejected rows to `quarantine` with their reason;
 *   2. creates the series that are new (keyed by outlet, code, statistic and interval);
 *   3. resolves duplicate (series, time) rows (see DUPLICATE RULE below);
 *   4. appends the readings sorted by (series_id, ts).
 *
 * DUPLICATE RULE. Re-transmitted data (补传) repeats (series, time). The first value wins: a reading
 * already stored in the case is kept over a new file's, and within one file the earliest row wins.
 * Every discarded duplicate is counted; one whose value or flag differs from the kept one is also
 * copied to `quarantine` (reason "duplicate ... conflicts"), because conflicting re-sends are
 * evidence in their own right (domain.md F14) and must not vanish.
 */
export const PARSED_TABLE_SQL = `CREATE OR REPLACE TEMP TABLE imp_parsed (
  line BIGINT, outlet_id VARCHAR, code VARCHAR, stat VARCHAR, ts TIMESTAMP, value DOUBLE, flag VARCHAR,
  reason VARCHAR, raw VARCHAR, interval VARCHAR
)`;

export interface MonitoringLoadCounts {
  readonly rowsLoaded: number;
  readonly rowsRejected: number;
  readonly duplicates: number;
  readonly conflictingDuplicates: number;
  readonly seriesFound: number;
  readonly timeSpan: { readonly start: string; readonly end: string } | null;
}

/** Interval label from the mean step between distinct timestamps of one series in this file. */
const INTERVAL_FROM_STEP = `CASE
  WHEN n_ts < 2 THEN NULL
  WHEN step_s < 60 THEN 'rtd'
  WHEN step_s < 3600 THEN 'min'
  WHEN step_s < 86400 THEN 'hour'
  ELSE 'day' END`;

export async function commitMonitoringRows(db: SqlRunner, fileId: number): Promise<MonitoringLoadCounts> {
  await db.run(
    `INSERT INTO quarantine SELECT $f, line, reason, raw FROM imp_parsed WHERE reason IS NOT NULL`,
    { f: fileId },
  );

  // Series keys of this file. A loader that knows the interval (HJ 212: from CN) sets it; otherwise
  // infer it from the time step, falling back to the interval of an existing series of the same key.
  await db.run(`CREATE OR REPLACE TEMP TABLE imp_keys AS
    WITH k AS (
      SELECT outlet_id, code, stat, any_value(interval) AS given, count(DISTINCT ts) AS n_ts,
             epoch(max(ts) - min(ts)) / greatest(count(DISTINCT ts) - 1, 1) AS step_s
      FROM imp_parsed WHERE reason IS NULL GROUP BY ALL
    ), known AS (
      SELECT outlet_id, code, stat, min(interval) AS interval FROM series GROUP BY ALL HAVING count(*) = 1
    )
    SELECT k.outlet_id, k.code, k.stat,
           coalesce(k.given, ${INTERVAL_FROM_STEP}, known.interval, 'hour') AS interval
    FROM k LEFT JOIN known USING (outlet_id, code, stat)`);

  await db.run(`INSERT INTO series (outlet_id, code, stat, interval, media)
    SELECT k.outlet_id, k.code, k.stat, k.interval,
           coalesce(o.media, CASE WHEN k.code LIKE 'a%' THEN 'gas' WHEN k.code LIKE 'w%' THEN 'water' ELSE 'other' END)
    FROM imp_keys k LEFT JOIN outlets o USING (outlet_id)
    ON CONFLICT DO NOTHING`);

  // One row per (series, ts): the earliest line wins within the file.
  await db.run(`CREATE OR REPLACE TEMP TABLE imp_grouped AS
    SELECT s.series_id, p.ts,
           arg_min(p.value, p.line) AS value, arg_min(p.flag, p.line) AS flag, min(p.line) AS line,
           count(*) AS n, count(DISTINCT coalesce(p.value::VARCHAR, '') || '|' || coalesce(p.flag, '')) AS n_variants
    FROM imp_parsed p
    JOIN imp_keys k USING (outlet_id, code, stat)
    JOIN series s ON s.outlet_id = k.outlet_id AND s.code = k.code AND s.stat = k.stat AND s.interval = k.interval
    WHERE p.reason IS NULL
    GROUP BY s.series_id, p.ts`);

  // Readings already in the case for the same (series, ts) win over this file.
  await db.run(`CREATE OR REPLACE TEMP TABLE imp_stored_dups AS
    SELECT g.series_id, g.ts, g.line, g.n, r.value AS stored_value, r.flag AS stored_flag,
           (g.value IS DISTINCT FROM r.value OR g.flag IS DISTINCT FROM r.flag) AS conflicts
    FROM imp_grouped g JOIN readings r ON r.series_id = g.series_id AND r.ts = g.ts`);

  // Conflicting duplicates go to quarantine: within-file losers whose value differs from the winner,
  // and whole groups that differ from the stored reading.
  await db.run(
    `INSERT INTO quarantine
     SELECT $f, p.line,
            'duplicate of row ' || g.line || ' for the same series and time; value ' || coalesce(p.value::VARCHAR, 'NULL') ||
            ' conflicts with the kept ' || coalesce(g.value::VARCHAR, 'NULL'), p.raw
     FROM imp_parsed p
     JOIN imp_keys k USING (outlet_id, code, stat)
     JOIN series s ON s.outlet_id = k.outlet_id AND s.code = k.code AND s.stat = k.stat AND s.interval = k.interval
     JOIN imp_grouped g ON g.series_id = s.series_id AND g.ts = p.ts
     WHERE p.reason IS NULL AND g.n_variants > 1 AND p.line <> g.line
       AND (p.value IS DISTINCT FROM g.value OR p.flag IS DISTINCT FROM g.flag)
     UNION ALL
     SELECT $f, d.line,
            'duplicate of a reading already in the case (stored value ' || coalesce(d.stored_value::VARCHAR, 'NULL') ||
            ', flag ' || coalesce(d.stored_flag, 'NULL') || '); the stored reading is kept', NULL
     FROM imp_stored_dups d WHERE d.conflicts`,
    { f: fileId },
  );

  await db.run(
    `INSERT INTO readings
     SELECT g.series_id, g.ts, g.value, g.flag, $f, g.line
     FROM imp_grouped g ANTI JOIN imp_stored_dups d ON d.series_id = g.series_id AND d.ts = g.ts
     ORDER BY g.series_id, g.ts`,
    { f: fileId },
  );

  const [c] = await db.all<{
    loaded: number;
    rejected: number;
    within_dups: number;
    stored_dups: number;
    conflicts: number;
    series: number;
    t0: string | null;
    t1: string | null;
  }>(
    `SELECT
      (SELECT count(*) FROM imp_grouped) - (SELECT count(*) FROM imp_stored_dups) AS loaded,
      (SELECT count(*) FROM imp_parsed WHERE reason IS NOT NULL) AS rejected,
      (SELECT coalesce(sum(n - 1), 0) FROM imp_grouped) AS within_dups,
      (SELECT coalesce(sum(n), 0) FROM imp_stored_dups) AS stored_dups,
      (SELECT count(*) FROM quarantine WHERE file_id = $f AND reason LIKE 'duplicate%') AS conflicts,
      (SELECT count(*) FROM imp_keys) AS series,
      (SELECT min(ts) FROM imp_grouped) AS t0,
      (SELECT max(ts) FROM imp_grouped) AS t1`,
    { f: fileId },
  );
  if (!c) throw new Error('import counts query returned no row');
  for (const t of ['imp_parsed', 'imp_keys', 'imp_grouped', 'imp_stored_dups']) {
    await db.run(`DROP TABLE IF EXISTS ${t}`);
  }
  return {
    rowsLoaded: c.loaded,
    rowsRejected: c.rejected,
    duplicates: c.within_dups + c.stored_dups,
    conflictingDuplicates: c.conflicts,
    seriesFound: c.series,
    timeSpan: c.t0 && c.t1 ? { start: c.t0, end: c.t1 } : null,
  };
}
