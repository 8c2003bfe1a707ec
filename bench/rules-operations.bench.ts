/**
 * Timing of the operations rules (catalog section C: sub-metering, orders, trucks, marks, O&M
 * companies, ambient stations) on a synthetic city generated in SQL.
 *
 *   npx tsx bench/rules-operations.bench.ts [--sites 500] [--days 365] [--threads 2] [--memory 12GB]
 *                                           [--db path.duckdb] [--keep] [--rule id]
 *
 * Default scale is the benchmark city: 500 enterprises × 3 sub-meters (2 production lines, 1 shared
 * treatment device) × 15-minute readings for 365 days ≈ 52.6M power rows, one CEMS outlet per site
 * with 5 hourly series (≈ 21.9M readings), 5 orange orders, gate records (≈ 3.7M) and 100 ambient
 * stations (≈ 0.9M hourly rows). Everything is generated in DuckDB with hash-based noise, so runs are
 * deterministic. A few cases are planted so the rules have something to find (treatment off in the
 * afternoon, low-power treatment, meter outages, sites ignoring orders, marks while running, a copied
 * day between two enterprises of one O&M company, a local station episode) next to look-alikes
 * (genuine stops, fixed-hour calibration by vendor firmware, a regional episode).
 *
 * Prints the generation time, the time of each shared prepared input, and per rule the wall-clock
 * time and the number of findings by severity.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Database } from '../analytics/engine/database';
import { SCHEMA_V1_SQL } from '../analytics/model/schema-v1';
import { operationsRuleEntries } from '../analytics/rules/catalog-operations';
import type { PreparedInput } from '../analytics/rules/rule';
import { evaluateRule, resolveParams } from '../analytics/screening/evaluate-rule';
import { prepareInputs } from '../analytics/screening/prepare-inputs';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : fallback;
};
const SITES = Number(arg('sites', '500'));
const DAYS = Number(arg('days', '365'));
const THREADS = Number(arg('threads', '2'));
const MEMORY = arg('memory', '12GB');
const KEEP = args.includes('--keep');
const ONLY = arg('rule', '');
const START = '2024-01-01 00:00:00';

/** One statement per step; all randomness from hash() of stable keys. */
function generationSql(): Array<[label: string, sql: string]> {
  const u = (key: string) => `((hash(${key}) % 1000003) / 1000003.0)`;
  const t0 = `TIMESTAMP '${START}'`;
  const t1 = `(${t0} + INTERVAL ${DAYS} DAY)`;
  const ordersAt = [12, 45, 300, 325, 350].filter((d) => d + 3 < DAYS);
  const ordersSql = ordersAt
    .map(
      (d, k) =>
        `('O${k + 1}', 'orange', ${t0} + INTERVAL ${d} DAY + INTERVAL 18 HOUR, ${t0} + INTERVAL ${d + 3} DAY, 'all')`,
    )
    .join(', ');
  return [
    [
      'sites, outlets, devices, stations',
      `
      CREATE TABLE b_site AS
      SELECT i, printf('S%04d', i) AS site_id, printf('县%02d', i % 10) AS county,
             CASE WHEN i % 10 = 0 THEN 'A' WHEN i % 3 = 0 THEN 'C' ELSE 'B' END AS grade,
             printf('运维%02d', i % 25) AS om,
             i % 3 = 1 AS day_shift,          -- the rest run round the clock
             i % 60 = 13 AS ignores_orders,
             i % 50 = 7 AS treat_off_case, i % 50 = 11 AS low_power_case, i % 40 = 5 AS marked_running_case
      FROM range(${SITES}) t(i);
      INSERT INTO sites (site_id, site_name, county, township, industry, grade, om_company)
      SELECT site_id, '企业' || site_id, county, county || '镇' || (i % 5), '工业', grade, om FROM b_site;
      INSERT INTO outlets (outlet_id, site_id, media, o2_ref) SELECT site_id || '-G1', site_id, 'gas', 9 FROM b_site;
      INSERT INTO devices (device_id, site_id, device_name, role, line_id, rated_kw)
      SELECT site_id || '-P1', site_id, '1#生产线主电机', 'production', site_id || '-L1', 800 + (i % 7) * 100 FROM b_site
      UNION ALL SELECT site_id || '-P2', site_id, '2#生产线主电机', 'production', site_id || '-L2', 600 FROM b_site
      UNION ALL SELECT site_id || '-T1', site_id, '公用治污风机', 'treatment', NULL, 300 FROM b_site;
      INSERT INTO stations (station_id, station_name, township, county, kind)
      SELECT printf('ST%03d', i), '站' || i, '镇' || i, printf('县%02d', i % 10), 'township' FROM range(100) t(i);
      INSERT INTO orders (order_id, level, start_ts, end_ts, scope) VALUES ${ordersSql || "('O0', 'orange', TIMESTAMP '1999-01-01', TIMESTAMP '1999-01-03', 'all')"};
      INSERT INTO measures (site_id, level, line_id, action, limit_pct)
      SELECT site_id, 'orange', NULL, 'limit', 30 FROM b_site WHERE grade = 'B'
      UNION ALL SELECT site_id, 'orange', site_id || '-L1', 'stop', NULL FROM b_site WHERE grade = 'C'
      UNION ALL SELECT site_id, 'orange', site_id || '-L2', 'stop', NULL FROM b_site WHERE grade = 'C';`,
    ],
    [
      'site-hour schedule',
      `
      -- per site and hour: running (0/1) and load factor, with stops, orders and shifts
      CREATE TABLE b_sched AS
      WITH h AS (
        SELECT s.*, r.ts, date_diff('day', ${t0}, r.ts) AS d, hour(r.ts) AS hh, dayofweek(r.ts) AS dow
        FROM b_site s CROSS JOIN range(${t0}, ${t1}, INTERVAL 1 HOUR) r(ts)
      )
      SELECT h.site_id, h.ts, h.d, h.hh,
             -- 2 % of days stopped for maintenance (whole day)
             ${u("h.site_id || 'stop' || h.d")} < 0.02 AS stop_day,
             EXISTS (SELECT 1 FROM orders o WHERE h.ts >= o.start_ts + INTERVAL 1 HOUR AND h.ts < o.end_ts) AS in_order,
             CASE WHEN h.day_shift THEN h.hh >= 8 AND h.hh < 20 AND h.dow <> 0 ELSE TRUE END AS shift_on,
             h.grade, h.ignores_orders, h.treat_off_case, h.low_power_case, h.marked_running_case
      FROM h;
      CREATE TABLE b_run AS
      SELECT site_id, ts, d, hh, stop_day, in_order, grade, ignores_orders, treat_off_case, low_power_case, marked_running_case,
             shift_on AND NOT stop_day AND NOT (in_order AND grade = 'C' AND NOT ignores_orders) AS running,
             CASE WHEN in_order AND grade = 'B' AND NOT ignores_orders THEN 0.7 ELSE 1.0 END AS load
      FROM b_sched;`,
    ],
    [
      'power readings (15 min)',
      `
      INSERT INTO power_readings (device_id, ts, kw, kwh, current_a, source_file_id, source_row)
      SELECT device_id, ts, kw, NULL, NULL, 0, 0 FROM (
        SELECT dv.device_id, q.ts,
               CASE WHEN dv.role = 'production'
                      THEN CASE WHEN r.running THEN dv.rated_kw * (0.35 + 0.6 * r.load * (0.9 + 0.1 * ${u('dv.device_id || q.ts')}))
                                ELSE dv.rated_kw * 0.01 * ${u('dv.device_id || q.ts')} END
                    ELSE CASE
                      WHEN NOT r.running THEN 1.5 * ${u('dv.device_id || q.ts')}
                      -- planted: shared treatment off 14:00–16:00 every 9th day
                      WHEN r.treat_off_case AND r.d % 9 = 0 AND r.hh IN (14, 15) THEN 0.5 * ${u('dv.device_id || q.ts')}
                      -- planted: treatment at 30 % of its power on every 13th day
                      WHEN r.low_power_case AND r.d % 13 = 0 THEN dv.rated_kw * 0.25
                      ELSE dv.rated_kw * (0.75 + 0.1 * ${u('dv.device_id || q.ts')}) END
               END AS kw,
               -- meter outages: 4 h on 0.5 % of device-days, and the P1 meter of order violators during orders
               (${u("dv.device_id || 'gap' || r.d")} < 0.005 AND r.hh BETWEEN 10 AND 13)
                 OR (r.in_order AND r.ignores_orders AND dv.role = 'production' AND dv.device_id LIKE '%-P1') AS missing
        FROM devices dv
        JOIN b_run r ON r.site_id = dv.site_id
        CROSS JOIN (SELECT unnest([0, 15, 30, 45]) AS m) mm
        CROSS JOIN LATERAL (SELECT r.ts + to_minutes(mm.m) AS ts) q
      ) WHERE NOT missing
      ORDER BY device_id, ts;`,
    ],
    [
      'CEMS readings (hourly, 5 series per outlet)',
      `
      INSERT INTO series (series_id, outlet_id, code, stat, interval, media)
      SELECT row_number() OVER (ORDER BY s.site_id, c.code, c.stat), s.site_id || '-G1', c.code, c.stat, 'hour', 'gas'
      FROM b_site s CROSS JOIN (VALUES ('a00000', 'avg'), ('a21002', 'avg'), ('a21002', 'zs_avg'), ('a21026', 'avg'), ('a19001', 'avg')) c(code, stat);
      INSERT INTO readings (series_id, ts, value, flag, source_file_id, source_row)
      SELECT se.series_id, r.ts,
             round(CASE se.code
               WHEN 'a00000' THEN CASE WHEN r.running THEN 150 * r.load * (0.9 + 0.2 * ${u('se.series_id || r.ts')}) ELSE 1 END
               WHEN 'a19001' THEN CASE WHEN r.running THEN 9 + 2 * ${u('se.series_id || r.ts')} ELSE 20.6 END
               WHEN 'a21026' THEN CASE WHEN r.running THEN 20 + 15 * ${u('se.series_id || r.ts')} ELSE 0.5 END
               -- NOx; S0027 replays two days of S0002 (same O&M company) from 30 days earlier
               ELSE CASE WHEN NOT r.running THEN 1
                         WHEN r.site_id = 'S0027' AND r.d IN (100, 101)
                           THEN 60 + 40 * ${u("'S0002' || se.stat || (r.ts - INTERVAL 30 DAY)")}
                         ELSE 60 + 40 * ${u('r.site_id || se.stat || r.ts')} END
                    * CASE WHEN se.stat = 'zs_avg' THEN 1.1 ELSE 1 END
             END, 2),
             CASE WHEN NOT r.running THEN 'F'
                  -- vendor firmware: daily calibration at 03:00 at a quarter of the sites
                  WHEN right(r.site_id, 1) IN ('0', '4') AND r.hh = 3 THEN 'C'
                  WHEN ${u("r.site_id || 'md' || r.ts")} < 0.002 THEN 'M'
                  ELSE 'N' END,
             0, 0
      FROM series se JOIN b_run r ON r.site_id = split_part(se.outlet_id, '-', 1)
      ORDER BY se.series_id, r.ts;`,
    ],
    [
      'marks',
      `
      -- genuine stops are marked 停运 (look-alike); planted: 停运 marked on a running day
      INSERT INTO marks (outlet_id, start_ts, end_ts, mark, source)
      SELECT site_id || '-G1', min(ts), max(ts) + INTERVAL 1 HOUR, '停运', 'manual' FROM b_run WHERE stop_day GROUP BY site_id, d
      UNION ALL
      SELECT site_id || '-G1', ts, ts + INTERVAL 10 HOUR, '停运', 'manual'
      FROM b_run WHERE marked_running_case AND d % 30 = 17 AND hh = 8 AND running;`,
    ],
    [
      'gate records',
      `
      INSERT INTO gate_records (site_id, ts, plate, direction, emission_stage, fuel, vehicle_type, source_file_id, source_row)
      WITH v AS (
        SELECT r.site_id, r.ts + to_minutes(CAST(60 * ${u('r.site_id || r.ts')} AS BIGINT)) AS ts, r.in_order, r.ignores_orders, r.grade,
               r.site_id || '-' || CAST(hash(r.site_id || r.ts) % 40 AS VARCHAR) AS plate,
               ${u("r.site_id || 'veh' || (hash(r.site_id || r.ts) % 40)")} AS sv
        FROM b_run r
        -- about 10 visits a day between 06:00 and 22:00 while running
        WHERE r.running AND r.hh BETWEEN 6 AND 21 AND ${u("r.site_id || 'trip' || r.ts")} < 0.62
      ), s AS (
        SELECT *, CASE WHEN in_order AND NOT ignores_orders AND sv < 0.3 THEN '国六'
                       WHEN sv < 0.25 THEN '国四' WHEN sv < 0.3 THEN '国三' WHEN sv < 0.65 THEN '国五'
                       WHEN sv < 0.95 THEN '国六' ELSE '电动' END AS stage
        FROM v
      )
      SELECT site_id, ts, plate, 'in', stage, CASE WHEN stage = '电动' THEN 'electric' ELSE 'diesel' END, '重型货车', 0, 0 FROM s
      UNION ALL
      SELECT site_id, ts + INTERVAL 95 MINUTE, plate, 'out', stage, CASE WHEN stage = '电动' THEN 'electric' ELSE 'diesel' END, '重型货车', 0, 0 FROM s;`,
    ],
    [
      'air readings (hourly, 100 stations)',
      `
      INSERT INTO air_readings (station_id, ts, pm25, pm10, so2, no2, co, o3, source_file_id, source_row)
      SELECT st.station_id, r.ts, round(pm) AS pm25, round(pm * 1.6) AS pm10, 10, 30, 0.8, 60, 0, 0
      FROM stations st CROSS JOIN range(${t0}, ${t1}, INTERVAL 1 HOUR) r(ts)
      CROSS JOIN LATERAL (SELECT
        (40 + 30 * sin(date_diff('hour', ${t0}, r.ts) / 100.0))
          -- regional episode on days 44–47 (behind the second order)
          * CASE WHEN r.ts >= ${t0} + INTERVAL 44 DAY AND r.ts < ${t0} + INTERVAL 47 DAY THEN 4 ELSE 1 END
          * (0.85 + 0.3 * ${u('st.station_id || r.ts')})
          -- local episode at ST007 on day 200, 19:00–03:00 (+200 µg/m³: above the absolute threshold too)
          + CASE WHEN st.station_id = 'ST007' AND r.ts >= ${t0} + INTERVAL 200 DAY + INTERVAL 19 HOUR
                      AND r.ts < ${t0} + INTERVAL 201 DAY + INTERVAL 3 HOUR THEN 200 ELSE 0 END AS pm) x;`,
    ],
  ];
}

/** CPU time of the process (all DuckDB threads), in ms: less sensitive than wall time to a busy machine. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function fmt(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

const dbArg = arg('db', '');
const dir = dbArg ? null : mkdtempSync(path.join(tmpdir(), 'rules-ops-bench-'));
const dbPath = dbArg || path.join(dir!, 'bench.duckdb');
const db = await Database.open(dbPath, {
  threads: THREADS,
  memoryLimit: MEMORY,
  tempDirectory: path.join(path.dirname(dbPath), 'spill'),
});
try {
  const existing = await db.all<{ n: number }>(
    "SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name = 'power_readings'",
  );
  if (existing[0]!.n === 0) {
    await db.run(SCHEMA_V1_SQL);
    console.log(`generating ${SITES} sites × ${DAYS} days into ${dbPath}`);
    for (const [label, sql] of generationSql()) {
      const t = performance.now();
      await db.run(sql);
      console.log(`  ${label.padEnd(44)} ${fmt(performance.now() - t)}`);
    }
    await db.run('CHECKPOINT');
  } else {
    console.log(`reusing ${dbPath}`);
  }
  const counts = await db.all<{ t: string; n: number }>(`
    SELECT 'power_readings' AS t, count(*)::BIGINT AS n FROM power_readings UNION ALL
    SELECT 'readings', count(*) FROM readings UNION ALL SELECT 'gate_records', count(*) FROM gate_records UNION ALL
    SELECT 'air_readings', count(*) FROM air_readings UNION ALL SELECT 'marks', count(*) FROM marks`);
  for (const c of counts) console.log(`  ${c.t.padEnd(16)} ${Number(c.n).toLocaleString('en')} rows`);

  const entries = operationsRuleEntries.filter((e) => !ONLY || e.rule.id === ONLY);
  const needed = new Set<PreparedInput>(entries.flatMap((e) => e.rule.prepared));
  console.log('\nprepared inputs');
  const steps: Array<[PreparedInput, number, number]> = [];
  await prepareInputs(db, needed, { onStep: (input) => steps.push([input, performance.now(), cpuMs()]) });
  const prepEnd = performance.now();
  const prepCpu = cpuMs();
  steps.forEach(([input, t, c], i) =>
    console.log(
      `  ${input.padEnd(44)} ${fmt((steps[i + 1]?.[1] ?? prepEnd) - t)}  (CPU ${fmt((steps[i + 1]?.[2] ?? prepCpu) - c)})`,
    ),
  );

  console.log('\nrule                       wall       CPU      findings  (critical/high/medium/low/info)');
  for (const { rule } of entries) {
    const t = performance.now();
    const c = cpuMs();
    await evaluateRule(db, rule, resolveParams(rule));
    const ms = performance.now() - t;
    const cpu = cpuMs() - c;
    const sev = await db.all<{ s: string; n: number }>(
      `SELECT coalesce(severity, '${rule.severity}') AS s, count(*)::INTEGER AS n FROM rule_out GROUP BY ALL`,
    );
    const by = new Map(sev.map((x) => [x.s, Number(x.n)]));
    const total = [...by.values()].reduce((a, b) => a + b, 0);
    const line =
      `${rule.id.padEnd(26)} ${fmt(ms).padStart(8)} ${fmt(cpu).padStart(8)}  ${String(total).padStart(8)}  ` +
      `(${['critical', 'high', 'medium', 'low', 'info'].map((s) => by.get(s) ?? 0).join('/')})`;
    console.log(line);
  }
  console.log(
    `\nmax RSS of the process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB (threads ${THREADS})`,
  );
} finally {
  db.close();
  if (dir && !KEEP) rmSync(dir, { recursive: true, force: true });
  else console.log(`kept ${dbPath}`);
}
