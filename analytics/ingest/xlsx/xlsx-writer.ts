import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';

import { daysFromCivil, isValidDateTime } from '../sniff/local-datetime';
import { type CellRange, cellRef, columnLetters, formatRangeRef } from './cell-range';

/*
 * A small XLSX writer for tests and the demo-data generator: shared or inline strings, numbers,
 * booleans, dates (with a date number format, as Excel stores them), merged cells, several sheets.
 * Parts are deflated as they are produced (streaming ZIP), so memory holds the compressed workbook
 * and the shared-string table, never a sheet's whole XML.
 */

/** A date-time cell, written as an Excel serial number with a date format. */
export interface XlsxDateValue {
  readonly kind: 'date';
  /** 'YYYY-MM-DD', 'YYYY-MM-DD HH:mm' or 'YYYY-MM-DD HH:mm:ss' (naive local time). */
  readonly local: string;
}

export type XlsxWriteCell = string | number | boolean | null | undefined | XlsxDateValue;

export function xlsxDate(local: string): XlsxDateValue {
  return { kind: 'date', local };
}

export interface XlsxSheetSpec {
  /** 1–31 characters, none of `[]:*?/\`. */
  readonly name: string;
  readonly rows: Iterable<readonly XlsxWriteCell[]>;
  /** Merged ranges as `A1:D1` or ranges. */
  readonly merges?: readonly (string | CellRange)[];
  /** Column widths in characters, from column A. */
  readonly columnWidths?: readonly number[];
  readonly hidden?: boolean;
}

export interface XlsxWriteOptions {
  readonly date1904?: boolean;
  /** Shared strings (what Excel writes; the default) or inline strings (what some exporters write). */
  readonly strings?: 'shared' | 'inline';
  /** Number format of date cells. Default 'yyyy-mm-dd hh:mm:ss'. */
  readonly dateFormat?: string;
  /** Deflate level 0–9. Default 6. */
  readonly compressionLevel?: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
}

const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const REL_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const CT_BASE = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Style index of date cells in the cellXfs written below. */
const DATE_STYLE = 1;
const DATE_FORMAT_ID = 164;

/** Builds the bytes of an .xlsx file. */
export function writeXlsx(sheets: readonly XlsxSheetSpec[], options: XlsxWriteOptions = {}): Uint8Array {
  if (sheets.length === 0) throw new Error('a workbook needs at least one sheet');
  const seen = new Set<string>();
  for (const sheet of sheets) {
    if (!/^[^[\]:*?/\\]{1,31}$/.test(sheet.name)) throw new Error(`invalid sheet name "${sheet.name}"`);
    if (seen.has(sheet.name.toLowerCase())) throw new Error(`duplicate sheet name "${sheet.name}"`);
    seen.add(sheet.name.toLowerCase());
  }

  const shared = new SharedStrings();
  const inline = options.strings === 'inline';
  const date1904 = options.date1904 ?? false;
  const archive = new StreamingArchive(options.compressionLevel ?? 6);

  sheets.forEach((sheet, i) => {
    archive.addPart(`xl/worksheets/sheet${i + 1}.xml`, (write) =>
      writeSheetXml(sheet, inline ? null : shared, date1904, write),
    );
  });

  archive.addText(
    '[Content_Types].xml',
    XML_DECL +
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      `<Override PartName="/xl/workbook.xml" ContentType="${CT_BASE}.sheet.main+xml"/>` +
      sheets
        .map(
          (_, i) =>
            `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${CT_BASE}.worksheet+xml"/>`,
        )
        .join('') +
      `<Override PartName="/xl/styles.xml" ContentType="${CT_BASE}.styles+xml"/>` +
      (inline
        ? ''
        : `<Override PartName="/xl/sharedStrings.xml" ContentType="${CT_BASE}.sharedStrings+xml"/>`) +
      '</Types>',
  );
  archive.addText(
    '_rels/.rels',
    `${XML_DECL}<Relationships xmlns="${NS_PKG_REL}">` +
      `<Relationship Id="rId1" Type="${REL_TYPE}/officeDocument" Target="xl/workbook.xml"/>` +
      '</Relationships>',
  );
  archive.addText(
    'xl/workbook.xml',
    `${XML_DECL}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
      `<workbookPr${date1904 ? ' date1904="1"' : ''}/>` +
      '<sheets>' +
      sheets
        .map(
          (sheet, i) =>
            `<sheet name="${escapeXml(sheet.name)}" sheetId="${i + 1}"${sheet.hidden ? ' state="hidden"' : ''} r:id="rId${i + 1}"/>`,
        )
        .join('') +
      '</sheets></workbook>',
  );
  const styleRel = sheets.length + 1;
  archive.addText(
    'xl/_rels/workbook.xml.rels',
    `${XML_DECL}<Relationships xmlns="${NS_PKG_REL}">` +
      sheets
        .map(
          (_, i) =>
            `<Relationship Id="rId${i + 1}" Type="${REL_TYPE}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
        )
        .join('') +
      `<Relationship Id="rId${styleRel}" Type="${REL_TYPE}/styles" Target="styles.xml"/>` +
      (inline
        ? ''
        : `<Relationship Id="rId${styleRel + 1}" Type="${REL_TYPE}/sharedStrings" Target="sharedStrings.xml"/>`) +
      '</Relationships>',
  );
  archive.addText('xl/styles.xml', stylesXml(options.dateFormat ?? 'yyyy-mm-dd hh:mm:ss'));
  if (!inline) archive.addPart('xl/sharedStrings.xml', (write) => shared.writeXml(write));
  return archive.finish();
}

/** Bytes written per push to the deflater: large enough to be fast, small enough to stay cheap. */
const FLUSH_CHARS = 1 << 20;

/** A ZIP built part by part with fflate's streaming compressor. */
class StreamingArchive {
  private readonly chunks: Uint8Array[] = [];
  private readonly zip: Zip;
  private readonly encoder = new TextEncoder();
  private failure: Error | null = null;

  constructor(private readonly level: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9) {
    this.zip = new Zip((error, data) => {
      if (error) this.failure = error;
      else this.chunks.push(data);
    });
  }

  /** Adds a part whose text `produce` hands over in pieces; pieces are batched before compression. */
  addPart(name: string, produce: (write: (text: string) => void) => void): void {
    const file = this.level === 0 ? new ZipPassThrough(name) : new ZipDeflate(name, { level: this.level });
    // A fixed timestamp keeps the output byte-identical from run to run (demo data, snapshots).
    file.mtime = new Date(2020, 0, 1);
    this.zip.add(file);
    let pending: string[] = [];
    let pendingChars = 0;
    const flush = (): void => {
      if (pendingChars > 0) file.push(this.encoder.encode(pending.join('')));
      pending = [];
      pendingChars = 0;
    };
    produce((text) => {
      pending.push(text);
      pendingChars += text.length;
      if (pendingChars >= FLUSH_CHARS) flush();
    });
    flush();
    file.push(new Uint8Array(0), true);
  }

  addText(name: string, text: string): void {
    this.addPart(name, (write) => write(text));
  }

  finish(): Uint8Array {
    this.zip.end();
    if (this.failure) throw this.failure;
    const out = new Uint8Array(this.chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, at);
      at += chunk.length;
    }
    return out;
  }
}

class SharedStrings {
  private readonly index = new Map<string, number>();
  private readonly items: string[] = [];
  private references = 0;

  add(text: string): number {
    this.references++;
    let i = this.index.get(text);
    if (i === undefined) {
      i = this.items.length;
      this.index.set(text, i);
      this.items.push(text);
    }
    return i;
  }

  writeXml(write: (text: string) => void): void {
    write(
      `${XML_DECL}<sst xmlns="${NS_MAIN}" count="${this.references}" uniqueCount="${this.items.length}">`,
    );
    for (const item of this.items) write(`<si>${textElement(item)}</si>`);
    write('</sst>');
  }
}

function writeSheetXml(
  sheet: XlsxSheetSpec,
  shared: SharedStrings | null,
  date1904: boolean,
  write: (text: string) => void,
): void {
  // <dimension> precedes the data, so it is only known up front for an array of rows.
  let dimension = '';
  if (Array.isArray(sheet.rows)) {
    const rows = sheet.rows as readonly (readonly XlsxWriteCell[])[];
    const width = rows.reduce((w, row) => Math.max(w, row.length), 0);
    if (rows.length > 0 && width > 0)
      dimension = `<dimension ref="A1:${cellRef(rows.length - 1, width - 1)}"/>`;
  }
  const cols =
    sheet.columnWidths && sheet.columnWidths.length > 0
      ? `<cols>${sheet.columnWidths
          .map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`)
          .join('')}</cols>`
      : '';
  write(`${XML_DECL}<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">${dimension}${cols}<sheetData>`);
  const letters: string[] = [];
  let r = 0;
  for (const row of sheet.rows) {
    const rowNumber = ++r;
    let xml = `<row r="${rowNumber}">`;
    for (let c = 0; c < row.length; c++) {
      letters[c] ??= columnLetters(c);
      xml += cellXml(row[c], `${letters[c]}${rowNumber}`, shared, date1904);
    }
    write(`${xml}</row>`);
  }
  write('</sheetData>');
  const merges = sheet.merges ?? [];
  if (merges.length > 0) {
    write(
      `<mergeCells count="${merges.length}">${merges
        .map((m) => `<mergeCell ref="${typeof m === 'string' ? m : formatRangeRef(m)}"/>`)
        .join('')}</mergeCells>`,
    );
  }
  write('</worksheet>');
}

function cellXml(value: XlsxWriteCell, ref: string, shared: SharedStrings | null, date1904: boolean): string {
  if (value === null || value === undefined) return '';
  switch (typeof value) {
    case 'number':
      return Number.isFinite(value) ? `<c r="${ref}"><v>${value}</v></c>` : '';
    case 'boolean':
      return `<c r="${ref}" t="b"><v>${value ? 1 : 0}</v></c>`;
    case 'string':
      return shared
        ? `<c r="${ref}" t="s"><v>${shared.add(value)}</v></c>`
        : `<c r="${ref}" t="inlineStr"><is>${textElement(value)}</is></c>`;
    default:
      return `<c r="${ref}" s="${DATE_STYLE}"><v>${dateSerial(value.local, date1904)}</v></c>`;
  }
}

function stylesXml(dateFormat: string): string {
  return (
    `${XML_DECL}<styleSheet xmlns="${NS_MAIN}">` +
    `<numFmts count="1"><numFmt numFmtId="${DATE_FORMAT_ID}" formatCode="${escapeXml(dateFormat)}"/></numFmts>` +
    '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>' +
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
    `<xf numFmtId="${DATE_FORMAT_ID}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>` +
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
    '</styleSheet>'
  );
}

const EPOCH_1899_12_30 = daysFromCivil(1899, 12, 30);
const EPOCH_1899_12_31 = daysFromCivil(1899, 12, 31);
const EPOCH_1904_01_01 = daysFromCivil(1904, 1, 1);
const FIRST_DAY_AFTER_FAKE_LEAP_DAY = daysFromCivil(1900, 3, 1);

/** Excel serial of a naive local date-time (inverse of the reader's conversion, 1900 bug included). */
export function dateSerial(local: string, date1904 = false): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(local);
  if (!match) throw new Error(`not a 'YYYY-MM-DD[ HH:mm[:ss]]' date: ${local}`);
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(match[i] ?? '0')) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (!isValidDateTime(year, month, day, hour, minute, second)) throw new Error(`invalid date: ${local}`);
  const days = daysFromCivil(year, month, day);
  const epoch = date1904
    ? EPOCH_1904_01_01
    : days >= FIRST_DAY_AFTER_FAKE_LEAP_DAY
      ? EPOCH_1899_12_30
      : EPOCH_1899_12_31;
  return days - epoch + (hour * 3600 + minute * 60 + second) / 86400;
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"]/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;',
  );
}

/** Characters XML 1.0 cannot carry; OOXML writes them as `_xHHHH_`. */
// eslint-disable-next-line no-control-regex
const XML_ILLEGAL_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g;

/** `<t>` with OOXML escaping: a literal `_xHHHH_` is protected, XML-illegal control characters encoded. */
function textElement(text: string): string {
  const escaped = escapeXml(
    text
      .replace(/_x([0-9A-Fa-f]{4})_/g, '_x005F_x$1_')
      .replace(
        XML_ILLEGAL_CONTROL,
        (c) => `_x${c.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}_`,
      ),
  );
  const preserve = /^\s|\s$/.test(text) ? ' xml:space="preserve"' : '';
  return `<t${preserve}>${escaped}</t>`;
}
