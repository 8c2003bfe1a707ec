/**
 * Timing of the outlet-level rules (catalog section B) on a synthetic city generated in SQL.
 *
 *   npx tsx bench/rules-outlet.bench.ts [--outlets 48] [--days 365] [--threads 2] [--keep]
 *
 * Builds a case file with the canonical schema (analytics/model/schema-v1.ts) in a temp directory:
 * sites in 4 counties, one or two lines (outlets) per site, 12 hourly series per outlet (SO2, NOx and
 * particulate measured and converted, O2, flow avg and volume, velocity, temperature, humidity),
 * 15-minute power of one production and one treatment device per line, limits, and marks. The
 * defaults give about 5M readings. The physics follows domain.md §2.1 (converted = measured ×
 * (21 − O2ref)/(21 − O2), Cou = Avg × volume × 1e-6, flow from velocity) with hash-based noise, and a
 * few planted anomalies for every rule so the queries do real work: a wrong reference O2, night-time
 * dilution, a frozen flow meter, M/D flags on high-value hours, a span set low at a calibration, gaps
 * after high values and a county-wide outage (no min/max series, so physical-sanity mostly scans).
 * Then it prepares the shared inputs (timed per input) and runs every rule (timed), printing a table.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Database } from '../analytics/engine/database';
import { SCHEMA_V1_SQL } from '../analytics/model/schema-v1';
import { outletRuleEntries } from '../analytics/rules/catalog-outlet';
import { evaluateRule, resolveParams } from '../analytics/screening/evaluate-rule';
import { prepareInputs } from '../analytics/screening/prepare-inputs';

const args = process.argv.slice(2);
const arg = (name: string, fallback: number): number => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const OUTLETS = arg('outlets', 48);
const DAYS = arg('days', 365);
const THREADS = arg('threads', 2);
const KEEP = args.includes('--keep');

/** Uniform [0, 1) from a hash of the given SQL expressions. */
const u = (...parts: string[]): string => `((hash(${parts.join(', ')}) % 1000003) / 1000003.0)`;
/** Standard normal (Box-Muller) from two hashes. */
const z = (tag: string, ...parts: string[]): string =>
  `(sqrt(-2 * ln(greatest(${u(`'${tag}a'`, ...parts)}, 1e-9))) * cos(2 * pi() * ${u(`'${tag}b'`, ...parts)}))`;

const GENERATE = `
-- outlets: the first half in pairs (two lines on one site), the rest one per site
CREATE TABLE gen_outlet AS
WITH o AS (
  SELECT i AS k, CASE WHEN i < ${OUTLETS} // 2 THEN i // 2 ELSE i END AS s, CASE WHEN i < ${OUTLETS} // 2 THEN 1 + i % 2 ELSE 1 END AS g
  FROM range(${OUTLETS}) t(i)
)
SELECT k, 'B' || lpad(s::VARCHAR, 4, '0') AS site_id, 'B' || lpad(s::VARCHAR, 4, '0') || '-G' || g AS outlet_id,
       'B' || lpad(s::VARCHAR, 4, '0') || '-L' || g AS line_id,
       [6.0, 10.0, 16.0, 8.0][1 + k % 4] AS o2_ref, [7.5, 8.0, 14.6, 9.4][1 + k % 4] AS o2_full,
       [35.0, 35.0, 35.0, 30.0][1 + k % 4] AS l_so2, [50.0, 100.0, 50.0, 150.0][1 + k % 4] AS l_nox,
       [5.0, 10.0, 10.0, 10.0][1 + k % 4] AS l_pm,
       k % 4 = 0 AS load_following, 150000 + 300000 * ${u("'flow'", 'k')} AS flow_design,
       CASE WHEN k % 3 = 0 THEN (k * 7) % 24 END AS cal_hour
FROM o;

CREATE TABLE gen_hour AS
WITH h AS (
  SELECT o.*, TIMESTAMP '2025-01-01' + to_hours(j) AS ts, j,
         CASE WHEN o.load_following
              THEN 0.72 + 0.25 * sin(2 * pi() * ((j % 24) - 8) / 24) + 0.04 * sin(2 * pi() * j / 700.0)
              ELSE 0.93 + 0.03 * sin(2 * pi() * j / 500.0) + 0.015 * sin(2 * pi() * ((j % 24) - 8) / 24) END
           + 0.012 * ${z('ld', 'o.k', 'j')} AS load,
         -- a 40 h maintenance stop every ~97 days, shifted per outlet
         ((j + o.k * 131) % 2333) < 40 AS stopped,
         -- planted anomalies
         o.k = 1 AND j % 24 BETWEEN 1 AND 6 AND (j // 24) % 53 = 20 AS diluted,
         o.k = 5 AND j BETWEEN 4000 AND 5000 AND (j - 4000) % 300 BETWEEN 4 AND 7 AS gap_row,
         o.k = 5 AND j BETWEEN 4000 AND 5000 AND (j - 4000) % 300 = 3 AS before_gap,
         o.k % 2 = 1 AND j BETWEEN 3000 AND 3005 AS outage
  FROM gen_outlet o CROSS JOIN range(${DAYS * 24}) r(j)
)
SELECT *,
       CASE WHEN stopped THEN 20.6 + 0.1 * ${z('o2s', 'k', 'j')}
            ELSE o2_full + 2.0 * (1 - least(load, 1)) + 0.25 * ${z('o2', 'k', 'j')} END AS o2_plant,
       CASE WHEN stopped THEN 0.02 ELSE 1 END * (0.5 + 0.5 * load) * exp(0.12 * ${z('so2', 'k', 'j')})
         * CASE WHEN before_gap THEN 0.93 ELSE 0.4 END * l_so2 AS so2_true,
       CASE WHEN stopped THEN 0.02 ELSE 1 END * (0.4 + 0.6 * load) * exp(0.08 * ${z('nox', 'k', 'j')})
         * CASE WHEN k = 3 THEN [0.55, 0.9, 1.25, 1.15, 0.88][1 + CASE WHEN j % 500 BETWEEN 99 AND 102 THEN j % 500 - 98 ELSE 0 END]
                ELSE 0.55 END * l_nox AS nox_true,
       CASE WHEN stopped THEN 0.02 ELSE 1 END * (0.6 + 0.4 * load) * exp(0.15 * ${z('pm', 'k', 'j')}) * 0.35 * l_pm AS pm_true,
       CASE WHEN stopped THEN flow_design * 0.004 ELSE flow_design * (0.3 + 0.7 * least(load, 1.05)) END
         * (1 + 0.015 * ${z('flow', 'k', 'j')}) AS flow_std,
       CASE WHEN stopped THEN 12 + 3 * ${z('t', 'k', 'j')} ELSE 110 + 6 * (load - 0.9) + 0.5 * ${z('t', 'k', 'j')} END AS temp,
       CASE WHEN stopped THEN 1.5 ELSE 7 + 0.3 * ${z('hum', 'k', 'j')} END AS hum,
       CASE WHEN stopped THEN 'F'
            WHEN cal_hour IS NOT NULL AND j % 24 = cal_hour THEN 'C'
            WHEN k = 3 AND j % 500 IN (100, 101) THEN 'M'
            WHEN k = 6 AND j = 200 * 24 + 10 THEN 'C'
            WHEN ${u("'md'", 'k', 'j // 6')} < 0.002 THEN 'D'
            ELSE 'N' END AS flag
FROM h;

-- the logger's view: measured = converted × (21 − O2)/(21 − O2ref) (domain.md §2.1), dilution at the
-- analyser (O2 +4.5, measured ×0.5), a span set low after the calibration of day 200 (outlet 6), a flow
-- meter frozen for 3 days (outlet 2), rows missing after high values (outlet 5) and a county outage
CREATE TABLE gen_values AS
SELECT outlet_id, k, j, ts, flag, o2_ref,
       round(least(o2_plant + CASE WHEN diluted THEN 4.5 ELSE 0 END, 20.8), 2) AS o2,
       round(so2_true * (21 - o2_plant) / (21 - o2_ref) * CASE WHEN diluted THEN 0.5 ELSE 1 END
             * CASE WHEN k = 6 AND j > 200 * 24 + 10 THEN 0.62 ELSE 1 END, 2) AS so2,
       round(nox_true * (21 - o2_plant) / (21 - o2_ref) * CASE WHEN diluted THEN 0.5 ELSE 1 END, 2) AS nox,
       round(pm_true * (21 - o2_plant) / (21 - o2_ref) * CASE WHEN diluted THEN 0.5 ELSE 1 END, 2) AS pm,
       CASE WHEN k = 2 AND j BETWEEN 5000 AND 5071 THEN 180000 ELSE round(flow_std) END AS flow_cou,
       round(flow_std * (273 + temp) / 273 / (1 - hum / 100) / 3600 / 12, 2) AS velocity,
       round(temp, 1) AS temp, round(hum, 1) AS hum
FROM gen_hour WHERE NOT gap_row AND NOT outage;

INSERT INTO sites
SELECT DISTINCT site_id, '合成企业' || site_id, ['甲县', '乙县', '丙县', '丁县'][1 + (hash(site_id) % 4)::INT], NULL, NULL, NULL,
       'OM' || (hash(site_id) % 5)::VARCHAR, NULL, NULL, false, 0, 0
FROM gen_outlet;
INSERT INTO outlets SELECT outlet_id, site_id, NULL, outlet_id, 'gas', o2_ref, 0, 0 FROM gen_outlet;
INSERT INTO limits
SELECT outlet_id, v.code, v.lim, 'zs', 0
FROM gen_outlet, LATERAL (VALUES ('a21026', l_so2), ('a21002', l_nox), ('a34013', l_pm)) v(code, lim);
INSERT INTO series (series_id, outlet_id, code, stat, interval, media)
SELECT row_number() OVER (ORDER BY o.k, c.n), o.outlet_id, c.code, c.stat, 'hour', 'gas'
FROM gen_outlet o,
  (VALUES (1, 'a21026', 'avg'), (2, 'a21026', 'zs_avg'), (3, 'a21002', 'avg'), (4, 'a21002', 'zs_avg'),
          (5, 'a34013', 'avg'), (6, 'a34013', 'zs_avg'), (7, 'a19001', 'avg'), (8, 'a00000', 'avg'),
          (9, 'a00000', 'cou'), (10, 'a01011', 'avg'), (11, 'a01012', 'avg'), (12, 'a01014', 'avg')) c(n, code, stat);

INSERT INTO readings
WITH v AS (
  SELECT g.outlet_id, g.ts, g.flag, g.j, u.code, u.stat, u.value
  FROM gen_values g,
  LATERAL (VALUES
    ('a21026', 'avg', g.so2),
    -- planted: converted with a 13 % reference instead of 10 % for 5 days at outlet 9 (a cement kiln)
    ('a21026', 'zs_avg', round(g.so2 * (21 - CASE WHEN g.k = 9 AND g.j BETWEEN 2000 AND 2119 THEN 13 ELSE g.o2_ref END) / (21 - g.o2), 2)),
    ('a21002', 'avg', g.nox),
    ('a21002', 'zs_avg', round(g.nox * (21 - CASE WHEN g.k = 9 AND g.j BETWEEN 2000 AND 2119 THEN 13 ELSE g.o2_ref END) / (21 - g.o2), 2)),
    ('a34013', 'avg', g.pm), ('a34013', 'zs_avg', round(g.pm * (21 - g.o2_ref) / (21 - g.o2), 2)),
    ('a19001', 'avg', g.o2), ('a00000', 'avg', round(g.flow_cou / 3600, 2)), ('a00000', 'cou', g.flow_cou),
    ('a01011', 'avg', g.velocity), ('a01012', 'avg', g.temp), ('a01014', 'avg', g.hum)
  ) u(code, stat, value)
)
SELECT s.series_id, v.ts, v.value, v.flag, 0, v.j
FROM v JOIN series s ON s.outlet_id = v.outlet_id AND s.code = v.code AND s.stat = v.stat
ORDER BY s.series_id, v.ts;

INSERT INTO devices
SELECT line_id || '-' || r.short, site_id, r.role, r.role, line_id, CASE r.role WHEN 'production' THEN 3000 ELSE 800 END, 0, 0
FROM gen_outlet, (VALUES ('production', 'P'), ('treatment', 'T')) r(role, short);

INSERT INTO power_readings
SELECT d.device_id, g.ts + to_minutes(15 * q),
       round(d.rated_kw * CASE WHEN g.stopped THEN 0.008 ELSE 0.35 + 0.6 * least(g.load, 1.05) END
             * (1 + 0.02 * ${z('kw', 'g.k', 'g.j', 'q')}), 1),
       NULL, NULL, 0, 0
FROM gen_hour g JOIN devices d ON d.line_id = g.line_id
CROSS JOIN range(4) t(q)
ORDER BY 1, 2;

INSERT INTO marks
SELECT outlet_id, TIMESTAMP '2025-01-01' + to_hours(200 * 24 + 10),
       TIMESTAMP '2025-01-01' + to_hours(200 * 24 + 10) + INTERVAL 40 MINUTE, '校准', '人工', '量程校准', 0, 0
FROM gen_outlet WHERE k = 6;

DROP TABLE gen_values; DROP TABLE gen_hour; DROP TABLE gen_outlet;
`;

interface Row {
  readonly step: string;
  readonly seconds: number;
  readonly rows: number | string;
  readonly note: string;
}

async function count(db: Database, table: string): Promise<number> {
  const [r] = await db.all<{ n: number }>(`SELECT count(*)::DOUBLE AS n FROM ${table}`);
  return r?.n ?? 0;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'rules-outlet-bench-'));
  const file = path.join(dir, 'bench.duckdb');
  const db = await Database.open(file, { threads: THREADS, tempDirectory: path.join(dir, 'tmp') });
  const table: Row[] = [];
  try {
    await db.run(SCHEMA_V1_SQL);
    let t = performance.now();
    await db.run(GENERATE);
    await db.run('CHECKPOINT');
    const readings = await count(db, 'readings');
    const power = await count(db, 'power_readings');
    table.push({
      step: 'generate (SQL)',
      seconds: (performance.now() - t) / 1000,
      rows: readings,
      note: `${OUTLETS} outlets × ${DAYS} d; ${power.toLocaleString('en')} power rows; ${(statSync(file).size / 2 ** 20).toFixed(0)} MB`,
    });

    // one prepareInputs call in dependency order; each step is timed from its onStep callback
    const steps: { input: string; at: number }[] = [];
    await prepareInputs(db, ['outlet_hour', 'series_hour', 'device_state', 'site_state'], {
      onStep: (input) => steps.push({ input, at: performance.now() }),
    });
    const done = performance.now();
    for (const [i, s] of steps.entries()) {
      const end = steps[i + 1]?.at ?? done;
      table.push({
        step: `prepare ${s.input}`,
        seconds: (end - s.at) / 1000,
        rows: await count(db, s.input),
        note: '',
      });
    }

    for (const { rule } of outletRuleEntries) {
      t = performance.now();
      await evaluateRule(db, rule, resolveParams(rule));
      const seconds = (performance.now() - t) / 1000;
      const sev = await db.all<{ s: string; n: number }>(
        `SELECT coalesce(severity, '${rule.severity}') AS s, count(*)::DOUBLE AS n FROM rule_out GROUP BY ALL ORDER BY s`,
      );
      table.push({
        step: `rule ${rule.id}`,
        seconds,
        rows: await count(db, 'rule_out'),
        note: sev.map((x) => `${x.s} ${x.n}`).join(', '),
      });
    }
  } finally {
    db.close();
    if (!KEEP) rmSync(dir, { recursive: true, force: true });
    else console.log(`kept ${file}`);
  }

  const w = Math.max(...table.map((r) => r.step.length));
  console.log(`\n${'step'.padEnd(w)}  ${'seconds'.padStart(8)}  ${'rows'.padStart(11)}  note`);
  for (const r of table) {
    const rows = typeof r.rows === 'number' ? r.rows.toLocaleString('en') : r.rows;
    console.log(`${r.step.padEnd(w)}  ${r.seconds.toFixed(2).padStart(8)}  ${rows.padStart(11)}  ${r.note}`);
  }
  const rules = table.filter((r) => r.step.startsWith('rule '));
  console.log(
    `\nall ${rules.length} rules: ${rules.reduce((s, r) => s + r.seconds, 0).toFixed(2)} s (threads=${THREADS})`,
  );
}

await main();
