import { describe, expect, it } from 'vitest';

import { guessColumnType, isTimeLikeHeader } from './guess-column-type';

describe('guessColumnType', () => {
  it('tells numbers, integers, booleans, text and empty columns apart', () => {
    expect(guessColumnType(['1', '2', 'NA', '-3'])).toEqual({ kind: 'integer' });
    expect(guessColumnType(['1.5', '2', '', '-0.3', '1e-3'])).toEqual({ kind: 'number' });
    expect(guessColumnType(['0.25', '0.5'])).toEqual({ kind: 'number' });
    expect(guessColumnType(['是', '否'])).toEqual({ kind: 'boolean' });
    expect(guessColumnType(['N', 'D', 'N'])).toEqual({ kind: 'text' });
    expect(guessColumnType(['001', '002'])).toEqual({ kind: 'text' }); // codes keep leading zeros
    expect(guessColumnType(['NA', '', '--'])).toEqual({ kind: 'empty' });
  });

  it('finds timestamps; serial dates and 8-digit dates only under a time-like header', () => {
    expect(guessColumnType(['2021-10-07 18:00:00', '2021-10-07 19:00:00']).kind).toBe('timestamp');
    expect(guessColumnType(['44476.75', '44476.7916666667'])).toEqual({ kind: 'number' });
    expect(guessColumnType(['44476.75', '44476.7916666667'], { headerName: '监测时间' })).toEqual({
      kind: 'timestamp',
      format: { kind: 'excel-serial', date1904: false },
    });
    expect(guessColumnType(['20211007', '20211008'])).toEqual({ kind: 'integer' });
    expect(guessColumnType(['20211007', '20211008'], { headerName: 'date' }).kind).toBe('timestamp');
  });

  it('knows time-like headers', () => {
    for (const h of ['monitorTime', '监测时间', 'datetime', '日期', 'DataTime'])
      expect(isTimeLikeHeader(h)).toBe(true);
    for (const h of ['value', '二氧化硫', 'year']) expect(isTimeLikeHeader(h)).toBe(false);
  });
});
