import { sqlString, type SqlRunner } from '../engine/database';
import { stageColumn, type StageLayout } from './stage-source';

/** A delimited UTF-8 file: its separator, the lines before the first data row, and the field count. */
export interface DelimitedSource {
  readonly path: string;
  readonly delimiter: string;
  /** Physical lines before the first data record (header and any preamble). */
  readonly skipLines: number;
  readonly columnCount: number;
}

/** Extra columns read past the header so rows with too many fields land in quarantine, not an error. */
export const OVERFLOW_COLUMNS = 4;

/**
 * Read a delimited file into the temp table `imp_stage(line, c0..cN, overflow)` with DuckDB's
 * `read_csv`, all columns as text. `line` is the physical line number in the file (header = its own
 * line). Rows DuckDB cannot parse at all (e.g. an unterminated quote) go to `imp_malformed` with
 * DuckDB's message; the line numbers of the good rows are corrected for them, so every row keeps
 * the line it came from.
 */
export async function stageDelimited(
  db: SqlRunner,
  layout: DelimitedSource,
): Promise<{ readonly rows: number; readonly malformed: number }> {
  const columns = Array.from({ length: layout.columnCount }, (_, i) => stageColumn(i));
  const cols = [
    ...columns.map((c) => `'${c}': 'VARCHAR'`),
    ...Array.from({ length: OVERFLOW_COLUMNS }, (_, i) => `'x${i}': 'VARCHAR'`),
  ].join(', ');
  await db.run('DROP TABLE IF EXISTS imp_rejects');
  await db.run('DROP TABLE IF EXISTS imp_scans');
  const overflow = Array.from({ length: OVERFLOW_COLUMNS }, (_, i) => `x${i}`).join(', ');
  // read_csv keeps file order (preserve_insertion_order), so the stored rows are in file order and
  // rowid is the data row index; adding the lines before the first record gives the file line. A
  // view on rowid avoids `row_number() OVER ()`, a window that runs on a single thread.
  await db.run(`CREATE OR REPLACE TEMP TABLE imp_stage_cells AS
    SELECT ${columns.join(', ')}, coalesce(${overflow}) AS overflow
    FROM read_csv(${sqlString(layout.path)},
      auto_detect = false, header = false, skip = ${layout.skipLines}, delim = ${sqlString(layout.delimiter)},
      quote = '"', escape = '"', columns = {${cols}}, null_padding = true, strict_mode = false,
      ignore_errors = true, store_rejects = true, rejects_table = 'imp_rejects', rejects_scan = 'imp_scans')`);
  await db.run(`CREATE OR REPLACE TEMP TABLE imp_malformed AS
    SELECT line, arg_min(error_message, column_idx) AS reason, arg_min(csv_line, column_idx) AS raw
    FROM imp_rejects GROUP BY line`);
  const [malformed] = await db.all<{ n: number }>('SELECT count(*) AS n FROM imp_malformed');
  // Inside a transaction rowids of new rows start at a large offset (DuckDB's transaction-local
  // storage), so the first rowid is subtracted.
  const [first] = await db.all<{ r: number | string | null }>('SELECT min(rowid) AS r FROM imp_stage_cells');
  const base = `${layout.skipLines + 1} + rowid - ${String(first?.r ?? 0)}`;
  if ((malformed?.n ?? 0) > 0) {
    // Rows DuckDB skipped shift the row index of every later row: add the number of malformed lines
    // before each row. a_j = number of good rows before the j-th malformed line; the ASOF join finds
    // the last malformed line before each good row. Rare, so materialised the simple way.
    await db.run(`CREATE OR REPLACE TEMP TABLE imp_rej_index AS
      SELECT line - ${layout.skipLines} - row_number() OVER (ORDER BY line) AS a, row_number() OVER (ORDER BY line) AS j
      FROM imp_malformed`);
    await db.run(`CREATE OR REPLACE TEMP TABLE imp_stage AS
      SELECT s.line + coalesce(m.j, 0) AS line, s.* EXCLUDE (line)
      FROM (SELECT ${base} AS line, * FROM imp_stage_cells) s
      ASOF LEFT JOIN imp_rej_index m ON s.line - ${layout.skipLines} > m.a
      ORDER BY line`);
    await db.run('DROP TABLE imp_stage_cells');
  } else {
    await db.run(`CREATE OR REPLACE TEMP VIEW imp_stage AS
      SELECT ${base} AS line, * FROM imp_stage_cells`);
  }
  const [counts] = await db.all<{ rows: number; malformed: number }>(
    'SELECT (SELECT count(*) FROM imp_stage) AS rows, (SELECT count(*) FROM imp_malformed) AS malformed',
  );
  return counts ?? { rows: 0, malformed: 0 };
}

/** SQL for the raw text of a staged row, rebuilt with the file's delimiter (for quarantine). */
export function rawRowSql(layout: StageLayout): string {
  const parts = layout.headers.map((_, i) => `coalesce(${stageColumn(i)}, '')`);
  return `concat_ws(${sqlString(layout.delimiter)}, ${parts.join(', ')})`;
}
