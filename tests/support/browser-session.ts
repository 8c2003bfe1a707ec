import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { hasSharedData, repoRoot } from './shared-data';
import { CHROMIUM, openWatchedPage, type WatchedPage } from './watched-page';
import { startWebHost, type TestWebHost } from './web-host';

/**
 * Why a browser-mode e2e suite cannot run here (printed, then the suite is skipped), or null:
 * Chromium missing, the renderer not built, or (when the suite reads it) ../shared/data absent.
 */
export function browserSkipReason(
  suite: string,
  needs: { readonly sharedData?: boolean } = {},
): string | null {
  const reason = !existsSync(CHROMIUM)
    ? `${CHROMIUM} is missing (apt-get install chromium)`
    : !existsSync(path.join(repoRoot, 'dist', 'renderer', 'index.html'))
      ? 'dist/renderer is not built (npm run build:renderer)'
      : needs.sharedData && !hasSharedData
        ? '../shared/data is absent'
        : null;
  if (reason) console.warn(`[skip] ${suite}: ${reason}`);
  return reason;
}

export interface BrowserSession<F> extends WatchedPage {
  readonly host: TestWebHost;
  /** A temp directory for the suite's files and cases, removed afterwards. */
  readonly work: string;
  /** What `prepare` wrote into `work`. */
  readonly fixtures: F;
}

/**
 * The set-up every browser-mode suite shares, registered as its beforeAll / afterAll: a work
 * directory, the suite's fixtures written into it, the real loopback host with its own data
 * directory, and a watched Chromium page. The fields are there once beforeAll has run, so a test
 * reads them inside `it`.
 */
export function useBrowserSession<F>(prefix: string, prepare: (work: string) => F): BrowserSession<F> {
  const session = {} as { -readonly [K in keyof BrowserSession<F>]: BrowserSession<F>[K] };
  beforeAll(async () => {
    session.work = mkdtempSync(path.join(os.tmpdir(), prefix));
    session.fixtures = prepare(session.work);
    session.host = await startWebHost({ dataDir: path.join(session.work, 'host') });
    Object.assign(session, await openWatchedPage());
  });
  afterAll(async () => {
    // The browser goes first: closing the host under an open page would log refused reconnects.
    await session.browser?.close();
    await session.host?.close();
    if (session.work) rmSync(session.work, { recursive: true, force: true });
  });
  return session;
}
