import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hasSharedData, sharedData } from '../../../tests/support/shared-data';
import { formatPacket } from './format-packet';
import { readHj212Log, scanHj212Log, type ReadHj212LogOptions } from './log-reader';
import { Hj212LogScanner, type LogNoise, type LogPacket, type LogSummary } from './log-scanner';

const dir = mkdtempSync(path.join(tmpdir(), 'hj212-log-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const enc = new TextEncoder();
const packet = (cn: string, body: string, extra = ''): string =>
  formatPacket(
    `QN=20240101000000001;ST=31;CN=${cn};PW=123456;MN=MN-A;Flag=4;${extra}CP=&&DataTime=20240101000000;${body}&&`,
  ).trimEnd();
const A = packet('2061', 'a21026-Avg=1.5,a21026-Flag=N');
const B = packet('2051', 'a21026-Avg=2.5,a21026-Flag=N');
const C = packet('2011', 'a21026-Rtd=3.5,a21026-Flag=N');
const P1 = formatPacket(
  'QN=20240101010000001;ST=31;CN=2061;PW=123456;MN=MN-B;Flag=7;PNUM=2;PNO=1;CP=&&DataTime=20240101000000;a21026-Avg=1&&',
).trimEnd();
const P2 = formatPacket(
  'QN=20240101010000002;ST=31;CN=2061;PW=123456;MN=MN-B;Flag=7;PNUM=2;PNO=2;CP=&&DataTime=20240101000000;a21002-Avg=2&&',
).trimEnd();
const D = packet('2031', 'a21026-Avg=4.5');

/** A log with every kind of line: prefixes, CRLF and CR CR LF, GBK noise, HTTP, a split upload ... */
const SYNTHETIC = Buffer.concat([
  Buffer.from([0xef, 0xbb, 0xbf]),
  Buffer.from(`[2024-01-01 00:00:00] RECV: ${A}\r\n`), // 1
  Buffer.from([0xbd, 0xd3, 0xca, 0xd5, 0xca, 0xfd, 0xbe, 0xdd, 0x0d, 0x0a]), // 2: 接收数据 in GBK
  Buffer.from('GET / HTTP/1.1\r\n'), // 3
  Buffer.from('\r\n'), // 4
  Buffer.from(`${B} ${C}\r\r\n`), // 5: two packets on one line
  Buffer.from(`${P1}\n`), // 6
  Buffer.from(`${A.slice(0, 80)}\r\n`), // 7: a cut-off read
  Buffer.from('0E0F00000006010400000064\r\n'), // 8: a Modbus TCP frame in hex
  Buffer.from([0x16, 0x03, 0x01, 0x00, 0xa5, 0x01, 0x0a]), // 9: a TLS handshake
  Buffer.from(`${P2}\n`), // 10
  Buffer.from('[2020-09-22 18:17:47]\r\r\n'), // 11
  Buffer.from(D), // 12: no final newline
]);
const syntheticPath = path.join(dir, 'synthetic.log');
writeFileSync(syntheticPath, SYNTHETIC);

async function collect(
  file: string,
  options: ReadHj212LogOptions = {},
): Promise<{ packets: LogPacket[]; summary: LogSummary }> {
  const packets: LogPacket[] = [];
  const summary = await scanHj212Log(file, (p) => void packets.push(p), options);
  return { packets, summary };
}

describe('readHj212Log on a synthetic log', () => {
  it('finds every packet with its line, reassembles the split upload and classifies the noise', async () => {
    const noise: LogNoise[] = [];
    const { packets, summary } = await collect(syntheticPath, { onNoise: (n) => noise.push(n) });
    expect(packets.map((p) => [p.kind, p.line, p.packet.cn])).toEqual([
      ['single', 1, '2061'],
      ['single', 5, '2051'],
      ['single', 5, '2011'],
      ['reassembled', 6, '2061'],
      ['single', 12, '2031'],
    ]);
    const merged = packets[3]!;
    expect(merged.kind === 'reassembled' && merged.complete && merged.parts.map((p) => p.line)).toEqual([
      6, 10,
    ]);
    expect(merged.packet.cp.map((f) => f.code)).toEqual(['a21026', 'a21002']);
    expect(packets.every((p) => p.packet.crc.verdict === 'valid' && p.packet.warnings.length === 0)).toBe(
      true,
    );
    expect(noise.map((n) => [n.line, n.reason])).toEqual([
      [2, 'text'],
      [3, 'http'],
      [4, 'empty'],
      [7, 'truncated'],
      [8, 'hex'],
      [9, 'binary'],
      [11, 'timestamp'],
    ]);
    expect(noise[0]).toMatchObject({ text: '接收数据', encoding: 'gb18030' });
    expect(summary).toMatchObject({
      bytes: SYNTHETIC.length,
      lines: 12,
      packetLines: 5,
      packets: 6,
      crc: { valid: 6, mismatch: 0, variant: 0, absent: 0 },
      lengthMismatch: 0,
      noiseLines: 7,
      noise: {
        empty: 1,
        http: 1,
        truncated: 1,
        malformed: 0,
        hex: 1,
        binary: 1,
        timestamp: 1,
        text: 1,
        oversize: 0,
      },
      rejectedFragments: 0,
      packetsByCn: { '2011': 1, '2031': 1, '2051': 1, '2061': 3 },
      mns: ['MN-A', 'MN-B'],
      split: { parts: 2, complete: 1, incomplete: 0 },
    });
  });

  it('gives the same result for any chunk size', async () => {
    const whole = await collect(syntheticPath);
    const shape = (r: typeof whole): unknown => ({
      packets: r.packets.map((p) => [p.kind, p.line, p.packet.text]),
      summary: r.summary,
    });
    for (const chunkBytes of [1, 2, 3, 7, 64, 333]) {
      expect(shape(await collect(syntheticPath, { chunkBytes }))).toEqual(shape(whole));
    }
  });

  it('reports progress up to the file size', async () => {
    const seen: number[] = [];
    await collect(syntheticPath, {
      chunkBytes: 100,
      onProgress: (p) => seen.push(p.bytesRead / p.totalBytes),
    });
    expect(seen.length).toBeGreaterThan(5);
    expect(seen.at(-1)).toBe(1);
  });

  it('stops with an AbortError when the signal aborts', async () => {
    const controller = new AbortController();
    const lines: number[] = [];
    const run = scanHj212Log(
      syntheticPath,
      (p) => {
        lines.push(p.line);
        controller.abort();
      },
      { signal: controller.signal, chunkBytes: 16 },
    );
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(lines).toEqual([1]);
    await expect(collect(syntheticPath, { signal: AbortSignal.abort() })).rejects.toMatchObject({
      name: 'AbortError',
    });
  });

  it('returns the summary as the generator result', async () => {
    const reader = readHj212Log(syntheticPath);
    let next = await reader.next();
    let n = 0;
    while (next.done !== true) {
      n++;
      next = await reader.next();
    }
    expect(n).toBe(5);
    expect(next.value.packets).toBe(6);
  });

  it('skips a line longer than maxLineBytes and goes on', async () => {
    const file = path.join(dir, 'oversize.log');
    writeFileSync(file, `${A}\n${'x'.repeat(5000)}\n${B}\n`);
    const { packets, summary } = await collect(file, { maxLineBytes: 1000, chunkBytes: 256 });
    expect(packets.map((p) => p.line)).toEqual([1, 3]);
    expect(summary.noise.oversize).toBe(1);
    expect(summary.lines).toBe(3);
  });

  it('counts a fragment before a packet on the same line as rejected, not as noise', () => {
    const scanner = new Hj212LogScanner();
    const out = [...scanner.push(enc.encode(`${A.slice(0, 60)}${B}\n`)), ...scanner.end()];
    expect(out.map((p) => p.packet.cn)).toEqual(['2051']);
    expect(scanner.summary()).toMatchObject({ packetLines: 1, rejectedFragments: 1, noiseLines: 0 });
  });

  it('emits an unfinished split upload as incomplete at the end', () => {
    const scanner = new Hj212LogScanner();
    const out = [...scanner.push(enc.encode(`${P1}\n`)), ...scanner.end()];
    expect(out).toMatchObject([{ kind: 'reassembled', line: 1, complete: false }]);
    expect(out[0]!.packet.warnings.map((w) => w.code)).toContain('split-incomplete');
    expect(scanner.summary().split).toEqual({ parts: 1, complete: 0, incomplete: 1 });
  });
});

interface LogExpectation {
  readonly lines: number;
  readonly packets: number;
  readonly crc: LogSummary['crc'];
  readonly packetsByCn: Record<string, number>;
  readonly noise: Partial<LogSummary['noise']>;
  readonly mns: readonly string[];
  readonly lengthMismatch: number;
  readonly distinctVariantPackets: number;
}

// Counts checked by hand against the files (grep/awk), see the report of this module.
const RAW_LOGS: Record<string, LogExpectation> = {
  // GBK text file of a TCP debugger: HTTP scanners, TLS handshakes, then 86 CN 2011 packets.
  'gj0312_GB212ReceiverApp_HJ212_test_messages.txt': {
    lines: 516,
    packets: 86,
    crc: { valid: 86, mismatch: 0, variant: 0, absent: 0 },
    packetsByCn: { '2011': 86 },
    noise: { empty: 245, http: 33, binary: 13, text: 139 },
    mns: ['LB4200001'],
    lengthMismatch: 0,
    distinctVariantPackets: 0,
  },
  // Java forwarder: 299 received (CN 2011), 299 forwarded without closing && (CN 2051), 299 time
  // sync commands with a 2-digit length (CN 1012); 299 reads that lost the first `#`.
  'sCair_Hj212-Distribute_scada-distribute.log': {
    lines: 3820,
    packets: 897,
    crc: { valid: 897, mismatch: 0, variant: 0, absent: 0 },
    packetsByCn: { '1012': 299, '2011': 299, '2051': 299 },
    noise: { empty: 299, truncated: 299, text: 2325 },
    mns: ['0507A010003242'],
    lengthMismatch: 299,
    distinctVariantPackets: 0,
  },
  // Node.js receiver with UTF-8 Chinese log lines around every packet.
  'skylakezf_HJ212_Server_server.log': {
    lines: 23346,
    packets: 7774,
    crc: { valid: 7773, mismatch: 1, variant: 0, absent: 0 },
    packetsByCn: { '2011': 5137, '2031': 2, '2051': 2592, '2061': 43 },
    noise: { text: 15572 },
    mns: ['Abbc', 'Abc'],
    lengthMismatch: 1,
    distinctVariantPackets: 0,
  },
  // CR CR LF, Modbus frames in hex and raw, 3 distinct packets with a Modbus CRC (low byte first),
  // 3 lines with the `##` lost.
  'tonyxia2016_HJ212Receiver_Debug_rx.log': {
    lines: 22220,
    packets: 50,
    crc: { valid: 29, mismatch: 0, variant: 21, absent: 0 },
    packetsByCn: { '2011': 41, '2051': 3, '2061': 6 },
    noise: { truncated: 3, hex: 11020, binary: 54, timestamp: 11075, text: 18 },
    mns: ['41050022000017', '4201003', '88888880000001', 'Z13401000010301'],
    lengthMismatch: 0,
    distinctVariantPackets: 3,
  },
  'tonyxia2016_HJ212Receiver_Release_rx.log': {
    lines: 1516,
    packets: 3,
    crc: { valid: 2, mismatch: 0, variant: 1, absent: 0 },
    packetsByCn: { '2011': 2, '2051': 1 },
    noise: { hex: 755, timestamp: 758 },
    mns: ['41050022000017', '88888880000001'],
    lengthMismatch: 0,
    distinctVariantPackets: 1,
  },
};

describe.skipIf(!hasSharedData)(
  'readHj212Log on the raw receiver logs (../shared/data/hj212_raw_logs)',
  () => {
    const samples = new Map<string, string>();
    if (hasSharedData) {
      for (const line of readFileSync(sharedData('hj212_packets', 'hj212_samples.txt'), 'utf8').split('\n')) {
        if (!line.startsWith('##')) continue;
        const [text, crcCheck] = line.split('\t') as [string, string];
        samples.set(text, crcCheck);
      }
    }

    it.each(Object.entries(RAW_LOGS))('%s', async (file, expected) => {
      const variantTexts = new Set<string>();
      const disagreements: string[] = [];
      const { summary } = await collect(sharedData('hj212_raw_logs', file), {
        chunkBytes: 64 * 1024,
      }).then((r) => {
        for (const { packet } of r.packets) {
          if (packet.crc.verdict === 'variant') variantTexts.add(packet.text);
          // Where hj212_samples.txt lists the packet, its CRC column must agree with ours.
          const crcCheck = samples.get(packet.text);
          if (crcCheck !== undefined && (crcCheck === 'hj212') !== (packet.crc.verdict === 'valid')) {
            disagreements.push(packet.text.slice(0, 60));
          }
        }
        return r;
      });
      const { noiseSamples: _samples, ...counts } = summary;
      console.log(file, JSON.stringify(counts));
      expect(disagreements).toEqual([]);
      expect(summary.lines).toBe(expected.lines);
      expect(summary.packets).toBe(expected.packets);
      expect(summary.crc).toEqual(expected.crc);
      expect(summary.packetsByCn).toEqual(expected.packetsByCn);
      expect(summary.mns).toEqual(expected.mns);
      expect(summary.lengthMismatch).toBe(expected.lengthMismatch);
      expect(variantTexts.size).toBe(expected.distinctVariantPackets);
      const noise = Object.fromEntries(Object.entries(summary.noise).filter(([, n]) => n > 0));
      expect(noise).toEqual(expected.noise);
      expect(summary.packetLines + summary.noiseLines).toBe(summary.lines);
    });

    it('names the Modbus variant of the tonyxia2016 packets', async () => {
      const { summary } = await collect(
        sharedData('hj212_raw_logs', 'tonyxia2016_HJ212Receiver_Debug_rx.log'),
      );
      expect(summary.crcVariants).toEqual({
        'modbus-high-byte-first': 0,
        'modbus-low-byte-first': 21,
        'hj212-low-byte-first': 0,
      });
    });
  },
);
