import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../tests/support/temp-dir';
import { closeCase, createCase } from '../engine/case-file';
import { Database } from '../engine/database';
import { importFiles } from './import-files';
import { encodeGb18030 } from './sniff/encode-gb18030';
import { writeXlsx, xlsxDate } from './xlsx/xlsx-writer';

const ctx = { appVersion: '0.0.0-test', actor: 'tester' };
const opts = { jobId: 'job', actor: 'tester' };
const tempDir = useTempDirs();

const CHINESE_WIDE = [
  '监测点编号,监测时间,二氧化硫实测浓度(mg/m3),二氧化硫折算浓度(mg/m3),二氧化硫标记,氧含量(%)',
  'P1,2025/10/1 0:00,10.5,12.1,N,8.5',
  'P1,2025/10/1 1:00,11,13,N,8.6',
  'P1,2025/10/1 2:00,坏值,13,N,8.6',
  'P1,2025/10/1 3:00,12,14,N,8.7',
].join('\r\n');

async function importOne(name: string, bytes: Uint8Array | string) {
  const dir = tempDir();
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  const c = await createCase(path.join(dir, 'c.duckdb'), ctx);
  const report = await importFiles(c.db, [file], opts);
  return { c, report: report.files[0]! };
}

describe('encodings and containers', () => {
  it('GB18030 CSV with Chinese headers: transcoded, mapped, bad cell quarantined with its line', async () => {
    const { c, report } = await importOne('gb.csv', encodeGb18030(CHINESE_WIDE));
    expect(report).toMatchObject({
      status: 'imported',
      encoding: 'gb18030',
      format: 'monitoring-wide',
      rowsRead: 4,
    });
    expect(report.rowsLoaded).toBe(11); // 4 rows x 3 values, minus the bad cell
    expect(report.rejectedSample).toEqual([
      { row: 4, reason: 'value is not a number in column 二氧化硫实测浓度(mg/m3): 坏值' },
    ]);
    const [q] = await c.db.all<{ raw: string }>('SELECT raw FROM quarantine');
    expect(q!.raw).toContain('坏值');
    const ts = await c.db.all<{ t: string }>('SELECT DISTINCT ts::VARCHAR AS t FROM readings ORDER BY 1');
    expect(ts.map((r) => r.t)).toEqual([
      '2025-10-01 00:00:00',
      '2025-10-01 01:00:00',
      '2025-10-01 02:00:00',
      '2025-10-01 03:00:00',
    ]);
    await closeCase(c);
  });

  it('UTF-16 LE with BOM', async () => {
    const text = '\uFEFF' + CHINESE_WIDE;
    const { c, report } = await importOne('u16.csv', new Uint8Array(Buffer.from(text, 'utf16le')));
    expect(report).toMatchObject({
      status: 'imported',
      encoding: 'utf-16le',
      rowsLoaded: 11,
      rowsRejected: 1,
    });
    await closeCase(c);
  });

  it('UTF-8 with BOM, semicolon delimiter', async () => {
    const { c, report } = await importOne('bom.csv', '\uFEFF' + CHINESE_WIDE.replaceAll(',', ';'));
    expect(report).toMatchObject({ status: 'imported', rowsLoaded: 11, rowsRejected: 1 });
    await closeCase(c);
  });

  it('XLSX with a two-row merged header and real date cells; rows keep their Excel row numbers', async () => {
    const rows = [
      ['某企业在线监测小时数据'], // a title row above the header
      ['监测点编号', '监测时间', '二氧化硫', null, null, '氮氧化物', null, '氧含量(%)'],
      [null, null, '实测浓度(mg/m3)', '折算浓度(mg/m3)', '标记', '实测浓度(mg/m3)', '折算浓度(mg/m3)', null],
      ['X1', xlsxDate('2025-10-01 00:00:00'), 10, 12, 'N', 30, 36, 8.1],
      ['X1', xlsxDate('2025-10-01 01:00:00'), 11, 13, 'N', 31, 37, 8.2],
      ['X1', 'not a time', 11, 13, 'N', 31, 37, 8.2],
      ['X1', xlsxDate('2025-10-01 02:00:00'), 12, 14, 'C', 32, 38, 8.3],
    ];
    const bytes = writeXlsx([
      { name: 'X1', rows, merges: ['A1:H1', 'A2:A3', 'B2:B3', 'C2:E2', 'F2:G2', 'H2:H3'] },
    ]);
    const { c, report } = await importOne('two-row.xlsx', bytes);
    expect(report).toMatchObject({
      status: 'imported',
      format: 'monitoring-wide',
      encoding: 'xlsx',
      rowsRead: 4,
      rowsRejected: 1,
    });
    expect(report.rowsLoaded).toBe(15); // 3 good rows x 5 values
    expect(report.rejectedSample).toEqual([{ row: 6, reason: 'unrecognised time: not a time' }]);
    const keys = await c.db.all<{ k: string }>("SELECT code || ':' || stat AS k FROM series ORDER BY 1");
    expect(keys.map((k) => k.k)).toEqual([
      'a19001:avg',
      'a21002:avg',
      'a21002:zs_avg',
      'a21026:avg',
      'a21026:zs_avg',
    ]);
    const flags = await c.db.all<{ f: string }>(
      "SELECT r.flag AS f FROM readings r JOIN series s USING (series_id) WHERE s.code = 'a21026' AND s.stat = 'avg' ORDER BY ts",
    );
    expect(flags.map((f) => f.f)).toEqual(['N', 'N', 'C']);
    const lines = await c.db.all<{ l: number }>('SELECT DISTINCT source_row AS l FROM readings ORDER BY 1');
    expect(lines.map((l) => l.l)).toEqual([4, 5, 7]);
    await closeCase(c);
  });

  it('Parquet (long export): rows keep their 1-based row number, a bad row is quarantined', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'long.parquet');
    const gen = await Database.open(':memory:');
    await gen.run(`COPY (SELECT * FROM (VALUES
        ('P1', 'a21026', TIMESTAMP '2025-10-01 00:00:00', 1.5, 'N'),
        ('P1', 'a21026', NULL, 1.6, 'N'),
        ('P1', 'a21026', TIMESTAMP '2025-10-01 02:00:00', 1.7, 'N')) t(outlet_id, code, time, value, flag))
      TO '${file}' (FORMAT parquet)`);
    gen.close();
    const c = await createCase(path.join(dir, 'c.duckdb'), ctx);
    const report = (await importFiles(c.db, [file], opts)).files[0]!;
    expect(report).toMatchObject({
      status: 'imported',
      format: 'monitoring-long',
      rowsRead: 3,
      rowsLoaded: 2,
    });
    expect(await c.db.all('SELECT value, source_row FROM readings ORDER BY ts')).toEqual([
      { value: 1.5, source_row: 1 },
      { value: 1.7, source_row: 3 },
    ]);
    expect(await c.db.all('SELECT source_row, reason FROM quarantine')).toEqual([
      { source_row: 2, reason: 'missing time' },
    ]);
    await closeCase(c);
  });

  it('says clearly why a legacy .xls or an empty file cannot be imported', async () => {
    const ole2 = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(600).fill(0)]);
    const { c, report } = await importOne('old.xls', ole2);
    expect(report.status).toBe('failed');
    expect(report.error).toMatch(/legacy \.xls.*save it as \.xlsx/);
    await closeCase(c);
  });
});
