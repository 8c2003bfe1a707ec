import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../tests/support/temp-dir';
import { closeCase, createCase, openCase } from '../engine/case-file';
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
    await buildOutletHour(c.db, 'batched', 200); // 1,008 readings: 6 batches
    const batched = await c.db.all('SELECT * FROM batched ORDER BY outlet_id, ts');
    expect(once).toHaveLength(7 * 48);
    expect(batched).toEqual(once);
    expect(once.filter((r) => r['flag'] !== 'N').length).toBeGreaterThan(0);
    await closeCase(c);
  });
});

describe('kept passes', () => {
  it('are reused while the data is unchanged, rebuilt when it changes or a table is missing', async () => {
    const file = path.join(tempDir(), 'c.duckdb');
    let c = await createCase(file, { appVersion: 'test', actor: 't' });
    await c.db.run(`INSERT INTO sites (site_id) VALUES ('S1')`);
    await c.db.run(`INSERT INTO outlets (outlet_id, site_id, media, o2_ref) VALUES ('O1', 'S1', 'gas', 9)`);
    await c.db.run(
      `INSERT INTO series (outlet_id, code, stat, interval, media) VALUES ('O1', 'a21026', 'avg', 'hour', 'gas')`,
    );
    const addHours = (from: number, to: number) =>
      c.db.run(
        `INSERT INTO readings SELECT 1, TIMESTAMP '2025-01-01' + to_hours(h), h, 'N', 1, h FROM range(${from}, ${to}) t(h)`,
      );
    await addHours(0, 24);
    const built = (outcomes: ReadonlyArray<{ input: string; built: boolean }>) =>
      outcomes.filter((o) => o.built).map((o) => o.input);
    const hours = async () => (await c.db.all<{ n: number }>('SELECT count(*) AS n FROM outlet_hour'))[0]?.n;

    expect(built(await prepareInputs(c.db, ['outlet_hour']))).toEqual([
      'device_state',
      'site_state',
      'series_hour',
      'outlet_hour',
    ]);
    expect(await hours()).toBe(24);
    expect(built(await prepareInputs(c.db, ['outlet_hour']))).toEqual([]);

    // kept in the case file: a new session reuses them
    await closeCase(c);
    c = await openCase(file, { appVersion: 'test', actor: 't' });
    expect(built(await prepareInputs(c.db, ['outlet_hour']))).toEqual([]);
    expect(await hours()).toBe(24);

    // new readings (here without a source file) change the data state: the passes are built again
    await addHours(24, 30);
    expect(built(await prepareInputs(c.db, ['outlet_hour']))).toEqual([
      'device_state',
      'site_state',
      'series_hour',
      'outlet_hour',
    ]);
    expect(await hours()).toBe(30);

    // a kept table that went missing is built again even though its key holds
    // a table of a pass that no longer exists is dropped
    await c.db.run('CREATE TABLE derived.old_pass AS SELECT 1 AS x');
    await c.db.run('DROP TABLE derived.outlet_hour');
    expect(built(await prepareInputs(c.db, ['outlet_hour']))).toEqual(['outlet_hour']);
    expect(await hours()).toBe(30);
    const left = await c.db.all(`SELECT table_name FROM duckdb_tables() WHERE table_name = 'old_pass'`);
    expect(left).toEqual([]);
    await closeCase(c);
  });
});
