import { expect } from 'vitest';
import { noise, seriesOf, type CaseData, type RuleCase } from '../rule-case';

const r2 = (x: number) => Math.round(x * 100) / 100;
const tsAt = (t0: string, i: number) =>
  new Date(Date.parse(`${t0.replace(' ', 'T')}Z`) + i * 3_600_000)
    .toISOString()
    .slice(0, 19)
    .replace('T', ' ');

/**
 * A coking stack with SO2, NOx and particulate (noise `sd`) and steady production power. `so2Factor`
 * scales measured SO2 per hour (a span set low), `load` scales power and all pollutants per hour,
 * `flag` gives the hour's flag on every code, `marks` adds 校准 marks.
 */
function stack(opts: {
  t0?: string;
  days: number;
  sd?: number;
  so2Factor?: (i: number) => number;
  load?: (i: number) => number;
  flag?: (i: number) => string;
  marks?: readonly number[];
}): CaseData {
  const t0 = opts.t0 ?? '2025-10-01 00:00:00';
  const rnd = noise(51);
  const n = opts.days * 24;
  const sd = opts.sd ?? 0.05;
  const load = Array.from({ length: n }, (_, i) => (opts.load ? opts.load(i) : 1));
  const series = (base: number, f?: (i: number) => number) =>
    load.map((l, i) => r2(base * l * (1 + sd * (2 * rnd() - 1)) * (f ? f(i) : 1)));
  const flag = opts.flag ?? (() => 'N');
  return {
    outlets: [{ outlet_id: 'C3', site_id: 'S7', media: 'gas', o2_ref: 8 }],
    devices: [{ device_id: 'S7-P1', site_id: 'S7', role: 'production', line_id: 'L1', rated_kw: 900 }],
    power: load.map((l, i) => ({
      device_id: 'S7-P1',
      ts: tsAt(t0, i),
      kw: r2(800 * l * (0.99 + 0.02 * rnd())),
    })),
    marks: (opts.marks ?? []).map((h) => ({
      outlet_id: 'C3',
      start_ts: tsAt(t0, h),
      end_ts: tsAt(t0, h).replace(':00:00', ':40:00'),
      mark: '校准',
      source: '人工',
    })),
    readings: [
      ...seriesOf('C3', 'a21026', t0, series(50, opts.so2Factor), { flag }),
      ...seriesOf('C3', 'a21002', t0, series(80), { flag }),
      ...seriesOf('C3', 'a34013', t0, series(5), { flag }),
    ],
  };
}

const CAL = [4 * 24 + 10, 8 * 24 + 10];

export const calibrationBehaviourCases: readonly RuleCase[] = [
  {
    name: 'SO2 span set low at two manual calibrations',
    kind: 'positive',
    note: {
      zh: '两次人工校准后 SO2 实测浓度各下降约 40% 并保持，NOx、颗粒物和负荷不变（重复，定为中等级）',
      en: 'After each of two manual calibrations measured SO2 drops ~40 % and stays, NOx, particulate and load unchanged (repeated: medium)',
    },
    data: stack({
      days: 12,
      flag: (i) => (CAL.includes(i) ? 'C' : 'N'),
      marks: CAL,
      so2Factor: (i) => (i > CAL[1]! ? 0.36 : i > CAL[0]! ? 0.6 : 1),
    }),
    expectFindings: 2,
    check: (f) => {
      expect(f.map((x) => x.start_ts)).toEqual(['2025-10-05 10:00:00', '2025-10-09 10:00:00']);
      for (const x of f) expect(x).toMatchObject({ outlet_id: 'C3', code: 'a21026', severity: 'medium' });
    },
  },
  {
    name: 'daily automatic calibration at 02:00 with ordinary noise',
    kind: 'negative',
    note: {
      zh: '每天 02:00 定时自动校准，前后浓度随机波动（±10%）但无持续变化：不报',
      en: 'A daily automatic calibration at 02:00 with ±10 % random noise around it and no lasting change: no finding',
    },
    data: stack({ days: 20, sd: 0.1, flag: (i) => (i % 24 === 2 ? 'C' : 'N') }),
    expectFindings: 0,
  },
  {
    name: 'level falls across a calibration because the load falls',
    kind: 'negative',
    note: {
      zh: '校准恰逢减产 30%：浓度随负荷下降，负荷变化超过 5%，不报',
      en: 'A calibration coinciding with a 30 % production cut: concentrations follow load, load change above 5 %, no finding',
    },
    data: stack({
      days: 8,
      flag: (i) => (i === CAL[0] ? 'C' : 'N'),
      load: (i) => (i > CAL[0]! ? 0.7 : 1),
    }),
    expectFindings: 0,
  },
  {
    name: 'three calibrations a day for a week',
    kind: 'edge',
    note: {
      zh: '一周内每天校准 3 次（共 21 次，超过 14 次）：频次异常，低等级',
      en: 'Three calibrations a day for a week (21, more than 14): frequency anomaly, low',
    },
    data: stack({
      t0: '2025-10-06 00:00:00',
      days: 7,
      flag: (i) => ([2, 10, 18].includes(i % 24) ? 'C' : 'N'),
    }),
    expectFindings: 1,
    check: (f) =>
      expect(f[0]).toMatchObject({
        start_ts: '2025-10-06 00:00:00',
        end_ts: '2025-10-13 00:00:00',
        severity: 'low',
      }),
  },
];
