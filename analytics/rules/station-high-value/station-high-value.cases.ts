import { expect } from 'vitest';
import { noise, type RuleCase } from '../rule-case';
import { addMinutes } from '../treatment-off/operations-fixtures';

const START = '2025-09-26 00:00:00';
const stations = (county: string, ids: readonly string[]) =>
  ids.map((id) => ({ station_id: id, station_name: `${id}站`, county, township: id, kind: 'township' }));

/** Hourly PM2.5 (and PM10 = 1.6×) for 48 hours: `level(station, hour)`. */
function air(ids: readonly string[], level: (id: string, h: number) => number | null, seed = 5) {
  const r = noise(seed);
  const rows: Array<Record<string, string | number | null>> = [];
  for (const id of ids) {
    for (let h = 0; h < 48; h++) {
      const v = level(id, h);
      const n = 1 + 0.08 * (2 * r() - 1);
      rows.push({
        station_id: id,
        ts: addMinutes(START, 60 * h),
        pm25: v === null ? null : Math.round(v * n),
        pm10: v === null ? null : Math.round(1.6 * v * n),
      });
    }
  }
  return rows;
}

const IDS = ['ST1', 'ST2', 'ST3', 'ST4', 'ST5'];

export const stationHighValueCases: readonly RuleCase[] = [
  {
    name: 'one township station at 4.5× its county peers for 8 hours at night',
    kind: 'positive',
    note: {
      zh: '马村街道站 19:00–03:00 PM2.5 达到同县其他站的 4.5 倍（局地散煤或露天焚烧）',
      en: 'One station at 4.5× its county peers 19:00–03:00 (local loose coal or open burning)',
    },
    data: {
      stations: stations('河西区', IDS),
      air: air(IDS, (id, h) => (id === 'ST3' && h >= 19 && h < 27 ? 270 : 60)).map((r) => ({
        ...r,
        pm10: null,
      })),
    },
    expectFindings: 1,
    check: (f) =>
      expect(f[0]).toMatchObject({
        site_id: null,
        code: 'pm25',
        start_ts: '2025-09-26 19:00:00',
        end_ts: '2025-09-27 03:00:00',
        severity: 'medium',
      }),
  },
  {
    name: 'regional heavy-pollution episode on every station',
    kind: 'negative',
    note: {
      zh: '区域性重污染过程：全县所有站点同步升至 250 µg/m³ 以上，不属单站高值',
      en: 'Regional episode: every station of the county rises above 250 µg/m³ together; not a local high value',
    },
    data: {
      stations: stations('河西区', IDS),
      air: air(IDS, (id, h) => (h >= 10 && h < 40 ? 260 * (id === 'ST2' ? 1.25 : 1) : 60)),
    },
    expectFindings: 0,
  },
  {
    name: 'a one-hour spike, a county with a single peer, and a weak 1.8× alert on PM2.5 and PM10',
    kind: 'edge',
    note: {
      zh: '单小时尖峰不足 2 小时；只有 1 个同县站点时不判断；1.8 倍持续 3 小时为低级线索',
      en: 'A one-hour spike is too short; a county with one peer is not judged; 1.8× for 3 hours is a low lead',
    },
    data: {
      stations: [...stations('河西区', IDS), ...stations('北塘县', ['NB1', 'NB2'])],
      air: [
        ...air(IDS, (id, h) =>
          id === 'ST1' && h === 5 ? 400 : id === 'ST4' && h >= 30 && h < 33 ? 200 : id === 'ST4' ? 111 : 100,
        ),
        ...air(['NB1', 'NB2'], (id, h) => (id === 'NB1' && h >= 5 && h < 15 ? 400 : 60), 9),
      ],
    },
    expectFindings: 2,
    check: (f) => {
      expect(f.map((x) => x.code).sort()).toEqual(['pm10', 'pm25']);
      for (const x of f) expect(x).toMatchObject({ start_ts: '2025-09-27 06:00:00', severity: 'low' });
    },
  },
];
