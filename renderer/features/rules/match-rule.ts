import type { RuleInfo } from '../../../analytics/api';

/**
 * Everything a search may hit, in both languages whatever the UI shows: an analyst reading the
 * English UI still types 恒值, and a Chinese reader may search for a parameter name.
 */
export function ruleSearchText(rule: RuleInfo, extra: readonly string[] = []): string {
  return [
    rule.id,
    rule.version,
    rule.title.zh,
    rule.title.en,
    rule.rationale.zh,
    rule.rationale.en,
    rule.legalCategory,
    rule.legalBasis.zh,
    rule.legalBasis.en,
    rule.pitfalls.zh,
    rule.pitfalls.en,
    rule.severity,
    ...rule.dataNeeded,
    ...rule.params.flatMap((p) => [p.name, p.description.zh, p.description.en]),
    ...extra,
  ]
    .join('\n')
    .toLowerCase();
}

/** Every whitespace-separated term of the query must occur; an empty query matches everything. */
export function matchesQuery(text: string, query: string): boolean {
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
  return terms.every((term) => text.includes(term));
}
