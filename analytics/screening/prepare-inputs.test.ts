import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../tests/support/temp-dir';
import { closeCase, createCase } from '../engine/case-file';
import { buildOutletHour, prepareInputs } from './prepare-inputs';

const tempDir = useTempDirs();

describe('outlet_hour', () => {
  it('built in batches of outlets is the same table as built at once', async () => {
    const c = await createCase(path.join(tempDir(), 'c.duckdb'), { appVersion: 'test', actor: 't' });
    await c.db.run(`INSERT INTO sites (site_id) VALUES ('S1'), ('S2')`);
    await c.db.run(`INSERT INTO outlets (outlet_id, site_id, media, o2_ref)
      SELECT 'O' || i, CASE WHEN i < 4 THEN 'S1' ELSE 'S2' END, 'gas', 9 FROM range(7) t(i)`);
    await c.db.run(`INSERT INTO series (outlet_id, code, stat, interval, media)
      SELECT 'O' || i, code, stat, 'hour', 'gas'
      FROM range(7) t(i), (VALUES ('a21026', 'avg'), ('a21026', 'zs_avg'), ('a19001', 'avg')) c(code, stat)`);
    // 48 hours; a few non-N flags so the flag columns and other_flags are filled too.
    await c.db.run(`INSERT INTO readings
      SELECT s.series_id, TIMESTAMP '2025-01-01' + to_hours(h), (s.series_id * 7 + h) % 50,
             CASE WHEN (s.series_id + h) % 11 = 0 THEN 'M' WHEN (s.series_id + h) % 13 = 0 THEN 'D' ELSE 'N' END, 1, h
      FROM series s, range(48) t(h)`);
    await prepareInputs(c.db, ['outlet_hour']);
    const once = await c.db.all('SELECT * FROM outlet_hour ORDER BY outlet_id, ts');
    await buildOutletHour(c.db, 200); // 1,008 readings: 6 batches
    const batched = await c.db.all('SELECT * FROM outlet_hour ORDER BY outlet_id, ts');
    expect(once).toHaveLength(7 * 48);
    expect(batched).toEqual(once);
    expect(once.filter((r) => r['flag'] !== 'N').length).toBeGreaterThan(0);
    await closeCase(c);
  });
});
