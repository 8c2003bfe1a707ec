import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';

import {
  detectTimestampFormat,
  parseTimestamp,
  timestampSqlExpr,
  type TimestampFormat,
} from './parse-timestamp';

const ymd = (overrides: Partial<Extract<TimestampFormat, { kind: 'ymd' }>> = {}): TimestampFormat => ({
  kind: 'ymd',
  dateSeparator: '-',
  hasOffset: false,
  hasTime: true,
  periodRange: false,
  ...overrides,
});

/** [input, expected] per format, detected from the inputs of the group. */
const CASES: readonly (readonly [string, readonly (readonly [string, string | null])[]])[] = [
  [
    'ymd dash',
    [
      ['2021-10-07 18:00:00', '2021-10-07 18:00:00'],
      ['2021-10-07 18:00', '2021-10-07 18:00:00'],
      ['2021-10-07', '2021-10-07 00:00:00'],
      ['2021-10-07T18:05:09', '2021-10-07 18:05:09'],
      ['2021-10-07 18:00:00.750', '2021-10-07 18:00:00'],
      ['2021-10-07T18:00:00.0000000', '2021-10-07 18:00:00'],
      ['  2021-10-07 18:00:00\u3000', '2021-10-07 18:00:00'],
      ['2026-09-22 18~19', '2026-09-22 18:00:00'],
      ['2026-09-22 18:00~19:00', '2026-09-22 18:00:00'],
      ['2026-09-22 23:00～24:00', '2026-09-22 23:00:00'],
      ['2024-02-29 01:02:03', '2024-02-29 01:02:03'],
    ],
  ],
  [
    'ymd slash',
    [
      ['2021/10/7 18:00', '2021-10-07 18:00:00'],
      ['2021/10/07 18:00:00', '2021-10-07 18:00:00'],
      ['2021/1/2 3:04', '2021-01-02 03:04:00'],
      ['2021/10/7', '2021-10-07 00:00:00'],
    ],
  ],
  [
    'ymd with offset',
    [
      ['2021-10-07T18:00:00+08:00', '2021-10-07 18:00:00'],
      ['2021-10-07T10:00:00Z', '2021-10-07 18:00:00'],
      ['2021-10-07T20:00:00Z', '2021-10-08 04:00:00'],
      ['2021-10-07T18:00:00+0530', '2021-10-07 20:30:00'],
      ['2021-10-07 01:00:00 -05:00', '2021-10-07 14:00:00'],
      ['2021-10-07T18:00:00+09', '2021-10-07 17:00:00'],
      ['2021-10-07 18:00:00', '2021-10-07 18:00:00'],
    ],
  ],
  [
    'chinese',
    [
      ['2021年10月7日 18时', '2021-10-07 18:00:00'],
      ['2021年10月7日18时30分', '2021-10-07 18:30:00'],
      ['2021年10月07日 18:30', '2021-10-07 18:30:00'],
      ['2021年10月7日 18时30分15秒', '2021-10-07 18:30:15'],
      ['2021年10月7日', '2021-10-07 00:00:00'],
      ['2021年10月7日 18时~19时', '2021-10-07 18:00:00'],
    ],
  ],
  [
    'compact',
    [
      ['20211007180000', '2021-10-07 18:00:00'],
      ['202110071800', '2021-10-07 18:00:00'],
      ['2021100718', '2021-10-07 18:00:00'],
      ['20160801085857223', '2016-08-01 08:58:57'],
    ],
  ],
];

describe('parseTimestamp', () => {
  for (const [name, cases] of CASES) {
    it(`parses ${name}`, () => {
      const format = detectTimestampFormat(cases.map(([input]) => input));
      expect(format).not.toBeNull();
      for (const [input, expected] of cases) expect(parseTimestamp(input, format!), input).toBe(expected);
    });
  }

  it('detects the format details', () => {
    expect(detectTimestampFormat(['2021-10-07 18:00:00', 'NA', ''])).toEqual(ymd());
    expect(detectTimestampFormat(['2021/10/7 18:00'])).toEqual(ymd({ dateSeparator: '/' }));
    expect(detectTimestampFormat(['2021-10-07'])).toEqual(ymd({ hasTime: false }));
    expect(detectTimestampFormat(['2026-09-22 18~19'])).toEqual(ymd({ periodRange: true }));
    expect(detectTimestampFormat(['2021-10-07T10:00:00Z'])).toEqual(ymd({ hasOffset: true }));
    expect(detectTimestampFormat(['20211007180000', '20211007190000'])).toEqual({
      kind: 'compact',
      digits: 14,
    });
    expect(detectTimestampFormat(['2021年10月7日 18时'])).toEqual({
      kind: 'chinese',
      hasTime: true,
      periodRange: false,
    });
  });

  it('reads Excel serial dates (1900 system, Lotus leap-year bug included)', () => {
    const format = detectTimestampFormat(['44476.75', '44476.7916666667']);
    expect(format).toEqual({ kind: 'excel-serial', date1904: false });
    const serial = { kind: 'excel-serial', date1904: false } as const;
    expect(parseTimestamp('44476.75', serial)).toBe('2021-10-07 18:00:00');
    expect(parseTimestamp('44476.7916666667', serial)).toBe('2021-10-07 19:00:00');
    expect(parseTimestamp('44476.74999999', serial)).toBe('2021-10-07 18:00:00');
    expect(parseTimestamp('44476', serial)).toBe('2021-10-07 00:00:00');
    expect(parseTimestamp('1', serial)).toBe('1900-01-01 00:00:00');
    expect(parseTimestamp('59', serial)).toBe('1900-02-28 00:00:00');
    expect(parseTimestamp('60', serial)).toBeNull(); // Excel's fictitious 1900-02-29
    expect(parseTimestamp('61', serial)).toBe('1900-03-01 00:00:00');
    expect(parseTimestamp('0.75', serial)).toBeNull();
    expect(parseTimestamp('1461', { kind: 'excel-serial', date1904: true })).toBe('1908-01-01 00:00:00');
    expect(parseTimestamp('0.5', { kind: 'excel-serial', date1904: true })).toBe('1904-01-01 12:00:00');
  });

  it('refuses numbers as serial dates unless allowed, in range and ordered', () => {
    expect(detectTimestampFormat(['44476.75'], { allowExcelSerial: false })).toBeNull();
    expect(detectTimestampFormat(['44476.75', '44470.5'])).toBeNull();
    expect(detectTimestampFormat(['1.34', '2.5'])).toBeNull();
    expect(detectTimestampFormat(['2013', '2014'])).toBeNull();
  });

  it('returns null for invalid values', () => {
    const format = ymd();
    for (const bad of [
      '2021-02-29 00:00:00',
      '2021-13-01 00:00:00',
      '2021-10-32',
      '2021-10-07 24:00:00',
      '2021-10-07 18:60:00',
      '2021-10-07 18:00:60',
      '21-10-07 18:00:00',
      '2021-10-07 18:00:00abc',
      '2021/10/07 18:00:00',
      '2021-10-07T18:00:00+08:00', // offset not in this column's format
      'NA',
      '',
      'yesterday',
    ]) {
      expect(parseTimestamp(bad, format), bad).toBeNull();
    }
    expect(parseTimestamp('20211307180000', { kind: 'compact', digits: 14 })).toBeNull();
    expect(parseTimestamp('2021100718000', { kind: 'compact', digits: 14 })).toBeNull();
    expect(
      parseTimestamp('2021年2月30日', { kind: 'chinese', hasTime: false, periodRange: false }),
    ).toBeNull();
  });

  it('detects nothing in non-time columns', () => {
    expect(detectTimestampFormat(['NA', '-', ''])).toBeNull();
    expect(detectTimestampFormat(['N', 'D', 'M'])).toBeNull();
    expect(detectTimestampFormat(['88888880000001'])).toBeNull(); // an MN, not a compact timestamp
    expect(detectTimestampFormat(['2021-10-07 18:00:00', 'x', 'y'])).toBeNull();
  });
});

describe('timestampSqlExpr', () => {
  const formats: readonly TimestampFormat[] = [
    ymd(),
    ymd({ dateSeparator: '/' }),
    ymd({ dateSeparator: '.' }),
    ymd({ hasOffset: true }),
    { kind: 'chinese', hasTime: true, periodRange: false },
    { kind: 'compact', digits: 14 },
    { kind: 'excel-serial', date1904: false },
    { kind: 'excel-serial', date1904: true },
  ];
  const inputs = [
    ...CASES.flatMap(([, cases]) => cases.map(([input]) => input)),
    '2021-02-29 00:00:00',
    '2021-10-07 24:00:00',
    '2021-10-07 18:00:60',
    '21-10-07 18:00:00',
    '2021.10.07 18:00',
    '2021/13/07',
    '2021年2月30日',
    '20211307180000',
    '44476.75',
    '44476.7916666667',
    '1',
    '59',
    '60',
    '61',
    '0.75',
    '0',
    '99999999999999999999',
    '\t44476.75 ',
    '2021-10-07 18:00:00 ',
    '2021-10-07\u300018:00:00',
    'NA',
    '',
    '   ',
    'null',
  ];

  it('agrees with parseTimestamp on every sample', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      await connection.run('CREATE TABLE samples (id INTEGER, v VARCHAR)');
      const appender = await connection.createAppender('samples');
      inputs.forEach((input, id) => {
        appender.appendInteger(id);
        appender.appendVarchar(input);
        appender.endRow();
      });
      appender.closeSync();
      for (const format of formats) {
        const expr = timestampSqlExpr(format, '"v"');
        expect(expr).not.toBeNull();
        const reader = await connection.runAndReadAll(
          `SELECT id, strftime(${expr}, '%Y-%m-%d %H:%M:%S') AS ts FROM samples ORDER BY id`,
        );
        const sqlValues = reader.getRowObjectsJS().map((row) => row.ts ?? null);
        const jsValues = inputs.map((input) => parseTimestamp(input, format));
        expect(sqlValues, JSON.stringify(format)).toEqual(jsValues);
      }
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });

  it('handles a NULL column value', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      const reader = await connection.runAndReadAll(`SELECT ${timestampSqlExpr(ymd(), 'NULL')} AS ts`);
      expect(reader.getRowObjectsJS()[0]!.ts).toBeNull();
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });
});
