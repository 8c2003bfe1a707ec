import { expect } from 'vitest';
import type { RuleCase } from '../rule-case';
import { device, power } from '../treatment-off/operations-fixtures';

const t = (hhmm: string, day = '2025-10-07') => `${day} ${hhmm}:00`;
const devices = [
  device('P1', 'S1', 'production', 'L1', '凹版印刷机'),
  device('T1', 'S1', 'treatment', 'L1', 'VOCs治理风机'),
];

/** Press on [on, off), fan on [fanOn, fanOff) on each listed day, 15-minute meters unless `step` says otherwise. */
function day(
  days: readonly string[],
  on: string,
  off: string,
  fanOn: string,
  fanOff: string,
  opts: { readonly step?: number; readonly fanStep?: number; readonly fanOffset?: number } = {},
) {
  const inside = (ts: string, a: string, b: string) => days.some((d) => ts >= t(a, d) && ts < t(b, d));
  const first = days[0]!;
  const end = `${days[days.length - 1]!} 23:59:59`;
  return [
    ...power('P1', t('00:00', first), end, opts.step ?? 15, (ts) => (inside(ts, on, off) ? 180 : 0)),
    ...power(
      'T1',
      t('00:00', first),
      end,
      opts.fanStep ?? 15,
      (ts) => (inside(ts, fanOn, fanOff) ? 55 : 0.3),
      {
        offsetMinutes: opts.fanOffset ?? 0,
      },
    ),
  ];
}

export const treatmentLateStartCases: readonly RuleCase[] = [
  {
    name: 'VOC fan starts 45 minutes after the press',
    kind: 'positive',
    note: { zh: '印刷机 08:00 开机，VOCs 风机 08:45 才启动', en: 'Press on at 08:00, VOC fan only at 08:45' },
    data: { devices, power: day(['2025-10-07'], '08:00', '20:00', '08:45', '20:15') },
    expectFindings: 1,
    check: (f) =>
      expect(f[0]).toMatchObject({
        device_id: 'T1',
        start_ts: t('08:00'),
        end_ts: t('08:45'),
        score: 0.75,
        severity: 'medium',
      }),
  },
  {
    name: 'fan started before the press, or 5 minutes after it with a 2-minute clock offset',
    kind: 'negative',
    note: {
      zh: '正常工况：风机先于印刷机启动；或 5 分钟内启动且电表时钟偏差 2 分钟，均不报告',
      en: 'Normal: the fan starts before the press, or within 5 minutes with a 2-minute clock offset',
    },
    data: {
      devices,
      power: [
        ...day(['2025-10-07'], '08:00', '20:00', '07:50', '20:15'),
        ...day(['2025-10-08'], '08:00', '20:00', '08:05', '20:15', { step: 5, fanStep: 5, fanOffset: 2 }),
      ],
    },
    expectFindings: 0,
  },
  {
    name: 'resuming after a production-meter gap is not a start; a fan that never runs is treatment-off',
    kind: 'edge',
    note: {
      zh: '生产电表缺数后恢复不算开机；整班风机未运行由产治不同步规则报告',
      en: 'Production data resuming after a gap is not a start; a shift without the fan is left to treatment-off',
    },
    data: {
      devices,
      power: [
        // day 1: production meter silent 06:00–09:00, press already running when data resume at 09:00
        ...power('P1', t('00:00'), t('23:59'), 15, (ts) =>
          ts >= t('06:00') && ts < t('09:00') ? null : ts >= t('08:00') && ts < t('20:00') ? 180 : 0,
        ),
        ...power('T1', t('00:00'), t('23:59'), 15, (ts) => (ts >= t('09:30') && ts < t('20:15') ? 55 : 0.3)),
        // day 2: the fan never runs
        ...power('P1', t('00:00', '2025-10-08'), t('23:59', '2025-10-08'), 15, (ts) =>
          ts >= t('08:00', '2025-10-08') && ts < t('12:00', '2025-10-08') ? 180 : 0,
        ),
        ...power('T1', t('00:00', '2025-10-08'), t('23:59', '2025-10-08'), 15, () => 0.3),
      ],
    },
    expectFindings: 0,
  },
];
