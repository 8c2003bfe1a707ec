import type { SqlRunner } from '../engine/database';
import type { PreparedInput } from '../rules/rule';

/**
 * Shared passes of a screening run (shared/docs/detectors.md §1, §8): tables materialised once and
 * read by many rules, instead of every rule re-sorting the 50M-row readings table.
 *
 *   series_hour  every series rolled up to hourly rows (minute and real-time data too): mean, min,
 *                max, count, distinct values, and the hour's flag (N when >= 75 % of samples are N,
 *                HJ 212 C.16, else the most frequent other flag).
 *   outlet_hour  one row per outlet and hour with the common parameters side by side (measured and
 *                converted concentrations, O2, flow, temperature, ...), the outlet's worst flag, its
 *                reference O2 and limits, and the site's production and treatment power that hour.
 *   device_state every power reading with its device role, line, typical power (p95) and on/off state.
 *   site_state   per site and hour: production and treatment power, whether production ran.
 */
const OUTLET_COLUMNS: ReadonlyArray<readonly [string, string, string]> = [
  // [column, code, stat]
  ['so2', 'a21026', 'avg'],
  ['so2_zs', 'a21026', 'zs_avg'],
  ['nox', 'a21002', 'avg'],
  ['nox_zs', 'a21002', 'zs_avg'],
  ['pm', 'a34013', 'avg'],
  ['pm_zs', 'a34013', 'zs_avg'],
  ['nmhc', 'a24088', 'avg'],
  ['nmhc_zs', 'a24088', 'zs_avg'],
  ['o2', 'a19001', 'avg'],
  ['velocity', 'a01011', 'avg'],
  ['temp', 'a01012', 'avg'],
  ['pressure', 'a01013', 'avg'],
  ['humidity', 'a01014', 'avg'],
  ['flow', 'a00000', 'avg'],
  ['flow_cou', 'a00000', 'cou'],
  ['cod', 'w01018', 'avg'],
  ['nh3n', 'w21003', 'avg'],
  ['tp', 'w21011', 'avg'],
  ['tn', 'w21001', 'avg'],
  ['ph', 'w01001', 'avg'],
  ['wflow', 'w00000', 'avg'],
];

/** Flags ordered from most to least severe, for an outlet's worst flag in an hour. */
const FLAG_PRIORITY = "['F','D','M','C','B','S','T']";

const SQL: Readonly<Record<PreparedInput, string>> = {
  // Hourly (and daily) series pass through row for row; only finer data (minute, real-time) is
  // aggregated. The GROUP BY with a distinct count and a flag mode over every row was the most
  // expensive step of a screening run (detectors.md: roll minute data up, detect on hours).
  series_hour: `CREATE OR REPLACE TEMP TABLE series_hour AS
    SELECT r.series_id, s.outlet_id, s.code, s.stat, s.media, s.interval, date_trunc('hour', r.ts) AS ts,
           r.value, r.value AS vmin, r.value AS vmax, (r.value IS NOT NULL)::BIGINT AS n,
           (r.value IS NOT NULL)::BIGINT AS n_distinct, coalesce(r.flag, 'N') AS flag
    FROM readings r JOIN series s USING (series_id)
    WHERE s.interval IN ('hour', 'day')
    UNION ALL
    SELECT r.series_id, s.outlet_id, s.code, s.stat, s.media, s.interval, date_trunc('hour', r.ts) AS ts,
           avg(r.value) AS value, min(r.value) AS vmin, max(r.value) AS vmax, count(r.value) AS n,
           count(DISTINCT r.value) AS n_distinct,
           CASE WHEN count(*) FILTER (coalesce(r.flag, 'N') = 'N') >= 0.75 * count(*) THEN 'N'
                ELSE mode(r.flag) FILTER (coalesce(r.flag, 'N') <> 'N') END AS flag
    FROM readings r JOIN series s USING (series_id)
    WHERE s.interval NOT IN ('hour', 'day')
    GROUP BY r.series_id, s.outlet_id, s.code, s.stat, s.media, s.interval, date_trunc('hour', r.ts)`,
  outlet_hour: `CREATE OR REPLACE TEMP TABLE outlet_hour AS
    WITH h AS (
      SELECT outlet_id, ts,
        ${OUTLET_COLUMNS.map(([col, code, stat]) => `max(value) FILTER (code = '${code}' AND stat = '${stat}') AS ${col}`).join(',\n        ')},
        ${['so2', 'nox', 'pm', 'flow', 'o2', 'nmhc', 'cod', 'nh3n']
          .map((col) => {
            const [, code] = OUTLET_COLUMNS.find(([c]) => c === col)!;
            return `max(flag) FILTER (code = '${code}' AND stat = 'avg') AS ${col}_flag`;
          })
          .join(',\n        ')},
        list_sort(list_distinct(list(flag) FILTER (flag IS NOT NULL AND flag <> 'N'))) AS other_flags,
        coalesce(list_extract(list_filter(${FLAG_PRIORITY}, f -> list_contains(list(flag), f)), 1), 'N') AS flag
      FROM series_hour GROUP BY outlet_id, ts
    )
    SELECT h.*, o.site_id, o.media, o.o2_ref, st.prod_kw, st.treat_kw, st.prod_on
    FROM h LEFT JOIN outlets o USING (outlet_id)
    LEFT JOIN site_state st ON st.site_id = o.site_id AND st.ts = h.ts
    ORDER BY outlet_id, ts`,
  device_state: `CREATE OR REPLACE TEMP TABLE device_state AS
    WITH typ AS (
      SELECT device_id, quantile_cont(kw, 0.95) AS p95 FROM power_readings WHERE kw IS NOT NULL GROUP BY ALL
    )
    SELECT p.device_id, d.site_id, d.role, d.line_id, d.rated_kw, p.ts, p.kw, t.p95,
           -- on when above 20 % of the device's own p95 (production) or 10 % (treatment), and above 1 kW;
           -- a never-running device (p95 near 0) is never on.
           CASE WHEN p.kw IS NULL THEN NULL
                ELSE p.kw > greatest(1.0, CASE WHEN d.role = 'treatment' THEN 0.1 ELSE 0.2 END * t.p95) END AS is_on
    FROM power_readings p JOIN devices d USING (device_id) LEFT JOIN typ t USING (device_id)
    ORDER BY p.device_id, p.ts`,
  site_state: `CREATE OR REPLACE TEMP TABLE site_state AS
    SELECT site_id, date_trunc('hour', ts) AS ts,
           sum(kw) FILTER (role = 'production') / greatest(count(DISTINCT ts) FILTER (role = 'production'), 1) AS prod_kw,
           sum(kw) FILTER (role = 'treatment') / greatest(count(DISTINCT ts) FILTER (role = 'treatment'), 1) AS treat_kw,
           bool_or(is_on) FILTER (role = 'production') AS prod_on
    FROM device_state GROUP BY site_id, date_trunc('hour', ts)`,
};

/** Inputs in dependency order. */
const ORDER: readonly PreparedInput[] = ['device_state', 'site_state', 'series_hour', 'outlet_hour'];
const DEPENDS: Readonly<Record<PreparedInput, readonly PreparedInput[]>> = {
  device_state: [],
  site_state: ['device_state'],
  series_hour: [],
  outlet_hour: ['series_hour', 'site_state'],
};

export function withDependencies(inputs: Iterable<PreparedInput>): PreparedInput[] {
  const needed = new Set<PreparedInput>();
  const visit = (i: PreparedInput) => {
    if (needed.has(i)) return;
    for (const d of DEPENDS[i]) visit(d);
    needed.add(i);
  };
  for (const i of inputs) visit(i);
  return ORDER.filter((i) => needed.has(i));
}

export async function prepareInputs(
  db: SqlRunner,
  inputs: Iterable<PreparedInput>,
  onStep?: (input: PreparedInput) => void,
): Promise<void> {
  for (const input of withDependencies(inputs)) {
    onStep?.(input);
    await db.run(SQL[input]);
  }
}
