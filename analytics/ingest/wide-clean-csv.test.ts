import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../tests/support/temp-dir';
import { Database } from '../engine/database';
import { stageDelimited } from './csv-stage';
import { detectDelimitedFormat } from './formats/detect-format';
import { parseWideRows } from './monitoring-wide';
import { sniffFile } from './sniff/sniff-format';
import { delimitedLayout } from './stage-source';
import { readCleanWideCsv } from './wide-clean-csv';

const tempDir = useTempDirs();
const HEADER = 'mn,time,a21026-avg,a21026-zsavg,a21026-flag,a19001-avg,a00000-avg';
/** Cells the text path reads without a quarantine entry, in the spellings exports use. */
const CLEAN = [
  'MN1,2025-10-01 00:00:00,10.5,12.1,N,17.2,80000',
  'MN2,2025-10-01 00:00:00, 2 ,,-,,1e3',
  'MN1,2025-10-01 01:00:00,+4,.5,na,"7",',
  'MN2,2025-10-01 01:00:00,5.,"",,,inf',
  ' MN1 ,2025-10-01 02:00:00,-0,, d ,1_000,00012',
];

/** The typed rows `imp_wide` of one file, by the text path (stage + parse) or the clean path. */
async function typedRows(lines: string[], via: 'text' | 'clean') {
  const file = path.join(tempDir(), 'w.csv');
  writeFileSync(file, [HEADER, ...lines].join('\n') + '\n');
  const sniff = await sniffFile(file);
  if (sniff.format !== 'delimited') throw new Error(`sniffed as ${sniff.format}`);
  const { layout, source } = delimitedLayout(sniff, file);
  const { format } = detectDelimitedFormat(layout.headers);
  if (format?.kind !== 'monitoring-wide') throw new Error('not detected as a wide export');
  const db = await Database.open(path.join(tempDir(), 'x.duckdb'));
  try {
    if (via === 'text') {
      await stageDelimited(db, source);
      await parseWideRows(db, layout, format.wide);
    } else if ((await readCleanWideCsv(db, source, layout, format.wide)) === null) {
      const [left] = await db.all<{ n: number }>(
        `SELECT count(*) AS n FROM duckdb_tables() WHERE table_name LIKE 'imp_%'`,
      );
      return { clean: false, leftBehind: left?.n };
    }
    return { clean: true, rows: await db.all('SELECT * FROM imp_wide ORDER BY line') };
  } finally {
    db.close();
  }
}

describe('clean wide CSV read typed', () => {
  it('gives exactly the typed rows of the text path', async () => {
    const text = await typedRows(CLEAN, 'text');
    const clean = await typedRows(CLEAN, 'clean');
    expect(clean.clean).toBe(true);
    expect(clean.rows).toEqual(text.rows);
    expect(clean.rows).toHaveLength(5);
    // Blanks are NULL, numbers in any spelling read, flags keep what is written ('-' too).
    expect(clean.rows?.[1]).toMatchObject({
      line: 3,
      key: 'MN2',
      v0: 2,
      v1: null,
      fl0: '-',
      v2: null,
      v3: 1000,
    });
    expect(clean.rows?.[4]).toMatchObject({
      line: 6,
      key: 'MN1',
      v0: -0,
      v1: null,
      fl0: 'D',
      v2: 1000,
      v3: 12,
    });
  });

  it.each([
    ['a value that is not a number', 'MN1,2025-10-01 03:00:00,x7,1,N,1,1'],
    ['a thousands separator', 'MN1,2025-10-01 03:00:00,"1,234",1,N,1,1'],
    ['a missing-value token', 'MN1,2025-10-01 03:00:00,NA,1,N,1,1'],
    ['a dash for missing', 'MN1,2025-10-01 03:00:00,1,-,N,1,1'],
    ['a blank cell of spaces', 'MN1,2025-10-01 03:00:00,1,1,N, ,1'],
    ['NaN', 'MN1,2025-10-01 03:00:00,NaN,1,N,1,1'],
    ['no MN', ',2025-10-01 03:00:00,1,1,N,1,1'],
    ['an unreadable time', 'MN1,yesterday,1,1,N,1,1'],
    ['too many fields', 'MN1,2025-10-01 03:00:00,1,1,N,1,1,extra'],
    ['a short row without a time', 'MN1'],
    ['an unterminated quote', 'MN1,2025-10-01 03:00:00,"1,1,N,1,1'],
  ])('leaves a file with %s to the text path, with nothing left behind', async (_, bad) => {
    expect(await typedRows([...CLEAN.slice(0, 2), bad, ...CLEAN.slice(2)], 'clean')).toEqual({
      clean: false,
      leftBehind: 0,
    });
  });
});
