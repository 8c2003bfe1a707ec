export interface DelimitedRecord {
  readonly fields: readonly string[];
  /** 0-based physical line on which the record starts (what DuckDB's `skip` counts). */
  readonly line: number;
}

export interface ParseDelimitedOptions {
  readonly maxRecords?: number;
  /**
   * False when `text` is a sample cut from a longer file: a record running into the end of the text
   * (no line break after it, or an unclosed quote) is then dropped as incomplete. Default true.
   */
  readonly complete?: boolean;
}

/**
 * RFC 4180 records (double-quote quoting, `""` escapes, line breaks inside quotes), tolerant the way
 * export tools need: LF, CRLF and lone-CR line ends; a quote inside an unquoted field is literal;
 * text after a closing quote is kept. Blank lines are skipped. For sniffing samples only: the
 * importer itself lets DuckDB read the file.
 */
export function parseDelimitedRecords(
  text: string,
  delimiter: string,
  options: ParseDelimitedOptions = {},
): DelimitedRecord[] {
  const maxRecords = options.maxRecords ?? Infinity;
  const complete = options.complete ?? true;
  const delim = delimiter.charCodeAt(0);
  const records: DelimitedRecord[] = [];
  const n = text.length;
  let i = 0;
  let line = 0;

  while (i < n && records.length < maxRecords) {
    const startLine = line;
    const fields: string[] = [];
    let field = '';
    let ended = false; // saw the line break that ends the record
    let unclosedQuote = false;

    for (;;) {
      if (i >= n) break;
      let c = text.charCodeAt(i);
      if (c === 34 /* " */ && field.length === 0) {
        // Quoted field.
        i++;
        let closed = false;
        while (i < n) {
          c = text.charCodeAt(i);
          if (c === 34) {
            if (text.charCodeAt(i + 1) === 34) {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            closed = true;
            break;
          }
          if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) line++;
          field += text[i];
          i++;
        }
        if (!closed) {
          unclosedQuote = true;
          break;
        }
        // Lenient: keep whatever follows the closing quote up to the delimiter.
        while (i < n) {
          c = text.charCodeAt(i);
          if (c === delim || c === 10 || c === 13) break;
          field += text[i];
          i++;
        }
        if (i >= n) break;
      }
      if (c === delim) {
        fields.push(field);
        field = '';
        i++;
        continue;
      }
      if (c === 10 || c === 13) {
        i += c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
        line++;
        ended = true;
        break;
      }
      // Unquoted run up to the next delimiter or line break.
      const runStart = i;
      while (i < n) {
        c = text.charCodeAt(i);
        if (c === delim || c === 10 || c === 13) break;
        i++;
      }
      field += text.slice(runStart, i);
    }
    fields.push(field);

    if (unclosedQuote || (!ended && !complete)) break;
    if (fields.length === 1 && fields[0] === '') continue; // blank line
    records.push({ fields, line: startLine });
  }
  return records;
}
