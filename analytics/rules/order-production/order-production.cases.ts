import { expect } from 'vitest';
import { seriesOf, type RuleCase } from '../rule-case';
import { device, power, site } from '../treatment-off/operations-fixtures';

/** The cement case: orange alert 2025-10-07 18:00 – 2025-10-10 00:00, city-wide. */
const orders = [
  {
    order_id: 'O-1007',
    level: 'orange',
    start_ts: '2025-10-07 18:00:00',
    end_ts: '2025-10-10 00:00:00',
    scope: 'all',
  },
];
const FROM = '2025-09-27 00:00:00';
const TO = '2025-10-10 00:00:00';
const inOrder = (ts: string) => ts >= '2025-10-07 18:00:00';

/** Kiln drive power: rated 460 kW, affine in load (fixed no-load part), standby 4 kW when stopped. */
const kiln = (load: (ts: string) => number | null) => (ts: string) => {
  const l = load(ts);
  return l === null ? null : l === 0 ? 4 : 460 * (0.35 + 0.6 * l);
};

export const orderProductionCases: readonly RuleCase[] = [
  {
    name: 'cement kiln keeps running through the orange alert although its line must stop',
    kind: 'positive',
    note: {
      zh: '水泥厂案例：一厂一策要求熟料线停产，回转窑在整个预警期间持续运行；另一家企业按时停产',
      en: 'Cement case: the clinker line must stop, yet the kiln runs through the alert; another plant stops on time',
    },
    data: {
      sites: [
        site('K1', { industry: '水泥', county: '临溪县' }),
        site('K2', { industry: '水泥', county: '临溪县' }),
      ],
      devices: [
        device('K1-P1', 'K1', 'production', 'K1-L1', '回转窑主传动电机'),
        device('K2-P1', 'K2', 'production', 'K2-L1'),
      ],
      orders,
      measures: [
        { site_id: 'K1', level: 'orange', line_id: 'K1-L1', action: 'stop', limit_pct: null },
        { site_id: 'K2', level: 'orange', line_id: 'K2-L1', action: 'stop', limit_pct: null },
      ],
      power: [
        ...power(
          'K1-P1',
          '2025-10-06 00:00:00',
          TO,
          15,
          kiln(() => 0.93),
        ),
        ...power(
          'K2-P1',
          '2025-10-06 00:00:00',
          TO,
          15,
          kiln((ts) => (ts >= '2025-10-07 19:30:00' ? 0 : 0.93)),
        ),
      ],
    },
    expectFindings: 1,
    check: (f) =>
      expect(f[0]).toMatchObject({
        site_id: 'K1',
        device_id: 'K1-P1',
        code: 'stop',
        start_ts: '2025-10-07 20:00:00',
        end_ts: '2025-10-10 00:00:00',
        score: 52,
        severity: 'high',
      }),
  },
  {
    name: 'A-grade plant with self-determined measures, and a plant cutting output by 30 %',
    kind: 'negative',
    note: {
      zh: 'A 级企业自主减排继续生产；B 级企业按要求限产 30%（用电因空载功率只下降约 18%）',
      en: 'An A-grade plant keeps producing under self-determined measures; a B-grade plant cuts output by 30 % (power falls only ~18 % because of no-load power)',
    },
    data: {
      sites: [site('A1', { grade: 'A' }), site('B1', { grade: 'B' })],
      devices: [device('A1-P1', 'A1', 'production', 'A1-L1'), device('B1-P1', 'B1', 'production', 'B1-L1')],
      orders,
      measures: [
        { site_id: 'A1', level: 'orange', line_id: null, action: 'self', limit_pct: null },
        { site_id: 'B1', level: 'orange', line_id: null, action: 'limit', limit_pct: 30 },
      ],
      power: [
        ...power(
          'A1-P1',
          FROM,
          TO,
          15,
          kiln(() => 0.95),
        ),
        ...power(
          'B1-P1',
          FROM,
          TO,
          15,
          kiln((ts) => (ts >= '2025-10-07 19:45:00' ? 0.93 * 0.7 : 0.93)),
        ),
      ],
    },
    expectFindings: 0,
  },
  {
    name: 'limit order ignored; kiln meter missing with the CEMS showing production; a 45-minute late stop',
    kind: 'edge',
    note: {
      zh: '限产 30% 未执行（用电为基线的 100%）；窑电表在预警期间无数据而窑尾流量和 NOx 为生产水平（仅 CEMS 证据，中级）；宽限期后晚停 45 分钟（低级线索）',
      en: 'A 30 % limit ignored (energy at 100 % of baseline); a kiln meter silent during the alert while kiln-tail flow and NOx stay at production level (CEMS only, medium); a stop 45 minutes after the grace period (low lead)',
    },
    data: {
      sites: [site('L1'), site('M1', { county: '临溪县' }), site('N1')],
      outlets: [{ outlet_id: 'M1-G1', site_id: 'M1', media: 'gas' }],
      devices: [
        device('L1-P1', 'L1', 'production', 'L1-L1'),
        device('M1-P1', 'M1', 'production', 'M1-L1'),
        device('N1-P1', 'N1', 'production', 'N1-L1'),
      ],
      orders,
      measures: [
        { site_id: 'L1', level: 'orange', line_id: null, action: 'limit', limit_pct: 30 },
        { site_id: 'M1', level: 'orange', line_id: 'M1-L1', action: 'stop', limit_pct: null },
        { site_id: 'N1', level: 'orange', line_id: 'N1-L1', action: 'stop', limit_pct: null },
      ],
      power: [
        ...power(
          'L1-P1',
          FROM,
          TO,
          15,
          kiln(() => 0.93),
        ),
        ...power(
          'M1-P1',
          '2025-10-05 00:00:00',
          TO,
          15,
          kiln((ts) => (inOrder(ts) ? null : 0.93)),
        ),
        ...power(
          'N1-P1',
          '2025-10-06 00:00:00',
          TO,
          15,
          kiln((ts) => (ts >= '2025-10-07 20:45:00' ? 0 : 0.93)),
        ),
      ],
      readings: [
        ...seriesOf(
          'M1-G1',
          'a00000',
          '2025-10-05 00:00:00',
          Array.from({ length: 5 * 24 }, (_, i) => 180 + (i % 7)),
        ),
        ...seriesOf(
          'M1-G1',
          'a21002',
          '2025-10-05 00:00:00',
          Array.from({ length: 5 * 24 }, (_, i) => 300 + (i % 5)),
        ),
      ],
    },
    expectFindings: 3,
    check: (f) => {
      const by = new Map(f.map((x) => [x.site_id, x]));
      expect(by.get('L1')).toMatchObject({ code: 'limit', severity: 'high' });
      expect(by.get('M1')).toMatchObject({
        code: 'stop',
        severity: 'medium',
        start_ts: '2025-10-07 20:00:00',
      });
      expect(by.get('N1')).toMatchObject({ code: 'stop', severity: 'low' });
    },
  },
];
