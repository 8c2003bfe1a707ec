import { describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../../analytics/api';
import { createBrowserBridge } from './browser-bridge';

type Call = { url: string; init: RequestInit | undefined };

function fakeFetch(handler: (url: string, init: RequestInit | undefined) => Response | Promise<Response>) {
  const calls: Call[] = [];
  const fn = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    calls.push({ url, init });
    return handler(url, init);
  }) as typeof fetch;
  return { fn, calls };
}

const json = (value: unknown, status = 200) =>
  new Response(JSON.stringify(value), { status, headers: { 'Content-Type': 'application/json' } });

const header = (init: RequestInit | undefined, name: string) =>
  (init?.headers as Record<string, string>)[name];

describe('createBrowserBridge', () => {
  it('posts the channel and request with the token and returns the Result as is', async () => {
    const { fn, calls } = fakeFetch(() =>
      json({ ok: false, error: { code: 'no-case-open', message: 'x' } }, 409),
    );
    const bridge = createBrowserBridge({ token: 't0k', fetch: fn });
    const result = await bridge.invoke('series:list', {});
    expect(result).toEqual({ ok: false, error: { code: 'no-case-open', message: 'x' } });
    expect(calls[0]?.url).toBe('/api/invoke');
    expect(header(calls[0]?.init, 'X-Analyst-Token')).toBe('t0k');
    expect(JSON.parse(String(calls[0]?.init?.body))).toEqual({ channel: 'series:list', request: {} });
  });

  it('turns a network failure and a non-Result reply into failed Results', async () => {
    const down = createBrowserBridge({
      token: 't',
      fetch: fakeFetch(() => Promise.reject(new Error('refused'))).fn,
    });
    const r1 = await down.invoke('app:info', {});
    expect(r1.ok === false && r1.error.code).toBe('internal');
    const denied = createBrowserBridge({ token: 't', fetch: fakeFetch(() => json({ nope: 1 }, 401)).fn });
    const r2 = await denied.invoke('app:info', {});
    expect(r2.ok === false && r2.error.code).toBe('unauthorized');
  });

  it('uploads each picked file with its encoded name and returns the server paths', async () => {
    const { fn, calls } = fakeFetch((url) =>
      json({ ok: true, value: { path: `/srv/${url.split('=')[1]}` } }),
    );
    const bridge = createBrowserBridge({ token: 't', fetch: fn });
    const files = [new File(['a'], '监测 1.csv'), new File(['b'], 'b.csv')];
    const result = await bridge.pickFiles(files);
    expect(result).toEqual({ ok: true, value: [`/srv/${encodeURIComponent('监测 1.csv')}`, '/srv/b.csv'] });
    expect(calls.map((c) => c.init?.method)).toEqual(['POST', 'POST']);
  });

  it('streams progress events and reconnects after the stream drops', async () => {
    const event: ProgressEvent = {
      jobId: 'j',
      phase: 'load',
      done: 1,
      total: 3,
      unit: 'steps',
      rate: null,
      etaSeconds: null,
    };
    let connects = 0;
    const { fn } = fakeFetch((_url, init) => {
      connects += 1;
      const lines = `{"type":"ping"}\n{"type":"progress","event":${JSON.stringify({ ...event, done: connects })}}\n`;
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(lines));
          // The first connection drops; the second stays open until the subscriber leaves.
          if (connects === 1) controller.close();
          else init?.signal?.addEventListener('abort', () => controller.error(new Error('aborted')));
        },
      });
      return new Response(body, { status: 200 });
    });
    const bridge = createBrowserBridge({ token: 't', fetch: fn, backoffMs: [5] });
    const seen: number[] = [];
    const stop = bridge.onProgress((e) => seen.push(e.done));
    await expect.poll(() => seen).toEqual([1, 2]);
    stop();
    expect(connects).toBe(2);
  });

  it('stops reconnecting when the host refuses the token', async () => {
    let connects = 0;
    const { fn } = fakeFetch(() => {
      connects += 1;
      return json({ ok: false, error: { code: 'unauthorized', message: 'x' } }, 401);
    });
    const bridge = createBrowserBridge({ token: 'old', fetch: fn, backoffMs: [1] });
    const stop = bridge.onProgress(() => undefined);
    await new Promise((r) => setTimeout(r, 50));
    stop();
    expect(connects).toBe(1);
  });
});
