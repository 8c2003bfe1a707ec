import { readFile } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';

import { excelSerialToLocal } from '../sniff/excel-serial-date';
import { formatLocalDateTime } from '../sniff/local-datetime';
import { type CellRange, parseRangeRef } from './cell-range';
import { classifyNumberFormat, type NumberFormatClass } from './number-format';
import {
  attributeValue,
  decodeCellText,
  type ElementSpan,
  forEachAttribute,
  forEachElement,
  rootPrefix,
  stringItemText,
} from './xml-scanner';
import { openZipArchive, type ZipArchive, type ZipEntry } from './zip-archive';

/** A cell value: text, number, boolean, or null for empty/error cells. Date cells are 'YYYY-MM-DD HH:mm:ss' text. */
export type XlsxCell = string | number | boolean | null;

export interface XlsxSheetInfo {
  readonly name: string;
  /** `state="hidden"` or `"veryHidden"`: exports sometimes keep lookup tables there. */
  readonly hidden: boolean;
}

/**
 * Receives each `<row>` present in the sheet: its 0-based index (rows absent from the XML are
 * skipped, so indexes can jump) and its cells by 0-based column (missing cells are null; the array
 * ends at the last cell present, so its length varies). Return false to stop reading.
 */
export type XlsxRowHandler = (rowIndex: number, cells: XlsxCell[]) => boolean | void;

export interface ReadSheetOptions {
  readonly signal?: AbortSignal;
  /** Uncompressed sheet XML bytes processed so far, of the total. */
  readonly onProgress?: (bytesDone: number, bytesTotal: number) => void;
}

export interface SheetReadSummary {
  readonly rowsRead: number;
  /** Longest cell array passed to the handler. */
  readonly maxColumnCount: number;
  /** Merged ranges; empty when reading stopped early (they sit after the cell data in the XML). */
  readonly merges: readonly CellRange[];
  /** Cells of type `e` (#DIV/0!, #N/A, …), passed on as null. */
  readonly errorCells: number;
  readonly stoppedEarly: boolean;
  /** The `<dimension>` the writer declared, if any (not always accurate). */
  readonly dimension: CellRange | null;
}

export interface XlsxWorkbook {
  /** Worksheets in workbook order (chart sheets are left out). */
  readonly sheets: readonly XlsxSheetInfo[];
  readonly date1904: boolean;
  /** Streams the rows of a sheet to `onRow`; resolves when the sheet ends or the handler stops it. */
  readSheet(name: string, onRow: XlsxRowHandler, options?: ReadSheetOptions): Promise<SheetReadSummary>;
  /** Only the merged ranges of a sheet (cheaper than readSheet: the cells are not parsed). */
  readMergedCells(name: string, options?: ReadSheetOptions): Promise<readonly CellRange[]>;
}

export class XlsxFormatError extends Error {
  override readonly name = 'XlsxFormatError';
}

const REL_OFFICE_DOCUMENT = '/officeDocument';
const REL_WORKSHEET = '/worksheet';
const REL_SHARED_STRINGS = '/sharedStrings';
const REL_STYLES = '/styles';

interface Relationship {
  readonly type: string;
  readonly target: string;
}

interface SheetPart extends XlsxSheetInfo {
  readonly entry: ZipEntry;
}

interface CellContext {
  readonly prefix: string;
  readonly sharedStrings: readonly string[];
  readonly styleClasses: readonly NumberFormatClass[];
  readonly date1904: boolean;
  errorCells: number;
}

/**
 * Opens an XLSX workbook (a path, or the file's bytes). Reads the workbook, relationships, shared
 * strings and styles up front; sheet cells are only parsed by {@link XlsxWorkbook.readSheet}, chunk
 * by chunk, so a large sheet never exists as one decompressed string or as an object graph.
 */
export async function openXlsx(source: string | Uint8Array): Promise<XlsxWorkbook> {
  const bytes = typeof source === 'string' ? await readFile(source) : source;
  const zip = openZipArchive(bytes);

  const workbookPath = packageRelationshipTargets(zip, REL_OFFICE_DOCUMENT)[0] ?? 'xl/workbook.xml';
  const workbookXml = partText(zip, workbookPath);
  if (workbookXml === null) throw new XlsxFormatError(`workbook part ${workbookPath} not found`);
  const wbPrefix = rootPrefix(workbookXml, 'workbook');

  let date1904 = false;
  forEachElement(workbookXml, `${wbPrefix}workbookPr`, (span) => {
    const value = attributeValue(workbookXml, span.start, span.tagEnd, 'date1904');
    date1904 = value === '1' || value === 'true';
  });

  const workbookRels = readRelationships(zip, workbookPath);
  const sheets: SheetPart[] = [];
  forEachElement(workbookXml, `${wbPrefix}sheet`, (span) => {
    const tag = workbookXml.slice(span.start, span.tagEnd);
    const name = attributeValue(tag, 0, tag.length, 'name');
    // The relationships namespace prefix is conventionally r:, but any prefix is legal.
    const relId = /\s[A-Za-z_][\w.-]*:id\s*=\s*["']([^"']*)["']/.exec(tag)?.[1];
    const rel = relId === undefined ? undefined : workbookRels.get(relId);
    if (name === null || !rel || !rel.type.endsWith(REL_WORKSHEET)) return;
    const entry = zip.entries.get(rel.target.toLowerCase());
    if (!entry) return;
    const state = attributeValue(tag, 0, tag.length, 'state');
    sheets.push({ name, hidden: state === 'hidden' || state === 'veryHidden', entry });
  });

  const targetOf = (type: string, fallback: string): string =>
    [...workbookRels.values()].find((rel) => rel.type.endsWith(type))?.target ?? fallback;
  const sharedStrings = readSharedStrings(zip, targetOf(REL_SHARED_STRINGS, 'xl/sharedStrings.xml'));
  const styleClasses = readStyleClasses(zip, targetOf(REL_STYLES, 'xl/styles.xml'));

  const sheetPart = (name: string): SheetPart => {
    const part = sheets.find((s) => s.name === name);
    if (!part) throw new Error(`no worksheet named "${name}"`);
    return part;
  };

  return {
    sheets: sheets.map(({ name, hidden }) => ({ name, hidden })),
    date1904,
    readSheet: async (name, onRow, options = {}) =>
      readSheetRows(zip, sheetPart(name).entry, { sharedStrings, styleClasses, date1904 }, onRow, options),
    readMergedCells: async (name, options = {}) => readMergedCells(zip, sheetPart(name).entry, options),
  };
}

// ---------------------------------------------------------------------------------------------
// Package parts

function partText(zip: ZipArchive, path: string): string | null {
  const entry = zip.entries.get(path.toLowerCase());
  return entry ? new TextDecoder('utf-8').decode(zip.readEntry(entry)) : null;
}

/** Resolves a relationship target against the folder of the source part (OPC part names). */
function resolveTarget(sourcePart: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const segments = sourcePart.split('/').slice(0, -1);
  for (const segment of target.split('/')) {
    if (segment === '..') segments.pop();
    else if (segment !== '.' && segment !== '') segments.push(segment);
  }
  return segments.join('/');
}

function readRelationships(zip: ZipArchive, sourcePart: string): Map<string, Relationship> {
  const slash = sourcePart.lastIndexOf('/');
  const relsPath = `${sourcePart.slice(0, slash + 1)}_rels/${sourcePart.slice(slash + 1)}.rels`;
  const xml = partText(zip, relsPath);
  const rels = new Map<string, Relationship>();
  if (xml === null) return rels;
  const prefix = rootPrefix(xml, 'Relationships');
  forEachElement(xml, `${prefix}Relationship`, (span) => {
    const id = attributeValue(xml, span.start, span.tagEnd, 'Id');
    const type = attributeValue(xml, span.start, span.tagEnd, 'Type');
    const target = attributeValue(xml, span.start, span.tagEnd, 'Target');
    const mode = attributeValue(xml, span.start, span.tagEnd, 'TargetMode');
    if (id === null || type === null || target === null || mode === 'External') return;
    rels.set(id, { type, target: resolveTarget(sourcePart, target) });
  });
  return rels;
}

/** Targets of the package relationships (/_rels/.rels) of a type, e.g. the workbook part. */
function packageRelationshipTargets(zip: ZipArchive, typeSuffix: string): string[] {
  const xml = partText(zip, '_rels/.rels');
  if (xml === null) return [];
  const targets: string[] = [];
  const prefix = rootPrefix(xml, 'Relationships');
  forEachElement(xml, `${prefix}Relationship`, (span) => {
    const type = attributeValue(xml, span.start, span.tagEnd, 'Type');
    const target = attributeValue(xml, span.start, span.tagEnd, 'Target');
    if (type?.endsWith(typeSuffix) && target !== null) targets.push(resolveTarget('', target));
  });
  return targets;
}

/** Decoded text chunks of an entry, with the uncompressed byte count of each (for progress). */
function* entryText(zip: ZipArchive, entry: ZipEntry): Generator<readonly [string, number], void, undefined> {
  // StringDecoder keeps a character split across chunks like TextDecoder({stream}) but takes V8's
  // fast UTF-8 path; TextDecoder in streaming mode goes through ICU and was measurably slower.
  const decoder = new StringDecoder('utf8');
  for (const chunk of zip.entryChunks(entry)) {
    yield [decoder.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)), chunk.length];
  }
  const tail = decoder.end();
  if (tail.length > 0) yield [tail, 0];
}

/**
 * Keeps the unconsumed end of a chunked buffer: from the next possible element start, and at least
 * the last `keep` characters so a tag split across chunks is not lost.
 */
function remainder(buffer: string, consumed: number, open: string, keep = 64): string {
  const next = buffer.indexOf(open, consumed);
  const from = next >= 0 ? next : Math.max(consumed, buffer.length - keep);
  return buffer.slice(from);
}

function readSharedStrings(zip: ZipArchive, path: string): string[] {
  const entry = zip.entries.get(path.toLowerCase());
  const strings: string[] = [];
  if (!entry) return strings;
  let buffer = '';
  let prefix: string | null = null;
  for (const [text] of entryText(zip, entry)) {
    buffer += text;
    if (prefix === null) {
      if (!/sst[\s>]/.test(buffer)) continue;
      prefix = rootPrefix(buffer, 'sst');
    }
    const p = prefix;
    const xml = buffer;
    const consumed = forEachElement(xml, `${p}si`, (span) => {
      strings.push(span.contentEnd > span.tagEnd ? stringItemText(xml, span.tagEnd, span.contentEnd, p) : '');
    });
    buffer = remainder(buffer, consumed, `<${p}si`);
  }
  return strings;
}

/** Number-format class of each cell style (`s` attribute = index into cellXfs). */
function readStyleClasses(zip: ZipArchive, path: string): NumberFormatClass[] {
  const xml = partText(zip, path);
  if (xml === null) return [];
  const prefix = rootPrefix(xml, 'styleSheet');
  const customFormats = new Map<number, string>();
  forEachElement(xml, `${prefix}numFmt`, (span) => {
    const id = attributeValue(xml, span.start, span.tagEnd, 'numFmtId');
    const code = attributeValue(xml, span.start, span.tagEnd, 'formatCode');
    if (id !== null && code !== null) customFormats.set(Number(id), code);
  });
  const classes: NumberFormatClass[] = [];
  // Only cellXfs: cellStyleXfs also holds <xf> elements, but cells do not index those.
  forEachElement(xml, `${prefix}cellXfs`, (section) => {
    forEachElement(
      xml,
      `${prefix}xf`,
      (span) => {
        const id = Number(attributeValue(xml, span.start, span.tagEnd, 'numFmtId') ?? '0');
        classes.push(classifyNumberFormat(id, customFormats.get(id)));
      },
      section.tagEnd,
      section.contentEnd,
    );
  });
  return classes;
}

// ---------------------------------------------------------------------------------------------
// Sheet data

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

async function readSheetRows(
  zip: ZipArchive,
  entry: ZipEntry,
  context: Omit<CellContext, 'prefix' | 'errorCells'>,
  onRow: XlsxRowHandler,
  options: ReadSheetOptions,
): Promise<SheetReadSummary> {
  options.signal?.throwIfAborted();
  let prefix: string | null = null;
  let ctx: CellContext | null = null;
  let buffer = '';
  let tail: string | null = null; // text after </sheetData>, where mergeCells live
  let dimension: CellRange | null = null;
  let rowsRead = 0;
  let maxColumnCount = 0;
  let lastRowIndex = -1;
  let stopped = false;
  let bytesDone = 0;
  let endSearchFrom = 0; // where </sheetData> may start in the buffer

  for (const [text, byteCount] of entryText(zip, entry)) {
    bytesDone += byteCount;
    if (tail !== null) {
      tail += text;
      continue;
    }
    buffer += text;
    if (prefix === null) {
      if (!/worksheet[\s>]/.test(buffer)) continue;
      prefix = rootPrefix(buffer, 'worksheet');
      ctx = { ...context, prefix, errorCells: 0 };
      const dimensionMatch = new RegExp(`<${prefix}dimension\\s+ref="([^"]*)"`).exec(buffer);
      dimension = dimensionMatch ? parseRangeRef(dimensionMatch[1]!) : null;
    }
    const cellContext = ctx!;
    const rowTag = `${prefix}row`;
    const dataEnd = sheetDataEnd(buffer, prefix, endSearchFrom, rowsRead === 0);
    const xml = buffer;
    const consumed = forEachElement(
      xml,
      rowTag,
      (span) => {
        const rowAttr = attributeValue(xml, span.start, span.tagEnd, 'r');
        const declared = rowAttr === null ? Number.NaN : Number(rowAttr) - 1;
        const rowIndex = Number.isInteger(declared) && declared >= 0 ? declared : lastRowIndex + 1;
        lastRowIndex = rowIndex;
        const cells = parseCells(xml, span, cellContext);
        rowsRead++;
        if (cells.length > maxColumnCount) maxColumnCount = cells.length;
        if (onRow(rowIndex, cells) === false) {
          stopped = true;
          return false;
        }
      },
      0,
      dataEnd < 0 ? xml.length : dataEnd,
    );
    if (stopped) break;
    if (dataEnd >= 0) {
      tail = buffer.slice(dataEnd);
      buffer = '';
    } else {
      buffer = remainder(buffer, consumed, `<${rowTag}`);
      // The text kept was searched already, except for an end tag cut at its end.
      endSearchFrom = Math.max(0, buffer.length - 16);
    }
    options.onProgress?.(bytesDone, entry.uncompressedSize);
    // Let an abort (and the rest of the process) in between chunks.
    await yieldToEventLoop();
    options.signal?.throwIfAborted();
  }

  return {
    rowsRead,
    maxColumnCount,
    merges: stopped ? [] : mergedRanges(tail ?? buffer, prefix ?? ''),
    errorCells: ctx?.errorCells ?? 0,
    stoppedEarly: stopped,
    dimension,
  };
}

/**
 * Index of the end of sheetData in buffer[from…] (`</sheetData>`, or a self-closing `<sheetData/>`
 * when `mayBeEmpty`), or -1.
 */
function sheetDataEnd(buffer: string, prefix: string, from: number, mayBeEmpty: boolean): number {
  const close = buffer.indexOf(`</${prefix}sheetData>`, from);
  if (close >= 0 || !mayBeEmpty) return close;
  const empty = new RegExp(`<${prefix}sheetData\\s*/>`).exec(buffer);
  return empty ? empty.index + empty[0].length : -1;
}

function mergedRanges(xml: string, prefix: string): CellRange[] {
  const ranges: CellRange[] = [];
  forEachElement(xml, `${prefix}mergeCell`, (span) => {
    const ref = attributeValue(xml, span.start, span.tagEnd, 'ref');
    const range = ref === null ? null : parseRangeRef(ref);
    if (range) ranges.push(range);
  });
  return ranges;
}

async function readMergedCells(
  zip: ZipArchive,
  entry: ZipEntry,
  options: ReadSheetOptions,
): Promise<readonly CellRange[]> {
  options.signal?.throwIfAborted();
  let prefix: string | null = null;
  let window = '';
  let tail: string | null = null;
  let bytesDone = 0;
  for (const [text, byteCount] of entryText(zip, entry)) {
    bytesDone += byteCount;
    if (tail !== null) {
      tail += text;
      continue;
    }
    window += text;
    if (prefix === null) {
      if (!/worksheet[\s>]/.test(window)) continue;
      prefix = rootPrefix(window, 'worksheet');
    }
    const end = sheetDataEnd(window, prefix, 0, true);
    if (end >= 0) tail = window.slice(end);
    else window = window.slice(-64);
    options.onProgress?.(bytesDone, entry.uncompressedSize);
    await yieldToEventLoop();
    options.signal?.throwIfAborted();
  }
  return mergedRanges(tail ?? window, prefix ?? '');
}

function parseCells(xml: string, row: ElementSpan, ctx: CellContext): XlsxCell[] {
  const cells: XlsxCell[] = [];
  const open = `<${ctx.prefix}c`;
  const close = `</${ctx.prefix}c>`;
  const end = row.contentEnd;
  let nextColumn = 0;
  let at = xml.indexOf(open, row.tagEnd);
  while (at >= 0 && at < end) {
    const after = xml.charCodeAt(at + open.length);
    if (after !== 32 && after !== 62 && after !== 47 && after !== 9 && after !== 10 && after !== 13) {
      at = xml.indexOf(open, at + open.length);
      continue;
    }
    const gt = xml.indexOf('>', at);
    if (gt < 0 || gt >= end) break; // malformed cell: keep what was read
    // One pass over the attributes: r (column), t (type), s (style).
    let column = nextColumn;
    let type: string | null = null;
    let style = -1;
    forEachAttribute(xml, at, gt, (nameStart, nameEnd, valueStart, valueEnd) => {
      if (nameEnd - nameStart !== 1) return;
      const name = xml.charCodeAt(nameStart);
      if (name === 114 /* r */) {
        const fromRef = columnOfRef(xml, valueStart, valueEnd);
        if (fromRef >= 0) column = fromRef;
      } else if (name === 116 /* t */) type = xml.slice(valueStart, valueEnd);
      else if (name === 115 /* s */) style = Number(xml.slice(valueStart, valueEnd));
    });
    let value: XlsxCell = null;
    let next: number;
    if (xml.charCodeAt(gt - 1) === 47) {
      next = gt + 1;
    } else {
      const contentEnd = xml.indexOf(close, gt + 1);
      if (contentEnd < 0 || contentEnd > end) break;
      value = cellValue(xml, type, style, gt + 1, contentEnd, ctx);
      next = contentEnd + close.length;
    }
    while (cells.length < column) cells.push(null);
    cells[column] = value;
    nextColumn = column + 1;
    at = xml.indexOf(open, next);
  }
  return cells;
}

/** 0-based column of the A1 reference in xml[from, to), read in place. */
function columnOfRef(xml: string, from: number, to: number): number {
  let index = 0;
  for (let i = from; i < to; i++) {
    const c = xml.charCodeAt(i);
    if (c >= 65 && c <= 90) index = index * 26 + (c - 64);
    else if (c >= 97 && c <= 122) index = index * 26 + (c - 96);
    else if (c !== 36 /* $ */) break;
  }
  return index - 1;
}

function cellValue(
  xml: string,
  type: string | null,
  style: number,
  from: number,
  to: number,
  ctx: CellContext,
): XlsxCell {
  if (type === 'inlineStr') return stringItemText(xml, from, to, ctx.prefix);
  const raw = valueText(xml, from, to, ctx.prefix);
  if (raw === null) return null;
  switch (type) {
    case 's':
      return ctx.sharedStrings[Number(raw)] ?? null;
    case 'str':
      return decodeCellText(raw);
    case 'b':
      return raw === '1' || raw === 'true';
    case 'e':
      ctx.errorCells++;
      return null;
    case 'd':
      return isoDateCell(raw);
    default: {
      if (raw.length === 0) return null;
      const number = Number(raw);
      if (Number.isNaN(number)) return null;
      const formatClass = style < 0 ? 'number' : (ctx.styleClasses[style] ?? 'number');
      if (formatClass === 'number') return number;
      if (formatClass === 'time' && number >= 0 && number < 1) return timeOfDay(number);
      return excelSerialToLocal(number, ctx.date1904) ?? number;
    }
  }
}

/** Raw text of the `<v>` element inside a cell, or null when the cell has none. */
function valueText(xml: string, from: number, to: number, prefix: string): string | null {
  const open = `<${prefix}v`;
  let at = xml.indexOf(open, from);
  while (at >= 0 && at < to) {
    const next = xml.charCodeAt(at + open.length);
    if (next === 62 /* > */ || next === 32) {
      const gt = xml.indexOf('>', at);
      if (xml.charCodeAt(gt - 1) === 47) return '';
      const end = xml.indexOf(`</${prefix}v>`, gt);
      return end < 0 || end > to ? null : xml.slice(gt + 1, end);
    }
    if (next === 47 /* <v/> */) return '';
    at = xml.indexOf(open, at + open.length);
  }
  return null;
}

/** A time-only cell (date part 0) as 'HH:mm:ss'. */
function timeOfDay(fraction: number): string {
  const seconds = Math.round(fraction * 86400) % 86400;
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

/** `t="d"` cells hold ISO 8601 text (strict OOXML); normalise to 'YYYY-MM-DD HH:mm:ss'. */
function isoDateCell(raw: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(raw.trim());
  if (!match) return raw;
  const part = (i: number): number => Number(match[i] ?? '0');
  return formatLocalDateTime(part(1), part(2), part(3), part(4), part(5), part(6));
}
