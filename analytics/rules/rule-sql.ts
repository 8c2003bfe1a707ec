import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RuleDefinition } from './rule';

/**
 * Rule SQL is kept in plain .sql files beside each rule. In a source checkout the file sits next to
 * the rule module; the desktop bundle copies analytics/rules/<id>/<id>.sql under a rules folder
 * named by ANALYST_RULES_DIR.
 */
const cache = new Map<string, string>();

export function ruleSql(rule: RuleDefinition): string {
  const hit = cache.get(rule.id);
  if (hit !== undefined) return hit;
  const bundled = process.env['ANALYST_RULES_DIR'];
  const file = bundled ? path.join(bundled, rule.id, `${rule.id}.sql`) : fileURLToPath(rule.sqlFile);
  const sql = readFileSync(file, 'utf8');
  cache.set(rule.id, sql);
  return sql;
}

/** `$name` placeholders used in a SQL text (ignoring string literals and comments). */
export function sqlParamNames(sql: string): string[] {
  const stripped = sql
    .replace(/--[^\n]*/g, '')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/'(?:[^']|'')*'/g, "''");
  return [...new Set([...stripped.matchAll(/\$([a-z_][a-z0-9_]*)/gi)].map((m) => m[1]!))].sort();
}
