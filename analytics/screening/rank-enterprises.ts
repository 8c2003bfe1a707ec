import type { SqlRunner } from '../engine/database';
import { SEVERITY_ORDER } from '../rules/rule';

/**
 * Per-enterprise risk ranking from the findings. Independent corroboration is what makes a case:
 * a frozen CEMS series plus treatment power off plus trucks during an order is far stronger than
 * fifty outliers from one rule. So the score is
 *
 *   risk = (1 + 0.5 (distinct evidence sources - 1) + 0.25 (distinct rules - 1)) x sum over rules of w(rule)
 *   w(rule) = severity weight of the rule's strongest finding + 0.5 log2(1 + number of its findings)
 *
 * with severity weights info 0, low 1, medium 3, high 6, critical 10. Evidence sources are the kinds
 * of data a rule reads (CEMS values, flags and marks, electricity, orders, trucks), so two CEMS rules
 * corroborate less than a CEMS rule and an electricity rule. Info findings do not rank.
 */
export const SEVERITY_WEIGHT: Readonly<Record<string, number>> = {
  info: 0,
  low: 1,
  medium: 3,
  high: 6,
  critical: 10,
};

export type EvidenceSource = 'cems' | 'flags' | 'power' | 'orders' | 'trucks' | 'air';

/** The evidence source of each rule id (rules not listed count as CEMS values). */
export const RULE_SOURCE: Readonly<Record<string, EvidenceSource>> = {
  'flag-abuse': 'flags',
  'calibration-behaviour': 'flags',
  'gaps-high-load': 'flags',
  'marked-stopped-running': 'flags',
  'treatment-off': 'power',
  'treatment-late-start': 'power',
  'treatment-early-stop': 'power',
  'treatment-low-power': 'power',
  'meter-outage': 'power',
  'load-decoupling': 'power',
  'order-production': 'orders',
  'order-trucks': 'trucks',
  'station-high-value': 'air',
};

export interface RankedEnterprise {
  readonly siteId: string;
  readonly siteName: string | null;
  readonly county: string | null;
  readonly industry: string | null;
  readonly omCompany: string | null;
  readonly risk: number;
  readonly findings: number;
  readonly rules: number;
  readonly sources: readonly string[];
  readonly maxSeverity: string;
  readonly reasons: ReadonlyArray<{
    readonly ruleId: string;
    readonly findings: number;
    readonly maxSeverity: string;
    readonly weight: number;
  }>;
}

export async function rankEnterprises(db: SqlRunner, limit = 100): Promise<RankedEnterprise[]> {
  const sourceCase = Object.entries(RULE_SOURCE)
    .map(([id, src]) => `WHEN '${id}' THEN '${src}'`)
    .join(' ');
  const sev = `[${SEVERITY_ORDER.map((s) => `'${s}'`).join(', ')}]`;
  const weights = `MAP {${Object.entries(SEVERITY_WEIGHT)
    .map(([k, v]) => `'${k}': ${v}`)
    .join(', ')}}`;
  const rows = await db.all<{
    site_id: string;
    site_name: string | null;
    county: string | null;
    industry: string | null;
    om_company: string | null;
    risk: number;
    findings: number;
    rules: number;
    sources: string[];
    max_severity: string;
    reasons: { rule_id: string; n: number; max_severity: string; weight: number }[];
  }>(
    `WITH per_rule AS (
       SELECT site_id, rule_id, count(*) AS n,
              ${sev}[max(list_position(${sev}, severity))] AS max_severity,
              CASE rule_id ${sourceCase} ELSE 'cems' END AS source
       FROM findings WHERE site_id IS NOT NULL AND severity <> 'info'
       GROUP BY site_id, rule_id
     ), weighted AS (
       SELECT *, ${weights}[max_severity] + 0.5 * log2(1 + n) AS weight FROM per_rule
     )
     SELECT w.site_id, s.site_name, s.county, s.industry, s.om_company,
            round((1 + 0.5 * (count(DISTINCT source) - 1) + 0.25 * (count(*) - 1)) * sum(weight), 2) AS risk,
            sum(n) AS findings, count(*) AS rules, list_sort(list_distinct(list(source))) AS sources,
            ${sev}[max(list_position(${sev}, max_severity))] AS max_severity,
            list(struct_pack(rule_id := rule_id, n := n, max_severity := max_severity, weight := round(weight, 2))
                 ORDER BY weight DESC, rule_id) AS reasons
     FROM weighted w LEFT JOIN sites s USING (site_id)
     GROUP BY w.site_id, s.site_name, s.county, s.industry, s.om_company
     ORDER BY risk DESC, w.site_id
     LIMIT ${Math.max(1, Math.floor(limit))}`,
  );
  return rows.map((r) => ({
    siteId: r.site_id,
    siteName: r.site_name,
    county: r.county,
    industry: r.industry,
    omCompany: r.om_company,
    risk: r.risk,
    findings: r.findings,
    rules: r.rules,
    sources: r.sources,
    maxSeverity: r.max_severity,
    reasons: r.reasons.map((x) => ({
      ruleId: x.rule_id,
      findings: x.n,
      maxSeverity: x.max_severity,
      weight: x.weight,
    })),
  }));
}
