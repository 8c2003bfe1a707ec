import type { RuleCase } from './rule-case';
import type { RuleDefinition } from './rule';
import { calibrationBehaviour } from './calibration-behaviour/calibration-behaviour.rule';
import { calibrationBehaviourCases } from './calibration-behaviour/calibration-behaviour.cases';
import { dilution } from './dilution/dilution.rule';
import { dilutionCases } from './dilution/dilution.cases';
import { flagAbuse } from './flag-abuse/flag-abuse.rule';
import { flagAbuseCases } from './flag-abuse/flag-abuse.cases';
import { flowConsistency } from './flow-consistency/flow-consistency.rule';
import { flowConsistencyCases } from './flow-consistency/flow-consistency.cases';
import { gapsHighLoad } from './gaps-high-load/gaps-high-load.rule';
import { gapsHighLoadCases } from './gaps-high-load/gaps-high-load.cases';
import { loadDecoupling } from './load-decoupling/load-decoupling.rule';
import { loadDecouplingCases } from './load-decoupling/load-decoupling.cases';
import { o2Correction } from './o2-correction/o2-correction.rule';
import { o2CorrectionCases } from './o2-correction/o2-correction.cases';
import { physicalSanity } from './physical-sanity/physical-sanity.rule';
import { physicalSanityCases } from './physical-sanity/physical-sanity.cases';

/** Group B: outlet-level physics and flag rules on `outlet_hour` (and `series_hour`). */
export const outletRuleEntries: ReadonlyArray<{ rule: RuleDefinition; cases: readonly RuleCase[] }> = [
  { rule: o2Correction, cases: o2CorrectionCases },
  { rule: dilution, cases: dilutionCases },
  { rule: flowConsistency, cases: flowConsistencyCases },
  { rule: loadDecoupling, cases: loadDecouplingCases },
  { rule: physicalSanity, cases: physicalSanityCases },
  { rule: flagAbuse, cases: flagAbuseCases },
  { rule: calibrationBehaviour, cases: calibrationBehaviourCases },
  { rule: gapsHighLoad, cases: gapsHighLoadCases },
];
