/**
 * The full detection catalog on a generated city: generate, import every file, then screen with
 * every rule; prints wall time, CPU time and peak RSS of each phase and the load average.
 *   npx tsx bench/catalog-city.bench.ts [--enterprises 500] [--days 365]
 *       [--keep-case /tmp/city.duckdb]   keep the imported case (generate + import take minutes)
 *       [--case /tmp/city.duckdb]        screen a copy of a kept case instead of generating one
 *       [--memory-limit 2GB]             DuckDB memory_limit for the screening (default: the run's 2GB)
 *       [--rules a,b,c]                  screen with these rules only
 *       [--dump /tmp/findings.csv]       write the findings (id, rule, severity, evidence) to compare runs
 *       [--runs 2]                       screen this many times (the first run after an import builds the
 *                                        shared passes and keeps them in the case; later runs reuse them)
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeCase, createCase, openCase, type OpenCase } from '../analytics/engine/case-file';
import { importFiles } from '../analytics/ingest/import-files';
import { runScreening } from '../analytics/screening/run-screening';
import { generateDemoCity } from '../sample-data/generate-demo-city';

const option = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const enterprises = Number(option('enterprises') ?? 500);
const days = Number(option('days') ?? 365);
const keptCase = option('case');
const keepCase = option('keep-case');
const memoryLimit = option('memory-limit');
const ruleIds = option('rules')?.split(',');
const dump = option('dump');
const runs = Number(option('runs') ?? 1);
const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-city-'));

// Peak RSS of the process: /proc's VmHWM sees DuckDB's allocations between samples too.
const hwm = () => Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) * 1024;
const resetHwm = () => {
  try {
    // Writing 5 to clear_refs resets VmHWM to the current RSS (Linux >= 4.0).
    writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    /* not Linux: the peak is then the whole process's */
  }
};
const phase = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
  resetHwm();
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const out = await work();
  const cpu = process.cpuUsage(cpu0);
  console.log(
    `${name.padEnd(10)} ${((performance.now() - t0) / 1000).toFixed(1).padStart(7)} s wall  ${((cpu.user + cpu.system) / 1e6).toFixed(1).padStart(7)} s CPU   peak RSS ${(hwm() / 1e6).toFixed(0)} MB   load ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`,
  );
  return out;
};

let c: OpenCase;
if (keptCase) {
  if (!existsSync(keptCase)) throw new Error(`No case at ${keptCase}`);
  const copy = path.join(dir, 'case.duckdb');
  copyFileSync(keptCase, copy);
  c = await openCase(copy, { appVersion: 'bench', actor: 'bench' });
  const [n] = await c.db.all<{ r: number; p: number }>(
    'SELECT (SELECT count(*) FROM readings) AS r, (SELECT count(*) FROM power_readings) AS p',
  );
  console.log(`case ${keptCase}: ${n?.r.toLocaleString()} readings, ${n?.p.toLocaleString()} power rows`);
} else {
  const manifest = await phase('generate', () =>
    generateDemoCity({ dir: path.join(dir, 'city'), enterprises, days }),
  );
  console.log(
    `city: ${enterprises} enterprises x ${days} days, ${manifest.stats.readings.toLocaleString()} readings, ${manifest.stats.powerReadings.toLocaleString()} power rows`,
  );
  c = await createCase(path.join(dir, 'case.duckdb'), { appVersion: 'bench', actor: 'bench' });
  await phase('import', () =>
    importFiles(
      c.db,
      manifest.files.filter((f) => f.kind !== 'labels').map((f) => path.join(dir, 'city', f.path)),
      { jobId: 'b', actor: 'bench' },
    ),
  );
  if (keepCase) {
    await c.db.run('CHECKPOINT');
    copyFileSync(c.path, keepCase);
    console.log(`kept the imported case at ${keepCase}`);
  }
}
for (let run = 1; run <= runs; run++) {
  const report = await phase(runs > 1 ? `screen #${run}` : 'screen', () =>
    runScreening(c.db, {
      jobId: 's',
      actor: 'bench',
      ...(ruleIds ? { ruleIds } : {}),
      ...(memoryLimit ? { memoryLimit } : {}),
    }),
  );
  // The shared passes: built by this run, or reused from the case (kept since an earlier run).
  for (const p of report.passes) {
    console.log(
      `  ${`[${p.input}]`.padEnd(24)} ${p.seconds.toFixed(2).padStart(7)} s  ${p.built ? 'built' : 'reused'}`,
    );
  }
  for (const r of [...report.rules].sort((a, b) => b.seconds - a.seconds)) {
    console.log(
      `  ${r.ruleId.padEnd(24)} ${r.seconds.toFixed(2).padStart(7)} s  ${String(r.findings).padStart(6)} findings`,
    );
  }
  console.log(
    `findings: ${report.findings}; screening wall ${report.seconds.toFixed(1)} s${memoryLimit ? `; memory_limit ${memoryLimit}` : ''}`,
  );
}
if (dump) {
  await c.db.run(
    `COPY (SELECT finding_id, rule_id, rule_version, severity, score, start_ts, end_ts, summary_en, evidence_json FROM findings
           ORDER BY finding_id) TO '${dump.replaceAll("'", '')}' (HEADER)`,
  );
}
await closeCase(c);
rmSync(dir, { recursive: true, force: true });
