import { describe, expect, it } from 'vitest';
import { Database } from '../engine/database';
import { SCHEMA_V1_SQL } from '../model/schema-v1';
import { evaluateRule, resolveParams } from '../screening/evaluate-rule';
import { prepareInputs } from '../screening/prepare-inputs';
import { FINDING_ID_SQL } from '../screening/run-screening';
import { catalogEntries } from './catalog';
import type { CaseFinding } from './rule-case';
import { loadCaseData } from './rule-case';
import { FINDING_COLUMNS, SEVERITY_ORDER } from './rule';
import { ruleSql, sqlParamNames } from './rule-sql';

/**
 * One test for the whole catalog: metadata is complete, every $param is declared and every declared
 * param is used, the SQL returns the finding columns, and every rule's cases pass on an in-memory
 * case database.
 */
describe('detection catalog', () => {
  it('has unique ids equal to their folders, and complete metadata', () => {
    const ids = catalogEntries.map((e) => e.rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { rule, cases } of catalogEntries) {
      expect(rule.sqlFile.pathname).toMatch(new RegExp(`/rules/${rule.id}/${rule.id}\\.sql$`));
      expect(rule.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(rule.version).toMatch(/^\d+\.\d+\.\d+$/);
      for (const t of [rule.title, rule.rationale, rule.legalBasis, rule.pitfalls]) {
        expect(t.zh.length).toBeGreaterThan(0);
        expect(t.en.length).toBeGreaterThan(0);
      }
      expect(SEVERITY_ORDER).toContain(rule.severity);
      for (const p of rule.params) expect(p.description.zh && p.description.en).toBeTruthy();
      const kinds = new Set(cases.map((c) => c.kind));
      expect(
        [...kinds].sort(),
        `${rule.id} needs a positive, a look-alike negative and an edge case`,
      ).toEqual(['edge', 'negative', 'positive']);
    }
  });

  it('declares every $param its SQL uses, and uses every declared param', () => {
    for (const { rule } of catalogEntries) {
      const used = sqlParamNames(ruleSql(rule));
      expect(used, rule.id).toEqual(rule.params.map((p) => p.name).sort());
    }
  });

  for (const { rule, cases } of catalogEntries) {
    describe(rule.id, () => {
      for (const c of cases) {
        it(`${c.kind}: ${c.name}`, async () => {
          const db = await Database.open(':memory:');
          try {
            await db.run(SCHEMA_V1_SQL);
            await loadCaseData(db, c.data);
            await prepareInputs(db, rule.prepared);
            await evaluateRule(db, rule, resolveParams(rule, c.params));
            const columns = await db.all<{ column_name: string }>(
              "SELECT column_name FROM duckdb_columns() WHERE table_name = 'rule_out' ORDER BY column_index",
            );
            expect(columns.map((x) => x.column_name)).toEqual([...FINDING_COLUMNS]);
            const findings = await db.all<CaseFinding & Record<string, string | number | null>>(
              `SELECT site_id, outlet_id, device_id, code, start_ts, end_ts, score, coalesce(severity, '${rule.severity}') AS severity
               FROM rule_out ORDER BY start_ts, outlet_id, device_id`,
            );
            expect(findings, JSON.stringify(findings)).toHaveLength(c.expectFindings);
            c.check?.(findings);
            // Every finding gets its own id (the screening run stores them under a primary key).
            const [ids] = await db.all<{ n: number; distinct: number }>(
              `SELECT count(*) AS n, count(DISTINCT ${FINDING_ID_SQL}) AS distinct
               FROM rule_out r LEFT JOIN outlets o ON o.outlet_id = r.outlet_id
               LEFT JOIN devices dv ON dv.device_id = r.device_id`,
              { id: rule.id, version: rule.version, params: JSON.stringify(c.params ?? {}) },
            );
            expect(ids?.distinct).toBe(ids?.n);
          } finally {
            db.close();
          }
        });
      }
    });
  }
});
