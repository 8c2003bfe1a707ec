import { formatLocalDateTime, isValidDateTime } from './local-datetime';
import { sqlStringLiteral, WHITESPACE_CLASS } from './sql-text';

/** Column indexes of a time split over several columns (UCI Beijing: `year, month, day, hour`). */
export interface SplitTimeColumns {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number | null;
  readonly minute: number | null;
  readonly second: number | null;
}

const PART_NAMES: Readonly<Record<keyof SplitTimeColumns, RegExp>> = {
  year: /^(year|yr|yyyy|年|年份)$/i,
  month: /^(month|mon|月|月份)$/i,
  day: /^(day|dd|日)$/i,
  hour: /^(hour|hr|hh|时|小时)$/i,
  minute: /^(minute|min|分|分钟)$/i,
  second: /^(second|sec|ss|秒)$/i,
};

/** Finds year/month/day[/hour/minute/second] columns by header name; null unless year, month and day exist. */
export function detectSplitTimeColumns(headers: readonly string[]): SplitTimeColumns | null {
  const find = (part: keyof SplitTimeColumns): number | null => {
    const index = headers.findIndex((h) => PART_NAMES[part].test(h.trim()));
    return index >= 0 ? index : null;
  };
  const year = find('year');
  const month = find('month');
  const day = find('day');
  if (year === null || month === null || day === null) return null;
  const hour = find('hour');
  const minute = hour === null ? null : find('minute');
  const second = minute === null ? null : find('second');
  return { year, month, day, hour, minute, second };
}

export type SplitTimePart = string | number | null | undefined;

export interface SplitTimeValues {
  readonly year: SplitTimePart;
  readonly month: SplitTimePart;
  readonly day: SplitTimePart;
  readonly hour?: SplitTimePart;
  readonly minute?: SplitTimePart;
  readonly second?: SplitTimePart;
}

/**
 * Integer text (group 1), allowing the `3.0` that pandas writes for an integer column with gaps.
 * JS and DuckDB use the same pattern, padding included, so they agree on every value.
 */
const PART_PATTERN = `^${WHITESPACE_CLASS}*(\\d{1,4})(?:\\.0+)?${WHITESPACE_CLASS}*$`;
const BLANK_PATTERN = `^${WHITESPACE_CLASS}*$`;
const partRegex = new RegExp(PART_PATTERN);
const blankRegex = new RegExp(BLANK_PATTERN);

function partValue(part: SplitTimePart, optional: boolean): number | null {
  if (part === undefined || part === null) return optional ? 0 : null;
  if (typeof part === 'number') return Number.isInteger(part) && part >= 0 ? part : null;
  if (optional && blankRegex.test(part)) return 0;
  const match = partRegex.exec(part);
  return match ? Number(match[1]) : null;
}

/**
 * Combines split date/time parts to 'YYYY-MM-DD HH:mm:ss'. Absent hour/minute/second parts count as
 * 0; a missing or invalid year, month or day, or an impossible date, gives null.
 */
export function combineSplitTimestamp(values: SplitTimeValues): string | null {
  const year = partValue(values.year, false);
  const month = partValue(values.month, false);
  const day = partValue(values.day, false);
  const hour = partValue(values.hour, true);
  const minute = partValue(values.minute, true);
  const second = partValue(values.second, true);
  if (
    year === null ||
    month === null ||
    day === null ||
    hour === null ||
    minute === null ||
    second === null
  ) {
    return null;
  }
  if (year < 1000 || !isValidDateTime(year, month, day, hour, minute, second)) return null;
  return formatLocalDateTime(year, month, day, hour, minute, second);
}

/** SQL column expressions of the split parts (quoted column names); hour/minute/second optional. */
export interface SplitTimeSql {
  readonly year: string;
  readonly month: string;
  readonly day: string;
  readonly hour?: string | null;
  readonly minute?: string | null;
  readonly second?: string | null;
}

/**
 * A DuckDB TIMESTAMP expression that agrees with {@link combineSplitTimestamp}: NULL for a
 * missing/invalid part or impossible date. Works whether the columns were read as numbers or text.
 */
export function splitTimestampSqlExpr(columns: SplitTimeSql): string {
  const part = (expr: string | null | undefined, optional: boolean): string => {
    if (expr == null) return '0';
    const text = `CAST(${expr} AS VARCHAR)`;
    // regexp_extract gives '' on no match; TRY_CAST turns that into NULL.
    const value = `TRY_CAST(regexp_extract(${text}, ${sqlStringLiteral(PART_PATTERN)}, 1) AS BIGINT)`;
    if (!optional) return value;
    return `(CASE WHEN ${expr} IS NULL OR regexp_full_match(${text}, ${sqlStringLiteral(BLANK_PATTERN)}) THEN 0 ELSE ${value} END)`;
  };
  const y = part(columns.year, false);
  const timestamp =
    `try_strptime(printf('%d-%d-%d %d:%d:%d', ${y}, ${part(columns.month, false)}, ${part(columns.day, false)}, ` +
    `${part(columns.hour, true)}, ${part(columns.minute, true)}, ${part(columns.second, true)}), '%Y-%m-%d %H:%M:%S')`;
  return `(CASE WHEN ${y} >= 1000 THEN ${timestamp} END)`;
}
