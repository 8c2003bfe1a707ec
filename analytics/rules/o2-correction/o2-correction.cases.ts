import { expect } from 'vitest';
import { noise, seriesOf, type CaseReading, type RuleCase } from '../rule-case';

const T0 = '2025-10-01 00:00:00';
const outlets = [{ outlet_id: 'K1', site_id: 'S1', media: 'gas', o2_ref: 10 }];
const r2 = (x: number) => Math.round(x * 100) / 100;

/** A cement kiln tail (reference O2 10 %): measured NOx, O2 and the converted value from `zsOf`. */
function kiln(
  hours: number,
  zsOf: (avg: number, o2: number, i: number) => number,
  opts: { seed?: number; stepMinutes?: number } = {},
): CaseReading[] {
  const rnd = noise(opts.seed ?? 3);
  const o2 = Array.from({ length: hours }, () => r2(7.5 + rnd()));
  const avg = Array.from({ length: hours }, () => r2(95 + 12 * rnd()));
  const zs = avg.map((a, i) => r2(zsOf(a, o2[i]!, i)));
  const o = { stepMinutes: opts.stepMinutes ?? 60 };
  return [
    ...seriesOf('K1', 'a19001', T0, o2, o),
    ...seriesOf('K1', 'a21002', T0, avg, o),
    ...seriesOf('K1', 'a21002', T0, zs, { ...o, stat: 'zs_avg' }),
  ];
}
const correct = (ref: number) => (a: number, o2: number) => (a * (21 - ref)) / (21 - o2);

export const o2CorrectionCases: readonly RuleCase[] = [
  {
    name: 'converted with a 13 % reference instead of 10 % for 12 hours',
    kind: 'positive',
    note: {
      zh: '水泥窑尾 NOx 折算值 12 小时按基准氧含量 13% 计算，系统性偏低约 27%',
      en: 'Kiln-tail NOx converted at a 13 % reference O2 for 12 hours, about 27 % too low',
    },
    data: {
      outlets,
      readings: kiln(36, (a, o2, i) => (i >= 12 && i < 24 ? correct(13)(a, o2) : correct(10)(a, o2))),
    },
    expectFindings: 1,
    check: (f) =>
      expect(f[0]).toMatchObject({
        outlet_id: 'K1',
        code: 'a21002',
        start_ts: '2025-10-01 12:00:00',
        end_ts: '2025-10-02 00:00:00',
        severity: 'high',
      }),
  },
  {
    name: 'averaging-order scatter of ±7 % around the correct value',
    kind: 'negative',
    note: {
      zh: '数采仪以瞬时折算值求平均，单小时偏离 ±7%，但中位数正确（平均顺序效应），不应报出',
      en: 'A logger averaging instantaneous converted values scatters single hours by ±7 %, median correct (averaging-order effect): no finding',
    },
    data: { outlets, readings: kiln(24, (a, o2, i) => correct(10)(a, o2) * (i % 2 === 0 ? 1.07 : 0.93)) },
    expectFindings: 0,
  },
  {
    name: 'near-ambient O2 and start-up marks are not judged',
    kind: 'negative',
    note: {
      zh: 'O2>19% 时折算系数失真、启炉标记期间氧含量剧烈变化，均不判',
      en: 'O2 above 19 % (factor explodes) and hours inside a start-up mark are not judged',
    },
    data: {
      outlets,
      marks: [
        { outlet_id: 'K1', start_ts: '2025-10-01 06:00:00', end_ts: '2025-10-01 12:00:00', mark: '启炉' },
      ],
      readings: [
        ...kiln(12, (a, o2, i) => (i >= 6 ? a * 3 : correct(10)(a, o2))),
        ...seriesOf('K1', 'a19001', '2025-10-01 12:00:00', [19.6, 19.8, 19.9, 19.7]),
        ...seriesOf('K1', 'a21002', '2025-10-01 12:00:00', [12, 10, 9, 11]),
        ...seriesOf('K1', 'a21002', '2025-10-01 12:00:00', [80, 80, 80, 80], { stat: 'zs_avg' }),
      ],
    },
    expectFindings: 0,
  },
  {
    name: 'no correction applied for 4 hours (converted = measured)',
    kind: 'edge',
    note: {
      zh: '4 小时折算值等于实测值（反推基准氧含量≈实测氧含量），短于 12 小时定为中等级',
      en: 'Converted equals measured for 4 hours (implied reference O2 ≈ measured O2); shorter than 12 h, so medium',
    },
    data: { outlets, readings: kiln(16, (a, o2, i) => (i >= 6 && i < 10 ? a : correct(10)(a, o2))) },
    expectFindings: 1,
    check: (f) =>
      expect(f[0]).toMatchObject({
        start_ts: '2025-10-01 06:00:00',
        end_ts: '2025-10-01 10:00:00',
        severity: 'medium',
      }),
  },
  {
    name: 'minute data tolerate a 7 % offset that hourly data would not',
    kind: 'edge',
    note: {
      zh: '由 10 分钟数据汇总的小时容差为 10%，7% 的偏差不报',
      en: 'Hours rolled up from 10-minute data have a 10 % tolerance; a 7 % offset is not reported',
    },
    data: { outlets, readings: kiln(36, (a, o2) => correct(10)(a, o2) * 1.07, { stepMinutes: 10 }) },
    expectFindings: 0,
  },
];
