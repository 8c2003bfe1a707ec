/**
 * The full detection catalog on a generated city: generate, import every file, then screen with
 * every rule; prints wall time and peak RSS of each phase.
 *   npx tsx bench/catalog-city.bench.ts [--enterprises 500] [--days 365]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeCase, createCase } from '../analytics/engine/case-file';
import { importFiles } from '../analytics/ingest/import-files';
import { runScreening } from '../analytics/screening/run-screening';
import { generateDemoCity } from '../sample-data/generate-demo-city';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const enterprises = arg('enterprises', 500);
const days = arg('days', 365);
const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-city-'));
let peak = 0;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
const phase = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
  peak = 0;
  const t0 = performance.now();
  const out = await work();
  console.log(
    `${name.padEnd(10)} ${((performance.now() - t0) / 1000).toFixed(1).padStart(7)} s   peak RSS ${(peak / 1e6).toFixed(0)} MB`,
  );
  return out;
};
const manifest = await phase('generate', () =>
  generateDemoCity({ dir: path.join(dir, 'city'), enterprises, days }),
);
console.log(
  `city: ${enterprises} enterprises x ${days} days, ${manifest.stats.readings.toLocaleString()} readings, ${manifest.stats.powerReadings.toLocaleString()} power rows`,
);
const c = await createCase(path.join(dir, 'case.duckdb'), { appVersion: 'bench', actor: 'bench' });
await phase('import', () =>
  importFiles(
    c.db,
    manifest.files.filter((f) => f.kind !== 'labels').map((f) => path.join(dir, 'city', f.path)),
    { jobId: 'b', actor: 'bench' },
  ),
);
const report = await phase('screen', () => runScreening(c.db, { jobId: 's', actor: 'bench' }));
for (const r of [...report.rules].sort((a, b) => b.seconds - a.seconds)) {
  console.log(
    `  ${r.ruleId.padEnd(24)} ${r.seconds.toFixed(2).padStart(7)} s  ${String(r.findings).padStart(6)} findings`,
  );
}
console.log(`findings: ${report.findings}; screening wall ${report.seconds.toFixed(1)} s`);
await closeCase(c);
clearInterval(sampler);
rmSync(dir, { recursive: true, force: true });
