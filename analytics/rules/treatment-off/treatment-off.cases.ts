import { expect } from 'vitest';
import type { RuleCase } from '../rule-case';
import { device, levels, power, shifts } from './operations-fixtures';

const D = '2025-10-07';
const t = (hhmm: string, day = D) => `${day} ${hhmm}:00`;

/** The printing plant: press on 08:00–20:00, VOC fan started 5 min before and stopped 10 min after. */
const press = (step: number, windows?: ReadonlyArray<readonly [string, string, number | null]>) =>
  power('P1', t('00:00'), t('00:00', '2025-10-08'), step, (ts) =>
    levels(0, [...(windows ?? []), [t('08:00'), t('20:00'), 180]])(ts),
  );
const fan = (
  step: number,
  windows: ReadonlyArray<readonly [string, string, number | null]> = [],
  offsetMinutes = 0,
) =>
  power(
    'T1',
    t('00:00'),
    t('00:00', '2025-10-08'),
    step,
    (ts) => levels(0.3, [...windows, [t('07:55'), t('20:10'), 55]])(ts),
    { offsetMinutes },
  );
const printing = [
  device('P1', 'S1', 'production', 'L1', '凹版印刷机'),
  device('T1', 'S1', 'treatment', 'L1', 'VOCs治理风机'),
];

export const treatmentOffCases: readonly RuleCase[] = [
  {
    name: 'printing press on 14:00–16:00 with the VOC fan at 0 kW (1-minute data)',
    kind: 'positive',
    note: {
      zh: '印刷厂案例：印刷机运行，VOCs 治理风机 14:00–16:00 功率为 0，一次 120 分钟',
      en: 'Printing-plant case: press running, VOC fan at 0 kW 14:00–16:00, one 120-minute finding',
    },
    data: { devices: printing, power: [...press(1), ...fan(1, [[t('14:00'), t('16:00'), 0]])] },
    expectFindings: 1,
    check: (f) => {
      expect(f[0]).toMatchObject({
        site_id: 'S1',
        device_id: 'T1',
        start_ts: t('14:00'),
        end_ts: t('16:00'),
        score: 2,
        severity: 'high',
      });
    },
  },
  {
    name: 'genuine shutdown: production and treatment both off',
    kind: 'negative',
    note: {
      zh: '真实停产：生产与治污设施同时停机，不属产治不同步',
      en: 'Genuine shutdown: production and treatment both off, not a desynchronisation',
    },
    data: {
      devices: printing,
      power: [...press(5, [[t('12:00'), t('16:00'), 0.5]]), ...fan(5, [[t('12:05'), t('16:00'), 0]])],
    },
    expectFindings: 0,
  },
  {
    name: 'batch wastewater treatment with an equalisation tank',
    kind: 'negative',
    note: {
      zh: '带调节池的批次污水处理：曝气风机每 3 小时停 1 小时，生产连续运行，属设计工况',
      en: 'Batch wastewater treatment with an equalisation tank: the blower stops 1 h in every 3 while production runs, by design',
    },
    data: {
      devices: [
        device('P1', 'S2', 'production', 'L1'),
        device('W1', 'S2', 'treatment', 'L1', '污水处理曝气风机'),
      ],
      power: [
        ...power('P1', t('00:00'), t('00:00', '2025-10-10'), 15, () => 900),
        ...power('W1', t('00:00'), t('00:00', '2025-10-10'), 15, (ts) =>
          Number(ts.slice(11, 13)) % 3 === 2 ? 0 : 80,
        ),
      ],
    },
    expectFindings: 0,
  },
  {
    name: 'variable-frequency fan slowed to 15 % at low production',
    kind: 'negative',
    note: {
      zh: '变频风机随低负荷降速至最高功率的 15%，仍在运行',
      en: 'A variable-frequency fan slowed to 15 % of its top power at low load is still running',
    },
    data: {
      devices: printing,
      power: [...press(15, [[t('12:00'), t('16:00'), 70]]), ...fan(15, [[t('12:00'), t('16:00'), 8.5]])],
    },
    expectFindings: 0,
  },
  {
    name: 'treatment meter 2 minutes late, 15-minute data',
    kind: 'edge',
    note: {
      zh: '治污电表时钟慢 2 分钟（15 分钟数据），仍报告一次约 120 分钟',
      en: 'Treatment meter clock 2 minutes late (15-minute data): still one finding of about 120 minutes',
    },
    data: { devices: printing, power: [...press(15), ...fan(15, [[t('14:00'), t('16:00'), 0]], 2)] },
    expectFindings: 1,
    check: (f) => {
      expect(f[0]!.device_id).toBe('T1');
      expect(f[0]!.score).toBeGreaterThanOrEqual(1.95);
      expect(f[0]!.score).toBeLessThanOrEqual(2.1);
    },
  },
  {
    name: 'missing treatment readings are unknown, not off',
    kind: 'edge',
    note: {
      zh: '治污电表 14:00–16:00 无数据：缺数不等于停机，由数据中断规则处理',
      en: 'Treatment meter silent 14:00–16:00: missing is not off (meter-outage handles it)',
    },
    data: { devices: printing, power: [...press(15), ...fan(15, [[t('14:00'), t('16:00'), null]])] },
    expectFindings: 0,
  },
  {
    name: 'two fans on the line, only one stopped',
    kind: 'edge',
    note: {
      zh: '一条线两台治污风机，一台停机另一台运行：不是全部停运',
      en: 'Two treatment fans on the line, one stopped and one running: not all off',
    },
    data: {
      devices: [...printing, device('T2', 'S1', 'treatment', 'L1', '备用风机')],
      power: [
        ...press(15),
        ...fan(15, [[t('14:00'), t('16:00'), 0]]),
        ...power('T2', t('00:00'), t('00:00', '2025-10-08'), 15, shifts(40, 0.2, [[t('07:50'), t('20:15')]])),
      ],
    },
    expectFindings: 0,
  },
  {
    name: 'two production lines sharing one treatment fan give one finding',
    kind: 'edge',
    note: {
      zh: '两条生产线共用一台治污风机（风机无 line_id），风机停运 2 小时只报告一次',
      en: 'Two lines share one treatment fan (fan without line_id): a 2-hour stop is reported once',
    },
    data: {
      devices: [
        device('P1', 'S1', 'production', 'L1'),
        device('P2', 'S1', 'production', 'L2'),
        device('T1', 'S1', 'treatment', null, '公用治污风机'),
      ],
      power: [
        ...press(15),
        ...power('P2', t('00:00'), t('00:00', '2025-10-08'), 15, shifts(120, 0, [[t('08:00'), t('20:00')]])),
        ...fan(15, [[t('14:00'), t('16:00'), 0]]),
      ],
    },
    expectFindings: 1,
    check: (f) => expect(f[0]).toMatchObject({ device_id: 'T1', start_ts: t('14:00'), end_ts: t('16:00') }),
  },
  {
    name: 'a late start alone is left to treatment-late-start; a whole run without treatment is reported',
    kind: 'edge',
    note: {
      zh: '开机滞后 45 分钟由治污后开规则报告；次日整班治污设施未开机则报告',
      en: 'A 45-minute late start is left to treatment-late-start; the next day the fan never runs and is reported',
    },
    data: {
      devices: printing,
      power: [
        ...power('P1', t('00:00'), t('00:00', '2025-10-09'), 15, (ts) =>
          (ts >= t('08:00') && ts < t('20:00')) ||
          (ts >= t('08:00', '2025-10-08') && ts < t('12:00', '2025-10-08'))
            ? 180
            : 0,
        ),
        ...power('T1', t('00:00'), t('00:00', '2025-10-09'), 15, (ts) =>
          ts >= t('08:45') && ts < t('20:15') ? 55 : 0.3,
        ),
      ],
    },
    expectFindings: 1,
    check: (f) =>
      expect(f[0]).toMatchObject({ start_ts: t('08:00', '2025-10-08'), end_ts: t('12:00', '2025-10-08') }),
  },
];
