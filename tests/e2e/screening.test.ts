import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { exceedance } from '../../analytics/rules/exceedance/exceedance.rule';
import { flatline } from '../../analytics/rules/flatline/flatline.rule';
import { browserSkipReason, useBrowserSession } from '../support/browser-session';

// Screening end to end in browser mode: import a registry and a long-format export with a planted
// flatline and a planted exceedance, screen from the UI, and check what the findings table, the
// finding detail (evidence, chart window), the ranking and the rule reference show. Run
// `npm run build:renderer` first. Assertions are on data attributes and text, not pixels.

const skipReason = browserSkipReason('screening');

const HOUR = 3_600_000;
const T0 = Date.UTC(2024, 2, 1, 0, 0, 0); // 2024-03-01 00:00:00 wall time, read as UTC
const HOURS = 48;
const SITE = 'E2E-SITE';
const OUTLET = 'F1';
/** SO2 hours 19..28 hold exactly this value: 10 identical hourly means while the rest vary. */
const FLAT = { code: 'a21026', from: 19, hours: 10, value: 25.31 };
/** NOx converted hourly means above the registry's limit for hours 30..32. */
const OVER = { code: 'a21002', from: 30, hours: 3, limit: 100 };

const pad = (n: number) => String(n).padStart(2, '0');
const wallTime = (ms: number) => {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:00`;
};

/** SO2 hourly mean: neighbours always differ (the step is never a multiple of 13), except the flatline. */
function so2(i: number): string {
  if (i >= FLAT.from && i < FLAT.from + FLAT.hours) return FLAT.value.toFixed(2);
  return (20 + ((i * 7) % 13) * 0.37 + i * 0.01).toFixed(2);
}

/** NOx converted mean: 40–63 mg/m³, and 180–182 during the planted exceedance. */
function nox(i: number): string {
  if (i >= OVER.from && i < OVER.from + OVER.hours) return (150 + i).toFixed(2);
  return (40 + ((i * 5) % 11) * 2.3).toFixed(2);
}

interface Fixtures {
  readonly registry: string;
  readonly monitoring: string;
  readonly sha256: readonly string[];
}

function writeFixtures(dir: string): Fixtures {
  const registryText = `site_id,outlet_id,mn,media,limit_a21002\r\n${SITE},${OUTLET},88888880000001,gas,${OVER.limit}\r\n`;
  const lines = ['outlet_id,code,time,value,flag,stat'];
  for (let i = 0; i < HOURS; i++)
    lines.push(`${OUTLET},${FLAT.code},${wallTime(T0 + i * HOUR)},${so2(i)},N,avg`);
  for (let i = 0; i < HOURS; i++)
    lines.push(`${OUTLET},${OVER.code},${wallTime(T0 + i * HOUR)},${nox(i)},N,zsavg`);
  const monitoringText = `${lines.join('\r\n')}\r\n`;
  const registry = path.join(dir, 'registry.csv');
  const monitoring = path.join(dir, 'monitoring.csv');
  writeFileSync(registry, registryText);
  writeFileSync(monitoring, monitoringText);
  const sha = (text: string) => createHash('sha256').update(text).digest('hex');
  return { registry, monitoring, sha256: [sha(registryText), sha(monitoringText)].sort() };
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

const row = (ruleId: string) =>
  `[data-testid=finding-row][data-rule-id="${ruleId}"][data-outlet-id="${OUTLET}"]`;

describe.skipIf(skipReason !== null)('screening (browser mode)', () => {
  const session = useBrowserSession('analyst-screening-e2e-', writeFixtures);

  it('screens an imported case and shows findings, evidence, the ranking and the rules', async () => {
    const { page, host, work, consoleErrors, foreignRequests, fixtures: fixtures } = session;
    const screenshots = process.env['SCREENING_SCREENSHOTS'];
    const shoot = async (name: string) => {
      if (!screenshots) return;
      mkdirSync(screenshots, { recursive: true });
      await page.screenshot({ path: path.join(screenshots, `${name}.png`), fullPage: true });
    };

    await page.goto(host.url);
    await page.fill('[data-testid=case-path]', path.join(work, 'screening.duckdb'));
    await page.click('[data-testid=create-case]');
    await waitForOrBanner(page, '[data-testid=case-name]');

    await page.setInputFiles('[data-testid=import-input]', [fixtures.registry, fixtures.monitoring]);
    await waitForOrBanner(page, '[data-testid=import-report]', 60_000);
    expect(await page.locator('[data-testid=file-report][data-status=imported]').count()).toBe(2);
    expect(await page.getAttribute('[data-testid=report-rows-loaded]', 'data-value')).toBe(
      String(1 + 2 * HOURS),
    );

    // Screen with the keyboard shortcut the button advertises.
    expect(await page.getAttribute('[data-testid=screen-button]', 'title')).toContain('Ctrl+Enter');
    await page.keyboard.press('Control+Enter');
    await waitForOrBanner(page, '[data-testid=screening-report]', 60_000);
    await poll(() => page.locator('[data-testid=job-progress]').count()).toBe(0);
    const ruleRow = (id: string) => page.locator(`[data-testid=screening-rule-row][data-rule-id="${id}"]`);
    // A first screening builds the shared tables it keeps in the case for the next one.
    expect(Number(await page.getAttribute('[data-testid=screening-passes]', 'data-built'))).toBeGreaterThan(
      0,
    );
    expect(Number(await ruleRow('flatline').getAttribute('data-findings'))).toBeGreaterThanOrEqual(1);
    expect(Number(await ruleRow('exceedance').getAttribute('data-findings'))).toBeGreaterThanOrEqual(1);
    expect(await ruleRow('flatline').textContent()).toContain(flatline.title.zh);

    // The run opens the findings view, and the URL says so.
    await waitForOrBanner(page, row('flatline'));
    expect(new URL(page.url()).hash).toBe('#findings');
    const flat = page.locator(row('flatline'));
    expect(await flat.count()).toBe(1);
    expect(await flat.getAttribute('data-code')).toBe(FLAT.code);
    expect(await flat.getAttribute('data-site-id')).toBe(SITE);
    expect(await flat.getAttribute('data-start')).toBe(wallTime(T0 + FLAT.from * HOUR));
    // A finding's end is the end of its last hour.
    expect(await flat.getAttribute('data-end')).toBe(wallTime(T0 + (FLAT.from + FLAT.hours) * HOUR));
    expect(await flat.locator('td').nth(1).textContent()).toBe(flatline.title.zh);
    const over = page.locator(row('exceedance'));
    expect(await over.count()).toBe(1);
    expect(await over.getAttribute('data-code')).toBe(OVER.code);
    expect(await over.getAttribute('data-start')).toBe(wallTime(T0 + OVER.from * HOUR));
    expect(await over.getAttribute('data-end')).toBe(wallTime(T0 + (OVER.from + OVER.hours) * HOUR));

    // Open the flatline finding from the keyboard: ↓ to its row, Enter.
    const ids = await page
      .locator('[data-testid=finding-row]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-finding-id')));
    const flatId = await flat.getAttribute('data-finding-id');
    await page.focus('[data-testid=findings-table]');
    for (let i = 0; i < ids.indexOf(flatId); i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const detail = page.locator('[data-testid=finding-detail]');
    await waitForOrBanner(page, '[data-testid=finding-detail]');
    expect(await detail.getAttribute('data-finding-id')).toBe(flatId);
    expect(await page.locator('[data-testid=finding-rule-title]').textContent()).toBe(flatline.title.zh);
    expect(await detail.textContent()).toContain(flatline.legalBasis.zh);
    expect(await detail.textContent()).toContain(flatline.rationale.zh);

    // Evidence: 10 identical hours of 25.31.
    const evidence = (key: string) => page.locator(`[data-testid=evidence-row][data-key="${key}"]`);
    expect(await evidence('hours').getAttribute('data-value')).toBe(String(FLAT.hours));
    expect(await evidence('hours').locator('td').textContent()).toBe(String(FLAT.hours));
    expect(Number(await evidence('value').getAttribute('data-value'))).toBe(FLAT.value);
    expect(await page.getAttribute('[data-testid=finding-param][data-name=min_hours]', 'data-value')).toBe(
      '6',
    );
    const hashes = await page
      .locator('[data-testid=finding-inputs] [data-hash]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('title')));
    expect([...hashes].sort()).toEqual(fixtures.sha256);

    // The chart shows the flagged SO2 series around the finding, with the finding's window shaded.
    const chart = '[data-testid=finding-chart]';
    await poll(() => page.getAttribute(chart, 'data-loading'), 30_000).toBe('false');
    const windowFrom = T0 + FLAT.from * HOUR;
    const windowTo = T0 + (FLAT.from + FLAT.hours) * HOUR;
    expect(Number(await page.getAttribute(chart, 'data-highlight-from'))).toBe(windowFrom);
    expect(Number(await page.getAttribute(chart, 'data-highlight-to'))).toBe(windowTo);
    // Zoomed to the window with its own length as margin on both sides.
    const margin = FLAT.hours * HOUR;
    expect(Number(await page.getAttribute(chart, 'data-from'))).toBe(windowFrom - margin);
    expect(Number(await page.getAttribute(chart, 'data-to'))).toBe(windowTo + margin);
    expect(Number(await page.getAttribute(chart, 'data-first-t'))).toBe(windowFrom - margin);
    expect(Number(await page.getAttribute(chart, 'data-last-t'))).toBe(windowTo + margin);
    expect(Number(await page.getAttribute(chart, 'data-min-v'))).toBeLessThan(FLAT.value);
    await shoot('findings');

    // Ranking (Alt+4): the site, with both rules as reasons; clicking it filters the findings.
    await page.keyboard.press('Alt+4');
    expect(new URL(page.url()).hash).toBe('#ranking');
    await waitForOrBanner(page, `[data-testid=ranking-row][data-site-id="${SITE}"]`);
    const rank = page.locator(`[data-testid=ranking-row][data-site-id="${SITE}"]`);
    const reasons = await rank
      .locator('[data-testid=ranking-reason]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-rule-id')));
    expect(reasons).toEqual(expect.arrayContaining(['flatline', 'exceedance']));
    expect(await rank.locator('[data-testid=ranking-source]').first().getAttribute('data-source')).toBe(
      'cems',
    );
    await shoot('ranking');
    await rank.locator('[data-testid=ranking-open]').click();
    expect(new URL(page.url()).hash).toBe('#findings');
    expect(await page.locator('[data-testid=filter-site]').inputValue()).toBe(SITE);
    await poll(() => page.locator('[data-testid=finding-row]').count()).toBeGreaterThanOrEqual(2);
    const sites = await page
      .locator('[data-testid=finding-row]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-site-id')));
    expect(new Set(sites)).toEqual(new Set([SITE]));

    // Rule reference (Alt+5), searchable; the tab survives a reload.
    await page.keyboard.press('Alt+5');
    await waitForOrBanner(page, '[data-testid=rule-card][data-rule-id=flatline]');
    await shoot('rules');
    await page.fill('[data-testid=rules-search]', 'min_hours_batch');
    await poll(() => page.locator('[data-testid=rule-card][data-rule-id=exceedance]').count()).toBe(0);
    expect(await page.locator('[data-testid=rule-card][data-rule-id=flatline]').count()).toBe(1);
    await page.reload();
    await waitForOrBanner(page, '[data-testid=rules-view]');
    expect(new URL(page.url()).hash).toBe('#rules');

    // English: rule titles come from the catalog in the current language.
    await page.click('[data-testid=language-switch]');
    await poll(() => page.locator('#rules-heading').textContent()).toBe('Rule reference');
    expect(
      await page
        .locator('[data-testid=rule-card][data-rule-id=exceedance] [data-testid=rule-title]')
        .textContent(),
    ).toBe(exceedance.title.en);
    await page.keyboard.press('Alt+3');
    await waitForOrBanner(page, row('flatline'));
    expect(await page.locator(row('flatline')).locator('td').nth(1).textContent()).toBe(flatline.title.en);
    expect(await page.locator('[data-testid=tab-findings]').textContent()).toContain('Findings');

    expect(consoleErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
  });
});
