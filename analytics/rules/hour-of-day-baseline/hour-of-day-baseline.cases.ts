import { expect } from 'vitest';
import { noise, seriesOf, type RuleCase } from '../rule-case';

const START = '2025-10-01 00:00:00';
const DAYS = 28;

/** A daily rhythm (high by day, low at night) with noise; `edit(day, hour, v)` changes single hours. */
function rhythm(
  seed: number,
  edit: (day: number, hour: number, v: number) => number = (_d, _h, v) => v,
): number[] {
  const rnd = noise(seed);
  return Array.from({ length: DAYS * 24 }, (_, i) => {
    const hour = i % 24;
    const v = 60 * (1 + 0.3 * Math.sin((2 * Math.PI * (hour - 8)) / 24)) * (1 + 0.06 * (rnd() - 0.5));
    return Number(edit(Math.floor(i / 24), hour, v).toFixed(2));
  });
}

export const hourOfDayBaselineCases: readonly RuleCase[] = [
  {
    name: 'one night far below the usual night-time level',
    kind: 'positive',
    note: {
      zh: '第 21 天 0–6 时 SO2 实测值只有该时段平时的 40%（夜间稀释或改数），其他时间正常',
      en: 'On day 21, 00:00–06:00 measured SO2 is 40% of its usual level for those hours (night-time dilution or edits)',
    },
    data: {
      readings: seriesOf(
        'G1',
        'a21026',
        START,
        rhythm(1, (d, h, v) => (d === 20 && h < 7 ? 0.4 * v : v)),
      ),
    },
    expectFindings: 1,
    check: (f) =>
      expect(f[0]).toMatchObject({
        outlet_id: 'G1',
        start_ts: '2025-10-21 00:00:00',
        end_ts: '2025-10-21 07:00:00',
        severity: 'low',
      }),
  },
  {
    name: 'automatic daily calibration at 03:00',
    kind: 'negative',
    note: {
      zh: 'CEMS 每天 03:00 自动零点/量程校准（标记 C），该小时数值为标气读数：按时段的检验不应报出',
      en: 'Automatic zero/span calibration every day at 03:00 (flag C) reports the gas reading for that hour: an hour-of-day test must not flag it',
    },
    data: {
      readings: seriesOf(
        'G1',
        'a21026',
        START,
        rhythm(2, (d, h, v) => (h === 3 ? (d % 2 === 0 ? 0 : 180) : v)),
        { flag: (i) => (i % 24 === 3 ? 'C' : 'N') },
      ),
    },
    expectFindings: 0,
  },
  {
    name: 'a single deviating hour is robust-outlier’s job',
    kind: 'edge',
    note: {
      zh: '只有一个小时偏离（少于 2 小时）不报；单点离群由 robust-outlier 规则处理',
      en: 'Only one deviating hour (fewer than 2) is not reported; single points belong to robust-outlier',
    },
    data: {
      readings: seriesOf(
        'G1',
        'a21026',
        START,
        rhythm(3, (d, h, v) => (d === 20 && h === 4 ? 0.3 * v : v)),
      ),
    },
    expectFindings: 0,
  },
];
