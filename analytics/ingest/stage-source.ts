import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { sqlString, type SqlRunner } from '../engine/database';
import { stageDelimited, type DelimitedSource } from './csv-stage';
import type { SniffedColumn, SniffResult } from './sniff/sniff-format';
import { timestampSqlExpr } from './sniff/parse-timestamp';
import { transcodeToUtf8 } from './sniff/transcode';
import { openXlsx, type XlsxCell } from './xlsx/open-xlsx';
import { sniffXlsxSheet } from './xlsx/sniff-xlsx-sheet';
import { localTimeSql } from './sql-time';

/**
 * Brings any tabular source (CSV/TSV in any supported encoding, XLSX, Parquet) into the temp table
 * `imp_stage(line, c0..cN, overflow)` with every cell as text and `line` the row's position in the
 * source, so one set of format loaders serves all containers:
 *   - CSV: the physical line number (header = its own line); GB18030/UTF-16 are first transcoded to
 *     a temporary UTF-8 copy (DuckDB has no such decoders offline), the source is never touched;
 *   - XLSX: the sheet row number as Excel shows it (1-based); a second or later sheet with the same
 *     header adds sheet_index x 1e9 so rows of different sheets stay distinct (documented in README);
 *   - Parquet: the row index (1-based).
 */
export interface StageLayout {
  readonly headers: readonly string[];
  /** Separator used to rebuild a row's raw text for quarantine. */
  readonly delimiter: string;
  /** SQL turning column `c{index}` into a local TIMESTAMP (the sniffed format first, then the usual ones). */
  readonly timeSql: (index: number) => string;
}

export interface StagedSource {
  readonly layout: StageLayout;
  readonly container: 'csv' | 'xlsx' | 'parquet';
  readonly encoding: string;
  readonly rows: number;
  readonly malformed: number;
  readonly warnings: readonly string[];
}

export const SHEET_ROW_STRIDE = 1_000_000_000;

/**
 * Drop the staged rows. A CSV stage is a view over `imp_stage_cells` (see csv-stage.ts); the other
 * containers stage into a plain table.
 */
export async function dropStage(tx: SqlRunner): Promise<void> {
  const kind = await stageKind(tx);
  if (kind === 'VIEW') await tx.run('DROP VIEW imp_stage');
  else if (kind) await tx.run('DROP TABLE imp_stage');
  await tx.run('DROP TABLE IF EXISTS imp_stage_cells');
}

async function stageKind(db: SqlRunner): Promise<string | undefined> {
  const [kind] = await db.all<{ t: string }>(
    `SELECT table_type AS t FROM information_schema.tables WHERE table_name = 'imp_stage' AND table_schema = 'main'
       AND table_catalog = 'temp'`,
  );
  return kind?.t;
}

/** Turns a staged view into a table, for loaders that alter `imp_stage` (add or rename columns). */
export async function materialiseStage(db: SqlRunner): Promise<void> {
  if ((await stageKind(db)) !== 'VIEW') return;
  await db.run('CREATE TEMP TABLE imp_stage_rows AS SELECT * FROM imp_stage ORDER BY line');
  await db.run('DROP VIEW imp_stage');
  await db.run('DROP TABLE imp_stage_cells');
  await db.run('ALTER TABLE imp_stage_rows RENAME TO imp_stage');
}

/** An empty `imp_malformed`, for sources whose reader never leaves a line it could not split. */
export const NO_MALFORMED_ROWS_SQL =
  'CREATE OR REPLACE TEMP TABLE imp_malformed (line BIGINT, reason VARCHAR, raw VARCHAR)';

export function stageColumn(index: number): string {
  return `c${index}`;
}

function timeSqlFor(columns: readonly SniffedColumn[]): (index: number) => string {
  return (index) => {
    const col = stageColumn(index);
    const type = columns[index]?.type;
    const specific = type?.kind === 'timestamp' ? timestampSqlExpr(type.format, col) : null;
    return specific ? `coalesce(${specific}, ${localTimeSql(col)})` : localTimeSql(col);
  };
}

function headerNames(columns: readonly SniffedColumn[]): string[] {
  return columns.map((c) => (c.label && c.label.trim() !== '' ? c.label : c.name));
}

/** The layout of a sniffed delimited file and how to read it (`csvPath`: the file or its UTF-8 copy). */
export function delimitedLayout(
  sniff: Extract<SniffResult, { format: 'delimited' }>,
  csvPath: string,
): { readonly layout: StageLayout; readonly source: DelimitedSource } {
  const headers = headerNames(sniff.columns);
  return {
    layout: { headers, delimiter: sniff.delimiter, timeSql: timeSqlFor(sniff.columns) },
    source: {
      path: csvPath,
      delimiter: sniff.delimiter,
      skipLines: sniff.dataStartLine,
      columnCount: headers.length,
    },
  };
}

export async function stageSource(
  tx: SqlRunner,
  connection: DuckDBConnection,
  sniff: SniffResult,
  options: { readonly signal?: AbortSignal; readonly onBytes?: (done: number, total: number) => void } = {},
): Promise<StagedSource> {
  switch (sniff.format) {
    case 'delimited': {
      const warnings: string[] = [];
      let csvPath = sniff.path;
      let temp: string | null = null;
      if (sniff.encoding !== 'utf-8' && sniff.encoding !== 'utf-8-bom') {
        temp = path.join(os.tmpdir(), `analyst-import-${randomUUID()}.csv`);
        const t = await transcodeToUtf8(sniff.path, temp, {
          encoding: sniff.encoding,
          ...(options.signal ? { signal: options.signal } : {}),
          ...(options.onBytes ? { onProgress: options.onBytes } : {}),
        });
        csvPath = temp;
        if (t.replacementCount > 0) {
          warnings.push(
            `${t.replacementCount} byte sequences could not be decoded as ${sniff.encoding} (lines ${t.replacementLines.join(', ')}); they read as U+FFFD.`,
          );
        }
      }
      try {
        const { layout, source } = delimitedLayout(sniff, csvPath);
        const staged = await stageDelimited(tx, source);
        return {
          layout,
          container: 'csv',
          encoding: sniff.encoding,
          rows: staged.rows,
          malformed: staged.malformed,
          warnings,
        };
      } finally {
        if (temp) rmSync(temp, { force: true });
      }
    }
    case 'xlsx':
      return stageXlsx(tx, connection, sniff.path, options.signal);
    case 'parquet':
      return stageParquet(tx, sniff.path);
    case 'hj212-log':
    case 'unknown':
      throw new Error(`stageSource: ${sniff.format} is not tabular`);
  }
}

function cellText(cell: XlsxCell | undefined): string | null {
  if (cell === null || cell === undefined) return null;
  return typeof cell === 'string' ? cell : String(cell);
}

async function stageXlsx(
  tx: SqlRunner,
  connection: DuckDBConnection,
  file: string,
  signal: AbortSignal | undefined,
): Promise<StagedSource> {
  const book = await openXlsx(file);
  const sheets = book.sheets.filter((s) => !s.hidden);
  const warnings: string[] = [];
  const hidden = book.sheets.filter((s) => s.hidden).map((s) => s.name);
  if (hidden.length > 0) warnings.push(`Hidden sheets not imported: ${hidden.join(', ')}.`);
  const first = sheets[0];
  if (!first) throw new Error('the workbook has no visible worksheet');
  const sniffOpts = signal ? { signal } : {};
  const firstSniff = await sniffXlsxSheet(book, first.name, sniffOpts);
  const headers = headerNames(firstSniff.columns);
  const width = headers.length;
  await tx.run(
    `CREATE OR REPLACE TEMP TABLE imp_stage (line BIGINT, ${headers.map((_, i) => `${stageColumn(i)} VARCHAR`).join(', ')}, overflow VARCHAR)`,
  );
  await tx.run(NO_MALFORMED_ROWS_SQL);
  const appender = await connection.createAppender('imp_stage', 'main', 'temp');
  let rows = 0;
  try {
    for (const [sheetIndex, sheet] of sheets.entries()) {
      const sniff = sheetIndex === 0 ? firstSniff : await sniffXlsxSheet(book, sheet.name, sniffOpts);
      const names = headerNames(sniff.columns);
      if (names.join('\u0001') !== headers.join('\u0001')) {
        warnings.push(
          `Sheet ${sheet.name} has a different header and was not imported; import it on its own.`,
        );
        continue;
      }
      await book.readSheet(
        sheet.name,
        (rowIndex, cells) => {
          if (rowIndex < sniff.firstDataRow) return true;
          if (cells.every((c) => c === null || c === '')) return true;
          appender.appendBigInt(BigInt(sheetIndex * SHEET_ROW_STRIDE + rowIndex + 1));
          for (let i = 0; i < width; i++) {
            const text = cellText(cells[i]);
            if (text === null) appender.appendNull();
            else appender.appendVarchar(text);
          }
          const extra = cells.slice(width).filter((c) => c !== null && c !== '');
          if (extra.length > 0) appender.appendVarchar(extra.map(cellText).join(','));
          else appender.appendNull();
          appender.endRow();
          rows++;
          return true;
        },
        sniffOpts,
      );
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
  return {
    layout: { headers, delimiter: ',', timeSql: timeSqlFor(firstSniff.columns) },
    container: 'xlsx',
    encoding: 'xlsx',
    rows,
    malformed: 0,
    warnings,
  };
}

async function stageParquet(tx: SqlRunner, file: string): Promise<StagedSource> {
  const cols = await tx.all<{ column_name: string }>(
    `SELECT column_name FROM (DESCRIBE SELECT * FROM read_parquet(${sqlString(file)}))`,
  );
  const headers = cols.map((c) => c.column_name);
  // The reader's own row index numbers the rows (a window over the scan would run on one thread).
  await tx.run(`CREATE OR REPLACE TEMP TABLE imp_stage AS
    SELECT file_row_number + 1 AS line,
           ${headers.map((h, i) => `CAST(p."${h.replaceAll('"', '""')}" AS VARCHAR) AS ${stageColumn(i)}`).join(', ')},
           NULL::VARCHAR AS overflow
    FROM read_parquet(${sqlString(file)}, file_row_number = true) p`);
  await tx.run(NO_MALFORMED_ROWS_SQL);
  const [n] = await tx.all<{ n: number }>('SELECT count(*) AS n FROM imp_stage');
  return {
    layout: { headers, delimiter: ',', timeSql: (i) => localTimeSql(stageColumn(i)) },
    container: 'parquet',
    encoding: 'parquet',
    rows: n?.n ?? 0,
    malformed: 0,
    warnings: [],
  };
}
