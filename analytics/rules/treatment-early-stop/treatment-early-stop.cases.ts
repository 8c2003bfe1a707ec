import { expect } from 'vitest';
import type { RuleCase } from '../rule-case';
import { device, power } from '../treatment-off/operations-fixtures';

const t = (hhmm: string, day = '2025-10-07') => `${day} ${hhmm}:00`;
const devices = [
  device('P1', 'S1', 'production', 'L1', '凹版印刷机'),
  device('T1', 'S1', 'treatment', 'L1', 'VOCs治理风机'),
];
const run = (
  on: string,
  off: string,
  fanOn: string,
  fanOff: string,
  opts: { readonly pStep?: number; readonly fStep?: number; readonly pOff?: (ts: string) => boolean } = {},
) => [
  ...power('P1', t('00:00'), t('23:59'), opts.pStep ?? 15, (ts) =>
    opts.pOff?.(ts) ? null : ts >= t(on) && ts < t(off) ? 180 : 0,
  ),
  ...power('T1', t('00:00'), t('23:59'), opts.fStep ?? 15, (ts) =>
    ts >= t(fanOn) && ts < t(fanOff) ? 55 : 0.3,
  ),
];

export const treatmentEarlyStopCases: readonly RuleCase[] = [
  {
    name: 'VOC fan stops 40 minutes before the press',
    kind: 'positive',
    note: { zh: '风机 19:20 停机，印刷机 20:00 才停', en: 'Fan off at 19:20, press only at 20:00' },
    data: { devices, power: run('08:00', '20:00', '07:50', '19:20', { pStep: 5, fStep: 5 }) },
    expectFindings: 1,
    check: (f) =>
      expect(f[0]).toMatchObject({
        device_id: 'T1',
        start_ts: t('19:20'),
        end_ts: t('20:00'),
        severity: 'medium',
      }),
  },
  {
    name: 'fan keeps running 15 minutes after the press stops',
    kind: 'negative',
    note: {
      zh: '正常工况：风机在生产停机后 15 分钟才停',
      en: 'Normal: the fan runs on 15 minutes after the press stops',
    },
    data: { devices, power: run('08:00', '20:00', '07:50', '20:15') },
    expectFindings: 0,
  },
  {
    name: 'fan 5 minutes early with mixed 5/15-minute meters; production data ending in a gap',
    kind: 'edge',
    note: {
      zh: '风机提前 5 分钟（低于阈值），生产 5 分钟、治污 15 分钟电表；生产电表在停机前中断则不判断',
      en: 'Fan 5 minutes early (under the threshold) with 5- and 15-minute meters; production data ending in a gap are not a stop',
    },
    data: {
      devices,
      power: [
        ...run('08:00', '20:00', '07:45', '19:55', { pStep: 5, fStep: 15 }),
        ...power('P1', t('00:00', '2025-10-08'), t('23:59', '2025-10-08'), 15, (ts) =>
          ts >= t('17:00', '2025-10-08') && ts < t('21:00', '2025-10-08')
            ? null
            : ts >= t('08:00', '2025-10-08') && ts < t('20:00', '2025-10-08')
              ? 180
              : 0,
        ),
        ...power('T1', t('00:00', '2025-10-08'), t('23:59', '2025-10-08'), 15, (ts) =>
          ts >= t('07:50', '2025-10-08') && ts < t('16:00', '2025-10-08') ? 55 : 0.3,
        ),
      ],
    },
    expectFindings: 0,
  },
];
