import { expect } from 'vitest';
import { noise, seriesOf, type RuleCase } from '../rule-case';

const rnd = noise(7);
const varying = (n: number, base: number) =>
  Array.from({ length: n }, () => Number((base + 5 * rnd()).toFixed(2)));

export const flatlineCases: readonly RuleCase[] = [
  {
    name: 'SO2 frozen at 25.31 for 10 hours',
    kind: 'positive',
    note: { zh: '烧结机头二氧化硫连续 10 小时恒定', en: 'Sinter SO2 constant for 10 hours' },
    data: {
      readings: seriesOf('G1', 'a21026', '2025-10-01 00:00:00', [
        ...varying(10, 20),
        ...Array(10).fill(25.31),
        ...varying(10, 20),
      ]),
    },
    expectFindings: 1,
    check: (f) => {
      expect(f[0]).toMatchObject({
        outlet_id: 'G1',
        code: 'a21026',
        start_ts: '2025-10-01 10:00:00',
        end_ts: '2025-10-01 20:00:00',
        score: 10,
      });
    },
  },
  {
    name: 'genuine shutdown flagged F is not a flatline',
    kind: 'negative',
    note: { zh: '停运期间（F 标记）数值为 0 属正常', en: 'Zeros while stopped (flag F) are normal' },
    data: {
      readings: seriesOf(
        'G1',
        'a21026',
        '2025-10-01 00:00:00',
        [...varying(10, 20), ...Array(12).fill(0), ...varying(10, 20)],
        {
          flag: (i) => (i >= 10 && i < 22 ? 'F' : 'N'),
        },
      ),
    },
    expectFindings: 0,
  },
  {
    name: 'ultra-low emitter at the detection limit',
    kind: 'negative',
    note: {
      zh: '超低排放颗粒物在检出限 1.0 附近重复',
      en: 'Ultra-low particulate repeating 1.0 at the detection limit',
    },
    data: { readings: seriesOf('G1', 'a34013', '2025-10-01 00:00:00', Array(24).fill(1.0)) },
    expectFindings: 0,
  },
  {
    name: 'batch COD analyser holding a 4-hour result',
    kind: 'negative',
    note: {
      zh: '批次式 COD 分析仪每 4 小时出一个结果',
      en: 'Batch COD analyser reports one result every 4 hours',
    },
    data: {
      readings: seriesOf(
        'W1',
        'w01018',
        '2025-10-01 00:00:00',
        Array.from({ length: 48 }, (_, i) => 30 + Math.floor(i / 4) * 1.7),
      ),
    },
    expectFindings: 0,
  },
  {
    name: 'a quiet parameter at coarse precision repeats often; a 7-hour run is not improbable for it',
    kind: 'negative',
    note: {
      zh: '湿度以 0.1 报告、波动很小，经常出现 2–4 小时重复；7 小时恒值对它并不罕见',
      en: 'Humidity reported at 0.1 with little noise repeats for 2-4 hours all the time; 7 hours is not unusual for it',
    },
    data: {
      readings: seriesOf('G1', 'a01014', '2025-10-01 00:00:00', [
        ...Array.from(
          { length: 60 },
          (_, i) => [19.2, 19.2, 19.3, 19.3, 19.3, 19.1, 19.1, 19.2, 19.2, 19.2][i % 10]!,
        ),
        ...Array(7).fill(19.2),
        ...Array.from({ length: 30 }, (_, i) => [19.3, 19.3, 19.1, 19.1, 19.1][i % 5]!),
      ]),
    },
    expectFindings: 0,
  },
  {
    name: 'a single missing hour does not split the run',
    kind: 'edge',
    note: { zh: '中间缺测 1 小时仍算同一段', en: 'One missing hour is bridged' },
    data: {
      readings: seriesOf('G1', 'a21002', '2025-10-01 00:00:00', [
        ...varying(5, 40),
        ...Array(4).fill(44.44),
        null,
        ...Array(4).fill(44.44),
        ...varying(5, 40),
      ]).filter((r) => r.value !== null),
    },
    expectFindings: 1,
    check: (f) => expect(f[0]!.score).toBe(8),
  },
];
