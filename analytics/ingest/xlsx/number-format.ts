/** What a cell's number format says about its numeric value. */
export type NumberFormatClass = 'date' | 'time' | 'number';

// Built-in format ids (ECMA-376 §18.8.30) plus the CJK-locale ids a Chinese Excel writes
// (27–36, 50–58: 'yyyy"年"m"月"d"日"', 'h"时"mm"分"', '上午/下午h"时"mm"分"', …).
const BUILTIN_DATE_IDS: ReadonlySet<number> = new Set([
  14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 36, 50, 51, 52, 53, 54, 57, 58,
]);
const BUILTIN_TIME_IDS: ReadonlySet<number> = new Set([18, 19, 20, 21, 32, 33, 34, 35, 45, 46, 47, 55, 56]);

/** Classifies a number format by id, using the workbook's custom format code when there is one. */
export function classifyNumberFormat(numFmtId: number, formatCode: string | undefined): NumberFormatClass {
  if (formatCode !== undefined) return classifyFormatCode(formatCode);
  if (BUILTIN_DATE_IDS.has(numFmtId)) return 'date';
  if (BUILTIN_TIME_IDS.has(numFmtId)) return 'time';
  return 'number';
}

/**
 * Classifies a custom format code such as `yyyy-mm-dd hh:mm`, `yyyy"年"m"月"d"日"` or `0.00"mg/m3"`.
 * Literal text (quoted, backslash-escaped, `_x` padding, `*x` fill) and bracketed modifiers (colours,
 * locales, conditions) are removed first so their letters do not count. Elapsed-time formats
 * (`[h]:mm:ss`) are durations, i.e. quantities, so they stay numbers.
 */
export function classifyFormatCode(formatCode: string): NumberFormatClass {
  const section = firstSection(formatCode);
  if (/\[(h+|m+|s+)\]/i.test(section)) return 'number';
  const stripped = section
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/general/gi, '')
    .toLowerCase();
  if (/[yde]/.test(stripped.replace(/e[+-]/g, ''))) return 'date';
  if (/[hs]/.test(stripped)) return 'time';
  // A lone m is a month (m only means minutes next to h or s).
  if (/m/.test(stripped.replace(/am\/pm|a\/p/g, ''))) return 'date';
  return 'number';
}

function firstSection(formatCode: string): string {
  let inQuote = false;
  for (let i = 0; i < formatCode.length; i++) {
    const c = formatCode[i];
    if (c === '"') inQuote = !inQuote;
    else if (c === '\\') i++;
    else if (c === ';' && !inQuote) return formatCode.slice(0, i);
  }
  return formatCode;
}
