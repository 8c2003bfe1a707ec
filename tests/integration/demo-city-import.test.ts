import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeCase, createCase } from '../../analytics/engine/case-file';
import { importFiles } from '../../analytics/ingest/import-files';
import { generateDemoCity } from '../../sample-data/generate-demo-city';
import { useTempDirs } from '../support/temp-dir';

const tempDir = useTempDirs();

/** The generated demo city goes through the normal ingest path, every format, with zero rejected rows. */
describe('demo city through the importer', () => {
  it('imports every generated file with no mapping step and no rejected row', async () => {
    const dir = tempDir();
    const manifest = await generateDemoCity({ dir: path.join(dir, 'city') });
    const c = await createCase(path.join(dir, 'c.duckdb'), { appVersion: 'test', actor: 'tester' });
    const files = manifest.files.filter((f) => f.kind !== 'labels');
    const report = await importFiles(
      c.db,
      files.map((f) => path.join(dir, 'city', f.path)),
      { jobId: 'j', actor: 'tester' },
    );
    for (const [i, f] of report.files.entries()) {
      const expected = files[i]!;
      expect(f.status, `${expected.path}: ${f.error ?? ''}`).toBe('imported');
      expect(f.rowsRejected, `${expected.path}: ${JSON.stringify(f.rejectedSample)}`).toBe(0);
      expect(f.duplicates, expected.path).toBe(0);
      if (expected.kind === 'hj212-log') expect(f.packets).toBe(expected.rows);
      else expect(f.rowsRead, expected.path).toBe(expected.rows);
    }
    expect(new Set(report.files.map((f) => f.format))).toEqual(
      new Set([
        'registry',
        'devices',
        'stations',
        'orders',
        'measures',
        'monitoring-wide',
        'monitoring-long',
        'hj212-log',
        'power',
        'air',
        'gates',
        'marks',
      ]),
    );
    // every monitoring series lands on a registered outlet (MNs resolved through the registry)
    const [orphans] = await c.db.all<{ n: number }>(
      'SELECT count(*) AS n FROM series WHERE outlet_id NOT IN (SELECT outlet_id FROM outlets)',
    );
    expect(orphans!.n).toBe(0);
    await closeCase(c);
  });
});
