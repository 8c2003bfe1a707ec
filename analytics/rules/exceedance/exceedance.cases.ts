import { expect } from 'vitest';
import { seriesOf, type RuleCase } from '../rule-case';

const zs = (values: number[], flag?: (i: number) => string) =>
  seriesOf('I1', 'a21002', '2025-10-01 00:00:00', values, { stat: 'zs_avg', ...(flag ? { flag } : {}) });
const limits = [{ outlet_id: 'I1', code: 'a21002', limit_value: 250 }];
const base = Array.from({ length: 24 }, (_, i) => 150 + (i % 5) * 10);

export const exceedanceCases: readonly RuleCase[] = [
  {
    name: 'three consecutive hours above the limit',
    kind: 'positive',
    note: { zh: '焚烧炉 NOx 折算值连续 3 小时超过 250', en: 'Incinerator NOx above 250 for 3 hours' },
    data: { limits, readings: zs(base.map((v, i) => (i >= 10 && i < 13 ? 300 + i : v))) },
    expectFindings: 1,
    check: (f) =>
      expect(f[0]).toMatchObject({
        outlet_id: 'I1',
        start_ts: '2025-10-01 10:00:00',
        end_ts: '2025-10-01 13:00:00',
      }),
  },
  {
    name: 'exceedance inside a marked start-up window is exempt',
    kind: 'negative',
    note: {
      zh: '启炉标记期间的超标按标记规则豁免',
      en: 'Exceedance inside a 启炉 (start-up) mark is exempt',
    },
    data: {
      limits,
      marks: [
        { outlet_id: 'I1', start_ts: '2025-10-01 08:00:00', end_ts: '2025-10-01 14:00:00', mark: '启炉' },
      ],
      readings: zs(base.map((v, i) => (i >= 10 && i < 13 ? 400 : v))),
    },
    expectFindings: 0,
  },
  {
    name: 'start-up after a stop, and flagged hours',
    kind: 'edge',
    note: {
      zh: '停运后 4 小时内的超标和非 N 标记小时不计，之后的超标计入',
      en: 'Exceedances within 4 h after a stop and non-N hours are not counted; a later one is',
    },
    data: {
      limits,
      readings: zs(
        base.map((v, i) => (i === 3 || i === 5 || i === 20 ? 500 : v)),
        (i) => (i < 2 ? 'F' : i === 20 ? 'M' : 'N'),
      ).concat(seriesOf('I1', 'a21002', '2025-10-02 00:00:00', [260], { stat: 'zs_avg' })),
    },
    expectFindings: 1,
    check: (f) => expect(f[0]!.start_ts).toBe('2025-10-02 00:00:00'),
  },
];
