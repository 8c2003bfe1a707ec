import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../tests/support/temp-dir';
import { closeCase, createCase } from '../engine/case-file';
import { limitMemory } from '../engine/database';
import { runScreening } from './run-screening';

const tempDir = useTempDirs();
const memoryLimit = async (db: { all: (sql: string) => Promise<Array<Record<string, unknown>>> }) =>
  (await db.all("SELECT current_setting('memory_limit') AS v"))[0]?.['v'];

describe('screening memory budget', () => {
  it('limitMemory sets the budget and restores the previous limit', async () => {
    const c = await createCase(path.join(tempDir(), 'c.duckdb'), { appVersion: 'test', actor: 't' });
    // a value that survives DuckDB's rounded display (current_setting shows 0.1 GiB steps)
    await c.db.run("SET memory_limit = '3GiB'");
    const before = await memoryLimit(c.db);
    const restore = await limitMemory(c.db, '1500MB');
    expect(await memoryLimit(c.db)).not.toBe(before);
    await restore();
    expect(await memoryLimit(c.db)).toBe(before);
    await closeCase(c);
  });

  it('a run restores the memory_limit it found', async () => {
    const c = await createCase(path.join(tempDir(), 'c.duckdb'), { appVersion: 'test', actor: 't' });
    // a value that survives DuckDB's rounded display (current_setting shows 0.1 GiB steps)
    await c.db.run("SET memory_limit = '3GiB'");
    const before = await memoryLimit(c.db);
    await runScreening(c.db, { jobId: 's', actor: 't', ruleIds: ['flatline'], memoryLimit: '1500MB' });
    expect(await memoryLimit(c.db)).toBe(before);
    await closeCase(c);
  });
});
