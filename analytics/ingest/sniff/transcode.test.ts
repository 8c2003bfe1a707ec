import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { hasSharedData, sharedData } from '../../../tests/support/shared-data';
import { encodeGb18030 } from './encode-gb18030';
import { transcodeToUtf8 } from './transcode';

const CSV = '监测时间,二氧化硫实测浓度(mg/m³),氧含量（%）\r\n2021-10-07 18:00:00,12.5,8.1\r\n';

function utf16le(text: string, bom: boolean): Uint8Array {
  return Uint8Array.from([...(bom ? [0xff, 0xfe] : []), ...Buffer.from(text, 'utf16le')]);
}

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'transcode-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function roundTrip(bytes: Uint8Array, chunkBytes?: number) {
  const source = path.join(dir, `in-${Math.random().toString(36).slice(2)}.csv`);
  const target = `${source}.utf8`;
  await writeFile(source, bytes);
  const result = await transcodeToUtf8(source, target, chunkBytes ? { chunkBytes } : {});
  return { result, text: await readFile(target, 'utf8'), bytes: await readFile(target) };
}

describe('transcodeToUtf8', () => {
  it('transcodes GB18030, UTF-16 LE with BOM and UTF-8 with BOM to plain UTF-8', async () => {
    const text = CSV.repeat(500);
    for (const [bytes, encoding] of [
      [encodeGb18030(text), 'gb18030'],
      [utf16le(text, true), 'utf-16le'],
      [Uint8Array.from([0xef, 0xbb, 0xbf, ...Buffer.from(text)]), 'utf-8-bom'],
    ] as const) {
      // Small chunks put multi-byte characters across chunk boundaries.
      const out = await roundTrip(bytes, 1000);
      expect(out.result.encoding).toBe(encoding);
      expect(out.text).toBe(text);
      expect(out.bytes[0]).not.toBe(0xef); // no BOM in the output
      expect(out.result.replacementCount).toBe(0);
      expect(out.result.bytesRead).toBe(bytes.length);
      expect(out.result.bytesWritten).toBe(Buffer.byteLength(text));
    }
  });

  it('counts undecodable bytes and reports their lines', async () => {
    const good = encodeGb18030('时间,值\n2021-10-07 18:00:00,1\n');
    const bad = Uint8Array.from([...good, 0x32, 0x2c, 0xff, 0x0a, 0x33, 0x2c, 0x81]);
    const out = await roundTrip(bad);
    expect(out.result.encoding).toBe('gb18030');
    expect(out.result.replacementCount).toBe(2);
    expect(out.result.replacementLines).toEqual([3, 4]);
    expect(out.text.endsWith('2,\uFFFD\n3,\uFFFD')).toBe(true);
  });

  it('honours an explicit encoding, reports progress and stops on abort', async () => {
    const source = path.join(dir, 'big.csv');
    const bytes = encodeGb18030(CSV.repeat(20000));
    await writeFile(source, bytes);
    const progress: number[] = [];
    const result = await transcodeToUtf8(source, path.join(dir, 'big.out'), {
      encoding: 'gb18030',
      chunkBytes: 64 * 1024,
      onProgress: (read, total) => {
        progress.push(read);
        expect(total).toBe(bytes.length);
      },
    });
    expect(progress.length).toBeGreaterThan(5);
    expect(progress.at(-1)).toBe(bytes.length);
    expect(result.bytesRead).toBe(bytes.length);

    const controller = new AbortController();
    const target = path.join(dir, 'aborted.out');
    const aborted = transcodeToUtf8(source, target, {
      chunkBytes: 16 * 1024,
      signal: controller.signal,
      onProgress: (read) => {
        if (read > 100_000) controller.abort();
      },
    });
    await expect(aborted).rejects.toThrow(/abort/i);
    await expect(readFile(target)).rejects.toThrow(/ENOENT/);
  });
});

describe.skipIf(!hasSharedData)('transcodeToUtf8 on the shared GBK log', () => {
  it('decodes the Chinese text of the receiver log', async () => {
    const source = sharedData('hj212_raw_logs', 'gj0312_GB212ReceiverApp_HJ212_test_messages.txt');
    const target = path.join(dir, 'gj0312.txt');
    const result = await transcodeToUtf8(source, target);
    expect(result.encoding).toBe('gb18030');
    const text = await readFile(target, 'utf8');
    expect(text).toContain('##0377ST=22;CN=2011;PW=123456;MN=LB4200001;CP=&&DataTime=20210107140000');
    expect(text.match(/CN=2011/g)?.length).toBeGreaterThanOrEqual(86);
  });
});
