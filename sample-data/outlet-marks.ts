import type { MarkRecord } from './case-effects';
import type { GasOutlet, Site, WaterOutlet } from './city-layout';
import { FLAG_C } from './data-flags';
import type { DemoPeriod } from './demo-period';
import type { FlagWindow, GasRecords } from './gas-outlet-model';
import type { SiteSchedule } from './operating-schedule';
import type { WaterRecords } from './water-outlet-model';

/**
 * The marks (标记) an outlet's O&M log would export: automatic calibrations, maintenance and faults,
 * and the operator's stop/startup marks (停炉/启炉 under the waste-to-energy and thermal-power
 * rules, 停运 elsewhere). The exemption logic of the exceedance rule reads exactly these.
 */
export function gasOutletMarks(
  site: Site,
  outlet: GasOutlet,
  schedule: SiteSchedule,
  flagWindows: readonly FlagWindow[],
  rec: GasRecords,
  period: DemoPeriod,
): MarkRecord[] {
  const out: MarkRecord[] = [];
  const id = outlet.outletId;
  if (outlet.calibrationHour !== null) {
    // Automatic zero/span check: about 20 minutes at the start of the calibration hour.
    for (let h = outlet.calibrationHour; h < period.hours; h += 24) {
      if (rec.running[h] && rec.pollutants[0]!.flag[h] === FLAG_C) {
        out.push({
          outletId: id,
          start: h * 60,
          end: h * 60 + 20,
          mark: '校准',
          source: '自动',
          reason: '自动零点/量程校准',
        });
      }
    }
  }
  for (const w of flagWindows) {
    out.push({
      outletId: id,
      start: w.from * 60,
      end: w.to * 60,
      mark: w.flag === 'M' ? '维护' : '故障',
      source: w.flag === 'M' ? '人工' : '自动',
      reason: w.reason,
    });
  }
  const line = schedule.lines.get(outlet.lineId)!;
  const profile = site.profile;
  for (const stop of line.stops) {
    const reason =
      stop.reason === 'order' ? '重污染天气应急停产' : stop.reason === 'case' ? '停炉检修' : '计划检修';
    out.push({
      outletId: id,
      start: stop.start,
      end: stop.end,
      mark: profile.stopMark,
      source: '人工',
      reason,
    });
    if (profile.startMark && stop.end < period.minutes) {
      out.push({
        outletId: id,
        start: stop.end,
        end: Math.min(period.minutes, stop.end + profile.startupHours * 60),
        mark: profile.startMark,
        source: '人工',
        reason: '停炉后启炉',
      });
    }
  }
  return out;
}

/** Reagent changes of the batch analysers (flag M hours). */
export function waterOutletMarks(outlet: WaterOutlet, rec: WaterRecords): MarkRecord[] {
  return rec.maintenance.map((m) => ({
    outletId: outlet.outletId,
    start: m.from * 60,
    end: m.to * 60,
    mark: '维护',
    source: '人工',
    reason: '试剂更换',
  }));
}
