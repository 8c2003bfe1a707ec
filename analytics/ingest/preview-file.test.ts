import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasSharedData, sharedData } from '../../tests/support/shared-data';
import { useTempDirs } from '../../tests/support/temp-dir';
import type { ChannelName, RequestOf, ResponseOf } from '../api/channels';
import { createInProcessClient } from '../host/in-process-client';

const tempDir = useTempDirs();

async function withClient(run: (call: Call, dir: string) => Promise<void>) {
  const dir = tempDir();
  const client = createInProcessClient({
    mode: 'test',
    actor: 't',
    templatesFile: path.join(dir, 'data', 'mapping-templates.json'),
  });
  const call: Call = async (channel, request) => {
    const r = await client.invoke(channel, request);
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
    return r.value;
  };
  try {
    await run(call, dir);
  } finally {
    await client.dispose();
  }
}
type Call = <C extends ChannelName>(channel: C, request: RequestOf<C>) => Promise<ResponseOf<C>>;

describe('import:preview', () => {
  it('a documented export is recognised with no mapping and its columns named', async () => {
    await withClient(async (call, dir) => {
      const file = path.join(dir, 'long.csv');
      writeFileSync(file, 'outlet_id,code,time,value,remark\nP1,a21026,2021-10-07 18:00:00,1.5,x\n');
      const p = await call('import:preview', { path: file });
      expect(p).toMatchObject({
        container: 'delimited',
        delimiter: ',',
        documentedFormat: 'monitoring-long',
        draft: null,
      });
      expect(p.columns.map((c) => c.use)).toEqual(['outlet_id', 'code', 'time', 'value', 'unused']);
      expect(p.rows).toEqual([['P1', 'a21026', '2021-10-07 18:00:00', '1.5', 'x']]);
    });
  });

  it('a Chinese header names the code; a missing time column is reported with what to do', async () => {
    await withClient(async (call, dir) => {
      const file = path.join(dir, 'zh.csv');
      writeFileSync(file, '监测时间,氨氮\n2021-01-02 02:00:00,1.5\n');
      const p = await call('import:preview', { path: file });
      expect(p.draft).toEqual({
        target: 'monitoring-long',
        time: { column: '监测时间' },
        value: { column: '氨氮' },
        code: { constant: 'w21003' },
      });
      expect(p.problems.map((x) => x.field)).toEqual(['outlet']);

      const noTime = path.join(dir, 'notime.csv');
      writeFileSync(noTime, 'a,b\nx,1\ny,2\n');
      const q = await call('import:preview', { path: noTime });
      expect(q.problems.find((x) => x.code === 'no-time-column')?.message).toMatch(/choose the time column/);
    });
  });

  it('sub-meter readings one per row under unknown headers are proposed as power-long', async () => {
    await withClient(async (call, dir) => {
      const file = path.join(dir, 'meters.csv');
      writeFileSync(
        file,
        '表计编号,采集时刻,有功功率(kW),备注\nM-01,2024-03-01 08:00:00,1.5,\nM-02,2024-03-01 08:00:00,2.25,x\nM-01,2024-03-01 08:15:00,停电,\n',
      );
      // A bad value in the sample (停电) does not hide the kW column; the import quarantines that row.
      const p = await call('import:preview', { path: file });
      expect(p).toMatchObject({ documentedFormat: null, template: null, problems: [] });
      expect(p.draft).toEqual({
        target: 'power-long',
        device: { column: '表计编号' },
        time: { column: '采集时刻' },
        value: { column: '有功功率(kW)', quantity: 'kw', scale: 1 },
      });
      expect(p.columns.map((c) => c.use)).toEqual(['device_id', 'time', 'value', 'unused']);

      // The unit gives the quantity and, for W and Wh, the scale; a name does when there is no unit.
      const cases: [string, unknown][] = [
        ['meter_id,ts,energy kWh', { column: 'energy kWh', quantity: 'kwh', scale: 1 }],
        ['设备,time,电流', { column: '电流', quantity: 'current_a', scale: 1 }],
        ['Device No,time,P(W)', { column: 'P(W)', quantity: 'kw', scale: 0.001 }],
      ];
      for (const [header, value] of cases) {
        const f = path.join(dir, 'm.csv');
        writeFileSync(f, `${header}\n7,2024-03-01 08:00:00,1200\n8,2024-03-01 08:00:00,1300\n`);
        const q = await call('import:preview', { path: f });
        expect([header, q.draft]).toMatchObject([header, { target: 'power-long', value }]);
      }

      // No power unit or name on the value: the quantity is the analyst's to say, as before.
      const plain = path.join(dir, 'plain.csv');
      writeFileSync(plain, 'meter,when,value\nM-01,2024-03-01 08:00:00,1.5\n');
      expect((await call('import:preview', { path: plain })).draft?.target).toBe('monitoring-long');
      // Columns of sub-meters (Sub_metering_1 is not a meter id): one device per column, as before.
      const wide = path.join(dir, 'wide.csv');
      writeFileSync(wide, 'datetime,Sub_metering_1,Sub_metering_2\n2006-12-16 17:00:00,0,19\n');
      expect((await call('import:preview', { path: wide })).draft?.target).toBe('power-wide');
    });
  });

  it.skipIf(!hasSharedData)(
    'a saved template is offered for the next file of that shape and imports it with no mapping step',
    async () => {
      await withClient(async (call, dir) => {
        const file = sharedData('wastewater_online_cn', 'kahsolt_water_quality_test.csv');
        const first = await call('import:preview', { path: file });
        expect(first).toMatchObject({
          documentedFormat: null,
          template: null,
          headers: ['monitorTime', 'monitorAvgValue'],
        });
        expect(first.rows).toHaveLength(20);
        expect(first.columns).toEqual([
          { header: 'monitorTime', use: 'time' },
          { header: 'monitorAvgValue', use: 'value' },
        ]);
        expect(first.problems.map((x) => [x.code, x.field])).toEqual([
          ['missing-field', 'outlet'],
          ['missing-field', 'code'],
        ]);

        const mapping = {
          target: 'monitoring-long',
          outlet: { constant: 'CL-W1' },
          code: { constant: 'w21003' },
          time: { column: 'monitorTime' },
          value: { column: 'monitorAvgValue' },
          media: 'water',
        } as const;
        await call('templates:save', { name: '常隆 氨氮', shapeKey: first.shapeKey, mapping });
        const stored = JSON.parse(readFileSync(path.join(dir, 'data', 'mapping-templates.json'), 'utf8'));
        expect(stored.templates.map((t: { name: string }) => t.name)).toEqual(['常隆 氨氮']);

        // The next export of the same platform: another period, same header (case differs).
        const next = path.join(dir, 'next-month.csv');
        writeFileSync(next, 'MonitorTime,MonitorAvgValue\n2022-11-01 00:00:00,1.1\n2022-11-01 01:00:00,\n');
        const second = await call('import:preview', { path: next });
        expect(second).toMatchObject({ template: '常隆 氨氮', problems: [], draft: mapping });

        await call('case:create', { path: path.join(dir, 'c.duckdb') });
        const r = await call('import:files', {
          jobId: 'j1',
          paths: [file, next],
          mappings: [{ path: file, template: '常隆 氨氮' }],
        });
        expect(r.files.map((f) => [f.status, f.template, f.rowsLoaded])).toEqual([
          ['imported', '常隆 氨氮', 4579],
          ['imported', '常隆 氨氮', 2],
        ]);
        const series = await call('series:list', {});
        expect(series.map((s) => [s.outletId, s.code, s.media, s.count])).toEqual([
          ['CL-W1', 'w21003', 'water', 4581],
        ]);

        expect((await call('templates:delete', { name: '常隆 氨氮' })).deleted).toBe(true);
        expect(await call('templates:list', {})).toEqual([]);
      });
    },
    60_000,
  );
});
