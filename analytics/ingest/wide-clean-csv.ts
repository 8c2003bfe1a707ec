import { sqlString, type SqlRunner } from '../engine/database';
import { OVERFLOW_COLUMNS, type DelimitedSource } from './csv-stage';
import { WIDE_ROW_ORDER, wideColumns, type WideLayout } from './monitoring-wide';
import { NO_MALFORMED_ROWS_SQL, stageColumn, type StageLayout } from './stage-source';

/**
 * Fast path of the wide monitoring import for a clean UTF-8 CSV: DuckDB's CSV reader casts the value
 * columns to DOUBLE itself, straight into `imp_wide_cells`, so the file is neither staged as text nor
 * parsed a second time. "Clean" means every value cell a number or blank, every line with an outlet,
 * a readable time and no extra fields: what the text path (parseWideRows) reads without a quarantine
 * entry or a missing-value token. Then both paths yield the same typed rows, because the reader's
 * number cast accepts the same strings as TRY_CAST(... AS DOUBLE) (checked in the tests). Missing
 * tokens (`NA`, `-`) are left to the text path: DuckDB's `nullstr` list would also apply to the flag
 * columns, where the text path keeps a `-` as written.
 *
 * Returns the number of data rows and leaves the view `imp_wide` (the columns and order of the table
 * parseWideRows makes, with no reasons, bad cells or raw text) and an empty `imp_malformed`; or
 * returns null, with nothing left behind, when any line needs the text path (a cast the reader
 * rejects, a missing token, a malformed line, a row problem, NaN).
 */
export async function readCleanWideCsv(
  db: SqlRunner,
  source: DelimitedSource,
  layout: StageLayout,
  wide: WideLayout,
): Promise<number | null> {
  const { values, flagColumns } = wideColumns(layout, wide);
  const numeric = new Set(values.map((v) => v.stageIndex));
  const names = Array.from({ length: source.columnCount }, (_, i) => stageColumn(i));
  const overflow = Array.from({ length: OVERFLOW_COLUMNS }, (_, i) => `x${i}`);
  const types = [
    ...names.map((c, i) => `'${c}': '${numeric.has(i) ? 'DOUBLE' : 'VARCHAR'}'`),
    ...overflow.map((x) => `'${x}': 'VARCHAR'`),
  ].join(', ');
  const outlet = stageColumn(wide.outletColumn);
  const flags = flagColumns.map((i, j) => `nullif(upper(trim(${stageColumn(i)})), '') AS fl${j}`);
  await dropCleanTables(db);
  await db.run(`CREATE TEMP TABLE imp_wide_cells AS
    SELECT trim(${outlet}) AS key, ${layout.timeSql(wide.timeColumn)} AS ts,
           ${[...values.map((v) => `${stageColumn(v.stageIndex)} AS v${v.pos}`), ...flags].join(', ')},
           coalesce(${overflow.join(', ')}) AS overflow
    FROM read_csv(${sqlString(source.path)},
      auto_detect = false, header = false, skip = ${source.skipLines}, delim = ${sqlString(source.delimiter)},
      quote = '"', escape = '"', columns = {${types}}, null_padding = true, strict_mode = false,
      ignore_errors = true, store_rejects = true, rejects_table = 'imp_clean_rejects', rejects_scan = 'imp_clean_scans')`);
  const [check] = await db.all<{
    rows: number;
    unclean: number;
    rejects: number;
    first: number | string | null;
  }>(
    `SELECT count(*) AS rows, min(rowid) AS first,
            count(*) FILTER (WHERE overflow IS NOT NULL OR key IS NULL OR key = '' OR ts IS NULL
                             ${values.map((v) => `OR isnan(v${v.pos})`).join(' ')}) AS unclean,
            (SELECT count(*) FROM imp_clean_rejects) AS rejects
     FROM imp_wide_cells`,
  );
  await dropCleanTables(db);
  if (!check || check.unclean > 0 || check.rejects > 0) {
    await db.run('DROP TABLE imp_wide_cells');
    return null;
  }
  // rowid is the data row index (see csv-stage.ts); the first rowid is subtracted inside a transaction.
  // The rows are sorted while narrow, in the order parseWideRows gives its rows; `imp_wide` adds the
  // columns the clean rows leave empty.
  const typed = [...values.map((v) => `v${v.pos}`), ...flagColumns.map((_, j) => `fl${j}`)];
  await db.run(`CREATE TEMP TABLE imp_wide_rows AS
    SELECT ${source.skipLines + 1} + rowid - ${String(check.first ?? 0)} AS line, key, ts, ${typed.join(', ')}
    FROM imp_wide_cells ORDER BY ${WIDE_ROW_ORDER}`);
  await db.run('DROP TABLE imp_wide_cells');
  const columns = [
    ...values.flatMap((v) => [`v${v.pos}`, `NULL::VARCHAR AS bad${v.pos}`]),
    ...flagColumns.map((_, j) => `fl${j}`),
  ];
  await db.run(`CREATE TEMP VIEW imp_wide AS
    SELECT line, key, ts, NULL::VARCHAR AS reason, ${columns.join(', ')}, NULL::VARCHAR AS raw FROM imp_wide_rows`);
  await db.run(NO_MALFORMED_ROWS_SQL);
  return check.rows;
}

async function dropCleanTables(db: SqlRunner): Promise<void> {
  await db.run('DROP TABLE IF EXISTS imp_clean_rejects');
  await db.run('DROP TABLE IF EXISTS imp_clean_scans');
}
