import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../tests/support/temp-dir';
import { closeCase, createCase } from '../engine/case-file';
import { verifyAuditChain } from '../evidence/audit-log';
import { importFiles } from './import-files';

const ctx = { appVersion: '0.0.0-test', actor: 'tester' };
const tempDir = useTempDirs();
const opts = { jobId: 'job', actor: 'tester' };

const LONG_CSV = [
  'outlet_id,code,time,value,flag', // line 1
  'P1,a21026,2021-10-07 18:00:00,1.5,N', // 2
  'P1,a21026,2021-10-07 19:00:00,1.6,N,extra', // 3 too many fields
  'P1,a21026,not a time,2,N', // 4 bad time
  'P1,a21026,2021-10-07 20:00:00,1.7,N', // 5
  'P1,a21026,2021-10-07 20:00:00,1.9,N', // 6 duplicate of 5, conflicting
  'P1,a21026,2021-10-07 20:00:00,1.7,N', // 7 duplicate of 5, identical
  'P1,a21026,2021-10-07 21:00:00,NA,N', // 8 missing value -> NULL, kept
  'P1,a21026,2021-10-07 22:00:00,abc,N', // 9 not a number
  'P2,a21002,2021/10/7 18:00,2,N', // 10
  '"P2",a21002,20211007190000,3,N', // 11
  '', // trailing newline
].join('\n');

describe('importing the long monitoring export', () => {
  it('loads good rows, quarantines bad ones with file line numbers, and resolves duplicates', async () => {
    const dir = tempDir();
    const csv = path.join(dir, 'long.csv');
    writeFileSync(csv, LONG_CSV);
    const c = await createCase(path.join(dir, 'c.duckdb'), ctx);
    const report = await importFiles(c.db, [csv], opts);
    const f = report.files[0]!;
    expect(f).toMatchObject({
      status: 'imported',
      format: 'monitoring-long',
      rowsRead: 10,
      rowsLoaded: 5,
      rowsRejected: 3,
      duplicates: 2,
      conflictingDuplicates: 1,
      seriesFound: 2,
      timeSpan: { start: '2021-10-07 18:00:00', end: '2021-10-07 21:00:00' },
    });
    // Nothing vanishes: every row read is loaded, rejected or a counted duplicate.
    expect(f.rowsLoaded + f.rowsRejected + f.duplicates).toBe(f.rowsRead);
    expect(f.sha256).toMatch(/^[0-9a-f]{64}$/);
    const q = await c.db.all<{ source_row: number; reason: string; raw: string }>(
      'SELECT source_row, reason, raw FROM quarantine ORDER BY source_row',
    );
    expect(q.map((r) => r.source_row)).toEqual([3, 4, 6, 9]);
    expect(q[0]!.reason).toMatch(/too many fields/);
    expect(q[1]!.reason).toMatch(/unrecognised time: not a time/);
    expect(q[2]!.reason).toMatch(/duplicate of row 5.*1\.9 conflicts with the kept 1\.7/);
    expect(q[3]!.reason).toMatch(/not a number: abc/);
    expect(q[1]!.raw).toBe('P1,a21026,not a time,2,N');

    const rows = await c.db.all<{ outlet_id: string; ts: string; value: number | null; source_row: number }>(
      `SELECT s.outlet_id, r.ts, r.value, r.source_row FROM readings r JOIN series s USING (series_id)
       ORDER BY s.outlet_id, r.ts`,
    );
    expect(rows).toEqual([
      { outlet_id: 'P1', ts: '2021-10-07 18:00:00', value: 1.5, source_row: 2 },
      { outlet_id: 'P1', ts: '2021-10-07 20:00:00', value: 1.7, source_row: 5 },
      { outlet_id: 'P1', ts: '2021-10-07 21:00:00', value: null, source_row: 8 },
      { outlet_id: 'P2', ts: '2021-10-07 18:00:00', value: 2, source_row: 10 },
      { outlet_id: 'P2', ts: '2021-10-07 19:00:00', value: 3, source_row: 11 },
    ]);
    const series = await c.db.all<{
      outlet_id: string;
      code: string;
      stat: string;
      media: string;
      interval: string;
    }>('SELECT outlet_id, code, stat, media, interval FROM series ORDER BY outlet_id');
    expect(series).toEqual([
      { outlet_id: 'P1', code: 'a21026', stat: 'avg', media: 'gas', interval: 'hour' },
      { outlet_id: 'P2', code: 'a21002', stat: 'avg', media: 'gas', interval: 'hour' },
    ]);
    await closeCase(c);
  });

  it('treats a re-import of the same bytes as a no-op that says so', async () => {
    const dir = tempDir();
    const csv = path.join(dir, 'long.csv');
    writeFileSync(csv, LONG_CSV);
    const c = await createCase(path.join(dir, 'c.duckdb'), ctx);
    await importFiles(c.db, [csv], opts);
    const copy = path.join(dir, 'copy.csv');
    writeFileSync(copy, LONG_CSV);
    const again = await importFiles(c.db, [copy], opts);
    expect(again.files[0]).toMatchObject({ status: 'already-imported', rowsLoaded: 0 });
    expect(again.files[0]!.warnings[0]).toMatch(/already imported as long\.csv/);
    const [n] = await c.db.all<{ n: number }>('SELECT count(*) AS n FROM source_files');
    expect(n!.n).toBe(1);
    await closeCase(c);
  });

  it('keeps the stored reading over a re-sent one from another file, and reports conflicts', async () => {
    const dir = tempDir();
    const a = path.join(dir, 'a.csv');
    const b = path.join(dir, 'b.csv');
    writeFileSync(
      a,
      'outlet_id,code,time,value,flag\nP1,a21026,2021-10-07 18:00:00,1.5,N\nP1,a21026,2021-10-07 19:00:00,1.6,N\n',
    );
    writeFileSync(
      b,
      'outlet_id,code,time,value,flag\nP1,a21026,2021-10-07 19:00:00,9.9,N\nP1,a21026,2021-10-07 18:00:00,1.5,N\nP1,a21026,2021-10-07 20:00:00,1.7,N\n',
    );
    const c = await createCase(path.join(dir, 'c.duckdb'), ctx);
    await importFiles(c.db, [a], opts);
    const r = await importFiles(c.db, [b], opts);
    expect(r.files[0]).toMatchObject({ rowsLoaded: 1, duplicates: 2, conflictingDuplicates: 1 });
    const values = await c.db.all<{ v: number }>('SELECT value AS v FROM readings ORDER BY ts');
    expect(values.map((x) => x.v)).toEqual([1.5, 1.6, 1.7]);
    expect(await verifyAuditChain(c.db)).toMatchObject({ valid: true });
    await closeCase(c);
  });

  it('reports an unsupported file and a missing file without stopping the others', async () => {
    const dir = tempDir();
    const good = path.join(dir, 'good.csv');
    const odd = path.join(dir, 'odd.csv');
    writeFileSync(good, 'outlet_id,code,time,value\nP1,a21026,2021-10-07 18:00:00,1.5\n');
    writeFileSync(odd, 'foo,bar\n1,2\n');
    const c = await createCase(path.join(dir, 'c.duckdb'), ctx);
    const r = await importFiles(c.db, [odd, path.join(dir, 'missing.csv'), good], opts);
    expect(r.files.map((f) => f.status)).toEqual(['failed', 'failed', 'imported']);
    expect(r.files[0]!.error).toMatch(/matches no supported export format/);
    expect(r.files[1]!.error).toMatch(/File not found/);
    const [n] = await c.db.all<{ n: number }>('SELECT count(*) AS n FROM source_files');
    expect(n!.n).toBe(1);
    await closeCase(c);
  });

  it('leaves the case unchanged when cancelled mid-file', async () => {
    const dir = tempDir();
    const big = path.join(dir, 'big.csv');
    const lines = ['outlet_id,code,time,value,flag'];
    const t0 = Date.UTC(2021, 0, 1);
    for (let i = 0; i < 600_000; i++) {
      const t = new Date(t0 + (i % 150_000) * 60_000).toISOString().slice(0, 19).replace('T', ' ');
      lines.push(`P${i % 4},a21026,${t},${(i % 97) / 10},N`);
    }
    writeFileSync(big, lines.join('\n'));
    const c = await createCase(path.join(dir, 'c.duckdb'), ctx);
    const controller = new AbortController();
    const pending = importFiles(c.db, [big], {
      ...opts,
      signal: controller.signal,
      onProgress: (e) => {
        if (e.phase === 'parse') controller.abort();
      },
    });
    const r = await pending;
    expect(r.files[0]!.status).toBe('cancelled');
    const [n] = await c.db.all<{ f: number; r: number; s: number; q: number }>(
      `SELECT (SELECT count(*) FROM source_files) AS f, (SELECT count(*) FROM readings) AS r,
              (SELECT count(*) FROM series) AS s, (SELECT count(*) FROM quarantine) AS q`,
    );
    expect(n).toEqual({ f: 0, r: 0, s: 0, q: 0 });
    await closeCase(c);
  });
});

describe('import memory budget', () => {
  it('runs overlapping imports one after the other and gives the case its own memory limit back', async () => {
    const dir = tempDir();
    const files = ['a', 'b'].map((n) => {
      const p = path.join(dir, `${n}.csv`);
      writeFileSync(p, LONG_CSV.replaceAll('P1', `P1${n}`));
      return p;
    });
    const c = await createCase(path.join(dir, 'c.duckdb'), ctx);
    const limit = async () =>
      (await c.db.all<{ v: string }>(`SELECT current_setting('memory_limit') AS v`))[0]?.v;
    const before = await limit();
    const reports = await Promise.all(files.map((f) => importFiles(c.db, [f], opts)));
    expect(reports.map((r) => r.files[0]?.status)).toEqual(['imported', 'imported']);
    expect(await limit()).toBe(before);
    await closeCase(c);
  });
});
