import { expect } from 'vitest';
import { noise, seriesOf, type CaseData, type RuleCase } from '../rule-case';

const T0 = '2025-10-01 00:00:00';
const r2 = (x: number) => Math.round(x * 100) / 100;

interface Window {
  readonly from: number;
  readonly to: number;
}

/**
 * A coking-oven stack (reference O2 8 %) over 4 days with steady production. `dilute` adds air at the
 * analyser (O2 +4.5, measured ×0.5, flow and power unchanged); `lowLoad` cuts production to half
 * (power and flow down, O2 up, concentrations down): the legitimate look-alike.
 */
function coking(opts: { dilute?: Window; lowLoad?: Window; o2Base?: number; seed?: number }): CaseData {
  const rnd = noise(opts.seed ?? 11);
  const n = 96;
  const inW = (w: Window | undefined, i: number) => w !== undefined && i >= w.from && i < w.to;
  const load = Array.from({ length: n }, (_, i) => (inW(opts.lowLoad, i) ? 0.5 : 1) * (0.97 + 0.04 * rnd()));
  const o2 = load.map((l, i) =>
    r2((opts.o2Base ?? 9.4) + 7 * (1 - l) + 0.3 * rnd() + (inW(opts.dilute, i) ? 4.5 : 0)),
  );
  const conc = (base: number) =>
    load.map((l, i) => r2(base * (0.4 + 0.6 * l) * (0.95 + 0.1 * rnd()) * (inW(opts.dilute, i) ? 0.5 : 1)));
  const nox = conc(85);
  const so2 = conc(12);
  const flow = load.map((l) => r2(60 * (0.3 + 0.7 * l) * (0.99 + 0.02 * rnd())));
  return {
    outlets: [{ outlet_id: 'C1', site_id: 'S1', media: 'gas', o2_ref: 8 }],
    devices: [{ device_id: 'S1-P1', site_id: 'S1', role: 'production', line_id: 'L1', rated_kw: 1000 }],
    power: load.map((l, i) => ({
      device_id: 'S1-P1',
      ts: hourTs(i),
      kw: r2(1000 * (0.35 + 0.6 * l)),
    })),
    readings: [
      ...seriesOf('C1', 'a19001', T0, o2),
      ...seriesOf('C1', 'a21002', T0, nox),
      ...seriesOf('C1', 'a21026', T0, so2),
      ...seriesOf(
        'C1',
        'a21002',
        T0,
        nox.map((v, i) => r2((v * 13) / (21 - o2[i]!))),
        { stat: 'zs_avg' },
      ),
      ...seriesOf('C1', 'a00000', T0, flow),
    ],
  };
}

function hourTs(i: number): string {
  return new Date(Date.parse('2025-10-01T00:00:00Z') + i * 3_600_000)
    .toISOString()
    .slice(0, 19)
    .replace('T', ' ');
}

export const dilutionCases: readonly RuleCase[] = [
  {
    name: 'air let into the sample line for 7 night hours',
    kind: 'positive',
    note: {
      zh: '凌晨 7 小时采样点氧含量升高约 4.5 个百分点、实测浓度减半，负荷和流量不变',
      en: 'For 7 night hours O2 at the analyser rises ~4.5 points and measured values halve, load and flow unchanged',
    },
    data: coking({ dilute: { from: 72, to: 79 } }),
    expectFindings: 1,
    check: (f) =>
      expect(f[0]).toMatchObject({
        outlet_id: 'C1',
        start_ts: '2025-10-04 00:00:00',
        end_ts: '2025-10-04 07:00:00',
        severity: 'high',
      }),
  },
  {
    name: 'production cut to half load raises O2 and lowers concentrations',
    kind: 'negative',
    note: {
      zh: '减产至半负荷：氧含量升高、浓度下降是真实工况变化（负荷、流量同步下降），不是稀释',
      en: 'A cut to half load: higher O2 and lower concentrations are genuine (power and flow fall too), not dilution',
    },
    data: coking({ lowLoad: { from: 72, to: 84 } }),
    expectFindings: 0,
  },
  {
    name: 'a gas-fired unit with high excess air by design',
    kind: 'negative',
    note: {
      zh: '设计上过量空气高（氧含量约 15%）的机组：以排口自身历史为基线，不报',
      en: 'A unit running high excess air by design (O2 ~15 %): its own history is the baseline, no finding',
    },
    data: coking({ o2Base: 15, seed: 5 }),
    expectFindings: 0,
  },
  {
    name: 'a 3-hour dilution is reported at medium severity',
    kind: 'edge',
    note: {
      zh: '仅 3 小时（最短时长）的稀释：报出但定为中等级',
      en: 'A dilution of exactly the minimum 3 hours: reported, at medium severity',
    },
    data: coking({ dilute: { from: 80, to: 83 } }),
    expectFindings: 1,
    check: (f) => expect(f[0]).toMatchObject({ start_ts: '2025-10-04 08:00:00', severity: 'medium' }),
  },
];
