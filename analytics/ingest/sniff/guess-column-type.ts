import { isMissingToken } from './missing-values';
import { detectTimestampFormat, type TimestampFormat } from './parse-timestamp';

export type ColumnTypeGuess =
  /** Only missing tokens in the sample. */
  | { readonly kind: 'empty' }
  | { readonly kind: 'integer' }
  | { readonly kind: 'number' }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'timestamp'; readonly format: TimestampFormat }
  | { readonly kind: 'text' };

export interface GuessColumnTypeOptions {
  /** The column's header: a time-like header is what allows plain numbers to be Excel serial dates. */
  readonly headerName?: string;
}

const INTEGER = /^[+-]?\d+$/;
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
/** Codes such as site ids `0012` keep their leading zeros: text, not numbers. */
const LEADING_ZERO = /^[+-]?0\d/;
const BOOLEAN = /^(true|false|是|否|yes|no)$/i;
const TIME_HEADER = /time|date|timestamp|时间|日期|时刻/i;

/** True when a header names a time column (`monitorTime`, `监测时间`, `datetime`, `日期`). */
export function isTimeLikeHeader(header: string): boolean {
  return TIME_HEADER.test(header);
}

/**
 * A type hint for a column from sample values (missing tokens ignored). Numeric kinds need every
 * sampled value to fit; the importer still validates every row.
 */
export function guessColumnType(
  samples: readonly string[],
  options: GuessColumnTypeOptions = {},
): ColumnTypeGuess {
  const values = samples.filter((s) => !isMissingToken(s)).map((s) => s.trim());
  if (values.length === 0) return { kind: 'empty' };

  const format = detectTimestampFormat(values, {
    allowExcelSerial: options.headerName !== undefined && isTimeLikeHeader(options.headerName),
  });
  // Eight-digit compact dates are also plain integers; only a time-like header makes them dates.
  if (
    format &&
    !(format.kind === 'compact' && format.digits === 8 && !isTimeLikeHeader(options.headerName ?? ''))
  ) {
    return { kind: 'timestamp', format };
  }
  if (values.every((v) => INTEGER.test(v) && !LEADING_ZERO.test(v))) return { kind: 'integer' };
  if (values.every((v) => NUMBER.test(v) && !(LEADING_ZERO.test(v) && !/^[+-]?0\./.test(v)))) {
    return { kind: 'number' };
  }
  if (values.every((v) => BOOLEAN.test(v))) return { kind: 'boolean' };
  return { kind: 'text' };
}
