/**
 * DuckDB expression turning a text column into a local TIMESTAMP, trying the layouts real exports
 * use. Hour ranges like `2026-09-22 18~19` are read as the period start (domain.md §1.1).
 */
const FORMATS = [
  '%Y-%m-%d %H:%M:%S',
  '%Y-%m-%d %H:%M',
  '%Y/%m/%d %H:%M:%S',
  '%Y/%m/%d %H:%M',
  '%Y-%m-%dT%H:%M:%S',
  '%Y%m%d%H%M%S',
  '%Y%m%d%H%M',
  '%Y-%m-%d %H',
  '%Y-%m-%d',
  '%Y/%m/%d',
];

export function localTimeSql(column: string): string {
  const list = FORMATS.map((f) => `'${f}'`).join(', ');
  const cleaned = `regexp_replace(trim(${column}), '\\s*~.*$', '')`;
  return `try_strptime(${cleaned}, [${list}])`;
}
