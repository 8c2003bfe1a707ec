import type { SqlRunner } from '../engine/database';

/**
 * The shared second half of every monitoring import, inside the caller's transaction:
 *   1. rejected rows go to `quarantine` with their reason (done by the loader or below);
 *   2. the series that are new are created (keyed by outlet, code, statistic and interval);
 *   3. duplicate (series, time) readings are resolved (see DUPLICATE RULE below);
 *   4. the readings are appended sorted by (series_id, ts), or clustered by series in time order
 *      where the loader's rows already come that way.
 *
 * Two inputs share it. The long export and the HJ 212 loader fill the temp table
 * `imp_parsed(line, outlet_id, code, stat, ts, value, flag, reason, raw, interval)`, one row per value
 * with `reason` set where the row cannot be used, and call `commitMonitoringRows`. The wide export
 * keeps one typed row per source line and describes its cells as SQL (`CellSource`), so its eight or
 * more readings per line are never materialised one by one before the final sorted insert.
 *
 * DUPLICATE RULE. Re-transmitted data (补传) repeats (series, time). The first value wins: a reading
 * already stored in the case is kept over a new file's, and within one file the earliest row wins
 * (within one row, the leftmost cell / the first value of the packet). Every discarded duplicate is
 * counted; one whose value or flag differs from the kept one is also copied to `quarantine` (reason
 * "duplicate ... conflicts"), because conflicting re-sends are evidence in their own right (domain.md
 * F14) and must not vanish.
 */
export const PARSED_TABLE_SQL = `CREATE OR REPLACE TEMP TABLE imp_parsed (
  line BIGINT, outlet_id VARCHAR, code VARCHAR, stat VARCHAR, ts TIMESTAMP, value DOUBLE, flag VARCHAR,
  reason VARCHAR, raw VARCHAR, interval VARCHAR, pos BIGINT
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

/**
 * Creates the file's new series and leaves `imp_keys(outlet_id, code, stat, given, interval, t0, t1,
 * series_id)`, one row per series of this file. `keyStatsSql` yields one row per (outlet_id, code,
 * stat, given) with `given` an interval the loader knows (HJ 212: from the CN) or NULL, `n_ts` (approx.
 * distinct times) and `t0`/`t1` (first and last time). Without a given interval it is inferred from
 * the mean time step, falling back to the interval of an existing series of the key.
 */
export async function resolveSeries(db: SqlRunner, keyStatsSql: string): Promise<void> {
  await db.run(`CREATE OR REPLACE TEMP TABLE imp_keys AS
    WITH k AS (
      SELECT *, epoch(t1 - t0) / greatest(n_ts - 1, 1) AS step_s FROM (${keyStatsSql})
    ), known AS (
      SELECT outlet_id, code, stat, min(interval) AS interval FROM series GROUP BY ALL HAVING count(*) = 1
    )
    SELECT k.outlet_id, k.code, k.stat, k.given,
           coalesce(k.given, ${INTERVAL_FROM_STEP}, known.interval, 'hour') AS interval, k.t0, k.t1
    FROM k LEFT JOIN known USING (outlet_id, code, stat)`);
  await db.run(`INSERT INTO series (outlet_id, code, stat, interval, media)
    SELECT k.outlet_id, k.code, k.stat, k.interval,
           coalesce(o.media, CASE WHEN k.code LIKE 'a%' THEN 'gas' WHEN k.code LIKE 'w%' THEN 'water' ELSE 'other' END)
    FROM imp_keys k LEFT JOIN outlets o USING (outlet_id)
    ORDER BY k.outlet_id, k.code, k.stat
    ON CONFLICT DO NOTHING`);
  await db.run(`CREATE OR REPLACE TEMP TABLE imp_keys AS
    SELECT k.*, s.series_id FROM imp_keys k
    JOIN series s ON s.outlet_id = k.outlet_id AND s.code = k.code AND s.stat = k.stat AND s.interval = k.interval`);
}

/** The readings of one file, as SQL over the loader's own tables (after `resolveSeries`). */
export interface CellSource {
  /** SELECT series_id, ts, value, flag, line, pos: every usable reading; (line, pos) is unique. */
  readonly cells: string;
  /**
   * The same, restricted to the readings that may repeat a (series, ts) of this file, or null when
   * the loader has proved that none can (cheaper than grouping every reading).
   */
  readonly repeatCandidates: string | null;
  /**
   * SQL `SELECT line, raw`: the source text of a line, for quarantined duplicates (NULL where
   * unknown). Asked for only when a duplicate conflicts, so a loader may stage the text just then.
   */
  readonly rawByLine: () => Promise<string>;
  /**
   * `cells` already yields each series' readings together and in time order (e.g. the wide loader's
   * rows sorted by outlet and time, one column after another): the insert keeps that order instead of
   * sorting every reading.
   */
  readonly presorted?: boolean;
  /** Number of rows `cells` yields. */
  readonly cellCount: number;
}

/** Duplicate resolution and the sorted insert into `readings`, shared by every monitoring loader. */
export async function commitCells(
  db: SqlRunner,
  fileId: number,
  source: CellSource,
): Promise<Omit<MonitoringLoadCounts, 'rowsRejected' | 'timeSpan'>> {
  // Duplicates within the file: the repeated keys first (small), then their readings; the earliest
  // (line, pos) wins.
  let losers = 0;
  if (source.repeatCandidates !== null) {
    await db.run(`CREATE OR REPLACE TEMP TABLE imp_dup_cells AS
      WITH c AS (${source.repeatCandidates}),
      d AS (SELECT series_id, ts FROM c GROUP BY series_id, ts HAVING count(*) > 1)
      SELECT c.* FROM c SEMI JOIN d ON d.series_id = c.series_id AND d.ts = c.ts`);
    await db.run(`CREATE OR REPLACE TEMP TABLE imp_losers AS
      WITH keep AS (
        SELECT series_id, ts, min({'line': line, 'pos': pos}) AS kept FROM imp_dup_cells GROUP BY series_id, ts
      )
      SELECT c.*, w.value AS kept_value, w.flag AS kept_flag, w.line AS keep_line
      FROM imp_dup_cells c JOIN keep k ON k.series_id = c.series_id AND k.ts = c.ts
      JOIN imp_dup_cells w ON w.line = k.kept.line AND w.pos = k.kept.pos
      WHERE c.line <> w.line OR c.pos <> w.pos`);
    const [n] = await db.all<{ n: number }>('SELECT count(*) AS n FROM imp_losers');
    losers = n?.n ?? 0;
    await db.run('DROP TABLE imp_dup_cells');
  }

  // Readings already in the case for the same (series, ts) win over this file. Looked for only when
  // one of this file's series has a stored reading inside the file's time range for that series.
  const [overlap] = await db.all<{ n: number }>(
    `SELECT count(*) AS n FROM (
       SELECT 1 FROM readings r JOIN imp_keys k ON r.series_id = k.series_id AND r.ts BETWEEN k.t0 AND k.t1 LIMIT 1)`,
  );
  const storedOverlap = (overlap?.n ?? 0) > 0;
  if (storedOverlap) {
    await db.run(`CREATE OR REPLACE TEMP TABLE imp_stored_dups AS
      SELECT c.series_id, c.ts, c.line, c.pos, r.value AS stored_value, r.flag AS stored_flag,
             (c.value IS DISTINCT FROM r.value OR c.flag IS DISTINCT FROM r.flag) AS conflicts
      FROM (${source.cells}) c JOIN readings r ON r.series_id = c.series_id AND r.ts = c.ts`);
  }

  // Conflicting duplicates go to quarantine for review; identical ones are only counted.
  if (losers > 0) {
    await db.run(
      `INSERT INTO quarantine
       SELECT $f, l.line,
              'duplicate of row ' || l.keep_line || ' for the same series and time; value ' || coalesce(l.value::VARCHAR, 'NULL') ||
              ' conflicts with the kept ' || coalesce(l.kept_value::VARCHAR, 'NULL'), r.raw
       FROM imp_losers l
       LEFT JOIN (SELECT line, any_value(raw) AS raw FROM (${await source.rawByLine()}) s
                  WHERE line IN (SELECT line FROM imp_losers) GROUP BY line) r ON r.line = l.line
       WHERE l.value IS DISTINCT FROM l.kept_value OR l.flag IS DISTINCT FROM l.kept_flag`,
      { f: fileId },
    );
  }
  if (storedOverlap) {
    await db.run(
      `INSERT INTO quarantine
       SELECT $f, d.line,
              'duplicate of a reading already in the case (stored value ' || coalesce(d.stored_value::VARCHAR, 'NULL') ||
              ', flag ' || coalesce(d.stored_flag, 'NULL') || '); the stored reading is kept', NULL
       FROM imp_stored_dups d WHERE d.conflicts`,
      { f: fileId },
    );
  }

  // A presorted source is inserted without keeping the global order: each thread then appends whole
  // chunks of it, which are series runs already, and nothing is buffered to put chunks back in order.
  if (source.presorted) await db.run('SET preserve_insertion_order = false');
  try {
    await db.run(
      `INSERT INTO readings
       SELECT c.series_id, c.ts, c.value, c.flag, $f, c.line
       FROM (${source.cells}) c
       ${losers > 0 ? 'ANTI JOIN imp_losers l ON l.line = c.line AND l.pos = c.pos' : ''}
       ${storedOverlap ? 'ANTI JOIN imp_stored_dups d ON d.series_id = c.series_id AND d.ts = c.ts' : ''}
       ${source.presorted ? '' : 'ORDER BY c.series_id, c.ts'}`,
      { f: fileId },
    );
  } finally {
    if (source.presorted) await db.run('RESET preserve_insertion_order');
  }

  const count = async (sql: string): Promise<number> => (await db.all<{ n: number }>(sql))[0]?.n ?? 0;
  const storedDups = storedOverlap
    ? await count(`SELECT count(*) AS n FROM imp_stored_dups d
        ${losers > 0 ? 'ANTI JOIN imp_losers l ON l.line = d.line AND l.pos = d.pos' : ''}`)
    : 0;
  const conflicts =
    (losers > 0
      ? await count(
          'SELECT count(*) AS n FROM imp_losers WHERE value IS DISTINCT FROM kept_value OR flag IS DISTINCT FROM kept_flag',
        )
      : 0) + (storedOverlap ? await count('SELECT count(*) AS n FROM imp_stored_dups WHERE conflicts') : 0);
  const series = await count('SELECT count(*) AS n FROM imp_keys');
  for (const t of ['imp_keys', 'imp_losers', 'imp_stored_dups']) await db.run(`DROP TABLE IF EXISTS ${t}`);
  // A stored duplicate of a within-file loser is counted once, as a loser.
  const duplicates = losers + storedDups;
  return {
    rowsLoaded: source.cellCount - duplicates,
    duplicates,
    conflictingDuplicates: conflicts,
    seriesFound: series,
  };
}

/** Commit `imp_parsed` (long export, HJ 212): quarantine, series, duplicate rule, sorted insert. */
export async function commitMonitoringRows(db: SqlRunner, fileId: number): Promise<MonitoringLoadCounts> {
  await db.run(
    `INSERT INTO quarantine SELECT $f, line, reason, raw FROM imp_parsed WHERE reason IS NOT NULL`,
    { f: fileId },
  );
  // A known interval (HJ 212: from the packet's CN) is part of the series key: a log carries the
  // minute, hourly and daily averages of one code (CN 2051 / 2061 / 2031), which are three series.
  await resolveSeries(
    db,
    `SELECT outlet_id, code, stat, interval AS given, approx_count_distinct(ts) AS n_ts,
            min(ts) AS t0, max(ts) AS t1
     FROM imp_parsed WHERE reason IS NULL GROUP BY outlet_id, code, stat, interval`,
  );
  // Valid rows with their series id (the key table is small: a cheap hash join); pos orders the
  // values of one line (an HJ 212 packet: their order in the packet) for the duplicate rule, where
  // the source gives it; a long export's line holds one value (rowid then only makes (line, pos) unique).
  await db.run(`CREATE OR REPLACE TEMP TABLE imp_valid AS
    SELECT k.series_id, p.ts, p.value, p.flag, p.line, coalesce(p.pos, p.rowid) AS pos
    FROM imp_parsed p JOIN imp_keys k
      ON k.outlet_id = p.outlet_id AND k.code = p.code AND k.stat = p.stat AND k.given IS NOT DISTINCT FROM p.interval
    WHERE p.reason IS NULL`);
  const [r] = await db.all<{ n: number }>('SELECT count(*) AS n FROM imp_parsed WHERE reason IS NOT NULL');
  const counts = await commitValidCells(db, fileId, {
    rejected: r?.n ?? 0,
    rawByLine: async () => 'SELECT line, raw FROM imp_parsed',
  });
  await db.run('DROP TABLE imp_parsed');
  return counts;
}

/** What the loader tells commitValidCells about `imp_valid`. */
export interface ValidCells {
  /** Rows the loader sent to quarantine. */
  readonly rejected: number;
  /** As in CellSource. */
  readonly rawByLine: () => Promise<string>;
  /** The number of readings in `imp_valid` and their first and last time, if the loader knows them. */
  readonly counts?: { readonly valid: number; readonly t0: string | null; readonly t1: string | null };
  /** As in CellSource; by default every reading of `imp_valid`. */
  readonly repeatCandidates?: string | null;
  /**
   * `imp_valid` is a view over the loader's tables rather than a table (HJ 212: 19M readings joined
   * to their series need not be materialised before the sorted insert reads them once).
   */
  readonly isView?: boolean;
}

/**
 * The shared end of a long-format commit: the readings of `imp_valid(series_id, ts, value, flag,
 * line, pos)` through the duplicate rule into `readings` (commitCells), with the file's counts.
 */
export async function commitValidCells(
  db: SqlRunner,
  fileId: number,
  valid: ValidCells,
): Promise<MonitoringLoadCounts> {
  const [c] = valid.counts
    ? [valid.counts]
    : await db.all<{ valid: number; t0: string | null; t1: string | null }>(
        'SELECT count(*) AS valid, min(ts) AS t0, max(ts) AS t1 FROM imp_valid',
      );
  if (!c) throw new Error('import counts query returned no row');
  const counts = await commitCells(db, fileId, {
    cells: 'SELECT series_id, ts, value, flag, line, pos FROM imp_valid',
    repeatCandidates:
      valid.repeatCandidates === undefined
        ? 'SELECT series_id, ts, value, flag, line, pos FROM imp_valid'
        : valid.repeatCandidates,
    rawByLine: valid.rawByLine,
    cellCount: c.valid,
  });
  await db.run(valid.isView === true ? 'DROP VIEW imp_valid' : 'DROP TABLE imp_valid');
  return {
    ...counts,
    rowsRejected: valid.rejected,
    timeSpan: c.t0 && c.t1 ? { start: c.t0, end: c.t1 } : null,
  };
}
