import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../tests/support/temp-dir';
import { closeCase, createCase } from '../engine/case-file';
import { importFiles } from './import-files';

const tempDir = useTempDirs();

describe('wide export duplicate rule', () => {
  it('a repeated (outlet, time) row loses to the earlier line; two columns of one code keep the leftmost', async () => {
    const dir = tempDir();
    const csv = path.join(dir, 'wide.csv');
    writeFileSync(
      csv,
      [
        'mn,time,a21026-avg,烟尘实测浓度,颗粒物实测浓度', // 1
        'MN1,2025-10-01 00:00:00,10,1,1', // 2
        'MN1,2025-10-01 01:00:00,11,2,9', // 3: 颗粒物 conflicts with 烟尘 in the same line
        'MN1,2025-10-01 00:00:00,12,1,', // 4: repeats line 2; a21026 conflicts, a34013 identical
        '',
      ].join('\n'),
    );
    const c = await createCase(path.join(dir, 'c.duckdb'), { appVersion: 'test', actor: 'tester' });
    const f = (await importFiles(c.db, [csv], { jobId: 'j', actor: 'tester' })).files[0]!;
    expect(f).toMatchObject({ status: 'imported', rowsLoaded: 4, duplicates: 4, conflictingDuplicates: 2 });
    const rows = await c.db.all<{ code: string; ts: string; value: number; source_row: number }>(
      `SELECT s.code, r.ts, r.value, r.source_row FROM readings r JOIN series s USING (series_id) ORDER BY s.code, r.ts`,
    );
    expect(rows).toEqual([
      { code: 'a21026', ts: '2025-10-01 00:00:00', value: 10, source_row: 2 },
      { code: 'a21026', ts: '2025-10-01 01:00:00', value: 11, source_row: 3 },
      { code: 'a34013', ts: '2025-10-01 00:00:00', value: 1, source_row: 2 },
      { code: 'a34013', ts: '2025-10-01 01:00:00', value: 2, source_row: 3 },
    ]);
    const q = await c.db.all<{ source_row: number; reason: string; raw: string | null }>(
      'SELECT source_row, reason, raw FROM quarantine ORDER BY source_row',
    );
    expect(q.map((r) => r.source_row)).toEqual([3, 4]);
    expect(q[0]!.reason).toMatch(/duplicate of row 3.*value 9(\.0)? conflicts with the kept 2(\.0)?$/);
    expect(q[1]!.reason).toMatch(/duplicate of row 2.*value 12(\.0)? conflicts with the kept 10(\.0)?$/);
    expect(q[1]!.raw).toBe('MN1,2025-10-01 00:00:00,12,1,');
    await closeCase(c);
  });
});
