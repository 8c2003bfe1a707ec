import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSkipReason, useBrowserSession } from '../support/browser-session';

// Browser mode end to end: Debian Chromium drives the built renderer (dist/renderer) served by the
// real loopback host. Run `npm run build:renderer` first. The assertions are on the DATA the UI
// shows (report numbers, the chart's data attributes), not on pixels.

const skipReason = browserSkipReason('web-app');

const HOUR = 3_600_000;
const T0 = Date.UTC(2024, 2, 1, 0, 0, 0); // 2024-03-01 00:00:00 wall time, read as UTC
const ROWS = 200;
const OUTLETS = ['E2E-OUT-1', 'E2E-OUT-2'];
const CODES = ['a21026', 'a21002'];

const pad = (n: number) => String(n).padStart(2, '0');
const wallTime = (ms: number) => {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:00`;
};

/** A deterministic value per series and hour, with one planted minimum and maximum per series. */
function value(outlet: number, code: number, i: number): number {
  if (i === 37 + outlet * 10 + code) return 1.25 + outlet + code; // planted minimum
  if (i === 150 - outlet * 10 - code) return 900.5 + outlet * 10 + code; // planted maximum
  return 20 + outlet * 5 + code * 2 + (i % 17) * 0.5;
}

interface Fixture {
  readonly file: string;
  readonly sha256: string;
  /** File line (1 = header) of each deliberately bad row. */
  readonly badLines: readonly number[];
}

/** Long-format CSV: 2 outlets × 2 codes × 200 hourly rows, plus 2 rows the importer must reject. */
function writeLongCsv(dir: string): Fixture {
  const lines = ['outlet_id,code,time,value,flag'];
  const badLines: number[] = [];
  OUTLETS.forEach((outlet, o) =>
    CODES.forEach((code, c) => {
      for (let i = 0; i < ROWS; i++)
        lines.push(`${outlet},${code},${wallTime(T0 + i * HOUR)},${value(o, c, i)},N`);
      if (o === 0 && c === 1) {
        lines.push(`${outlet},${code},${wallTime(T0 + ROWS * HOUR)},abc,N`);
        badLines.push(lines.length);
      }
    }),
  );
  lines.push(`E2E-OUT-2,a21026,not-a-time,12.5,N`);
  badLines.push(lines.length);
  const file = path.join(dir, 'e2e-long.csv');
  const text = `${lines.join('\r\n')}\r\n`;
  writeFileSync(file, text);
  return { file, sha256: createHash('sha256').update(text).digest('hex'), badLines };
}

/** Waits for `selector`, failing at once with the UI's own error text if an error banner shows instead. */
async function waitForOrBanner(page: Page, selector: string, timeout = 30_000): Promise<void> {
  const banner = page.locator('[data-testid=error-banner]');
  await page
    .locator(`${selector}, [data-testid=error-banner]`)
    .first()
    .waitFor({ state: 'visible', timeout });
  if (await banner.isVisible()) {
    await banner.locator('summary').click();
    throw new Error(`The UI shows an error: ${await banner.innerText()}`);
  }
}

/** vitest's expect.poll gives up after 1 s; a busy CI machine needs longer for a DuckDB round trip. */
const poll = <T>(fn: () => Promise<T> | T, timeout = 15_000) => expect.poll(fn, { timeout });

async function attr(page: Page, selector: string, name: string): Promise<string | null> {
  return page.locator(selector).getAttribute(name);
}

describe.skipIf(skipReason !== null)('web app (browser mode)', () => {
  const session = useBrowserSession('analyst-web-e2e-', writeLongCsv);

  it('creates a case, imports a CSV, charts a series, zooms, and switches language', async () => {
    const { page, host, work, consoleErrors, foreignRequests, fixtures: fixture } = session;
    await page.goto(host.url);
    await poll(() => page.locator('[data-testid=start-heading]').textContent()).toBe('打开或新建案件');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');

    // A path without .duckdb is refused in the UI, before reaching the host.
    const casePath = path.join(work, 'e2e-case.duckdb');
    await page.fill('[data-testid=case-path]', path.join(work, 'e2e-case'));
    await page.click('[data-testid=create-case]');
    await poll(() => page.locator('[data-testid=case-path-hint]').textContent()).toContain('.duckdb');

    await page.fill('[data-testid=case-path]', casePath);
    await page.click('[data-testid=create-case]');
    await waitForOrBanner(page, '[data-testid=case-name]');
    expect(await page.locator('[data-testid=case-path-shown]').textContent()).toBe(casePath);
    expect(existsSync(casePath)).toBe(true);

    // Import through the file input, as an analyst picking a file does.
    await page.setInputFiles('[data-testid=import-input]', fixture.file);
    await waitForOrBanner(page, '[data-testid=import-report]', 60_000);
    expect(await attr(page, '[data-testid=report-rows-loaded]', 'data-value')).toBe(String(4 * ROWS));
    expect(await attr(page, '[data-testid=report-rows-rejected]', 'data-value')).toBe('2');
    const summaryText = await page.locator('[data-testid=report-summary]').textContent();
    expect(summaryText).toContain('入库 800 行');
    expect(summaryText).toContain('拒绝 2 行');
    expect(await attr(page, '[data-testid=file-report]', 'data-status')).toBe('imported');
    const rejected = page.locator('[data-testid=rejected-sample] tbody tr');
    expect(await rejected.count()).toBe(2);
    const rejectedText = (await rejected.allTextContents()).join('\n');
    expect(rejectedText).toContain('数值无法识别：abc');
    expect(rejectedText).toContain('时间无法识别：not-a-time');
    const rejectedRows = (
      await page.locator('[data-testid=rejected-sample] tbody tr td:first-child').allTextContents()
    )
      .map(Number)
      .sort((a, b) => a - b);
    // Row numbers are lines of the file (the header is line 1), so the analyst can find them in an editor.
    expect(rejectedRows).toEqual(fixture.badLines);

    // Case summary and sources table are refreshed after the import.
    await poll(() => attr(page, '[data-testid=count-readings]', 'data-value')).toBe(String(4 * ROWS));
    expect(await attr(page, '[data-testid=count-series]', 'data-value')).toBe('4');
    const source = page.locator('[data-testid=source-row]');
    expect(await source.count()).toBe(1);
    expect(await source.locator('td').first().textContent()).toBe('e2e-long.csv');
    expect(await source.locator(`td[title="${fixture.sha256}"]`).textContent()).toBe(
      `${fixture.sha256.slice(0, 12)}…`,
    );

    // Choose outlet 2, code a21002: the statistic defaults to its only one (avg).
    await page.selectOption('[data-testid=series-outlet]', 'E2E-OUT-2');
    await page.selectOption('[data-testid=series-code]', 'a21002');
    const seriesId = await page.locator('[data-testid=series-stat]').inputValue();
    const chart = '[data-testid=series-chart]';
    await poll(() => attr(page, chart, 'data-series-id'), 30_000).toBe(seriesId);
    await poll(() => attr(page, chart, 'data-loading')).toBe('false');
    const values = Array.from({ length: ROWS }, (_, i) => value(1, 1, i));
    expect(await attr(page, chart, 'data-method')).toBe('raw');
    expect(await attr(page, chart, 'data-point-count')).toBe(String(ROWS));
    expect(await attr(page, chart, 'data-raw-count')).toBe(String(ROWS));
    expect(Number(await attr(page, chart, 'data-min-v'))).toBe(Math.min(...values));
    expect(Number(await attr(page, chart, 'data-max-v'))).toBe(Math.max(...values));
    expect(Number(await attr(page, chart, 'data-first-t'))).toBe(T0);
    expect(Number(await attr(page, chart, 'data-last-t'))).toBe(T0 + (ROWS - 1) * HOUR);
    expect(await page.locator('[data-testid=series-info]').textContent()).toContain('2024-03-01 00:00:00');

    // Zoom in from the keyboard: the chart re-queries series:window for the visible range only.
    await page.focus(chart);
    await page.keyboard.press('+');
    await poll(() => attr(page, chart, 'data-from'), 10_000).not.toBeNull();
    await poll(() => attr(page, chart, 'data-loading')).toBe('false');
    const from = Number(await attr(page, chart, 'data-from'));
    const to = Number(await attr(page, chart, 'data-to'));
    const inRange = Array.from({ length: ROWS }, (_, i) => T0 + i * HOUR).filter((t) => t >= from && t <= to);
    expect(inRange.length).toBeGreaterThan(80);
    expect(inRange.length).toBeLessThan(120);
    expect(await attr(page, chart, 'data-point-count')).toBe(String(inRange.length));
    expect(Number(await attr(page, chart, 'data-first-t'))).toBe(inRange[0]);
    expect(Number(await attr(page, chart, 'data-last-t'))).toBe(inRange[inRange.length - 1]);
    await page.keyboard.press('0');
    await poll(() => attr(page, chart, 'data-from')).toBeNull();
    await poll(() => attr(page, chart, 'data-point-count')).toBe(String(ROWS));

    const screenshot = process.env['RENDERER_SCREENSHOT'];
    if (screenshot) {
      mkdirSync(path.dirname(screenshot), { recursive: true });
      await page.screenshot({ path: screenshot, fullPage: true });
    }

    // Language: English and back; the choice survives a reload, and so does the open case.
    const heading = page.locator('#series-heading');
    expect(await heading.textContent()).toBe('监测序列');
    await page.click('[data-testid=language-switch]');
    await poll(() => heading.textContent()).toBe('Monitoring series');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en-US');
    expect(await page.locator('[data-testid=import-button]').textContent()).toBe('Import data…');
    await page.reload();
    await poll(() => page.locator('#series-heading').textContent(), 15_000).toBe('Monitoring series');
    expect(await page.locator('[data-testid=case-name]').textContent()).toBe('e2e-case');
    await page.click('[data-testid=language-switch]');
    await poll(() => page.locator('#series-heading').textContent()).toBe('监测序列');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');

    expect(consoleErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
    // Sanity: the fixture really was read from disk by the host, byte for byte.
    expect(createHash('sha256').update(readFileSync(fixture.file)).digest('hex')).toBe(fixture.sha256);
  });
});
