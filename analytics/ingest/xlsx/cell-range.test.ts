import { describe, expect, it } from 'vitest';

import { cellRef, columnIndexOfRef, columnLetters, formatRangeRef, parseRangeRef } from './cell-range';

describe('cell references', () => {
  it('converts column letters both ways', () => {
    for (const [letters, index] of [
      ['A', 0],
      ['Z', 25],
      ['AA', 26],
      ['AZ', 51],
      ['XFD', 16383],
    ] as const) {
      expect(columnIndexOfRef(`${letters}12`)).toBe(index);
      expect(columnLetters(index)).toBe(letters);
    }
    expect(columnIndexOfRef('$C$3')).toBe(2);
    expect(cellRef(2, 1)).toBe('B3');
  });

  it('parses and formats ranges', () => {
    expect(parseRangeRef('A1:D2')).toEqual({ firstRow: 0, firstColumn: 0, lastRow: 1, lastColumn: 3 });
    expect(parseRangeRef('D2:A1')).toEqual({ firstRow: 0, firstColumn: 0, lastRow: 1, lastColumn: 3 });
    expect(parseRangeRef('C5')).toEqual({ firstRow: 4, firstColumn: 2, lastRow: 4, lastColumn: 2 });
    expect(parseRangeRef('nonsense')).toBeNull();
    expect(formatRangeRef({ firstRow: 0, firstColumn: 1, lastRow: 0, lastColumn: 4 })).toBe('B1:E1');
  });
});
