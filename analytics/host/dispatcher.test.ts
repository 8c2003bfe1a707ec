import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../tests/support/temp-dir';
import { channelNames } from '../api/channels';
import { createAnalytics } from '../service';
import { createDispatcher } from './dispatcher';
import { createInProcessClient } from './in-process-client';

const tempDir = useTempDirs();

describe('contract and dispatcher', () => {
  it('has exactly one handler for every channel, and no handler without a channel', () => {
    const analytics = createAnalytics({ mode: 'test', actor: 't' });
    expect(Object.keys(analytics.handlers).sort()).toEqual([...channelNames].sort());
    for (const name of channelNames) expect(typeof analytics.handlers[name]).toBe('function');
    expect(channelNames.every((n) => /^[a-z]+:[a-zA-Z]+$/.test(n))).toBe(true);
    void analytics.dispose();
  });

  it('rejects unknown channels and invalid requests as values', async () => {
    const analytics = createAnalytics({ mode: 'test', actor: 't' });
    const dispatch = createDispatcher(analytics);
    expect(await dispatch('nope:nothing', {})).toMatchObject({
      ok: false,
      error: { code: 'unknown-channel' },
    });
    expect(await dispatch('case:open', { path: 42 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request', message: expect.stringMatching(/path/) },
    });
    expect(await dispatch('series:window', { seriesId: 1, pixels: 5 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
    expect(await dispatch('series:list', {})).toMatchObject({ ok: false, error: { code: 'no-case-open' } });
    await analytics.dispose();
  });

  // The in-process client validates every response against the contract, so this flow also checks
  // that the handlers' outputs match their schemas.
  it('runs a whole flow in-process: create, import, list, window', async () => {
    const dir = tempDir();
    const csv = path.join(dir, 'x.csv');
    const rows = ['outlet_id,code,time,value,flag'];
    for (let h = 0; h < 5000; h++) {
      const t = new Date(Date.UTC(2024, 0, 1) + h * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
      rows.push(`DX-1,a21002,${t},${(50 + 10 * Math.sin(h / 12)).toFixed(2)},N`);
    }
    (await import('node:fs')).writeFileSync(csv, rows.join('\n'));
    const client = createInProcessClient({ mode: 'test', actor: 't' });
    const events: string[] = [];
    client.analytics.onProgress((e) => events.push(`${e.jobId}:${e.phase}`));
    expect((await client.invoke('case:create', { path: path.join(dir, 'c.duckdb') })).ok).toBe(true);
    const imported = await client.invoke('import:files', { jobId: 'j1', paths: [csv] });
    expect(imported).toMatchObject({ ok: true, value: { rowsLoaded: 5000 } });
    expect(events).toContain('j1:done');
    const list = await client.invoke('series:list', {});
    if (!list.ok) throw new Error(list.error.message);
    expect(list.value).toHaveLength(1);
    expect(list.value[0]).toMatchObject({
      outletId: 'DX-1',
      code: 'a21002',
      count: 5000,
      codeName: '氮氧化物 NOx',
    });
    const win = await client.invoke('series:window', { seriesId: list.value[0]!.seriesId, pixels: 200 });
    if (!win.ok) throw new Error(win.error.message);
    expect(win.value.method).toBe('m4');
    expect(win.value.t.length).toBeLessThanOrEqual(800);
    expect(Math.max(...win.value.v.map(Number))).toBeCloseTo(60, 1);
    expect(Math.min(...win.value.v.map(Number))).toBeCloseTo(40, 1);
    expect(win.value.t[0]).toBe(Date.UTC(2024, 0, 1));
    const summary = await client.invoke('case:summary', {});
    expect(summary).toMatchObject({ ok: true, value: { counts: { readings: 5000, series: 1 } } });
    await client.dispose();
  });
});
