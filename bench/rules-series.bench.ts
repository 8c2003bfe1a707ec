/**
 * Timing of the series-statistics rules (group A: analytics/rules/catalog-series.ts) on a synthetic
 * case generated in SQL.
 *
 *   npx tsx bench/rules-series.bench.ts [--outlets 72] [--days 365] [--threads 2] [--keep]
 *
 * Builds a temp-file case DuckDB with the canonical schema (analytics/model/schema-v1.ts) and an
 * hourly dataset made with hash-based pseudo-random numbers (deterministic, shared/docs/detectors.md
 * §1): 2 outlets per site, 8 series per outlet (SO2, NOx, particulate measured and converted, O2,
 * flow), a daily load cycle, random stop days and a week-long annual stop (flag F), a daily
 * calibration hour (flag C) on a quarter of the outlets, sub-metered production power. The default
 * 72 outlets × 365 days is 5.05M readings. Anomalies are planted by outlet class (outlet index mod 12):
 *
 *   1 self-replay (day 100 = day 93)         2 cross-site copy (2 days, from another site's outlet)
 *   3 NOx +20%, shaved under the limit (H2)  5 SO2 rounded to 0.05 for a month
 *   7 SO2 falls 55% with steady flow/load    9 one very quiet day (smoothed values)
 *   10 SO2 converted = measured for a month  11 ten single-hour dips of SO2; three nights of dilution
 *   0, 4, 6, 8 clean
 *
 * It prepares series_hour (and site_state, which level-shift reads), times each rule's SQL through
 * evaluateRule, and prints a table: wall and process CPU seconds (CPU is the steadier figure on a
 * shared machine), findings by severity, planted outlets found per class, and findings of medium or
 * higher on clean outlets.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Database } from '../analytics/engine/database';
import { SCHEMA_V1_SQL } from '../analytics/model/schema-v1';
import { seriesRuleEntries } from '../analytics/rules/catalog-series';
import { evaluateRule, resolveParams } from '../analytics/screening/evaluate-rule';
import { prepareInputs } from '../analytics/screening/prepare-inputs';

const args = process.argv.slice(2);
const arg = (name: string, fallback: number): number => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const OUTLETS = arg('outlets', 72);
const DAYS = arg('days', 365);
const THREADS = arg('threads', 0);
const KEEP = args.includes('--keep');

/** Planted classes (outlet index mod 12) each rule is expected to find, with the planted window. */
const PLANTED: Readonly<Record<string, ReadonlyArray<{ cls: number; from: number; to: number }>>> = {
  'low-variance': [{ cls: 9, from: 150, to: 151 }],
  'copy-paste': [
    { cls: 1, from: 100, to: 101 },
    { cls: 2, from: 200, to: 202 },
  ],
  'limit-hugging': [{ cls: 3, from: Math.floor(DAYS / 2), to: DAYS }],
  'last-digit': [{ cls: 5, from: 60, to: 91 }],
  'robust-outlier': [{ cls: 11, from: 0, to: DAYS }],
  'level-shift': [{ cls: 7, from: 233, to: 247 }],
  'hour-of-day-baseline': [{ cls: 11, from: 50, to: 55 }],
};
const CLEAN = [0, 4, 6, 8];

const sec = (t0: number) => (performance.now() - t0) / 1000;

/** Random helpers: uniform in [0,1) and an approximately standard normal, from DuckDB's hash(). */
const U = (...k: string[]) => `((hash(${k.join(', ')}) % 1000003) / 1000003.0)`;
const N = (...k: string[]) => `((${U(...k, "'a'")} + ${U(...k, "'b'")} + ${U(...k, "'c'")} - 1.5) * 2)`;

function generatorSql(outlets: number, days: number): string[] {
  const hours = days * 24;
  return [
    `CREATE TEMP TABLE g_outlet AS
     SELECT oi, oi // 2 AS si, printf('S%03d', oi // 2) AS site_id, printf('S%03d-G%d', oi // 2, oi % 2 + 1) AS outlet_id,
            oi % 12 AS cls, CASE WHEN (oi // 2) % 3 = 0 THEN 6.0 ELSE 9.0 END AS o2_ref,
            [35.0, 50.0, 100.0][(oi // 2) % 3 + 1] AS lim_so2, [50.0, 100.0, 150.0][(oi // 2) % 3 + 1] AS lim_nox,
            [5.0, 10.0, 20.0][(oi // 2) % 3 + 1] AS lim_pm,
            0.3 + 0.3 * ${U('oi', "'so2'")} AS f_so2,
            CASE WHEN oi % 12 = 3 THEN 0.8 ELSE 0.35 + 0.3 * ${U('oi', "'nox'")} END AS f_nox,
            0.2 + 0.3 * ${U('oi', "'pm'")} AS f_pm, 50 + 250 * ${U('oi', "'flow'")} AS flow_base,
            CASE WHEN oi % 4 = 0 THEN 3 END AS cal_hour
     FROM range(${outlets}) t(oi)`,
    `CREATE TEMP TABLE g_site_day AS
     SELECT si, d, ${U('si', 'd', "'stop'")} < 0.02 OR (d >= (si * 37) % 330 + 20 AND d < (si * 37) % 330 + 27) AS stopped
     FROM (SELECT DISTINCT si FROM g_outlet), range(${days}) t(d)`,
    `CREATE TEMP TABLE g_site_hour AS
     SELECT s.si, h, h // 24 AS d, TIMESTAMP '2024-01-01' + to_hours(h) AS ts, s.stopped,
            0.75 + 0.15 * sin(2 * pi() * (h % 24 - 8) / 24) + 0.05 * sin(2 * pi() * (h // 24) / 365)
              + 0.04 * ${N('s.si', 'h', "'load'")} AS load
     FROM g_site_day s JOIN range(${hours}) t(h) ON h // 24 = s.d`,
    // wide outlet-hour table: converted values first, measured = converted × (21 − O2)/(21 − O2ref)
    `CREATE TEMP TABLE g_w AS
     WITH b AS (
       SELECT o.*, sh.h, sh.d, sh.ts, sh.stopped, sh.load,
              CASE WHEN sh.stopped THEN 20.6 + 0.2 * ${U('o.oi', 'sh.h', "'o2s'")}
                   ELSE o.o2_ref + 1.5 + 3 * (1 - sh.load) + 0.25 * ${N('o.oi', 'sh.h', "'o2'")} END AS o2
       FROM g_outlet o JOIN g_site_hour sh ON sh.si = o.si
     )
     SELECT oi, cls, outlet_id, site_id, h, d, ts, stopped, load, o2_ref, lim_so2, lim_nox, lim_pm,
            round(o2, 2) AS o2,
            CASE WHEN stopped THEN round(0.5 * ${U('oi', 'h', "'s'")}, 2)
                 ELSE round(greatest(lim_so2 * f_so2 * (0.7 + 0.4 * load) * (1 + 0.1 * ${N('oi', 'h', "'so2'")}), 0), 2) END AS so2_zs,
            CASE WHEN stopped THEN round(0.5 * ${U('oi', 'h', "'n'")}, 2)
                 ELSE round(greatest(lim_nox * f_nox * (0.7 + 0.4 * load) * (1 + 0.07 * ${N('oi', 'h', "'nox'")}), 0), 2) END AS nox_zs,
            CASE WHEN stopped THEN round(0.2 * ${U('oi', 'h', "'p'")}, 2)
                 ELSE round(greatest(lim_pm * f_pm * (0.7 + 0.4 * load) * (1 + 0.12 * ${N('oi', 'h', "'pm'")}), 0), 2) END AS pm_zs,
            CASE WHEN stopped THEN round(flow_base * 0.01 * ${U('oi', 'h', "'f'")}, 2)
                 ELSE round(flow_base * load * (1 + 0.03 * ${N('oi', 'h', "'flow'")}), 2) END AS flow,
            CASE WHEN stopped THEN 'F' WHEN h % 24 = cal_hour THEN 'C'
                 WHEN ${U('oi', 'h', "'flag'")} < 0.002 THEN 'M' ELSE 'N' END AS flag,
            NULL::DOUBLE AS so2, NULL::DOUBLE AS nox, NULL::DOUBLE AS pm
     FROM b`,
    // planted anomalies (see the header)
    // less reagent in the second half: NOx runs 20% higher, and every value above 0.9 L is rewritten
    // into [0.9 L, 0.995 L)
    `UPDATE g_w SET nox_zs = CASE WHEN nox_zs * 1.2 > 0.9 * lim_nox THEN round(lim_nox * (0.9 + 0.095 * ${U('oi', 'h', "'cap'")}), 2)
                                  ELSE round(nox_zs * 1.2, 2) END
     WHERE cls = 3 AND d >= ${Math.floor(days / 2)} AND flag = 'N'`,
    `UPDATE g_w SET so2_zs = round(so2_zs * 0.45, 2) WHERE cls = 7 AND d >= 240 AND flag = 'N'`,
    `UPDATE g_w SET so2_zs = round(lim_so2 * 0.4 + 0.05 * ${U('oi', 'h', "'q1'")}, 2),
                    nox_zs = round(lim_nox * 0.5 + 0.05 * ${U('oi', 'h', "'q2'")}, 2),
                    pm_zs = round(lim_pm * 0.3 + 0.02 * ${U('oi', 'h', "'q3'")}, 2)
     WHERE cls = 9 AND d = 150 AND flag = 'N'`,
    `UPDATE g_w SET so2 = round(so2_zs * (21 - o2) / (21 - o2_ref), 2), nox = round(nox_zs * (21 - o2) / (21 - o2_ref), 2),
                    pm = round(pm_zs * (21 - o2) / (21 - o2_ref), 2)`,
    `UPDATE g_w SET so2 = round(so2 * 20) / 20 WHERE cls = 5 AND d >= 60 AND d < 91`,
    `UPDATE g_w SET so2 = so2_zs WHERE cls = 10 AND d >= 300 AND d < 331`,
    `UPDATE g_w SET so2 = round(so2 * 0.1, 2), so2_zs = round(so2_zs * 0.1, 2)
     WHERE cls = 11 AND flag = 'N' AND ${U('oi', 'h', "'dip'")} < 10.0 / ${hours}`,
    `UPDATE g_w SET so2 = round(so2 * 0.4, 2), nox = round(nox * 0.4, 2), o2 = round(o2 + 4, 2)
     WHERE cls = 11 AND flag = 'N' AND d IN (50, 52, 54) AND h % 24 < 7`,
    `UPDATE g_w SET so2 = s.so2, so2_zs = s.so2_zs, nox = s.nox, nox_zs = s.nox_zs, pm = s.pm, pm_zs = s.pm_zs,
                    o2 = s.o2, flow = s.flow, flag = s.flag
     FROM g_w s WHERE g_w.cls = 1 AND g_w.d = 100 AND s.oi = g_w.oi AND s.h = g_w.h - 168`,
    `UPDATE g_w SET so2 = s.so2, so2_zs = s.so2_zs, nox = s.nox, nox_zs = s.nox_zs, pm = s.pm, pm_zs = s.pm_zs,
                    o2 = s.o2, flag = s.flag
     FROM g_w s WHERE g_w.cls = 2 AND g_w.d IN (200, 201) AND s.oi = (g_w.oi + 7) % ${outlets}
       AND s.h = g_w.h - 240`,
    `INSERT INTO sites (site_id, site_name, om_company)
     SELECT DISTINCT site_id, 'site ' || site_id, 'OM' || (si % 5) FROM g_outlet`,
    `INSERT INTO outlets (outlet_id, site_id, media, o2_ref) SELECT outlet_id, site_id, 'gas', o2_ref FROM g_outlet`,
    `INSERT INTO limits (outlet_id, code, limit_value)
     SELECT outlet_id, unnest(['a21026', 'a21002', 'a34013']), unnest([lim_so2, lim_nox, lim_pm]) FROM g_outlet`,
    `INSERT INTO series (series_id, outlet_id, code, stat, interval, media)
     SELECT oi * 8 + k + 1, outlet_id, ['a21026', 'a21026', 'a21002', 'a21002', 'a34013', 'a34013', 'a19001', 'a00000'][k + 1],
            ['avg', 'zs_avg', 'avg', 'zs_avg', 'avg', 'zs_avg', 'avg', 'avg'][k + 1], 'hour', 'gas'
     FROM g_outlet, range(8) t(k)`,
    `INSERT INTO readings
     SELECT oi * 8 + k + 1 AS series_id, ts, [so2, so2_zs, nox, nox_zs, pm, pm_zs, o2, flow][k + 1] AS value, flag,
            0 AS source_file_id, h AS source_row
     FROM g_w, range(8) t(k) ORDER BY series_id, ts`,
    `INSERT INTO devices (device_id, site_id, role, line_id, rated_kw)
     SELECT DISTINCT site_id || '-P1', site_id, 'production', site_id || '-L1', 1200 FROM g_outlet`,
    `INSERT INTO power_readings (device_id, ts, kw, source_file_id, source_row)
     SELECT printf('S%03d', si) || '-P1', ts, CASE WHEN stopped THEN 2.0 ELSE round(1000 * load, 1) END, 0, h
     FROM g_site_hour ORDER BY si, ts`,
  ];
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'rules-series-bench-'));
  const file = path.join(dir, 'bench.duckdb');
  const db = await Database.open(
    file,
    THREADS > 0 ? { threads: THREADS, tempDirectory: dir } : { tempDirectory: dir },
  );
  try {
    await db.run(SCHEMA_V1_SQL);
    let t0 = performance.now();
    for (const sql of generatorSql(OUTLETS, DAYS)) await db.run(sql);
    await db.run('CHECKPOINT');
    const [{ n } = { n: 0 }] = await db.all<{ n: number }>('SELECT count(*) AS n FROM readings');
    const [{ s } = { s: 0 }] = await db.all<{ s: number }>('SELECT count(*) AS s FROM series');
    console.log(
      `generated ${n.toLocaleString('en')} readings in ${s} series (${OUTLETS} outlets × ${DAYS} days) in ${sec(t0).toFixed(1)} s`,
    );

    const needed = [...new Set(seriesRuleEntries.flatMap((e) => e.rule.prepared))];
    t0 = performance.now();
    const prepCpu = process.cpuUsage();
    await prepareInputs(db, needed);
    const pc = process.cpuUsage(prepCpu);
    console.log(
      `prepared ${needed.join(', ')} in ${sec(t0).toFixed(2)} s wall, ${((pc.user + pc.system) / 1e6).toFixed(2)} s cpu`,
    );

    const rows: string[][] = [];
    for (const { rule } of seriesRuleEntries) {
      t0 = performance.now();
      const cpu0 = process.cpuUsage();
      await evaluateRule(db, rule, resolveParams(rule));
      const seconds = sec(t0);
      const cpu = process.cpuUsage(cpu0);
      const cpuSeconds = (cpu.user + cpu.system) / 1e6;
      const bySeverity = await db.all<{ sev: string; c: number }>(
        `SELECT coalesce(severity, '${rule.severity}') AS sev, count(*) AS c FROM rule_out GROUP BY ALL`,
      );
      const count = (sev: string) => bySeverity.find((r) => r.sev === sev)?.c ?? 0;
      const planted = PLANTED[rule.id] ?? [];
      const found = await db.all<{ cls: number; outlets: number; hit: number }>(
        `WITH p AS (SELECT unnest($cls::INTEGER[]) AS cls, unnest($f::INTEGER[]) AS f, unnest($t::INTEGER[]) AS t)
         SELECT p.cls, count(DISTINCT o.outlet_id) AS outlets,
                count(DISTINCT o.outlet_id) FILTER (r.outlet_id IS NOT NULL) AS hit
         FROM p JOIN g_outlet o ON o.cls = p.cls
         LEFT JOIN rule_out r ON r.outlet_id = o.outlet_id
           AND r.start_ts < TIMESTAMP '2024-01-01' + to_days(p.t) AND r.end_ts > TIMESTAMP '2024-01-01' + to_days(p.f)
         GROUP BY p.cls ORDER BY p.cls`,
        {
          cls: `[${planted.map((p) => p.cls).join(',')}]`,
          f: `[${planted.map((p) => p.from).join(',')}]`,
          t: `[${planted.map((p) => p.to).join(',')}]`,
        },
      );
      const [fp] = await db.all<{ c: number }>(
        `SELECT count(*) AS c FROM rule_out r JOIN g_outlet o USING (outlet_id)
         WHERE list_contains([${CLEAN.join(',')}], o.cls)
           AND coalesce(r.severity, '${rule.severity}') IN ('medium', 'high', 'critical')`,
      );
      rows.push([
        rule.id,
        seconds.toFixed(2),
        cpuSeconds.toFixed(2),
        String(bySeverity.reduce((a, r) => a + r.c, 0)),
        String(count('info') + count('low')),
        String(count('medium')),
        String(count('high') + count('critical')),
        found.map((f) => `c${f.cls}:${f.hit}/${f.outlets}`).join(' '),
        String(fp?.c ?? 0),
      ]);
      console.log(`  ${rule.id}: ${seconds.toFixed(2)} s wall, ${cpuSeconds.toFixed(2)} s cpu`);
    }
    const head = [
      'rule',
      'wall s',
      'cpu s',
      'findings',
      'info+low',
      'medium',
      'high+',
      'planted found',
      'medium+ on clean',
    ];
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
    console.log(`\n${line(head)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
    for (const r of rows) console.log(line(r));
    const total = rows.reduce((a, r) => a + Number(r[1]), 0);
    console.log(
      `\ntotal rule time ${total.toFixed(1)} s; peak RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`,
    );
  } finally {
    db.close();
    if (KEEP) console.log(`kept ${file}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

await main();
