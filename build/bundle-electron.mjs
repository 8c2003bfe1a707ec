// `npm run build:electron`: bundles the desktop shell with esbuild into dist/electron/.
//   main.cjs            electron/main/main.ts          (Electron main process)
//   preload.cjs         electron/preload/preload.ts    (sandboxed preload: CommonJS, requires only 'electron')
//   analytics-host.cjs  analytics/host/utility-entry.ts (utility process running DuckDB)
//   rules/<id>/*.sql    the detection rules' SQL, read at run time (ANALYST_RULES_DIR, set by main)
// Options: --outdir DIR (default dist/electron; tests bundle into a temporary folder).
//
// @duckdb/* stays external: its native binding is loaded from node_modules (app.asar.unpacked in a
// package, see build/electron-builder.yml). Everything else, including the JSON that
// analytics/service.ts imports, is inlined so the shell does not depend on node_modules layout.
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdirArg = process.argv.indexOf('--outdir');
const outdir = path.resolve(
  outdirArg >= 0 ? process.argv[outdirArg + 1] : path.join(repoRoot, 'dist', 'electron'),
);

// Conservative targets: Electron 45 ships at least Node 22 and Chromium 140, so this syntax runs there.
const common = {
  absWorkingDir: repoRoot,
  bundle: true,
  format: 'cjs',
  sourcemap: 'linked',
  logLevel: 'warning',
  legalComments: 'none',
};

const bundles = [
  {
    ...common,
    entryPoints: ['electron/main/main.ts'],
    outfile: path.join(outdir, 'main.cjs'),
    platform: 'node',
    target: 'node22',
    external: ['electron', '@duckdb/*'],
  },
  {
    ...common,
    entryPoints: ['electron/preload/preload.ts'],
    outfile: path.join(outdir, 'preload.cjs'),
    platform: 'browser',
    target: 'chrome140',
    external: ['electron'],
  },
  {
    ...common,
    entryPoints: ['analytics/host/utility-entry.ts'],
    outfile: path.join(outdir, 'analytics-host.cjs'),
    platform: 'node',
    target: 'node22',
    external: ['@duckdb/*'],
    // CommonJS has no import.meta: modules such as the rule definitions evaluate
    // `new URL('./x.sql', import.meta.url)` at load time, which would throw. They get the bundle's
    // own URL instead; the files themselves are found through ANALYST_RULES_DIR (copied below).
    banner: { js: 'var __bundleFileUrl = require("node:url").pathToFileURL(__filename).href;' },
    define: { 'import.meta.url': '__bundleFileUrl' },
  },
];

/** analytics/rules/<id>/*.sql → <outdir>/rules/<id>/, the layout analytics/rules/rule-sql.ts expects. */
function copyRuleSql() {
  const rulesSrc = path.join(repoRoot, 'analytics', 'rules');
  // Start clean so a deleted rule's SQL does not linger in the package.
  rmSync(path.join(outdir, 'rules'), { recursive: true, force: true });
  if (!existsSync(rulesSrc)) return 0;
  let copied = 0;
  for (const dir of readdirSync(rulesSrc, { withFileTypes: true })) {
    if (!dir.isDirectory()) continue;
    for (const file of readdirSync(path.join(rulesSrc, dir.name))) {
      if (!file.endsWith('.sql')) continue;
      mkdirSync(path.join(outdir, 'rules', dir.name), { recursive: true });
      copyFileSync(path.join(rulesSrc, dir.name, file), path.join(outdir, 'rules', dir.name, file));
      copied++;
    }
  }
  return copied;
}

const started = Date.now();
await Promise.all(bundles.map((options) => build(options)));
const sqlFiles = copyRuleSql();

const kib = (file) => `${(statSync(file).size / 1024).toFixed(1).padStart(8)} KiB`;
for (const { outfile } of bundles) {
  process.stdout.write(`${kib(outfile)}  ${path.relative(repoRoot, outfile)}\n`);
}
process.stdout.write(
  `${String(sqlFiles).padStart(8)} SQL   ${path.relative(repoRoot, path.join(outdir, 'rules'))}\n`,
);
process.stdout.write(`electron bundles built in ${Date.now() - started} ms\n`);
