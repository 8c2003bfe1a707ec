/**
 * Rounding and fixed-point printing at a reported precision. Values are rounded once with
 * `roundTo` and every derived quantity (converted value, mass) is computed from the rounded inputs,
 * so the physical identities hold exactly at the printed precision.
 */

const POW10 = [1, 10, 100, 1000, 10000];

export function roundTo(value: number, decimals: number): number {
  const f = POW10[decimals]!;
  return Math.round(value * f) / f;
}

/** Round to a multiple of `step` (e.g. 0.05), then to `decimals` to drop binary noise. */
export function roundToStep(value: number, step: number, decimals: number): number {
  return roundTo(Math.round(value / step) * step, decimals);
}

/** Zero-padded fractional digits: FRACTION_TEXT[d][n] = n printed with d digits. */
const FRACTION_TEXT: readonly (readonly string[])[] = [0, 1, 2, 3, 4].map((d) =>
  Array.from({ length: POW10[d]! }, (_, n) => String(n).padStart(d, '0')),
);

/**
 * `value.toFixed(decimals)` for values already rounded with roundTo, without the slow generic path
 * (this runs hundreds of millions of times at city-year scale). Never prints '-0'.
 */
export function formatFixed(value: number, decimals: number): string {
  const f = POW10[decimals]!;
  let n = Math.round(value * f);
  if (n > 9007199254740991 || n < -9007199254740991) return value.toFixed(decimals);
  let sign = '';
  if (n < 0) {
    sign = '-';
    n = -n;
  }
  if (decimals === 0) return n === 0 ? '0' : sign + n;
  const int = Math.floor(n / f);
  return (n === 0 ? '' : sign) + int + '.' + FRACTION_TEXT[decimals]![n - int * f]!;
}
