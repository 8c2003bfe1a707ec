import type { DuckDBValue } from '@duckdb/node-api';
import type { SqlRunner } from '../engine/database';
import { defaultParams, type ParamValues, type RuleDefinition } from '../rules/rule';
import { ruleSql, sqlParamNames } from '../rules/rule-sql';

/** Parameters of a run: the rule's defaults overridden by the caller's values (unknown names refused). */
export function resolveParams(rule: RuleDefinition, overrides: ParamValues = {}): ParamValues {
  const known = new Set(rule.params.map((p) => p.name));
  for (const name of Object.keys(overrides)) {
    if (!known.has(name)) throw new Error(`${rule.id}: unknown parameter ${name}`);
  }
  const values = { ...defaultParams(rule), ...overrides };
  for (const p of rule.params) {
    const v = values[p.name];
    const numeric = p.type === 'number' || p.type === 'integer';
    if (numeric && (typeof v !== 'number' || !Number.isFinite(v))) {
      throw new Error(`${rule.id}: parameter ${p.name} must be a number`);
    }
    if (p.type === 'integer' && !Number.isInteger(v))
      throw new Error(`${rule.id}: parameter ${p.name} must be an integer`);
    if (numeric && p.min !== undefined && (v as number) < p.min)
      throw new Error(`${rule.id}: ${p.name} < ${p.min}`);
    if (numeric && p.max !== undefined && (v as number) > p.max)
      throw new Error(`${rule.id}: ${p.name} > ${p.max}`);
  }
  return values;
}

/**
 * Run one rule's SQL into the temp table `rule_out` (the finding columns of rules/rule.ts). The
 * prepared inputs it needs must already exist on this connection.
 */
export async function evaluateRule(db: SqlRunner, rule: RuleDefinition, params: ParamValues): Promise<void> {
  const sql = ruleSql(rule).trim().replace(/;\s*$/, '');
  const used = sqlParamNames(sql);
  const bound: Record<string, DuckDBValue> = {};
  for (const name of used) {
    const v = params[name];
    if (v === undefined)
      throw new Error(`${rule.id}: the SQL uses $${name}, which is not a declared parameter`);
    bound[name] = v;
  }
  await db.run(`CREATE OR REPLACE TEMP TABLE rule_out AS ${sql}`, bound);
}
