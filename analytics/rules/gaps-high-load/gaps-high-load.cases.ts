import { expect } from 'vitest';
import { noise, type CaseData, type CaseReading, type RuleCase } from '../rule-case';

const r2 = (x: number) => Math.round(x * 100) / 100;
const hourTs = (i: number) =>
  new Date(Date.parse('2025-09-15T00:00:00Z') + i * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');

/**
 * Converted NOx (limit 50) of outlet `id` over `days` days, hours in `gaps` missing from the export;
 * `value` overrides single hours. Power of the site follows a daily cycle peaking at 18:00.
 */
function sinter(
  id: string,
  site: string,
  days: number,
  gaps: ReadonlySet<number>,
  value: (i: number) => number | undefined = () => undefined,
): Required<Pick<CaseData, 'readings' | 'power'>> {
  const rnd = noise(id.charCodeAt(1) * 7 + 61);
  const readings: CaseReading[] = [];
  const power: { device_id: string; ts: string; kw: number }[] = [];
  for (let i = 0; i < days * 24; i++) {
    const shape = 0.8 + 0.2 * Math.cos((2 * Math.PI * ((i % 24) - 18)) / 24);
    power.push({ device_id: `${site}-P1`, ts: hourTs(i), kw: r2(5000 * shape * (0.98 + 0.04 * rnd())) });
    if (gaps.has(i)) continue;
    const v = value(i) ?? 25 + 5 * rnd();
    readings.push({ outlet_id: id, code: 'a21002', stat: 'zs_avg', ts: hourTs(i), value: r2(v), flag: 'N' });
  }
  return { readings, power };
}

/** Three 4-hour gaps (days 3, 8, 13 from 10:00): 0.93 × limit before, 0.36 × after. */
const GAP_STARTS = [3 * 24 + 10, 8 * 24 + 10, 13 * 24 + 10];
const gapHours = new Set(GAP_STARTS.flatMap((g) => [g, g + 1, g + 2, g + 3]));
const highLow = (i: number) =>
  GAP_STARTS.includes(i + 1) ? 46.5 : GAP_STARTS.includes(i - 4) ? 18 : undefined;

function county(outletIds: readonly string[], gapsFor: (id: string) => ReadonlySet<number>): CaseData {
  const parts = outletIds.map((id, k) =>
    sinter(id, `S${k + 1}`, 20, gapsFor(id), id === 'G1' ? highLow : undefined),
  );
  return {
    sites: outletIds.map((_, k) => ({ site_id: `S${k + 1}`, county: '临溪县' })),
    outlets: outletIds.map((id, k) => ({ outlet_id: id, site_id: `S${k + 1}`, media: 'gas', o2_ref: 16 })),
    limits: outletIds.map((id) => ({ outlet_id: id, code: 'a21002', limit_value: 50 })),
    devices: outletIds.map((_, k) => ({
      device_id: `S${k + 1}-P1`,
      site_id: `S${k + 1}`,
      role: 'production',
      rated_kw: 6000,
    })),
    power: parts.flatMap((p) => p.power),
    readings: parts.flatMap((p) => p.readings),
  };
}

const none = new Set<number>();
/** Two-hour gaps at the 17:00–19:00 load peak on every other day. */
const peakGaps = new Set(
  Array.from({ length: 5 }, (_, d) => [(2 * d + 1) * 24 + 17, (2 * d + 1) * 24 + 18]).flat(),
);

export const gapsHighLoadCases: readonly RuleCase[] = [
  {
    name: 'three gaps that swallow the hours near the limit',
    kind: 'positive',
    note: {
      zh: '20 天内 3 次各 4 小时缺失：缺失前 NOx 折算值约为限值的 93%，恢复后约 36%（选择性缺失）',
      en: 'Three 4-hour gaps in 20 days: NOx at ~93 % of the limit before, ~36 % after (selective gaps)',
    },
    data: county(['G1', 'G2', 'G3', 'G4'], (id) => (id === 'G1' ? gapHours : none)),
    expectFindings: 1,
    check: (f) =>
      expect(f[0]).toMatchObject({
        outlet_id: 'G1',
        start_ts: '2025-09-18 10:00:00',
        end_ts: '2025-09-28 14:00:00',
        severity: 'high',
      }),
  },
  {
    name: 'a county-wide network outage at the same hours',
    kind: 'negative',
    note: {
      zh: '同县 4 个排口在相同小时全部缺失（通讯网络故障），属基础设施问题，不报',
      en: 'All 4 outlets of the county miss the same hours (network outage): infrastructure, no finding',
    },
    data: county(['G1', 'G2', 'G3', 'G4'], () => gapHours),
    expectFindings: 0,
  },
  {
    name: 'gaps only at the daily load peak',
    kind: 'edge',
    note: {
      zh: '隔天在 17:00–19:00 用电高峰缺失 2 小时，其他运行小时无缺失：高负荷缺失率异常（中等级）',
      en: 'Every other day the 17:00–19:00 load peak is missing for 2 hours and nothing else: high-load gap rate (medium)',
    },
    data: county(['G1'], () => peakGaps),
    expectFindings: 1,
    check: (f) =>
      expect(f[0]).toMatchObject({
        start_ts: '2025-09-16 17:00:00',
        end_ts: '2025-09-24 19:00:00',
        severity: 'medium',
      }),
  },
];
