import path from 'node:path';

/**
 * The renderer is served from `app://app/…` rather than `file://`: a standard, secure scheme gives
 * the page a real origin (so 'self' in the CSP and the sender check mean something) and reaches
 * only the files under dist/renderer. Pure functions; the handler lives in app-protocol-handler.ts.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * True when `url` is on our origin. Compares scheme and host instead of `URL.origin`, which is
 * 'null' for non-special schemes in Node's URL parser.
 */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === `${APP_SCHEME}:` && parsed.hostname === APP_HOST && parsed.port === '';
}

/**
 * The file under `root` that an `app://` URL names, or null when the URL is not ours, is malformed,
 * or would leave `root` (`..`, encoded separators, absolute or drive paths, NUL bytes).
 */
export function resolveAppFile(
  root: string,
  url: string,
  platformPath: path.PlatformPath = path,
): string | null {
  if (!isAppUrl(url)) return null;
  let rel: string;
  try {
    rel = decodeURIComponent(new URL(url).pathname);
  } catch {
    return null;
  }
  if (rel.includes('\0')) return null;
  if (rel === '' || rel === '/') rel = '/index.html';
  const base = platformPath.resolve(root);
  const file = platformPath.resolve(base, `.${rel}`);
  return file.startsWith(base + platformPath.sep) ? file : null;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
};

/** Module scripts are refused without a JavaScript type, so every served file gets an explicit one. */
export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}
