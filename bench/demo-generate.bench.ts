/**
 * Demo-city generator benchmark.
 *
 *   npx tsx bench/demo-generate.bench.ts [--enterprises 500] [--days 365] [--seed N] [--dir PATH] [--keep]
 *
 * Prints wall time, CPU time, readings and rows written, MB written and peak RSS. Without --dir the
 * city goes to a temporary directory that is removed afterwards (unless --keep).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEMO_DEFAULTS, generateDemoCity } from '../sample-data/generate-demo-city';

const { values } = parseArgs({
  options: {
    enterprises: { type: 'string' },
    days: { type: 'string' },
    seed: { type: 'string' },
    dir: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});

const enterprises = Number(values.enterprises ?? DEMO_DEFAULTS.enterprises);
const days = Number(values.days ?? DEMO_DEFAULTS.days);
const seed = Number(values.seed ?? DEMO_DEFAULTS.seed);
const dir = values.dir ?? mkdtempSync(path.join(os.tmpdir(), 'demo-bench-'));

let lastReport = 0;
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const manifest = await generateDemoCity({
  dir,
  enterprises,
  days,
  seed,
  onProgress: (p) => {
    const now = performance.now();
    if (p.phase === 'enterprises' && now - lastReport > 10_000) {
      lastReport = now;
      console.log(`  ${p.done}/${p.total} enterprises after ${((now - t0) / 1000).toFixed(0)} s`);
    }
  },
});
const wall = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
const s = manifest.stats;
const mb = s.bytes / 1e6;

console.log(`demo city: ${enterprises} enterprises × ${days} days, seed ${seed} → ${dir}`);
console.log(
  `  wall time        ${wall.toFixed(1)} s (CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s, all threads)`,
);
console.log(
  `  readings         ${s.readings.toLocaleString('en')} monitoring values in ${s.monitoringRows.toLocaleString('en')} rows`,
);
console.log(`  power readings   ${s.powerReadings.toLocaleString('en')}`);
console.log(
  `  air readings     ${s.airReadings.toLocaleString('en')}; gate records ${s.gateRecords.toLocaleString('en')}`,
);
console.log(`  labels           ${s.cases} cases, ${s.lookalikes} look-alikes`);
console.log(
  `  files            ${manifest.files.length}, ${mb.toFixed(1)} MB written (${(mb / wall).toFixed(1)} MB/s)`,
);
console.log(`  peak RSS         ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);

if (!values.dir && !values.keep) rmSync(dir, { recursive: true, force: true });
