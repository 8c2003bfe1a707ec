import { expect } from 'vitest';
import { noise, seriesOf, type RuleCase } from '../rule-case';
import { site } from '../treatment-off/operations-fixtures';

const START = '2025-10-01 00:00:00';
const HOURS = 10 * 24;

/** A varying hourly NOx series (2 decimals), deterministic per seed. */
function nox(seed: number, n = HOURS, base = 60): number[] {
  const r = noise(seed);
  return Array.from({ length: n }, (_, i) => Number((base + 15 * Math.sin(i / 4) + 10 * r()).toFixed(2)));
}

const outlets = (ids: readonly string[]) =>
  ids.map((s) => ({ outlet_id: `${s}-G1`, site_id: s, media: 'gas' }));

export const omCompanyCases: readonly RuleCase[] = [
  {
    name: 'one day of NOx copied from another enterprise of the same O&M company',
    kind: 'positive',
    note: {
      zh: '同一运维单位的两家企业：E2 在 10-06 的 24 小时 NOx 与 E1 在 10-03 的数据逐小时相同',
      en: "Two enterprises of one O&M company: E2's NOx on 10-06 equals E1's on 10-03 hour by hour",
    },
    data: {
      sites: [
        site('E1', { om_company: '恒清运维' }),
        site('E2', { om_company: '恒清运维' }),
        site('E3', { om_company: '恒清运维' }),
      ],
      outlets: outlets(['E1', 'E2', 'E3']),
      readings: (() => {
        const a = nox(1);
        const b = nox(2);
        for (let i = 0; i < 24; i++) b[5 * 24 + i] = a[2 * 24 + i]!;
        return [
          ...seriesOf('E1-G1', 'a21002', START, a),
          ...seriesOf('E2-G1', 'a21002', START, b),
          ...seriesOf('E3-G1', 'a21002', START, nox(3)),
        ];
      })(),
    },
    expectFindings: 1,
    check: (f) =>
      expect(f[0]).toMatchObject({
        site_id: null,
        start_ts: '2025-10-03 00:00:00',
        severity: 'high',
        score: 24,
      }),
  },
  {
    name: 'two O&M companies, each with a day copied between its enterprises over the same days',
    kind: 'edge',
    note: {
      zh: '两家运维单位在同样的日期各有一天数据被复制：两条独立的发现，不得合并或冲突',
      en: 'Two O&M companies each copy one day over the same dates: two separate findings, neither merged nor clashing',
    },
    data: {
      sites: [
        site('E1', { om_company: '恒清运维' }),
        site('E2', { om_company: '恒清运维' }),
        site('K1', { om_company: '青川运维' }),
        site('K2', { om_company: '青川运维' }),
      ],
      outlets: outlets(['E1', 'E2', 'K1', 'K2']),
      readings: (() => {
        const [a, b, k, l] = [nox(1), nox(2), nox(7, HOURS, 80), nox(8, HOURS, 80)];
        for (let i = 0; i < 24; i++) {
          b[5 * 24 + i] = a[2 * 24 + i]!;
          l[5 * 24 + i] = k[2 * 24 + i]!;
        }
        return [
          ...seriesOf('E1-G1', 'a21002', START, a),
          ...seriesOf('E2-G1', 'a21002', START, b),
          ...seriesOf('K1-G1', 'a21002', START, k),
          ...seriesOf('K2-G1', 'a21002', START, l),
        ];
      })(),
    },
    expectFindings: 2,
    check: (f) => {
      expect(f.map((x) => [x.start_ts, x.end_ts, x.severity])).toEqual([
        [f[0]!.start_ts, f[0]!.end_ts, 'high'],
        [f[0]!.start_ts, f[0]!.end_ts, 'high'],
      ]);
    },
  },
  {
    name: 'two quiet PM series at 1 decimal matching for 16 hours by chance',
    kind: 'negative',
    note: {
      zh: '同一运维单位两家企业的颗粒物报告到 1 位小数，长期在 0.2–0.5 mg/m³ 间波动，某 16 小时恰好逐小时相同：按 0.01 计变化达 20 个单位，但按其报告精度只有 2 个单位，属偶然相同',
      en: 'Two enterprises of one O&M company report PM at 1 decimal, quiet between 0.2 and 0.5 mg/m³; 16 hours happen to agree hour by hour: 20 hundredths of variation, but only 2 steps of their own precision, a chance match',
    },
    data: {
      sites: [site('P1', { om_company: '蓝天运维' }), site('P2', { om_company: '蓝天运维' })],
      outlets: outlets(['P1', 'P2']),
      readings: (() => {
        const pm = (seed: number) => {
          const r = noise(seed);
          return Array.from({ length: HOURS }, () => Number((0.2 + Math.round(3 * r()) / 10).toFixed(1)));
        };
        const [a, b] = [pm(41), pm(42)];
        const quiet = [0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.4, 0.4, 0.4, 0.5, 0.4, 0.4, 0.4, 0.4];
        quiet.forEach((v, i) => {
          a[2 * 24 + 6 + i] = v;
          b[6 * 24 + i] = v;
        });
        return [...seriesOf('P1-G1', 'a34013', START, a), ...seriesOf('P2-G1', 'a34013', START, b)];
      })(),
    },
    expectFindings: 0,
  },
  {
    name: 'vendor firmware calibrating at 02:00 every day at every enterprise',
    kind: 'negative',
    note: {
      zh: '同一厂商固件在各企业每天 02:00 自动校准，C 标记同一时刻出现，属正常质控',
      en: 'Vendor firmware calibrates at 02:00 every day at every enterprise: C flags in the same hour by design',
    },
    data: {
      sites: [site('F1', { om_company: '青川运维' }), site('F2', { om_company: '青川运维' })],
      outlets: outlets(['F1', 'F2']),
      readings: [
        ...seriesOf('F1-G1', 'a21002', START, nox(11), { flag: (i) => (i % 24 === 2 ? 'C' : 'N') }),
        ...seriesOf('F2-G1', 'a21002', START, nox(12), { flag: (i) => (i % 24 === 2 ? 'C' : 'N') }),
      ],
    },
    expectFindings: 0,
  },
  {
    name: 'a shared constant value (medium) and M/D flags together at odd hours (low)',
    kind: 'edge',
    note: {
      zh: '运维单位甲：两家企业在不同日期 SO2 均恒定为 25.31 达 8 小时；运维单位乙：两家企业 5 次在同一非固定小时同时出现维护/故障标记',
      en: 'Company A: two enterprises hold SO2 at exactly 25.31 for 8 hours on different days; company B: two enterprises flag M/D in the same odd hour five times',
    },
    data: {
      sites: [
        site('H1', { om_company: '甲运维' }),
        site('H2', { om_company: '甲运维' }),
        site('J1', { om_company: '乙运维' }),
        site('J2', { om_company: '乙运维' }),
      ],
      outlets: outlets(['H1', 'H2', 'J1', 'J2']),
      readings: (() => {
        const h1 = nox(21, HOURS, 30);
        const h2 = nox(22, HOURS, 30);
        for (let i = 0; i < 8; i++) {
          h1[30 + i] = 25.31;
          h2[150 + i] = 25.31;
        }
        // five different hours of day, so none of them looks like a fixed schedule
        const odd = new Set([13, 62, 100, 153, 210]);
        return [
          ...seriesOf('H1-G1', 'a21026', START, h1),
          ...seriesOf('H2-G1', 'a21026', START, h2),
          ...seriesOf('J1-G1', 'a21002', START, nox(31), { flag: (i) => (odd.has(i) ? 'M' : 'N') }),
          ...seriesOf('J2-G1', 'a21002', START, nox(32), { flag: (i) => (odd.has(i) ? 'D' : 'N') }),
        ];
      })(),
    },
    expectFindings: 2,
    check: (f) => {
      expect(f.map((x) => x.severity).sort()).toEqual(['low', 'medium']);
      for (const x of f) expect(x.site_id).toBeNull();
    },
  },
];
