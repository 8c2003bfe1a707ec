import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSkipReason, useBrowserSession } from '../support/browser-session';

// The mapping step for sub-meter readings one per row in browser mode: a platform export whose
// headers the documented power format does not know (表计编号, 采集时刻, values in W) is proposed as
// "sub-meter readings, one per row" with the W -> kW scale; the analyst adds the enterprise, saves
// it as a template, and the next export of that header arrives mapped. A one-meter file with no
// device column gets its device typed.

const skipReason = browserSkipReason('import-mapping-power');

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
const value = (page: Page, testId: string) => page.locator(`[data-testid=${testId}]`).inputValue();

const HEADER = '表计编号,采集时刻,有功功率(W),备注';
const METERS = [
  HEADER,
  'M-01,2024-03-01 08:00:00,1500,',
  'M-02,2024-03-01 08:00:00,2250,',
  'M-01,2024-03-01 08:15:00,停电,人工录入',
  'M-02,2024-03-01 08:15:00,2300,',
  'M-03,2024-03-01 08:15:00,800,',
].join('\n');

describe.skipIf(skipReason !== null)('import wizard: sub-meter readings one per row (browser mode)', () => {
  const session = useBrowserSession('analyst-power-long-e2e-', (work) => {
    const meters = path.join(work, 'meters-0301.csv');
    writeFileSync(meters, METERS + '\n');
    const next = path.join(work, 'meters-0302.csv');
    writeFileSync(next, `${HEADER}\nM-01,2024-03-02 08:00:00,1400,\nM-04,2024-03-02 08:00:00,500,\n`);
    const single = path.join(work, 'main-meter.csv');
    writeFileSync(single, '采集时刻,电量(kWh)\n2024-03-01 08:00:00,100.5\n2024-03-01 09:00:00,101.25\n');
    return { meters, next, single };
  });

  it('maps a long power export, saves a template, reuses it, and types the device of a one-meter file', async () => {
    const { page, host, work, fixtures, consoleErrors, foreignRequests } = session;
    await page.goto(host.url);
    await page.fill('[data-testid=case-path]', path.join(work, 'power.duckdb'));
    await page.click('[data-testid=create-case]');
    await page.locator('[data-testid=case-name]').waitFor({ state: 'visible', timeout: 30_000 });

    await page.setInputFiles('[data-testid=import-input]', fixtures.meters);
    const wizard = page.locator('[data-testid=mapping-wizard]');
    await wizard.waitFor({ state: 'visible', timeout: 30_000 });
    // Proposed: sub-meter readings one per row, the device from 表计编号, W read as kW x 0.001.
    expect(await value(page, 'mapping-target')).toBe('power-long');
    expect(await page.locator('[data-testid=mapping-target] option:checked').innerText()).toBe(
      '分表读数（每行一条）',
    );
    expect(await value(page, 'mapping-use-0')).toBe('device_id');
    expect(await value(page, 'mapping-use-1')).toBe('time');
    expect(await value(page, 'mapping-use-2')).toBe('value');
    expect(await value(page, 'mapping-use-3')).toBe('unused');
    expect(await value(page, 'mapping-quantity')).toBe('kw');
    expect(await value(page, 'mapping-value-scale')).toBe('0.001');
    // The device column is chosen, so no device is asked for.
    expect(await page.locator('[data-testid=mapping-device]').count()).toBe(0);
    expect(await page.locator('[data-testid=mapping-problems]').count()).toBe(0);

    // Without a reading column the wizard says what to do and will not import.
    await page.selectOption('[data-testid=mapping-use-2]', 'unused');
    expect(await page.locator('[data-testid=mapping-problems]').innerText()).toContain('请为一列选择“读数”');
    expect(await page.locator('[data-testid=mapping-import]').isDisabled()).toBe(true);
    await page.selectOption('[data-testid=mapping-use-2]', 'value');

    await page.fill('[data-testid=mapping-site]', 'S-钢铁');
    await page.fill('[data-testid=mapping-template-name]', '分表 W');
    expect(await page.locator('[data-testid=mapping-problems]').count()).toBe(0);
    // Keyboard: Ctrl+Enter imports from anywhere in the wizard.
    await page.focus('[data-testid=mapping-site]');
    await page.keyboard.press('Control+Enter');

    await waitForReport(page);
    // Five data rows: one (停电) is quarantined.
    expect(await attr(page, '[data-testid=report-rows-loaded]', 'data-value')).toBe('4');
    expect(await attr(page, '[data-testid=report-rows-rejected]', 'data-value')).toBe('1');
    await poll(() => attr(page, '[data-testid=count-powerReadings]', 'data-value')).toBe('4');
    expect(await attr(page, '[data-testid=count-devices]', 'data-value')).toBe('3');
    expect(await attr(page, '[data-testid=count-quarantine]', 'data-value')).toBe('1');
    expect(await page.locator('[data-testid=file-report]').innerText()).toContain('power-long');
    const templates = JSON.parse(readFileSync(path.join(work, 'host', 'mapping-templates.json'), 'utf8'));
    expect(templates.templates[0]).toMatchObject({
      name: '分表 W',
      mapping: {
        target: 'power-long',
        device: { column: '表计编号' },
        value: { column: '有功功率(W)', quantity: 'kw', scale: 0.001 },
        site: 'S-钢铁',
      },
    });

    // The next day's export: the wizard opens with the template applied.
    await page.click('[data-testid=dismiss-report]');
    await page.setInputFiles('[data-testid=import-input]', fixtures.next);
    await wizard.waitFor({ state: 'visible', timeout: 30_000 });
    expect(await page.locator('[data-testid=mapping-template-used]').innerText()).toContain('分表 W');
    expect(await value(page, 'mapping-site')).toBe('S-钢铁');
    await page.click('[data-testid=mapping-import]');
    await waitForReport(page);
    expect(await attr(page, '[data-testid=report-rows-loaded]', 'data-value')).toBe('2');
    await poll(() => attr(page, '[data-testid=count-powerReadings]', 'data-value')).toBe('6');
    expect(await attr(page, '[data-testid=count-devices]', 'data-value')).toBe('4');

    // A one-meter file names no device: the analyst chooses the target and types it.
    await page.click('[data-testid=dismiss-report]');
    await page.setInputFiles('[data-testid=import-input]', fixtures.single);
    await wizard.waitFor({ state: 'visible', timeout: 30_000 });
    await page.selectOption('[data-testid=mapping-target]', 'power-long');
    expect(await value(page, 'mapping-use-0')).toBe('time');
    await page.selectOption('[data-testid=mapping-use-1]', 'value');
    expect(await page.locator('[data-testid=mapping-problems]').innerText()).toContain('文件中没有设备编号');
    expect(await page.locator('[data-testid=mapping-import]').isDisabled()).toBe(true);
    await page.fill('[data-testid=mapping-device]', '总表');
    await page.selectOption('[data-testid=mapping-quantity]', 'kwh');
    expect(await page.locator('[data-testid=mapping-problems]').count()).toBe(0);
    await page.click('[data-testid=mapping-import]');
    await waitForReport(page);
    expect(await attr(page, '[data-testid=report-rows-loaded]', 'data-value')).toBe('2');
    await poll(() => attr(page, '[data-testid=count-powerReadings]', 'data-value')).toBe('8');
    expect(await attr(page, '[data-testid=count-devices]', 'data-value')).toBe('5');

    // Esc leaves the wizard without importing.
    await page.click('[data-testid=dismiss-report]');
    await page.setInputFiles('[data-testid=import-input]', fixtures.single);
    await wizard.waitFor({ state: 'visible', timeout: 30_000 });
    await page.focus('[data-testid=mapping-target]');
    await page.keyboard.press('Escape');
    await wizard.waitFor({ state: 'hidden', timeout: 10_000 });
    expect(await attr(page, '[data-testid=count-powerReadings]', 'data-value')).toBe('8');

    expect(consoleErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
  }, 180_000);
});
