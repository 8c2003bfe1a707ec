import { EXCEL_MAX_SERIAL, excelSerialToEpochSeconds } from './excel-serial-date';
import {
  daysFromCivil,
  formatEpochSecondsLocal,
  formatLocalDateTime,
  isValidDateTime,
} from './local-datetime';
import { isMissingToken } from './missing-values';
import { sqlStringLiteral, WHITESPACE_CLASS } from './sql-text';

/*
 * Timestamp columns of monitoring exports. Every parsed value becomes a naive local string
 * 'YYYY-MM-DD HH:mm:ss' in Asia/Shanghai time (UTC+8); a value with an explicit UTC offset is shifted
 * to +08:00. Hour ranges ("18~19", "18:00~19:00") denote the period that STARTS at the left end.
 *
 * The JavaScript parser and the SQL expression use the same regular expressions (valid in both
 * JavaScript and RE2), so a value DuckDB accepts is exactly a value this module accepts.
 */

export type DateSeparator = '-' | '/' | '.';

/** Digit counts of compact timestamps: yyyyMMdd[HH[mm[ss[SSS]]]]. */
export type CompactDigits = 8 | 10 | 12 | 14 | 17;

export type TimestampFormat =
  /** `2021-10-07 18:00:00`, `2021/10/7 18:00`, `2021-10-07T18:00:00+08:00`, `2026-09-22 18~19`, `2021-10-07`. */
  | {
      readonly kind: 'ymd';
      readonly dateSeparator: DateSeparator;
      /** Values may carry `Z`/`±hh[:mm]`; values of a format without it must not. */
      readonly hasOffset: boolean;
      /** Informational: some sample had a time of day (false: daily data). */
      readonly hasTime: boolean;
      /** Informational: samples were ranges (`18~19`), so each value is a period start. */
      readonly periodRange: boolean;
    }
  /** `2021年10月7日 18时`, `2021年10月7日18时30分`, `2021年10月7日 18:30`, `2021年10月7日`. */
  | { readonly kind: 'chinese'; readonly hasTime: boolean; readonly periodRange: boolean }
  /** `20211007180000`, `202110071800`, `2021100718`, `20211007`, and 17 digits with milliseconds (HJ 212 QN). */
  | { readonly kind: 'compact'; readonly digits: CompactDigits }
  /** Excel serial day numbers such as `44476.75` (a date cell that lost its format on the way to CSV). */
  | { readonly kind: 'excel-serial'; readonly date1904: boolean };

// ---------------------------------------------------------------------------------------------
// Patterns. Groups 1–6 are always year, month, day, hour, minute, second; group 7 the UTC offset.

/** Leading and trailing padding is part of the patterns (cheaper in DuckDB than trim()). */
const LEAD = `^${WHITESPACE_CLASS}*`;
const TRAIL = `${WHITESPACE_CLASS}*$`;
/** A trailing "~ end" (also full-width ～ and 至) is ignored: the value is the period start. */
const RANGE_SUFFIX = '(?: *[~～至].*)?';
const YMD_TIME = '(?:T| +)(\\d{1,2})(?::(\\d{1,2})(?::(\\d{1,2})(?:[.,]\\d+)?)?)?';
const OFFSET = '(?: *(Z|[+-]\\d{2}(?::?\\d{2})?))?';

function ymdPattern(separator: DateSeparator, withOffset: boolean): string {
  const sep = separator === '.' ? '\\.' : separator;
  return `${LEAD}(\\d{4})${sep}(\\d{1,2})${sep}(\\d{1,2})(?:${YMD_TIME}${withOffset ? OFFSET : ''})?${RANGE_SUFFIX}${TRAIL}`;
}

const CHINESE_PATTERN =
  `${LEAD}(\\d{4})年(\\d{1,2})月(\\d{1,2})[日号] *` +
  '(?:(\\d{1,2})(?:时|点|:)(?:(\\d{1,2})(?:(?:分|:)(?:(\\d{1,2})秒?)?|分)?)?)?' +
  RANGE_SUFFIX +
  TRAIL;

const COMPACT_PATTERN = `${LEAD}(\\d{4})(\\d{2})(\\d{2})(?:(\\d{2})(?:(\\d{2})(?:(\\d{2})(?:\\d{3})?)?)?)?${TRAIL}`;

/** Group 1 is the number. */
const EXCEL_SERIAL_PATTERN = `${LEAD}(\\d+(?:\\.\\d+)?)${TRAIL}`;

const DATE_SEPARATORS: readonly DateSeparator[] = ['-', '/', '.'];

const ymdRegex = new Map<string, RegExp>(
  DATE_SEPARATORS.flatMap((sep) => [
    [`${sep}0`, new RegExp(ymdPattern(sep, false))],
    [`${sep}1`, new RegExp(ymdPattern(sep, true))],
  ]),
);
const chineseRegex = new RegExp(CHINESE_PATTERN);
const compactRegex = new RegExp(COMPACT_PATTERN);
const excelSerialRegex = new RegExp(EXCEL_SERIAL_PATTERN);

/** The pattern text of a (non-serial) format: shared by the JS RegExp and the SQL regex (RE2). */
function patternFor(format: Exclude<TimestampFormat, { kind: 'excel-serial' }>): string {
  switch (format.kind) {
    case 'ymd':
      return ymdPattern(format.dateSeparator, format.hasOffset);
    case 'chinese':
      return CHINESE_PATTERN;
    case 'compact':
      return COMPACT_PATTERN;
  }
}

function regexFor(format: Exclude<TimestampFormat, { kind: 'excel-serial' }>): RegExp {
  switch (format.kind) {
    case 'ymd':
      return ymdRegex.get(`${format.dateSeparator}${format.hasOffset ? 1 : 0}`)!;
    case 'chinese':
      return chineseRegex;
    case 'compact':
      return compactRegex;
  }
}

// ---------------------------------------------------------------------------------------------
// Parsing

function toInt(group: string | undefined): number {
  return group === undefined ? 0 : Number(group);
}

/** Minutes east of UTC of `Z`, `+08`, `+0800`, `+08:00`. */
function offsetMinutes(offset: string): number {
  if (offset === 'Z') return 0;
  const digits = offset.replace(':', '');
  const minutes = Number(digits.slice(1, 3)) * 60 + (digits.length >= 5 ? Number(digits.slice(3, 5)) : 0);
  return offset.startsWith('-') ? -minutes : minutes;
}

const SHANGHAI_OFFSET_MINUTES = 480;

function fromGroups(match: RegExpExecArray): string | null {
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const hour = toInt(match[4]);
  const minute = toInt(match[5]);
  const second = toInt(match[6]);
  if (!isValidDateTime(year, month, day, hour, minute, second)) return null;
  const offset = match[7];
  if (offset === undefined) return formatLocalDateTime(year, month, day, hour, minute, second);
  const utcSeconds =
    daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second - offsetMinutes(offset) * 60;
  return formatEpochSecondsLocal(utcSeconds + SHANGHAI_OFFSET_MINUTES * 60);
}

/**
 * Parses one value to 'YYYY-MM-DD HH:mm:ss' (Asia/Shanghai local). Null when the value does not
 * fit the format or names no real date/time (the importer quarantines such rows); missing-value
 * tokens are null too, so test {@link isMissingToken} first to tell the two apart.
 */
export function parseTimestamp(value: string, format: TimestampFormat): string | null {
  if (format.kind === 'excel-serial') {
    const match = excelSerialRegex.exec(value);
    if (!match) return null;
    const seconds = excelSerialToEpochSeconds(Number(match[1]), format.date1904);
    return seconds === null ? null : formatEpochSecondsLocal(seconds);
  }
  const match = regexFor(format).exec(value);
  return match ? fromGroups(match) : null;
}

// ---------------------------------------------------------------------------------------------
// Detection

export interface DetectTimestampOptions {
  /**
   * Whether plain numbers may be read as Excel serial dates. A flow total or a kWh counter can look
   * exactly like ordered serials, so callers that are not sure the column is a time column (e.g.
   * from its header) should pass false. Default true.
   */
  readonly allowExcelSerial?: boolean;
  /** Share of non-missing samples that must parse. Default 0.9. */
  readonly minParsedShare?: number;
}

/** Plausible years for formats that could also be plain numbers. */
const PLAUSIBLE_MIN_YEAR = 1950;
const PLAUSIBLE_MAX_YEAR = 2100;
const SERIAL_1970 = 25569;
const SERIAL_2100 = 73051;

/**
 * The format of a column from sample values, or null when the values are not timestamps. Missing
 * tokens are ignored; at least `minParsedShare` of the rest must parse.
 */
export function detectTimestampFormat(
  samples: readonly string[],
  options: DetectTimestampOptions = {},
): TimestampFormat | null {
  const values = samples.filter((s) => !isMissingToken(s)).map((s) => s.trim());
  if (values.length === 0) return null;
  const needed = Math.max(1, Math.ceil(values.length * (options.minParsedShare ?? 0.9)));

  const first = values[0]!;
  if (/^\d{4}[-/.]/.test(first)) {
    const separator = mostCommonSeparator(values);
    const regex = ymdRegex.get(`${separator}1`)!;
    let parsed = 0;
    let hasOffset = false;
    let hasTime = false;
    let periodRange = false;
    for (const value of values) {
      const match = regex.exec(value);
      if (!match || fromGroups(match) === null) continue;
      parsed++;
      if (match[7] !== undefined) hasOffset = true;
      if (match[4] !== undefined) hasTime = true;
      if (/[~～至]/.test(value)) periodRange = true;
    }
    if (parsed >= needed) return { kind: 'ymd', dateSeparator: separator, hasOffset, hasTime, periodRange };
    return null;
  }

  if (first.includes('年')) {
    let parsed = 0;
    let hasTime = false;
    let periodRange = false;
    for (const value of values) {
      const match = chineseRegex.exec(value);
      if (!match || fromGroups(match) === null) continue;
      parsed++;
      if (match[4] !== undefined) hasTime = true;
      if (/[~～至]/.test(value)) periodRange = true;
    }
    return parsed >= needed ? { kind: 'chinese', hasTime, periodRange } : null;
  }

  if (/^\d{8}(?:\d{2}){0,3}(?:\d{3})?$/.test(first)) {
    let parsed = 0;
    const lengthCounts = new Map<number, number>();
    for (const value of values) {
      const match = compactRegex.exec(value);
      if (!match || fromGroups(match) === null) continue;
      const year = Number(match[1]);
      if (year < PLAUSIBLE_MIN_YEAR || year > PLAUSIBLE_MAX_YEAR) continue;
      parsed++;
      lengthCounts.set(value.length, (lengthCounts.get(value.length) ?? 0) + 1);
    }
    if (parsed >= needed) {
      const digits = [...lengthCounts].sort((a, b) => b[1] - a[1])[0]![0] as CompactDigits;
      return { kind: 'compact', digits };
    }
  }

  if ((options.allowExcelSerial ?? true) && excelSerialRegex.test(first)) {
    let parsed = 0;
    let previous = -Infinity;
    for (const value of values) {
      if (!excelSerialRegex.test(value)) continue;
      const serial = Number(value);
      if (serial < SERIAL_1970 || serial > SERIAL_2100) continue;
      // Time columns are ordered; measured values rarely are.
      if (serial < previous) return null;
      previous = serial;
      parsed++;
    }
    if (parsed >= needed) return { kind: 'excel-serial', date1904: false };
  }
  return null;
}

function mostCommonSeparator(values: readonly string[]): DateSeparator {
  const counts: Record<DateSeparator, number> = { '-': 0, '/': 0, '.': 0 };
  for (const value of values) {
    const c = value[4];
    if (c === '-' || c === '/' || c === '.') counts[c]++;
  }
  return DATE_SEPARATORS.reduce((best, sep) => (counts[sep] > counts[best] ? sep : best));
}

// ---------------------------------------------------------------------------------------------
// SQL

/** Every shape the regex-replace below can produce: empty groups leave bare colons. */
const NORMALIZED_FORMATS = "['%Y-%m-%d %H:%M:%S', '%Y-%m-%d %H:%M:', '%Y-%m-%d %H::', '%Y-%m-%d ::']";

/**
 * A DuckDB SQL expression of type TIMESTAMP (naive Asia/Shanghai local, whole seconds) that parses
 * `columnSqlExpr` exactly as {@link parseTimestamp} does; NULL where the JS parser returns null
 * (including missing tokens). Lets large CSVs be parsed inside DuckDB. `columnSqlExpr` is any SQL
 * expression (e.g. a quoted column name); it is cast to VARCHAR.
 *
 * The value is matched against the same regular expression as in JS, rewritten to
 * 'Y-M-D H:M:S' and handed to try_strptime, which rejects impossible dates (2021-02-30, 24:00) as
 * the JS validator does. Returns null for formats SQL cannot express (none so far).
 */
export function timestampSqlExpr(format: TimestampFormat, columnSqlExpr: string): string | null {
  const text = `CAST(${columnSqlExpr} AS VARCHAR)`;
  if (format.kind === 'excel-serial') return excelSerialSql(text, format.date1904);

  const re = sqlStringLiteral(patternFor(format));
  const naive = `try_strptime(regexp_replace(${text}, ${re}, '\\1-\\2-\\3 \\4:\\5:\\6'), ${NORMALIZED_FORMATS})`;
  if (format.kind !== 'ymd' || !format.hasOffset) {
    return withCanonicalFastPath(
      format,
      text,
      `(CASE WHEN regexp_full_match(${text}, ${re}) THEN ${naive} END)`,
    );
  }
  const offset = `regexp_replace(${text}, ${re}, '\\7')`;
  const digits = `replace(${offset}, ':', '')`;
  const minutes =
    `(CASE WHEN ${offset} = '' THEN ${SHANGHAI_OFFSET_MINUTES} WHEN ${offset} = 'Z' THEN 0 ` +
    `ELSE (CASE WHEN starts_with(${offset}, '-') THEN -1 ELSE 1 END) * ` +
    `(CAST(substr(${digits}, 2, 2) AS INTEGER) * 60 + CAST(coalesce(nullif(substr(${digits}, 4, 2), ''), '0') AS INTEGER)) END)`;
  return withCanonicalFastPath(
    format,
    text,
    `(CASE WHEN regexp_full_match(${text}, ${re}) THEN ${naive} + to_minutes(${SHANGHAI_OFFSET_MINUTES} - ${minutes}) END)`,
  );
}

const CANONICAL_FORMAT = "'%Y-%m-%d %H:%M:%S'";

/**
 * Most exports write 'YYYY-MM-DD HH:MM:SS'. A value that strptime parses AND that strftime writes
 * back unchanged is exactly that shape, which the regex path would read the same way, so it can
 * skip the regex (about 3x faster in DuckDB 1.5); DuckDB evaluates the rest of a coalesce only for
 * rows still NULL. Only for dash-separated dates: for other shapes the check is pure overhead.
 */
function withCanonicalFastPath(format: TimestampFormat, text: string, general: string): string {
  if (format.kind !== 'ymd' || format.dateSeparator !== '-') return general;
  const parsed = `try_strptime(${text}, ${CANONICAL_FORMAT})`;
  return `coalesce(CASE WHEN strftime(${parsed}, ${CANONICAL_FORMAT}) = ${text} THEN ${parsed} END, ${general})`;
}

function excelSerialSql(text: string, date1904: boolean): string {
  // '' when the pattern does not match, which TRY_CAST turns into NULL: no separate guard needed.
  const number = `regexp_extract(${text}, ${sqlStringLiteral(EXCEL_SERIAL_PATTERN)}, 1)`;
  const seconds = `TRY_CAST(round(TRY_CAST(${number} AS DOUBLE) * 86400) AS BIGINT)`;
  const days = `(${seconds} // 86400)`;
  const body = date1904
    ? `CASE WHEN ${days} > ${EXCEL_MAX_SERIAL} THEN NULL ELSE TIMESTAMP '1904-01-01 00:00:00' + to_seconds(${seconds}) END`
    : `CASE WHEN ${days} < 1 OR ${days} = 60 OR ${days} > ${EXCEL_MAX_SERIAL} THEN NULL ` +
      `WHEN ${days} < 60 THEN TIMESTAMP '1899-12-31 00:00:00' + to_seconds(${seconds}) ` +
      `ELSE TIMESTAMP '1899-12-30 00:00:00' + to_seconds(${seconds}) END`;
  return `(${body})`;
}
