import { readFileSync } from 'node:fs';
import { GAS_POLLUTANT_NAME_ZH, type GasPollutantCode } from './pollutant-codes';
import { wideHeader } from './wide-csv-writer';

/**
 * Reads the demo city's own files back (tests and checks only — the product's importer is in
 * analytics/ingest). Knows exactly the dialects the generator writes, nothing more.
 */

export interface CsvTable {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/** A monitoring record: values keyed '<code>-<stat>' in lower case (avg, zsavg, min, max, cou, flag). */
export interface MonitoringRecord {
  /** MN or outlet_id, as the file identifies the outlet. */
  readonly key: string;
  /** 'YYYY-MM-DD HH:mm:ss'. */
  readonly time: string;
  readonly values: Readonly<Record<string, string>>;
}

export function decodeFile(absPath: string, encoding: string): string {
  const bytes = readFileSync(absPath);
  return new TextDecoder(encoding === 'gb18030' ? 'gb18030' : 'utf-8').decode(bytes);
}

/** RFC 4180 CSV (quotes, CRLF or LF). */
export function parseCsv(text: string): CsvTable {
  const records: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      records.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    records.push(row);
  }
  const [header, ...rows] = records;
  return { header: header ?? [], rows };
}

export function readCsv(absPath: string, encoding = 'utf-8'): CsvTable {
  return parseCsv(decodeFile(absPath, encoding));
}

const pad2 = (s: string): string => s.padStart(2, '0');

/** The three timestamp spellings the generator writes, normalised to 'YYYY-MM-DD HH:mm:ss'. */
export function normaliseTime(text: string): string {
  let m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text);
  if (m) return text;
  m = /^(\d{4})\/(\d{1,2})\/(\d{1,2}) (\d{1,2}):(\d{2})$/.exec(text);
  if (m) return `${m[1]}-${pad2(m[2]!)}-${pad2(m[3]!)} ${pad2(m[4]!)}:${m[5]}:00`;
  m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(text);
  if (m) return `${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}:${m[6]}`;
  throw new Error(`unexpected timestamp '${text}'`);
}

const CODE_BY_ZH = new Map(
  (Object.entries(GAS_POLLUTANT_NAME_ZH) as [GasPollutantCode, string][]).map(([c, n]) => [n, c]),
);

/** Wide CSV of either dialect; Chinese headers are mapped positionally onto the code dialect. */
export function readWideCsv(absPath: string, encoding: string): MonitoringRecord[] {
  const t = readCsv(absPath, encoding);
  let columns = t.header.map((h) => h.toLowerCase());
  if (t.header[0] === '监测点编号') {
    const codes: GasPollutantCode[] = [];
    for (const h of t.header) {
      const m = /^(.+?)实测浓度/.exec(h);
      if (m) codes.push(CODE_BY_ZH.get(m[1]!)!);
    }
    const withConverted = t.header.some((h) => h.includes('折算浓度'));
    columns = wideHeader('code', codes, withConverted);
  }
  return t.rows.map((r) => {
    const values: Record<string, string> = {};
    for (let i = 2; i < columns.length; i++) values[columns[i]!] = r[i]!;
    return { key: r[0]!, time: normaliseTime(r[1]!), values };
  });
}

export interface Hj212Line {
  readonly length: number;
  readonly segment: string;
  readonly crc: string;
}

/** Packets of an HJ 212 log (noise lines skipped, counted). */
export function readHj212Log(absPath: string): {
  readonly packets: readonly Hj212Line[];
  readonly records: readonly MonitoringRecord[];
  readonly noiseLines: number;
} {
  const text = readFileSync(absPath, 'utf8');
  const packets: Hj212Line[] = [];
  const records: MonitoringRecord[] = [];
  let noiseLines = 0;
  for (const line of text.split('\r\n')) {
    if (line === '') continue;
    const m = /^##(\d{4})(.*)([0-9A-F]{4})$/.exec(line);
    if (!m) {
      noiseLines++;
      continue;
    }
    const segment = m[2]!;
    packets.push({ length: Number(m[1]), segment, crc: m[3]! });
    const mn = /MN=([^;]+);/.exec(segment)![1]!;
    const cp = /CP=&&(.*)&&$/.exec(segment)![1]!;
    const values: Record<string, string> = {};
    let time = '';
    for (const item of cp.split(';')) {
      for (const kv of item.split(',')) {
        const [k, v] = kv.split('=') as [string, string];
        if (k === 'DataTime') time = normaliseTime(v);
        else values[k.toLowerCase()] = v;
      }
    }
    records.push({ key: mn, time, values });
  }
  return { packets, records, noiseLines };
}

/** Long CSV rows folded into one record per outlet and hour ('<code>-<stat>', '<code>-flag'). */
export function readLongCsv(absPath: string): MonitoringRecord[] {
  const t = readCsv(absPath);
  const byKey = new Map<string, { key: string; time: string; values: Record<string, string> }>();
  for (const [outlet, code, time, value, flag, stat] of t.rows as string[][]) {
    const iso = normaliseTime(time!);
    const k = `${outlet}|${iso}`;
    let rec = byKey.get(k);
    if (!rec) {
      rec = { key: outlet!, time: iso, values: {} };
      byKey.set(k, rec);
    }
    rec.values[`${code}-${stat}`] = value!;
    rec.values[`${code}-flag`] = flag!;
  }
  return [...byKey.values()];
}
