import { expect } from 'vitest';
import { noise, seriesOf, type RuleCase } from '../rule-case';

const START = '2025-10-01 00:00:00';

/** A smooth measured series with noise, rounded to `decimals`. */
function measured(seed: number, n: number, base: number, spread: number, decimals = 2): number[] {
  const rnd = noise(seed);
  return Array.from({ length: n }, (_, h) =>
    Number(
      (base * (1 + 0.2 * Math.sin((2 * Math.PI * (h % 24)) / 24)) + spread * (rnd() - 0.5)).toFixed(decimals),
    ),
  );
}

/** Hand rounding to the nearest 0.05 (last digit only 0 or 5). */
const toFives = (v: number) => Number((Math.round(v * 20) / 20).toFixed(2));

export const lastDigitCases: readonly RuleCase[] = [
  {
    name: 'three weeks of SO2 hand-rounded to 0.05',
    kind: 'positive',
    note: {
      zh: '10 月 11–31 日 SO2 实测浓度末位只有 0 和 5（人工修约），11 月恢复正常',
      en: 'From 11 to 31 October measured SO2 ends only in 0 or 5 (hand-rounded); normal again in November',
    },
    data: {
      readings: seriesOf(
        'G1',
        'a21026',
        START,
        measured(1, 40 * 24, 30, 10).map((v, h) => (h >= 10 * 24 && h < 31 * 24 ? toFives(v) : v)),
      ),
    },
    expectFindings: 1,
    check: (f) =>
      expect(f[0]).toMatchObject({
        outlet_id: 'G1',
        code: 'a21026',
        start_ts: '2025-10-01 00:00:00',
        end_ts: '2025-11-01 00:00:00',
        severity: 'medium',
      }),
  },
  {
    name: 'integer flow, ultra-low particulate and a batch analyser',
    kind: 'negative',
    note: {
      zh: '标干流量为整数（末位小数恒为 0）；超低排放颗粒物在 0.1 分辨率附近（波动接近分辨率）；总氮分析仪每 4 小时出一个结果并保持：末位分布都属正常',
      en: 'Standard flow is reported as integers (the decimal is always 0); ultra-low particulate moves at the 0.1 resolution; a total-nitrogen analyser holds each result for its 4-hour cycle: all normal',
    },
    data: {
      readings: [
        ...seriesOf('G1', 'a00000', START, measured(2, 40 * 24, 180000, 30000, 0)),
        ...seriesOf(
          'G1',
          'a34013',
          START,
          measured(3, 40 * 24, 0.6, 0.4, 1).map((v) => Math.max(v, 0.1)),
        ),
        ...seriesOf(
          'W1',
          'w21001',
          START,
          measured(6, 40 * 24, 12, 6).map((v, h, all) => all[h - (h % 4)]!),
        ),
      ],
    },
    expectFindings: 0,
  },
  {
    name: 'too few values in a month, and minute data rolled up to hours',
    kind: 'edge',
    note: {
      zh: '一个月只有 90 个修约值（少于 100）不检验；由分钟数据汇总的小时均值没有“报告的末位数字”',
      en: 'A month with only 90 rounded values (below 100) is not tested; hourly means rolled up from minute data have no reported last digit',
    },
    data: {
      readings: [
        ...seriesOf('G1', 'a21026', START, measured(4, 90, 30, 10).map(toFives)),
        ...seriesOf('G2', 'a21002', START, measured(5, 6 * 24 * 20, 80, 20).map(toFives), {
          stepMinutes: 10,
        }),
      ],
    },
    expectFindings: 0,
  },
  {
    name: 'a month reported at one decimal fewer is a precision drop: low only',
    kind: 'edge',
    note: {
      zh: '数采仪设置变化，11 月 NOx 只报 1 位小数（第 2 位恒为 0）：末位检验会报出，但只作低级别（精度降低，非修约特征）',
      en: 'A logger setting changes and November NOx is reported with one decimal (the second is always 0): flagged, but low only (a precision drop, not the rounding signature)',
    },
    data: {
      readings: seriesOf(
        'G1',
        'a21002',
        START,
        measured(9, 61 * 24, 80, 30).map((v, h) => (h >= 31 * 24 ? Number(v.toFixed(1)) : v)),
      ),
    },
    expectFindings: 1,
    check: (f) => expect(f[0]).toMatchObject({ start_ts: '2025-11-01 00:00:00', severity: 'low' }),
  },
  {
    name: 'pooled Benford on daily mass (optional)',
    kind: 'edge',
    note: {
      zh: '开启合并本福特检验：各企业日排放量跨三个数量级，但首位数字都是 5（人工填报），报一条全市提示',
      en: 'Pooled Benford switched on: daily masses span three decades but all start with 5 (hand-filled), giving one city-wide info finding',
    },
    params: { benford_pooled: true },
    data: {
      readings: Array.from({ length: 12 }, (_, k) =>
        seriesOf(
          `M${k}`,
          'a21026',
          START,
          // hourly kg so that each daily total is 5.0–5.5 × 10^e, e = -1 … 2
          Array.from({ length: 40 * 24 }, (_, h) =>
            Number((((5 + ((h * 7 + k) % 10) / 20) * 10 ** ((k % 4) - 1)) / 24).toFixed(5)),
          ),
          { stat: 'cou' },
        ),
      ).flat(),
    },
    expectFindings: 1,
    check: (f) => expect(f[0]).toMatchObject({ outlet_id: null, code: 'cou', severity: 'info' }),
  },
];
