import type { RuleCase } from './rule-case';
import type { RuleDefinition } from './rule';
import { exceedance } from './exceedance/exceedance.rule';
import { exceedanceCases } from './exceedance/exceedance.cases';
import { flatline } from './flatline/flatline.rule';
import { flatlineCases } from './flatline/flatline.cases';
import { operationsRuleEntries } from './catalog-operations';
import { outletRuleEntries } from './catalog-outlet';
import { seriesRuleEntries } from './catalog-series';

/** Every rule of the detection catalog, listed explicitly, with its cases. */
export const catalogEntries: ReadonlyArray<{
  readonly rule: RuleDefinition;
  readonly cases: readonly RuleCase[];
}> = [
  { rule: flatline, cases: flatlineCases },
  { rule: exceedance, cases: exceedanceCases },
  ...seriesRuleEntries,
  ...outletRuleEntries,
  ...operationsRuleEntries,
];

export const catalog: readonly RuleDefinition[] = catalogEntries.map((e) => e.rule);

export function ruleById(id: string): RuleDefinition {
  const rule = catalog.find((r) => r.id === id);
  if (!rule) throw new Error(`Unknown rule: ${id}. Known: ${catalog.map((r) => r.id).join(', ')}`);
  return rule;
}
