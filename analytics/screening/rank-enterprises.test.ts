import { describe, expect, it } from 'vitest';
import { Database } from '../engine/database';
import { SCHEMA_V1_SQL } from '../model/schema-v1';
import { rankEnterprises } from './rank-enterprises';

async function withFindings(rows: Array<[site: string, rule: string, severity: string]>) {
  const db = await Database.open(':memory:');
  await db.run(SCHEMA_V1_SQL);
  await db.run("INSERT INTO sites (site_id, site_name) VALUES ('A', '甲厂'), ('B', '乙厂'), ('C', '丙厂')");
  let i = 0;
  for (const [site, rule, severity] of rows) {
    await db.run(
      `INSERT INTO findings VALUES ($id, 'run', $rule, '1.0.0', '{}', $sev, 1, $site, NULL, NULL, NULL, NULL,
        NULL, NULL, 's', 's', '{}', '[]', now()::TIMESTAMP)`,
      { id: `f${i++}`, rule, sev: severity, site },
    );
  }
  return db;
}

describe('enterprise ranking', () => {
  it('rewards corroboration across rules and evidence sources over many findings of one rule', async () => {
    const db = await withFindings([
      // A: one rule, many high findings
      ...Array.from({ length: 20 }, (): [string, string, string] => ['A', 'flatline', 'high']),
      // B: three independent sources agree
      ['B', 'flatline', 'high'],
      ['B', 'treatment-off', 'high'],
      ['B', 'order-trucks', 'medium'],
      // C: only info findings: not ranked
      ['C', 'robust-outlier', 'info'],
    ]);
    const ranked = await rankEnterprises(db);
    expect(ranked.map((r) => r.siteId)).toEqual(['B', 'A']);
    expect(ranked[0]).toMatchObject({
      rules: 3,
      sources: ['cems', 'power', 'trucks'],
      maxSeverity: 'high',
      siteName: '乙厂',
    });
    expect(ranked[0]!.reasons.map((r) => r.ruleId)).toEqual(['flatline', 'treatment-off', 'order-trucks']);
    expect(ranked[1]).toMatchObject({ findings: 20, rules: 1 });
    db.close();
  });
});
