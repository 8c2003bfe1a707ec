import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasSharedData, sharedData } from '../../../tests/support/shared-data';
import { useTempDirs } from '../../../tests/support/temp-dir';
import { closeCase, createCase } from '../../engine/case-file';
import { importFiles } from '../import-files';

const ctx = { appVersion: '0.0.0-test', actor: 'tester' };
const tempDir = useTempDirs();
const opts = { jobId: 'job', actor: 'tester' };

async function withCase<T>(
  files: Record<string, string>,
  body: (c: Awaited<ReturnType<typeof createCase>>, paths: string[]) => Promise<T>,
) {
  const dir = tempDir();
  const paths = Object.entries(files).map(([name, content]) => {
    const p = path.join(dir, name);
    writeFileSync(p, content);
    return p;
  });
  const c = await createCase(path.join(dir, 'c.duckdb'), ctx);
  try {
    return await body(c, paths);
  } finally {
    await closeCase(c);
  }
}

describe('documented exchange formats import with no mapping step', () => {
  it('registry (Chinese headers) fills sites, outlets and limits; the wide export maps MN to outlet', async () => {
    const registry = [
      '企业编号,企业名称,区县,乡镇,行业,绩效分级,运维单位,纬度,经度,正面清单,排口编号,数采仪MN号,排口名称,排口类型,基准氧含量,二氧化硫限值,limit_a21002',
      'S1,某钢铁公司,城东区,东关镇,钢铁,B,运维甲,38.1,114.5,否,S1-G1,MN0001,烧结机头,废气,16,35,50',
      'S1,某钢铁公司,城东区,东关镇,钢铁,B,运维甲,38.1,114.5,否,S1-W1,MN0002,总排口,废水,,,',
    ].join('\n');
    const wide = [
      'mn,time,a21026-Avg,a21026-ZsAvg,a21026-Flag,a19001-avg,a00000-cou',
      'MN0001,2025-10-01 00:00:00,10.5,12.1,N,17.2,80000',
      'MN0001,2025-10-01 01:00:00,11.0,,N,17.1,81000',
      'MN9999,2025-10-01 00:00:00,1,1,N,,',
      'MN0001,garbage,1,1,N,1,1',
      'MN0001,2025-10-01 02:00:00,abc,12,N,17,1',
    ].join('\n');
    await withCase({ 'registry.csv': registry, 'wide.csv': wide }, async (c, [reg, w]) => {
      const r = await importFiles(c.db, [reg!, w!], opts);
      expect(r.files[0]).toMatchObject({
        status: 'imported',
        format: 'registry',
        rowsLoaded: 2,
        rowsRejected: 0,
      });
      expect(r.files[1]).toMatchObject({
        status: 'imported',
        format: 'monitoring-wide',
        unknownMns: ['MN9999'],
      });
      const sites = await c.db.all('SELECT site_id, site_name, grade, om_company, positive_list FROM sites');
      expect(sites).toEqual([
        { site_id: 'S1', site_name: '某钢铁公司', grade: 'B', om_company: '运维甲', positive_list: false },
      ]);
      const outlets = await c.db.all('SELECT outlet_id, mn, media, o2_ref FROM outlets ORDER BY 1');
      expect(outlets).toEqual([
        { outlet_id: 'S1-G1', mn: 'MN0001', media: 'gas', o2_ref: 16 },
        { outlet_id: 'S1-W1', mn: 'MN0002', media: 'water', o2_ref: null },
      ]);
      const limits = await c.db.all('SELECT outlet_id, code, limit_value FROM limits ORDER BY code');
      expect(limits).toEqual([
        { outlet_id: 'S1-G1', code: 'a21002', limit_value: 50 },
        { outlet_id: 'S1-G1', code: 'a21026', limit_value: 35 },
      ]);
      const readings = await c.db.all(
        `SELECT s.outlet_id, s.code, s.stat, r.ts, r.value, r.flag FROM readings r JOIN series s USING (series_id)
         WHERE s.outlet_id = 'S1-G1' AND s.code = 'a21026' ORDER BY s.stat, r.ts`,
      );
      expect(readings).toEqual([
        {
          outlet_id: 'S1-G1',
          code: 'a21026',
          stat: 'avg',
          ts: '2025-10-01 00:00:00',
          value: 10.5,
          flag: 'N',
        },
        { outlet_id: 'S1-G1', code: 'a21026', stat: 'avg', ts: '2025-10-01 01:00:00', value: 11, flag: 'N' },
        {
          outlet_id: 'S1-G1',
          code: 'a21026',
          stat: 'zs_avg',
          ts: '2025-10-01 00:00:00',
          value: 12.1,
          flag: 'N',
        },
        {
          outlet_id: 'S1-G1',
          code: 'a21026',
          stat: 'zs_avg',
          ts: '2025-10-01 02:00:00',
          value: 12,
          flag: 'N',
        },
      ]);
      const q = await c.db.all<{ source_row: number; reason: string }>(
        'SELECT source_row, reason FROM quarantine WHERE file_id = 2 ORDER BY source_row',
      );
      expect(q).toEqual([
        { source_row: 5, reason: 'unrecognised time: garbage' },
        { source_row: 6, reason: 'value is not a number in column a21026-Avg: abc' },
      ]);
      const unknown = await c.db.all("SELECT DISTINCT s.outlet_id FROM series s WHERE outlet_id = 'MN9999'");
      expect(unknown).toHaveLength(1);
    });
  });

  it('wide export with Chinese headers and units', async () => {
    const wide = [
      '监测点编号,监测时间,二氧化硫实测浓度(mg/m3),二氧化硫折算浓度(mg/m3),二氧化硫排放量(kg),二氧化硫标记,氧含量(%),烟气流速(m/s),烟气温度(℃),烟气湿度(%),标干流量(m3/h)',
      'P1,2025-10-01 00:00:00,10,12,0.8,N,8.5,12.4,52.3,11.2,80000',
      'P1,2025-10-01 01:00~02:00,11,13,0.9,N,8.6,12.5,52.1,11.0,81000',
    ].join('\n');
    await withCase({ 'wide.csv': wide }, async (c, [w]) => {
      const r = await importFiles(c.db, [w!], opts);
      expect(r.files[0]).toMatchObject({
        status: 'imported',
        rowsLoaded: 16,
        rowsRejected: 0,
        unmappedColumns: [],
      });
      const keys = await c.db.all<{ k: string }>("SELECT code || ':' || stat AS k FROM series ORDER BY 1");
      expect(keys.map((k) => k.k)).toEqual([
        'a00000:avg',
        'a01011:avg',
        'a01012:avg',
        'a01014:avg',
        'a19001:avg',
        'a21026:avg',
        'a21026:cou',
        'a21026:zs_avg',
      ]);
      const t = await c.db.all('SELECT max(ts) AS t FROM readings');
      expect(t).toEqual([{ t: '2025-10-01 01:00:00' }]);
    });
  });

  it('devices, power, stations, orders, measures, gates and marks', async () => {
    const files = {
      'devices.csv':
        '设备编号,企业编号,设备名称,设备类型,生产线,额定功率\nD1,S1,印刷机,生产,L1,120\nD2,S1,RTO风机,治污,L1,45\nD3,S1,x,unknownrole,L1,1\n',
      'power.csv':
        'device_id,time,kw,kwh\nD1,2025-10-01 14:00,100,5\nD1,2025-10-01 14:15,101,30\nD1,2025-10-01 14:15,999,31\nD2,2025-10-01 14:00,0,0\n',
      'stations.csv':
        'station_id,station_name,township,county,kind,lat,lon\nT1,东关站,东关镇,城东区,township,38.1,114.5\n',
      'orders.csv':
        '预警编号,预警级别,开始时间,结束时间,管控范围\nO1,橙色,2025-10-07 18:00,2025-10-10 00:00,全市\n',
      'measures.csv': 'site_id,level,line_id,action,limit_pct\nS1,orange,L1,停产,\nS1,red,,stop,\n',
      'gates.csv':
        'site_id,time,plate,direction,emission_stage,fuel,vehicle_type\nS1,2025-10-08 10:00,冀A12345,出,国四,diesel,heavy\n',
      'marks.csv':
        'outlet_id,start,end,mark,source,reason\nP1,2025-10-01 00:00,2025-10-01 04:00,启炉,人工,startup\n',
    };
    await withCase(files, async (c, paths) => {
      const r = await importFiles(c.db, paths, opts);
      expect(r.files.map((f) => [f.format, f.status, f.rowsLoaded, f.rowsRejected, f.duplicates])).toEqual([
        ['devices', 'imported', 2, 1, 0],
        ['power', 'imported', 3, 0, 1],
        ['stations', 'imported', 1, 0, 0],
        ['orders', 'imported', 1, 0, 0],
        ['measures', 'imported', 2, 0, 0],
        ['gates', 'imported', 1, 0, 0],
        ['marks', 'imported', 1, 0, 0],
      ]);
      expect(await c.db.all('SELECT device_id, role, line_id, rated_kw FROM devices ORDER BY 1')).toEqual([
        { device_id: 'D1', role: 'production', line_id: 'L1', rated_kw: 120 },
        { device_id: 'D2', role: 'treatment', line_id: 'L1', rated_kw: 45 },
      ]);
      expect(await c.db.all("SELECT kw FROM power_readings WHERE device_id = 'D1' ORDER BY ts")).toEqual([
        { kw: 100 },
        { kw: 101 },
      ]);
      expect(await c.db.all('SELECT order_id, level, start_ts, end_ts FROM orders')).toEqual([
        { order_id: 'O1', level: 'orange', start_ts: '2025-10-07 18:00:00', end_ts: '2025-10-10 00:00:00' },
      ]);
      expect(await c.db.all('SELECT action, line_id FROM measures ORDER BY level')).toEqual([
        { action: 'stop', line_id: 'L1' },
        { action: 'stop', line_id: null },
      ]);
      expect(await c.db.all('SELECT direction, emission_stage FROM gate_records')).toEqual([
        { direction: 'out', emission_stage: '国四' },
      ]);
      expect(await c.db.all('SELECT mark, source FROM marks')).toEqual([{ mark: '启炉', source: 'manual' }]);
      const q = await c.db.all<{ reason: string }>('SELECT reason FROM quarantine');
      expect(q).toEqual([{ reason: 'unrecognised role: unknownrole' }]);
    });
  });

  describe.skipIf(!hasSharedData)('real data', () => {
    it('a Beijing station file is recognised as air-station data and imports every row', async () => {
      const file = sharedData('beijing_multisite', 'PRSA_Data_Aotizhongxin_20130301-20170228.csv');
      await withCase({}, async (c) => {
        const r = await importFiles(c.db, [file], opts);
        // SOURCE.txt: 35,064 hourly rows per station, 2013-03-01 00:00 .. 2017-02-28 23:00, NA for missing.
        expect(r.files[0]).toMatchObject({
          format: 'air',
          status: 'imported',
          rowsRead: 35064,
          rowsLoaded: 35064,
          rowsRejected: 0,
        });
        expect(r.files[0]!.warnings.join(' ')).toMatch(/CO looks like µg\/m³/);
        const [span] = await c.db.all(
          'SELECT min(ts) AS a, max(ts) AS b, count(*) FILTER (pm25 IS NULL) AS na FROM air_readings',
        );
        expect(span).toMatchObject({ a: '2013-03-01 00:00:00', b: '2017-02-28 23:00:00' });
        expect(await c.db.all('SELECT station_id FROM stations')).toEqual([{ station_id: 'Aotizhongxin' }]);
      });
    });
  });
});

describe('registry after monitoring', () => {
  it('re-keys series filed under an MN to the outlet a later registry names', async () => {
    const wide = 'mn,time,a21026-avg\nMN0001,2025-10-01 00:00:00,10\n';
    const registry = 'site_id,outlet_id,mn,media\nS1,S1-G1,MN0001,gas\n';
    await withCase({ 'wide.csv': wide, 'registry.csv': registry }, async (c, [w, reg]) => {
      const first = await importFiles(c.db, [w!], opts);
      expect(first.files[0]!.unknownMns).toEqual(['MN0001']);
      await importFiles(c.db, [reg!], opts);
      expect(await c.db.all('SELECT outlet_id, code FROM series')).toEqual([
        { outlet_id: 'S1-G1', code: 'a21026' },
      ]);
    });
  });
});

describe('wide export keyed by MN', () => {
  it('two keys of one outlet (its MN, and the outlet id written as an MN) make one series', async () => {
    const registry = 'site_id,outlet_id,mn,media\nS1,S1-G1,MN0001,gas\n';
    const wide =
      'mn,time,a21026-avg\nMN0001,2025-10-01 00:00:00,10\nS1-G1,2025-10-01 01:00:00,11\nMN0001,2025-10-01 01:00:00,12\n';
    await withCase({ 'registry.csv': registry, 'wide.csv': wide }, async (c, [reg, w]) => {
      await importFiles(c.db, [reg!], opts);
      const r = await importFiles(c.db, [w!], opts);
      // Line 4 repeats (S1-G1, 01:00) under the other key: the earlier line wins.
      expect(r.files[0]).toMatchObject({
        rowsLoaded: 2,
        duplicates: 1,
        conflictingDuplicates: 1,
        seriesFound: 1,
      });
      expect(
        await c.db.all(
          'SELECT s.outlet_id, r.ts, r.value FROM readings r JOIN series s USING (series_id) ORDER BY ts',
        ),
      ).toEqual([
        { outlet_id: 'S1-G1', ts: '2025-10-01 00:00:00', value: 10 },
        { outlet_id: 'S1-G1', ts: '2025-10-01 01:00:00', value: 11 },
      ]);
    });
  });
});
