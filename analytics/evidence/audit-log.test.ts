import { describe, expect, it } from 'vitest';
import { Database } from '../engine/database';
import { SCHEMA_V1_SQL } from '../model/schema-v1';
import { appendAudit, canonicalJson, verifyAuditChain } from './audit-log';

describe('audit log', () => {
  it('chains entries and detects any edit', async () => {
    const db = await Database.open(':memory:');
    await db.run(SCHEMA_V1_SQL);
    await appendAudit(db, 'a', 'case.create', { x: 1 });
    await appendAudit(db, 'a', 'import.file', { b: 2, a: [1, { z: 1, y: 2 }] });
    await appendAudit(db, 'a', 'case.close', {});
    expect(await verifyAuditChain(db)).toEqual({ entries: 3, valid: true, brokenAt: null });
    await db.run(`UPDATE audit_log SET details_json = '{"b":3}' WHERE seq = 2`);
    expect(await verifyAuditChain(db)).toEqual({ entries: 3, valid: false, brokenAt: 2 });
    db.close();
  });

  it('hashes details independently of key order', () => {
    expect(canonicalJson({ b: 1, a: { d: 1, c: 2 } })).toBe(canonicalJson({ a: { c: 2, d: 1 }, b: 1 }));
  });
});
