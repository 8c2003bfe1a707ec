import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';

import { combineSplitTimestamp, detectSplitTimeColumns, splitTimestampSqlExpr } from './split-time-columns';

describe('detectSplitTimeColumns', () => {
  it('finds the UCI Beijing layout', () => {
    const header = ['No', 'year', 'month', 'day', 'hour', 'PM2.5', 'station'];
    expect(detectSplitTimeColumns(header)).toEqual({
      year: 1,
      month: 2,
      day: 3,
      hour: 4,
      minute: null,
      second: null,
    });
  });

  it('finds Chinese names and minutes', () => {
    expect(detectSplitTimeColumns(['年', '月', '日', '时', '分', '值'])).toEqual({
      year: 0,
      month: 1,
      day: 2,
      hour: 3,
      minute: 4,
      second: null,
    });
  });

  it('needs year, month and day', () => {
    expect(detectSplitTimeColumns(['year', 'month', 'value'])).toBeNull();
    expect(detectSplitTimeColumns(['日期', '时间'])).toBeNull();
  });
});

const CASES: readonly (readonly [readonly (string | null)[], string | null])[] = [
  [['2013', '3', '1', '0', null], '2013-03-01 00:00:00'],
  [['2013', '3', '1', '23', '30'], '2013-03-01 23:30:00'],
  [['2013.0', '12.0', '31.0', '5.0', null], '2013-12-31 05:00:00'],
  [[' 2016', '2', '29', '1', ''], '2016-02-29 01:00:00'],
  [['2016\u3000', '2 ', '29', ' ', '\t'], '2016-02-29 00:00:00'],
  [['2015', '2', '29', '1', null], null],
  [['2013', '3', '1', '24', null], null],
  [['2013', 'NA', '1', '0', null], null],
  [['2013', '3', '1', '2.5', null], null],
  [['13', '3', '1', '0', null], null],
  [[null, '3', '1', '0', null], null],
];

describe('combineSplitTimestamp', () => {
  it('combines parts and rejects impossible dates', () => {
    for (const [[year, month, day, hour, minute], expected] of CASES) {
      expect(
        combineSplitTimestamp({ year, month, day, hour, minute }),
        String([year, month, day, hour]),
      ).toBe(expected);
    }
    expect(combineSplitTimestamp({ year: 2021, month: 10, day: 7 })).toBe('2021-10-07 00:00:00');
    expect(combineSplitTimestamp({ year: 2021, month: 10, day: 7, hour: 18 })).toBe('2021-10-07 18:00:00');
  });

  it('has a SQL twin that agrees, on text and numeric columns', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      const literal = (v: string | null): string => (v === null ? 'NULL' : `'${v}'`);
      const rows = CASES.map(([parts]) => `(${parts.map(literal).join(', ')})`).join(', ');
      const expr = splitTimestampSqlExpr({ year: 'y', month: 'mo', day: 'd', hour: 'h', minute: 'mi' });
      const reader = await connection.runAndReadAll(
        `SELECT strftime(${expr}, '%Y-%m-%d %H:%M:%S') AS ts FROM (VALUES ${rows}) t(y, mo, d, h, mi)`,
      );
      expect(reader.getRowObjectsJS().map((r) => r.ts ?? null)).toEqual(
        CASES.map(([, expected]) => expected),
      );

      const numeric = await connection.runAndReadAll(
        `SELECT strftime(${splitTimestampSqlExpr({ year: 'y', month: 'mo', day: 'd', hour: 'h' })}, '%Y-%m-%d %H:%M:%S') AS ts
         FROM (VALUES (2013, 3, 1, 7), (2013, 2, 30, 0)) t(y, mo, d, h)`,
      );
      expect(numeric.getRowObjectsJS().map((r) => r.ts ?? null)).toEqual(['2013-03-01 07:00:00', null]);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });
});
