import { expect } from 'vitest';
import { seriesOf, type RuleCase } from '../rule-case';

const T0 = '2025-10-01 00:00:00';
const outlets = [{ outlet_id: 'W2', site_id: 'S5', media: 'gas', o2_ref: 11 }];
const so2 = [30.1, 31.4, 29.8, 32.2, 30.7, 31.9, 30.3, 29.5];

export const physicalSanityCases: readonly RuleCase[] = [
  {
    name: 'hourly Avg above Max for 3 consecutive hours',
    kind: 'positive',
    note: {
      zh: '数采仪计算错误：连续 3 小时 SO2 小时均值大于最大值（不可能值持续，定为中等级）',
      en: 'A logger bug: SO2 hourly Avg above Max for 3 consecutive hours (impossible and sustained: medium)',
    },
    data: {
      outlets,
      readings: [
        ...seriesOf('W2', 'a21026', T0, so2),
        ...seriesOf(
          'W2',
          'a21026',
          T0,
          so2.map((v) => v - 2),
          { stat: 'min' },
        ),
        ...seriesOf(
          'W2',
          'a21026',
          T0,
          so2.map((v, i) => (i >= 2 && i < 5 ? v * 0.93 : v + 2)),
          { stat: 'max' },
        ),
      ],
    },
    expectFindings: 1,
    check: (f) =>
      expect(f[0]).toMatchObject({
        outlet_id: 'W2',
        code: 'a21026',
        start_ts: '2025-10-01 02:00:00',
        end_ts: '2025-10-01 05:00:00',
        severity: 'medium',
      }),
  },
  {
    name: 'Cou not matching Avg × hourly volume',
    kind: 'positive',
    note: {
      zh: '2 小时的 SO2 排放量比浓度×废气量大 30%（数据质量，低等级）',
      en: 'For 2 hours SO2 Cou is 30 % above Avg × flue-gas volume (data quality, low)',
    },
    data: {
      outlets,
      readings: [
        ...seriesOf('W2', 'a21026', T0, so2),
        ...seriesOf('W2', 'a00000', T0, Array(8).fill(500000), { stat: 'cou' }),
        ...seriesOf(
          'W2',
          'a21026',
          T0,
          so2.map((v, i) => Math.round(v * 0.5 * (i === 4 || i === 5 ? 1300 : 1000)) / 1000),
          {
            stat: 'cou',
          },
        ),
      ],
    },
    expectFindings: 1,
    check: (f) => expect(f[0]).toMatchObject({ start_ts: '2025-10-01 04:00:00', severity: 'low' }),
  },
  {
    name: 'zero drift and a saturated stack',
    kind: 'negative',
    note: {
      zh: '超低排放颗粒物零点漂移到 −0.4（容差内）、湿法脱硫后 50℃ 饱和烟气湿度读数 45%：均不报',
      en: 'Ultra-low particulate drifting to −0.4 (within tolerance) and a 45 % humidity reading on a saturated 50 °C stack: no finding',
    },
    data: {
      outlets,
      readings: [
        ...seriesOf('W2', 'a34013', T0, [0.3, -0.2, -0.4, 0.1, -0.3, 0.2]),
        ...seriesOf('W2', 'a01014', T0, [45, 46, 44, 45, 47, 45]),
        ...seriesOf('W2', 'a01012', T0, [50, 50.2, 49.8, 50.1, 50, 49.9]),
        ...seriesOf('W2', 'a19001', T0, [6.1, 6.3, 6.2, 6.0, 6.4, 6.2]),
      ],
    },
    expectFindings: 0,
  },
  {
    name: 'a single hour of O2 at 21.4 % is low, not medium',
    kind: 'edge',
    note: {
      zh: '仅 1 小时氧含量 21.4%（不可能值但未持续），低等级',
      en: 'O2 at 21.4 % for one hour only (impossible but not sustained): low',
    },
    data: { outlets, readings: seriesOf('W2', 'a19001', T0, [20.6, 20.9, 21.4, 20.8, 20.7]) },
    expectFindings: 1,
    check: (f) =>
      expect(f[0]).toMatchObject({
        code: 'a19001',
        start_ts: '2025-10-01 02:00:00',
        end_ts: '2025-10-01 03:00:00',
        severity: 'low',
      }),
  },
  {
    name: 'timestamps off the hour boundary',
    kind: 'edge',
    note: {
      zh: '小时数据的时间为 xx:05（未对齐到周期起点），提示性等级',
      en: 'Hourly data stamped at xx:05 (not the period start): info',
    },
    data: {
      outlets,
      readings: [
        ...seriesOf('W2', 'a21026', T0, so2.slice(0, 4)),
        ...seriesOf('W2', 'a21026', '2025-10-01 04:05:00', so2.slice(4)),
      ],
    },
    expectFindings: 1,
    check: (f) => expect(f[0]).toMatchObject({ severity: 'info' }),
  },
];
