import { expect } from 'vitest';
import { seriesOf, type RuleCase } from '../rule-case';
import { device, power } from '../treatment-off/operations-fixtures';

const hours = (n: number, f: (i: number) => number) => Array.from({ length: n }, (_, i) => f(i));

export const markedStoppedRunningCases: readonly RuleCase[] = [
  {
    name: 'sinter outlet marked 停运 08:00–18:00 while the main fan runs at full load',
    kind: 'positive',
    note: {
      zh: '烧结机头排口人工标记停运，但主抽风机满负荷运行（标停未停）',
      en: 'Sinter outlet manually marked stopped while the main fan runs at full load',
    },
    data: {
      outlets: [{ outlet_id: 'G1', site_id: 'S1', media: 'gas' }],
      devices: [device('P1', 'S1', 'production', 'L1', '烧结主抽风机')],
      marks: [
        {
          outlet_id: 'G1',
          start_ts: '2025-09-28 08:00:00',
          end_ts: '2025-09-28 18:00:00',
          mark: '停运',
          source: 'manual',
        },
      ],
      power: power('P1', '2025-09-27 00:00:00', '2025-09-29 00:00:00', 15, () => 6000),
    },
    expectFindings: 1,
    check: (f) =>
      expect(f[0]).toMatchObject({
        site_id: 'S1',
        outlet_id: 'G1',
        device_id: 'P1',
        start_ts: '2025-09-28 08:00:00',
        end_ts: '2025-09-28 18:00:00',
        score: 10,
        severity: 'high',
      }),
  },
  {
    name: 'genuine shutdown: marked, flagged F, fan power at standby',
    kind: 'negative',
    note: {
      zh: '真实停运：标记停运、数据标记 F、主抽风机断电，属正常',
      en: 'Genuine stop: marked 停运, data flagged F, main fan at standby',
    },
    data: {
      outlets: [{ outlet_id: 'G1', site_id: 'S1', media: 'gas' }],
      devices: [device('P1', 'S1', 'production', 'L1')],
      marks: [
        {
          outlet_id: 'G1',
          start_ts: '2025-09-28 08:00:00',
          end_ts: '2025-09-28 18:00:00',
          mark: '停运',
          source: 'manual',
        },
      ],
      readings: seriesOf(
        'G1',
        'a00000',
        '2025-09-28 00:00:00',
        hours(24, (i) => (i >= 8 && i < 18 ? 0.5 : 150 + (i % 4))),
        {
          flag: (i) => (i >= 8 && i < 18 ? 'F' : 'N'),
        },
      ),
      power: power('P1', '2025-09-27 00:00:00', '2025-09-29 00:00:00', 15, (ts) =>
        ts >= '2025-09-28 08:00:00' && ts < '2025-09-28 18:00:00' ? 40 : 6000,
      ),
    },
    expectFindings: 0,
  },
  {
    name: 'two furnaces: furnace 1 stopped while furnace 2 runs; F flags while running',
    kind: 'edge',
    note: {
      zh: '垃圾焚烧两台炉：1#炉停炉（标记、F、一次风机停）而 2#炉运行，排口按流量与用电的相关性归属 1#线，不报告；启炉时 15 分钟重叠不报告；另一企业无标记但 F 标记期间生产运行（中级，只计 F 段内部小时）',
      en: 'Two furnaces: furnace 1 stopped (mark, F, fan off) while furnace 2 runs; the outlet pairs with line 1 by flow/power correlation, so nothing is reported; a 15-minute overlap at the restart is ignored; another plant flags F while running (medium, inner F hours only)',
    },
    data: {
      outlets: [
        { outlet_id: 'W-G1', site_id: 'W', media: 'gas' },
        { outlet_id: 'W-G2', site_id: 'W', media: 'gas' },
        { outlet_id: 'X-G1', site_id: 'X', media: 'gas' },
      ],
      devices: [
        device('W-P1', 'W', 'production', 'W-L1', '1#焚烧炉一次风机'),
        device('W-P2', 'W', 'production', 'W-L2', '2#焚烧炉一次风机'),
        device('X-P1', 'X', 'production', 'X-L1'),
      ],
      marks: [
        {
          outlet_id: 'W-G1',
          start_ts: '2025-10-03 10:00:00',
          end_ts: '2025-10-05 02:00:00',
          mark: '停炉',
          source: 'manual',
        },
      ],
      readings: [
        ...seriesOf(
          'W-G1',
          'a00000',
          '2025-10-01 00:00:00',
          hours(144, (i) => (i >= 58 && i < 98 ? 0.4 : 40 + ((i * 7) % 9))),
          {
            flag: (i) => (i >= 58 && i < 98 ? 'F' : 'N'),
          },
        ),
        ...seriesOf(
          'W-G2',
          'a00000',
          '2025-10-01 00:00:00',
          hours(144, (i) => 42 + ((i * 5) % 11)),
        ),
        ...seriesOf(
          'X-G1',
          'a00000',
          '2025-10-01 00:00:00',
          hours(48, (i) => 90 + (i % 3)),
          {
            flag: (i) => (i >= 20 && i < 24 ? 'F' : 'N'),
          },
        ),
      ],
      power: [
        ...power('W-P1', '2025-10-01 00:00:00', '2025-10-07 00:00:00', 15, (ts) =>
          ts >= '2025-10-03 10:00:00' && ts < '2025-10-05 01:45:00' ? 3 : 380,
        ),
        ...power('W-P2', '2025-10-01 00:00:00', '2025-10-07 00:00:00', 15, () => 390),
        ...power('X-P1', '2025-10-01 00:00:00', '2025-10-03 00:00:00', 15, () => 800),
      ],
    },
    expectFindings: 1,
    check: (f) =>
      // hourly F flags 20:00–24:00: only the inner hours count (the first and last may hold a real stop/restart)
      expect(f[0]).toMatchObject({
        outlet_id: 'X-G1',
        start_ts: '2025-10-01 21:00:00',
        severity: 'medium',
        score: 2,
      }),
  },
];
