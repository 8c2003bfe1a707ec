import { expect } from 'vitest';
import { noise, seriesOf, type RuleCase } from '../rule-case';

const START = '2025-10-01 00:00:00';

function hourly(seed: number, n: number, base: number): number[] {
  const rnd = noise(seed);
  return Array.from({ length: n }, (_, h) =>
    Number(
      (base * (1 + 0.1 * Math.sin((2 * Math.PI * (h % 24)) / 24)) + 0.1 * base * (rnd() - 0.5)).toFixed(2),
    ),
  );
}

const set = (values: readonly number[], at: Record<number, number>) => values.map((v, i) => at[i] ?? v);

export const robustOutlierCases: readonly RuleCase[] = [
  {
    name: 'two hours of NOx collapse to a tenth',
    kind: 'positive',
    note: {
      zh: '运行中 NOx 折算值在第 37–38 小时骤降到平时的 1/10，随后恢复',
      en: 'While running, converted NOx falls to a tenth at hours 37–38, then recovers',
    },
    data: {
      readings: seriesOf('G1', 'a21002', START, set(hourly(1, 72, 80), { 37: 8.1, 38: 7.9 }), {
        stat: 'zs_avg',
      }),
    },
    expectFindings: 1,
    check: (f) =>
      expect(f[0]).toMatchObject({
        outlet_id: 'G1',
        start_ts: '2025-10-02 13:00:00',
        end_ts: '2025-10-02 15:00:00',
        severity: 'low',
      }),
  },
  {
    name: 'shutdown and start-up ramps around a stop, and an upward spike',
    kind: 'negative',
    note: {
      zh: '停炉前 2 小时浓度下降、停运（F）10 小时、启炉后浓度由低爬升：开停机过渡是真实的；向上尖峰不在默认的偏低方向',
      en: 'Values fall in the 2 hours before a stop, 10 stopped hours (F), values climb after the restart: real transitions; an upward spike is not on the default low side',
    },
    data: {
      readings: seriesOf(
        'G1',
        'a21002',
        START,
        set(hourly(2, 96, 80), { 30: 30, 31: 6, 42: 5, 43: 12, 44: 30, 45: 55, 70: 400 }),
        { stat: 'zs_avg', flag: (i) => (i >= 32 && i < 42 ? 'F' : 'N') },
      ),
    },
    expectFindings: 0,
  },
  {
    name: 'quantised flat data: one quantum is not an outlier, a real drop is',
    kind: 'edge',
    note: {
      zh: '颗粒物长期为 2.0（IQR = 0），一次变为 2.1 不算离群（σ 下限）；一次降到 0.2 算离群；side = both 时向上尖峰也报',
      en: 'Particulate sits at 2.0 (IQR = 0): one step to 2.1 is not an outlier (sigma floor); a drop to 0.2 is; with side = both an upward spike is reported too',
    },
    params: { side: 'both' },
    data: {
      readings: seriesOf('G1', 'a34013', START, set(Array(72).fill(2.0), { 30: 2.1, 40: 0.2, 60: 9.5 }), {
        stat: 'zs_avg',
      }),
    },
    expectFindings: 2,
    check: (f) => {
      expect(f.map((x) => x.start_ts)).toEqual(['2025-10-02 16:00:00', '2025-10-03 12:00:00']);
    },
  },
];
