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

/**
 * Interval label from the mean step between distinct timestamps of one series in this file. The
 * bounds sit between the nominal steps (real-time seconds, minute data 1-30 min, hours, days) so an
 * approximate distinct count and a few gaps cannot move a series to the wrong label.
 */
export const INTERVAL_FROM_STEP = `CASE
  WHEN n_ts < 2 THEN NULL
  WHEN step_s < 50 THEN 'rtd'
  WHEN step_s < 2400 THEN 'min'
  WHEN step_s < 43200 THEN 'hour'
  ELSE 'day' END`;

export async function commitMonitoringRows(db: SqlRunner, fileId: number): Promise<MonitoringLoadCounts> {
  await db.run(
    `INSERT INTO quarantine SELECT $f, line, reason, raw FROM imp_parsed WHERE reason IS NOT NULL`,
    { f: fileId },
  );

  // Series keys of this file. A loader that knows the interval (HJ 212: from CN) sets it; otherwise
  // infer it from the mean time step, falling back to the interval of an existing series of the key.
  await db.run(`CREATE OR REPLACE TEMP TABLE imp_keys AS
    WITH k AS (
      SELECT outlet_id, code, stat, any_value(interval) AS given, approx_count_distinct(ts) AS n_ts,
             epoch(max(ts) - min(ts)) / greatest(approx_count_distinct(ts) - 1, 1) AS step_s
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

  // Valid rows with their series id (the key table is small: a cheap hash join).
  await db.run(`CREATE OR REPLACE TEMP TABLE imp_valid AS
    SELECT s.series_id, p.ts, p.value, p.flag, p.line
    FROM imp_parsed p
    JOIN imp_keys k USING (outlet_id, code, stat)
    JOIN series s ON s.outlet_id = k.outlet_id AND s.code = k.code AND s.stat = k.stat AND s.interval = k.interval
    WHERE p.reason IS NULL`);

  // Duplicates within the file: only the (few) repeated keys are materialised; the earliest line wins.
  await db.run(`CREATE OR REPLACE TEMP TABLE imp_dups AS
    SELECT series_id, ts, min(line) AS keep_line, count(*) AS n FROM imp_valid GROUP BY series_id, ts HAVING count(*) > 1`);
  await db.run(`CREATE OR REPLACE TEMP TABLE imp_losers AS
    SELECT v.*, w.value AS kept_value, w.flag AS kept_flag, d.keep_line
    FROM imp_valid v JOIN imp_dups d ON d.series_id = v.series_id AND d.ts = v.ts AND v.line <> d.keep_line
    JOIN imp_valid w ON w.series_id = d.series_id AND w.ts = d.ts AND w.line = d.keep_line`);

  // Readings already in the case for the same (series, ts) win over this file. Skipped when none of
  // this file's series has stored readings yet (the common first import).
  const [overlap] = await db.all<{ n: number }>(
    `SELECT count(*) AS n FROM (SELECT DISTINCT series_id FROM imp_valid) v
     WHERE EXISTS (SELECT 1 FROM readings r WHERE r.series_id = v.series_id)`,
  );
  await db.run(`CREATE OR REPLACE TEMP TABLE imp_stored_dups AS
    SELECT v.series_id, v.ts, v.line, r.value AS stored_value, r.flag AS stored_flag,
           (v.value IS DISTINCT FROM r.value OR v.flag IS DISTINCT FROM r.flag) AS conflicts
    FROM imp_valid v JOIN readings r ON r.series_id = v.series_id AND r.ts = v.ts
    ${(overlap?.n ?? 0) > 0 ? '' : 'WHERE false'}`);

  // Conflicting duplicates go to quarantine for review; identical ones are only counted.
  await db.run(
    `INSERT INTO quarantine
     SELECT $f, l.line,
            'duplicate of row ' || l.keep_line || ' for the same series and time; value ' || coalesce(l.value::VARCHAR, 'NULL') ||
            ' conflicts with the kept ' || coalesce(l.kept_value::VARCHAR, 'NULL'), p.raw
     FROM imp_losers l LEFT JOIN imp_parsed p ON p.line = l.line AND p.ts = l.ts
     WHERE l.value IS DISTINCT FROM l.kept_value OR l.flag IS DISTINCT FROM l.kept_flag
     UNION ALL
     SELECT $f, d.line,
            'duplicate of a reading already in the case (stored value ' || coalesce(d.stored_value::VARCHAR, 'NULL') ||
            ', flag ' || coalesce(d.stored_flag, 'NULL') || '); the stored reading is kept', NULL
     FROM imp_stored_dups d WHERE d.conflicts`,
    { f: fileId },
  );

  await db.run(
    `INSERT INTO readings
     SELECT v.series_id, v.ts, v.value, v.flag, $f, v.line
     FROM imp_valid v
     ANTI JOIN imp_losers l ON l.series_id = v.series_id AND l.ts = v.ts AND l.line = v.line
     ANTI JOIN imp_stored_dups d ON d.series_id = v.series_id AND d.ts = v.ts
     ORDER BY v.series_id, v.ts`,
    { f: fileId },
  );

  const [c] = await db.all<{
    valid: number;
    rejected: number;
    losers: number;
    stored_dups: number;
    conflicts: number;
    series: number;
    t0: string | null;
    t1: string | null;
  }>(
    `SELECT
      (SELECT count(*) FROM imp_valid) AS valid,
      (SELECT count(*) FROM imp_parsed WHERE reason IS NOT NULL) AS rejected,
      (SELECT count(*) FROM imp_losers) AS losers,
      (SELECT count(*) FROM imp_valid v SEMI JOIN imp_stored_dups d ON d.series_id = v.series_id AND d.ts = v.ts) AS stored_dups,
      (SELECT count(*) FROM quarantine WHERE file_id = $f AND reason LIKE 'duplicate%') AS conflicts,
      (SELECT count(*) FROM imp_keys) AS series,
      (SELECT min(ts) FROM imp_valid) AS t0,
      (SELECT max(ts) FROM imp_valid) AS t1`,
    { f: fileId },
  );
  if (!c) throw new Error('import counts query returned no row');
  for (const t of ['imp_parsed', 'imp_keys', 'imp_valid', 'imp_dups', 'imp_losers', 'imp_stored_dups']) {
    await db.run(`DROP TABLE IF EXISTS ${t}`);
  }
  // A stored duplicate of a within-file loser is counted once, as a loser.
  const duplicates = c.losers + c.stored_dups;
  return {
    rowsLoaded: c.valid - duplicates,
    rowsRejected: c.rejected,
    duplicates,
    conflictingDuplicates: c.conflicts,
    seriesFound: c.series,
    timeSpan: c.t0 && c.t1 ? { start: c.t0, end: c.t1 } : null,
  };
}
