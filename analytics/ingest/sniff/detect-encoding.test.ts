import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { hasSharedData, sharedData } from '../../../tests/support/shared-data';
import { detectEncoding, detectFileEncoding } from './detect-encoding';
import { encodeGb18030 } from './encode-gb18030';

const CSV = '监测时间,二氧化硫实测浓度(mg/m3),氧含量(%)\n2021-10-07 18:00:00,12.5,8.1\n';

function utf16(text: string, littleEndian: boolean, bom: boolean): Uint8Array {
  const units = [...(bom ? [0xfeff] : []), ...Array.from(text, (c) => c.charCodeAt(0))];
  const bytes = new Uint8Array(units.length * 2);
  const view = new DataView(bytes.buffer);
  units.forEach((u, i) => view.setUint16(i * 2, u, littleEndian));
  return bytes;
}

describe('detectEncoding', () => {
  it('reads byte-order marks', () => {
    const utf8 = new TextEncoder().encode(CSV);
    expect(detectEncoding(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8]))).toEqual({
      encoding: 'utf-8-bom',
      bomLength: 3,
    });
    expect(detectEncoding(utf16(CSV, true, true))).toEqual({ encoding: 'utf-16le', bomLength: 2 });
    expect(detectEncoding(utf16(CSV, false, true))).toEqual({ encoding: 'utf-16be', bomLength: 2 });
  });

  it('recognises UTF-16 without BOM by its NUL bytes', () => {
    expect(detectEncoding(utf16(CSV, true, false))).toEqual({ encoding: 'utf-16le', bomLength: 0 });
    expect(detectEncoding(utf16(CSV, false, false))).toEqual({ encoding: 'utf-16be', bomLength: 0 });
  });

  it('tells UTF-8 from GB18030', () => {
    expect(detectEncoding(new TextEncoder().encode(CSV), { complete: true }).encoding).toBe('utf-8');
    expect(detectEncoding(new TextEncoder().encode('a,b\n1,2\n'), { complete: true }).encoding).toBe('utf-8');
    expect(detectEncoding(encodeGb18030(CSV), { complete: true }).encoding).toBe('gb18030');
  });

  it('forgives a multi-byte character cut at the end of a sample, not of a whole file', () => {
    const bytes = new TextEncoder().encode('时间,值\n测');
    const cut = bytes.subarray(0, bytes.length - 1);
    expect(detectEncoding(cut).encoding).toBe('utf-8');
    expect(detectEncoding(cut, { complete: true }).encoding).toBe('gb18030');
  });

  it('treats an empty sample as UTF-8', () => {
    expect(detectEncoding(new Uint8Array(0), { complete: true })).toEqual({
      encoding: 'utf-8',
      bomLength: 0,
    });
  });
});

describe('detectFileEncoding', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'detect-encoding-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('detects generated files', async () => {
    const files: Record<string, Uint8Array> = {
      'gb.csv': encodeGb18030(CSV.repeat(3000)), // longer than the 64 KiB sample
      'le.csv': utf16(CSV, true, true),
      'bom.csv': Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(CSV)]),
    };
    for (const [name, bytes] of Object.entries(files)) await writeFile(path.join(dir, name), bytes);
    expect((await detectFileEncoding(path.join(dir, 'gb.csv'))).encoding).toBe('gb18030');
    expect((await detectFileEncoding(path.join(dir, 'le.csv'))).encoding).toBe('utf-16le');
    expect((await detectFileEncoding(path.join(dir, 'bom.csv'))).encoding).toBe('utf-8-bom');
  });
});

describe.skipIf(!hasSharedData)('detectFileEncoding on the shared data', () => {
  it('finds the GBK receiver log to be GB18030 and the CSVs UTF-8', async () => {
    const gbk = sharedData('hj212_raw_logs', 'gj0312_GB212ReceiverApp_HJ212_test_messages.txt');
    expect(await detectFileEncoding(gbk)).toEqual({ encoding: 'gb18030', bomLength: 0 });
    const utf8 = sharedData('wastewater_online_cn', 'kahsolt_water_quality_test.csv');
    expect(await detectFileEncoding(utf8)).toEqual({ encoding: 'utf-8', bomLength: 0 });
    const chineseLog = sharedData('hj212_raw_logs', 'skylakezf_HJ212_Server_server.log');
    expect((await detectFileEncoding(chineseLog)).encoding).toBe('utf-8');
  });
});
