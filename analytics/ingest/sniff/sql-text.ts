/** A SQL string literal; single quotes doubled. */
export function sqlStringLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * A regex character class of the whitespace that pads exported cells (ASCII blanks, NBSP, the
 * ideographic space U+3000 of Chinese exports, a stray BOM), written so that JavaScript and RE2
 * (DuckDB's regexp_*) read it identically: escapes both know, other characters literally. Patterns
 * that allow it at both ends replace trim(), which costs DuckDB more than the match itself.
 */
export const WHITESPACE_CLASS = '[ \\t\\r\\n\\f\\v\u00a0\u3000\ufeff]';
