/**
 * A detection rule is a small self-describing unit (architecture.md): metadata here, plain SQL in
 * `<rule-id>.sql` beside it, and cases in `<rule-id>.cases.ts`. Every threshold is a typed parameter
 * with a default and a unit; the SQL refers to parameters as `$name` only.
 */
export type Severity = 'info' | 'low' | 'medium' | 'high' | 'critical';

export const SEVERITY_ORDER: readonly Severity[] = ['info', 'low', 'medium', 'high', 'critical'];

/** Legal categories of findings (环发〔2015〕175号, the marking rules, emergency orders). */
export type LegalCategory =
  '篡改' | '伪造' | '干扰采样' | '超标排放' | '未按规定运行治污设施' | '应急管控违规' | '数据质量';

export interface Text {
  readonly zh: string;
  readonly en: string;
}

export interface RuleParam {
  readonly name: string;
  readonly type: 'number' | 'integer' | 'string' | 'boolean';
  readonly default: number | string | boolean;
  readonly unit?: string;
  readonly description: Text;
  readonly min?: number;
  readonly max?: number;
}

/** Shared inputs the screening runner materialises once per run (see screening/prepare-inputs.ts). */
export type PreparedInput =
  | 'series_hour'
  | 'series_terms'
  | 'series_robust'
  | 'series_hod'
  | 'series_digits'
  | 'stat_pairs'
  | 'misaligned'
  | 'flag_context'
  | 'device_hour'
  | 'outlet_line_day'
  | 'outlet_hour'
  | 'device_state'
  | 'site_state'
  | 'device_profile'
  | 'device_edges'
  | 'line_units'
  | 'line_members';

export interface RuleDefinition {
  /** Stable id, equal to the folder name. */
  readonly id: string;
  /** Bumped whenever the SQL or a default changes; stamped into every finding. */
  readonly version: string;
  readonly title: Text;
  /** Why this pattern indicates falsification or a violation. */
  readonly rationale: Text;
  readonly legalCategory: LegalCategory;
  readonly legalBasis: Text;
  /** Canonical tables and prepared inputs the SQL reads. */
  readonly dataNeeded: readonly string[];
  readonly prepared: readonly PreparedInput[];
  readonly severity: Severity;
  readonly params: readonly RuleParam[];
  /** The false-positive pitfalls (domain.md) and how the rule avoids them. */
  readonly pitfalls: Text;
  /** Path of the SQL file, e.g. new URL('./flatline.sql', import.meta.url). */
  readonly sqlFile: URL;
}

/**
 * What every rule's SQL returns, one row per finding. NULL where not applicable.
 *   site_id, outlet_id, device_id VARCHAR; series_id INTEGER; code VARCHAR;
 *   start_ts, end_ts TIMESTAMP; score DOUBLE (rule-specific strength, higher = stronger);
 *   severity VARCHAR (NULL = the rule's default); summary_zh, summary_en VARCHAR;
 *   evidence: a STRUCT of the metrics behind the finding (stored as JSON).
 */
export const FINDING_COLUMNS = [
  'site_id',
  'outlet_id',
  'device_id',
  'series_id',
  'code',
  'start_ts',
  'end_ts',
  'score',
  'severity',
  'summary_zh',
  'summary_en',
  'evidence',
] as const;

export type ParamValues = Readonly<Record<string, number | string | boolean>>;

export function defaultParams(rule: RuleDefinition): ParamValues {
  return Object.fromEntries(rule.params.map((p) => [p.name, p.default]));
}
