import { expect } from 'vitest';
import { noise, seriesOf, type CaseReading, type RuleCase } from '../rule-case';

const START = '2025-10-01 00:00:00';
const H = 24;

/** Hourly values with a daily cycle and noise at 0.01 precision. */
function values(seed: number, days: number, base: number): number[] {
  const rnd = noise(seed);
  return Array.from({ length: days * H }, (_, h) =>
    Number(
      (base * (1 + 0.2 * Math.sin((2 * Math.PI * (h % H)) / H)) + 0.2 * base * (rnd() - 0.5)).toFixed(2),
    ),
  );
}

/** Copy `hours` values from position `from` of `src` over position `to` of `dst`. */
function paste(dst: number[], src: readonly number[], from: number, to: number, hours: number): number[] {
  const out = [...dst];
  for (let i = 0; i < hours; i++) out[to + i] = src[from + i]!;
  return out;
}

const outlet = (
  outlet_id: string,
  so2: readonly number[],
  nox: readonly number[],
  flag?: (i: number) => string,
): CaseReading[] => [
  ...seriesOf(outlet_id, 'a21026', START, so2, flag ? { flag } : {}),
  ...seriesOf(outlet_id, 'a21002', START, nox, flag ? { flag } : {}),
];

const sites = [
  { site_id: 'E1', om_company: '同一运维公司' },
  { site_id: 'E2', om_company: '同一运维公司' },
];
const outlets = [
  { outlet_id: 'A1', site_id: 'E1', media: 'gas', o2_ref: 9 },
  { outlet_id: 'B1', site_id: 'E2', media: 'gas', o2_ref: 9 },
];

const so2A = values(1, 14, 30);
const noxA = values(2, 14, 80);

export const copyPasteCases: readonly RuleCase[] = [
  {
    name: 'a day replayed a week later on the same outlet',
    kind: 'positive',
    note: {
      zh: '焦化厂第 12 天全天 SO2、NOx 数据与第 5 天逐小时相同',
      en: 'Coking plant: all SO2 and NOx hours of day 12 equal those of day 5',
    },
    data: {
      sites,
      outlets,
      readings: outlet('A1', paste(so2A, so2A, 4 * H, 11 * H, H), paste(noxA, noxA, 4 * H, 11 * H, H)),
    },
    expectFindings: 1,
    check: (f) =>
      expect(f[0]).toMatchObject({
        site_id: 'E1',
        outlet_id: 'A1',
        start_ts: '2025-10-12 00:00:00',
        end_ts: '2025-10-13 00:00:00',
        score: 48,
        severity: 'high',
      }),
  },
  {
    name: 'two days copied from another enterprise of the same O&M company',
    kind: 'positive',
    note: {
      zh: 'E2 第 9–10 天的数据与 E1 第 3–4 天逐小时相同，两家同一运维单位',
      en: 'E2 days 9–10 equal E1 days 3–4 hour by hour; both share one O&M company',
    },
    data: {
      sites,
      outlets,
      readings: [
        ...outlet('A1', so2A, noxA),
        ...outlet(
          'B1',
          paste(values(3, 14, 25), so2A, 2 * H, 8 * H, 2 * H),
          paste(values(4, 14, 70), noxA, 2 * H, 8 * H, 2 * H),
        ),
      ],
    },
    expectFindings: 1,
    check: (f) =>
      expect(f[0]).toMatchObject({
        site_id: 'E2',
        outlet_id: 'B1',
        start_ts: '2025-10-09 00:00:00',
        end_ts: '2025-10-11 00:00:00',
        severity: 'high',
      }),
  },
  {
    name: 'all-zero stops, detection-limit values and duplicate export rows are not copies',
    kind: 'negative',
    note: {
      zh: '停运全零、超低排放颗粒物在 0.1–0.3 之间反复、导出文件重复行：都不是复制',
      en: 'All-zero stopped days, ultra-low particulate bouncing between 0.1 and 0.3, and duplicated export rows are not copies',
    },
    data: {
      sites,
      outlets,
      readings: [
        // stopped days reported as zeros (even flagged N) repeat every day
        ...seriesOf('A1', 'a21026', START, [
          ...values(5, 3, 30),
          ...Array(4 * H).fill(0),
          ...values(6, 3, 30),
        ]),
        // particulate at the detection limit: three levels at 0.1 resolution
        ...seriesOf(
          'A1',
          'a34013',
          START,
          Array.from({ length: 10 * H }, (_, h) => [0.1, 0.2, 0.3][(h * 7) % 3]!),
        ),
        // the same hours exported twice (re-transmitted history)
        ...seriesOf('B1', 'a21002', START, values(7, 3, 70)),
        ...seriesOf('B1', 'a21002', START, values(7, 3, 70)),
      ],
    },
    expectFindings: 0,
  },
  {
    name: 'measured equals converted: a separate low lead, and none without a reference O2',
    kind: 'edge',
    note: {
      zh: 'A1（基准氧含量 9%）折算值与实测值两天完全相同：未折算，低级别；B1 无基准氧含量，折算值等于实测值属正常',
      en: 'A1 (reference O2 9%) reports converted = measured for two days: no correction, low; B1 has no reference O2, so equality is normal',
    },
    data: {
      sites,
      outlets: [outlets[0]!, { outlet_id: 'B1', site_id: 'E2', media: 'gas', o2_ref: null }],
      readings: [
        ...seriesOf('A1', 'a21026', START, so2A.slice(0, 2 * H)),
        ...seriesOf('A1', 'a21026', START, so2A.slice(0, 2 * H), { stat: 'zs_avg' }),
        ...seriesOf('B1', 'a24088', START, values(8, 2, 12)),
        ...seriesOf('B1', 'a24088', START, values(8, 2, 12), { stat: 'zs_avg' }),
      ],
    },
    expectFindings: 1,
    check: (f) => expect(f[0]).toMatchObject({ outlet_id: 'A1', code: 'a21026', severity: 'low' }),
  },
  {
    name: 'the same export imported twice under two ids, once with hour-ending labels',
    kind: 'edge',
    note: {
      zh: '同一排口数据以 MN 和排口名称各导入一次，其中一份按小时末标注时间（错后 1 小时）：整段相同，属重复导入，仅低级别',
      en: 'One outlet imported twice, under its MN and under its name, one file labelling hours by their end (1 h later): the whole span matches, a duplicate import, low only',
    },
    data: {
      sites,
      outlets,
      readings: [
        ...seriesOf('A1', 'a21026', START, so2A),
        ...seriesOf('B1', 'a21026', '2025-10-01 01:00:00', so2A),
      ],
    },
    expectFindings: 1,
    check: (f) => expect(f[0]).toMatchObject({ outlet_id: 'B1', severity: 'low' }),
  },
  {
    name: 'a replay across a daily calibration hour is one segment; a 20-hour copy is too short',
    kind: 'edge',
    note: {
      zh: '每天 03:00 校准（C 标记）不打断第 6–7 天对第 2–3 天的回放；另一排口仅 20 小时相同，不足 24 小时不报',
      en: 'A daily 03:00 calibration (flag C) does not split a replay of days 2–3 on days 6–7; a 20-hour copy on another outlet is below 24 hours',
    },
    data: {
      sites,
      outlets,
      readings: [
        ...seriesOf('A1', 'a21026', START, paste(so2A, so2A, 1 * H, 5 * H, 2 * H), {
          flag: (i) => (i % H === 3 ? 'C' : 'N'),
        }),
        ...seriesOf('B1', 'a21026', START, paste(values(9, 14, 30), values(9, 14, 30), 30, 200, 20)),
      ],
    },
    expectFindings: 1,
    check: (f) =>
      expect(f[0]).toMatchObject({
        outlet_id: 'A1',
        start_ts: '2025-10-06 00:00:00',
        end_ts: '2025-10-08 00:00:00',
        severity: 'high',
      }),
  },
];
