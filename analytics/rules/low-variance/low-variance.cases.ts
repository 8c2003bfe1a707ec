import { expect } from 'vitest';
import { noise, seriesOf, type RuleCase } from '../rule-case';

const START = '2025-10-01 00:00:00';

/** Hourly values with a daily load cycle and noise; `quiet(day)` replaces a day by a smoothed one. */
function series(
  seed: number,
  days: number,
  base: number,
  amp: number,
  quiet: (day: number) => boolean = () => false,
  cycleShare = 0.15,
): number[] {
  const rnd = noise(seed);
  return Array.from({ length: days * 24 }, (_, h) => {
    const day = Math.floor(h / 24);
    const cycle = 1 + cycleShare * Math.sin((2 * Math.PI * (h % 24)) / 24);
    const v = quiet(day) ? base + 0.02 * rnd() : base * cycle + amp * (rnd() - 0.5);
    return Number(v.toFixed(2));
  });
}

const flow = (days: number, level = (_day: number) => 1) =>
  seriesOf(
    'G1',
    'a00000',
    START,
    series(99, days, 180, 10).map((v, h) => Number((v * level(Math.floor(h / 24))).toFixed(2))),
  );

export const lowVarianceCases: readonly RuleCase[] = [
  {
    name: 'one smoothed day while the plant runs',
    kind: 'positive',
    note: {
      zh: '第 21 天 SO2 折算值几乎不动（日标准差与日极差均不到平时的 10%），而流量正常',
      en: 'On day 21 converted SO2 barely moves (sd and range below 10% of normal) while the flow is normal',
    },
    data: {
      readings: [
        ...seriesOf(
          'G1',
          'a21026',
          START,
          series(1, 25, 30, 8, (d) => d === 20),
          { stat: 'zs_avg' },
        ),
        ...flow(25),
      ],
    },
    expectFindings: 1,
    check: (f) =>
      expect(f[0]).toMatchObject({
        outlet_id: 'G1',
        code: 'a21026',
        start_ts: '2025-10-21 00:00:00',
        end_ts: '2025-10-22 00:00:00',
        severity: 'medium',
      }),
  },
  {
    name: 'steady base-load gas turbine in its own history',
    kind: 'negative',
    note: {
      zh: '燃气轮机基荷运行，NOx 一直只有很小的波动：与自身历史相比并无骤降',
      en: 'A gas turbine at base load: NOx always varies very little, so no day is quiet relative to its own history',
    },
    data: {
      readings: seriesOf(
        'T1',
        'a21002',
        START,
        series(2, 25, 24, 0.3, () => false, 0.005),
        { stat: 'zs_avg' },
      ),
    },
    expectFindings: 0,
  },
  {
    name: 'idle day mislabelled N, and ultra-low particulate at the detection limit',
    kind: 'negative',
    note: {
      zh: '第 21 天实际停机（流量降到 5%）但仍标 N；超低排放颗粒物某天恒在 0.5 附近：均属正常平稳',
      en: 'Day 21 is actually idle (flow at 5%) though flagged N; ultra-low particulate sits at 0.5 one day: both genuinely quiet',
    },
    data: {
      readings: [
        ...seriesOf(
          'G1',
          'a21026',
          START,
          series(3, 25, 30, 8, (d) => d === 20),
          { stat: 'zs_avg' },
        ),
        ...flow(25, (d) => (d === 20 ? 0.05 : 1)),
        ...seriesOf(
          'G2',
          'a34013',
          START,
          series(4, 25, 1.5, 1, (d) => d === 20).map((v) => Math.max(v, 0.5)),
          {
            stat: 'zs_avg',
          },
        ),
      ],
    },
    expectFindings: 0,
  },
  {
    name: 'no verdict without reference days; consecutive quiet days merge',
    kind: 'edge',
    note: {
      zh: '第 5 天平稳但此前参考天数不足 10 天，不判定；第 20–21 天连续平稳合并为一条',
      en: 'Day 5 is quiet but has fewer than 10 reference days, so no verdict; days 20–21 merge into one finding',
    },
    data: {
      readings: seriesOf(
        'G1',
        'a21002',
        START,
        series(5, 25, 60, 15, (d) => d === 4 || d === 19 || d === 20),
        {
          stat: 'zs_avg',
        },
      ),
    },
    expectFindings: 1,
    check: (f) =>
      expect(f[0]).toMatchObject({
        start_ts: '2025-10-20 00:00:00',
        end_ts: '2025-10-22 00:00:00',
        score: expect.any(Number),
      }),
  },
];
