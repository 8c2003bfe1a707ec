import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../tests/support/temp-dir';
import { AppFailure } from '../api/result';
import { verifyAuditChain } from '../evidence/audit-log';
import { CURRENT_SCHEMA_VERSION } from '../model/migrations';
import { closeCase, createCase, openCase } from './case-file';
import { Database } from './database';

const ctx = { appVersion: '0.0.0-test', actor: 'tester' };
const tempDir = useTempDirs();

async function failureCode(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppFailure) return e.code;
    throw e;
  }
  throw new Error('expected a failure');
}

describe('case files', () => {
  it('creates a case with the canonical schema, and reopens it', async () => {
    const file = path.join(tempDir(), 'a.duckdb');
    const c = await createCase(file, ctx);
    const tables = await c.db.all<{ t: string }>(
      "SELECT table_name AS t FROM duckdb_tables() WHERE schema_name = 'main' ORDER BY 1",
    );
    expect(tables.map((r) => r.t)).toEqual(
      expect.arrayContaining([
        'sites',
        'outlets',
        'devices',
        'readings',
        'power_readings',
        'stations',
        'air_readings',
        'orders',
        'measures',
        'gate_records',
        'marks',
        'source_files',
        'findings',
        'audit_log',
        'series',
        'quarantine',
      ]),
    );
    await closeCase(c);
    expect(existsSync(`${file}.lock`)).toBe(false);
    const again = await openCase(file, ctx);
    const [v] = await again.db.all<{ v: number }>('SELECT max(version) AS v FROM schema_migrations');
    expect(v?.v).toBe(CURRENT_SCHEMA_VERSION);
    const audit = await verifyAuditChain(again.db);
    expect(audit).toMatchObject({ valid: true, entries: 4 });
    const actions = await again.db.all<{ action: string }>('SELECT action FROM audit_log ORDER BY seq');
    expect(actions.map((a) => a.action)).toEqual(['case.create', 'case.open', 'case.close', 'case.open']);
    await closeCase(again);
  });

  it('refuses to overwrite an existing file', async () => {
    const file = path.join(tempDir(), 'exists.duckdb');
    writeFileSync(file, 'not a case');
    expect(await failureCode(createCase(file, ctx))).toBe('case-exists');
  });

  it('locks a case so a second open fails with who holds it', async () => {
    const file = path.join(tempDir(), 'locked.duckdb');
    const c = await createCase(file, ctx);
    expect(await failureCode(openCase(file, ctx))).toBe('case-locked');
    await closeCase(c);
    await closeCase(await openCase(file, ctx));
  });

  it('takes over a lock left by a process that no longer exists', async () => {
    const file = path.join(tempDir(), 'stale.duckdb');
    await closeCase(await createCase(file, ctx));
    writeFileSync(
      `${file}.lock`,
      JSON.stringify({ pid: 2 ** 22 + 12345, host: (await import('node:os')).hostname(), since: 'x' }),
    );
    await closeCase(await openCase(file, ctx));
  });

  it('refuses a case written by a newer version, with a clear message', async () => {
    const file = path.join(tempDir(), 'newer.duckdb');
    await closeCase(await createCase(file, ctx));
    const db = await Database.open(file);
    await db.run("INSERT INTO schema_migrations VALUES (99, 'future', now()::TIMESTAMP, '9.9.9')");
    db.close();
    try {
      await openCase(file, ctx);
      expect.unreachable();
    } catch (e) {
      expect((e as AppFailure).code).toBe('case-too-new');
      expect((e as AppFailure).message).toMatch(/newer version.*v99/);
    }
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  it('reports a file that is not a case', async () => {
    const dir = tempDir();
    const plain = path.join(dir, 'plain.duckdb');
    const db = await Database.open(plain);
    await db.run('CREATE TABLE x (a INTEGER)');
    db.close();
    expect(await failureCode(openCase(plain, ctx))).toBe('case-corrupt');
    const text = path.join(dir, 'text.duckdb');
    writeFileSync(text, 'hello');
    expect(await failureCode(openCase(text, ctx))).toBe('case-corrupt');
    expect(await failureCode(openCase(path.join(dir, 'missing.duckdb'), ctx))).toBe('case-not-found');
  });
});
