import { expect } from 'vitest';
import { noise, seriesOf, type CaseReading, type RuleCase } from '../rule-case';

const T0 = '2025-10-01 00:00:00';
const outlets = [{ outlet_id: 'T1', site_id: 'S6', media: 'gas', o2_ref: 6 }];
const limits = [{ outlet_id: 'T1', code: 'a21002', limit_value: 100 }];
const r2 = (x: number) => Math.round(x * 100) / 100;

/** Converted and measured NOx of a thermal unit, `days` days, with per-hour value and flag overrides. */
function nox(
  days: number,
  value: (i: number, base: number) => number,
  flag: (i: number) => string,
): CaseReading[] {
  const rnd = noise(41);
  const zs = Array.from({ length: days * 24 }, (_, i) => r2(value(i, 50 + 10 * rnd())));
  return [
    ...seriesOf('T1', 'a21002', T0, zs, { stat: 'zs_avg', flag }),
    ...seriesOf(
      'T1',
      'a21002',
      T0,
      zs.map((v) => r2(v * 0.8)),
      { flag },
    ),
  ];
}

/** Five high-load peaks (hours 30, 70, 110, 150, 190): 0.9 L, then two flagged hours at 1.25 L, then 0.88 L. */
const PEAKS = [30, 70, 110, 150, 190];
const peakValue = (i: number, base: number) => {
  for (const p of PEAKS) {
    const k = i - p + 1;
    if (k >= 0 && k < 4) return [90, 125, 118, 88][k]!;
  }
  return base;
};
const peakFlag = (i: number) => (PEAKS.some((p) => i === p || i === p + 1) ? (i % 2 === 0 ? 'M' : 'D') : 'N');

export const flagAbuseCases: readonly RuleCase[] = [
  {
    name: 'maintenance and fault flags on the hours that would exceed',
    kind: 'positive',
    note: {
      zh: '5 次高峰中超过限值的 2 小时都被标记为维护(M)/故障(D)，前后小时接近限值',
      en: 'In 5 peaks the 2 hours above the limit are flagged M or D, with the hours around them near the limit',
    },
    data: { outlets, limits, readings: nox(10, peakValue, peakFlag) },
    expectFindings: 1,
    check: (f) =>
      expect(f[0]).toMatchObject({
        outlet_id: 'T1',
        start_ts: '2025-10-02 06:00:00',
        end_ts: '2025-10-09 00:00:00',
        severity: 'medium',
      }),
  },
  {
    name: 'daily automatic calibration at 03:00 next to high values',
    kind: 'negative',
    note: {
      zh: '每天 03:00 固定自动校准（C 标记），且夜间数值接近限值：定时校准属正常质控，不报',
      en: 'A daily automatic calibration at 03:00 (C flag) while night values sit near the limit: scheduled QA, no finding',
    },
    data: {
      outlets,
      limits,
      readings: nox(
        20,
        (i, base) => (i % 24 >= 1 && i % 24 <= 5 ? 85 + (base - 50) / 2 : base),
        (i) => (i % 24 === 3 ? 'C' : 'N'),
      ),
    },
    expectFindings: 0,
  },
  {
    name: 'S (manually entered) flag on NOx for 2 hours',
    kind: 'edge',
    note: {
      zh: '主要污染物 NOx 出现 2 小时 S 标记（人工输入值），即使只有一天也定为高等级',
      en: 'Two hours of S (manually entered) flags on NOx: high severity even on a single day',
    },
    data: {
      outlets,
      limits,
      readings: nox(
        2,
        (_, b) => b,
        (i) => (i === 20 || i === 21 ? 'S' : 'N'),
      ),
    },
    expectFindings: 1,
    check: (f) =>
      expect(f[0]).toMatchObject({
        code: 'a21002',
        start_ts: '2025-10-01 20:00:00',
        end_ts: '2025-10-01 22:00:00',
        severity: 'high',
      }),
  },
  {
    name: 'three calibrations in one day',
    kind: 'edge',
    note: {
      zh: '一天内 3 次校准（超过每日 2 次），单日出现定为低等级',
      en: 'Three calibrations in one day (more than 2): low severity on a single day',
    },
    data: {
      outlets,
      limits,
      readings: nox(
        3,
        (_, b) => b,
        (i) => ([26, 32, 40].includes(i) ? 'C' : 'N'),
      ),
    },
    expectFindings: 1,
    check: (f) =>
      expect(f[0]).toMatchObject({
        start_ts: '2025-10-02 00:00:00',
        end_ts: '2025-10-03 00:00:00',
        severity: 'low',
      }),
  },
];
