import { expect } from 'vitest';
import type { RuleCase } from '../rule-case';
import { device, power, site } from '../treatment-off/operations-fixtures';

const orders = [
  {
    order_id: 'O-1007',
    level: 'orange',
    start_ts: '2025-10-07 18:00:00',
    end_ts: '2025-10-10 00:00:00',
    scope: 'all',
  },
];

export const meterOutageCases: readonly RuleCase[] = [
  {
    name: 'main-fan meter silent for 42 hours during the orange alert while running before and after',
    kind: 'positive',
    note: {
      zh: '橙色预警期间（一厂一策要求限产 30%）主抽风机电表中断 42 小时，中断前后均满负荷运行',
      en: 'During the orange alert (30 % cut required) the main-fan meter is silent for 42 h, at full load before and after',
    },
    data: {
      sites: [site('S1')],
      devices: [
        device('P1', 'S1', 'production', 'L1', '烧结主抽风机'),
        device('T1', 'S1', 'treatment', 'L1'),
      ],
      orders,
      measures: [{ site_id: 'S1', level: 'orange', line_id: null, action: 'limit', limit_pct: 30 }],
      power: [
        ...power('P1', '2025-10-06 00:00:00', '2025-10-10 00:00:00', 15, (ts) =>
          ts >= '2025-10-07 20:00:00' && ts < '2025-10-09 14:00:00' ? null : 4500,
        ),
        ...power('T1', '2025-10-06 00:00:00', '2025-10-10 00:00:00', 15, () => 800),
      ],
    },
    expectFindings: 1,
    check: (f) =>
      expect(f[0]).toMatchObject({
        device_id: 'P1',
        start_ts: '2025-10-07 20:00:00',
        end_ts: '2025-10-09 14:00:00',
        severity: 'medium',
      }),
  },
  {
    name: 'meter silent while the plant is genuinely stopped',
    kind: 'negative',
    note: {
      zh: '停产期间电表停止上报：中断前后均停机，无其他运行证据，不在预警期间',
      en: 'A meter stops reporting while the plant is stopped: off before and after, no other evidence, no order',
    },
    data: {
      sites: [site('S2')],
      devices: [device('P2', 'S2', 'production', 'L1')],
      power: power('P2', '2025-10-01 00:00:00', '2025-10-04 00:00:00', 15, (ts) =>
        ts >= '2025-10-02 00:00:00' && ts < '2025-10-03 00:00:00'
          ? ts >= '2025-10-02 06:00:00' && ts < '2025-10-02 18:00:00'
            ? null
            : 5
          : 900,
      ),
    },
    expectFindings: 0,
  },
  {
    name: 'a 20-minute gap is ignored; 2-hour gaps while running outside orders are low',
    kind: 'edge',
    note: {
      zh: '20 分钟缺失不报告；非预警期间运行中的生产电表和治污电表各缺失 2 小时，报低级',
      en: 'A 20-minute gap is ignored; 2-hour gaps of a production and a treatment meter while running outside orders are low',
    },
    data: {
      sites: [site('S3')],
      devices: [device('P3', 'S3', 'production', 'L1'), device('T3', 'S3', 'treatment', 'L1')],
      power: [
        ...power('P3', '2025-10-01 00:00:00', '2025-10-03 00:00:00', 5, (ts) =>
          (ts >= '2025-10-01 09:00:00' && ts < '2025-10-01 09:20:00') ||
          (ts >= '2025-10-01 14:00:00' && ts < '2025-10-01 16:00:00')
            ? null
            : 900,
        ),
        ...power('T3', '2025-10-01 00:00:00', '2025-10-03 00:00:00', 15, (ts) =>
          ts >= '2025-10-02 10:00:00' && ts < '2025-10-02 12:00:00' ? null : 120,
        ),
      ],
    },
    expectFindings: 2,
    check: (f) => {
      expect(f.map((x) => x.severity)).toEqual(['low', 'low']);
      expect(f.map((x) => x.device_id)).toEqual(['P3', 'T3']);
    },
  },
];
