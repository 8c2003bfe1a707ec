import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { contentTypeFor, resolveAppFile } from './app-protocol';
import { CONTENT_SECURITY_POLICY } from './content-security-policy';

/**
 * The `protocol.handle('app', …)` handler: serves the built renderer from `root` with the CSP
 * header. It uses only the Fetch API's Request/Response, so it runs (and is tested) in plain Node.
 */
export function createAppProtocolHandler(root: string): (request: Request) => Promise<Response> {
  const headers = (contentType: string): Record<string, string> => ({
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
  });
  const notFound = () =>
    new Response('Not found', { status: 404, headers: headers('text/plain; charset=utf-8') });

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('Method not allowed', {
        status: 405,
        headers: headers('text/plain; charset=utf-8'),
      });
    }
    // Resolved per request: the renderer may be rebuilt (or first built) while the app runs.
    const base = await realpath(path.resolve(root)).catch(() => null);
    const file = base === null ? null : resolveAppFile(base, request.url);
    if (base === null || file === null) return notFound();
    try {
      // A symlink inside dist/renderer must not lead outside it either.
      const real = await realpath(file);
      if (!real.startsWith(base + path.sep) || !(await stat(real)).isFile()) return notFound();
      const body = request.method === 'HEAD' ? null : new Uint8Array(await readFile(real));
      return new Response(body, { status: 200, headers: headers(contentTypeFor(real)) });
    } catch {
      return notFound();
    }
  };
}
