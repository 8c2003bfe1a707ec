import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebHost, type TestWebHost } from '../support/web-host';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../support/shared-data';

/** Raw HTTP so the test controls Host and Origin headers exactly (fetch forbids setting Host). */
function request(
  port: number,
  opts: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString('utf8')));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

const built = existsSync(path.join(repoRoot, 'dist', 'renderer', 'index.html'));
if (!built) console.warn('[skip] dist/renderer is not built: run `npm run build:renderer` (npm test does)');

describe.skipIf(!built)('browser-mode host security', () => {
  let host: TestWebHost;
  let port: number;
  const invokeBody = JSON.stringify({ channel: 'app:info', request: {} });

  beforeAll(async () => {
    host = await startWebHost();
    port = Number(new URL(host.url).port);
  });
  afterAll(() => host.close());

  it('binds to 127.0.0.1 and answers a request with the token', async () => {
    const r = await request(port, {
      method: 'POST',
      path: '/api/invoke',
      headers: {
        Host: `127.0.0.1:${port}`,
        'X-Analyst-Token': host.token,
        'Content-Type': 'application/json',
      },
      body: invokeBody,
    });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, value: { mode: 'browser' } });
  });

  it('rejects API requests without the token or with a wrong one', async () => {
    const variants: Record<string, string>[] = [
      {},
      { 'X-Analyst-Token': 'wrong' },
      { 'X-Analyst-Token': `${host.token}x` },
    ];
    for (const headers of variants) {
      const r = await request(port, {
        method: 'POST',
        path: '/api/invoke',
        headers: { Host: `127.0.0.1:${port}`, ...headers },
        body: invokeBody,
      });
      expect(r.status).toBe(401);
      expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    }
  });

  it('rejects a foreign Origin even with the token', async () => {
    const r = await request(port, {
      method: 'POST',
      path: '/api/invoke',
      headers: { Host: `127.0.0.1:${port}`, Origin: 'http://evil.example', 'X-Analyst-Token': host.token },
      body: invokeBody,
    });
    expect(r.status).toBe(403);
  });

  it('rejects a foreign Host header (DNS rebinding)', async () => {
    const r = await request(port, {
      path: '/api/invoke',
      method: 'POST',
      headers: { Host: `evil.example:${port}`, 'X-Analyst-Token': host.token },
      body: invokeBody,
    });
    expect(r.status).toBe(403);
  });

  it('serves the app only after the URL token is traded for a cookie, and injects the token', async () => {
    const bare = await request(port, { path: '/', headers: { Host: `127.0.0.1:${port}` } });
    expect(bare.status).toBe(401);
    const first = await request(port, {
      path: `/?token=${host.token}`,
      headers: { Host: `127.0.0.1:${port}` },
    });
    expect(first.status).toBe(303);
    const cookie = String(first.headers['set-cookie']?.[0] ?? '').split(';')[0]!;
    expect(first.headers['set-cookie']?.[0]).toMatch(/HttpOnly; SameSite=Strict/);
    const page = await request(port, { path: '/', headers: { Host: `127.0.0.1:${port}`, Cookie: cookie } });
    expect(page.status).toBe(200);
    expect(page.body).toContain(`<meta name="analyst-token" content="${host.token}" />`);
    expect(page.headers['content-security-policy']).toMatch(/default-src 'self'/);
    const traversal = await request(port, {
      path: '/../../package.json',
      headers: { Host: `127.0.0.1:${port}`, Cookie: cookie },
    });
    expect(traversal.status).toBe(404);
    // the cookie alone does not open the API: it needs the header
    const apiWithCookie = await request(port, {
      method: 'POST',
      path: '/api/invoke',
      headers: { Host: `127.0.0.1:${port}`, Cookie: cookie },
      body: invokeBody,
    });
    expect(apiWithCookie.status).toBe(401);
  });

  it('stores uploads under the data folder with a safe name', async () => {
    const r = await request(port, {
      method: 'POST',
      path: `/api/upload?name=${encodeURIComponent('../../evil name.csv')}`,
      headers: { Host: `127.0.0.1:${port}`, 'X-Analyst-Token': host.token },
      body: 'a,b\n1,2\n',
    });
    const result = JSON.parse(r.body) as { ok: boolean; value: { path: string } };
    expect(result.ok).toBe(true);
    expect(result.value.path.startsWith(path.join(host.dataDir, 'uploads'))).toBe(true);
    expect(path.basename(result.value.path)).toBe('evil name.csv');
  });
});
