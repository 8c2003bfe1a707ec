import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../tests/support/temp-dir';
import { closeCase, createCase } from '../../engine/case-file';
import { importFiles } from '../../ingest/import-files';
import { runScreening } from '../../screening/run-screening';

const tempDir = useTempDirs();

/** Cases cannot carry quarantine rows, so this one goes through a real import. */
describe('physical-sanity: conflicting re-sent readings', () => {
  it('reports duplicates with different values, kept in quarantine at import, on their outlet', async () => {
    const dir = tempDir();
    const csv = path.join(dir, 'resent.csv');
    writeFileSync(
      csv,
      [
        'outlet_id,code,time,value,flag',
        'P1,a21026,2025-10-01 00:00:00,10,N',
        'P1,a21026,2025-10-01 01:00:00,11,N',
        'P1,a21026,2025-10-01 01:00:00,4,N', // re-sent with a lower value
        'P1,a21026,2025-10-01 02:00:00,12,N',
      ].join('\n'),
    );
    const c = await createCase(path.join(dir, 'c.duckdb'), { appVersion: 'test', actor: 't' });
    await importFiles(c.db, [csv], { jobId: 'i', actor: 't' });
    await runScreening(c.db, { jobId: 's', actor: 't', ruleIds: ['physical-sanity'] });
    const rows = await c.db.all<{ outlet_id: string; evidence_json: string; start_ts: string }>(
      "SELECT outlet_id, evidence_json, start_ts FROM findings WHERE rule_id = 'physical-sanity'",
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.outlet_id).toBe('P1');
    expect(rows[0]!.evidence_json).toContain('conflicting-duplicates');
    expect(rows[0]!.start_ts.startsWith('2025-10-01')).toBe(true);
    await closeCase(c);
  });
});
