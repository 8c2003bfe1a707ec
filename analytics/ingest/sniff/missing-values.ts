import { sqlStringLiteral, WHITESPACE_CLASS } from './sql-text';

/**
 * Tokens that exports use for "no value". Compared case-insensitively, ignoring surrounding
 * whitespace, because the same export tool writes `NA` in one version and `na` in the next; `#N/A`
 * is what Excel writes into a CSV for an `=NA()` cell. The empty token is a blank cell.
 */
export const MISSING_TOKENS: readonly string[] = ['', 'na', 'n/a', '#n/a', '-', '--', 'null', 'nan'];

/** One pattern for JS and DuckDB (RE2), so both sides agree on every value. */
const MISSING_PATTERN = `^${WHITESPACE_CLASS}*(?:na|n/a|#n/a|-|--|null|nan)?${WHITESPACE_CLASS}*$`;
const missingRegex = new RegExp(MISSING_PATTERN, 'i');

/** True for null, blank cells and the tokens above (`NA`, `N/A`, `-`, `--`, `null`, `NaN`, …). */
export function isMissingToken(value: string | null | undefined): boolean {
  return value == null || missingRegex.test(value);
}

/**
 * The same test as a DuckDB SQL boolean expression, so the importer can tell "missing" from
 * "unparseable" inside SQL. `varcharSqlExpr` must be a VARCHAR expression (e.g. a quoted column name).
 */
export function missingTokenSqlPredicate(varcharSqlExpr: string): string {
  return `(${varcharSqlExpr} IS NULL OR regexp_full_match(${varcharSqlExpr}, ${sqlStringLiteral(`(?i)${MISSING_PATTERN}`)}))`;
}
