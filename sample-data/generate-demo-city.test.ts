import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crc16Hj212, formatCrc } from '../analytics/ingest/hj212/crc';
import {
  decodeFile,
  readCsv,
  readHj212Log,
  readLongCsv,
  readWideCsv,
  type CsvTable,
  type MonitoringRecord,
} from './demo-file-reader';
import {
  generateDemoCity,
  LEGAL_CATEGORIES,
  RULE_IDS,
  type DemoLabel,
  type DemoManifest,
} from './generate-demo-city';

let root: string;
let dirA: string;
let dirB: string;
let dirC: string;
let manifest: DemoManifest;
let manifestB: DemoManifest;
let manifestC: DemoManifest;

function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(path.relative(dir, p).split(path.sep).join('/'));
    }
  };
  walk(dir);
  return out;
}

const sha256 = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'demo-city-'));
  dirA = path.join(root, 'a');
  dirB = path.join(root, 'b');
  dirC = path.join(root, 'c');
  const phases = new Set<string>();
  manifest = await generateDemoCity({ dir: dirA, onProgress: (p) => phases.add(p.phase) });
  expect([...phases]).toEqual(expect.arrayContaining(['layout', 'enterprises', 'stations', 'done']));
  manifestB = await generateDemoCity({ dir: dirB });
  manifestC = await generateDemoCity({ dir: dirC, seed: 7 });
}, 120_000);

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

// ---- loading helpers (memoised: the files never change during the run) ---------------------------

const csvCache = new Map<string, CsvTable>();
function csv(file: string, encoding = 'utf-8'): CsvTable {
  let t = csvCache.get(file);
  if (!t) {
    t = readCsv(file, encoding);
    csvCache.set(file, t);
  }
  return t;
}

interface RegistryOutlet {
  readonly siteId: string;
  readonly outletId: string;
  readonly mn: string;
  readonly media: string;
  readonly o2Ref: number | null;
  readonly limits: Readonly<Record<string, number>>;
}

function registry(dir: string): RegistryOutlet[] {
  const t = csv(path.join(dir, 'registry.csv'));
  const col = (name: string): number => t.header.indexOf(name);
  return t.rows.map((r) => {
    const limits: Record<string, number> = {};
    t.header.forEach((h, i) => {
      if (h.startsWith('limit_') && r[i] !== '') limits[h.slice(6)] = Number(r[i]);
    });
    return {
      siteId: r[col('site_id')]!,
      outletId: r[col('outlet_id')]!,
      mn: r[col('mn')]!,
      media: r[col('media')]!,
      o2Ref: r[col('o2_ref')] === '' ? null : Number(r[col('o2_ref')]),
      limits,
    };
  });
}

/** Every gas monitoring record of the demo, keyed to its outlet_id. */
const gasCache = new Map<string, (MonitoringRecord & { outletId: string })[]>();
function gasRecords(dir: string, m: DemoManifest): (MonitoringRecord & { outletId: string })[] {
  const cached = gasCache.get(dir);
  if (cached) return cached;
  const reg = registry(dir);
  const byKey = new Map<string, string>();
  for (const o of reg) {
    byKey.set(o.mn, o.outletId);
    byKey.set(o.outletId, o.outletId);
  }
  const out: (MonitoringRecord & { outletId: string })[] = [];
  for (const f of m.files) {
    const abs = path.join(dir, f.path);
    let recs: readonly MonitoringRecord[];
    if (f.kind === 'monitoring-wide' && f.format === 'csv') recs = readWideCsv(abs, f.encoding);
    else if (f.kind === 'hj212-log') recs = readHj212Log(abs).records;
    else continue;
    for (const r of recs) out.push({ ...r, outletId: byKey.get(r.key)! });
  }
  gasCache.set(dir, out);
  return out;
}

function labelsOf(m: DemoManifest, pred: (l: DemoLabel) => boolean): DemoLabel[] {
  return m.labels.filter(pred);
}

const inWindow = (time: string, l: DemoLabel): boolean => time >= l.start && time < l.end;

/** Power readings of one device as (time, kW). */
function power(dir: string, deviceId: string): { time: string; kw: number }[] {
  const t = csv(path.join(dir, 'power/power-readings.csv'));
  return t.rows.filter((r) => r[0] === deviceId).map((r) => ({ time: r[1]!, kw: Number(r[2]) }));
}

// ---- determinism ---------------------------------------------------------------------------------

describe('determinism', () => {
  it('same seed gives byte-identical files', () => {
    const a = listFiles(dirA);
    expect(listFiles(dirB)).toEqual(a);
    for (const f of a) expect(sha256(path.join(dirB, f)), f).toBe(sha256(path.join(dirA, f)));
    expect(manifestB).toEqual(manifest);
  });

  it('a different seed gives different data (but the same case set)', () => {
    const differing = listFiles(dirA).filter(
      (f) => listFiles(dirC).includes(f) && sha256(path.join(dirA, f)) !== sha256(path.join(dirC, f)),
    );
    expect(differing).toEqual(
      expect.arrayContaining(['power/power-readings.csv', 'air-hourly.csv', 'gates.csv']),
    );
    expect(differing.some((f) => f.startsWith('monitoring/'))).toBe(true);
    // Planted cases are scripted to the hour; look-alikes such as order shutdowns follow the seed.
    const caseKey = (l: DemoLabel): string =>
      `${l.expected_rule}|${l.site_id}|${l.outlet_id}|${l.start}|${l.end}`;
    const planted = (m: DemoManifest): string[] => m.labels.filter((l) => l.kind === 'case').map(caseKey);
    expect(planted(manifestC)).toEqual(planted(manifest));
  });

  it('the manifest describes every file on disk with its real size, hash and row count', () => {
    const onDisk = listFiles(dirA).filter((f) => f !== 'manifest.json');
    expect(manifest.files.map((f) => f.path).sort()).toEqual(onDisk);
    for (const f of manifest.files) {
      const abs = path.join(dirA, f.path);
      expect(statSync(abs).size, f.path).toBe(f.bytes);
      expect(sha256(abs), f.path).toBe(f.sha256);
      if (f.format === 'csv') {
        const lines = decodeFile(abs, f.encoding)
          .split(/\r?\n/)
          .filter((l) => l !== '');
        // Descriptions in labels.csv never contain line breaks, so lines = header + rows.
        expect(lines.length - 1, f.path).toBe(f.rows);
      }
    }
    const kinds = new Set(manifest.files.map((f) => f.kind));
    for (const k of [
      'registry',
      'monitoring-long',
      'monitoring-wide',
      'hj212-log',
      'devices',
      'power',
      'stations',
      'air',
      'orders',
      'measures',
      'gates',
      'marks',
      'labels',
    ]) {
      expect(kinds.has(k as never), k).toBe(true);
    }
    expect(manifest.files.some((f) => f.encoding === 'gb18030')).toBe(true);
    expect(manifest.files.some((f) => f.format === 'xlsx')).toBe(true);
  });
});

// ---- file formats ------------------------------------------------------------------------------

describe('exchange formats', () => {
  it('GB18030 wide files carry the documented Chinese headers', () => {
    const f = manifest.files.find((x) => x.encoding === 'gb18030')!;
    const header = csv(path.join(dirA, f.path), 'gb18030').header;
    expect(header.slice(0, 6)).toEqual([
      '监测点编号',
      '监测时间',
      '二氧化硫实测浓度(mg/m3)',
      '二氧化硫折算浓度(mg/m3)',
      '二氧化硫排放量(kg)',
      '二氧化硫标记',
    ]);
    expect(header).toEqual(expect.arrayContaining(['氧含量(%)', '烟气流速(m/s)', '标干流量(m3/s)']));
    // Plain UTF-8 decoding must not accidentally work: the file really is GB18030.
    expect(readFileSync(path.join(dirA, f.path)).includes(Buffer.from('监测点编号', 'utf8'))).toBe(false);
  });

  it('HJ 212 logs hold CN=2061 packets with the right length and a valid HJ 212 CRC', () => {
    const logs = manifest.files.filter((f) => f.kind === 'hj212-log');
    expect(logs.length).toBeGreaterThanOrEqual(3);
    const reg = registry(dirA);
    for (const f of logs) {
      const { packets, noiseLines } = readHj212Log(path.join(dirA, f.path));
      expect(packets.length).toBe(f.rows);
      expect(noiseLines).toBe(manifest.stats.days);
      for (const p of packets) {
        const bytes = Buffer.from(p.segment, 'utf8');
        expect(p.length).toBe(bytes.length);
        expect(p.crc).toBe(formatCrc(crc16Hj212(bytes)));
        expect(p.segment).toMatch(/^QN=\d{17};ST=31;CN=2061;PW=\d{6};MN=\w+;Flag=4;CP=&&DataTime=\d{14};/);
      }
      const mn = /MN=(\w+);/.exec(packets[0]!.segment)![1]!;
      expect(reg.some((o) => o.mn === mn)).toBe(true);
    }
  });

  it('the XLSX outlet is a workbook with the Chinese wide header and one row per hour', () => {
    const f = manifest.files.find((x) => x.format === 'xlsx')!;
    const zip = unzipSync(readFileSync(path.join(dirA, f.path)));
    const sheet = strFromU8(zip['xl/worksheets/sheet1.xml']!);
    const strings = strFromU8(zip['xl/sharedStrings.xml']!);
    expect((sheet.match(/<row /g) ?? []).length).toBe(f.rows + 1);
    expect(f.rows).toBe(manifest.stats.days * 24);
    for (const h of ['监测点编号', '监测时间', '烟尘实测浓度(mg/m3)', '氧含量(%)', '废气排放量(m3)']) {
      expect(strings).toContain(h);
    }
  });

  it('every reference file uses the documented headers', () => {
    const header = (p: string): string => csv(path.join(dirA, p)).header.join(',');
    expect(header('devices.csv')).toBe('device_id,site_id,device_name,role,line_id,rated_kw');
    expect(header('stations.csv')).toBe('station_id,station_name,township,county,kind,lat,lon');
    expect(header('orders.csv')).toBe('order_id,level,start,end,scope');
    expect(header('measures.csv')).toBe('site_id,level,line_id,action,limit_pct');
    expect(header('gates.csv')).toBe('site_id,time,plate,direction,emission_stage,fuel,vehicle_type');
    expect(header('marks.csv')).toBe('outlet_id,start,end,mark,source,reason');
    expect(header('air-hourly.csv')).toBe('station_id,time,pm25,pm10,so2,no2,co,o3');
    expect(header('power/power-readings.csv')).toBe('device_id,time,kw,kwh');
    expect(header('monitoring/water-hourly-long.csv')).toBe('outlet_id,code,time,value,flag,stat');
    const orders = csv(path.join(dirA, 'orders.csv')).rows;
    expect(orders).toEqual([
      ['QC-20251007-O', 'orange', '2025-10-07 18:00:00', '2025-10-10 00:00:00', 'all'],
    ]);
  });
});

describe('options', () => {
  it('rejects cities too small or too short for the planted case set', async () => {
    await expect(generateDemoCity({ dir: path.join(root, 'x'), enterprises: 11 })).rejects.toThrow(
      RangeError,
    );
    await expect(generateDemoCity({ dir: path.join(root, 'x'), days: 20 })).rejects.toThrow(/days/);
    await expect(generateDemoCity({ dir: path.join(root, 'x'), start: '2025-02-30' })).rejects.toThrow(
      RangeError,
    );
  });

  it('stops at the next enterprise when aborted', async () => {
    const controller = new AbortController();
    const done: number[] = [];
    const run = generateDemoCity({
      dir: path.join(root, 'aborted'),
      signal: controller.signal,
      onProgress: (p) => {
        if (p.phase !== 'enterprises') return;
        done.push(p.done);
        if (p.done === 3) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(Math.max(...done)).toBe(3);
  });
});

// ---- physics -----------------------------------------------------------------------------------

describe('physical identities', () => {
  it('converted = measured × (21 − O2ref)/(21 − O2) everywhere except the planted o2-correction case', () => {
    const reg = new Map(registry(dirA).map((o) => [o.outletId, o]));
    const exempt = labelsOf(manifest, (l) => l.expected_rule === 'o2-correction' && l.kind === 'case');
    expect(exempt.length).toBeGreaterThan(0);
    let checked = 0;
    let mismatchedInCase = 0;
    for (const r of gasRecords(dirA, manifest)) {
      const ref = reg.get(r.outletId)!.o2Ref;
      if (ref === null) continue;
      const o2 = Number(r.values['a19001-avg']);
      for (const code of ['a21026', 'a21002', 'a34013']) {
        const avgText = r.values[`${code}-avg`]!;
        const decimals = avgText.split('.')[1]?.length ?? 0;
        const expected = (Number(avgText) * (21 - ref)) / (21 - o2);
        const diff = Math.abs(Number(r.values[`${code}-zsavg`]) - expected);
        const inCase = exempt.some((l) => l.outlet_id === r.outletId && inWindow(r.time, l));
        if (inCase) {
          if (Number(avgText) > 1 && diff > 0.05 * expected) mismatchedInCase++;
        } else {
          expect(diff, `${r.outletId} ${r.time} ${code}`).toBeLessThanOrEqual(0.5 * 10 ** -decimals + 1e-9);
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20_000);
    expect(mismatchedInCase).toBeGreaterThan(100);
  });

  it('mass = concentration × hourly volume × 1e-6 kg, and a00000-avg × 3600 = the hourly volume', () => {
    let checked = 0;
    for (const r of gasRecords(dirA, manifest)) {
      const volume = Number(r.values['a00000-cou']);
      expect(Math.abs(Number(r.values['a00000-avg']) * 3600 - volume)).toBeLessThanOrEqual(18.01);
      for (const code of ['a21026', 'a21002', 'a34013', 'a24088']) {
        const avg = r.values[`${code}-avg`];
        if (avg === undefined) continue;
        expect(Math.abs(Number(r.values[`${code}-cou`]) - Number(avg) * volume * 1e-6)).toBeLessThanOrEqual(
          0.0005 + 1e-9,
        );
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20_000);
  });

  it('water loads = concentration × volume × 1e-3 kg; batch analysers hold values for their cycle', () => {
    const recs = readLongCsv(path.join(dirA, 'monitoring/water-hourly-long.csv'));
    for (const r of recs) {
      const volume = Number(r.values['w00000-cou']);
      expect(Math.abs(volume - Number(r.values['w00000-avg']) * 3.6)).toBeLessThanOrEqual(0.0051);
      for (const code of ['w01018', 'w21003', 'w21011', 'w21001']) {
        const load = Number(r.values[`${code}-cou`]);
        expect(Math.abs(load - Number(r.values[`${code}-avg`]) * volume * 1e-3)).toBeLessThanOrEqual(
          0.0005 + 1e-9,
        );
      }
    }
    // TN (4-hour cycle) changes at most every 4 hours.
    const tn = recs.filter((r) => r.key === 'E0007-W1').map((r) => r.values['w21001-avg']);
    let changes = 0;
    for (let i = 1; i < tn.length; i++) if (tn[i] !== tn[i - 1]) changes++;
    expect(changes).toBeLessThanOrEqual(Math.ceil(tn.length / 4) + 1);
  });

  it('power on ⇔ stack flow up (and combustion stacks hot) outside the planted windows', () => {
    const reg = registry(dirA);
    const devices = csv(path.join(dirA, 'devices.csv')).rows;
    const records = gasRecords(dirA, manifest);
    const powerRows = csv(path.join(dirA, 'power/power-readings.csv')).rows;
    const hourly = new Map<string, { sum: number; n: number; on: number }>();
    const rated = new Map(devices.map((d) => [d[0]!, Number(d[5])]));
    for (const [dev, time, kw] of powerRows) {
      const k = `${dev}|${time!.slice(0, 13)}`;
      const e = hourly.get(k) ?? { sum: 0, n: 0, on: 0 };
      e.sum += Number(kw);
      e.n++;
      if (Number(kw) > 0.2 * rated.get(dev!)!) e.on++;
      hourly.set(k, e);
    }
    let checked = 0;
    for (const o of reg.filter((x) => x.media === '废气')) {
      // VOC exhaust is pulled by the treatment fan; combustion stacks by production.
      const device = o.outletId.replace(/-G(\d+)$/, o.o2Ref === null ? '-T$1' : '-P$1');
      const recs = records.filter((r) => r.outletId === o.outletId);
      const maxFlow = Math.max(...recs.map((r) => Number(r.values['a00000-cou'])));
      const skip = labelsOf(
        manifest,
        (l) =>
          l.kind === 'case' && l.site_id === o.siteId && (l.outlet_id === o.outletId || l.outlet_id === ''),
      );
      for (const r of recs) {
        if (skip.some((l) => inWindow(r.time, l))) continue;
        const p = hourly.get(`${device}|${r.time.slice(0, 13)}`);
        if (!p || (p.on !== 0 && p.on !== p.n)) continue; // partial hours and meter gaps
        const powerOn = p.on === p.n;
        const flowUp = Number(r.values['a00000-cou']) > 0.25 * maxFlow;
        expect(flowUp, `${o.outletId} ${r.time}`).toBe(powerOn);
        if (powerOn && o.o2Ref !== null) expect(Number(r.values['a01012-avg'])).toBeGreaterThan(40);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(5_000);
  });
});

// ---- labels ------------------------------------------------------------------------------------

describe('labels', () => {
  it('use valid rule ids and legal categories and lie inside the period', () => {
    const start = manifest.stats.start;
    const end = manifest.stats.end;
    expect(manifest.labels.length).toBeGreaterThan(30);
    for (const l of manifest.labels) {
      expect(RULE_IDS).toContain(l.expected_rule);
      for (const r of l.also_rules.split(';').filter((x) => x !== '')) expect(RULE_IDS).toContain(r);
      expect(LEGAL_CATEGORIES).toContain(l.legal_category);
      expect(['case', 'lookalike']).toContain(l.kind);
      expect(l.start >= start && l.end <= end && l.start < l.end, `${l.label_id} ${l.start}–${l.end}`).toBe(
        true,
      );
      expect(l.description_zh.length).toBeGreaterThan(5);
      expect(l.description_en.length).toBeGreaterThan(5);
    }
    const ids = manifest.labels.map((l) => l.label_id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('list every planted case and look-alike of the brief', () => {
    const has = (
      kind: 'case' | 'lookalike',
      rule: string,
      pred: (l: DemoLabel) => boolean = () => true,
    ): void => {
      expect(
        manifest.labels.some((l) => l.kind === kind && l.expected_rule === rule && pred(l)),
        `${kind} ${rule}`,
      ).toBe(true);
    };
    for (const rule of [
      'treatment-off',
      'flatline',
      'copy-paste',
      'order-production',
      'exceedance',
      'limit-hugging',
      'dilution',
      'o2-correction',
      'flag-abuse',
      'gaps-high-load',
      'treatment-low-power',
      'station-high-value',
      'om-company',
    ]) {
      has('case', rule);
    }
    has('case', 'copy-paste', (l) => l.related_outlet_id === l.outlet_id); // same outlet, other days
    has('case', 'copy-paste', (l) => l.related_outlet_id !== '' && l.related_outlet_id !== l.outlet_id);
    has('lookalike', 'flag-abuse', (l) => l.description_en.includes('calibration'));
    has('lookalike', 'flatline', (l) => l.code === 'w21001'); // batch analyser
    has('lookalike', 'flatline', (l) => l.code === 'a34013'); // detection limit
    has(
      'lookalike',
      'flatline',
      (l) => l.description_en.includes('shutdown') || l.description_en.includes('stopped'),
    );
    has('lookalike', 'station-high-value', (l) => l.station_id === '');
    has('lookalike', 'limit-hugging');
    has('lookalike', 'exceedance');
    const labelsCsv = csv(path.join(dirA, 'labels.csv'));
    expect(labelsCsv.rows.length).toBe(manifest.labels.length);
    expect(JSON.parse(readFileSync(path.join(dirA, 'labels.json'), 'utf8'))).toEqual(manifest.labels);
  });
});

// ---- the planted signatures are really in the data ---------------------------------------------

describe('planted signatures', () => {
  it('flatline: values identical for ≥ 12 h while flow varies', () => {
    const l = labelsOf(manifest, (x) => x.kind === 'case' && x.expected_rule === 'flatline')[0]!;
    const recs = gasRecords(dirA, manifest).filter((r) => r.outletId === l.outlet_id && inWindow(r.time, l));
    expect(recs.length).toBeGreaterThanOrEqual(12);
    for (const key of ['a21026-avg', 'a21002-zsavg', 'a34013-avg', 'a19001-avg']) {
      expect(new Set(recs.map((r) => r.values[key])).size, key).toBe(1);
    }
    expect(new Set(recs.map((r) => r.values['a00000-cou'])).size).toBeGreaterThan(6);
  });

  it('treatment-off: the VOC fan is at ~0 kW while the press runs', () => {
    for (const l of labelsOf(manifest, (x) => x.expected_rule === 'treatment-off')) {
      const fan = power(dirA, l.device_id).filter((p) => inWindow(p.time, l));
      const press = power(dirA, l.device_id.replace('-T', '-P')).filter((p) => inWindow(p.time, l));
      expect(fan.length).toBe(24); // 2 h of 5-minute readings
      expect(Math.max(...fan.map((p) => p.kw))).toBeLessThan(1);
      expect(Math.min(...press.map((p) => p.kw))).toBeGreaterThan(30);
    }
  });

  it('copy-paste: the copied day equals its source hour by hour', () => {
    const recs = gasRecords(dirA, manifest);
    for (const l of labelsOf(manifest, (x) => x.kind === 'case' && x.expected_rule === 'copy-paste')) {
      const dst = recs.filter((r) => r.outletId === l.outlet_id && inWindow(r.time, l));
      const srcStart = l.related_start;
      const src = recs
        .filter((r) => r.outletId === l.related_outlet_id && r.time >= srcStart)
        .sort((a, b) => (a.time < b.time ? -1 : 1))
        .slice(0, dst.length);
      expect(dst.length).toBeGreaterThanOrEqual(24);
      dst.forEach((d, i) => {
        for (const key of ['a21026-avg', 'a21002-avg', 'a34013-zsavg', 'a19001-avg']) {
          expect(d.values[key], `${l.label_id} ${d.time} ${key}`).toBe(src[i]!.values[key]);
        }
      });
    }
  });

  it('exceedances: over the limit with flag N; the exempt startup ones sit inside a 启炉 mark', () => {
    const recs = gasRecords(dirA, manifest);
    const reg = new Map(registry(dirA).map((o) => [o.outletId, o]));
    const marks = csv(path.join(dirA, 'marks.csv')).rows;
    for (const l of labelsOf(manifest, (x) => x.expected_rule === 'exceedance' && x.site_id === 'E0005')) {
      const hours = recs.filter((r) => r.outletId === l.outlet_id && inWindow(r.time, l));
      const over = hours.filter((r) =>
        ['a21026', 'a21002', 'a34013'].some(
          (c) =>
            Number(r.values[`${c}-zsavg`]) > reg.get(l.outlet_id)!.limits[c]! &&
            r.values[`${c}-flag`] === 'N',
        ),
      );
      expect(over.length, l.label_id).toBeGreaterThanOrEqual(2);
      const marked = marks.some(
        (m) => m[0] === l.outlet_id && m[3] === '启炉' && m[1]! <= l.start && m[2]! >= l.end,
      );
      expect(marked, l.label_id).toBe(l.kind === 'lookalike');
    }
  });

  it('order-production: the cement kiln draws full power through the order window', () => {
    const l = labelsOf(manifest, (x) => x.expected_rule === 'order-production' && x.kind === 'case')[0]!;
    const kiln = power(dirA, l.device_id).filter((p) => inWindow(p.time, l));
    expect(kiln.length).toBe(54 * 4);
    const rated = Number(csv(path.join(dirA, 'devices.csv')).rows.find((d) => d[0] === l.device_id)![5]);
    expect(kiln.every((p) => p.kw > 0.5 * rated)).toBe(true);
    const measures = csv(path.join(dirA, 'measures.csv')).rows;
    expect(measures).toContainEqual([l.site_id, 'orange', `${l.site_id}-L1`, 'stop', '']);
    const trucks = csv(path.join(dirA, 'gates.csv')).rows.filter(
      (g) => g[0] === l.site_id && g[1]! >= l.start && g[1]! < l.end && g[4] === '国四',
    );
    expect(trucks.length).toBeGreaterThan(5);
    // Compliant sites admit no 国四/国三 trucks during the order.
    const others = csv(path.join(dirA, 'gates.csv')).rows.filter(
      (g) =>
        g[0] !== l.site_id &&
        g[1]! >= l.start &&
        g[1]! < l.end &&
        (g[4] === '国四' || g[4] === '国三') &&
        g[3] === '进',
    );
    expect(others).toEqual([]);
  });

  it('station-high-value: one station far above its peers; the regional episode lifts all', () => {
    const air = csv(path.join(dirA, 'air-hourly.csv')).rows;
    const local = labelsOf(
      manifest,
      (x) => x.expected_rule === 'station-high-value' && x.kind === 'case',
    )[0]!;
    const at = air.filter((r) => inWindow(r[1]!, local) && r[2] !== 'NA');
    const mine = at.filter((r) => r[0] === local.station_id).map((r) => Number(r[2]));
    const peers = at.filter((r) => r[0] !== local.station_id).map((r) => Number(r[2]));
    const median = peers.sort((a, b) => a - b)[Math.floor(peers.length / 2)]!;
    expect(mine.filter((v) => v >= 115 && v >= 1.5 * median).length).toBeGreaterThanOrEqual(4);
    const regional = labelsOf(
      manifest,
      (x) => x.expected_rule === 'station-high-value' && x.kind === 'lookalike',
    )[0]!;
    const during = air.filter((r) => inWindow(r[1]!, regional) && r[2] !== 'NA').map((r) => Number(r[2]));
    const before = air.filter((r) => r[1]! < regional.start && r[2] !== 'NA').map((r) => Number(r[2]));
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(during)).toBeGreaterThan(2 * mean(before));
  });
});
