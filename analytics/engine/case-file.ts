import { existsSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { AppFailure } from '../api/result';
import { appendAudit, nowLocal } from '../evidence/audit-log';
import { CURRENT_SCHEMA_VERSION, migrations } from '../model/migrations';
import { acquireCaseLock, type CaseLock } from './case-lock';
import { Database, type SqlRunner } from './database';

/** An open case (案件): one DuckDB file with the canonical schema, locked by this process. */
export interface OpenCase {
  readonly path: string;
  readonly db: Database;
  readonly lock: CaseLock;
  readonly actor: string;
}

export interface CaseContext {
  readonly appVersion: string;
  /** Who acts, recorded in the audit log (OS user name by default). */
  readonly actor: string;
}

async function schemaVersion(db: SqlRunner): Promise<number | null> {
  const tables = await db.all<{ n: number }>(
    "SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = 'schema_migrations' AND schema_name = 'main'",
  );
  if ((tables[0]?.n ?? 0) === 0) return null;
  const rows = await db.all<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
  return rows[0]?.v ?? null;
}

/** Apply the migrations a case lacks, in one transaction. */
async function migrate(db: Database, from: number, ctx: CaseContext): Promise<void> {
  const pending = migrations.filter((m) => m.version > from);
  if (pending.length === 0) return;
  await db.run('BEGIN TRANSACTION');
  try {
    for (const m of pending) {
      await db.run(m.sql);
      await db.run('INSERT INTO schema_migrations VALUES ($v, $n, $t::TIMESTAMP, $a)', {
        v: m.version,
        n: m.name,
        t: nowLocal(),
        a: ctx.appVersion,
      });
    }
    await db.run('COMMIT');
  } catch (e) {
    await db.run('ROLLBACK');
    throw e;
  }
}

function openFailure(casePath: string, e: unknown): AppFailure {
  if (e instanceof AppFailure) return e;
  const msg = e instanceof Error ? e.message : String(e);
  if (/lock/i.test(msg)) {
    return new AppFailure('case-locked', `The case ${casePath} is in use by another process: ${msg}`);
  }
  return new AppFailure(
    'case-corrupt',
    `${casePath} could not be opened as a case file (${msg}). Check that it is a case created by this app.`,
  );
}

/**
 * Create a case. It is built under a temporary name and renamed into place only when complete, so a
 * crash during creation never leaves a half-made case at `casePath`.
 */
export async function createCase(
  casePath: string,
  ctx: CaseContext,
  options: { readonly name?: string } = {},
): Promise<OpenCase> {
  const target = path.resolve(casePath);
  if (existsSync(target)) {
    throw new AppFailure(
      'case-exists',
      `A file already exists at ${target}. Choose another name or open it.`,
    );
  }
  const temp = `${target}.creating-${process.pid}`;
  rmSync(temp, { force: true });
  rmSync(`${temp}.wal`, { force: true });
  const db = await Database.open(temp);
  try {
    await migrate(db, 0, ctx);
    const meta = {
      created_at: nowLocal(),
      created_by: ctx.actor,
      app_version: ctx.appVersion,
      name: options.name ?? path.basename(target).replace(/\.duckdb$/i, ''),
    };
    for (const [key, value] of Object.entries(meta)) {
      await db.run('INSERT INTO meta VALUES ($k, $v)', { k: key, v: value });
    }
    await appendAudit(db, ctx.actor, 'case.create', { path: target, appVersion: ctx.appVersion });
    await db.run('CHECKPOINT');
  } finally {
    db.close();
  }
  renameSync(temp, target);
  rmSync(`${temp}.wal`, { force: true });
  return openCase(target, ctx);
}

export async function openCase(casePath: string, ctx: CaseContext): Promise<OpenCase> {
  const target = path.resolve(casePath);
  if (!existsSync(target)) {
    throw new AppFailure('case-not-found', `No case file at ${target}.`, { path: target });
  }
  const lock = acquireCaseLock(target);
  let db: Database | undefined;
  try {
    db = await Database.open(target, { tempDirectory: `${target}.tmp` });
    const version = await schemaVersion(db);
    if (version === null) {
      throw new AppFailure(
        'case-corrupt',
        `${target} is a DuckDB file but not a case (no schema_migrations).`,
      );
    }
    if (version > CURRENT_SCHEMA_VERSION) {
      throw new AppFailure(
        'case-too-new',
        `${target} was written by a newer version of the app (case schema v${version}; this app knows up to v${CURRENT_SCHEMA_VERSION}). Open it with the newer version.`,
        { caseVersion: version, appVersion: CURRENT_SCHEMA_VERSION },
      );
    }
    await migrate(db, version, ctx);
    await appendAudit(db, ctx.actor, 'case.open', { path: target });
    return { path: target, db, lock, actor: ctx.actor };
  } catch (e) {
    db?.close();
    lock.release();
    throw openFailure(target, e);
  }
}

export async function closeCase(c: OpenCase): Promise<void> {
  try {
    await appendAudit(c.db, c.actor, 'case.close', {});
    await c.db.run('CHECKPOINT');
  } finally {
    c.db.close();
    c.lock.release();
  }
}
