import { expect } from 'vitest';
import { noise, seriesOf, type CaseData, type RuleCase } from '../rule-case';

const T0 = '2025-09-01 00:00:00';
const r2 = (x: number) => Math.round(x * 100) / 100;
const hourTs = (i: number) =>
  new Date(Date.parse('2025-09-01T00:00:00Z') + i * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');

/**
 * A load-following boiler over `days` days: production power follows a daily cycle (CV ~0.25) unless
 * `flatLoad`; converted NOx = 20 + 0.06 × kW with 4 % noise, replaced by `nox(i, modelled)` when given.
 */
function boiler(
  days: number,
  opts: { flatLoad?: boolean; nox?: (i: number, modelled: number) => number } = {},
): CaseData {
  const rnd = noise(31);
  const n = days * 24;
  const kw = Array.from({ length: n }, (_, i) =>
    opts.flatLoad
      ? 900 * (0.98 + 0.04 * rnd())
      : 900 * (0.7 + 0.3 * Math.sin((2 * Math.PI * ((i % 24) - 8)) / 24)) * (0.97 + 0.06 * rnd()),
  );
  const nox = kw.map((k, i) => {
    const modelled = (20 + 0.06 * k) * (0.96 + 0.08 * rnd());
    return r2(opts.nox ? opts.nox(i, modelled) : modelled);
  });
  return {
    outlets: [{ outlet_id: 'B1', site_id: 'S3', media: 'gas', o2_ref: 6 }],
    devices: [{ device_id: 'S3-P1', site_id: 'S3', role: 'production', line_id: 'L1', rated_kw: 1200 }],
    power: kw.map((k, i) => ({ device_id: 'S3-P1', ts: hourTs(i), kw: r2(k) })),
    readings: seriesOf('B1', 'a21002', T0, nox, { stat: 'zs_avg' }),
  };
}

export const loadDecouplingCases: readonly RuleCase[] = [
  {
    name: 'converted NOx stops following load for two weeks',
    kind: 'positive',
    note: {
      zh: '前两周 NOx 折算值随负荷变化，后两周在同一水平附近随机波动、不再随负荷（模拟数据）',
      en: 'Converted NOx follows load for two weeks, then wanders around the same level ignoring load (simulated data)',
    },
    data: boiler(28, { nox: (i, m) => (i >= 14 * 24 ? 58 * (0.9 + (0.2 * ((i * 7919) % 101)) / 101) : m) }),
    expectFindings: 1,
    check: (f) => {
      expect(f[0]).toMatchObject({
        outlet_id: 'B1',
        code: 'a21002',
        end_ts: '2025-09-29 00:00:00',
        severity: 'medium',
      });
      expect(f[0]!.start_ts! >= '2025-09-15 00:00:00').toBe(true);
    },
  },
  {
    name: 'a base-load plant whose concentration does not track its flat load',
    kind: 'negative',
    note: {
      zh: '负荷平稳（变异系数约 1%）的装置，相关性无意义，不报',
      en: 'A plant at flat load (CV ~1 %): correlation is meaningless, no finding',
    },
    data: boiler(28, { flatLoad: true }),
    expectFindings: 0,
  },
  {
    name: 'converted NOx at half the modelled level for 3 days',
    kind: 'edge',
    note: {
      zh: '第 20–22 天折算值仅为负荷模型的一半（连续 3 天，刚好达到最短天数）',
      en: 'Days 20–22 sit at half the load model (3 days, exactly the minimum)',
    },
    data: boiler(28, { nox: (i, m) => (i >= 20 * 24 && i < 23 * 24 ? m * 0.5 : m) }),
    expectFindings: 1,
    check: (f) =>
      expect(f[0]).toMatchObject({
        start_ts: '2025-09-21 00:00:00',
        end_ts: '2025-09-24 00:00:00',
        severity: 'medium',
      }),
  },
];
