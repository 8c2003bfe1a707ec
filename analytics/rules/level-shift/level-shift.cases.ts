import { expect } from 'vitest';
import { noise, seriesOf, type CaseReading, type RuleCase } from '../rule-case';

const START = '2025-09-01 00:00:00';
const DAYS = 50;

/** Hourly values with a daily cycle, day-to-day variation and noise, times `level(day)`. */
function hourly(seed: number, base: number, level: (day: number) => number = () => 1): number[] {
  const rnd = noise(seed);
  const daily = Array.from({ length: DAYS }, () => 1 + 0.08 * (rnd() - 0.5));
  return Array.from({ length: DAYS * 24 }, (_, h) => {
    const day = Math.floor(h / 24);
    const v =
      base * daily[day]! * (1 + 0.15 * Math.sin((2 * Math.PI * (h % 24)) / 24)) * (1 + 0.1 * (rnd() - 0.5));
    return Number((v * level(day)).toFixed(2));
  });
}

const outlet = (so2: (day: number) => number, flow: (day: number) => number = () => 1): CaseReading[] => [
  ...seriesOf('G1', 'a21026', START, hourly(1, 40, so2), { stat: 'zs_avg' }),
  ...seriesOf('G1', 'a00000', START, hourly(2, 200, flow)),
  ...seriesOf('G1', 'a19001', START, hourly(3, 9)),
];

export const levelShiftCases: readonly RuleCase[] = [
  {
    name: 'SO2 falls 55% from day 31 while flow and O2 stay put',
    kind: 'positive',
    note: {
      zh: '收到检查通知后 SO2 折算浓度自第 31 天起下降约 55% 并保持，烟气流量与氧含量不变',
      en: 'After an inspection notice converted SO2 drops by about 55% from day 31 and stays there; flow and O2 are unchanged',
    },
    data: { readings: outlet((d) => (d >= 30 ? 0.45 : 1)) },
    expectFindings: 1,
    check: (f) => {
      expect(f[0]).toMatchObject({ outlet_id: 'G1', code: 'a21026', severity: 'medium' });
      // the finding's window brackets the shift day (2025-10-01)
      expect(f[0]!.start_ts! <= '2025-10-01 00:00:00' && f[0]!.end_ts! > '2025-10-01 00:00:00').toBe(true);
    },
  },
  {
    name: 'SO2 falls together with the flow (load cut)',
    kind: 'negative',
    note: {
      zh: '限产：流量下降一半，SO2 同步下降——工况变化，不是数据造假，最多为低级别线索',
      en: 'Production cut: the flow halves and SO2 falls with it — a process change, not falsification; at most a low lead',
    },
    data: {
      readings: outlet(
        (d) => (d >= 30 ? 0.45 : 1),
        (d) => (d >= 30 ? 0.5 : 1),
      ),
    },
    expectFindings: 2,
    check: (f) => {
      expect(f.every((x) => x.severity === 'low')).toBe(true);
      expect(f.map((x) => x.code).sort()).toEqual(['a00000', 'a21026']);
    },
  },
  {
    name: 'a rise is a low lead; a shift too close to the end has no right-hand window',
    kind: 'edge',
    note: {
      zh: 'SO2 自第 20 天上升 80%：低级别；第 47 天的下降之后不足 5 个有效日，不判定',
      en: 'SO2 rises 80% from day 21: low; a drop on day 48 has fewer than 5 valid days after it and is not judged',
    },
    data: { readings: outlet((d) => (d >= 47 ? 0.8 : d >= 20 ? 1.8 : 1)) },
    expectFindings: 1,
    check: (f) => expect(f[0]).toMatchObject({ code: 'a21026', severity: 'low' }),
  },
];
