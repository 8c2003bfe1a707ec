import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY as BROWSER_MODE_CSP } from '../../analytics/host/http-host';
import { APP_ENTRY_URL, contentTypeFor, isAppUrl, resolveAppFile } from '../../electron/main/app-protocol';
import { createAppProtocolHandler } from '../../electron/main/app-protocol-handler';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/content-security-policy';
import {
  isAllowedNavigation,
  isAllowedRequestUrl,
  isTrustedSender,
  type IpcSender,
} from '../../electron/main/security-policy';

// The security decisions of the desktop shell, tested without Electron (they are pure, or use only
// the Fetch API and the file system).

describe('isAppUrl', () => {
  it('accepts our origin only', () => {
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
    expect(isAppUrl('app://app/assets/index-abc.js')).toBe(true);
    expect(isAppUrl('app://app')).toBe(true);
    for (const url of [
      'app://evil/index.html',
      'app://app.evil/index.html',
      'app://app:8080/index.html',
      'http://app/index.html',
      'https://example.com/',
      'file:///etc/passwd',
      'devtools://devtools/bundled/inspector.html',
      'not a url',
      '',
    ]) {
      expect(isAppUrl(url), url).toBe(false);
    }
  });
});

describe('resolveAppFile', () => {
  const root = '/opt/app/dist/renderer';

  it('maps app:// paths to files under the root, / to index.html', () => {
    expect(resolveAppFile(root, 'app://app/')).toBe('/opt/app/dist/renderer/index.html');
    expect(resolveAppFile(root, 'app://app')).toBe('/opt/app/dist/renderer/index.html');
    expect(resolveAppFile(root, 'app://app/assets/a%20b.js?v=1#x')).toBe(
      '/opt/app/dist/renderer/assets/a b.js',
    );
    expect(resolveAppFile(root, 'app://app/fonts/%E6%80%9D%E6%BA%90.woff2')).toBe(
      '/opt/app/dist/renderer/fonts/思源.woff2',
    );
  });

  it('refuses traversal, foreign hosts, NUL bytes and malformed escapes', () => {
    for (const url of [
      'app://app/../../../etc/passwd',
      'app://app/%2e%2e/%2e%2e/etc/passwd',
      'app://app/..%2f..%2f..%2fetc%2fpasswd',
      'app://app/assets/..%2F..%2F..%2Fsecret',
      'app://app/%2e%2e%2f%2e%2e%2fsecret',
      'app://app/index.html%00.png',
      'app://app/%E0%A4%A',
      'app://other/index.html',
      'file:///opt/app/dist/renderer/index.html',
    ]) {
      const file = resolveAppFile(root, url);
      expect(file === null || file.startsWith(`${root}/`), `${url} -> ${file}`).toBe(true);
    }
    expect(resolveAppFile(root, 'app://app/..%2f..%2fsecret')).toBeNull();
    expect(resolveAppFile(root, 'app://app/index.html%00.png')).toBeNull();
    expect(resolveAppFile(root, 'app://app/%E0%A4%A')).toBeNull();
    expect(resolveAppFile(root, 'app://other/index.html')).toBeNull();
    // The root itself is not a file to serve.
    expect(resolveAppFile(root, 'app://app/.')).toBe(`${root}/index.html`);
  });

  it('refuses Windows separators and drive paths on win32', () => {
    const winRoot = 'C:\\Program Files\\Workstation\\resources\\renderer';
    expect(resolveAppFile(winRoot, 'app://app/assets/x.js', path.win32)).toBe(`${winRoot}\\assets\\x.js`);
    for (const url of [
      'app://app/..%5C..%5C..%5CWindows%5Cwin.ini',
      'app://app/assets%5C..%5C..%5C..%5Csecret',
      'app://app/C:%5CWindows%5Cwin.ini',
      'app://app/%5C%5Cserver%5Cshare%5Cx',
    ]) {
      const file = resolveAppFile(winRoot, url, path.win32);
      expect(file === null || file.startsWith(`${winRoot}\\`), `${url} -> ${file}`).toBe(true);
    }
    expect(resolveAppFile(winRoot, 'app://app/..%5C..%5Csecret', path.win32)).toBeNull();
  });
});

describe('isTrustedSender', () => {
  const ours: IpcSender = { webContentsId: 7, frameUrl: 'app://app/index.html', isMainFrame: true };

  it('trusts the top frame of our window on our origin', () => {
    expect(isTrustedSender(ours, 7)).toBe(true);
    expect(isTrustedSender({ ...ours, frameUrl: 'app://app/#/findings' }, 7)).toBe(true);
  });

  it('refuses other windows, iframes, foreign or unknown origins, and the no-window state', () => {
    expect(isTrustedSender({ ...ours, webContentsId: 8 }, 7)).toBe(false);
    expect(isTrustedSender({ ...ours, isMainFrame: false }, 7)).toBe(false);
    expect(isTrustedSender({ ...ours, frameUrl: 'https://evil.example/' }, 7)).toBe(false);
    expect(isTrustedSender({ ...ours, frameUrl: 'file:///tmp/x.html' }, 7)).toBe(false);
    expect(isTrustedSender({ ...ours, frameUrl: 'app://evil/index.html' }, 7)).toBe(false);
    expect(isTrustedSender({ ...ours, frameUrl: null }, 7)).toBe(false);
    expect(isTrustedSender(ours, null)).toBe(false);
  });
});

describe('isAllowedRequestUrl', () => {
  it('allows only local, in-memory and DevTools URLs', () => {
    for (const url of [
      'app://app/index.html',
      'app://app/assets/chunk.js',
      'data:image/png;base64,AAAA',
      'blob:app://app/5b1e6c1e-0000-4000-8000-000000000000',
      'devtools://devtools/bundled/devtools_app.html',
    ]) {
      expect(isAllowedRequestUrl(url), url).toBe(true);
    }
  });

  it('blocks every network and file request', () => {
    for (const url of [
      'https://example.com/',
      'http://127.0.0.1:5173/',
      'http://localhost/',
      'ws://127.0.0.1:9222/',
      'wss://example.com/socket',
      'ftp://example.com/x',
      'file:///etc/passwd',
      'chrome-extension://abc/x.js',
      'app://evil/x.js',
      'not a url',
    ]) {
      expect(isAllowedRequestUrl(url), url).toBe(false);
    }
  });
});

describe('isAllowedNavigation', () => {
  it('stays on app://app', () => {
    expect(isAllowedNavigation('app://app/index.html')).toBe(true);
    expect(isAllowedNavigation('https://example.com/')).toBe(false);
    expect(isAllowedNavigation('file:///etc/passwd')).toBe(false);
    expect(isAllowedNavigation('javascript:alert(1)')).toBe(false);
  });
});

describe('content security policy', () => {
  it('is the browser-mode policy (the desktop copy exists only to keep DuckDB out of main)', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(BROWSER_MODE_CSP);
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
  });
});

describe('app protocol handler', () => {
  let dir: string;
  let root: string;
  let handler: (request: Request) => Promise<Response>;

  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'analyst-app-protocol-'));
    root = path.join(dir, 'renderer');
    mkdirSync(path.join(root, 'assets'), { recursive: true });
    writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>工作站</title>');
    writeFileSync(path.join(root, 'assets', 'main.js'), 'console.log(1)');
    writeFileSync(path.join(dir, 'secret.txt'), 'outside the renderer');
    try {
      symlinkSync(path.join(dir, 'secret.txt'), path.join(root, 'assets', 'link.txt'));
    } catch {
      // Windows without symlink rights: the symlink case below then sees a plain 404.
    }
    handler = createAppProtocolHandler(root);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serves index.html and assets with the CSP and a content type', async () => {
    const index = await handler(new Request('app://app/'));
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(index.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await index.text()).toContain('工作站');

    const script = await handler(new Request('app://app/assets/main.js'));
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('answers 404 for traversal, missing files, directories and symlinks leaving the root', async () => {
    for (const url of [
      'app://app/..%2fsecret.txt',
      'app://app/assets/..%2f..%2fsecret.txt',
      'app://app/missing.js',
      'app://app/assets',
      'app://app/assets/link.txt',
      'app://other/index.html',
    ]) {
      const res = await handler(new Request(url));
      expect(res.status, url).toBe(404);
      expect(await res.text()).not.toContain('outside the renderer');
    }
  });

  it('refuses methods other than GET and HEAD', async () => {
    const res = await handler(new Request('app://app/index.html', { method: 'POST', body: 'x' }));
    expect(res.status).toBe(405);
    const head = await handler(new Request('app://app/index.html', { method: 'HEAD' }));
    expect(head.status).toBe(200);
  });

  it('answers 404 while the renderer is not built', async () => {
    const res = await createAppProtocolHandler(path.join(dir, 'not-built'))(new Request(APP_ENTRY_URL));
    expect(res.status).toBe(404);
  });

  it('gives module scripts a JavaScript type', () => {
    expect(contentTypeFor('x/INDEX.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('x/font.woff2')).toBe('font/woff2');
    expect(contentTypeFor('x/unknown.bin')).toBe('application/octet-stream');
  });
});
