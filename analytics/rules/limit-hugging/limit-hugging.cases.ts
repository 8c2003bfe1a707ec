import { expect } from 'vitest';
import { noise, seriesOf, type RuleCase } from '../rule-case';

const START = '2025-09-01 00:00:00';
const LIMIT = 100;
const limits = [{ outlet_id: 'S1', code: 'a21002', limit_value: LIMIT }];

/** Approximately normal values (mean, sd) from a seeded uniform stream. */
function gaussian(seed: number, n: number, mean: (h: number) => number, sd: number): number[] {
  const rnd = noise(seed);
  return Array.from({ length: n }, (_, h) => {
    let s = 0;
    for (let k = 0; k < 6; k++) s += rnd();
    return mean(h) + sd * (s - 3) * Math.SQRT2;
  });
}

/** Peak shaving: every value above lo·L is rewritten into [lo·L, hi·L). */
function shave(values: readonly number[], seed: number, lo = 0.9, hi = 0.995): number[] {
  const rnd = noise(seed);
  return values.map((v) => (v >= lo * LIMIT ? LIMIT * (lo + (hi - lo) * rnd()) : v));
}

const round2 = (v: number[]) => v.map((x) => Number(x.toFixed(2)));
const nox = (values: number[]) => seriesOf('S1', 'a21002', START, round2(values), { stat: 'zs_avg' });

const days = 40;
const reference = gaussian(1, 20 * 24, () => 75, 9);
const raised = gaussian(2, 20 * 24, () => 92, 9);

export const limitHuggingCases: readonly RuleCase[] = [
  {
    name: 'peaks shaved under the limit in the second half',
    kind: 'positive',
    note: {
      zh: '烧结机头 NOx 后 20 天运行水平升高，但凡超过 90% 限值的小时都被改写到 90%–99.5%，日最大值连续 20 天贴在限值下方',
      en: 'Sinter NOx runs higher in the last 20 days, yet every hour above 90% of the limit is rewritten into 90–99.5%; daily maxima sit just under the limit for 20 days',
    },
    data: { limits, readings: nox([...reference, ...shave(raised, 3)]) },
    expectFindings: 1,
    check: (f) => {
      expect(f[0]).toMatchObject({ outlet_id: 'S1', code: 'a21002', severity: 'medium' });
      expect(f[0]!.end_ts).toBe('2025-10-11 00:00:00');
    },
  },
  {
    name: 'SNCR dosing tuned near the limit, with normal spread and overshoots',
    kind: 'negative',
    note: {
      zh: '脱硝喷氨自动控制把 NOx 稳定在限值约 86%，有正常波动和偶尔超调，分布在限值处连续',
      en: 'SNCR dosing holds NOx near 86% of the limit with normal spread and the odd overshoot; the distribution is continuous at the limit',
    },
    data: { limits, readings: nox(gaussian(4, days * 24, () => 86, 6)) },
    expectFindings: 0,
  },
  {
    name: 'hugging from the first day: no reference period, a low lead only',
    kind: 'edge',
    note: {
      zh: '序列从一开始就贴限，没有可比的参考期：只能作为低级别线索；无限值的序列不参与',
      en: 'The series hugs from its first day, so there is no reference period: a low lead only; a series without a limit is ignored',
    },
    data: {
      limits,
      readings: [
        ...nox(
          shave(
            gaussian(5, 30 * 24, () => 92, 9),
            6,
          ),
        ),
        ...seriesOf(
          'S1',
          'a21026',
          START,
          round2(
            shave(
              gaussian(7, 30 * 24, () => 92, 9),
              8,
            ),
          ),
          { stat: 'zs_avg' },
        ),
      ],
    },
    expectFindings: 1,
    check: (f) => expect(f[0]).toMatchObject({ code: 'a21002', severity: 'low' }),
  },
];
