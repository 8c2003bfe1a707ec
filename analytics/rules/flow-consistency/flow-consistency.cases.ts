import { expect } from 'vitest';
import { noise, seriesOf, type CaseData, type RuleCase } from '../rule-case';

const T0 = '2025-10-01 00:00:00';
const r2 = (x: number) => Math.round(x * 100) / 100;
const hourTs = (i: number) =>
  new Date(Date.parse('2025-10-01T00:00:00Z') + i * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');

/**
 * A kiln tail over `days` days. The standard flow follows load with 2 % noise; velocity is derived
 * from it (stack area unknown to the rule), so flow / velocity-implied flow is constant. `freezeFrom`
 * pins the reported flow from that hour on; `temp` gives the stack temperature per hour.
 */
function kiln(opts: {
  days: number;
  freezeFrom?: number;
  loadSd?: number;
  flowSd?: number;
  temp?: (i: number) => number;
  o2Ref?: number | null;
}): CaseData {
  const rnd = noise(21);
  const n = opts.days * 24;
  const load = Array.from({ length: n }, () => 0.92 + (opts.loadSd ?? 0.04) * (rnd() - 0.5) * 2);
  const q = load.map((l) => 130 * (0.3 + 0.7 * l) * (1 + (opts.flowSd ?? 0.02) * (rnd() - 0.5) * 2));
  const temp = Array.from({ length: n }, (_, i) => r2(opts.temp ? opts.temp(i) : 110 + 2 * rnd()));
  const hum = Array.from({ length: n }, () => r2(7 + 0.4 * rnd()));
  const velocity = q.map((v, i) => r2((v * (273 + temp[i]!)) / 273 / (1 - hum[i]! / 100) / 12));
  const flow = q.map((v, i) => r2(opts.freezeFrom !== undefined && i >= opts.freezeFrom ? 131.4 : v));
  return {
    outlets: [
      { outlet_id: 'K2', site_id: 'S2', media: 'gas', o2_ref: opts.o2Ref === undefined ? 10 : opts.o2Ref },
    ],
    devices: [{ device_id: 'S2-P1', site_id: 'S2', role: 'production', line_id: 'L1', rated_kw: 500 }],
    power: load.map((l, i) => ({ device_id: 'S2-P1', ts: hourTs(i), kw: r2(500 * (0.35 + 0.6 * l)) })),
    readings: [
      ...seriesOf('K2', 'a00000', T0, flow),
      ...seriesOf('K2', 'a01011', T0, velocity),
      ...seriesOf('K2', 'a01012', T0, temp),
      ...seriesOf('K2', 'a01014', T0, hum),
    ],
  };
}

export const flowConsistencyCases: readonly RuleCase[] = [
  {
    name: 'flow frozen for 3 days while velocity keeps moving',
    kind: 'positive',
    note: {
      zh: '标干流量 3 天固定为 131.4，而流速、温度、湿度推算的流量正常波动',
      en: 'Standard flow pinned at 131.4 for 3 days while the flow implied by velocity, temperature and humidity varies',
    },
    data: kiln({ days: 4, freezeFrom: 24 }),
    expectFindings: 1,
    check: (f) =>
      expect(f[0]).toMatchObject({
        outlet_id: 'K2',
        code: 'a00000',
        start_ts: '2025-10-02 00:00:00',
        end_ts: '2025-10-05 00:00:00',
        severity: 'high',
      }),
  },
  {
    name: 'steady base-load plant with genuinely steady flow',
    kind: 'negative',
    note: {
      zh: '连续生产、负荷平稳的装置，流量变异系数<1%，但流速同样平稳：不报',
      en: 'A continuous plant at steady load: flow CV below 1 % but velocity is just as steady, no finding',
    },
    data: kiln({ days: 4, loadSd: 0.005, flowSd: 0.004 }),
    expectFindings: 0,
  },
  {
    name: 'saturated stack after wet FGD at 48 °C is not a cold stack',
    kind: 'negative',
    note: {
      zh: '湿法脱硫后饱和烟气约 48℃ 属正常，不低于 40℃ 不报',
      en: 'A saturated stack after wet FGD at about 48 °C is normal; not below 40 °C, no finding',
    },
    data: kiln({ days: 2, temp: () => 48 }),
    expectFindings: 0,
  },
  {
    name: 'stack at 30 °C for 4 hours while the kiln runs',
    kind: 'edge',
    note: {
      zh: '燃烧源运行、流量正常而烟温 4 小时仅 30℃（其余时段为 48℃ 饱和烟气）：只报这 4 小时',
      en: 'Combustion source running with normal flow but the stack at 30 °C for 4 hours (48 °C saturated otherwise): only those 4 hours are reported',
    },
    data: kiln({ days: 2, temp: (i) => (i >= 30 && i < 34 ? 30 : 48) }),
    expectFindings: 1,
    check: (f) =>
      expect(f[0]).toMatchObject({
        code: 'a01012',
        start_ts: '2025-10-02 06:00:00',
        end_ts: '2025-10-02 10:00:00',
      }),
  },
];
