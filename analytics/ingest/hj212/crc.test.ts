import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasSharedData, sharedData } from '../../../tests/support/shared-data';
import { crc16Hj212, crc16Modbus, formatCrc } from './crc';
import { crc16Hj212Range } from './crc16-hj212-range';
import { formatPacket } from './format-packet';

const OFFICIAL_SEGMENT =
  'QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&';
const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('HJ 212 CRC16 (Appendix A)', () => {
  it('gives 1C80 for the official vector, and MODBUS gives 0759 for the same bytes', () => {
    const data = bytes(OFFICIAL_SEGMENT);
    expect(data.length).toBe(101);
    expect(formatCrc(crc16Hj212(data))).toBe('1C80');
    expect(formatCrc(crc16Modbus(data))).toBe('0759');
  });

  it('table-driven crc16Hj212Range equals the reference on random data and sub-ranges', () => {
    let seed = 12345;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed >>> 16;
    };
    for (let n = 0; n < 600; n += 7) {
      const data = new Uint8Array(n);
      for (let i = 0; i < n; i++) data[i] = random() & 0xff;
      expect(crc16Hj212Range(data, 0, n)).toBe(crc16Hj212(data));
      const from = Math.floor(n / 3);
      expect(crc16Hj212Range(data, from, n)).toBe(crc16Hj212(data.subarray(from)));
    }
  });

  it('formatPacket frames a segment as the official vector', () => {
    expect(formatPacket(OFFICIAL_SEGMENT)).toBe(`##0101${OFFICIAL_SEGMENT}1C80\r\n`);
  });

  it('pads formatCrc to four upper-case digits', () => {
    expect(formatCrc(0x7b)).toBe('007B');
  });
});

describe.skipIf(!hasSharedData)('CRC on every sample packet (../shared/data/hj212_packets)', () => {
  it('table-driven and reference CRC agree on every packet segment', () => {
    const lines = readFileSync(sharedData('hj212_packets', 'hj212_samples.txt'), 'utf8').split('\n');
    let n = 0;
    for (const line of lines) {
      if (!line.startsWith('##')) continue;
      const packet = line.split('\t')[0]!;
      const data = bytes(packet.slice(6, packet.lastIndexOf('&&') + 2));
      expect(crc16Hj212Range(data, 0, data.length)).toBe(crc16Hj212(data));
      n++;
    }
    expect(n).toBe(12281);
  });
});
