import { guessColumnType } from '../sniff/guess-column-type';
import { isMissingToken } from '../sniff/missing-values';
import type { SniffedColumn } from '../sniff/sniff-format';
import { detectSplitTimeColumns, type SplitTimeColumns } from '../sniff/split-time-columns';
import type { CellRange } from './cell-range';
import { detectHeaderLayout, type HeaderLayout } from './header-rows';
import type { XlsxCell, XlsxWorkbook } from './open-xlsx';

/** What the importer needs to map one worksheet. Row numbers are 0-based sheet rows. */
export interface XlsxSheetSniff {
  readonly sheetName: string;
  readonly header: HeaderLayout['kind'];
  /** First header row; null without a header. */
  readonly headerRow: number | null;
  readonly firstDataRow: number;
  readonly columns: readonly SniffedColumn[];
  /** The first data rows (up to 20), as the reader returns them. */
  readonly sampleRows: readonly (readonly XlsxCell[])[];
  readonly merges: readonly CellRange[];
  readonly splitTime: SplitTimeColumns | null;
}

export interface SniffXlsxSheetOptions {
  /** Rows read for header detection and type guessing. Default 200. */
  readonly scanRows?: number;
  readonly signal?: AbortSignal;
}

const SAMPLE_ROWS = 20;
const MAX_GAP = 10_000;

/** Header layout, column names/units/types and sample rows of a worksheet. */
export async function sniffXlsxSheet(
  workbook: XlsxWorkbook,
  sheetName: string,
  options: SniffXlsxSheetOptions = {},
): Promise<XlsxSheetSniff> {
  const scanRows = options.scanRows ?? 200;
  const rows: XlsxCell[][] = [];
  let seen = 0;
  await workbook.readSheet(
    sheetName,
    (rowIndex, cells) => {
      // Absent rows become empty rows, so array index = sheet row index; a huge jump ends the sample.
      if (rowIndex - rows.length > MAX_GAP) return false;
      while (rows.length < rowIndex) rows.push([]);
      rows[rowIndex] = cells;
      return ++seen < scanRows;
    },
    options.signal ? { signal: options.signal } : {},
  );
  const merges = await workbook.readMergedCells(sheetName, options.signal ? { signal: options.signal } : {});
  const layout = detectHeaderLayout(rows, { merges });
  const dataRows = rows.slice(layout.firstDataRow);
  const columns: SniffedColumn[] = layout.columns.map((column) => {
    const values = dataRows.map((row) => cellText(row[column.index]));
    return {
      ...column,
      type: guessColumnType(values, { headerName: column.name }),
      missingInSample: values.filter((v) => isMissingToken(v)).length,
    };
  });
  return {
    sheetName,
    header: layout.kind,
    headerRow: layout.kind === 'none' ? null : layout.headerRow,
    firstDataRow: layout.firstDataRow,
    columns,
    sampleRows: dataRows.slice(0, SAMPLE_ROWS),
    merges,
    splitTime: detectSplitTimeColumns(columns.map((c) => c.name)),
  };
}

function cellText(cell: XlsxCell | undefined): string {
  if (cell === null || cell === undefined) return '';
  return typeof cell === 'string' ? cell : String(cell);
}
