import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';

import { isMissingToken, missingTokenSqlPredicate } from './missing-values';

const MISSING = ['', '  ', 'NA', 'na', ' N/A ', '#N/A', '-', '--', 'null', 'NULL', 'NaN', 'nan', '\u3000'];
const PRESENT = ['0', '1.34', 'N', 'D', 'None?', '---x', 'NAN1', '2021-10-07', '-1', '          x'];

describe('isMissingToken', () => {
  it('recognises the missing-value tokens', () => {
    for (const token of MISSING) expect(isMissingToken(token), JSON.stringify(token)).toBe(true);
    expect(isMissingToken(null)).toBe(true);
    expect(isMissingToken(undefined)).toBe(true);
    expect(isMissingToken('            ')).toBe(true);
  });

  it('keeps real values', () => {
    for (const value of PRESENT) expect(isMissingToken(value), value).toBe(false);
  });

  it('has a SQL twin that agrees', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      const all = [...MISSING, ...PRESENT];
      const values = all.map((v) => `('${v.replaceAll("'", "''")}')`).join(', ');
      const reader = await connection.runAndReadAll(
        `SELECT ${missingTokenSqlPredicate('v')} AS missing FROM (VALUES ${values}) t(v)`,
      );
      expect(reader.getRowObjectsJS().map((r) => r.missing)).toEqual(all.map((v) => isMissingToken(v)));
      const nullRow = await connection.runAndReadAll(`SELECT ${missingTokenSqlPredicate('NULL')} AS missing`);
      expect(nullRow.getRowObjectsJS()[0]!.missing).toBe(true);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });
});
