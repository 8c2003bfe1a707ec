import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { ByteRowWriter } from './byte-row-writer';
import type { MarkRecord } from './case-effects';
import type { GasOutlet, WaterOutlet } from './city-layout';
import type { DemoPeriod } from './demo-period';
import type { DemoFile, DemoFileFormat, DemoFileKind } from './demo-types';
import type { GasRecords } from './gas-outlet-model';
import { writeHj212Log } from './hj212-log-writer';
import { LongCsvWriter } from './long-csv-writer';
import { MARKS_HEADER, markRow } from './reference-files-writer';
import { PartitionedCsv, TextFileSink, type WrittenFile } from './text-file-sink';
import type { WaterRecords } from './water-outlet-model';
import { WideCsvWriter, type WideDialect } from './wide-csv-writer';
import { writeXlsxOutlet } from './xlsx-outlet-writer';

/** Large streams are split into parts of at most this size, at outlet/device/site boundaries. */
export const MAX_PART_BYTES = 256 * 1024 * 1024;

const NOTE = {
  wideCode:
    'UTF-8, LF, code headers (mn, time, <code>-avg/-zsavg/-cou/-flag); time YYYY-MM-DD HH:mm:ss; ' +
    'a00000-avg m³/s, a00000-cou m³ per hour, pollutant cou kg',
  wideChinese:
    'GB18030, CRLF, Chinese headers (监测点编号, 监测时间, 二氧化硫实测浓度(mg/m3) …); time YYYY/M/D HH:mm; ' +
    '标干流量 m³/s, 废气排放量 m³ per hour',
  long: 'UTF-8, LF, outlet_id,code,time,value,flag,stat; time YYYYMMDDHHmmss; stat avg|cou (cou kg, w00000 m³)',
  hj212: 'HJ 212-2017 CN=2061 hourly packets, valid CRC, CRLF; one receiver status line per day (noise)',
  xlsx: 'one sheet; Chinese wide header in row 1; time as Excel date cells',
  power:
    'UTF-8, device_id,time,kw,kwh; 15-minute readings (5-minute for some printing plants); kwh cumulative',
  gates: 'UTF-8, English headers; direction 进/出; emission_stage 国三…国六/电动',
  marks: 'UTF-8, English headers; mark 停运/启炉/停炉/故障/校准/维护; source 自动/人工',
  air: 'UTF-8, hourly; µg/m³ (CO mg/m³); NA = missing',
} as const;

/**
 * Every streaming output of the demo city, opened on first use (a small city gets no empty
 * files) and closed in a fixed order so the manifest is deterministic.
 */
export class DemoOutputs {
  readonly files: DemoFile[] = [];
  private readonly wide = new Map<string, WideCsvWriter>();
  private long: LongCsvWriter | null = null;
  private gatesCsv: PartitionedCsv | null = null;
  private readonly power: PartitionedCsv;
  private readonly marks: TextFileSink;
  private readonly hj212: WrittenFile[] = [];
  private readonly xlsx: WrittenFile[] = [];
  private air: TextFileSink | null = null;
  private airWriter: ByteRowWriter | null = null;

  constructor(private readonly dir: string) {
    this.power = new PartitionedCsv(
      dir,
      'power/power-readings.csv',
      'utf-8',
      'device_id,time,kw,kwh\n',
      MAX_PART_BYTES,
    );
    this.marks = new TextFileSink(dir, 'marks.csv', 'utf-8');
    this.marks.write(`${MARKS_HEADER}\n`);
  }

  add(written: WrittenFile, kind: DemoFileKind, format: DemoFileFormat, note: string): void {
    this.files.push({ ...written, kind, format, note });
  }

  /** Writes one gas outlet in its export format; returns the records written. */
  writeGasOutlet(outlet: GasOutlet, rec: GasRecords, period: DemoPeriod, seed: number): number {
    switch (outlet.format) {
      case 'wide-utf8':
        return this.wideWriter('code', outlet).writeOutlet(outlet, rec, period);
      case 'wide-gb18030':
        return this.wideWriter('chinese', outlet).writeOutlet(outlet, rec, period);
      case 'hj212': {
        const f = writeHj212Log(this.dir, `monitoring/hj212/${outlet.mn}.log`, outlet, rec, period, seed);
        this.hj212.push(f);
        return f.rows;
      }
      case 'xlsx': {
        mkdirSync(path.join(this.dir, 'monitoring', 'xlsx'), { recursive: true });
        const f = writeXlsxOutlet(this.dir, `monitoring/xlsx/${outlet.outletId}.xlsx`, outlet, rec, period);
        this.xlsx.push(f);
        return f.rows;
      }
    }
  }

  writeWaterOutlet(outlet: WaterOutlet, rec: WaterRecords, period: DemoPeriod): number {
    this.long ??= new LongCsvWriter(this.dir, 'monitoring/water-hourly-long.csv', MAX_PART_BYTES);
    return this.long.writeOutlet(outlet, rec, period);
  }

  /** Row writer of the power stream; call powerBoundary() after each device. */
  get powerRows(): ByteRowWriter {
    return this.power.rows;
  }

  powerBoundary(): void {
    this.power.boundary();
  }

  /** Row writer of the gate stream; call gatesBoundary() after each site. */
  get gateRows(): ByteRowWriter {
    this.gatesCsv ??= new PartitionedCsv(
      this.dir,
      'gates.csv',
      'utf-8',
      'site_id,time,plate,direction,emission_stage,fuel,vehicle_type\n',
      MAX_PART_BYTES,
    );
    return this.gatesCsv.rows;
  }

  gatesBoundary(): void {
    this.gatesCsv?.boundary();
  }

  /** Marks of one site, sorted by outlet and start. */
  writeMarks(marks: readonly MarkRecord[], period: DemoPeriod): number {
    const sorted = [...marks].sort((a, b) =>
      a.outletId < b.outletId ? -1 : a.outletId > b.outletId ? 1 : a.start - b.start,
    );
    for (const m of sorted) this.marks.row(markRow(period, m));
    return sorted.length;
  }

  /** Row writer of the ambient stream (written once, after the enterprises). */
  airRows(): ByteRowWriter {
    this.air = new TextFileSink(this.dir, 'air-hourly.csv', 'utf-8');
    this.air.write('station_id,time,pm25,pm10,so2,no2,co,o3\n');
    this.airWriter = new ByteRowWriter(this.air);
    return this.airWriter;
  }

  closeAll(): void {
    for (const key of [...this.wide.keys()].sort()) {
      const w = this.wide.get(key)!;
      const note = w.dialect === 'code' ? NOTE.wideCode : NOTE.wideChinese;
      for (const f of w.close()) this.add(f, 'monitoring-wide', 'csv', note);
    }
    if (this.long) for (const f of this.long.close()) this.add(f, 'monitoring-long', 'csv', NOTE.long);
    for (const f of this.hj212) this.add(f, 'hj212-log', 'hj212', NOTE.hj212);
    for (const f of this.xlsx) this.add(f, 'monitoring-wide', 'xlsx', NOTE.xlsx);
    for (const f of this.power.close()) this.add(f, 'power', 'csv', NOTE.power);
    if (this.gatesCsv) for (const f of this.gatesCsv.close()) this.add(f, 'gates', 'csv', NOTE.gates);
    this.add(this.marks.close(), 'marks', 'csv', NOTE.marks);
    this.airWriter?.flush();
    if (this.air) this.add(this.air.close(), 'air', 'csv', NOTE.air);
  }

  /** Close descriptors without manifest entries (generation failed or was aborted). */
  abandonAll(): void {
    for (const w of this.wide.values()) w.abandon();
    this.long?.abandon();
    this.power.abandon();
    this.gatesCsv?.abandon();
    this.marks.abandon();
    this.air?.abandon();
  }

  private wideWriter(dialect: WideDialect, outlet: GasOutlet): WideCsvWriter {
    const voc = outlet.o2Ref === null;
    const key = `${voc ? 'voc' : 'gas'}-hourly-${dialect === 'code' ? 'utf8' : 'gb18030'}`;
    let w = this.wide.get(key);
    if (!w) {
      w = new WideCsvWriter(
        this.dir,
        `monitoring/${key}.csv`,
        dialect,
        outlet.pollutants.map((p) => p.code),
        !voc,
        MAX_PART_BYTES,
      );
      this.wide.set(key, w);
    }
    return w;
  }
}
