/*
 * Just enough XML for SpreadsheetML parts, scanned with indexOf over strings: no DOM, no object per
 * node. SpreadsheetML is machine-written (no DTDs, no comments inside sheetData, attribute values
 * always quoted), which is what makes a hand-written scanner safe here.
 */

const NAMED_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes the five XML entities and numeric character references. */
export function decodeXmlEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, body: string) => {
    if (body.startsWith('#x')) return String.fromCodePoint(Number.parseInt(body.slice(2), 16));
    if (body.startsWith('#')) return String.fromCodePoint(Number.parseInt(body.slice(1), 10));
    return NAMED_ENTITIES[body] ?? whole;
  });
}

/**
 * Cell text: XML entities, then the OOXML `_xHHHH_` escapes (ST_Xstring) that Excel uses for control
 * characters such as CR (`_x000D_`); `_x005F_` escapes a literal underscore.
 */
export function decodeCellText(text: string): string {
  const decoded = decodeXmlEntities(text);
  if (!decoded.includes('_x')) return decoded;
  return decoded.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) =>
    String.fromCharCode(Number.parseInt(hex, 16)),
  );
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

/**
 * Calls `visit(nameStart, nameEnd, valueStart, valueEnd)` for each attribute of the start tag
 * xml[from, to) (from = its `<`), raw offsets, until `visit` returns false. Never reads outside
 * the tag, so looking for an absent attribute costs the tag's length, not the document's.
 */
export function forEachAttribute(
  xml: string,
  from: number,
  to: number,
  visit: (nameStart: number, nameEnd: number, valueStart: number, valueEnd: number) => boolean | void,
): void {
  let i = from + 1;
  while (i < to && !isSpace(xml.charCodeAt(i)) && xml.charCodeAt(i) !== 62 && xml.charCodeAt(i) !== 47) i++;
  while (i < to) {
    let c = xml.charCodeAt(i);
    while (isSpace(c)) c = xml.charCodeAt(++i);
    if (i >= to || c === 62 /* > */ || c === 47 /* / */) return;
    const nameStart = i;
    while (i < to && c !== 61 /* = */ && !isSpace(c) && c !== 62 && c !== 47) c = xml.charCodeAt(++i);
    const nameEnd = i;
    while (isSpace(c)) c = xml.charCodeAt(++i);
    if (c !== 61) continue; // attribute without value: not XML, skip the name
    c = xml.charCodeAt(++i);
    while (isSpace(c)) c = xml.charCodeAt(++i);
    if (c !== 34 && c !== 39) return;
    const valueEnd = xml.indexOf(c === 34 ? '"' : "'", i + 1);
    if (valueEnd < 0 || valueEnd >= to) return;
    if (visit(nameStart, nameEnd, i + 1, valueEnd) === false) return;
    i = valueEnd + 1;
  }
}

/**
 * Value of attribute `name` (qualified as written, e.g. `r:id`) of the start tag xml[from, to)
 * (from = its `<`), entity-decoded; null when absent.
 */
export function attributeValue(xml: string, from: number, to: number, name: string): string | null {
  let value: string | null = null;
  forEachAttribute(xml, from, to, (nameStart, nameEnd, valueStart, valueEnd) => {
    if (nameEnd - nameStart !== name.length || !xml.startsWith(name, nameStart)) return true;
    value = decodeXmlEntities(xml.slice(valueStart, valueEnd));
    return false;
  });
  return value;
}

/** The namespace prefix (`x:` or '') the document uses for its root element `localName`. */
export function rootPrefix(xml: string, localName: string): string {
  const match = new RegExp(`<([A-Za-z_][\\w.-]*:)?${localName}[\\s>/]`).exec(xml);
  return match?.[1] ?? '';
}

/** One element found by {@link forEachElement}. Offsets index the scanned string. */
export interface ElementSpan {
  /** Start of `<name`. */
  readonly start: number;
  /** Index just past the start tag's `>`. */
  readonly tagEnd: number;
  /** End of the content (start of the end tag); equals tagEnd for a self-closing element. */
  readonly contentEnd: number;
  /** Index just past the whole element. */
  readonly end: number;
}

/**
 * Calls `visit` for every complete `<qname …>…</qname>` or `<qname …/>` starting in xml[from, to),
 * in order, until `visit` returns false. Returns the index just past the last element visited (or
 * `from`), so a caller feeding chunks knows what it may discard. Nested elements of the same name
 * are not supported (none occur in the parts read here).
 */
export function forEachElement(
  xml: string,
  qname: string,
  visit: (span: ElementSpan) => boolean | void,
  from = 0,
  to = xml.length,
): number {
  const open = `<${qname}`;
  const close = `</${qname}>`;
  let consumed = from;
  let at = xml.indexOf(open, from);
  while (at >= 0 && at < to) {
    const next = xml.charCodeAt(at + open.length);
    if (!(isSpace(next) || next === 62 /* > */ || next === 47) /* / */) {
      at = xml.indexOf(open, at + open.length);
      continue;
    }
    const gt = xml.indexOf('>', at);
    if (gt < 0) break;
    let span: ElementSpan;
    if (xml.charCodeAt(gt - 1) === 47) {
      span = { start: at, tagEnd: gt + 1, contentEnd: gt + 1, end: gt + 1 };
    } else {
      const endTag = xml.indexOf(close, gt + 1);
      if (endTag < 0) break;
      span = { start: at, tagEnd: gt + 1, contentEnd: endTag, end: endTag + close.length };
    }
    consumed = span.end;
    if (visit(span) === false) break;
    at = xml.indexOf(open, span.end);
  }
  return consumed;
}

/**
 * Concatenated text of the `<t>` elements in xml[from, to): plain strings, rich-text runs
 * (`<r><rPr/><t>…</t></r>`), minus phonetic guides (`<rPh>`), which are not part of the value.
 */
export function stringItemText(xml: string, from: number, to: number, prefix: string): string {
  const tOpen = `<${prefix}t`;
  const tClose = `</${prefix}t>`;
  const phonetic = `<${prefix}rPh`;
  const phoneticClose = `</${prefix}rPh>`;
  // Fast path: a plain `<t>text</t>`, by far the most common shape.
  let at = xml.indexOf(tOpen, from);
  if (at < 0 || at >= to) return '';
  let text = '';
  let first = true;
  while (at >= 0 && at < to) {
    const next = xml.charCodeAt(at + tOpen.length);
    if (!(isSpace(next) || next === 62 || next === 47)) {
      at = xml.indexOf(tOpen, at + tOpen.length);
      continue;
    }
    const gt = xml.indexOf('>', at);
    if (gt < 0 || gt >= to) break;
    if (xml.charCodeAt(gt - 1) === 47) {
      at = xml.indexOf(tOpen, gt + 1);
      continue;
    }
    const end = xml.indexOf(tClose, gt + 1);
    if (end < 0 || end > to) break;
    const ph = first ? -1 : xml.lastIndexOf(phonetic, at);
    const insidePhonetic = ph >= from && xml.lastIndexOf(phoneticClose, at) < ph;
    if (!insidePhonetic) text += xml.slice(gt + 1, end);
    first = false;
    at = xml.indexOf(tOpen, end + tClose.length);
  }
  return decodeCellText(text);
}
