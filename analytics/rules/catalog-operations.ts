import type { RuleCase } from './rule-case';
import type { RuleDefinition } from './rule';
import { markedStoppedRunning } from './marked-stopped-running/marked-stopped-running.rule';
import { markedStoppedRunningCases } from './marked-stopped-running/marked-stopped-running.cases';
import { meterOutage } from './meter-outage/meter-outage.rule';
import { meterOutageCases } from './meter-outage/meter-outage.cases';
import { omCompany } from './om-company/om-company.rule';
import { omCompanyCases } from './om-company/om-company.cases';
import { orderProduction } from './order-production/order-production.rule';
import { orderProductionCases } from './order-production/order-production.cases';
import { orderTrucks } from './order-trucks/order-trucks.rule';
import { orderTrucksCases } from './order-trucks/order-trucks.cases';
import { stationHighValue } from './station-high-value/station-high-value.rule';
import { stationHighValueCases } from './station-high-value/station-high-value.cases';
import { treatmentEarlyStop } from './treatment-early-stop/treatment-early-stop.rule';
import { treatmentEarlyStopCases } from './treatment-early-stop/treatment-early-stop.cases';
import { treatmentLateStart } from './treatment-late-start/treatment-late-start.rule';
import { treatmentLateStartCases } from './treatment-late-start/treatment-late-start.cases';
import { treatmentLowPower } from './treatment-low-power/treatment-low-power.rule';
import { treatmentLowPowerCases } from './treatment-low-power/treatment-low-power.cases';
import { treatmentOff } from './treatment-off/treatment-off.rule';
import { treatmentOffCases } from './treatment-off/treatment-off.cases';

/**
 * Catalog section C (operations): sub-metering (E1–E4, E7), emergency orders (E5, trucks), marks vs
 * power (E6), O&M companies (F13) and ambient stations (§5.4). Merged into catalog.ts by the lead.
 */
export const operationsRuleEntries: ReadonlyArray<{
  readonly rule: RuleDefinition;
  readonly cases: readonly RuleCase[];
}> = [
  { rule: treatmentOff, cases: treatmentOffCases },
  { rule: treatmentLateStart, cases: treatmentLateStartCases },
  { rule: treatmentEarlyStop, cases: treatmentEarlyStopCases },
  { rule: treatmentLowPower, cases: treatmentLowPowerCases },
  { rule: orderProduction, cases: orderProductionCases },
  { rule: markedStoppedRunning, cases: markedStoppedRunningCases },
  { rule: meterOutage, cases: meterOutageCases },
  { rule: orderTrucks, cases: orderTrucksCases },
  { rule: omCompany, cases: omCompanyCases },
  { rule: stationHighValue, cases: stationHighValueCases },
];
