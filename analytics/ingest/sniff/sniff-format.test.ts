import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { hasSharedData, sharedData } from '../../../tests/support/shared-data';
import { writeXlsx, xlsxDate } from '../xlsx/xlsx-writer';
import { encodeGb18030 } from './encode-gb18030';
import { timestampSqlExpr } from './parse-timestamp';
import { type DelimitedSniff, type SniffResult, sniffFile } from './sniff-format';
import { splitTimestampSqlExpr } from './split-time-columns';
import { transcodeToUtf8 } from './transcode';

let dir = '';
let instance: DuckDBInstance;
let connection: DuckDBConnection;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sniff-format-'));
  instance = await DuckDBInstance.create(':memory:');
  connection = await instance.connect();
});
afterAll(async () => {
  connection.closeSync();
  instance.closeSync();
  await rm(dir, { recursive: true, force: true });
});

async function sniffBytes(name: string, bytes: Uint8Array | string): Promise<SniffResult> {
  const file = path.join(dir, name);
  await writeFile(file, bytes);
  return sniffFile(file);
}

function delimited(result: SniffResult): DelimitedSniff {
  expect(result.format).toBe('delimited');
  return result as DelimitedSniff;
}

const sqlString = (s: string): string => `'${s.replaceAll("'", "''")}'`;

/** Reads a UTF-8 file with DuckDB the way the importer will, from the sniff result. */
function readCsvSql(file: string, sniff: DelimitedSniff): string {
  const names = sniff.columns.map((c) => sqlString(c.name)).join(', ');
  return (
    `read_csv(${sqlString(file)}, delim = ${sqlString(sniff.delimiter)}, quote = '"', header = false, ` +
    `skip = ${sniff.dataStartLine}, names = [${names}], all_varchar = true)`
  );
}

async function scalar(sql: string): Promise<unknown> {
  const reader = await connection.runAndReadAll(sql);
  return reader.getRowsJS()[0]?.[0];
}

describe.skipIf(!hasSharedData)('sniffFile on the shared data', () => {
  it('reads the wastewater export: UTF-8, comma, monitorTime header, 4,579 rows', async () => {
    const file = sharedData('wastewater_online_cn', 'kahsolt_water_quality_test.csv');
    const sniff = delimited(await sniffFile(file));
    expect(sniff).toMatchObject({
      encoding: 'utf-8',
      delimiter: ',',
      header: 'single',
      headerLine: 0,
      dataStartLine: 1,
      columnCount: 2,
    });
    expect(sniff.columns.map((c) => c.name)).toEqual(['monitorTime', 'monitorAvgValue']);
    expect(sniff.columns[0]!.type).toEqual({
      kind: 'timestamp',
      format: { kind: 'ymd', dateSeparator: '-', hasOffset: false, hasTime: true, periodRange: false },
    });
    expect(sniff.columns[1]!.type).toEqual({ kind: 'number' });
    expect(sniff.sampleRows[0]).toEqual(['2021-01-02 02:00:00', '1.34']);

    const format = sniff.columns[0]!.type.kind === 'timestamp' ? sniff.columns[0]!.type.format : null;
    const ts = timestampSqlExpr(format!, '"monitorTime"');
    expect(await scalar(`SELECT count(*) FROM ${readCsvSql(file, sniff)}`)).toBe(4579n);
    expect(await scalar(`SELECT count(${ts}) FROM ${readCsvSql(file, sniff)}`)).toBe(4579n);
    expect(
      await scalar(`SELECT strftime(min(${ts}), '%Y-%m-%d %H:%M:%S') FROM ${readCsvSql(file, sniff)}`),
    ).toBe('2021-01-02 02:00:00');
  });

  it('reads Beijing: split year/month/day/hour columns and NA', async () => {
    const file = sharedData('beijing_multisite', 'PRSA_Data_Aotizhongxin_20130301-20170228.csv');
    const sniff = delimited(await sniffFile(file));
    expect(sniff).toMatchObject({ delimiter: ',', header: 'single', dataStartLine: 1, columnCount: 18 });
    expect(sniff.lineEnding).toBe('crlf');
    expect(sniff.columns.slice(0, 6).map((c) => c.name)).toEqual([
      'No',
      'year',
      'month',
      'day',
      'hour',
      'PM2.5',
    ]);
    expect(sniff.splitTime).toEqual({ year: 1, month: 2, day: 3, hour: 4, minute: null, second: null });
    const so2 = sniff.columns.find((c) => c.name === 'SO2')!;
    expect(so2.type.kind).toBe('number');
    expect(so2.missingInSample).toBeGreaterThan(0); // NA in the first rows
    expect(sniff.columns.find((c) => c.name === 'wd')!.type).toEqual({ kind: 'text' });

    const ts = splitTimestampSqlExpr({ year: '"year"', month: '"month"', day: '"day"', hour: '"hour"' });
    const source = readCsvSql(file, sniff);
    expect(await scalar(`SELECT count(*) FROM ${source}`)).toBe(35064n);
    expect(await scalar(`SELECT count(${ts}) FROM ${source}`)).toBe(35064n);
    expect(await scalar(`SELECT strftime(max(${ts}), '%Y-%m-%d %H:%M:%S') FROM ${source}`)).toBe(
      '2017-02-28 23:00:00',
    );
  });

  it('reads the gas-turbine file as header-less with DuckDB column names', async () => {
    const file = sharedData('gas_turbine_co_nox', 'gt_2011.csv');
    const sniff = delimited(await sniffFile(file));
    expect(sniff).toMatchObject({ header: 'none', headerLine: null, dataStartLine: 0, columnCount: 11 });
    expect(sniff.columns.map((c) => c.name)).toEqual(
      Array.from({ length: 11 }, (_, i) => `column${String(i).padStart(2, '0')}`),
    );
    expect(sniff.columns.every((c) => c.type.kind === 'number')).toBe(true);
    expect(await scalar(`SELECT count(*) FROM ${readCsvSql(file, sniff)}`)).toBe(7411n);
  });

  it('reads the household sub-metering export', async () => {
    const file = sharedData('household_submetering', 'household_power_consumption_hourly.csv');
    const sniff = delimited(await sniffFile(file));
    expect(sniff.columns[0]!.name).toBe('datetime');
    expect(sniff.columns[0]!.type.kind).toBe('timestamp');
    expect(await scalar(`SELECT count(*) FROM ${readCsvSql(file, sniff)}`)).toBe(34589n);
  });

  it('recognises HJ 212 receiver logs, including GBK and packets far into the file', async () => {
    const gbk = await sniffFile(
      sharedData('hj212_raw_logs', 'gj0312_GB212ReceiverApp_HJ212_test_messages.txt'),
    );
    expect(gbk).toMatchObject({ format: 'hj212-log', encoding: 'gb18030' });
    const late = await sniffFile(sharedData('hj212_raw_logs', 'sCair_Hj212-Distribute_scada-distribute.log'));
    expect(late.format).toBe('hj212-log');
    const crOnly = await sniffFile(sharedData('hj212_raw_logs', 'tonyxia2016_HJ212Receiver_Release_rx.log'));
    expect(crOnly.format).toBe('hj212-log');
  });
});

describe('sniffFile on generated files', () => {
  it('skips title rows of a GBK export and splits units off the header', async () => {
    const text =
      '某某化工有限公司废气排放口小时数据报表\r\n' +
      '导出时间：2021-10-08 09:00,,,\r\n' +
      '监测时间,二氧化硫实测浓度(mg/m3),氧含量（%）,烟气温度[℃]\r\n' +
      '2021/10/7 18:00,12.5,8.1,85\r\n' +
      '2021/10/7 19:00,NA,8.3,86\r\n' +
      '2021/10/7 20:00,13.1,8.0,85\r\n';
    const file = path.join(dir, 'gbk-report.csv');
    await writeFile(file, encodeGb18030(text));
    const sniff = delimited(await sniffFile(file));
    expect(sniff).toMatchObject({
      encoding: 'gb18030',
      delimiter: ',',
      header: 'single',
      headerLine: 2,
      dataStartLine: 3,
    });
    expect(sniff.columns.map((c) => [c.name, c.unit])).toEqual([
      ['监测时间', null],
      ['二氧化硫实测浓度', 'mg/m3'],
      ['氧含量', '%'],
      ['烟气温度', '℃'],
    ]);
    expect(sniff.columns[0]!.type.kind).toBe('timestamp');
    expect(sniff.sampleRows).toHaveLength(3);

    // The sniff result drives DuckDB on the transcoded file.
    const utf8 = path.join(dir, 'gbk-report.utf8.csv');
    await transcodeToUtf8(file, utf8, { encoding: sniff.encoding });
    expect(await scalar(`SELECT count(*) FROM ${readCsvSql(utf8, sniff)}`)).toBe(3n);
    expect(await scalar(`SELECT max("氧含量") FROM ${readCsvSql(utf8, sniff)}`)).toBe('8.3');
  });

  it('flattens a two-row header exported to tab-separated UTF-16', async () => {
    const text =
      '监测时间\t二氧化硫\t\t\t氮氧化物\t\t\t氧含量(%)\n' +
      '\t实测浓度(mg/m3)\t折算浓度(mg/m3)\t标记\t实测浓度(mg/m3)\t折算浓度(mg/m3)\t标记\t\n' +
      '2021-10-07 18:00:00\t12.5\t15.0\tN\t30.1\t36.2\tN\t8.1\n' +
      '2021-10-07 19:00:00\t12.7\t15.3\tN\t31.0\t37.0\tN\t8.2\n' +
      '2021-10-07 20:00:00\t0\t0\tF\t0\t0\tF\t20.9\n';
    const bytes = Uint8Array.from([0xff, 0xfe, ...Buffer.from(text, 'utf16le')]);
    const sniff = delimited(await sniffBytes('two-row.tsv', bytes));
    expect(sniff).toMatchObject({
      encoding: 'utf-16le',
      delimiter: '\t',
      header: 'two-row',
      headerLine: 0,
      dataStartLine: 2,
    });
    expect(sniff.columns.map((c) => c.label)).toEqual([
      '监测时间',
      '二氧化硫实测浓度(mg/m3)',
      '二氧化硫折算浓度(mg/m3)',
      '二氧化硫标记',
      '氮氧化物实测浓度(mg/m3)',
      '氮氧化物折算浓度(mg/m3)',
      '氮氧化物标记',
      '氧含量(%)',
    ]);
  });

  it('prefers semicolons when commas are decimal marks', async () => {
    const text = 'time;value;flag\n2021-10-07 18:00;1,5;N\n2021-10-07 19:00;2,25;N\n2021-10-07 20:00;3,0;N\n';
    const sniff = delimited(await sniffBytes('semicolon.csv', text));
    expect(sniff.delimiter).toBe(';');
    expect(sniff.columns.map((c) => c.name)).toEqual(['time', 'value', 'flag']);
  });

  it('keeps hour ranges as period starts', async () => {
    const text = '时间,PM2.5\n2026-09-22 18~19,35\n2026-09-22 19~20,40\n2026-09-22 20~21,38\n';
    const sniff = delimited(await sniffBytes('ranges.csv', text));
    expect(sniff.columns[0]!.type).toMatchObject({
      kind: 'timestamp',
      format: { kind: 'ymd', periodRange: true },
    });
  });

  it('recognises XLSX, Parquet, legacy XLS, other ZIPs, empty and binary files', async () => {
    const xlsx = await sniffBytes(
      'book.xlsx',
      writeXlsx([
        {
          name: '排口1',
          rows: [
            ['时间', '值'],
            [xlsxDate('2021-10-07 18:00:00'), 1],
          ],
        },
        { name: '说明', rows: [['x']], hidden: true },
      ]),
    );
    expect(xlsx).toMatchObject({
      format: 'xlsx',
      sheets: [
        { name: '排口1', hidden: false },
        { name: '说明', hidden: true },
      ],
    });

    const parquet = path.join(dir, 'data.parquet');
    await connection.run(`COPY (SELECT 1 AS a) TO ${sqlString(parquet)} (FORMAT parquet)`);
    expect((await sniffFile(parquet)).format).toBe('parquet');

    const ole = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Uint8Array(504)]);
    expect(await sniffBytes('old.xls', ole)).toMatchObject({ format: 'unknown', reason: 'legacy-xls' });
    expect(await sniffBytes('other.zip', zipSync({ 'a.txt': strToU8('hello') }))).toMatchObject({
      format: 'unknown',
      reason: 'zip-not-xlsx',
    });
    expect(await sniffBytes('empty.csv', '')).toMatchObject({ format: 'unknown', reason: 'empty' });
    expect(
      await sniffBytes(
        'blob.bin',
        Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256),
      ),
    ).toMatchObject({ format: 'unknown', reason: 'binary' });
    expect(await sniffBytes('prose.txt', 'just some words\nwithout any columns\n')).toMatchObject({
      format: 'unknown',
      reason: 'no-structure',
    });
  });

  it('finds an HJ 212 packet dump', async () => {
    const log =
      'noise line\n' +
      '##0101QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&1C80\r\n';
    expect(await sniffBytes('packets.log', log)).toMatchObject({ format: 'hj212-log', encoding: 'utf-8' });
  });
});
