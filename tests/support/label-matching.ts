import type { DemoLabel } from '../../sample-data/generate-demo-city';

/** A finding as stored in the case (the columns label matching needs). */
export interface StoredFinding {
  readonly rule_id: string;
  readonly severity: string;
  readonly site_id: string | null;
  readonly outlet_id: string | null;
  readonly device_id: string | null;
  readonly code: string | null;
  readonly start_ts: string | null;
  readonly end_ts: string | null;
  readonly evidence_json: string;
  readonly summary_en: string;
}

const MEDIUM_PLUS = new Set(['medium', 'high', 'critical']);

export function isMediumPlus(f: StoredFinding): boolean {
  return MEDIUM_PLUS.has(f.severity);
}

/**
 * A finding points at a label when their times overlap (a finding without times covers its whole
 * series), it is about the label's pollutant when both name one, and it names the label's
 * enterprise, outlet, device or station — company-level and station findings name theirs in the
 * evidence.
 */
export function findingMatchesLabel(f: StoredFinding, l: DemoLabel): boolean {
  const overlaps = (f.start_ts ?? '0000') < l.end && (f.end_ts ?? '9999') > l.start;
  if (!overlaps) return false;
  // a label about one pollutant is not matched by a finding about another one of the same outlet
  if (l.code && f.code && f.code !== l.code) return false;
  if (l.outlet_id && f.outlet_id === l.outlet_id) return true;
  if (l.device_id && f.device_id === l.device_id) return true;
  if (l.site_id && f.site_id === l.site_id) return true;
  const text = `${f.evidence_json} ${f.summary_en}`;
  if (l.station_id && text.includes(l.station_id)) return true;
  if (l.site_id && f.site_id === null && text.includes(l.site_id)) return true;
  return false;
}

export interface RuleQuality {
  readonly rule: string;
  readonly cases: number;
  readonly found: number;
  readonly findings: number;
  readonly matched: number;
}

/** Per rule: recall over planted cases, precision of its medium+ findings against all case labels. */
export function ruleQuality(
  labels: readonly DemoLabel[],
  findings: readonly StoredFinding[],
  rules: readonly string[],
): RuleQuality[] {
  const cases = labels.filter((l) => l.kind === 'case');
  return rules.map((rule) => {
    const own = findings.filter((f) => f.rule_id === rule);
    const expected = cases.filter((l) => l.expected_rule === rule);
    const related = cases.filter((l) => l.expected_rule === rule || l.also_rules.split(';').includes(rule));
    const strong = own.filter(isMediumPlus);
    return {
      rule,
      cases: expected.length,
      found: expected.filter((l) => own.some((f) => findingMatchesLabel(f, l))).length,
      findings: strong.length,
      matched: strong.filter((f) => related.some((l) => findingMatchesLabel(f, l))).length,
    };
  });
}

export function formatQuality(rows: readonly RuleQuality[]): string {
  const pct = (a: number, b: number) => (b === 0 ? '   -' : `${Math.round((100 * a) / b)}%`.padStart(4));
  return [
    'rule                      cases found recall  medium+ matched precision',
    ...rows.map(
      (r) =>
        `${r.rule.padEnd(25)} ${String(r.cases).padStart(5)} ${String(r.found).padStart(5)}   ${pct(r.found, r.cases)}  ${String(
          r.findings,
        ).padStart(7)} ${String(r.matched).padStart(7)}      ${pct(r.matched, r.findings)}`,
    ),
  ].join('\n');
}
