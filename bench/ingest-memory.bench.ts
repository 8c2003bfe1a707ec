/**
 * Peak memory of importing a large CSV export (goal: a 2 GB CSV stays under 1.5 GB RSS).
 *   npx tsx bench/ingest-memory.bench.ts [--gb 2] [--memory 1GB]
 * The file is a wide platform export (one row per outlet-hour, 8 value and 3 flag columns) written
 * by DuckDB before the import starts, so generation is not measured. The case is opened with the
 * given DuckDB memory_limit (ANALYST_DUCKDB_MEMORY) and spills to the temp directory beside it.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeCase, createCase } from '../analytics/engine/case-file';
import { Database } from '../analytics/engine/database';
import { importFiles } from '../analytics/ingest/import-files';

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : dflt;
};
const gb = Number(arg('gb', '2'));
process.env['ANALYST_DUCKDB_MEMORY'] = arg('memory', process.env['ANALYST_DUCKDB_MEMORY'] ?? '1GB');
const dir = mkdtempSync(path.join(process.env['BENCH_DIR'] ?? os.tmpdir(), 'bench-mem-'));
const csv = path.join(dir, 'wide.csv');
const rows = Math.round((gb * 1e9) / 81); // the 1M-row file of ingest-wide is 81 MB
const outlets = Math.max(1, Math.round(rows / 8760));

const gen = await Database.open(':memory:');
await gen.run(`COPY (
  SELECT 'MN' || lpad((i % ${outlets})::VARCHAR, 6, '0') AS mn,
         strftime(TIMESTAMP '2024-01-01' + to_hours((i // ${outlets})::BIGINT), '%Y-%m-%d %H:%M:%S') AS time,
         round(20 + 10 * sin(i / 7.0), 2) AS "a21026-avg", round(24 + 12 * sin(i / 7.0), 2) AS "a21026-zsavg", 'N' AS "a21026-flag",
         round(40 + 15 * cos(i / 5.0), 2) AS "a21002-avg", round(48 + 18 * cos(i / 5.0), 2) AS "a21002-zsavg", 'N' AS "a21002-flag",
         round(3 + sin(i / 3.0), 2) AS "a34013-avg", round(3.6 + sin(i / 3.0), 2) AS "a34013-zsavg", 'N' AS "a34013-flag",
         round(8 + 2 * sin(i / 11.0), 2) AS "a19001-avg", round(80000 + 5000 * sin(i / 13.0)) AS "a00000-avg"
  FROM range(${rows}) t(i)) TO '${csv}' (HEADER, DELIMITER ',')`);
gen.close();
const bytes = statSync(csv).size;
console.log(
  `file: ${rows.toLocaleString()} rows, ${(rows * 8).toLocaleString()} readings, ${(bytes / 1e9).toFixed(2)} GB`,
);
console.log(`memory_limit: ${process.env['ANALYST_DUCKDB_MEMORY']}`);

const baseline = process.memoryUsage().rss;
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
const c = await createCase(path.join(dir, 'case.duckdb'), { appVersion: 'bench', actor: 'bench' });
const t = performance.now();
const cpu = process.cpuUsage();
const report = await importFiles(c.db, [csv], { jobId: 'bench', actor: 'bench' });
const wall = (performance.now() - t) / 1000;
const used = process.cpuUsage(cpu);
await closeCase(c);
clearInterval(sampler);
const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
const f = report.files[0]!;
console.log(`load average:   ${readFileSync('/proc/loadavg', 'utf8').trim()}`);
console.log(
  `import:         ${f.status}, ${f.rowsLoaded.toLocaleString()} readings, ${f.rowsRejected} rejected${f.error ? `, ${f.error}` : ''}`,
);
console.log(`wall / CPU:     ${wall.toFixed(1)} s / ${((used.user + used.system) / 1e6).toFixed(1)} s`);
console.log(
  `peak RSS:       ${(peakRss / 1e6).toFixed(0)} MB sampled (process before import ${(baseline / 1e6).toFixed(0)} MB), VmHWM ${(Number(hwm) / 1e3).toFixed(0)} MB (includes generation)`,
);
rmSync(dir, { recursive: true, force: true });
