import { expect } from 'vitest';
import type { RuleCase } from '../rule-case';
import { device, levels, power } from '../treatment-off/operations-fixtures';

const t = (hhmm: string, day: string) => `${day} ${hhmm}:00`;
const START = '2025-10-05 00:00:00';
const END = '2025-10-08 00:00:00';
const devices = [
  device('P1', 'S1', 'production', 'L1', '反应及精馏装置'),
  device('B1', 'S1', 'treatment', 'L1', '污水处理曝气风机'),
];

export const treatmentLowPowerCases: readonly RuleCase[] = [
  {
    name: 'aeration blower at 35 % for 6 hours while production is at full load',
    kind: 'positive',
    note: {
      zh: '生产满负荷，曝气风机 10-07 02:00–08:00 仅以正常功率的 35% 运行',
      en: 'Production at full load while the aeration blower runs at 35 % of its typical power 02:00–08:00',
    },
    data: {
      devices,
      power: [
        ...power('P1', START, END, 15, () => 1000),
        ...power(
          'B1',
          START,
          END,
          15,
          levels(100, [[t('02:00', '2025-10-07'), t('08:00', '2025-10-07'), 35]]),
        ),
      ],
    },
    expectFindings: 1,
    check: (f) =>
      expect(f[0]).toMatchObject({
        device_id: 'B1',
        start_ts: t('02:00', '2025-10-07'),
        end_ts: t('08:00', '2025-10-07'),
        severity: 'medium',
      }),
  },
  {
    name: 'variable-frequency fan slows down with production at night',
    kind: 'negative',
    note: {
      zh: '变频风机随夜间低负荷（生产为正常的 50%）降至 40% 功率，属正常调节',
      en: 'A variable-frequency fan follows night-time low load (production at 50 %) down to 40 % power',
    },
    data: {
      devices,
      power: [
        ...power('P1', START, END, 15, (ts) => (ts.slice(11, 13) < '06' ? 500 : 1000)),
        ...power('B1', START, END, 15, (ts) => (ts.slice(11, 13) < '06' ? 40 : 100)),
      ],
    },
    expectFindings: 0,
  },
  {
    name: '20 minutes of low power on a 5-minute meter is too short; a 45-minute spell counts',
    kind: 'edge',
    note: {
      zh: '5 分钟电表：20 分钟低功率不足 30 分钟不报告，45 分钟的报告；生产电表 15 分钟周期按小时对齐',
      en: '5-minute meter: 20 minutes of low power is under 30 minutes, a 45-minute spell is reported; the 15-minute production meter is aligned by hour',
    },
    data: {
      devices,
      power: [
        ...power('P1', START, END, 15, () => 1000),
        ...power(
          'B1',
          START,
          END,
          5,
          levels(100, [
            [t('03:00', '2025-10-06'), t('03:20', '2025-10-06'), 30],
            [t('13:10', '2025-10-06'), t('13:55', '2025-10-06'), 30],
          ]),
        ),
      ],
    },
    expectFindings: 1,
    check: (f) =>
      expect(f[0]).toMatchObject({ start_ts: t('13:10', '2025-10-06'), end_ts: t('13:55', '2025-10-06') }),
  },
];
