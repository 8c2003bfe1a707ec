/** A rectangular cell range, 0-based and inclusive (A1:D1 → rows 0–0, columns 0–3). */
export interface CellRange {
  readonly firstRow: number;
  readonly firstColumn: number;
  readonly lastRow: number;
  readonly lastColumn: number;
}

/** 0-based column index of the letters of an A1 reference (`A` → 0, `AA` → 26); -1 if none. */
export function columnIndexOfRef(ref: string, from = 0): number {
  let index = 0;
  let i = from;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) index = index * 26 + (c - 64);
    else if (c >= 97 && c <= 122) index = index * 26 + (c - 96);
    else if (c !== 36 /* $ */) break;
  }
  return index - 1;
}

/** Column letters of a 0-based index (0 → A, 26 → AA). */
export function columnLetters(index: number): string {
  let letters = '';
  let n = index + 1;
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** `B3` for (row 2, column 1). */
export function cellRef(row: number, column: number): string {
  return `${columnLetters(column)}${row + 1}`;
}

function parseCellRef(ref: string): { readonly row: number; readonly column: number } | null {
  const match = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(ref.trim());
  if (!match) return null;
  return { row: Number(match[2]) - 1, column: columnIndexOfRef(match[1]!) };
}

/** Parses `A1:D2` (or a single cell `A1`); null when malformed. */
export function parseRangeRef(ref: string): CellRange | null {
  const [a, b = a] = ref.split(':');
  const start = parseCellRef(a ?? '');
  const end = parseCellRef(b ?? '');
  if (!start || !end) return null;
  return {
    firstRow: Math.min(start.row, end.row),
    firstColumn: Math.min(start.column, end.column),
    lastRow: Math.max(start.row, end.row),
    lastColumn: Math.max(start.column, end.column),
  };
}

/** `A1:D2`. */
export function formatRangeRef(range: CellRange): string {
  return `${cellRef(range.firstRow, range.firstColumn)}:${cellRef(range.lastRow, range.lastColumn)}`;
}
