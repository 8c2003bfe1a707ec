import type {
  AnalystBridge,
  AppError,
  ChannelName,
  PickedFile,
  ProgressEvent,
  RequestOf,
  ResponseOf,
  Result,
} from '../../analytics/api';
import { NdjsonLines } from './ndjson-lines';

/** What the loopback host sends on `GET /api/events`. */
type HostEvent = { readonly type: 'progress'; readonly event: ProgressEvent } | { readonly type: 'ping' };

export interface BrowserBridgeOptions {
  /** Session token the host injected into index.html; without it every request is refused. */
  readonly token: string;
  /** Origin of the host; '' means the page's own origin. */
  readonly baseUrl?: string;
  readonly fetch?: typeof fetch;
  /** Reconnect delays grow from the first to the last value. */
  readonly backoffMs?: readonly number[];
  /** The host pings regularly; silence this long means a dead connection. */
  readonly silenceTimeoutMs?: number;
}

const TOKEN_HEADER = 'X-Analyst-Token';
const DEFAULT_BACKOFF = [500, 1000, 2000, 5000, 10_000];

export function readTokenFromDocument(doc: Document): string | null {
  return doc.querySelector<HTMLMetaElement>('meta[name="analyst-token"]')?.content || null;
}

function transportError(message: string, cause: unknown): AppError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return { code: 'internal', message: `${message}: ${detail}` };
}

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  const v = value as { ok: unknown; error?: { code?: unknown } };
  return v.ok === true ? 'value' in value : v.ok === false && typeof v.error?.code === 'string';
}

/**
 * `AnalystBridge` over the loopback HTTP host (browser mode). Errors travel as values here too:
 * a network failure or a non-Result reply becomes a failed Result, never a rejection.
 */
export function createBrowserBridge(options: BrowserBridgeOptions): AnalystBridge {
  const base = options.baseUrl ?? '';
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const backoff = options.backoffMs ?? DEFAULT_BACKOFF;
  const silenceTimeoutMs = options.silenceTimeoutMs ?? 60_000;
  const listeners = new Set<(event: ProgressEvent) => void>();
  let stream: AbortController | null = null;

  async function request<T>(path: string, init: RequestInit, what: string): Promise<Result<T>> {
    let response: Response;
    try {
      response = await doFetch(`${base}${path}`, {
        ...init,
        headers: { ...(init.headers as Record<string, string> | undefined), [TOKEN_HEADER]: options.token },
      });
    } catch (e) {
      return { ok: false, error: transportError(`${what}: the local analytics host did not answer`, e) };
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch (e) {
      return {
        ok: false,
        error: transportError(`${what}: HTTP ${response.status} without a JSON result`, e),
      };
    }
    if (isResult(body)) return body as Result<T>;
    if (response.status === 401 || response.status === 403) {
      return {
        ok: false,
        error: { code: 'unauthorized', message: `${what}: the host refused the session token.` },
      };
    }
    return {
      ok: false,
      error: { code: 'internal', message: `${what}: HTTP ${response.status}, not a Result.` },
    };
  }

  async function readEvents(signal: AbortSignal): Promise<void> {
    let attempt = 0;
    while (!signal.aborted) {
      try {
        const response = await doFetch(`${base}/api/events`, {
          headers: { [TOKEN_HEADER]: options.token },
          signal,
        });
        // A refused token never becomes valid (the host draws a new one per run): retrying would only
        // fill the console; the next invoke reports 'unauthorized' with what to do.
        if (response.status === 401 || response.status === 403) return;
        if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
        attempt = 0;
        await pump(response.body, signal);
      } catch {
        // Dropped or refused: progress is advisory, the job's Result still arrives, so retry quietly.
      }
      if (signal.aborted) return;
      const delay = backoff[Math.min(attempt, backoff.length - 1)] ?? 1000;
      attempt += 1;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
      });
    }
  }

  async function pump(body: ReadableStream<Uint8Array>, signal: AbortSignal): Promise<void> {
    const reader = body.getReader();
    const lines = new NdjsonLines();
    // cancel() rejects when the stream already failed; that failure is handled by the read loop.
    const stop = () => void reader.cancel().catch(() => undefined);
    let watchdog = setTimeout(stop, silenceTimeoutMs);
    const onAbort = stop;
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        clearTimeout(watchdog);
        watchdog = setTimeout(stop, silenceTimeoutMs);
        for (const line of lines.push(value)) dispatchLine(line);
      }
    } finally {
      clearTimeout(watchdog);
      signal.removeEventListener('abort', onAbort);
    }
  }

  function dispatchLine(line: string): void {
    let parsed: HostEvent;
    try {
      parsed = JSON.parse(line) as HostEvent;
    } catch {
      return; // a garbled line must not kill the stream
    }
    if (parsed.type !== 'progress') return;
    for (const listener of listeners) listener(parsed.event);
  }

  return {
    mode: 'browser',
    invoke<C extends ChannelName>(channel: C, req: RequestOf<C>): Promise<Result<ResponseOf<C>>> {
      return request<ResponseOf<C>>(
        '/api/invoke',
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ channel, request: req }),
        },
        channel,
      );
    },
    onProgress(listener) {
      listeners.add(listener);
      // One stream for all listeners, opened on first use and closed when nobody listens.
      if (!stream) {
        stream = new AbortController();
        void readEvents(stream.signal);
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && stream) {
          stream.abort();
          stream = null;
        }
      };
    },
    async pickFiles(files?: readonly PickedFile[]): Promise<Result<string[]>> {
      // A browser cannot open a native dialog for us: no files handed over means nothing was picked.
      const paths: string[] = [];
      for (const file of files ?? []) {
        const uploaded = await request<{ path: string }>(
          `/api/upload?name=${encodeURIComponent(file.name)}`,
          { method: 'POST', headers: { 'Content-Type': 'application/octet-stream' }, body: file },
          `upload ${file.name}`,
        );
        if (!uploaded.ok) return uploaded;
        paths.push(uploaded.value.path);
      }
      return { ok: true, value: paths };
    },
  };
}
