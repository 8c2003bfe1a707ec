import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasSharedData, sharedData } from '../../tests/support/shared-data';
import { useTempDirs } from '../../tests/support/temp-dir';
import { closeCase, createCase } from '../engine/case-file';
import { connectionRunner, type SqlRunner } from '../engine/database';
import { ImportMapping } from '../api/import-mapping';
import { formatPacket } from './hj212/format-packet';
import { readHj212Log } from './hj212/log-reader';
import { packetRecords } from './hj212/packet-records';
import {
  commitHj212Readings,
  hj212ParsedRowsSql,
  packetProblem,
  parseHj212Log,
  type Hj212LoadResult,
} from './hj212-import';
import { commitMonitoringRows, PARSED_TABLE_SQL } from './monitoring-rows';
import { importFiles } from './import-files';

const tempDir = useTempDirs();
const ctx = { appVersion: '0.0.0-test', actor: 'tester' };

describe.skipIf(!hasSharedData)('HJ 212 receiver logs import with their noise counted', () => {
  const dir = sharedData('hj212_raw_logs');
  const logs = hasSharedData ? readdirSync(dir).filter((f) => f !== 'SOURCE.txt') : [];

  it('imports every raw log, counting packets, CRC verdicts and noise', async () => {
    const c = await createCase(path.join(tempDir(), 'c.duckdb'), ctx);
    const report = await importFiles(
      c.db,
      logs.map((f) => path.join(dir, f)),
      { jobId: 'j', actor: 'tester' },
    );
    const byName = Object.fromEntries(report.files.map((f) => [path.basename(f.file), f]));
    for (const f of report.files) {
      expect(f.status, `${f.file}: ${f.error ?? ''}`).toBe('imported');
      expect(f.format).toBe('hj212-log');
      expect(f.rowsLoaded + f.rowsRejected + f.duplicates).toBe(f.rowsRead);
      expect(Object.values(f.noise ?? {}).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    }
    // SOURCE.txt: 86 real CN=2011 packets from air station LB4200001 in the GBK test-message file,
    // all with valid CRCs, behind HTTP scanner noise.
    const gj = byName['gj0312_GB212ReceiverApp_HJ212_test_messages.txt']!;
    expect(gj).toMatchObject({ packets: 86, crc: { valid: 86, mismatch: 0, variant: 0 } });
    expect(gj.noise?.['http']).toBeGreaterThan(0);
    expect(gj.unknownMns).toEqual(['LB4200001']);
    // 3 distinct packets with a Modbus CRC printed low byte first: imported, reported as a variant.
    const tony = byName['tonyxia2016_HJ212Receiver_Debug_rx.log']!;
    expect(tony.crc?.variant).toBeGreaterThan(0);
    expect(tony.warnings.join(' ')).toMatch(/vendor CRC variant/);
    // one packet repeated 598 times: duplicates counted, not stored twice
    const sc = byName['sCair_Hj212-Distribute_scada-distribute.log']!;
    expect(sc.duplicates).toBeGreaterThan(0);
    const [n] = await c.db.all<{ n: number }>(
      "SELECT count(*) AS n FROM readings r JOIN series s USING (series_id) WHERE s.outlet_id = 'LB4200001'",
    );
    expect(n!.n).toBeGreaterThan(86);
    // The skylakezf server logs minute, hourly and daily data (CN 2051, 2061, 2031) of the same
    // codes: three series each, never one series with hourly values among the minute values.
    const sky = byName['skylakezf_HJ212_Server_server.log']!;
    const intervals = await c.db.all<{ interval: string; packets: number }>(
      `SELECT s.interval, count(DISTINCT r.source_row) AS packets FROM readings r JOIN series s USING (series_id)
       WHERE r.source_file_id = (SELECT file_id FROM source_files WHERE sha256 = $h) AND s.stat = 'avg'
       GROUP BY 1 ORDER BY 1`,
      { h: sky.sha256 },
    );
    expect(intervals.map((r) => r.interval)).toEqual(['day', 'hour', 'min']);
    expect(intervals.find((r) => r.interval === 'hour')!.packets).toBeGreaterThan(0);
    await closeCase(c);
  });
});

/** The rows `imp_parsed` must get, from the reference flattening (`packetRecords`, one object per reading). */
async function expectedParsedRows(file: string): Promise<string[]> {
  const rows: string[] = [];
  const reader = readHj212Log(file);
  for (let next = await reader.next(); next.done !== true; next = await reader.next()) {
    const item = next.value;
    const { packet } = item;
    const mn = packet.mn ?? '';
    const problem = packetProblem(item);
    for (const r of packetRecords(packet).readings) {
      rows.push(
        JSON.stringify([
          item.line,
          mn,
          r.code,
          r.stat,
          r.dataTime,
          r.value,
          r.flag,
          problem ?? (r.value === null ? 'value is empty or not a number' : null),
          problem === null ? null : packet.text.slice(0, 4000),
          r.interval,
        ]),
      );
    }
  }
  return rows.sort();
}

describe.skipIf(!hasSharedData)('HJ 212 import staging on the real logs', () => {
  const dir = sharedData('hj212_raw_logs');
  const files = hasSharedData
    ? [
        ...readdirSync(dir)
          .filter((f) => f !== 'SOURCE.txt')
          .map((f) => path.join(dir, f)),
        sharedData('hj212_packets', 'hj212_samples.txt'),
      ]
    : [];

  it('holds exactly the readings packetRecords gives, for every packet of every log', async () => {
    const c = await createCase(path.join(tempDir(), 'c.duckdb'), ctx);
    const connection = await c.db.connect();
    const tx = connectionRunner(connection);
    try {
      let total = 0;
      for (const file of files) {
        await parseHj212Log(tx, connection, file, {});
        const got = await tx.all<{ row: string }>(
          `SELECT to_json([line::VARCHAR, outlet_id, code, stat, strftime(ts, '%Y-%m-%d %H:%M:%S'), value::VARCHAR,
                   flag, reason, raw, interval])::VARCHAR AS row FROM (${hj212ParsedRowsSql()})`,
        );
        const expected = (await expectedParsedRows(file)).map((r) => {
          // The SQL side prints numbers as text; compare the same way.
          const a = JSON.parse(r) as unknown[];
          a[0] = String(a[0]);
          a[5] = a[5] === null ? null : String(a[5]);
          return JSON.stringify(a);
        });
        const actual = got
          .map((g) => {
            const a = JSON.parse(g.row) as unknown[];
            a[5] = a[5] === null ? null : String(Number(a[5]));
            return JSON.stringify(a);
          })
          .sort();
        expect(actual.length, path.basename(file)).toBe(expected.length);
        expect(actual, path.basename(file)).toEqual(expected.sort());
        total += actual.length;
      }
      expect(total).toBeGreaterThan(10_000);
    } finally {
      connection.closeSync();
      await closeCase(c);
    }
  });

  /** A log whose readings partly go to quarantine: packets without MN or DataTime, empty and bad values. */
  const problemLog = (): string => {
    const file = path.join(tempDir(), 'problems.log');
    const packet = (mn: string, time: string, cp: string) =>
      formatPacket(`QN=20240101010000000;ST=31;CN=2061;PW=123456;${mn};Flag=4;CP=&&${time};${cp}&&`);
    writeFileSync(
      file,
      [
        packet(
          'MN=MN0001',
          'DataTime=20240101010000',
          'a21026-Avg=12.5,a21026-Flag=N;a21002-Avg=,a21002-Flag=N',
        ),
        packet(
          'MN=MN0001',
          'DataTime=20240101020000',
          'a21026-Avg=abc,a21026-Flag=N;a21002-Avg=7,a21002-Flag=D',
        ),
        packet('MN=', 'DataTime=20240101030000', 'a21026-Avg=13,a21026-Flag=N'),
        packet('MN=MN0001', 'DataTime=2024010199', 'a21026-Avg=14,a21026-Flag=N'),
        packet('MN=MN0002', 'DataTime=20240101040000', 'a21026-Avg=,a21026-Flag=N'),
        packet('MN=MN0001', 'DataTime=20240101050000', 'a21026-Avg=15.25,a21026-Flag=N'),
      ].join(''),
    );
    return file;
  };

  it('commits by integer ids exactly what the shared long-format commit stores from those rows', async () => {
    const stored = async (
      commit: (tx: SqlRunner, parsed: Hj212LoadResult) => Promise<unknown>,
      file: string,
    ) => {
      const c = await createCase(path.join(tempDir(), 'c.duckdb'), ctx);
      const connection = await c.db.connect();
      const tx = connectionRunner(connection);
      try {
        const parsed = await parseHj212Log(tx, connection, file, {});
        const counts = await commit(tx, parsed);
        const readings = await tx.all(
          `SELECT s.outlet_id, s.code, s.stat, s.interval, r.ts::VARCHAR AS ts, r.value, r.flag, r.source_row
           FROM readings r JOIN series s USING (series_id) ORDER BY ALL`,
        );
        const quarantine = await tx.all('SELECT source_row, reason, raw FROM quarantine ORDER BY ALL');
        return { counts, readings, quarantine };
      } finally {
        connection.closeSync();
        await closeCase(c);
      }
    };
    let readings = 0;
    let rejected = 0;
    for (const file of [...files, problemLog()]) {
      const byIds = await stored((tx, parsed) => commitHj212Readings(tx, 1, parsed.staged), file);
      const generic = await stored(async (tx) => {
        await tx.run(PARSED_TABLE_SQL);
        await tx.run(`INSERT INTO imp_parsed ${hj212ParsedRowsSql()}`);
        return commitMonitoringRows(tx, 1);
      }, file);
      expect(byIds, path.basename(file)).toEqual(generic);
      readings += byIds.readings.length;
      rejected += byIds.quarantine.length;
    }
    expect(readings).toBeGreaterThan(10_000);
    expect(rejected).toBeGreaterThanOrEqual(6);
  });
});

describe('a mapping sent with an HJ 212 log', () => {
  it('is reported as not used, and the log is read by the protocol', async () => {
    const dir = tempDir();
    const log = path.join(dir, 'receiver.log');
    writeFileSync(
      log,
      formatPacket(
        'QN=20240101010000000;ST=31;CN=2061;PW=123456;MN=MN0001;Flag=4;CP=&&DataTime=20240101010000;a21026-Avg=12.5,a21026-Flag=N&&',
      ),
    );
    const c = await createCase(path.join(dir, 'c.duckdb'), ctx);
    const mapping = ImportMapping.parse({
      target: 'monitoring-long',
      outlet: { constant: 'X' },
      code: { constant: 'a21026' },
      time: { column: 'time' },
      value: { column: 'value' },
    });
    const report = await importFiles(c.db, [log], {
      jobId: 'j',
      actor: 'tester',
      mappings: new Map([[log, { mapping }]]),
    });
    expect(report.files[0]).toMatchObject({
      status: 'imported',
      format: 'hj212-log',
      rowsLoaded: 1,
      packets: 1,
    });
    expect(report.files[0]?.warnings).toContain(
      'A column mapping was given for this file, but HJ 212 logs are read by the protocol: it was not used.',
    );
    await closeCase(c);
  });
});

describe('a code repeated inside one packet', () => {
  it('keeps the first value of the packet, whatever the staging tables the values went to', async () => {
    const dir = tempDir();
    const log = path.join(dir, 'repeat.log');
    const head = 'ST=31;CN=2061;PW=123456;MN=MN0007;Flag=4;CP=&&';
    // 1.2345 has more decimals than the packed staging column holds (kept as DOUBLE), 2.5 does not
    writeFileSync(
      log,
      [
        formatPacket(
          `QN=20240101010000000;${head}DataTime=20240101010000;a21026-Avg=1.2345;a21026-Avg=2.5&&`,
        ),
        formatPacket(
          `QN=20240101020000000;${head}DataTime=20240101020000;a21026-Avg=3.5;a21026-Avg=4.2345&&`,
        ),
      ].join(''),
    );
    const c = await createCase(path.join(dir, 'c.duckdb'), ctx);
    const report = await importFiles(c.db, [log], { jobId: 'j', actor: 'tester' });
    expect(report.files[0]).toMatchObject({ status: 'imported', rowsLoaded: 2, duplicates: 2 });
    expect(await c.db.all('SELECT hour(ts) AS h, value FROM readings ORDER BY ts')).toEqual([
      { h: 1, value: 1.2345 },
      { h: 2, value: 3.5 },
    ]);
    await closeCase(c);
  });
});

describe('treatment-facility states (SBx-RS/RT)', () => {
  it('are stored by outlet, facility and time; a re-send counts as a duplicate, a packet without time is quarantined', async () => {
    const dir = tempDir();
    const log = path.join(dir, 'facility.log');
    const head = 'ST=32;PW=123456;MN=MN0009;Flag=4';
    writeFileSync(
      log,
      [
        formatPacket(`QN=20240101010000000;${head};CN=2021;CP=&&DataTime=20240101010000;SB1-RS=1;SB2-RS=0&&`),
        formatPacket(`QN=20240102000000000;${head};CN=2041;CP=&&DataTime=20240101000000;SB1-RT=23.5&&`),
        formatPacket(`QN=20240101010000001;${head};CN=2021;CP=&&DataTime=20240101010000;SB1-RS=1;SB2-RS=0&&`),
        formatPacket(`QN=20240101020000000;${head};CN=2021;CP=&&SB1-RS=4&&`),
      ].join(''),
    );
    const c = await createCase(path.join(dir, 'c.duckdb'), ctx);
    const report = await importFiles(c.db, [log], { jobId: 'j', actor: 'tester' });
    expect(report.files[0]).toMatchObject({
      status: 'imported',
      rowsLoaded: 3,
      duplicates: 2,
      rowsRejected: 1,
    });
    expect(report.files[0]?.warnings.join(' ')).toContain(
      '3 stored in facility_states, 2 duplicates, 1 quarantined',
    );
    expect(
      await c.db.all(
        'SELECT outlet_id, facility, kind, ts, value, source_row FROM facility_states ORDER BY ALL',
      ),
    ).toEqual([
      {
        outlet_id: 'MN0009',
        facility: 'SB1',
        kind: 'running-state',
        ts: '2024-01-01 01:00:00',
        value: 1,
        source_row: 1,
      },
      {
        outlet_id: 'MN0009',
        facility: 'SB1',
        kind: 'running-time',
        ts: '2024-01-01 00:00:00',
        value: 23.5,
        source_row: 2,
      },
      {
        outlet_id: 'MN0009',
        facility: 'SB2',
        kind: 'running-state',
        ts: '2024-01-01 01:00:00',
        value: 0,
        source_row: 1,
      },
    ]);
    expect(await c.db.all('SELECT source_row, reason FROM quarantine')).toEqual([
      { source_row: 4, reason: 'treatment-facility value: packet has no valid DataTime (absent)' },
    ]);
    await closeCase(c);
  });
});
