import type { HostMessage, HostRequest } from '../../analytics/host/utility-entry';
import type { ProgressEvent } from '../../analytics/api/progress';
import { fail, type Result } from '../../analytics/api/result';

/**
 * Supervises the analytics utility process (DuckDB) from the main process: forwards invokes,
 * matches replies by id, forwards progress, and restarts the process when it dies. It takes the
 * fork function as a parameter and never imports 'electron', so tests drive it with a Node child
 * process or a fake.
 */

/** `serviceName` of the fork: the process's `name` in `app.getAppMetrics()` and crash reports. */
export const ANALYTICS_SERVICE_NAME = 'Emission forensics analytics';

/** The part of Electron's `UtilityProcess` the supervisor uses. */
export interface ChildProcessPort {
  postMessage(message: HostRequest): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  kill(): boolean;
}

export interface AnalyticsProcessOptions {
  readonly fork: () => ChildProcessPort;
  readonly onProgress: (event: ProgressEvent) => void;
  /** Called after an unexpected exit, with the exit code and whether a new process was started. */
  readonly onUnexpectedExit?: (code: number, restarted: boolean) => void;
  /**
   * A DuckDB build that crashes on start (e.g. `connect()` on some Windows 10 builds) would
   * otherwise be restarted forever: after this many exits within `crashWindowMs`, give up.
   */
  readonly maxCrashes?: number;
  readonly crashWindowMs?: number;
  /** How long `stop()` waits for a clean dispose before killing the process. */
  readonly shutdownTimeoutMs?: number;
  readonly now?: () => number;
}

export interface AnalyticsProcess {
  invoke(channel: string, request: unknown): Promise<Result<unknown>>;
  /** Asks the process to dispose (closing the case cleanly) and waits for it to exit. */
  stop(): Promise<void>;
}

export function restartedMessage(code: number): string {
  return `The analytics process stopped unexpectedly (exit code ${code}); it has been restarted. Re-open the case.`;
}

export function gaveUpMessage(code: number): string {
  return (
    `The analytics process stopped unexpectedly (exit code ${code}) and keeps stopping, so it was not ` +
    'restarted. Quit and restart the application; if this persists, report it with the log.'
  );
}

function isHostMessage(value: unknown): value is HostMessage {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  if (v['kind'] === 'result') return typeof v['id'] === 'number' && typeof v['result'] === 'object';
  return v['kind'] === 'progress' && typeof v['event'] === 'object' && v['event'] !== null;
}

type State =
  | { readonly name: 'running'; readonly child: ChildProcessPort }
  | { readonly name: 'gave-up'; readonly code: number }
  | { readonly name: 'stopped' };

export function createAnalyticsProcess(options: AnalyticsProcessOptions): AnalyticsProcess {
  const maxCrashes = options.maxCrashes ?? 3;
  const crashWindowMs = options.crashWindowMs ?? 60_000;
  const shutdownTimeoutMs = options.shutdownTimeoutMs ?? 5_000;
  const now = options.now ?? Date.now;
  const pending = new Map<number, (result: Result<unknown>) => void>();
  let crashes: number[] = [];
  let nextId = 1;
  let stopping: Promise<void> | null = null;
  let state: State;

  const settleAll = (result: Result<unknown>) => {
    const resolvers = [...pending.values()];
    pending.clear();
    for (const resolve of resolvers) resolve(result);
  };

  const start = (): ChildProcessPort => {
    const child = options.fork();
    child.on('message', (message) => {
      if (!isHostMessage(message)) {
        console.error('[main] ignored a malformed message from the analytics process');
        return;
      }
      if (message.kind === 'progress') {
        options.onProgress(message.event);
        return;
      }
      const resolve = pending.get(message.id);
      pending.delete(message.id);
      resolve?.(message.result);
    });
    child.on('exit', (code) => {
      // A late exit of a process already replaced or deliberately stopped is not news.
      if (state.name !== 'running' || state.child !== child) return;
      const t = now();
      crashes = [...crashes.filter((c) => t - c < crashWindowMs), t];
      let restart = crashes.length < maxCrashes;
      try {
        state = restart ? { name: 'running', child: start() } : { name: 'gave-up', code };
      } catch (e) {
        // Thrown inside an 'exit' listener this would take the main process down with it.
        console.error('[main] could not restart the analytics process:', e);
        restart = false;
        state = { name: 'gave-up', code };
      }
      settleAll(fail({ code: 'internal', message: restart ? restartedMessage(code) : gaveUpMessage(code) }));
      options.onUnexpectedExit?.(code, restart);
    });
    return child;
  };

  state = { name: 'running', child: start() };

  return {
    invoke(channel, request) {
      if (state.name === 'gave-up') {
        return Promise.resolve(fail({ code: 'internal', message: gaveUpMessage(state.code) }));
      }
      if (state.name === 'stopped') {
        return Promise.resolve(
          fail({ code: 'internal', message: 'The analytics process has been shut down.' }),
        );
      }
      const id = nextId++;
      const child = state.child;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        try {
          child.postMessage({ kind: 'invoke', id, channel, request });
        } catch (e) {
          // The request could not be cloned (or the port is gone): an answer, not a rejection.
          pending.delete(id);
          resolve(fail({ code: 'invalid-request', message: `Could not send ${channel}: ${String(e)}` }));
        }
      });
    },

    stop() {
      if (stopping) return stopping;
      const current = state;
      state = { name: 'stopped' };
      settleAll(fail({ code: 'internal', message: 'The analytics process has been shut down.' }));
      if (current.name !== 'running') return (stopping = Promise.resolve());
      const child = current.child;
      stopping = new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          child.kill();
          resolve();
        }, shutdownTimeoutMs);
        child.on('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        try {
          child.postMessage({ kind: 'shutdown' });
        } catch {
          child.kill();
        }
      });
      return stopping;
    },
  };
}
