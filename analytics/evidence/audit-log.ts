import { createHash } from 'node:crypto';
import type { SqlRunner } from '../engine/database';

/**
 * The append-only, hash-chained audit log of a case (审计日志). Each entry's hash covers its own
 * content and the previous entry's hash, so editing or deleting any entry breaks every later link.
 * Only `appendAudit` writes to the table.
 */
export type AuditDetails = Readonly<Record<string, unknown>>;

export interface AuditEntry {
  readonly seq: number;
  readonly ts: string;
  readonly actor: string;
  readonly action: string;
  readonly detailsJson: string;
  readonly prevHash: string;
  readonly hash: string;
}

const GENESIS = '0'.repeat(64);

/** JSON with object keys sorted at every level, so the same details always hash the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

function entryHash(e: Omit<AuditEntry, 'hash'>): string {
  return createHash('sha256')
    .update([e.prevHash, e.seq, e.ts, e.actor, e.action, e.detailsJson].join('\n'))
    .digest('hex');
}

export function nowLocal(): string {
  // Wall time of Asia/Shanghai (UTC+8, no DST): the case stores local times throughout.
  const d = new Date(Date.now() + 8 * 3600_000);
  return d.toISOString().slice(0, 19).replace('T', ' ');
}

export async function appendAudit(
  db: SqlRunner,
  actor: string,
  action: string,
  details: AuditDetails,
): Promise<AuditEntry> {
  const last = await db.all<{ seq: number; hash: string }>(
    'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1',
  );
  const prev = last[0];
  const base = {
    seq: prev ? prev.seq + 1 : 1,
    ts: nowLocal(),
    actor,
    action,
    detailsJson: canonicalJson(details),
    prevHash: prev ? prev.hash : GENESIS,
  };
  const entry: AuditEntry = { ...base, hash: entryHash(base) };
  await db.run(
    'INSERT INTO audit_log VALUES ($seq, $ts::TIMESTAMP, $actor, $action, $details, $prev, $hash)',
    {
      seq: entry.seq,
      ts: entry.ts,
      actor: entry.actor,
      action: entry.action,
      details: entry.detailsJson,
      prev: entry.prevHash,
      hash: entry.hash,
    },
  );
  return entry;
}

export interface AuditVerification {
  readonly entries: number;
  readonly valid: boolean;
  /** First sequence number whose link or hash does not match, if any. */
  readonly brokenAt: number | null;
}

export async function verifyAuditChain(db: SqlRunner): Promise<AuditVerification> {
  const rows = await db.all<{
    seq: number;
    ts: string;
    actor: string;
    action: string;
    details_json: string;
    prev_hash: string;
    hash: string;
  }>('SELECT * FROM audit_log ORDER BY seq');
  let prevHash = GENESIS;
  let expectedSeq = 1;
  for (const r of rows) {
    const base = {
      seq: r.seq,
      ts: r.ts,
      actor: r.actor,
      action: r.action,
      detailsJson: r.details_json,
      prevHash: r.prev_hash,
    };
    if (r.seq !== expectedSeq || r.prev_hash !== prevHash || entryHash(base) !== r.hash) {
      return { entries: rows.length, valid: false, brokenAt: r.seq };
    }
    prevHash = r.hash;
    expectedSeq++;
  }
  return { entries: rows.length, valid: true, brokenAt: null };
}
