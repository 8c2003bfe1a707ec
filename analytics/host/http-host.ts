import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, statSync, createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fail, ok } from '../api/result';
import type { Analytics } from '../service';
import { createDispatcher } from './dispatcher';

/**
 * The loopback host of browser mode: the same renderer and the same dispatcher as the desktop app,
 * over HTTP on 127.0.0.1 only. Defences:
 *  - binds 127.0.0.1, never 0.0.0.0;
 *  - a random per-run token: the printed URL carries it once (`/?token=`), the host swaps it for an
 *    HttpOnly SameSite=Strict cookie for static files and injects it into index.html, and every API
 *    request must send it in the `X-Analyst-Token` header (a custom header cannot be sent
 *    cross-origin without a CORS preflight, which this host never grants);
 *  - Host and Origin must name this loopback port (DNS rebinding, cross-site requests).
 */
export interface HttpHostOptions {
  readonly analytics: Analytics;
  /** Built renderer (dist/renderer). */
  readonly staticDir: string;
  /** Where uploaded files are stored (browser mode cannot hand the host a file path). */
  readonly uploadDir: string;
  readonly port?: number;
  readonly token?: string;
}

export interface HttpHost {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
};

const MAX_JSON_BYTES = 4 * 1024 * 1024;
const COOKIE = 'analyst_token';

function sameToken(a: string | undefined, b: string): boolean {
  if (a === undefined) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookieToken(req: IncomingMessage): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, v] = part.trim().split('=');
    if (k === COOKIE) return v;
  }
  return undefined;
}

function send(res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, JSON.stringify(value), 'application/json; charset=utf-8');
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_JSON_BYTES) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

/** A file name safe to create inside the upload folder (no separators, no dot-dot). */
function safeFileName(name: string): string {
  const base = [...path.basename(name.replaceAll('\\', '/'))]
    .map((ch) => (ch.charCodeAt(0) < 0x20 || '<>:"|?*'.includes(ch) ? '_' : ch))
    .join('');
  return base === '' || base === '.' || base === '..' ? 'upload' : base.slice(0, 200);
}

export async function startHttpHost(options: HttpHostOptions): Promise<HttpHost> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const dispatch = createDispatcher(options.analytics);
  const staticRoot = path.resolve(options.staticDir);
  const indexPath = path.join(staticRoot, 'index.html');
  if (!existsSync(indexPath)) {
    throw new Error(`The renderer is not built: ${indexPath} is missing. Run \`npm run build:renderer\`.`);
  }
  let port = 0;
  const allowedHosts = () => [`127.0.0.1:${port}`, `localhost:${port}`];
  const allowedOrigins = () => allowedHosts().map((h) => `http://${h}`);
  const eventStreams = new Set<ServerResponse>();

  const unsubscribe = options.analytics.onProgress((event) => {
    const line = `${JSON.stringify({ type: 'progress', event })}\n`;
    for (const res of eventStreams) res.write(line);
  });
  const ping = setInterval(() => {
    for (const res of eventStreams) res.write('{"type":"ping"}\n');
  }, 15_000);

  const serveStatic = (req: IncomingMessage, res: ServerResponse, urlPath: string) => {
    const rel = decodeURIComponent(urlPath === '/' ? '/index.html' : urlPath);
    const file = path.resolve(staticRoot, `.${rel}`);
    if (!file.startsWith(staticRoot + path.sep) || !existsSync(file) || !statSync(file).isFile()) {
      send(res, 404, 'Not found');
      return;
    }
    if (file === indexPath) {
      const html = readFileSync(indexPath, 'utf8').replace(
        '<head>',
        `<head>\n    <meta name="analyst-token" content="${token}" />`,
      );
      send(res, 200, html, MIME['.html']);
      return;
    }
    res.writeHead(200, {
      'Content-Type': MIME[path.extname(file)] ?? 'application/octet-stream',
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache',
    });
    createReadStream(file).pipe(res);
    void req;
  };

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (!allowedHosts().includes(req.headers.host ?? '')) {
        send(res, 403, 'Forbidden: unexpected Host header');
        return;
      }
      const origin = req.headers.origin;
      if (origin !== undefined && !allowedOrigins().includes(origin)) {
        send(res, 403, 'Forbidden: foreign Origin');
        return;
      }
      if (url.pathname.startsWith('/api/')) {
        if (!sameToken(req.headers['x-analyst-token'] as string | undefined, token)) {
          sendJson(res, 401, fail({ code: 'unauthorized', message: 'Missing or wrong X-Analyst-Token.' }));
          return;
        }
        if (req.method === 'POST' && url.pathname === '/api/invoke') {
          let body: unknown;
          try {
            body = await readJson(req);
          } catch (e) {
            sendJson(res, 400, fail({ code: 'invalid-request', message: `Bad JSON body: ${String(e)}` }));
            return;
          }
          const { channel, request } = (body ?? {}) as { channel?: unknown; request?: unknown };
          sendJson(res, 200, await dispatch(String(channel), request));
          return;
        }
        if (req.method === 'GET' && url.pathname === '/api/events') {
          res.writeHead(200, {
            'Content-Type': 'application/x-ndjson; charset=utf-8',
            'Cache-Control': 'no-store',
            'X-Content-Type-Options': 'nosniff',
          });
          res.write('{"type":"ping"}\n');
          eventStreams.add(res);
          req.on('close', () => eventStreams.delete(res));
          return;
        }
        if (req.method === 'POST' && url.pathname === '/api/upload') {
          const dir = path.join(options.uploadDir, randomUUID());
          mkdirSync(dir, { recursive: true });
          const target = path.join(dir, safeFileName(url.searchParams.get('name') ?? 'upload'));
          try {
            await pipeline(req, createWriteStream(target, { flags: 'wx' }));
            sendJson(res, 200, ok({ path: target }));
          } catch (e) {
            sendJson(res, 500, fail({ code: 'internal', message: `Upload failed: ${String(e)}` }));
          }
          return;
        }
        sendJson(
          res,
          404,
          fail({ code: 'unknown-channel', message: `No API route ${req.method} ${url.pathname}` }),
        );
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        send(res, 405, 'Method not allowed');
        return;
      }
      const queryToken = url.searchParams.get('token') ?? undefined;
      if (sameToken(queryToken, token)) {
        // Trade the one-time URL token for a cookie and drop it from the address bar and history.
        res.writeHead(303, {
          Location: '/',
          'Set-Cookie': `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
          'Cache-Control': 'no-store',
        });
        res.end();
        return;
      }
      if (!sameToken(cookieToken(req), token)) {
        send(res, 401, 'Unauthorized: open the URL printed by `npm run web` (it carries the access token).');
        return;
      }
      serveStatic(req, res, url.pathname);
    })().catch((e: unknown) => {
      if (!res.headersSent) send(res, 500, `Internal error: ${String(e)}`);
      else res.end();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    async close() {
      clearInterval(ping);
      unsubscribe();
      for (const res of eventStreams) res.end();
      eventStreams.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
