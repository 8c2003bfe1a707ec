import type { RuleCase } from './rule-case';
import type { RuleDefinition } from './rule';
import { copyPaste } from './copy-paste/copy-paste.rule';
import { copyPasteCases } from './copy-paste/copy-paste.cases';
import { hourOfDayBaseline } from './hour-of-day-baseline/hour-of-day-baseline.rule';
import { hourOfDayBaselineCases } from './hour-of-day-baseline/hour-of-day-baseline.cases';
import { lastDigit } from './last-digit/last-digit.rule';
import { lastDigitCases } from './last-digit/last-digit.cases';
import { levelShift } from './level-shift/level-shift.rule';
import { levelShiftCases } from './level-shift/level-shift.cases';
import { limitHugging } from './limit-hugging/limit-hugging.rule';
import { limitHuggingCases } from './limit-hugging/limit-hugging.cases';
import { lowVariance } from './low-variance/low-variance.rule';
import { lowVarianceCases } from './low-variance/low-variance.cases';
import { robustOutlier } from './robust-outlier/robust-outlier.rule';
import { robustOutlierCases } from './robust-outlier/robust-outlier.cases';

/**
 * Group A of the detection catalog: series-statistics rules on the prepared `series_hour` table
 * (F1 low variance, F2 limit hugging, F3 copy-paste, digit tests, robust and seasonal outliers,
 * level shifts). Merged into catalog.ts by the lead.
 */
export const seriesRuleEntries: ReadonlyArray<{
  readonly rule: RuleDefinition;
  readonly cases: readonly RuleCase[];
}> = [
  { rule: lowVariance, cases: lowVarianceCases },
  { rule: copyPaste, cases: copyPasteCases },
  { rule: limitHugging, cases: limitHuggingCases },
  { rule: lastDigit, cases: lastDigitCases },
  { rule: robustOutlier, cases: robustOutlierCases },
  { rule: levelShift, cases: levelShiftCases },
  { rule: hourOfDayBaseline, cases: hourOfDayBaselineCases },
];
