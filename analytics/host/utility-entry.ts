import os from 'node:os';
import path from 'node:path';
import type { ProgressEvent } from '../api/progress';
import { fail, type Result } from '../api/result';
import { createAnalytics } from '../service';
import { createDemoCaseProvider } from './demo-case';
import { createDispatcher } from './dispatcher';

/**
 * Entry of the Electron utility process (`utilityProcess.fork`, bundled to
 * dist/electron/analytics-host.cjs). DuckDB runs here rather than in the main process so that a
 * native crash ends this process only; main restarts it and the window survives.
 *
 * It never imports 'electron': Electron hands a utility process `process.parentPort`, whose
 * minimal shape is declared below, and that is all it needs.
 *
 * Options (argv or environment):
 *   --data-dir DIR / ANALYST_DATA_DIR   where the demo case and other app data live
 */

/** main → utility */
export type HostRequest =
  | { readonly kind: 'invoke'; readonly id: number; readonly channel: string; readonly request: unknown }
  | { readonly kind: 'shutdown' };

/** utility → main */
export type HostMessage =
  | { readonly kind: 'result'; readonly id: number; readonly result: Result<unknown> }
  | { readonly kind: 'progress'; readonly event: ProgressEvent };

/** The part of Electron's `ParentPort` this entry uses. */
interface ParentPort {
  on(event: 'message', listener: (messageEvent: { readonly data: unknown }) => void): unknown;
  postMessage(message: HostMessage): void;
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function isHostRequest(value: unknown): value is HostRequest {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  if (v['kind'] === 'shutdown') return true;
  return v['kind'] === 'invoke' && typeof v['id'] === 'number' && typeof v['channel'] === 'string';
}

function serve(parentPort: ParentPort): void {
  const dataDirArg = arg('data-dir') ?? process.env['ANALYST_DATA_DIR'];
  const dataDir = dataDirArg ? path.resolve(dataDirArg) : null;
  const actor = os.userInfo().username;
  const analytics = createAnalytics(
    dataDir
      ? {
          mode: 'desktop',
          actor,
          demoCase: createDemoCaseProvider(dataDir, actor),
          templatesFile: path.join(dataDir, 'mapping-templates.json'),
        }
      : { mode: 'desktop', actor },
  );
  const dispatch = createDispatcher(analytics);
  let shuttingDown = false;

  analytics.onProgress((event) => parentPort.postMessage({ kind: 'progress', event }));

  parentPort.on('message', ({ data }) => {
    if (!isHostRequest(data)) {
      console.error('[analytics-host] ignored a malformed message from main');
      return;
    }
    if (data.kind === 'shutdown') {
      if (shuttingDown) return;
      shuttingDown = true;
      // Dispose closes the open case cleanly (checkpoint, lock file) before the process ends.
      void analytics
        .dispose()
        .catch((e: unknown) => console.error('[analytics-host] dispose failed:', e))
        .finally(() => process.exit(0));
      return;
    }
    const { id, channel, request } = data;
    void dispatch(channel, request)
      // The dispatcher turns handler errors into Results; this catch is for bugs in the dispatcher.
      .catch((e: unknown) =>
        fail({
          code: 'internal',
          message: `${channel} failed: ${e instanceof Error ? e.message : String(e)}`,
        }),
      )
      .then((result) => parentPort.postMessage({ kind: 'result', id, result }));
  });

  console.log(`[analytics-host] ready (pid ${process.pid}, data dir ${dataDir ?? 'not set'})`);
}

const parentPort = (process as NodeJS.Process & { parentPort?: ParentPort | null }).parentPort;
if (parentPort) {
  serve(parentPort);
} else {
  console.error(
    '[analytics-host] process.parentPort is missing: this file runs only as an Electron utility process ' +
      '(utilityProcess.fork). For browser mode run `npm run web`.',
  );
  process.exitCode = 1;
}
