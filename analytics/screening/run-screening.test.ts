import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../tests/support/temp-dir';
import { closeCase, createCase } from '../engine/case-file';
import { limitMemory } from '../engine/database';
import { verifyAuditChain } from '../evidence/audit-log';
import { importFiles } from '../ingest/import-files';
import { runScreening } from './run-screening';

const tempDir = useTempDirs();
const memoryLimit = async (db: { all: (sql: string) => Promise<Array<Record<string, unknown>>> }) =>
  (await db.all("SELECT current_setting('memory_limit') AS v"))[0]?.['v'];

describe('screening memory budget', () => {
  it('limitMemory sets the budget and restores the limit the case was opened with', async () => {
    const c = await createCase(path.join(tempDir(), 'c.duckdb'), { appVersion: 'test', actor: 't' });
    const opened = await memoryLimit(c.db);
    const restore = await limitMemory(c.db, '1500MB', c.db.memoryLimit);
    expect(await memoryLimit(c.db)).not.toBe(opened);
    // Another job's budget set meanwhile is not what comes back.
    await c.db.run("SET memory_limit = '700MB'");
    await restore();
    expect(await memoryLimit(c.db)).toBe(opened);
    await closeCase(c);
  });

  it('a run gives the case its own memory_limit back', async () => {
    const c = await createCase(path.join(tempDir(), 'c.duckdb'), { appVersion: 'test', actor: 't' });
    const opened = await memoryLimit(c.db);
    await runScreening(c.db, { jobId: 's', actor: 't', ruleIds: ['flatline'], memoryLimit: '1500MB' });
    expect(await memoryLimit(c.db)).toBe(opened);
    await closeCase(c);
  });

  it('a run and an import started together both land, one after the other', async () => {
    const dir = tempDir();
    const c = await createCase(path.join(dir, 'c.duckdb'), { appVersion: 'test', actor: 't' });
    const csv = path.join(dir, 'long.csv');
    writeFileSync(
      csv,
      'outlet_id,code,time,value\nP1,a21026,2025-01-01 00:00:00,1\nP1,a21026,2025-01-01 01:00:00,1\n',
    );
    const [screened, imported] = await Promise.all([
      runScreening(c.db, { jobId: 's', actor: 't', ruleIds: ['flatline'] }),
      importFiles(c.db, [csv], { jobId: 'i', actor: 't' }),
    ]);
    expect(screened.rules.map((r) => r.ruleId)).toEqual(['flatline']);
    expect(imported.files[0]?.status).toBe('imported');
    expect(await verifyAuditChain(c.db)).toMatchObject({ valid: true, entries: 4 });
    await closeCase(c);
  });
});

describe('kept passes across runs', () => {
  it('a second run reuses the passes, a run after an import rebuilds them, findings follow the data', async () => {
    const dir = tempDir();
    const c = await createCase(path.join(dir, 'c.duckdb'), { appVersion: 'test', actor: 't' });
    const hours = (from: number, to: number, value: (h: number) => number) =>
      Array.from({ length: to - from }, (_, i) => {
        const h = from + i;
        const t = new Date(Date.UTC(2025, 0, 1, h)).toISOString().slice(0, 19).replace('T', ' ');
        return `P1,a21026,${t},${value(h)}`;
      }).join('\n');
    const file = (name: string, rows: string) => {
      const p = path.join(dir, name);
      writeFileSync(p, `outlet_id,code,time,value\n${rows}\n`);
      return p;
    };
    // a varying day, then (in a second file) 30 hours pinned at one value
    await importFiles(
      c.db,
      [
        file(
          'a.csv',
          hours(0, 48, (h) => 20 + ((h * 7) % 13)),
        ),
      ],
      { jobId: 'i', actor: 't' },
    );
    const screen = () =>
      runScreening(c.db, { jobId: 's', actor: 't', ruleIds: ['flatline', 'o2-correction'] });
    const built = (r: { passes: ReadonlyArray<{ input: string; built: boolean }> }) =>
      r.passes.filter((p) => p.built).map((p) => p.input);

    const first = await screen();
    expect(built(first)).toContain('outlet_hour');
    expect(first.rules.find((r) => r.ruleId === 'flatline')?.findings).toBe(0);
    const again = await screen();
    expect(again.passes.map((p) => p.input)).toEqual(first.passes.map((p) => p.input));
    expect(built(again)).toEqual([]);

    await importFiles(
      c.db,
      [
        file(
          'b.csv',
          hours(48, 78, () => 31.7),
        ),
      ],
      { jobId: 'i', actor: 't' },
    );
    const after = await screen();
    expect(built(after)).toEqual(after.passes.map((p) => p.input));
    expect(after.rules.find((r) => r.ruleId === 'flatline')?.findings).toBe(1);
    await closeCase(c);
  });
});
