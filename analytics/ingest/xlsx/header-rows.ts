import { isMissingToken } from '../sniff/missing-values';
import { detectTimestampFormat } from '../sniff/parse-timestamp';
import type { CellRange } from './cell-range';

/** A cell as header detection sees it: XLSX values, or CSV fields (strings). */
export type HeaderCell = string | number | boolean | null;

export interface HeaderColumn {
  /** 0-based column index in the sheet or record. */
  readonly index: number;
  /** Flat name without unit: `二氧化硫实测浓度`, `a21026-avg`, `monitorTime`; unique within the layout. */
  readonly name: string;
  /** Unit split off the header text (`mg/m3`, `mg/m³`, `%`), or null. */
  readonly unit: string | null;
  /** Flat name with the unit in parentheses, as an analyst would read it: `二氧化硫实测浓度(mg/m3)`. */
  readonly label: string;
  /** The header cell texts the name was built from, top row first (empty without a header). */
  readonly sourceTexts: readonly string[];
}

export type HeaderLayout =
  /** No header row: data starts at `firstDataRow` (gas-turbine CSVs); columns get DuckDB-style names. */
  | { readonly kind: 'none'; readonly firstDataRow: number; readonly columns: readonly HeaderColumn[] }
  /** One header row at `headerRow`; rows above it are title/preamble rows. */
  | {
      readonly kind: 'single';
      readonly headerRow: number;
      readonly firstDataRow: number;
      readonly columns: readonly HeaderColumn[];
    }
  /** Two header rows (`headerRow`, `headerRow + 1`): pollutant on top, {实测浓度, 折算浓度, 排放量, 标记} below. */
  | {
      readonly kind: 'two-row';
      readonly headerRow: number;
      readonly firstDataRow: number;
      readonly columns: readonly HeaderColumn[];
    };

export interface DetectHeaderOptions {
  /** Merged ranges of the sheet (XLSX). Without them, spans are inferred from blank cells. */
  readonly merges?: readonly CellRange[];
  /** Number of columns; by default the widest of the rows given. */
  readonly columnCount?: number;
}

/** Sub-header words of a two-row export header (the pollutant sits in a merged cell above them). */
const SUBHEADER =
  /^(实测|折算|排放|标记|浓度|实测浓度|折算浓度|排放量|排放速率|标志|数据标记|均值|平均值|最大值|最小值|累计值|avg|zsavg|min|max|cou|flag|rtd)/i;

/** Text of a header cell: trimmed, with the line breaks of wrapped Excel headers removed. */
export function headerCellText(cell: HeaderCell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell !== 'string') return String(cell);
  return cell.replace(/\s*[\r\n]+\s*/g, '').trim();
}

type CellKind = 'blank' | 'missing' | 'value' | 'text';

function cellKind(cell: HeaderCell | undefined): CellKind {
  if (cell === null || cell === undefined) return 'blank';
  if (typeof cell === 'number' || typeof cell === 'boolean') return 'value';
  const text = cell.trim();
  if (text === '') return 'blank';
  if (isMissingToken(text)) return 'missing';
  if (/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(text)) return 'value';
  if (/^\d{4}/.test(text) && detectTimestampFormat([text], { allowExcelSerial: false }) !== null)
    return 'value';
  return 'text';
}

interface RowStats {
  readonly nonBlank: number;
  readonly values: number;
  readonly texts: number;
}

function rowStats(row: readonly HeaderCell[] | undefined, width: number): RowStats {
  let nonBlank = 0;
  let values = 0;
  let texts = 0;
  for (let j = 0; j < width; j++) {
    const kind = cellKind(row?.[j]);
    if (kind === 'blank') continue;
    nonBlank++;
    if (kind === 'value') values++;
    else if (kind === 'text') texts++;
  }
  return { nonBlank, values, texts };
}

/**
 * Finds the header of a sheet or delimited file from its first rows (say 50): skips title and
 * preamble rows ("XX企业小时数据报表", "导出时间：…"), recognises a missing header (first row already
 * data) and two-row headers, and flattens the header to one name per column.
 *
 * The first data row is the first of three consecutive non-blank rows that each hold a number or a
 * timestamp; the header is the non-blank row above it, and the row above that joins it when the
 * two form a pollutant / sub-header pair (merged cells, blank-after-name spans, or sub-header words).
 */
export function detectHeaderLayout(
  rows: readonly (readonly HeaderCell[])[],
  options: DetectHeaderOptions = {},
): HeaderLayout {
  const width = options.columnCount ?? rows.reduce((w, row) => Math.max(w, lastNonBlank(row) + 1), 0);
  const stats = rows.map((row) => rowStats(row, width));
  const nonBlankRows = stats.flatMap((s, i) => (s.nonBlank > 0 ? [i] : []));
  if (nonBlankRows.length === 0) return { kind: 'none', firstDataRow: 0, columns: defaultColumns(width) };

  const isDataLike = (i: number): boolean => stats[i]!.values >= 1;
  let firstData = -1;
  for (let k = 0; k < nonBlankRows.length; k++) {
    const run = nonBlankRows.slice(k, k + 3);
    if (run.every(isDataLike)) {
      firstData = nonBlankRows[k]!;
      break;
    }
  }

  if (firstData < 0) {
    // All text (a registry without numbers, or too few rows): the first reasonably full row is the header.
    const header =
      nonBlankRows.find((i) => stats[i]!.nonBlank >= Math.max(1, Math.ceil(width / 2))) ?? nonBlankRows[0]!;
    const next = nonBlankRows.find((i) => i > header) ?? header + 1;
    return single(rows, header, next, width, options.merges);
  }

  // A full text-only row followed by several text-only rows before the first numeric run is the
  // header of a mostly-text table whose numeric columns start late (a code list with blank codes).
  const fullTextRow = nonBlankRows.find(
    (i) => i < firstData && stats[i]!.values === 0 && stats[i]!.nonBlank >= Math.max(2, Math.ceil(width / 2)),
  );
  if (fullTextRow !== undefined && nonBlankRows.filter((i) => i > fullTextRow && i < firstData).length > 2) {
    firstData = nonBlankRows.find((i) => i > fullTextRow)!;
  }

  const above = nonBlankRows.filter((i) => i < firstData);
  const bottom = above.at(-1);
  // A lone cell above the data is a title ("XX报表"), not a header.
  if (bottom === undefined || (stats[bottom]!.nonBlank < 2 && width > 1)) {
    return { kind: 'none', firstDataRow: firstData, columns: defaultColumns(width) };
  }
  const top = above.at(-2);
  if (top === bottom - 1 && isTwoRowHeader(rows, top, bottom, width, stats, options.merges)) {
    return {
      kind: 'two-row',
      headerRow: top,
      firstDataRow: firstData,
      columns: flattenHeaderRows(rows, top, 2, width, options.merges),
    };
  }
  return single(rows, bottom, firstData, width, options.merges);
}

function single(
  rows: readonly (readonly HeaderCell[])[],
  headerRow: number,
  firstDataRow: number,
  width: number,
  merges: readonly CellRange[] | undefined,
): HeaderLayout {
  return {
    kind: 'single',
    headerRow,
    firstDataRow,
    columns: flattenHeaderRows(rows, headerRow, 1, width, merges),
  };
}

function lastNonBlank(row: readonly HeaderCell[]): number {
  for (let j = row.length - 1; j >= 0; j--) if (cellKind(row[j]) !== 'blank') return j;
  return -1;
}

function isTwoRowHeader(
  rows: readonly (readonly HeaderCell[])[],
  top: number,
  bottom: number,
  width: number,
  stats: readonly RowStats[],
  merges: readonly CellRange[] | undefined,
): boolean {
  const topStats = stats[top]!;
  // A title row has one cell (possibly merged across the width); a header top row names several things.
  if (topStats.nonBlank < 2 || topStats.values > 0) return false;
  if (merges?.some((m) => m.firstRow === top && (m.lastColumn > m.firstColumn || m.lastRow >= bottom))) {
    return true;
  }
  const topRow = rows[top] ?? [];
  const bottomRow = rows[bottom] ?? [];
  const filled = (row: readonly HeaderCell[], j: number): boolean => headerCellText(row[j]) !== '';
  for (let j = 0; j + 1 < width; j++) {
    if (filled(topRow, j) && filled(bottomRow, j) && !filled(topRow, j + 1) && filled(bottomRow, j + 1))
      return true;
  }
  let subheaders = 0;
  for (let j = 0; j < width; j++) if (SUBHEADER.test(headerCellText(bottomRow[j]))) subheaders++;
  return subheaders >= 2;
}

function mergeAt(
  merges: readonly CellRange[] | undefined,
  row: number,
  column: number,
): CellRange | undefined {
  return merges?.find(
    (m) => row >= m.firstRow && row <= m.lastRow && column >= m.firstColumn && column <= m.lastColumn,
  );
}

/**
 * One flat column per index from one or two header rows starting at `headerRow`. Merged cells give
 * their anchor's text to every cell they cover; without merge information a blank top cell inherits
 * the top text to its left when that text heads a group of sub-headers (a merge exported to CSV).
 */
export function flattenHeaderRows(
  rows: readonly (readonly HeaderCell[])[],
  headerRow: number,
  rowCount: 1 | 2,
  columnCount: number,
  merges?: readonly CellRange[],
): HeaderColumn[] {
  const textAt = (row: number, column: number): string => {
    const merge = mergeAt(merges, row, column);
    if (merge) {
      // A vertical merge from the top header row shows its text once, in the top row.
      if (rowCount === 2 && row === headerRow + 1 && merge.firstRow === headerRow) return '';
      return headerCellText(rows[merge.firstRow]?.[merge.firstColumn]);
    }
    return headerCellText(rows[row]?.[column]);
  };

  const topTexts = Array.from({ length: columnCount }, (_, j) => textAt(headerRow, j));
  const bottomTexts =
    rowCount === 2 ? Array.from({ length: columnCount }, (_, j) => textAt(headerRow + 1, j)) : [];
  if (rowCount === 2 && !merges?.length) inheritGroupHeads(topTexts, bottomTexts);

  const used = new Map<string, number>();
  return topTexts.map((topText, index) => {
    const bottomText = bottomTexts[index] ?? '';
    const texts = [topText, bottomText].filter((t, i, all) => t !== '' && (i === 0 || t !== all[0]));
    const top = splitHeaderUnit(texts[0] ?? '');
    const sub = splitHeaderUnit(texts[1] ?? '');
    const unit = sub.unit ?? top.unit;
    let name = joinNameParts(top.name, sub.name);
    if (name === '') name = defaultColumnName(index, columnCount);
    const seen = used.get(name) ?? 0;
    used.set(name, seen + 1);
    if (seen > 0) name = `${name}_${seen + 1}`;
    return { index, name, unit, label: unit === null ? name : `${name}(${unit})`, sourceTexts: texts };
  });
}

function inheritGroupHeads(top: string[], bottom: readonly string[]): void {
  let head = '';
  for (let j = 0; j < top.length; j++) {
    if (top[j] !== '') {
      // Only a top cell with a sub-header under it heads a group; a vertical header (时间) does not.
      head = bottom[j] !== '' ? top[j]! : '';
    } else if (bottom[j] !== '' && head !== '') {
      top[j] = head;
    } else {
      head = '';
    }
  }
}

/** Joins pollutant and sub-header: `二氧化硫`+`实测浓度`, but `a21026`+`avg` → `a21026-avg` (the code style). */
function joinNameParts(top: string, sub: string): string {
  if (top === '') return sub;
  if (sub === '') return top;
  return /[A-Za-z0-9]$/.test(top) && /^[A-Za-z0-9]/.test(sub) ? `${top}-${sub}` : `${top}${sub}`;
}

/** DuckDB's names for header-less CSV columns: column0…column9, or column00…column10 for 11 columns. */
export function defaultColumnName(index: number, columnCount: number): string {
  const digits = String(Math.max(0, columnCount - 1)).length;
  return `column${String(index).padStart(digits, '0')}`;
}

function defaultColumns(columnCount: number): HeaderColumn[] {
  return Array.from({ length: columnCount }, (_, index) => {
    const name = defaultColumnName(index, columnCount);
    return { index, name, unit: null, label: name, sourceTexts: [] };
  });
}

// ---------------------------------------------------------------------------------------------
// Units

const UNIT_ATOM =
  /^(?:[万千百]|10\^?-?\d+)?(?:mg|μg|µg|ug|ng|g|kg|t|吨|Nm3|Nm³|m3|m³|m2|m²|m|km|cm|mm|L|mL|l|h|hr|min|s|d|Pa|kPa|MPa|hPa|W|kW|MW|kWh|MWh|Wh|A|mA|kA|V|kV|ppm|ppb|mol|mmol|dB|NTU|mS|μS|µS|uS|%|‰|℃|°C|°|个|无量纲|度|次|毫克|微克|克|千克|公斤|吨|升|毫升|立方米|标立方米|米|秒|分钟|小时|天|帕|千帕|兆帕|千瓦|千瓦时|安|伏)(?:-?\d)?$/;

/** True for unit texts such as `mg/m3`, `mg/m³`, `万m3/h`, `kW·h`, `%`, `℃`, `无量纲`, `升/秒`; false for `SO2`, `以NO2计`. */
export function isUnitText(text: string): boolean {
  const tokens = text
    .trim()
    .split(/[/·*\s]+/)
    .filter((t) => t !== '');
  return tokens.length > 0 && tokens.every((t) => UNIT_ATOM.test(t));
}

/**
 * Splits a trailing unit in `()`, `（）`, `[]` or `【】` off a header: `二氧化硫实测浓度(mg/m3)` →
 * { name: 二氧化硫实测浓度, unit: mg/m3 }. A parenthesis that is not a unit (`颗粒物(烟尘)`,
 * `氮氧化物(以NO2计)`) stays in the name.
 */
export function splitHeaderUnit(text: string): { readonly name: string; readonly unit: string | null } {
  const trimmed = text.trim();
  const match = /^(.*?)\s*[(（[【]\s*([^()（）[\]【】]+?)\s*[)）\]】]$/s.exec(trimmed);
  if (!match || match[1]!.trim() === '' || !isUnitText(match[2]!)) return { name: trimmed, unit: null };
  return { name: match[1]!.trim(), unit: match[2]! };
}
