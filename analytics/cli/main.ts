import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ImportMapping } from '../api/import-mapping';
import type { Finding } from '../api/domain';
import { findingsCsv } from './findings-csv';
import { generateDemoCity } from '../../sample-data/generate-demo-city';
import type { ChannelName, RequestOf, ResponseOf } from '../api/channels';
import { createInProcessClient } from '../host/in-process-client';

/**
 * Headless commands over the same contract as the app. Each command prints one JSON object on
 * stdout; progress goes to stderr. Exit code 0 = success, 1 = the command failed, 2 = usage error.
 */
const USAGE = `Usage: npm run cli -- <command>

  case create <case.duckdb>           create an empty case
  import <case.duckdb> <files...> [--template NAME | --mapping mapping.json]
                                      import source files; prints the import report. A mapping
                                      (or saved template) reads files of no documented format
  preview <file>                      how the file would be read: headers, first rows, mapping
  templates list | delete <name>      saved mapping templates
  templates save <name> <file> --mapping mapping.json
                                      save a mapping as a template for files shaped like <file>
  screen <case.duckdb> [--rules a,b] [--out findings.csv] [--lang zh|en]
                                      run the detection catalog; prints counts per rule
  rules                               list the detection rules (id, version, title)
  demo <dir> [--enterprises N] [--days D] [--seed S] [--start YYYY-MM-DD]
                                      generate the demo city (export files + labels) into <dir>
`;

class UsageError extends Error {}

/** `--name value` flags (the allowed names only) and the remaining positional arguments. */
function parseFlags(
  args: readonly string[],
  allowed: readonly string[],
): { positional: string[]; flags: Record<string, string> } {
  const positional: string[] = [];
  const flags: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith('--')) {
      const name = a.slice(2);
      const value = args[i + 1];
      if (!allowed.includes(name) || value === undefined) throw new UsageError(`bad option ${a}`);
      flags[name] = value;
      i++;
    } else positional.push(a);
  }
  return { positional, flags };
}

/** Templates are shared with browser mode: the same data directory (ANALYST_DATA_DIR). */
const dataDir = path.resolve(
  process.env['ANALYST_DATA_DIR'] ?? path.join(os.homedir(), '.emission-forensics'),
);
const client = createInProcessClient({
  mode: 'cli',
  templatesFile: path.join(dataDir, 'mapping-templates.json'),
});

function readMapping(file: string): ImportMapping {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`--mapping ${file}: cannot read it as JSON (${String(e)})`);
  }
  const r = ImportMapping.safeParse(json);
  if (!r.success) {
    const issues = r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new UsageError(`--mapping ${file}: not a valid mapping (${issues})`);
  }
  return r.data;
}

async function call<C extends ChannelName>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
  const result = await client.invoke(channel, request);
  if (!result.ok) {
    const err = new Error(result.error.message);
    (err as Error & { code?: string }).code = result.error.code;
    throw err;
  }
  return result.value;
}

function printProgress(): () => void {
  return client.analytics.onProgress((e) => {
    const pct = e.total ? ` ${Math.round((100 * e.done) / e.total)}%` : '';
    process.stderr.write(`[${e.phase}]${pct} ${e.item ?? ''}\n`);
  });
}

async function main(argv: readonly string[]): Promise<unknown> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'case': {
      const [sub, file] = rest;
      if (sub !== 'create' || !file) throw new UsageError('case create <case.duckdb>');
      const summary = await call('case:create', { path: file });
      return { created: summary.path, schemaVersion: summary.schemaVersion };
    }
    case 'import': {
      const { positional, flags } = parseFlags(rest, ['template', 'mapping']);
      const [casePath, ...files] = positional;
      if (!casePath || files.length === 0) throw new UsageError('import <case.duckdb> <files...>');
      if (flags['template'] !== undefined && flags['mapping'] !== undefined) {
        throw new UsageError('give --template or --mapping, not both');
      }
      const mapping = flags['mapping'] !== undefined ? readMapping(flags['mapping']) : undefined;
      const template = flags['template'];
      const mappings =
        mapping || template !== undefined
          ? files.map((p) => (mapping ? { path: p, mapping } : { path: p, template: template! }))
          : undefined;
      if (existsSync(casePath)) await call('case:open', { path: casePath });
      else await call('case:create', { path: casePath });
      const stop = printProgress();
      const jobId = randomUUID();
      const onSigint = () => void client.invoke('jobs:cancel', { jobId });
      process.once('SIGINT', onSigint);
      try {
        return await call('import:files', { jobId, paths: files, ...(mappings ? { mappings } : {}) });
      } finally {
        process.off('SIGINT', onSigint);
        stop();
      }
    }
    case 'preview': {
      const [file] = rest;
      if (!file || rest.length !== 1) throw new UsageError('preview <file>');
      return call('import:preview', { path: file });
    }
    case 'templates': {
      const { positional, flags } = parseFlags(rest, ['mapping']);
      const [sub, name, file] = positional;
      if (sub === 'list' && !name) return { templates: await call('templates:list', {}) };
      if (sub === 'delete' && name && !file) return call('templates:delete', { name });
      if (sub === 'save' && name && file && flags['mapping'] !== undefined) {
        const { shapeKey } = await call('import:preview', { path: file });
        return call('templates:save', { name, shapeKey, mapping: readMapping(flags['mapping']) });
      }
      throw new UsageError('templates list | delete <name> | save <name> <file> --mapping mapping.json');
    }
    case 'screen': {
      const { positional, flags } = parseFlags(rest, ['rules', 'out', 'lang']);
      const [casePath] = positional;
      if (!casePath) throw new UsageError('screen <case.duckdb> [--rules a,b] [--out findings.csv]');
      await call('case:open', { path: casePath });
      const stop = printProgress();
      const jobId = randomUUID();
      const onSigint = () => void client.invoke('jobs:cancel', { jobId });
      process.once('SIGINT', onSigint);
      try {
        const ruleIds = flags['rules']
          ?.split(',')
          .map((r) => r.trim())
          .filter(Boolean);
        const report = await call('screening:run', ruleIds ? { jobId, ruleIds } : { jobId });
        if (flags['out']) {
          const all: Finding[] = [];
          for (let offset = 0; ; offset += 5000) {
            const page = await call('findings:list', { limit: 5000, offset });
            all.push(...page.findings);
            if (all.length >= page.total || page.findings.length === 0) break;
          }
          writeFileSync(flags['out'], findingsCsv(all, flags['lang'] === 'en' ? 'en' : 'zh'));
        }
        return { ...report, ...(flags['out'] ? { out: flags['out'] } : {}) };
      } finally {
        process.off('SIGINT', onSigint);
        stop();
      }
    }
    case 'demo': {
      const { positional, flags } = parseFlags(rest, ['enterprises', 'days', 'seed', 'start']);
      const [dir] = positional;
      if (!dir) throw new UsageError('demo <dir> [--enterprises N] [--days D] [--seed S]');
      const num = (name: string) => {
        const v = flags[name];
        if (v === undefined) return undefined;
        const n = Number(v);
        if (!Number.isInteger(n)) throw new UsageError(`--${name} must be an integer`);
        return n;
      };
      const t0 = performance.now();
      const manifest = await generateDemoCity({
        dir,
        ...(num('enterprises') !== undefined ? { enterprises: num('enterprises')! } : {}),
        ...(num('days') !== undefined ? { days: num('days')! } : {}),
        ...(num('seed') !== undefined ? { seed: num('seed')! } : {}),
        ...(flags['start'] ? { start: flags['start'] } : {}),
        onProgress: (p) => process.stderr.write(`[${p.phase}] ${p.done}/${p.total}\n`),
      });
      return {
        dir,
        seconds: (performance.now() - t0) / 1000,
        files: manifest.files.map((f) => ({
          path: f.path,
          kind: f.kind,
          format: f.format,
          encoding: f.encoding,
          rows: f.rows,
        })),
        labels: manifest.labels.length,
        stats: manifest.stats,
      };
    }
    case 'rules':
      return (await call('rules:list', {})).map((r) => ({
        id: r.id,
        version: r.version,
        title: r.title.en,
        category: r.legalCategory,
      }));
    case undefined:
    case 'help':
    case '--help':
      throw new UsageError('');
    default:
      throw new UsageError(`unknown command: ${command}`);
  }
}

let exitCode = 0;
try {
  const output = await main(process.argv.slice(2));
  process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
} catch (e) {
  if (e instanceof UsageError) {
    if (e.message) process.stderr.write(`error: ${e.message}\n\n`);
    process.stderr.write(USAGE);
    exitCode = 2;
  } else {
    const err = e as Error & { code?: string };
    process.stdout.write(
      `${JSON.stringify({ error: { code: err.code ?? 'internal', message: err.message } }, null, 2)}\n`,
    );
    exitCode = 1;
  }
} finally {
  await client.dispose();
}
process.exit(exitCode);
