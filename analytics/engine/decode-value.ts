/**
 * The one place where DuckDB result values become plain JS: BIGINT/HUGEINT -> number (or a decimal
 * string when beyond 2^53), TIMESTAMP/DATE -> local wall-time string 'YYYY-MM-DD HH:mm:ss'. DuckDB's
 * JS conversion reads naive timestamps as UTC instants, so formatting with UTC getters gives back the
 * wall time that was stored.
 */
export type PlainValue = string | number | boolean | null | PlainValue[] | { [key: string]: PlainValue };

export function formatLocalTime(date: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return (
    `${p(date.getUTCFullYear(), 4)}-${p(date.getUTCMonth() + 1)}-${p(date.getUTCDate())} ` +
    `${p(date.getUTCHours())}:${p(date.getUTCMinutes())}:${p(date.getUTCSeconds())}`
  );
}

export function decodeValue(value: unknown): PlainValue {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'bigint':
      return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER)
        ? Number(value)
        : value.toString();
    case 'object':
      if (value instanceof Date) return formatLocalTime(value);
      if (Array.isArray(value)) return value.map(decodeValue);
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decodeValue(v)]));
    default:
      return String(value);
  }
}

export function decodeRow(row: Record<string, unknown>): Record<string, PlainValue> {
  const out: Record<string, PlainValue> = {};
  for (const key of Object.keys(row)) out[key] = decodeValue(row[key]);
  return out;
}
