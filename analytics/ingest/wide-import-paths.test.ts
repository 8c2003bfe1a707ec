import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../tests/support/temp-dir';
import { closeCase, createCase, type OpenCase } from '../engine/case-file';
import { importFiles } from './import-files';

const ctx = { appVersion: '0.0.0-test', actor: 'tester' };
const opts = { jobId: 'job', actor: 'tester' };
const tempDir = useTempDirs();

const HEADER = 'outlet_id,time,a21026-avg,a21026-zsavg,a21026-flag,a19001-avg,a00000-avg';
const ROWS = [
  'P1,2025-10-01 00:00:00,10.5,12.1,N,17.2,80000',
  'P2,2025-10-01 00:00:00,3,4,N,,70000',
  'P1,2025-10-01 01:00:00,11,13,M,17.1,81000',
  'P2,2025-10-01 01:00:00,NA,4.5,D,9,x7',
  'P1,2025-10-01 02:00:00,12,14,N,17.0,82000',
];

async function withCase<T>(
  body: (c: OpenCase, write: (name: string, lines: string[]) => string) => Promise<T>,
) {
  const dir = tempDir();
  const write = (name: string, lines: string[]) => {
    const p = path.join(dir, name);
    writeFileSync(p, [HEADER, ...lines].join('\n'));
    return p;
  };
  const c = await createCase(path.join(dir, 'c.duckdb'), ctx);
  try {
    return await body(c, write);
  } finally {
    await closeCase(c);
  }
}

const storedReadings = (c: OpenCase) =>
  c.db.all(
    `SELECT s.outlet_id, s.code, s.stat, s.interval, r.ts, r.value, r.flag, r.source_row
     FROM readings r JOIN series s USING (series_id) ORDER BY ALL`,
  );

describe('wide import: repeats and overlaps', () => {
  it('a file without repeats stores the same readings, quarantine and counts as one with a re-sent row', async () => {
    const direct = await withCase(async (c, write) => {
      const r = await importFiles(c.db, [write('w.csv', ROWS)], opts);
      return {
        report: r.files[0]!,
        readings: await storedReadings(c),
        quarantine: await c.db.all('SELECT source_row, reason, raw FROM quarantine ORDER BY ALL'),
      };
    });
    // The same rows plus an identical re-send of line 2 at the end: the cell-level duplicate check runs.
    const general = await withCase(async (c, write) => {
      const r = await importFiles(c.db, [write('w.csv', [...ROWS, ROWS[0]!])], opts);
      return {
        report: r.files[0]!,
        readings: await storedReadings(c),
        quarantine: await c.db.all('SELECT source_row, reason, raw FROM quarantine ORDER BY ALL'),
      };
    });
    expect(direct.report).toMatchObject({ rowsLoaded: 17, rowsRejected: 1, duplicates: 0, seriesFound: 8 });
    expect(general.report).toMatchObject({ rowsLoaded: 17, rowsRejected: 1, duplicates: 4, seriesFound: 8 });
    expect(direct.readings).toHaveLength(17);
    expect(direct.readings).toEqual(general.readings);
    expect(direct.quarantine).toEqual(general.quarantine);
    expect(direct.quarantine).toEqual([
      {
        source_row: 5,
        reason: 'value is not a number in column a00000-avg: x7',
        raw: 'P2,2025-10-01 01:00:00,NA,4.5,D,9,x7',
      },
    ]);
    expect(direct.report.timeSpan).toEqual(general.report.timeSpan);
    expect(direct.report.warnings).toEqual(general.report.warnings);
  });

  it('a clean file (read typed) quarantines a conflicting re-send with its source text', async () => {
    await withCase(async (c, write) => {
      const clean = [
        'P1,2025-10-01 00:00:00,10.5,12.1,N,17.2,80000',
        'P1,2025-10-01 01:00:00,11,13,M,17.1,81000',
      ];
      const r = await importFiles(
        c.db,
        [write('w.csv', [...clean, 'P1,2025-10-01 00:00:00,99,12.1,N,17.2,80000'])],
        opts,
      );
      expect(r.files[0]).toMatchObject({
        rowsLoaded: 8,
        rowsRejected: 0,
        duplicates: 4,
        conflictingDuplicates: 1,
      });
      expect(await c.db.all('SELECT source_row, reason, raw FROM quarantine')).toEqual([
        {
          source_row: 4,
          reason: 'duplicate of row 2 for the same series and time; value 99.0 conflicts with the kept 10.5',
          raw: 'P1,2025-10-01 00:00:00,99,12.1,N,17.2,80000',
        },
      ]);
      expect(await c.db.all(`SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'imp_%'`)).toEqual(
        [],
      );
    });
  });

  it('a later file overlapping stored readings keeps the stored values', async () => {
    await withCase(async (c, write) => {
      await importFiles(c.db, [write('a.csv', ROWS.slice(0, 3))], opts);
      const r = await importFiles(
        c.db,
        [
          write('b.csv', [
            'P1,2025-10-01 01:00:00,99,13,M,17.1,81000',
            'P1,2025-10-01 03:00:00,13,15,N,16.9,83000',
          ]),
        ],
        opts,
      );
      expect(r.files[0]).toMatchObject({ rowsLoaded: 4, duplicates: 4, conflictingDuplicates: 1 });
      const v = await c.db.all(
        `SELECT r.ts, r.value FROM readings r JOIN series s USING (series_id)
         WHERE s.outlet_id = 'P1' AND s.code = 'a21026' AND s.stat = 'avg' ORDER BY r.ts`,
      );
      expect(v).toEqual([
        { ts: '2025-10-01 00:00:00', value: 10.5 },
        { ts: '2025-10-01 01:00:00', value: 11 },
        { ts: '2025-10-01 03:00:00', value: 13 },
      ]);
    });
  });

  it('a later file after the stored span appends to the same series', async () => {
    await withCase(async (c, write) => {
      await importFiles(c.db, [write('a.csv', ROWS.slice(0, 3))], opts);
      const r = await importFiles(
        c.db,
        [write('b.csv', ['P1,2025-10-01 03:00:00,13,15,N,16.9,83000'])],
        opts,
      );
      expect(r.files[0]).toMatchObject({ rowsLoaded: 4, duplicates: 0, seriesFound: 4 });
      const [n] = await c.db.all<{ series: number; readings: number }>(
        `SELECT (SELECT count(*) FROM series) AS series, (SELECT count(*) FROM readings) AS readings`,
      );
      expect(n).toEqual({ series: 7, readings: 11 + 4 });
    });
  });

  it('stores a time-major export series by series, each in time order', async () => {
    await withCase(async (c, write) => {
      // Every outlet's row for an hour, then the next hour: 60 outlets x 1,000 hours.
      const lines: string[] = [];
      for (let h = 0; h < 1000; h++) {
        const t = new Date(Date.UTC(2025, 0, 1) + h * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
        for (let o = 0; o < 60; o++) lines.push(`P${o},${t},${o + (h % 7)},${h % 5},N,${h % 3},${80000 + o}`);
      }
      const r = await importFiles(c.db, [write('w.csv', lines)], opts);
      expect(r.files[0]).toMatchObject({ rowsLoaded: 240_000, seriesFound: 240 });
      const [order] = await c.db.all(
        `SELECT count(*) FILTER (WHERE prev_series IS DISTINCT FROM series_id) AS runs,
                count(*) FILTER (WHERE prev_series = series_id AND prev_ts >= ts) AS backwards
         FROM (SELECT series_id, ts, lag(series_id) OVER w AS prev_series, lag(ts) OVER w AS prev_ts
               FROM readings WINDOW w AS (ORDER BY rowid))`,
      );
      expect(order).toEqual({ runs: 240, backwards: 0 });
    });
  });
});
