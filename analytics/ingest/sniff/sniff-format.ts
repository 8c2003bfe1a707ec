import { readFile } from 'node:fs/promises';

import { detectHeaderLayout, type HeaderColumn, type HeaderLayout } from '../xlsx/header-rows';
import { openXlsx, type XlsxSheetInfo } from '../xlsx/open-xlsx';
import { hasZipMagic, openZipArchive } from '../xlsx/zip-archive';
import {
  detectEncoding,
  ENCODING_SAMPLE_BYTES,
  readFileHead,
  textDecoderLabel,
  type TextEncodingName,
} from './detect-encoding';
import { type ColumnTypeGuess, guessColumnType } from './guess-column-type';
import { isMissingToken } from './missing-values';
import { type DelimitedRecord, parseDelimitedRecords } from './parse-delimited-records';
import { detectSplitTimeColumns, type SplitTimeColumns } from './split-time-columns';

export type Delimiter = ',' | ';' | '\t' | '|';

interface SniffBase {
  readonly path: string;
  readonly fileSize: number;
}

export interface SniffedColumn extends HeaderColumn {
  readonly type: ColumnTypeGuess;
  /** Missing-value tokens among the sampled data rows. */
  readonly missingInSample: number;
}

/** CSV/TSV/semicolon text. Line numbers are 0-based physical lines, as DuckDB `read_csv(skip=…)` counts them. */
export interface DelimitedSniff extends SniffBase {
  readonly format: 'delimited';
  readonly encoding: TextEncodingName;
  readonly bomLength: number;
  readonly delimiter: Delimiter;
  readonly quote: '"';
  readonly lineEnding: 'lf' | 'crlf' | 'cr';
  readonly header: HeaderLayout['kind'];
  /** Line of the (first) header row; null without a header. */
  readonly headerLine: number | null;
  /** Line of the first data record: `read_csv(…, skip = dataStartLine, header = false, names = …)`. */
  readonly dataStartLine: number;
  /** Number of fields per data record. */
  readonly columnCount: number;
  readonly columns: readonly SniffedColumn[];
  /** The first data records (up to 20), fields as written. */
  readonly sampleRows: readonly (readonly string[])[];
  /** A date/time split over year/month/day/hour columns (UCI Beijing), if the header shows one. */
  readonly splitTime: SplitTimeColumns | null;
}

export interface XlsxSniff extends SniffBase {
  readonly format: 'xlsx';
  readonly sheets: readonly XlsxSheetInfo[];
}

export interface ParquetSniff extends SniffBase {
  readonly format: 'parquet';
}

/** Receiver logs and packet dumps with HJ 212 packets (`##dddd…CP=&&…&&CRC`), noise lines allowed. */
export interface Hj212LogSniff extends SniffBase {
  readonly format: 'hj212-log';
  readonly encoding: TextEncodingName;
  readonly bomLength: number;
}

export type UnknownReason =
  | 'empty'
  | 'binary'
  /** OLE2 compound file: a legacy .xls (BIFF) or a password-protected workbook. */
  | 'legacy-xls'
  | 'zip-not-xlsx'
  | 'corrupt-xlsx'
  /** Text without a delimiter giving at least two consistent columns. */
  | 'no-structure';

export interface UnknownSniff extends SniffBase {
  readonly format: 'unknown';
  readonly reason: UnknownReason;
  readonly detail: string;
}

export type SniffResult = DelimitedSniff | XlsxSniff | ParquetSniff | Hj212LogSniff | UnknownSniff;

const DELIMITERS: readonly Delimiter[] = [',', ';', '\t', '|'];
/** Records parsed per candidate delimiter. */
const SAMPLE_RECORDS = 200;
const SAMPLE_ROWS = 20;
/** Packets can sit behind a lot of log noise (one shared log has its first packet at 390 KB). */
const HJ212_SCAN_BYTES = 1024 * 1024;
const HJ212_PACKET = /##\d{4}[A-Za-z]{2,4}=[^\r\n]*?CP=&&/;
const OLE2_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** Decides the container format of a file and, for delimited text, how to read it. */
export async function sniffFile(path: string): Promise<SniffResult> {
  const head = await readFileHead(path, ENCODING_SAMPLE_BYTES);
  const base = { path, fileSize: head.fileSize };
  const bytes = head.bytes;
  if (head.fileSize === 0)
    return { ...base, format: 'unknown', reason: 'empty', detail: 'the file is empty' };

  if (hasZipMagic(bytes)) return sniffZip(path, base);
  if (bytes[0] === 0x50 && bytes[1] === 0x41 && bytes[2] === 0x52 && bytes[3] === 0x31) {
    return { ...base, format: 'parquet' };
  }
  if (OLE2_MAGIC.every((b, i) => bytes[i] === b)) {
    return {
      ...base,
      format: 'unknown',
      reason: 'legacy-xls',
      detail: 'legacy .xls or password-protected workbook: save it as .xlsx without a password',
    };
  }

  const { encoding, bomLength } = detectEncoding(bytes, { complete: head.complete });
  const text = new TextDecoder(textDecoderLabel(encoding), { ignoreBOM: false }).decode(bytes, {
    stream: !head.complete,
  });
  // Before the binary test: receiver logs carry the raw bytes of scanner probes (TLS hellos, …).
  if (await containsHj212Packets(path, text, encoding, head.complete)) {
    return { ...base, format: 'hj212-log', encoding, bomLength };
  }
  if (looksBinary(text)) {
    return {
      ...base,
      format: 'unknown',
      reason: 'binary',
      detail: 'NUL or control characters: not a text file',
    };
  }
  return sniffDelimited(text, head.complete, { ...base, encoding, bomLength });
}

async function sniffZip(path: string, base: SniffBase): Promise<SniffResult> {
  const bytes = await readFile(path);
  try {
    const zip = openZipArchive(bytes);
    if (!zip.entries.has('[content_types].xml')) {
      return {
        ...base,
        format: 'unknown',
        reason: 'zip-not-xlsx',
        detail: 'ZIP archive without [Content_Types].xml',
      };
    }
    if (
      !zip.entries.has('xl/workbook.xml') &&
      ![...zip.entries.keys()].some((n) => n.endsWith('workbook.xml'))
    ) {
      return {
        ...base,
        format: 'unknown',
        reason: 'zip-not-xlsx',
        detail: 'Office package without a workbook',
      };
    }
    const workbook = await openXlsx(bytes);
    return { ...base, format: 'xlsx', sheets: workbook.sheets };
  } catch (error) {
    return { ...base, format: 'unknown', reason: 'corrupt-xlsx', detail: String(error) };
  }
}

function looksBinary(text: string): boolean {
  let control = 0;
  const n = Math.min(text.length, 16384);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return true;
    if (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) control++;
  }
  return control > n * 0.05;
}

async function containsHj212Packets(
  path: string,
  sample: string,
  encoding: TextEncodingName,
  complete: boolean,
): Promise<boolean> {
  if (HJ212_PACKET.test(sample)) return true;
  if (complete || encoding === 'utf-16le' || encoding === 'utf-16be') return false;
  // The packet syntax is ASCII, so a latin1 view of the bytes finds it in any ASCII-compatible encoding.
  const { bytes } = await readFileHead(path, HJ212_SCAN_BYTES);
  return HJ212_PACKET.test(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'));
}

interface DelimiterCandidate {
  readonly delimiter: Delimiter;
  readonly records: DelimitedRecord[];
  readonly columnCount: number;
  readonly score: number;
}

function scoreDelimiter(text: string, delimiter: Delimiter, complete: boolean): DelimiterCandidate {
  const records = parseDelimitedRecords(text, delimiter, { maxRecords: SAMPLE_RECORDS, complete });
  const counts = new Map<number, number>();
  for (const record of records) {
    const n = record.fields.length;
    if (n > 1) counts.set(n, (counts.get(n) ?? 0) + 1);
  }
  let columnCount = 0;
  let best = 0;
  for (const [n, freq] of counts) {
    if (freq > best || (freq === best && n > columnCount)) {
      columnCount = n;
      best = freq;
    }
  }
  if (columnCount === 0) return { delimiter, records, columnCount: 1, score: 0 };
  // Consistency from the first record of the usual width on: title rows above the header differ.
  const start = records.findIndex((r) => r.fields.length === columnCount);
  const body = records.slice(start);
  const consistent = body.filter((r) => r.fields.length === columnCount);
  const consistency = consistent.length / body.length;
  // A wrong delimiter leaves the right one inside fields ("1,5;2,3" split on commas).
  const others = DELIMITERS.filter((d) => d !== delimiter);
  let fields = 0;
  let clean = 0;
  for (const record of consistent) {
    for (const field of record.fields) {
      fields++;
      if (!others.some((d) => field.includes(d))) clean++;
    }
  }
  return { delimiter, records, columnCount, score: consistency * (fields === 0 ? 0 : clean / fields) };
}

function sniffDelimited(
  text: string,
  complete: boolean,
  base: SniffBase & { readonly encoding: TextEncodingName; readonly bomLength: number },
): SniffResult {
  const candidates = DELIMITERS.map((d) => scoreDelimiter(text, d, complete));
  const chosen = candidates.reduce((best, c) => (c.score > best.score ? c : best));
  if (chosen.score < 0.5 || chosen.columnCount < 2) {
    return {
      ...base,
      format: 'unknown',
      reason: 'no-structure',
      detail: 'no delimiter (, ; tab |) gives consistent columns',
    };
  }

  const { records, columnCount, delimiter } = chosen;
  const layout = detectHeaderLayout(
    records.map((r) => r.fields),
    { columnCount },
  );
  const dataRecords = records.slice(layout.firstDataRow);
  const lastLine = records.at(-1)?.line ?? 0;
  const columns: SniffedColumn[] = layout.columns.map((column) => {
    const values = dataRecords.map((r) => r.fields[column.index] ?? '');
    return {
      ...column,
      type: guessColumnType(values, { headerName: column.name }),
      missingInSample: values.filter((v) => isMissingToken(v)).length,
    };
  });

  return {
    ...base,
    format: 'delimited',
    delimiter,
    quote: '"',
    lineEnding: lineEndingOf(text),
    header: layout.kind,
    headerLine: layout.kind === 'none' ? null : (records[layout.headerRow]?.line ?? null),
    dataStartLine: records[layout.firstDataRow]?.line ?? lastLine + 1,
    columnCount,
    columns,
    sampleRows: dataRecords.slice(0, SAMPLE_ROWS).map((r) => r.fields),
    splitTime: detectSplitTimeColumns(columns.map((c) => c.name)),
  };
}

function lineEndingOf(text: string): 'lf' | 'crlf' | 'cr' {
  const lf = text.indexOf('\n');
  const cr = text.indexOf('\r');
  if (cr >= 0 && (lf < 0 || cr < lf)) return text[cr + 1] === '\n' ? 'crlf' : 'cr';
  return 'lf';
}
