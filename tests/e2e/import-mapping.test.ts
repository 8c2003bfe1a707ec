import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { sharedData } from '../support/shared-data';
import { browserSkipReason, useBrowserSession } from '../support/browser-session';

// The import wizard's mapping step in browser mode: the Chinese wastewater export matches no
// documented format, so the analyst types the outlet and the code, saves the mapping as a
// template, and the next file with that header arrives with the template already applied.

const skipReason = browserSkipReason('import-mapping', { sharedData: true });

const WASTEWATER = sharedData('wastewater_online_cn', 'kahsolt_water_quality_test.csv');
const poll = <T>(fn: () => Promise<T> | T, timeout = 30_000) => expect.poll(fn, { timeout });
/** Waits for the import report, failing at once with the UI's own text if a notice shows instead. */
async function waitForReport(page: Page): Promise<void> {
  const notice = page.locator('[data-testid=error-banner], [data-testid=info-banner]');
  await page
    .locator('[data-testid=import-report], [data-testid=error-banner], [data-testid=info-banner]')
    .first()
    .waitFor({ state: 'visible', timeout: 60_000 });
  if (await notice.first().isVisible()) throw new Error(`The UI shows: ${await notice.first().innerText()}`);
}

const attr = (page: Page, selector: string, name: string) => page.locator(selector).getAttribute(name);

describe.skipIf(skipReason !== null)('import wizard: mapping step (browser mode)', () => {
  const session = useBrowserSession('analyst-mapping-e2e-', () => null);

  it('maps the wastewater export, saves a template, and reuses it for the next file', async () => {
    const { page, host, work, consoleErrors, foreignRequests } = session;
    await page.goto(host.url);
    await page.fill('[data-testid=case-path]', path.join(work, 'mapping.duckdb'));
    await page.click('[data-testid=create-case]');
    await page.locator('[data-testid=case-name]').waitFor({ state: 'visible', timeout: 30_000 });

    await page.setInputFiles('[data-testid=import-input]', WASTEWATER);
    const wizard = page.locator('[data-testid=mapping-wizard]');
    await wizard.waitFor({ state: 'visible', timeout: 30_000 });
    // The header is recognised (time, value); the outlet and code are what the file lacks.
    expect(await page.locator('[data-testid=mapping-use-0]').inputValue()).toBe('time');
    expect(await page.locator('[data-testid=mapping-use-1]').inputValue()).toBe('value');
    expect(await page.locator('[data-testid=mapping-table] tbody tr').count()).toBe(20);
    const problems = await page.locator('[data-testid=mapping-problems]').innerText();
    expect(problems).toContain('文件中没有排口');
    expect(problems).toContain('文件中没有因子编码');
    expect(await page.locator('[data-testid=mapping-import]').isDisabled()).toBe(true);

    await page.fill('[data-testid=mapping-outlet]', 'CL-W1');
    await page.fill('[data-testid=mapping-code]', '氨氮');
    await page.selectOption('[data-testid=mapping-media]', 'water');
    await page.fill('[data-testid=mapping-template-name]', '常隆 氨氮 小时');
    expect(await page.locator('[data-testid=mapping-problems]').count()).toBe(0);
    // Keyboard: Ctrl+Enter imports from anywhere in the wizard.
    await page.focus('[data-testid=mapping-template-name]');
    await page.keyboard.press('Control+Enter');

    await waitForReport(page);
    // SOURCE.txt: 4,579 rows (18 empty values, stored as NULL readings).
    expect(await attr(page, '[data-testid=report-rows-loaded]', 'data-value')).toBe('4579');
    expect(await attr(page, '[data-testid=report-rows-rejected]', 'data-value')).toBe('0');
    await poll(() => attr(page, '[data-testid=count-readings]', 'data-value')).toBe('4579');
    const templates = JSON.parse(readFileSync(path.join(work, 'host', 'mapping-templates.json'), 'utf8'));
    expect(templates.templates[0]).toMatchObject({
      name: '常隆 氨氮 小时',
      mapping: { outlet: { constant: 'CL-W1' } },
    });

    // Next month's export from the same platform: the wizard opens with the template applied.
    const next = path.join(work, 'next-month.csv');
    writeFileSync(next, 'monitorTime,monitorAvgValue\n2022-11-01 00:00:00,1.1\n2022-11-01 01:00:00,1.2\n');
    await page.click('[data-testid=dismiss-report]');
    await page.setInputFiles('[data-testid=import-input]', next);
    await wizard.waitFor({ state: 'visible', timeout: 30_000 });
    expect(await page.locator('[data-testid=mapping-template-used]').innerText()).toContain('常隆 氨氮 小时');
    expect(await page.locator('[data-testid=mapping-outlet]').inputValue()).toBe('CL-W1');
    await page.click('[data-testid=mapping-import]');
    await waitForReport(page);
    expect(await attr(page, '[data-testid=report-rows-loaded]', 'data-value')).toBe('2');
    await poll(() => attr(page, '[data-testid=count-readings]', 'data-value')).toBe('4581');
    expect(await attr(page, '[data-testid=count-series]', 'data-value')).toBe('1');

    // The platform adds a column: another shape, so nothing is applied until the analyst picks the
    // saved template; its columns are found by name.
    const wider = path.join(work, 'with-remark.csv');
    writeFileSync(wider, 'monitorTime,monitorAvgValue,remark\n2022-12-01 00:00:00,1.3,ok\n');
    await page.click('[data-testid=dismiss-report]');
    await page.setInputFiles('[data-testid=import-input]', wider);
    await wizard.waitFor({ state: 'visible', timeout: 30_000 });
    expect(await page.locator('[data-testid=mapping-template-used]').count()).toBe(0);
    expect(await page.locator('[data-testid=mapping-import]').isDisabled()).toBe(true);
    await page.selectOption('[data-testid=mapping-apply-template]', '常隆 氨氮 小时');
    expect(await page.locator('[data-testid=mapping-outlet]').inputValue()).toBe('CL-W1');
    expect(await page.locator('[data-testid=mapping-use-2]').inputValue()).toBe('unused');
    await page.click('[data-testid=mapping-import]');
    await waitForReport(page);
    await poll(() => attr(page, '[data-testid=count-readings]', 'data-value')).toBe('4582');
    expect(await attr(page, '[data-testid=count-series]', 'data-value')).toBe('1');

    expect(consoleErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
  }, 180_000);
});
