import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasSharedData, sharedData } from '../../tests/support/shared-data';
import { useTempDirs } from '../../tests/support/temp-dir';
import { ImportMapping, shapeKey, type ImportMappingInput } from '../api/import-mapping';
import { createCase, closeCase } from '../engine/case-file';
import { importFiles } from './import-files';
import { writeXlsx, xlsxDate } from './xlsx/xlsx-writer';

const ctx = { appVersion: '0.0.0-test', actor: 'tester' };
const tempDir = useTempDirs();

const WASTEWATER = sharedData('wastewater_online_cn', 'kahsolt_water_quality_test.csv');
const HOUSEHOLD = sharedData('household_submetering', 'household_power_consumption_hourly.csv');

export const WASTEWATER_MAPPING: ImportMappingInput = {
  target: 'monitoring-long',
  outlet: { constant: 'CL-W1' },
  code: { constant: '氨氮' },
  time: { column: 'monitorTime' },
  value: { column: 'monitorAvgValue', unit: 'mg/L' },
  media: 'water',
};

export const HOUSEHOLD_MAPPING: ImportMappingInput = {
  target: 'power-wide',
  time: { column: 'datetime' },
  site: 'SCEAUX',
  columns: [
    // SOURCE.txt: Global_active_power is kW*min summed per hour (mean kW = value / 60); the
    // sub-meters are Wh per hour (mean kW = value / 1000).
    { column: 'Global_active_power', device: 'main', scale: 1 / 60 },
    { column: 'Sub_metering_1', device: 'kitchen', scale: 0.001 },
    { column: 'Sub_metering_2', device: 'laundry', scale: 0.001 },
    { column: 'Sub_metering_3', device: 'heater-ac', scale: 0.001 },
  ],
};

async function withCase<T>(run: (c: Awaited<ReturnType<typeof createCase>>, dir: string) => Promise<T>) {
  const dir = tempDir();
  const c = await createCase(path.join(dir, 'case.duckdb'), ctx);
  try {
    return await run(c, dir);
  } finally {
    await closeCase(c);
  }
}

const opts = (file: string, mapping: ImportMappingInput, template?: string) => ({
  jobId: 'job',
  actor: 'tester',
  mappings: new Map([[file, { mapping: ImportMapping.parse(mapping), ...(template ? { template } : {}) }]]),
});

describe('mapped import (small files)', () => {
  it('an XLSX file of a saved shape is read with its template, with no mapping given', async () => {
    await withCase(async (c, dir) => {
      const file = path.join(dir, 'w.xlsx');
      const rows = [
        ['monitorTime', 'monitorAvgValue'],
        [xlsxDate('2021-01-02 02:00:00'), 1.5],
        [xlsxDate('2021-01-02 03:00:00'), 1.25],
      ];
      writeFileSync(file, writeXlsx([{ name: 'S1', rows }]));
      const asked: string[] = [];
      const r = await importFiles(c.db, [file], {
        jobId: 'job',
        actor: 'tester',
        templateForShape: (key) => {
          asked.push(key);
          return { mapping: ImportMapping.parse(WASTEWATER_MAPPING), template: '氨氮 平台' };
        },
      });
      expect(asked).toEqual([shapeKey(['monitorTime', 'monitorAvgValue'])]);
      expect(r.files[0]).toMatchObject({ status: 'imported', template: '氨氮 平台', rowsLoaded: 2 });
      expect(await c.db.all('SELECT value, source_row FROM readings ORDER BY ts')).toEqual([
        { value: 1.5, source_row: 2 },
        { value: 1.25, source_row: 3 },
      ]);
    });
  });

  it('constants become the outlet and code; bad rows are quarantined with their line', async () => {
    await withCase(async (c, dir) => {
      const file = path.join(dir, 'w.csv');
      writeFileSync(
        file,
        'monitorTime,monitorAvgValue\n2021-01-02 02:00:00,1.5\nnot a time,2\n2021-01-02 04:00:00,\n2021-01-02 05:00:00,x\n',
      );
      const r = await importFiles(
        c.db,
        [file],
        opts(file, { ...WASTEWATER_MAPPING, value: { column: 'MONITORAVGVALUE', scale: 2 } }),
      );
      expect(r.files[0]).toMatchObject({
        status: 'imported',
        format: 'monitoring-long',
        rowsRead: 4,
        rowsLoaded: 2,
        rowsRejected: 2,
        seriesFound: 1,
      });
      expect(await c.db.all('SELECT outlet_id, code, media FROM series')).toEqual([
        { outlet_id: 'CL-W1', code: 'w21003', media: 'water' },
      ]);
      expect(await c.db.all('SELECT value, source_row FROM readings ORDER BY ts')).toEqual([
        { value: 3, source_row: 2 },
        { value: null, source_row: 4 },
      ]);
      expect(await c.db.all('SELECT source_row, reason, raw FROM quarantine ORDER BY source_row')).toEqual([
        { source_row: 3, reason: 'unrecognised time: not a time', raw: 'not a time,2' },
        { source_row: 5, reason: 'value is not a number: x', raw: '2021-01-02 05:00:00,x' },
      ]);
    });
  });

  it('refuses a mapping naming a column the file lacks, and keeps the case as it was', async () => {
    await withCase(async (c, dir) => {
      const file = path.join(dir, 'w.csv');
      writeFileSync(file, 'ts,v\n2021-01-02 02:00:00,1.5\n');
      const r = await importFiles(c.db, [file], opts(file, WASTEWATER_MAPPING));
      expect(r.files[0]!.status).toBe('failed');
      expect(r.files[0]!.error).toMatch(
        /w\.csv: the mapping does not fit this file: time: the file has no column "monitorTime"/,
      );
      expect(await c.db.all('SELECT count(*) AS n FROM source_files')).toEqual([{ n: 0 }]);
    });
  });

  it('an unknown code name is refused with what to type instead', async () => {
    await withCase(async (c, dir) => {
      const file = path.join(dir, 'w.csv');
      writeFileSync(file, 'monitorTime,monitorAvgValue\n2021-01-02 02:00:00,1.5\n');
      const r = await importFiles(
        c.db,
        [file],
        opts(file, { ...WASTEWATER_MAPPING, code: { constant: '不存在的因子' } }),
      );
      expect(r.files[0]!.error).toMatch(/neither an HJ 212-2017 code nor a known Chinese name/);
    });
  });
});

describe('mapped import: sub-meter readings, one per row (power-long)', () => {
  // A platform export whose headers the documented format does not know: 表计编号 (not 设备编号),
  // 采集时刻 (not 采集时间), and the value in W.
  const METER_CSV = [
    '表计编号,采集时刻,有功功率(W),备注',
    'M-01,2024-03-01 08:00:00,1500,',
    'M-02,2024-03-01 08:00:00,"2,250",',
    'M-01,2024-03-01 08:15:00,停电,人工录入',
    ' M-02 ,2024-03-01 08:15:00,0,',
    'M-01,2024-03-01 08:15:00,1600,补录',
    'M-01,2024-03-01 08:30:00,1700,',
    'M-01,2024-03-01 08:30:00,1750,重复',
  ].join('\n');
  const METER_MAPPING: ImportMappingInput = {
    target: 'power-long',
    device: { column: '表计编号' },
    time: { column: '采集时刻' },
    value: { column: '有功功率(W)', quantity: 'kw', scale: 0.001 },
    site: 'S-钢铁',
  };
  const readings = (c: Awaited<ReturnType<typeof createCase>>) =>
    c.db.all(
      'SELECT device_id, ts::VARCHAR AS ts, kw, kwh, current_a, source_row FROM power_readings ORDER BY source_row',
    );

  it('reads device ids from a column, scales W to kW, quarantines a bad row with its line', async () => {
    await withCase(async (c, dir) => {
      const file = path.join(dir, 'meters.csv');
      writeFileSync(file, METER_CSV + '\n');
      // A device the case already has keeps its enterprise and name.
      await c.db.run(
        "INSERT INTO devices (device_id, site_id, device_name, role) VALUES ('M-02', 'S-OTHER', '2# 磨机', 'production')",
      );
      const r = await importFiles(c.db, [file], opts(file, METER_MAPPING, '分表 W'));
      expect(r.files[0]).toMatchObject({
        status: 'imported',
        format: 'power-long',
        template: '分表 W',
        rowsRead: 7,
        rowsLoaded: 5,
        rowsRejected: 1,
        duplicates: 1,
        seriesFound: 2,
        unmappedColumns: ['备注'],
        timeSpan: { start: '2024-03-01 08:00:00', end: '2024-03-01 08:30:00' },
        rejectedSample: [{ row: 4, reason: 'unrecognised kw: 停电' }],
      });
      expect(r.files[0]!.warnings).toContain('有功功率(W) -> kw: values multiplied by 0.001.');
      const none = { kwh: null, current_a: null };
      expect(await readings(c)).toEqual([
        { device_id: 'M-01', ts: '2024-03-01 08:00:00', kw: 1.5, ...none, source_row: 2 },
        { device_id: 'M-02', ts: '2024-03-01 08:00:00', kw: 2.25, ...none, source_row: 3 },
        { device_id: 'M-02', ts: '2024-03-01 08:15:00', kw: 0, ...none, source_row: 5 },
        // Line 4 (M-01 08:15) was rejected, so line 6 is that reading; line 8 repeats line 7.
        { device_id: 'M-01', ts: '2024-03-01 08:15:00', kw: 1.6, ...none, source_row: 6 },
        { device_id: 'M-01', ts: '2024-03-01 08:30:00', kw: 1.7, ...none, source_row: 7 },
      ]);
      // The quarantine keeps the file's own text of the row, not the scaled value.
      expect(await c.db.all('SELECT source_row, reason, raw FROM quarantine')).toEqual([
        { source_row: 4, reason: 'unrecognised kw: 停电', raw: 'M-01,2024-03-01 08:15:00,停电,人工录入' },
      ]);
      expect(
        await c.db.all('SELECT device_id, site_id, device_name FROM devices ORDER BY device_id'),
      ).toEqual([
        { device_id: 'M-01', site_id: 'S-钢铁', device_name: null },
        { device_id: 'M-02', site_id: 'S-OTHER', device_name: '2# 磨机' },
      ]);
      const [stored] = await c.db.all<{ report_json: string }>('SELECT report_json FROM source_files');
      expect(JSON.parse(stored!.report_json)).toMatchObject({
        template: '分表 W',
        mapping: { target: 'power-long', device: { column: '表计编号' } },
      });
    });
  });

  it('a typed device for a one-meter file; kWh and current quantities land in their columns', async () => {
    await withCase(async (c, dir) => {
      const energy = path.join(dir, 'energy.csv');
      writeFileSync(energy, 'when,value\n2024-03-01 08:00:00,100.5\n2024-03-01 09:00:00,\n');
      const current = path.join(dir, 'current.csv');
      writeFileSync(current, 'meter,when,value\nM-7,2024-03-01 08:00:00,12.5\n');
      const r = await importFiles(c.db, [energy, current], {
        jobId: 'job',
        actor: 'tester',
        mappings: new Map([
          [
            energy,
            {
              mapping: ImportMapping.parse({
                target: 'power-long',
                device: { constant: ' 总表 ' },
                time: { column: 'when' },
                value: { column: 'value', quantity: 'kwh' },
              }),
            },
          ],
          [
            current,
            {
              mapping: ImportMapping.parse({
                target: 'power-long',
                device: { column: 'meter' },
                time: { column: 'when' },
                value: { column: 'value', quantity: 'current_a' },
              }),
            },
          ],
        ]),
      });
      expect(r.files.map((f) => [f.status, f.format, f.rowsLoaded, f.seriesFound, f.warnings])).toEqual([
        ['imported', 'power-long', 2, 1, []],
        ['imported', 'power-long', 1, 1, []],
      ]);
      expect(await readings(c)).toEqual([
        {
          device_id: '总表',
          ts: '2024-03-01 08:00:00',
          kw: null,
          kwh: 100.5,
          current_a: null,
          source_row: 2,
        },
        { device_id: 'M-7', ts: '2024-03-01 08:00:00', kw: null, kwh: null, current_a: 12.5, source_row: 2 },
        // An empty value is a reading with no value, as in the documented power export.
        { device_id: '总表', ts: '2024-03-01 09:00:00', kw: null, kwh: null, current_a: null, source_row: 3 },
      ]);
      expect(await c.db.all('SELECT device_id, site_id FROM devices ORDER BY device_id')).toEqual([
        { device_id: 'M-7', site_id: null },
        { device_id: '总表', site_id: null },
      ]);
    });
  });

  it('refuses a device column the file lacks, naming the field', async () => {
    await withCase(async (c, dir) => {
      const file = path.join(dir, 'meters.csv');
      writeFileSync(file, METER_CSV + '\n');
      const r = await importFiles(
        c.db,
        [file],
        opts(file, { ...METER_MAPPING, device: { column: '电表编号' } } as ImportMappingInput),
      );
      expect(r.files[0]!.error).toMatch(/device: the file has no column "电表编号"/);
    });
  });
});

describe.skipIf(!hasSharedData)('mapped import (real data)', () => {
  it('the Chinese wastewater export needs a mapping, then imports every row SOURCE.txt states', async () => {
    await withCase(async (c) => {
      const plain = await importFiles(c.db, [WASTEWATER], { jobId: 'job', actor: 'tester' });
      expect(plain.files[0]!.error).toMatch(/matches no supported export format/);

      const r = await importFiles(c.db, [WASTEWATER], opts(WASTEWATER, WASTEWATER_MAPPING, 'kahsolt'));
      const f = r.files[0]!;
      // SOURCE.txt: 4,579 hourly rows, 18 empty values. Empty values import as NULL readings (the
      // rule of the documented long export), so every row is stored.
      expect(f).toMatchObject({
        status: 'imported',
        rowsRead: 4579,
        rowsLoaded: 4579,
        rowsRejected: 0,
        duplicates: 0,
        seriesFound: 1,
      });
      expect(f.timeSpan).toEqual({ start: '2021-01-02 02:00:00', end: '2022-10-30 21:00:00' });
      expect(
        await c.db.all(
          `SELECT s.outlet_id, s.code, s.media, s.unit, s.interval, count(*) AS n, count(*) FILTER (value IS NULL) AS empty
           FROM readings JOIN series s USING (series_id) GROUP BY ALL`,
        ),
      ).toEqual([
        {
          outlet_id: 'CL-W1',
          code: 'w21003',
          media: 'water',
          unit: 'mg/L',
          interval: 'hour',
          n: 4579,
          empty: 18,
        },
      ]);

      // The mapping is recorded with the file and in the audit log.
      const [stored] = await c.db.all<{ format: string; report_json: string }>(
        'SELECT format, report_json FROM source_files',
      );
      expect(stored!.format).toBe('monitoring-long');
      expect(JSON.parse(stored!.report_json)).toMatchObject({
        template: 'kahsolt',
        mapping: { outlet: { constant: 'CL-W1' } },
      });
      const [audit] = await c.db.all<{ details: string }>(
        "SELECT details_json AS details FROM audit_log WHERE action = 'import.file'",
      );
      expect(JSON.parse(audit!.details)).toMatchObject({
        template: 'kahsolt',
        mapping: { code: { constant: '氨氮' } },
      });
    });
  });

  it('the household file becomes one device per mapped column, scaled to kW', async () => {
    await withCase(async (c) => {
      const r = await importFiles(c.db, [HOUSEHOLD], opts(HOUSEHOLD, HOUSEHOLD_MAPPING));
      const f = r.files[0]!;
      // SOURCE.txt: 34,589 hourly rows; readings = rows x 4 mapped columns.
      expect(f).toMatchObject({
        status: 'imported',
        format: 'power-wide',
        rowsRead: 34589,
        rowsLoaded: 34589 * 4,
        rowsRejected: 0,
        seriesFound: 4,
      });
      expect(f.unmappedColumns).toEqual(['Global_reactive_power', 'Voltage', 'Global_intensity']);
      expect(
        await c.db.all('SELECT device_id, count(*) AS n FROM power_readings GROUP BY ALL ORDER BY device_id'),
      ).toEqual([
        { device_id: 'heater-ac', n: 34589 },
        { device_id: 'kitchen', n: 34589 },
        { device_id: 'laundry', n: 34589 },
        { device_id: 'main', n: 34589 },
      ]);
      // First row: Global_active_power 152.024002075 kW*min -> 2.5337 kW; Sub_metering_3 607 Wh -> 0.607 kW.
      const first = await c.db.all<{ device_id: string; kw: number; source_row: number }>(
        `SELECT device_id, kw, source_row FROM power_readings WHERE ts = '2006-12-16 17:00:00' ORDER BY device_id`,
      );
      expect(first.map((x) => x.source_row)).toEqual([2, 2, 2, 2]);
      expect(first.find((x) => x.device_id === 'main')!.kw).toBeCloseTo(152.024002075 / 60, 9);
      expect(first.find((x) => x.device_id === 'heater-ac')!.kw).toBeCloseTo(0.607, 9);
      expect(await c.db.all("SELECT site_id, device_name FROM devices WHERE device_id = 'main'")).toEqual([
        { site_id: 'SCEAUX', device_name: 'Global_active_power' },
      ]);
    });
  }, 60_000);
});
