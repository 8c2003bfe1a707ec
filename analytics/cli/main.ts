import { randomUUID } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
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
  import <case.duckdb> <files...>     import source files; prints the import report
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

const client = createInProcessClient({ mode: 'cli' });

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
      const [casePath, ...files] = rest;
      if (!casePath || files.length === 0) throw new UsageError('import <case.duckdb> <files...>');
      if (existsSync(casePath)) await call('case:open', { path: casePath });
      else await call('case:create', { path: casePath });
      const stop = printProgress();
      const jobId = randomUUID();
      const onSigint = () => void client.invoke('jobs:cancel', { jobId });
      process.once('SIGINT', onSigint);
      try {
        return await call('import:files', { jobId, paths: files });
      } finally {
        process.off('SIGINT', onSigint);
        stop();
      }
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
