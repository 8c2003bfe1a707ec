import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian Chromium, the browser every e2e test drives. */
export const CHROMIUM = '/usr/bin/chromium';

export interface WatchedPage {
  readonly browser: Browser;
  readonly page: Page;
  /** Console errors and uncaught page errors seen so far. */
  readonly consoleErrors: string[];
  /** Requests to anything but 127.0.0.1 (data: and blob: URLs are in memory and allowed). */
  readonly foreignRequests: string[];
}

/** Launch Chromium headless (offline-safe flags) and open a page that records errors and foreign requests. */
export async function openWatchedPage(): Promise<WatchedPage> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  const consoleErrors: string[] = [];
  const foreignRequests: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (url.protocol !== 'data:' && url.protocol !== 'blob:' && url.hostname !== '127.0.0.1') {
      foreignRequests.push(req.url());
    }
  });
  return { browser, page, consoleErrors, foreignRequests };
}
