import { createHash } from 'node:crypto';
import type { SqlRunner } from '../engine/database';
import type { PreparedInput } from '../rules/rule';

/**
 * Shared passes of a screening run (shared/docs/detectors.md §1, §8): tables materialised once per
 * state of the data and read by many rules (or by later runs of one rule), instead of every rule
 * re-sorting the 50M-row readings table on every run.
 *
 *   series_hour  every series rolled up to hourly rows (minute and real-time data too): mean, min,
 *                max, count, distinct values, and the hour's flag (N when >= 75 % of samples are N,
 *                HJ 212 C.16, else the most frequent other flag). A view: hourly rows are read from
 *                readings, only the rolled-up finer rows are materialised (series_hour_fine).
 *   outlet_hour  one row per outlet and hour with the common parameters side by side (measured and
 *                converted concentrations, O2, flow, temperature, ...), the outlet's worst flag, its
 *                reference O2 and limits, and the site's production and treatment power that hour.
 *   device_state every power reading with its device role, line, typical power (p95) and on/off state
 *                (a view over power_readings; the p95 per device is materialised in device_p95).
 *   site_state   per site and hour: production and treatment power, whether production ran.
 *   series_terms the N-flagged hourly avg/zs_avg values of every series (the rows the flatline, copy,
 *                O&M company and digit rules read) with the terms that need them sorted by series and
 *                time, computed in one sort instead of one per rule: row number, previous time and
 *                value, and for the 12-value (0.01 quanta) and 24-value (0.001 quanta) windows starting
 *                at the row their hash, last time and range, kept only where the hash is repeated;
 *                and per series (series_precision) the shares of values with a non-zero last digit at
 *                3, 2 and 1 decimals, from which rules pick the reporting precision; and per series
 *                and day (series_day) the count, sd, range, mean and median of those values.
 *   series_robust the trailing 24-sample quartiles of the pollutant series of series_terms
 *                (robust-outlier).
 *   series_hod   per series, hour of day and month: median, MAD, count, min and max of the values of
 *                series_terms (hour-of-day-baseline).
 *   series_digits per series and calendar month: the count, sd and first and last hour of the reported
 *                non-zero values of series_terms, and their last-digit counts at 0, 1, 2 and 3
 *                decimals (last-digit picks the series' precision).
 *   stat_pairs   the hourly Avg/Min/Max and Avg/Cou pairs of one outlet and code (physical-sanity).
 *   misaligned   the readings not on the boundary of their series' period (physical-sanity).
 *   flag_context per outlet and running hour (flag not F) of outlet_hour: the flag, the production power
 *                and the highest ratio to its limit of the valid hours within two rows either side
 *                (flag-abuse's high-value neighbourhood); and (flag_s_hours) the S-flagged series hours.
 *   device_hour  per production meter and hour with kW: the number of readings and their kW sum
 *                (load-decoupling's line power, marked-stopped-running's line power and meter steps).
 *   outlet_line_day per outlet, production line and day: the sums of load-decoupling's regressions of
 *                the converted concentrations on the line's hourly power.
 *
 * The operations rules (treatment-off, -late-start, -early-stop, -low-power, meter-outage) share the
 * per-line passes below, so the power readings are sorted by device and time once per run, not once
 * per rule:
 *   device_profile one row per production or treatment meter with data: sampling interval (snapped to
 *                  the HJ 212 intervals), last reading and its state, p95 and the median kW when on.
 *   device_edges   the rows of device_state where a state run can start: the first reading, a change of
 *                  on/off, or a step longer than one sampling interval (a gap), with the previous
 *                  reading's time and state. Rules keep the edges whose gap exceeds their own
 *                  gap factor (>= 1) times the interval, which is exactly the run starts they would get
 *                  from sorting every reading themselves; meter-outage reads its gaps from it too.
 *   line_units     evaluation units of the treatment rules: one set of linked treatment devices (a
 *                  line with its own treatment, the lines sharing line-less treatment, or the whole
 *                  site), with its lines and device counts.
 *   line_members   the production ('p') and linked treatment ('t') devices of each unit.
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

/** Columns that also carry their series' flag (<column>_flag): the avg series of these. */
const FLAG_COLUMNS = ['so2', 'nox', 'pm', 'flow', 'o2', 'nmhc', 'cod', 'nh3n'];

/** 1-based position in OUTLET_COLUMNS of the column with this name's code and the given stat. */
function columnNumber(name: string, stat: string): number {
  const code = OUTLET_COLUMNS.find(([c]) => c === name)![1];
  return OUTLET_COLUMNS.findIndex(([, c, s]) => c === code && s === stat) + 1;
}

/** Flags ordered from most to least severe, for an outlet's worst flag in an hour. */
const FLAG_PRIORITY = "['F','D','M','C','B','S','T']";

/**
 * A pass: the tables it materialises, kept in the case's `derived` schema, and the views it defines
 * on the run's connection. Each table is [name, SELECT] or, for one built in steps, [name, build]
 * where build(target) fills the table `target` (outlet_hour's batches); tables are built in order,
 * a later one may read an earlier one by its plain name.
 */
interface Pass {
  readonly tables?: ReadonlyArray<readonly [string, string | TableBuild]>;
  readonly views?: ReadonlyArray<readonly [string, string]>;
}
interface TableBuild {
  /** The SQL the table's content follows from: part of the cache key. */
  readonly sql: string;
  readonly run: (db: SqlRunner, target: string) => Promise<void>;
}

/**
 * The series of pollutant concentrations (gas a2*, a3*; water w* except the flow w00000): the rows of
 * series_robust. robust-outlier reads the other series (O2, flow, temperature ...) itself when asked.
 */
const POLLUTANT_SERIES = `code LIKE 'a2%' OR code LIKE 'a3%' OR (code LIKE 'w%' AND code <> 'w00000')`;

/** `lead(col, 1) OVER w, ..., lead(col, k) OVER w`: the later terms of a k + 1 value window. */
function leads(col: string, k: number): string {
  return Array.from({ length: k }, (_, i) => `lead(${col}, ${i + 1}) OVER w`).join(', ');
}

const PASSES: Readonly<Record<PreparedInput, Pass>> = {
  // Hourly (and daily) series pass through row for row; only finer data (minute, real-time) is
  // aggregated. The GROUP BY with a distinct count and a flag mode over every row was the most
  // expensive step of a screening run (detectors.md: roll minute data up, detect on hours).
  // Only the aggregated rows are materialised: series_hour is a view that reads the hourly rows from
  // `readings` itself (stored compressed and sorted by series). A temp table holding every reading
  // again with its names took more memory than the whole run's budget (~2.5 GB uncompressed for
  // 17.7M rows), so every later pass spilled.
  series_hour: {
    tables: [
      [
        'series_hour_fine',
        `SELECT r.series_id, date_trunc('hour', r.ts) AS ts,
           avg(r.value) AS value, min(r.value) AS vmin, max(r.value) AS vmax, count(r.value) AS n,
           count(DISTINCT r.value) AS n_distinct,
           CASE WHEN count(*) FILTER (coalesce(r.flag, 'N') = 'N') >= 0.75 * count(*) THEN 'N'
                ELSE mode(r.flag) FILTER (coalesce(r.flag, 'N') <> 'N') END AS flag
    FROM readings r JOIN series s USING (series_id)
    WHERE s.interval NOT IN ('hour', 'day')
    GROUP BY r.series_id, date_trunc('hour', r.ts)`,
      ],
    ],
    views: [
      [
        'series_hour',
        `SELECT r.series_id, s.outlet_id, s.code, s.stat, s.media, s.interval, date_trunc('hour', r.ts) AS ts,
           r.value, r.value AS vmin, r.value AS vmax, (r.value IS NOT NULL)::BIGINT AS n,
           (r.value IS NOT NULL)::BIGINT AS n_distinct, coalesce(r.flag, 'N') AS flag
    FROM readings r JOIN series s USING (series_id)
    WHERE s.interval IN ('hour', 'day')
    UNION ALL
    SELECT f.series_id, s.outlet_id, s.code, s.stat, s.media, s.interval, f.ts,
           f.value, f.vmin, f.vmax, f.n, f.n_distinct, f.flag
    FROM series_hour_fine f JOIN series s USING (series_id)`,
      ],
    ],
  },
  // One sort of the rows that four rules used to sort themselves (detectors.md §4.1, §4.3); the window
  // hashes are kept only for windows whose hash occurs more than once among the windows that vary
  // (range >= 1 quantum, and for the 12-value windows 12 consecutive hours), a superset of what any
  // rule's parameters can match, so a rule counts copies among these few rows and its own windows.
  // A window's range is greatest - least over the lead() terms the hash reads anyway (a frame
  // max/min builds a segment tree each: +1.5 s CPU on 11M rows); the repeated hashes are found by an
  // aggregate marked back by IN (its build side is the few repeated hashes), not a window partitioned
  // by hash (two more sorts of every row). Without a final ORDER BY: the rules do not depend on the
  // table's order. q2 is NULL for |value| >= 1e12 (the O&M rule drops those hours) and q3 is NULL
  // where value * 1000 does not fit a BIGINT, so absurd values never make the pass fail.
  series_terms: {
    tables: [
      [
        'series_terms',
        `WITH b AS (
      SELECT series_id, ts, value, n,
             CASE WHEN abs(value) < 1e12 THEN round(value * 100)::BIGINT END AS q2,
             TRY_CAST(round(value * 1000) AS BIGINT) AS q3
      FROM series_hour
      WHERE flag = 'N' AND value IS NOT NULL AND stat IN ('avg', 'zs_avg')
    ), w AS MATERIALIZED (
      SELECT series_id, ts, value, n,
             row_number() OVER w AS rn, lag(ts) OVER w AS prev_ts, lag(value) OVER w AS prev_value,
             lead(ts, 11) OVER w AS ts12,
             greatest(q2, ${leads('q2', 11)}) - least(q2, ${leads('q2', 11)}) AS r12,
             hash(q2, ${leads('q2', 11)}) AS h12,
             lead(ts, 23) OVER w AS ts24,
             greatest(q3, ${leads('q3', 23)})
               - least(q3, ${leads('q3', 23)}) AS r24,
             hash(q3, ${leads('q3', 23)}) AS h24
      FROM b
      WINDOW w AS (PARTITION BY series_id ORDER BY ts)
    )
    SELECT series_id, ts, value, n, rn, prev_ts, prev_value,
           CASE WHEN d12 THEN h12 END AS h12, CASE WHEN d12 THEN ts12 END AS ts12, CASE WHEN d12 THEN r12 END AS r12,
           CASE WHEN d24 THEN h24 END AS h24, CASE WHEN d24 THEN ts24 END AS ts24, CASE WHEN d24 THEN r24 END AS r24
    FROM (SELECT *,
            ts12 - ts = INTERVAL 11 HOUR AND r12 >= 1
              AND h12 IN (SELECT h12 FROM w WHERE ts12 - ts = INTERVAL 11 HOUR AND r12 >= 1
                          GROUP BY h12 HAVING count(*) > 1) AS d12,
            r24 >= 1 AND h24 IN (SELECT h24 FROM w WHERE r24 >= 1 GROUP BY h24 HAVING count(*) > 1) AS d24
          FROM w)`,
      ],
      [
        // Each series' share of values with a non-zero last digit at 3, 2 and 1 decimals, from which
        // the copy and digit rules pick the reporting precision at their own share: over all its rows
        // (copy-paste), and over its single-sample non-zero values (last-digit). Sums of 0/1 are exact
        // in any order, so the shares do not depend on the plan.
        'series_precision',
        `SELECT series_id, min(ts) AS first_ts, max(ts) AS last_ts,
           avg(CASE WHEN round(abs(value) * 1000) % 10 <> 0 THEN 1.0 ELSE 0.0 END) AS share3,
           avg(CASE WHEN round(abs(value) * 100) % 10 <> 0 THEN 1.0 ELSE 0.0 END) AS share2,
           avg(CASE WHEN round(abs(value) * 10) % 10 <> 0 THEN 1.0 ELSE 0.0 END) AS share1,
           avg(CASE WHEN round(abs(value) * 1000) % 10 <> 0 THEN 1.0 ELSE 0.0 END) FILTER (value <> 0 AND n = 1) AS reported_share3,
           avg(CASE WHEN round(abs(value) * 100) % 10 <> 0 THEN 1.0 ELSE 0.0 END) FILTER (value <> 0 AND n = 1) AS reported_share2,
           avg(CASE WHEN round(abs(value) * 10) % 10 <> 0 THEN 1.0 ELSE 0.0 END) FILTER (value <> 0 AND n = 1) AS reported_share1
    FROM series_terms GROUP BY series_id`,
      ],
      [
        // Daily roll-up of the same hours (detectors.md §4.2: tumbling daily statistics): count, sd,
        // range, mean and median per series and day, for the rules comparing days with the series' own
        // history. The median (level-shift's daily level) costs ~1 s CPU here on city100, once per
        // import, instead of 2.3 s in the rule's own GROUP BY over 11M hours on every run.
        'series_day',
        `SELECT series_id, date_trunc('day', ts) AS day, count(*) AS n,
           stddev_samp(value) AS sd, max(value) - min(value) AS rng, avg(value) AS mu, median(value) AS med
    FROM series_terms GROUP BY series_id, date_trunc('day', ts)`,
      ],
    ],
  },
  // The robust-outlier rule's window over the pollutant series of series_terms (detectors.md §4.9:
  // quantile_cont over the 24 preceding samples, one list per frame), the same for every run: its
  // parameters only judge the result. The window was the rule's whole cost (14.6 s of a warm run on
  // the 500-enterprise city). Rows whose next-but-one sample is not two hours later are left out (the
  // rule never judges an hour just before a stop); the IQR is kept as q75 - q25.
  series_robust: {
    tables: [
      [
        'series_robust',
        `SELECT series_id, ts, value, qs[2] AS med, qs[3] - qs[1] AS iqr, ts_back
    FROM (SELECT series_id, ts, value, quantile_cont(value, [0.25, 0.5, 0.75]) OVER w AS qs,
                 lag(ts, 24) OVER w AS ts_back, lead(ts, 2) OVER w AS ts_ahead
          FROM series_terms
          WHERE series_id IN (SELECT series_id FROM series WHERE ${POLLUTANT_SERIES})
          WINDOW w AS (PARTITION BY series_id ORDER BY ts ROWS BETWEEN 24 PRECEDING AND 1 PRECEDING))
    WHERE ts_ahead = ts + INTERVAL 2 HOUR AND ts_back IS NOT NULL`,
      ],
    ],
  },
  // The hour-of-day-baseline rule's baselines: median and MAD per (series, hour of day, month) of the
  // series_terms values, from one list per group (median() + mad() keep two holistic states per group),
  // with the group's count and its smallest and largest value, from which the rule finds the groups
  // that can hold a deviating hour without reading every hour back. Every series of series_terms, so
  // that the rule's choice of series (pollutants, or process parameters too) is its own; the grouping
  // of 55M hours into 1.9M groups costs ~6.7 s once per state of the data instead of ~4.5 s per run.
  series_hod: {
    tables: [
      [
        'series_hod',
        `SELECT series_id, hod, mon, med, list_median(list_transform(vs, v -> abs(v - med))) AS mad, n, vmin, vmax
    FROM (SELECT series_id, hour(ts) AS hod, month(ts) AS mon, list(value) AS vs, list_median(list(value)) AS med,
                 count(*) AS n, min(value) AS vmin, max(value) AS vmax
          FROM series_terms GROUP BY series_id, hour(ts), month(ts))`,
      ],
    ],
  },
  // The last-digit rule's monthly digit counts: its values are the results an analyser reported (an
  // hour rolled up from several minute values has no reported digit; a batch analyser's held result
  // counts once) that are not 0, per series and calendar month (year * 12 + month), with the ten
  // counts of the last digit at each precision the rule may pick for the series (0-3 decimals, from
  // series_precision and its share parameter). The counts are packed as 16-bit fields of three sums
  // per precision (digits 0-3, 4-7, 8-9; branch-free, no CASE): a field holds 65535 values of one
  // digit in one series-month, and a series has at most 744 hourly values a month. Grouping 50M values
  // was ~1.9 s of every run of the rule on the 500-enterprise city.
  series_digits: {
    tables: [
      [
        'series_digits',
        `WITH x AS (
      SELECT t.series_id, t.ts, t.value, t.value IS DISTINCT FROM t.prev_value AS new_result
      FROM series_terms t JOIN series s USING (series_id)
      WHERE s.interval IN ('hour', 'day')
      UNION ALL
      SELECT t.series_id, t.ts, t.value,
             t.value IS DISTINCT FROM lag(t.value) OVER (PARTITION BY t.series_id ORDER BY t.ts) AS new_result
      FROM series_terms t JOIN series s USING (series_id)
      WHERE s.interval NOT IN ('hour', 'day') AND t.n = 1
    ), dig AS (
      SELECT series_id, year(ts) * 12 + month(ts) AS ym, ts, value,
             (round(abs(value)) % 10)::INTEGER AS digit0, (round(abs(value) * 10.0) % 10)::INTEGER AS digit1,
             (round(abs(value) * 100.0) % 10)::INTEGER AS digit2, (round(abs(value) * 1000.0) % 10)::INTEGER AS digit3
      FROM x WHERE new_result AND value <> 0
    )
    SELECT series_id, ym, min(ts) AS first_ts, max(ts) AS last_ts, count(*) AS n, stddev_samp(value) AS sd,
           sum((digit0 < 4)::BIGINT << (16 * (digit0 & 3))) AS p0_0,
           sum((digit0 BETWEEN 4 AND 7)::BIGINT << (16 * (digit0 & 3))) AS p4_0,
           sum((digit0 >= 8)::BIGINT << (16 * (digit0 & 3))) AS p8_0,
           sum((digit1 < 4)::BIGINT << (16 * (digit1 & 3))) AS p0_1,
           sum((digit1 BETWEEN 4 AND 7)::BIGINT << (16 * (digit1 & 3))) AS p4_1,
           sum((digit1 >= 8)::BIGINT << (16 * (digit1 & 3))) AS p8_1,
           sum((digit2 < 4)::BIGINT << (16 * (digit2 & 3))) AS p0_2,
           sum((digit2 BETWEEN 4 AND 7)::BIGINT << (16 * (digit2 & 3))) AS p4_2,
           sum((digit2 >= 8)::BIGINT << (16 * (digit2 & 3))) AS p8_2,
           sum((digit3 < 4)::BIGINT << (16 * (digit3 & 3))) AS p0_3,
           sum((digit3 BETWEEN 4 AND 7)::BIGINT << (16 * (digit3 & 3))) AS p4_3,
           sum((digit3 >= 8)::BIGINT << (16 * (digit3 & 3))) AS p8_3
    FROM dig GROUP BY series_id, ym`,
      ],
    ],
  },
  // The physical-sanity rule's hourly pairs of statistics of one (outlet, code), pivoted once per
  // state of the data (two thirds of that rule's cost; its parameters are only tolerances):
  //   stat_pair_keys  the (outlet, code) pairs that report Min/Max or Cou, each with an integer key pid
  //                   and the outlet's hourly volume series (Cou of w00000 for water codes, of a00000
  //                   for gas); the pivots group by (pid, hour) over readings (grouping series_hour
  //                   rows by (outlet_id, code, ts) strings cost twice as much)
  //   minmax_hour     per pid and hour: Avg, Min, Max, measured and converted
  //   cou_hour        per pid and hour of a concentration code: Avg and Cou, with the hour's volume
  stat_pairs: {
    tables: [
      [
        'stat_pair_keys',
        `WITH keys AS (
      SELECT outlet_id, code, row_number() OVER (ORDER BY outlet_id, code)::INTEGER AS pid,
             bool_or(stat IN ('min', 'max', 'zs_min', 'zs_max')) AS has_minmax, bool_or(stat = 'cou') AS has_cou,
             -- concentration codes: gaseous pollutants (a2, a3, a05) and water quality (w except pH, flow)
             (code LIKE 'a2%' OR code LIKE 'a3%' OR code LIKE 'a05%') OR (code LIKE 'w%' AND code NOT IN ('w01001', 'w00000')) AS conc,
             CASE WHEN code LIKE 'w%' THEN 'w00000' ELSE 'a00000' END AS vol_code
      FROM series WHERE interval = 'hour' GROUP BY outlet_id, code
    )
    SELECT k.*, vs.series_id AS vol_sid
    FROM keys k LEFT JOIN series vs ON vs.outlet_id = k.outlet_id AND vs.code = k.vol_code AND vs.stat = 'cou' AND vs.interval = 'hour'`,
      ],
      [
        'minmax_hour',
        `WITH ps AS (
      SELECT s.series_id, k.pid, s.stat
      FROM stat_pair_keys k JOIN series s ON s.outlet_id = k.outlet_id AND s.code = k.code AND s.interval = 'hour'
      WHERE k.has_minmax AND s.stat IN ('avg', 'min', 'max', 'zs_avg', 'zs_min', 'zs_max')
    )
    SELECT p.pid, date_trunc('hour', r.ts) AS ts,
           max(value) FILTER (stat = 'avg') AS v_avg, max(value) FILTER (stat = 'min') AS v_min,
           max(value) FILTER (stat = 'max') AS v_max, max(value) FILTER (stat = 'zs_avg') AS z_avg,
           max(value) FILTER (stat = 'zs_min') AS z_min, max(value) FILTER (stat = 'zs_max') AS z_max
    FROM readings r JOIN ps p USING (series_id)
    GROUP BY p.pid, date_trunc('hour', r.ts)`,
      ],
      [
        'cou_hour',
        // grouped by the volume series too (one per key), so that the join to the volumes is one
        // equi-join of two relations on (vol_sid, ts): with vol_sid joined in afterwards, the planner
        // (which underestimates these aggregates) joined the pivot to the volumes on ts alone and ran
        // out of memory
        `WITH ps AS (
      SELECT s.series_id, k.pid, s.stat, k.vol_sid
      FROM stat_pair_keys k JOIN series s ON s.outlet_id = k.outlet_id AND s.code = k.code AND s.interval = 'hour'
      WHERE k.has_cou AND k.conc AND s.stat IN ('avg', 'cou')
    ), vol AS (
      SELECT r.series_id, date_trunc('hour', r.ts) AS ts, max(r.value) AS m3
      FROM readings r JOIN series s USING (series_id)
      WHERE s.code IN ('a00000', 'w00000') AND s.stat = 'cou' AND s.interval = 'hour' AND r.value IS NOT NULL
      GROUP BY r.series_id, date_trunc('hour', r.ts)
    ), cou AS (
      SELECT p.pid, p.vol_sid, date_trunc('hour', r.ts) AS ts,
             max(value) FILTER (stat = 'avg') AS v_avg, max(value) FILTER (stat = 'cou') AS v_cou
      FROM readings r JOIN ps p USING (series_id)
      GROUP BY p.pid, p.vol_sid, date_trunc('hour', r.ts)
    )
    SELECT c.pid, c.ts, c.v_avg, c.v_cou, vol.m3
    FROM cou c JOIN vol ON vol.series_id = c.vol_sid AND vol.ts = c.ts
    WHERE c.v_cou IS NOT NULL AND c.v_avg IS NOT NULL`,
      ],
    ],
  },
  // The readings not on the boundary of their period (hour, day, minute): physical-sanity's
  // misaligned-time check has no parameter, and testing every reading of the case on every run was a
  // third of that rule (2.4 s CPU on city500). On the boundary: the microseconds since the epoch are a
  // multiple of the period (3x cheaper than comparing with date_trunc on every reading).
  misaligned: {
    tables: [
      [
        'misaligned',
        `SELECT r.series_id, r.ts, r.value
    FROM readings r JOIN series s ON s.series_id = r.series_id
    WHERE CASE s.interval WHEN 'hour' THEN epoch_us(r.ts) % 3600000000 <> 0
                          WHEN 'day' THEN epoch_us(r.ts) % 86400000000 <> 0
                          WHEN 'min' THEN epoch_us(r.ts) % 60000000 <> 0
                          ELSE false END`,
      ],
    ],
  },
  // flag-abuse's neighbourhood of every running hour (flag not F) of an outlet: the highest ratio of a
  // valid (N) hour's converted concentration (measured where none) to the outlet's limit among the two
  // rows before and after it. The lag/lead window over the 5.9M running hours (city500) was that rule's
  // main cost (4 s of 7.5 s CPU) and depends only on the data and the limits; the rule judges q_nb with
  // its own high_frac. The other columns are the ones flag-abuse reads with it.
  flag_context: {
    tables: [
      [
        'flag_context',
        `WITH lim AS (
      SELECT outlet_id,
             max(limit_value) FILTER (code = 'a21026') AS l_so2, max(limit_value) FILTER (code = 'a21002') AS l_nox,
             max(limit_value) FILTER (code = 'a34013') AS l_pm, max(limit_value) FILTER (code = 'a24088') AS l_nmhc,
             max(limit_value) FILTER (code = 'w01018') AS l_cod, max(limit_value) FILTER (code = 'w21003') AS l_nh3n
      FROM limits WHERE basis = 'zs' GROUP BY outlet_id
    ), hz AS (
      SELECT h.site_id, h.outlet_id, h.ts, h.flag, h.prod_kw,
             CASE WHEN h.flag = 'N' THEN greatest(coalesce(h.so2_zs, h.so2) / l.l_so2, coalesce(h.nox_zs, h.nox) / l.l_nox,
                                                  coalesce(h.pm_zs, h.pm) / l.l_pm, coalesce(h.nmhc_zs, h.nmhc) / l.l_nmhc,
                                                  h.cod / l.l_cod, h.nh3n / l.l_nh3n) END AS q
      FROM outlet_hour h LEFT JOIN lim l ON l.outlet_id = h.outlet_id
      WHERE h.flag <> 'F'
    )
    SELECT site_id, outlet_id, ts, flag, prod_kw,
           greatest(lag(q, 1) OVER w, lead(q, 1) OVER w, lag(q, 2) OVER w, lead(q, 2) OVER w) AS q_nb
    FROM hz
    WINDOW w AS (PARTITION BY outlet_id ORDER BY ts)`,
      ],
      [
        // the S-flagged (manually entered) hours of every series, for flag-abuse's s-flag check: few
        // rows, but finding them tested the flag of every reading (88M on city500, ~1 s CPU per run)
        'flag_s_hours',
        `SELECT series_id, outlet_id, code, stat, media, ts, value FROM series_hour WHERE flag = 'S'`,
      ],
    ],
  },
  // Per production meter and hour, over the readings with kW: their number and kW sum. The line power of
  // load-decoupling (a one-meter line's hourly mean) and marked-stopped-running (hourly sums per line),
  // and the latter's sampling steps (hours with data per reading), read ~10M rows instead of grouping
  // the 50.9M power readings on every run (city500: ~4 s CPU in each rule).
  device_hour: {
    tables: [
      [
        'device_hour',
        `SELECT device_id, date_trunc('hour', ts) AS ts, count(*) AS n, sum(kw) AS kw_sum
    FROM power_readings
    WHERE kw IS NOT NULL AND device_id IN (SELECT device_id FROM devices WHERE role = 'production')
    GROUP BY device_id, date_trunc('hour', ts)`,
      ],
    ],
  },
  outlet_hour: {
    tables: [
      ['outlet_hour', { sql: outletHourSql('$batch'), run: (db, target) => buildOutletHour(db, target) }],
    ],
  },
  // load-decoupling's day sums per outlet, production line and day: n, Σx, Σy, Σx², Σy², Σxy of the
  // line's hourly mean kW (x) and each of the four converted concentrations (y; measured where none)
  // over the valid (N) production hours with kW > 0. The rule's parameters only judge these sums, and
  // joining outlet_hour's 5.8M valid hours (city500) to the lines' hourly power and grouping them by
  // day was most of that rule (~5 s CPU of ~6 s per run). Lines are devices.line_id ('' when not given).
  outlet_line_day: {
    tables: [
      [
        'outlet_line_day',
        `WITH pdev AS (
      SELECT device_id, site_id, coalesce(line_id, '') AS line_id,
             count(*) OVER (PARTITION BY site_id, coalesce(line_id, '')) AS n_dev
      FROM devices WHERE role = 'production'
    ), line_ts AS (
      -- the line's power per reading time, then its hourly mean over those times (no count(DISTINCT ts));
      -- only lines with several meters need the per-time sum: a one-meter line's readings are its line
      -- power already, and the per-time aggregate (one group per reading, 4.2M on city100) was
      -- load-decoupling's costliest step. Read from power_readings: the device_state view also joins the
      -- p95 of every reading.
      SELECT d.site_id, d.line_id, p.ts, sum(p.kw) AS kw
      FROM power_readings p JOIN pdev d USING (device_id)
      WHERE d.n_dev > 1 AND p.kw IS NOT NULL
      GROUP BY d.site_id, d.line_id, p.ts
    ), line_hour AS (
      SELECT site_id, line_id, date_trunc('hour', ts) AS ts, sum(kw) / count(*) AS kw
      FROM line_ts GROUP BY site_id, line_id, date_trunc('hour', ts)
      UNION ALL
      -- a one-meter line's hours are its meter's hours (device_hour: readings with kW per meter and hour)
      SELECT d.site_id, d.line_id, h.ts, h.kw_sum / h.n AS kw
      FROM device_hour h JOIN pdev d USING (device_id)
      WHERE d.n_dev = 1
    ), j AS (
      SELECT o.site_id, o.outlet_id, o.ts, l.line_id, l.kw AS x,
             coalesce(o.so2_zs, o.so2) AS y1, coalesce(o.nox_zs, o.nox) AS y2, coalesce(o.pm_zs, o.pm) AS y3,
             coalesce(o.nmhc_zs, o.nmhc) AS y4
      FROM outlet_hour o JOIN line_hour l ON l.site_id = o.site_id AND l.ts = o.ts
      WHERE o.flag = 'N' AND o.prod_on AND l.kw > 0
    )
    -- the day sums of the four pollutants side by side, each over the hours where it has a value, and
    -- only then one row per pollutant: unnesting every hour into four rows first (28M on city500) and
    -- grouping those took twice the CPU
    SELECT any_value(site_id) AS site_id, outlet_id, line_id, date_trunc('day', ts) AS day,
           count(y1) AS n1, sum(x) FILTER (y1 IS NOT NULL) AS sx1, sum(y1) AS sy1,
           sum(x * x) FILTER (y1 IS NOT NULL) AS sxx1, sum(y1 * y1) AS syy1, sum(x * y1) AS sxy1,
           count(y2) AS n2, sum(x) FILTER (y2 IS NOT NULL) AS sx2, sum(y2) AS sy2,
           sum(x * x) FILTER (y2 IS NOT NULL) AS sxx2, sum(y2 * y2) AS syy2, sum(x * y2) AS sxy2,
           count(y3) AS n3, sum(x) FILTER (y3 IS NOT NULL) AS sx3, sum(y3) AS sy3,
           sum(x * x) FILTER (y3 IS NOT NULL) AS sxx3, sum(y3 * y3) AS syy3, sum(x * y3) AS sxy3,
           count(y4) AS n4, sum(x) FILTER (y4 IS NOT NULL) AS sx4, sum(y4) AS sy4,
           sum(x * x) FILTER (y4 IS NOT NULL) AS sxx4, sum(y4 * y4) AS syy4, sum(x * y4) AS sxy4
    FROM j GROUP BY outlet_id, line_id, date_trunc('day', ts)`,
      ],
    ],
  },
  // A view like series_hour: only the per-device p95 is materialised; the readings with their roles
  // and states are derived from power_readings (compressed in the case) when a pass reads them,
  // instead of a sorted uncompressed copy of every power reading (~1 GB for 10M rows). Passes that
  // need time order (device_edges, the rules' islands) sort by device and time themselves.
  // marked-stopped-running derives the production on state of its few readings from device_p95 with
  // the same threshold (joining this view would first derive it for every reading): keep them in step.
  device_state: {
    tables: [
      [
        'device_p95',
        `SELECT device_id, quantile_cont(kw, 0.95) AS p95 FROM power_readings WHERE kw IS NOT NULL GROUP BY ALL`,
      ],
    ],
    views: [
      [
        'device_state',
        `SELECT p.device_id, d.site_id, d.role, d.line_id, d.rated_kw, p.ts, p.kw, t.p95,
           -- on when above 20 % of the device's own p95 (production) or 10 % (treatment), and above 1 kW;
           -- a never-running device (p95 near 0) is never on.
           CASE WHEN p.kw IS NULL THEN NULL
                ELSE p.kw > greatest(1.0, CASE WHEN d.role = 'treatment' THEN 0.1 ELSE 0.2 END * t.p95) END AS is_on
    FROM power_readings p JOIN devices d USING (device_id) LEFT JOIN device_p95 t USING (device_id)`,
      ],
    ],
  },
  device_profile: {
    tables: [
      [
        'device_profile',
        `WITH d AS (
      SELECT device_id, any_value(site_id) AS site_id, any_value(role) AS role, any_value(line_id) AS line_id,
             any_value(p95) AS p95,
             -- sampling interval: samples per hour with data, counted on every 8th day (exact for regular
             -- meters, robust to gaps and clock offsets, and cheap); short data use the mean step
             CASE WHEN count(*) FILTER ((epoch(ts)::BIGINT // 86400) % 8 = 0) >= 48
                  THEN 60.0 * count(DISTINCT epoch(ts)::BIGINT // 3600) FILTER ((epoch(ts)::BIGINT // 86400) % 8 = 0)
                       / count(*) FILTER ((epoch(ts)::BIGINT // 86400) % 8 = 0)
                  ELSE date_diff('second', min(ts), max(ts)) / 60.0 / greatest(count(*) - 1, 1) END AS step_raw,
             max(ts) AS last_ts, arg_max(is_on, ts) AS last_on,
             quantile_cont(kw, 0.5) FILTER (is_on) AS p_typ, count(*) FILTER (is_on) AS n_on
      FROM device_state
      WHERE kw IS NOT NULL AND role IN ('production', 'treatment')
      GROUP BY device_id
    )
    -- snapped to the HJ 212 intervals (1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60 min)
    SELECT *, CASE WHEN step_raw < 1.41 THEN 1 WHEN step_raw < 2.45 THEN 2 WHEN step_raw < 3.46 THEN 3
                WHEN step_raw < 4.47 THEN 4 WHEN step_raw < 5.48 THEN 5 WHEN step_raw < 7.75 THEN 6
                WHEN step_raw < 10.95 THEN 10 WHEN step_raw < 13.42 THEN 12 WHEN step_raw < 17.32 THEN 15
                WHEN step_raw < 24.49 THEN 20 WHEN step_raw < 42.43 THEN 30 WHEN step_raw < 84.85 THEN 60
                ELSE round(step_raw) END::INTEGER AS step_min
    FROM d`,
      ],
    ],
  },
  device_edges: {
    tables: [
      [
        'device_edges',
        `WITH s AS (
      SELECT device_id, ts, is_on, lag(ts) OVER w AS prev_ts, lag(is_on) OVER w AS prev_on
      FROM device_state
      WHERE kw IS NOT NULL AND role IN ('production', 'treatment')
      WINDOW w AS (PARTITION BY device_id ORDER BY ts)
    )
    SELECT s.device_id, s.ts, s.prev_ts, s.is_on, s.prev_on
    FROM s JOIN device_profile p USING (device_id)
    WHERE s.prev_ts IS NULL OR s.is_on <> s.prev_on OR date_diff('second', s.prev_ts, s.ts) > 60 * p.step_min
    ORDER BY s.device_id, s.ts`,
      ],
    ],
  },
  line_units: {
    tables: [
      [
        'line_units',
        `WITH treat AS (
      SELECT device_id, site_id, line_id FROM device_profile WHERE role = 'treatment'
    ), lmode AS (
      -- how each production line is linked: its own treatment, else the site's shared (line-less)
      -- treatment, else every treatment device of the site
      SELECT l.site_id, l.line_id,
             CASE WHEN count(t.device_id) FILTER (t.line_id = l.line_id) > 0 THEN 'line'
                  WHEN count(t.device_id) FILTER (t.line_id IS NULL) > 0 THEN 'shared'
                  ELSE 'site' END AS link_mode
      FROM (SELECT DISTINCT site_id, line_id FROM device_profile WHERE role = 'production') l
      JOIN treat t ON t.site_id = l.site_id
      GROUP BY l.site_id, l.line_id
    ), unit_of AS (
      -- lines sharing a treatment unit form one unit
      SELECT d.device_id, d.site_id, d.line_id, m.link_mode,
             d.site_id || '|' || CASE m.link_mode WHEN 'line' THEN d.line_id ELSE '*' || m.link_mode END AS unit
      FROM device_profile d JOIN lmode m ON m.site_id = d.site_id AND m.line_id IS NOT DISTINCT FROM d.line_id
      WHERE d.role = 'production'
    ), units AS (
      SELECT unit, any_value(site_id) AS site_id, any_value(link_mode) AS link_mode,
             CASE WHEN any_value(link_mode) = 'line' THEN any_value(line_id) END AS line_id,
             list(DISTINCT line_id ORDER BY line_id) FILTER (line_id IS NOT NULL) AS lines,
             list(device_id ORDER BY device_id) AS prod_devices, count(*) AS n_prod
      FROM unit_of GROUP BY unit
    ), link AS (
      SELECT u.unit, t.device_id
      FROM units u JOIN treat t ON t.site_id = u.site_id
      WHERE (u.link_mode = 'line' AND t.line_id = u.line_id)
         OR (u.link_mode = 'shared' AND t.line_id IS NULL)
         OR u.link_mode = 'site'
    )
    SELECT u.*, coalesce(l.n_treat, 0) AS n_treat, l.treat_devices
    FROM units u
    LEFT JOIN (SELECT unit, count(*) AS n_treat, list(device_id ORDER BY device_id) AS treat_devices
               FROM link GROUP BY unit) l USING (unit)`,
      ],
    ],
  },
  line_members: {
    tables: [
      [
        'line_members',
        `SELECT unit, unnest(prod_devices) AS device_id, 'p' AS k FROM line_units
    UNION ALL
    SELECT unit, unnest(treat_devices) AS device_id, 't' AS k FROM line_units WHERE n_treat > 0`,
      ],
    ],
  },
  // Power per reading time first, then per hour: the hour's mean power is the sum over its reading
  // times divided by their number, without a count(DISTINCT ts) (a hash set per site-hour and role).
  site_state: {
    tables: [
      [
        'site_state',
        `WITH t AS (
      SELECT site_id, role, ts, sum(kw) AS kw, bool_or(is_on) AS is_on
      FROM device_state GROUP BY site_id, role, ts
    )
    SELECT site_id, date_trunc('hour', ts) AS ts,
           sum(kw) FILTER (role = 'production') / greatest(count(*) FILTER (role = 'production'), 1) AS prod_kw,
           sum(kw) FILTER (role = 'treatment') / greatest(count(*) FILTER (role = 'treatment'), 1) AS treat_kw,
           bool_or(is_on) FILTER (role = 'production') AS prod_on
    FROM t GROUP BY site_id, date_trunc('hour', ts)`,
      ],
    ],
  },
};

/**
 * The outlet_hour pivot for the outlets `batch` (a SQL condition on outlet_id). The pivot is one hash
 * aggregate over every hourly row with a filtered max per column, which is what makes it expensive:
 * each series' column number is resolved once on the small series table (integer filters instead of
 * two string comparisons per column and row), and the flags other than N, present in few hours, are
 * collected apart and joined to their hours. Its aggregate holds some 600 bytes per outlet-hour,
 * more than the screening budget on a city of 500 enterprises (13M outlet-hours), and an aggregate
 * this wide cannot spill enough: the pivot runs over batches of outlets of about
 * OUTLET_HOUR_BATCH_READINGS readings each, appended one after the other.
 */
function outletHourSql(batch: string): string {
  return `
    WITH sc AS (
      SELECT series_id,
             CASE ${OUTLET_COLUMNS.map(([, code, stat], i) => `WHEN code = '${code}' AND stat = '${stat}' THEN ${i + 1}`).join('\n                  ')}
             END AS col
      FROM series
    ), h AS (
      SELECT outlet_id, ts,
        ${OUTLET_COLUMNS.map(([col], i) => `max(value) FILTER (col = ${i + 1}) AS ${col}`).join(',\n        ')},
        ${FLAG_COLUMNS.map((col) => `max(flag) FILTER (col = ${columnNumber(col, 'avg')}) AS ${col}_flag`).join(',\n        ')}
      FROM series_hour JOIN sc USING (series_id)
      WHERE ${batch}
      GROUP BY outlet_id, ts
    ), f AS (
      SELECT outlet_id, ts, list(flag ORDER BY flag) AS other_flags
      FROM (SELECT DISTINCT outlet_id, ts, flag FROM series_hour WHERE flag IS NOT NULL AND flag <> 'N' AND ${batch})
      GROUP BY outlet_id, ts
    )
    SELECT h.*, f.other_flags,
           -- the most severe flag present: the lowest priority position
           coalesce(${FLAG_PRIORITY}[list_min(list_transform(f.other_flags, x -> list_position(${FLAG_PRIORITY}, x)))], 'N') AS flag,
           o.site_id, o.media, o.o2_ref, st.prod_kw, st.treat_kw, st.prod_on
    FROM h LEFT JOIN f USING (outlet_id, ts)
    LEFT JOIN outlets o USING (outlet_id)
    LEFT JOIN site_state st ON st.site_id = o.site_id AND st.ts = h.ts
    ORDER BY outlet_id, ts`;
}

const OUTLET_HOUR_BATCH_READINGS = 20_000_000;

/**
 * outlet_hour into the table `target`, in as many batches as `batchReadings` readings per batch need
 * (exported for tests).
 */
export async function buildOutletHour(
  db: SqlRunner,
  target = 'outlet_hour',
  batchReadings = OUTLET_HOUR_BATCH_READINGS,
): Promise<void> {
  const [n] = await db.all<{ n: number }>('SELECT count(*) AS n FROM readings');
  const batches = Math.max(1, Math.ceil((n?.n ?? 0) / batchReadings));
  // Outlets in name order, so a batch's series tend to be neighbours in the readings.
  if (batches > 1) {
    await db.run(`CREATE OR REPLACE TEMP TABLE outlet_hour_batch AS
      SELECT outlet_id, ntile(${batches}) OVER (ORDER BY outlet_id) AS b FROM (SELECT DISTINCT outlet_id FROM series)`);
  }
  for (let b = 1; b <= batches; b++) {
    const batch =
      batches === 1 ? 'true' : `outlet_id IN (SELECT outlet_id FROM outlet_hour_batch WHERE b = ${b})`;
    await db.run(
      b === 1
        ? `CREATE OR REPLACE TABLE ${target} AS ${outletHourSql(batch)}`
        : `INSERT INTO ${target} ${outletHourSql(batch)}`,
    );
  }
  if (batches > 1) await db.run('DROP TABLE outlet_hour_batch');
}

/** Inputs in dependency order. */
const ORDER: readonly PreparedInput[] = [
  'device_state',
  'device_profile',
  'device_edges',
  'line_units',
  'line_members',
  'site_state',
  'series_hour',
  'series_terms',
  'series_robust',
  'series_hod',
  'series_digits',
  'stat_pairs',
  'misaligned',
  'device_hour',
  'outlet_hour',
  'flag_context',
  'outlet_line_day',
];
const DEPENDS: Readonly<Record<PreparedInput, readonly PreparedInput[]>> = {
  device_state: [],
  device_profile: ['device_state'],
  device_edges: ['device_profile'],
  line_units: ['device_profile'],
  line_members: ['line_units'],
  site_state: ['device_state'],
  series_hour: [],
  series_terms: ['series_hour'],
  series_robust: ['series_terms'],
  series_hod: ['series_terms'],
  series_digits: ['series_terms'],
  stat_pairs: [],
  misaligned: [],
  device_hour: [],
  outlet_hour: ['series_hour', 'site_state'],
  flag_context: ['outlet_hour', 'series_hour'],
  outlet_line_day: ['outlet_hour', 'device_hour'],
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

/**
 * The persisted passes (plain DuckDB tables in the case's `derived` schema) depend only on
 * the canonical data, not on a run's rules or parameters, so they are built once per state of the
 * case and reused by every later run (detectors.md §1: "materialise outlet_hour once per import"):
 * on a city-year they cost more than half of a cold run. Each pass records the key it was built for
 * in derived.passes: a hash of its SQL, the keys of the passes it reads, and the case's data state
 * (the source files' hashes, which every import adds to, and the row counts of the tables the passes
 * read, for data that did not come through an import: tests, benchmarks). A pass whose key differs is
 * rebuilt in one transaction with its new key, so a crash or a cancel leaves either the old pass
 * with its old key or the new one, never a pass that looks current and is not.
 */
const DERIVED_SCHEMA = 'derived';
const DERIVED_FORMAT = 1;
const BASE_TABLES = ['sites', 'outlets', 'series', 'readings', 'limits', 'devices', 'power_readings'];

/** The sha256 of every source file of the case, sorted: the inputs a screening run names. */
export async function sourceHashes(db: SqlRunner): Promise<string[]> {
  return (await db.all<{ sha256: string }>('SELECT sha256 FROM source_files ORDER BY sha256')).map(
    (r) => r.sha256,
  );
}

async function dataState(db: SqlRunner): Promise<string> {
  const [counts] = await db.all(
    `SELECT ${BASE_TABLES.map((t) => `(SELECT count(*) FROM ${t}) AS ${t}`).join(', ')}`,
  );
  return JSON.stringify({ counts, sources: await sourceHashes(db) });
}

function passKey(input: PreparedInput, state: string, keys: ReadonlyMap<PreparedInput, string>): string {
  const pass = PASSES[input];
  const tables = (pass.tables ?? []).map(([name, t]) => [name, typeof t === 'string' ? t : t.sql]);
  const deps = DEPENDS[input].map((d) => keys.get(d) ?? '');
  return createHash('sha256')
    .update(JSON.stringify({ format: DERIVED_FORMAT, input, tables, deps, state }))
    .digest('hex');
}

export interface PrepareOptions {
  /** Called as each pass starts. */
  readonly onStep?: (input: PreparedInput) => void;
  /** The runner is inside a transaction already: passes are rebuilt in it, not in their own. */
  readonly inTransaction?: boolean;
}

/** What prepareInputs did with each pass: built it, or reused the one kept in the case. */
export interface PassOutcome {
  readonly input: PreparedInput;
  readonly built: boolean;
  readonly seconds: number;
}

/**
 * Make the passes `inputs` need (and what they depend on) available on this runner's connection
 * under their plain names: kept tables are reused while their key holds, stale or missing ones are
 * built, and every pass's views are (re)defined as temp views.
 */
export async function prepareInputs(
  db: SqlRunner,
  inputs: Iterable<PreparedInput>,
  options: PrepareOptions = {},
): Promise<PassOutcome[]> {
  const needed = withDependencies(inputs);
  if (needed.length === 0) return [];
  await db.run(`CREATE SCHEMA IF NOT EXISTS ${DERIVED_SCHEMA}`);
  await db.run(`CREATE TABLE IF NOT EXISTS ${DERIVED_SCHEMA}.passes (
    input VARCHAR PRIMARY KEY, key VARCHAR NOT NULL, built_at TIMESTAMP NOT NULL, seconds DOUBLE NOT NULL)`);
  const state = await dataState(db);
  const kept = new Map(
    (await db.all<{ input: string; key: string }>(`SELECT input, key FROM ${DERIVED_SCHEMA}.passes`)).map(
      (r) => [r.input, r.key],
    ),
  );
  const existing = new Set(
    (
      await db.all<{ t: string }>(
        `SELECT table_name AS t FROM duckdb_tables() WHERE schema_name = '${DERIVED_SCHEMA}' AND database_name = current_database()`,
      )
    ).map((r) => r.t),
  );
  // Tables no pass makes any more (renamed or removed in a later version) would only take space.
  const known = new Set(Object.values(PASSES).flatMap((p) => (p.tables ?? []).map(([name]) => name)));
  for (const t of existing) {
    if (t !== 'passes' && !known.has(t)) await db.run(`DROP TABLE ${DERIVED_SCHEMA}.${t}`);
  }
  const keys = new Map<PreparedInput, string>();
  const outcomes: PassOutcome[] = [];
  for (const input of needed) {
    options.onStep?.(input);
    const t0 = performance.now();
    const pass = PASSES[input];
    const key = passKey(input, state, keys);
    keys.set(input, key);
    const tables = pass.tables ?? [];
    const current = kept.get(input) === key && tables.every(([name]) => existing.has(name));
    // a build defines the views of its tables as it goes; kept tables get theirs here
    if (!current) await buildPass(db, input, key, options.inTransaction ?? false);
    else for (const [name] of tables) await aliasView(db, name);
    for (const [name, sql] of pass.views ?? []) await db.run(`CREATE OR REPLACE TEMP VIEW ${name} AS ${sql}`);
    outcomes.push({ input, built: !current, seconds: (performance.now() - t0) / 1000 });
  }
  return outcomes;
}

/** The kept table `derived.<name>` under its plain name, on this connection. */
function aliasView(db: SqlRunner, name: string): Promise<void> {
  return db.run(`CREATE OR REPLACE TEMP VIEW ${name} AS SELECT * FROM ${DERIVED_SCHEMA}.${name}`);
}

async function buildPass(db: SqlRunner, input: PreparedInput, key: string, inTransaction: boolean) {
  const t0 = performance.now();
  if (!inTransaction) await db.run('BEGIN TRANSACTION');
  try {
    for (const [name, t] of PASSES[input].tables ?? []) {
      const target = `${DERIVED_SCHEMA}.${name}`;
      if (typeof t === 'string') await db.run(`CREATE OR REPLACE TABLE ${target} AS ${t}`);
      else await t.run(db, target);
      // later tables of this pass, and later passes, read it by its plain name
      await aliasView(db, name);
    }
    await db.run(
      `INSERT OR REPLACE INTO ${DERIVED_SCHEMA}.passes VALUES ($input, $key, current_localtimestamp(), $seconds)`,
      { input, key, seconds: (performance.now() - t0) / 1000 },
    );
    if (!inTransaction) await db.run('COMMIT');
  } catch (e) {
    if (!inTransaction) await db.run('ROLLBACK').catch(() => undefined);
    throw e;
  }
}
