import { describe, expect, it } from 'vitest';
import { decimalAt } from './decimal-at';

const at = (s: string): number => decimalAt(s, 0, s.length);

describe('decimalAt', () => {
  it.each([
    '0',
    '12.34',
    '-0.210',
    '+7',
    '80000.0',
    '.5',
    '1.',
    '0.000',
    '999999999999999',
    '0.000000000000001',
  ])('reads %s exactly as Number does', (s) => {
    expect(Object.is(at(s), Number(s))).toBe(true);
  });

  it.each([
    '',
    '-',
    '.',
    '1e3',
    '1.2.3',
    ' 1',
    '0x1A',
    'NaN',
    'abc',
    '1234567890123456',
    '0.00000000000000000000012',
  ])('leaves %j to Number (NaN)', (s) => {
    expect(at(s)).toBeNaN();
  });

  it('reads a range inside a longer string', () => {
    expect(decimalAt('a21026-Avg=18.32,', 11, 16)).toBe(18.32);
  });

  it('agrees with Number on 100,000 random decimals', () => {
    let seed = 99;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    for (let k = 0; k < 100_000; k++) {
      const intDigits = random(9);
      const fracDigits = random(15 - intDigits);
      let s = random(4) === 0 ? '-' : '';
      for (let i = 0; i < intDigits; i++) s += String(random(10));
      if (fracDigits > 0 || intDigits === 0) s += '.';
      for (let i = 0; i < fracDigits; i++) s += String(random(10));
      if (s === '.' || s === '-.' || s === '-') continue;
      const expected = Number(s);
      if (!Object.is(at(s), expected)) throw new Error(`${s}: ${at(s)} !== ${expected}`);
    }
    // Small values: leading zeros do not count towards the 15 significant digits.
    for (let k = 0; k < 20_000; k++) {
      let s = '0.' + '0'.repeat(random(10));
      const digits = 1 + random(12);
      for (let i = 0; i < digits; i++) s += String(1 + random(9));
      if (!Object.is(at(s), Number(s))) throw new Error(`${s}: ${at(s)} !== ${Number(s)}`);
    }
  });
});
