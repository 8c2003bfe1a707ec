import type { GasOutlet, Site, WaterOutlet } from './city-layout';
import type { DemoPeriod } from './demo-period';
import type { LabelBook } from './label-book';
import type { SiteSchedule } from './operating-schedule';

/**
 * Look-alike labels that follow from an outlet's traits and its plant's genuine stops, for every
 * enterprise (scripted or not): fixed-hour calibration, particulate at the detection limit, dosing
 * control near the limit, shutdowns of a day or more, marked incinerator startups, batch analysers.
 */
export function addGasLookalikes(
  site: Site,
  outlet: GasOutlet,
  schedule: SiteSchedule,
  period: DemoPeriod,
  labels: LabelBook,
): void {
  const base = { siteId: site.siteId, outletId: outlet.outletId };
  if (outlet.calibrationHour !== null) {
    const hh = String(outlet.calibrationHour).padStart(2, '0');
    labels.add({
      ...base,
      kind: 'lookalike',
      rule: 'flag-abuse',
      start: 0,
      end: period.minutes,
      also: ['calibration-behaviour', 'om-company'],
      legal: '数据质量',
      zh: `CEMS每天${hh}:00自动零点/量程校准，数据标记C集中在固定小时，属正常质控，不应判为标记滥用。`,
      en: `Automatic daily zero/span calibration at ${hh}:00: C flags bunch at one hour of the day by design.`,
    });
  }
  if (outlet.ultraLowPm) {
    labels.add({
      ...base,
      kind: 'lookalike',
      rule: 'flatline',
      code: 'a34013',
      start: 0,
      end: period.minutes,
      also: ['low-variance', 'copy-paste', 'last-digit'],
      legal: '数据质量',
      zh: '超低排放机组颗粒物浓度长期处于0.1 mg/m³分辨率的检出限附近，数值经常连续重复，属真实低值。',
      en: 'Ultra-low particulate at the 0.1 mg/m³ resolution of the analyser: long runs of repeated values are genuine.',
    });
  }
  if (outlet.nearLimitNox) {
    labels.add({
      ...base,
      kind: 'lookalike',
      rule: 'limit-hugging',
      code: 'a21002',
      start: 0,
      end: period.minutes,
      legal: '数据质量',
      zh: '脱硝喷氨自动控制将NOx稳定在限值约86%附近，有正常波动和偶尔超调，不存在贴限截断。',
      en: 'SNCR/SCR dosing control holds NOx near 86% of the limit, with normal spread and the odd overshoot; nothing is cut at the limit.',
    });
  }
  const line = schedule.lines.get(outlet.lineId)!;
  const lineNo = site.lines.findIndex((l) => l.lineId === line.lineId) + 1;
  for (const stop of line.stops) {
    if (stop.reason === 'case' || stop.end - stop.start < 24 * 60) continue; // scripted stops carry their own label
    const order = stop.reason === 'order';
    labels.add({
      ...base,
      kind: 'lookalike',
      rule: 'flatline',
      deviceId: `${site.siteId}-P${lineNo}`,
      start: stop.start,
      end: stop.end,
      also: ['low-variance', 'gaps-high-load', 'marked-stopped-running'],
      legal: '数据质量',
      zh: `${order ? '按重污染应急要求停产' : '计划检修停产'}：数据标记F、生产设备断电、烟气流量接近0，属真实停运。`,
      en: `${order ? 'Stopped for the emergency order' : 'Planned maintenance stop'}: flags F, production power off, flow ~0; a genuine shutdown.`,
    });
  }
  if (site.sector === 'incineration' && !site.scripted) {
    for (const r of line.restarts) {
      labels.add({
        ...base,
        kind: 'lookalike',
        rule: 'exceedance',
        start: r,
        end: r + site.profile.startupHours * 60,
        legal: '数据质量',
        zh: '焚烧炉启炉阶段（已标记“启炉”）折算浓度超过小时限值，属标记豁免时段。',
        en: 'Furnace startup marked 启炉: hourly limit exceeded inside the exempt window.',
      });
    }
  }
}

export function addWaterLookalike(
  site: Site,
  outlet: WaterOutlet,
  period: DemoPeriod,
  labels: LabelBook,
): void {
  const batch = outlet.parameters.reduce((a, b) => (b.cycleHours > a.cycleHours ? b : a));
  labels.add({
    kind: 'lookalike',
    rule: 'flatline',
    siteId: site.siteId,
    outletId: outlet.outletId,
    code: batch.code,
    start: 0,
    end: period.minutes,
    also: ['low-variance', 'copy-paste'],
    legal: '数据质量',
    zh: `水质自动分析仪按${batch.cycleHours}小时周期测定，周期内各小时数值相同（批次分析仪保持值），不属恒值造假。`,
    en: `Batch analyser with a ${batch.cycleHours}-hour cycle: the value is held for every hour of its cycle; repeats are not fraud.`,
  });
}
