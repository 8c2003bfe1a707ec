import type {
  DeviceEffect,
  MarkRecord,
  OutletEffect,
  RegionalEpisode,
  SiteCasePlan,
  StationEpisode,
} from './case-effects';
import type { CityLayout, FixedSiteSpec, Site } from './city-layout';
import type { DemoPeriod } from './demo-period';
import type { LabelBook } from './label-book';

/**
 * The planted case set: twelve scripted enterprises (E0001–E0012) and two ambient episodes, the same
 * at every city size. Day numbers are offsets from the period start; with the default start
 * 2025-09-15 (a Monday) day 22 is 2025-10-07, the first day of the orange alert.
 */

/** O&M company index shared by the coking plant E0003 and the thermal plants E0008/E0009. */
const SHARED_OM = 1;

export const CASE_ENTERPRISES: readonly FixedSiteSpec[] = [
  // E0001 printing: VOC treatment switched off in the afternoon; 5-minute sub-metering.
  {
    sector: 'printing',
    grade: 'C',
    omCompany: 0,
    county: 0,
    township: 0,
    formats: ['wide-utf8'],
    water: false,
    deviceIntervalMinutes: 5,
    auxiliary: false,
    calibrationHours: [null],
  },
  // E0002 steel sinter: flatlined CEMS; marked stopped while running.
  {
    sector: 'steel',
    grade: 'B-',
    omCompany: 2,
    county: 0,
    township: 1,
    formats: ['wide-gb18030'],
    water: false,
    deviceIntervalMinutes: 15,
    auxiliary: true,
    calibrationHours: [3],
  },
  // E0003 coking: whole days replayed from earlier days.
  {
    sector: 'coking',
    grade: 'B',
    omCompany: SHARED_OM,
    county: 1,
    township: 0,
    formats: ['hj212'],
    water: true,
    deviceIntervalMinutes: 15,
    auxiliary: false,
    calibrationHours: [null],
  },
  // E0004 cement: kiln keeps running through the orange alert although its measure says stop.
  {
    sector: 'cement',
    grade: 'C',
    omCompany: 2,
    county: 1,
    township: 1,
    formats: ['wide-utf8'],
    water: false,
    deviceIntervalMinutes: 15,
    auxiliary: false,
    calibrationHours: [null],
  },
  // E0005 waste-to-energy: marked furnace stop and startup (exempt), exceedances outside marks.
  {
    sector: 'incineration',
    grade: 'A',
    omCompany: 3,
    county: 2,
    township: 0,
    formats: ['hj212', 'hj212'],
    water: false,
    deviceIntervalMinutes: 15,
    auxiliary: true,
    calibrationHours: [4, 4],
  },
  // E0006 thermal power: ultra-low particulate at the detection limit; fixed-hour calibration.
  {
    sector: 'thermal',
    grade: 'A',
    omCompany: 0,
    county: 2,
    township: 1,
    formats: ['xlsx', 'wide-utf8'],
    water: false,
    deviceIntervalMinutes: 15,
    auxiliary: false,
    calibrationHours: [2, null],
    ultraLowPm: [true, false],
  },
  // E0007 chemical with wastewater: aeration blower at low power; batch analysers.
  {
    sector: 'chemical',
    grade: 'A',
    omCompany: 2,
    county: 3,
    township: 0,
    formats: ['wide-gb18030'],
    water: true,
    deviceIntervalMinutes: 15,
    auxiliary: false,
    calibrationHours: [null],
  },
  // E0008 thermal: maintenance/fault flags on high-load peaks; source of E0009's copied segment.
  {
    sector: 'thermal',
    grade: 'B',
    omCompany: SHARED_OM,
    county: 3,
    township: 1,
    formats: ['wide-utf8'],
    water: false,
    deviceIntervalMinutes: 15,
    auxiliary: false,
    calibrationHours: [null],
    baseFractions: { a21002: 0.66 },
  },
  // E0009 thermal: two days copied from E0008 (same O&M company); SO2 rounded to 0.05.
  {
    sector: 'thermal',
    grade: 'B',
    omCompany: SHARED_OM,
    county: 0,
    township: 2,
    formats: ['wide-gb18030'],
    water: false,
    deviceIntervalMinutes: 15,
    auxiliary: false,
    calibrationHours: [null],
  },
  // E0010 steel sinter: gaps after high values, NOx pinned under the limit, meter out during the order.
  {
    sector: 'steel',
    grade: 'B',
    omCompany: 3,
    county: 1,
    township: 2,
    formats: ['wide-gb18030'],
    water: false,
    deviceIntervalMinutes: 15,
    auxiliary: false,
    calibrationHours: [null],
    baseFractions: { a21002: 0.72 },
  },
  // E0011 coking: dilution air at night; span adjusted low at a calibration.
  {
    sector: 'coking',
    grade: 'B-',
    omCompany: 4,
    county: 2,
    township: 2,
    formats: ['wide-utf8'],
    water: true,
    deviceIntervalMinutes: 15,
    auxiliary: false,
    calibrationHours: [null],
  },
  // E0012 cement: wrong reference O2; frozen flow meter; NOx tuned near (not at) the limit; obeys the order.
  {
    sector: 'cement',
    grade: 'C',
    omCompany: 5,
    county: 3,
    township: 2,
    formats: ['hj212'],
    water: false,
    deviceIntervalMinutes: 15,
    auxiliary: false,
    calibrationHours: [null],
    nearLimitNox: [true],
  },
];

export interface CasePlan {
  readonly sites: ReadonlyMap<string, SiteCasePlan>;
  readonly stationEpisodes: readonly StationEpisode[];
  readonly regional: RegionalEpisode;
}

class SitePlanBuilder {
  ignoresOrder = false;
  readonly lineStops: { lineId: string; start: number; end: number }[] = [];
  readonly deviceEffects = new Map<string, DeviceEffect[]>();
  readonly outletEffects = new Map<string, OutletEffect[]>();
  readonly extraMarks: MarkRecord[] = [];
  orderTrucks: { stage4Share: number; volume: number } | null = null;

  device(id: string, effect: DeviceEffect): void {
    const list = this.deviceEffects.get(id) ?? [];
    list.push(effect);
    this.deviceEffects.set(id, list);
  }

  outlet(id: string, effect: OutletEffect): void {
    const list = this.outletEffects.get(id) ?? [];
    list.push(effect);
    this.outletEffects.set(id, list);
  }

  build(): SiteCasePlan {
    return {
      ignoresOrder: this.ignoresOrder,
      lineStops: this.lineStops,
      deviceEffects: this.deviceEffects,
      outletEffects: this.outletEffects,
      extraMarks: this.extraMarks,
      orderTrucks: this.orderTrucks,
    };
  }
}

const H = 60; // minutes per hour

export function planCases(layout: CityLayout, period: DemoPeriod, labels: LabelBook): CasePlan {
  const p = period;
  const site = (i: number): Site => layout.sites[i]!;
  const sites = new Map<string, SiteCasePlan>();
  const hourOf = (day: number, hour: number): number => p.hourAt(day, hour);
  const dayLabel = (day: number): string => p.iso(p.at(day, 0)).slice(0, 10);

  // --- E0001 printing: treatment off 14:00–16:00, late start, early stop -------------------------
  {
    const s = site(0);
    const b = new SitePlanBuilder();
    const fan = `${s.siteId}-T1`;
    const outlet = s.gasOutlets[0]!.outletId;
    const wd = p.workingDays(2, 22);
    for (const d of [wd[0]!, wd[2]!, wd[5]!, wd[7]!, wd[11]!]) {
      b.device(fan, { kind: 'off', start: p.at(d, 14), end: p.at(d, 16) });
      labels.add({
        kind: 'case',
        rule: 'treatment-off',
        siteId: s.siteId,
        outletId: outlet,
        deviceId: fan,
        start: p.at(d, 14),
        end: p.at(d, 16),
        legal: '未按规定运行治污设施',
        zh: `${dayLabel(d)} 14:00–16:00 印刷机正常生产，VOCs治理风机功率接近0（产治不同步），排口流量同步骤降，废气无组织排放。`,
        en: `On ${dayLabel(d)} 14:00–16:00 the press runs while the VOC treatment fan draws ~0 kW; the stack flow collapses because the exhaust escapes untreated.`,
        also: ['flow-consistency'],
      });
    }
    for (const d of [wd[1]!, wd[6]!]) {
      b.device(fan, { kind: 'late-start', day: d, minutes: 45 });
      labels.add({
        kind: 'case',
        rule: 'treatment-late-start',
        siteId: s.siteId,
        outletId: outlet,
        deviceId: fan,
        start: p.at(d, 7, 30),
        end: p.at(d, 9, 30),
        legal: '未按规定运行治污设施',
        zh: `${dayLabel(d)} 早班印刷机开机约45分钟后VOCs治理风机才启动（治污后开）。`,
        en: `On ${dayLabel(d)} the VOC treatment fan starts about 45 min after the press.`,
      });
    }
    for (const d of [wd[3]!, wd[9]!]) {
      b.device(fan, { kind: 'early-stop', day: d, minutes: 40 });
      labels.add({
        kind: 'case',
        rule: 'treatment-early-stop',
        siteId: s.siteId,
        outletId: outlet,
        deviceId: fan,
        // The stop falls at the end of that day's last production run, whose time depends on the
        // day's shift (about 17:00 on a Saturday): the label covers the afternoon and evening.
        start: p.at(d, 12, 0),
        end: p.at(d, 23, 0),
        legal: '未按规定运行治污设施',
        zh: `${dayLabel(d)} 收工前约40分钟VOCs治理风机已停机，印刷机仍在生产（治污先停）。`,
        en: `On ${dayLabel(d)} the VOC treatment fan stops about 40 min before the press.`,
      });
    }
    sites.set(s.siteId, b.build());
  }

  // --- E0002 steel: flatline; marked stopped while running ----------------------------------------
  {
    const s = site(1);
    const b = new SitePlanBuilder();
    const g = s.gasOutlets[0]!.outletId;
    const from = hourOf(6, 2);
    const to = hourOf(6, 20);
    b.outlet(g, { kind: 'flatline', from, to });
    labels.add({
      kind: 'case',
      rule: 'flatline',
      siteId: s.siteId,
      outletId: g,
      start: from * H,
      end: to * H,
      also: ['low-variance', 'load-decoupling'],
      legal: '伪造',
      zh: `${dayLabel(6)} 02:00–20:00 烧结机头SO2、NOx、颗粒物实测与折算浓度及氧含量连续18小时完全不变，而主抽风机负荷、烟气流量和温度正常波动（疑似模拟数据）。`,
      en: `${dayLabel(6)} 02:00–20:00: SO2, NOx, particulate (measured and converted) and O2 identical for 18 h while fan load, flow and temperature vary (simulated data).`,
    });
    const ms = hourOf(13, 8);
    const me = hourOf(13, 18);
    b.outlet(g, { kind: 'flag-all', from: ms, to: me, flag: 'F' });
    b.extraMarks.push({
      outletId: g,
      start: ms * H,
      end: me * H,
      mark: '停运',
      source: '人工',
      reason: '烧结机检修',
    });
    labels.add({
      kind: 'case',
      rule: 'marked-stopped-running',
      siteId: s.siteId,
      outletId: g,
      deviceId: `${s.siteId}-P1`,
      start: ms * H,
      end: me * H,
      also: ['flag-abuse'],
      legal: '篡改',
      zh: `${dayLabel(13)} 08:00–18:00 排口人工标记“停运”、数据标记F，但主抽风机满负荷运行、烟气流量和温度正常（标停未停）。`,
      en: `${dayLabel(13)} 08:00–18:00 the outlet is marked 停运 (flag F) while the main fan, flow and temperature show full production.`,
    });
    sites.set(s.siteId, b.build());
  }

  // --- E0003 coking: days replayed from earlier days ----------------------------------------------
  {
    const s = site(2);
    const b = new SitePlanBuilder();
    const g = s.gasOutlets[0]!.outletId;
    for (const [dst, src] of [
      [11, 4],
      [12, 5],
      [19, 13],
    ] as const) {
      b.outlet(g, { kind: 'copy-self', dstFrom: hourOf(dst, 0), srcFrom: hourOf(src, 0), hours: 24 });
      labels.add({
        kind: 'case',
        rule: 'copy-paste',
        siteId: s.siteId,
        outletId: g,
        start: p.at(dst, 0),
        end: p.at(dst + 1, 0),
        also: ['load-decoupling'],
        legal: '篡改',
        zh: `${dayLabel(dst)} 全天24小时监测数据（浓度、氧含量、流量、温度、标记）与 ${dayLabel(src)} 逐小时完全相同。`,
        en: `All 24 hourly records of ${dayLabel(dst)} (concentrations, O2, flow, temperature, flags) equal those of ${dayLabel(src)}.`,
        relatedOutletId: g,
        relatedStart: p.at(src, 0),
      });
    }
    sites.set(s.siteId, b.build());
  }

  // --- E0004 cement: production and trucks during the order ---------------------------------------
  {
    const s = site(3);
    const b = new SitePlanBuilder();
    b.ignoresOrder = true;
    b.orderTrucks = { stage4Share: 0.3, volume: 0.85 };
    labels.add({
      kind: 'case',
      rule: 'order-production',
      siteId: s.siteId,
      outletId: s.gasOutlets[0]!.outletId,
      deviceId: `${s.siteId}-P1`,
      start: p.orderStart,
      end: p.orderEnd,
      also: ['order-trucks'],
      legal: '应急管控违规',
      zh: '橙色预警期间（一厂一策要求熟料线停产），回转窑主电机持续运行，窑尾烟气流量、温度和NOx排放保持正常生产水平。',
      en: 'During the orange alert the kiln line must stop (一厂一策), yet the kiln drive stays on and kiln-tail flow, temperature and NOx stay at production levels.',
    });
    labels.add({
      kind: 'case',
      rule: 'order-trucks',
      siteId: s.siteId,
      start: p.orderStart,
      end: p.orderEnd,
      also: ['order-production'],
      legal: '应急管控违规',
      zh: '橙色预警期间仍有大量重型货车进出厂，其中约三成为国四车辆（熟料外运）。',
      en: 'During the orange alert heavy trucks keep entering and leaving, about 30% of them China IV (clinker shipments).',
    });
    sites.set(s.siteId, b.build());
  }

  // --- E0005 waste-to-energy: marked stop/startup (exempt), exceedances outside marks -------------
  {
    const s = site(4);
    const b = new SitePlanBuilder();
    const g1 = s.gasOutlets[0]!.outletId;
    const g2 = s.gasOutlets[1]!.outletId;
    const stopStart = p.at(8, 10);
    const restart = p.at(10, 2);
    b.lineStops.push({ lineId: s.lines[0]!.lineId, start: stopStart, end: restart });
    // The startup profile itself is the generic waste-to-energy one (gas-outlet-model.ts).
    labels.add({
      kind: 'lookalike',
      rule: 'flatline',
      siteId: s.siteId,
      outletId: g1,
      deviceId: `${s.siteId}-P1`,
      start: stopStart,
      end: restart,
      also: ['low-variance', 'marked-stopped-running', 'gaps-high-load', 'meter-outage'],
      legal: '数据质量',
      zh: `1#焚烧炉计划停炉（${p.iso(stopStart)} 至 ${p.iso(restart)}，已标记“停炉”）：数据标记F、一次风机断电、烟气流量接近0，属真实停运，不应判为恒值造假。`,
      en: `Furnace 1 genuinely stopped and marked 停炉: flags F, fan power off, flow ~0. Flat values here are not fraud.`,
    });
    labels.add({
      kind: 'lookalike',
      rule: 'exceedance',
      siteId: s.siteId,
      outletId: g1,
      start: restart,
      end: restart + 6 * H,
      also: ['o2-correction'],
      legal: '数据质量',
      zh: '1#焚烧炉启炉阶段（已标记“启炉”，6小时内）SO2和颗粒物折算浓度超过小时限值，按标记规则属豁免时段，不计超标。',
      en: 'Furnace 1 startup (marked 启炉, 6 h): SO2 and particulate exceed the hourly limit inside the exempt startup window; not a violation.',
    });
    const exceed: readonly [number, number, 'a21026' | 'a21002', readonly number[]][] = [
      [14, 15, 'a21026', [1.35, 1.5, 1.4]],
      [19, 9, 'a21002', [1.15, 1.25]],
      [27, 20, 'a21026', [1.3, 1.45, 1.5, 1.2]],
    ];
    for (const [d, h, code, fr] of exceed) {
      const from = hourOf(d, h);
      b.outlet(g1, { kind: 'level', codes: [code], from, fractions: fr });
      labels.add({
        kind: 'case',
        rule: 'exceedance',
        siteId: s.siteId,
        outletId: g1,
        code,
        start: from * H,
        end: (from + fr.length) * H,
        legal: '超标排放',
        zh: `${dayLabel(d)} ${String(h).padStart(2, '0')}:00 起连续${fr.length}小时${code === 'a21026' ? 'SO2' : 'NOx'}折算浓度超过小时限值，数据标记N且无任何工况标记。`,
        en: `${dayLabel(d)} from ${String(h).padStart(2, '0')}:00, ${fr.length} h of converted ${code === 'a21026' ? 'SO2' : 'NOx'} above the hourly limit, flag N, no mark.`,
      });
    }
    const bad = [hourOf(17, 10), hourOf(17, 11), hourOf(17, 12)];
    b.outlet(g2, { kind: 'avg-above-max', hours: bad });
    labels.add({
      kind: 'case',
      rule: 'physical-sanity',
      siteId: s.siteId,
      outletId: g2,
      start: bad[0]! * H,
      end: (bad[2]! + 1) * H,
      legal: '数据质量',
      zh: `${dayLabel(17)} 10:00–13:00 2#焚烧炉HJ 212小时包中污染物Avg大于Max（数采仪计算错误）。`,
      en: `${dayLabel(17)} 10:00–13:00: in furnace 2's HJ 212 hourly packets the pollutant Avg exceeds Max (logger bug).`,
    });
    sites.set(s.siteId, b.build());
  }

  // --- E0006 thermal: only the generic look-alikes (ultra-low particulate, daily calibration) ------
  sites.set(site(5).siteId, new SitePlanBuilder().build());

  // --- E0007 chemical: wastewater aeration blower at low power -------------------------------------
  {
    const s = site(6);
    const b = new SitePlanBuilder();
    const blower = s.devices.find((d) => d.treats === 'water')!.deviceId;
    const w = s.waterOutlets[0]!.outletId;
    const start = p.at(16, 0);
    const end = p.at(19, 0);
    b.device(blower, { kind: 'scale', start, end, factor: 0.35 });
    b.outlet(w, {
      kind: 'water-degraded',
      from: start / H,
      to: end / H,
      rampHours: 10,
      factors: { w21003: 4.5, w01018: 1.5, w21001: 1.35 },
    });
    labels.add({
      kind: 'case',
      rule: 'treatment-low-power',
      siteId: s.siteId,
      outletId: w,
      deviceId: blower,
      start,
      end,
      legal: '未按规定运行治污设施',
      zh: `${dayLabel(16)} 至 ${dayLabel(18)} 生产装置满负荷，污水处理曝气风机仅以正常功率约35%运行，出水氨氮、COD随之升高。`,
      en: `From ${dayLabel(16)} to ${dayLabel(18)} production is at full load while the aeration blower runs at ~35% of its typical power; effluent NH3-N and COD rise.`,
    });
    sites.set(s.siteId, b.build());
  }

  // --- E0008 thermal: flag abuse on high-load peaks ---------------------------------------------------
  {
    const s = site(7);
    const b = new SitePlanBuilder();
    const g = s.gasOutlets[0]!.outletId;
    const from = hourOf(3, 0);
    const to = hourOf(21, 0);
    b.outlet(g, { kind: 'flag-abuse', code: 'a21002', from, to, events: 8 });
    labels.add({
      kind: 'case',
      rule: 'flag-abuse',
      siteId: s.siteId,
      outletId: g,
      code: 'a21002',
      start: from * H,
      end: to * H,
      also: ['om-company'],
      legal: '篡改',
      zh: '高负荷时段NOx接近或超过限值时，数据多次被标记为维护(M)或故障(D)，使超标小时失效；前后小时均为高值。',
      en: 'Whenever NOx nears or exceeds the limit at high load, the hour is flagged M or D so it does not count; the neighbouring hours are high.',
    });
    sites.set(s.siteId, b.build());
  }

  // --- E0009 thermal: copied segment from E0008 (same O&M company); SO2 rounded to 0.05 -------------
  {
    const s = site(8);
    const src = site(7);
    const b = new SitePlanBuilder();
    const g = s.gasOutlets[0]!.outletId;
    const srcOutlet = src.gasOutlets[0]!.outletId;
    const dstFrom = hourOf(18, 0);
    const srcFrom = hourOf(9, 0);
    b.outlet(g, { kind: 'copy-outlet', sourceOutletId: srcOutlet, srcFrom, dstFrom, hours: 48 });
    labels.add({
      kind: 'case',
      rule: 'copy-paste',
      siteId: s.siteId,
      outletId: g,
      start: dstFrom * H,
      end: (dstFrom + 48) * H,
      also: ['om-company', 'load-decoupling'],
      legal: '篡改',
      zh: `${dayLabel(18)}–${dayLabel(19)} 共48小时的SO2、NOx、颗粒物和氧含量与 ${src.siteId} 在 ${dayLabel(9)}–${dayLabel(10)} 的数据逐小时相同，两家企业由同一运维单位运维。`,
      en: `48 hours of SO2, NOx, particulate and O2 from ${dayLabel(18)} equal ${src.siteId}'s values from ${dayLabel(9)}, hour by hour; both plants share one O&M company.`,
      relatedOutletId: srcOutlet,
      relatedStart: srcFrom * H,
    });
    labels.add({
      kind: 'case',
      rule: 'om-company',
      siteId: s.siteId,
      outletId: g,
      start: dstFrom * H,
      end: (dstFrom + 48) * H,
      also: ['copy-paste'],
      legal: '篡改',
      zh: `运维单位“${s.omCompany}”同时运维 ${src.siteId}、${s.siteId} 和 ${site(2).siteId}，两家企业出现相同数据片段，应按运维单位汇总核查。`,
      en: `O&M company ${s.omCompany} serves ${src.siteId}, ${s.siteId} and ${site(2).siteId}; two of them report an identical segment.`,
      relatedOutletId: srcOutlet,
      relatedStart: srcFrom * H,
    });
    const qFrom = hourOf(1, 0);
    const qTo = hourOf(15, 0);
    b.outlet(g, { kind: 'quantum', code: 'a21026', from: qFrom, to: qTo, step: 0.05 });
    labels.add({
      kind: 'case',
      rule: 'last-digit',
      siteId: s.siteId,
      outletId: g,
      code: 'a21026',
      start: qFrom * H,
      end: qTo * H,
      legal: '篡改',
      zh: '两周内SO2实测浓度末位数字只有0和5（人工修约或录入），末位数字分布严重偏离均匀分布。',
      en: 'For two weeks the last digit of measured SO2 is only 0 or 5 (hand-rounded values).',
    });
    sites.set(s.siteId, b.build());
  }

  // --- E0010 steel: gaps after highs, NOx pinned under the limit, meter outage during the order ------
  {
    const s = site(9);
    const b = new SitePlanBuilder();
    b.ignoresOrder = true;
    const g = s.gasOutlets[0]!.outletId;
    for (const [d, h] of [
      [3, 10],
      [6, 15],
      [9, 11],
      [12, 16],
    ] as const) {
      const gap = hourOf(d, h);
      b.outlet(g, { kind: 'level', codes: ['a21002', 'a21026'], from: gap - 1, fractions: [0.93] });
      b.outlet(g, { kind: 'drop-rows', from: gap, to: gap + 4 });
      b.outlet(g, { kind: 'level', codes: ['a21002', 'a21026'], from: gap + 4, fractions: [0.36, 0.42] });
      labels.add({
        kind: 'case',
        rule: 'gaps-high-load',
        siteId: s.siteId,
        outletId: g,
        start: gap * H,
        end: (gap + 4) * H,
        legal: '篡改',
        zh: `${dayLabel(d)} ${String(h).padStart(2, '0')}:00 起数据缺失4小时；缺失前NOx折算值约为限值的93%，恢复后骤降至约40%，生产负荷不变（选择性缺失）。`,
        en: `${dayLabel(d)} from ${String(h).padStart(2, '0')}:00, 4 h missing; the hour before sits at ~93% of the NOx limit, the hours after at ~40%, load unchanged.`,
      });
    }
    const capFrom = hourOf(14, 0);
    const capTo = hourOf(28, 0);
    b.outlet(g, {
      kind: 'limit-cap',
      code: 'a21002',
      from: capFrom,
      to: capTo,
      rawFraction: 0.97,
      lo: 0.9,
      hi: 0.995,
    });
    labels.add({
      kind: 'case',
      rule: 'limit-hugging',
      siteId: s.siteId,
      outletId: g,
      code: 'a21002',
      start: capFrom * H,
      end: capTo * H,
      also: ['low-variance'],
      legal: '篡改',
      zh: '两周内NOx折算浓度大量堆积在限值的90%–99.5%之间，从不超过限值（削峰、贴限排放），而前两周分布正常。',
      en: 'For two weeks converted NOx piles up at 90–99.5% of the limit and never crosses it (peak shaving), unlike the two weeks before.',
    });
    const mStart = p.orderStart + 2 * H;
    const mEnd = p.at(24, 14);
    b.device(`${s.siteId}-P1`, { kind: 'missing', start: mStart, end: mEnd });
    labels.add({
      kind: 'case',
      rule: 'meter-outage',
      siteId: s.siteId,
      outletId: g,
      deviceId: `${s.siteId}-P1`,
      start: mStart,
      end: mEnd,
      also: ['order-production'],
      legal: '篡改',
      zh: '橙色预警期间主抽风机分表计电数据中断约40小时，同期CEMS烟气流量显示满负荷生产（一厂一策要求限产30%）。',
      en: 'During the orange alert the main-fan meter goes silent for ~40 h while CEMS flow shows full production (the measure requires a 30% cut).',
    });
    sites.set(s.siteId, b.build());
  }

  // --- E0011 coking: night-time dilution; span adjusted low at a calibration ------------------------
  {
    const s = site(10);
    const b = new SitePlanBuilder();
    const g = s.gasOutlets[0]!.outletId;
    for (const d of [5, 7, 9, 16, 20]) {
      const from = hourOf(d, 0);
      b.outlet(g, { kind: 'dilution', from, to: from + 7, o2Delta: 4.5, concFactor: 0.5 });
      labels.add({
        kind: 'case',
        rule: 'dilution',
        siteId: s.siteId,
        outletId: g,
        start: from * H,
        end: (from + 7) * H,
        legal: '干扰采样',
        zh: `${dayLabel(d)} 00:00–07:00 采样点氧含量升高约4.5个百分点，实测浓度下降约一半，负荷与烟气流量不变（采样管路掺入空气稀释）。`,
        en: `${dayLabel(d)} 00:00–07:00: O2 at the analyser up ~4.5 points and measured concentrations halved while load and stack flow are unchanged (air leaked into the sample line).`,
      });
    }
    const at = hourOf(26, 10);
    b.outlet(g, { kind: 'flag-all', from: at, to: at + 1, flag: 'C' });
    b.outlet(g, { kind: 'calibration-step', code: 'a21026', at: at + 1, factor: 0.62 });
    b.extraMarks.push({
      outletId: g,
      start: at * H,
      end: at * H + 40,
      mark: '校准',
      source: '人工',
      reason: '量程校准',
    });
    labels.add({
      kind: 'case',
      rule: 'calibration-behaviour',
      siteId: s.siteId,
      outletId: g,
      code: 'a21026',
      start: at * H,
      end: (at + 3) * H,
      legal: '篡改',
      zh: `${dayLabel(26)} 10:00 人工校准后SO2实测浓度较校准前下降约38%并保持，负荷和其他参数无变化（量程被调低）。`,
      en: `After a manual calibration at ${dayLabel(26)} 10:00 measured SO2 drops ~38% and stays there with unchanged load (span adjusted low).`,
    });
    sites.set(s.siteId, b.build());
  }

  // --- E0012 cement: wrong reference O2; frozen flow -------------------------------------------------
  {
    const s = site(11);
    const b = new SitePlanBuilder();
    const g = s.gasOutlets[0]!.outletId;
    const from = hourOf(3, 0);
    const to = hourOf(8, 0);
    b.outlet(g, { kind: 'o2-wrong-ref', from, to, wrongRef: 13 });
    labels.add({
      kind: 'case',
      rule: 'o2-correction',
      siteId: s.siteId,
      outletId: g,
      start: from * H,
      end: to * H,
      legal: '篡改',
      zh: '5天内折算浓度按基准氧含量13%计算（水泥窑应为10%），折算值系统性偏低约27%，与实测值和氧含量不一致。',
      en: 'For 5 days converted values are computed with a 13% reference O2 instead of 10%, about 27% too low and inconsistent with measured values and O2.',
    });
    const fFrom = hourOf(15, 0);
    const fTo = hourOf(18, 0);
    b.outlet(g, { kind: 'flow-freeze', from: fFrom, to: fTo });
    labels.add({
      kind: 'case',
      rule: 'flow-consistency',
      siteId: s.siteId,
      outletId: g,
      code: 'a00000',
      start: fFrom * H,
      end: fTo * H,
      also: ['load-decoupling'],
      legal: '篡改',
      zh: '3天内标干流量几乎恒定，而烟气流速和窑负荷正常波动，流量与流速、温度、湿度推算值不符，排放量被人为固定。',
      en: 'For 3 days the standard flow is nearly constant while velocity and kiln load vary; it no longer matches the flow implied by velocity, temperature and humidity.',
    });
    sites.set(s.siteId, b.build());
  }

  // --- Ambient stations: a local high-value episode, and the regional episode behind the order -----
  const local: StationEpisode = { stationId: 'ST0104', from: hourOf(11, 19), to: hourOf(12, 3), factor: 4.5 };
  labels.add({
    kind: 'case',
    rule: 'station-high-value',
    stationId: local.stationId,
    start: local.from * H,
    end: local.to * H,
    legal: '数据质量',
    zh: `${dayLabel(11)} 19:00 至次日03:00，该乡镇站PM2.5、PM10小时浓度达到同县其他站点的4倍以上（局地污染源，如散煤或露天焚烧），需溯源。`,
    en: `${dayLabel(11)} 19:00 to 03:00 next day: this township station's PM2.5/PM10 run over 4× its county peers (a local source such as loose coal or open burning).`,
  });
  const regional: RegionalEpisode = {
    from: hourOf(20, 0),
    peakFrom: hourOf(22, 0),
    peakTo: hourOf(24, 18),
    to: hourOf(25, 12),
    peakFactor: 4.2,
  };
  labels.add({
    kind: 'lookalike',
    rule: 'station-high-value',
    start: regional.from * H,
    end: regional.to * H,
    legal: '数据质量',
    zh: '区域性重污染过程（触发橙色预警）：全市所有站点PM2.5同步升高，属区域传输，不应判为单站高值。',
    en: 'Regional heavy-pollution episode (behind the orange alert): every station rises together; not a local high value.',
  });

  return { sites, stationEpisodes: [local], regional };
}
