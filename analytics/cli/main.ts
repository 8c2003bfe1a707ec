import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { ChannelName, RequestOf, ResponseOf } from '../api/channels';
import { createInProcessClient } from '../host/in-process-client';

/**
 * Headless commands over the same contract as the app. Each command prints one JSON object on
 * stdout; progress goes to stderr. Exit code 0 = success, 1 = the command failed, 2 = usage error.
 */
const USAGE = `Usage: npm run cli -- <command>

  case create <case.duckdb>           create an empty case
  import <case.duckdb> <files...>     import source files; prints the import report
`;

class UsageError extends Error {}

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
