import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeCase, createCase, openCase } from '../../analytics/engine/case-file';
import { verifyAuditChain } from '../../analytics/evidence/audit-log';
import { repoRoot } from '../support/shared-data';
import { useTempDirs } from '../support/temp-dir';

const tempDir = useTempDirs();
const ctx = { appVersion: 'test', actor: 'tester' };

/**
 * A crash mid-import (the process is killed with SIGKILL, no chance to roll back) must leave the
 * case exactly as it was: DuckDB's write-ahead log drops the uncommitted transaction on reopen.
 */
describe('crash safety', () => {
  it('a case opens unchanged after the importing process is killed mid-file', async () => {
    const dir = tempDir();
    const casePath = path.join(dir, 'c.duckdb');
    const small = path.join(dir, 'small.csv');
    writeFileSync(small, 'outlet_id,code,time,value\nP1,a21026,2025-10-01 00:00:00,1\n');
    const big = path.join(dir, 'big.csv');
    const lines = ['outlet_id,code,time,value,flag'];
    for (let i = 0; i < 2_000_000; i++) {
      lines.push(
        `P${i % 50},a2100${i % 3},2024-01-01 00:00:00,${i % 1000},N`.replace(
          '2024-01-01 00',
          `2024-01-${String(1 + (i % 28)).padStart(2, '0')} ${String(i % 24).padStart(2, '0')}`,
        ),
      );
    }
    writeFileSync(big, lines.join('\n'));
    const c = await createCase(casePath, ctx);
    const { importFiles } = await import('../../analytics/ingest/import-files');
    await importFiles(c.db, [small], { jobId: 'j', actor: 'tester' });
    await closeCase(c);

    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'analytics/cli/main.ts', 'import', casePath, big],
      {
        cwd: repoRoot,
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    // Kill it once the import is under way (its progress says it is reading or parsing the file).
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('import did not start within 60 s')), 60_000);
      child.stderr.on('data', (chunk: Buffer) => {
        if (/\[(read|parse|load)\]/.test(chunk.toString())) {
          clearTimeout(timer);
          child.kill('SIGKILL');
          resolve();
        }
      });
    });
    await new Promise((r) => child.once('exit', r));
    expect(child.signalCode).toBe('SIGKILL');

    // The dead process left its lock; a lock whose pid is gone is taken over.
    expect(existsSync(`${casePath}.lock`)).toBe(true);
    const again = await openCase(casePath, ctx);
    const [n] = await again.db.all<{ files: number; readings: number; series: number; q: number }>(
      `SELECT (SELECT count(*) FROM source_files) AS files, (SELECT count(*) FROM readings) AS readings,
              (SELECT count(*) FROM series) AS series, (SELECT count(*) FROM quarantine) AS q`,
    );
    expect(n).toEqual({ files: 1, readings: 1, series: 1, q: 0 });
    expect(await verifyAuditChain(again.db)).toMatchObject({ valid: true });
    await closeCase(again);
  });
});
