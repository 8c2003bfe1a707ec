import { describe, expect, it } from 'vitest';

import { excelSerialToLocal } from './excel-serial-date';
import { civilFromDays, daysFromCivil } from './local-datetime';

describe('excelSerialToLocal', () => {
  it('converts 1900-system serials, rounding to the second', () => {
    expect(excelSerialToLocal(44476.75)).toBe('2021-10-07 18:00:00');
    expect(excelSerialToLocal(44476.999999999)).toBe('2021-10-08 00:00:00');
    expect(excelSerialToLocal(2958465)).toBe('9999-12-31 00:00:00');
    expect(excelSerialToLocal(2958466)).toBeNull();
    expect(excelSerialToLocal(60)).toBeNull();
    expect(excelSerialToLocal(Number.NaN)).toBeNull();
  });

  it('converts 1904-system serials', () => {
    expect(excelSerialToLocal(0, true)).toBe('1904-01-01 00:00:00');
    expect(excelSerialToLocal(43014.75, true)).toBe('2021-10-07 18:00:00');
  });
});

describe('civil day arithmetic', () => {
  it('round-trips across leap years and centuries', () => {
    for (const [y, m, d] of [
      [1899, 12, 30],
      [1900, 2, 28],
      [1970, 1, 1],
      [2000, 2, 29],
      [2024, 12, 31],
      [2100, 3, 1],
    ] as const) {
      expect(civilFromDays(daysFromCivil(y, m, d))).toEqual({ year: y, month: m, day: d });
    }
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
  });
});
