import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasSharedData, sharedData } from '../../../tests/support/shared-data';
import { crc16Hj212, crc16Modbus, formatCrc } from './crc';
import { formatPacket } from './format-packet';
import {
  decodeFlag,
  parsePacket,
  parsePacketTolerant,
  type CpField,
  type PacketFailure,
  type PacketWarningCode,
  type ParsedPacket,
} from './parse-packet';

const OFFICIAL =
  '##0101QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&1C80\r\n';

// domain.md §1.3 worked CEMS hourly packet.
const CEMS_HOURLY =
  '##0644QN=20241008180005123;ST=31;CN=2061;PW=123456;MN=130400HD0000000000000001;Flag=4;CP=&&DataTime=20241008170000;a21026-Avg=18.32,a21026-ZsAvg=21.98,a21026-Min=15.10,a21026-Max=22.40,a21026-Cou=1.466,a21026-Flag=N;a21002-Avg=35.60,a21002-ZsAvg=42.72,a21002-Min=30.20,a21002-Max=41.00,a21002-Cou=2.848,a21002-Flag=N;a34013-Avg=3.10,a34013-ZsAvg=3.72,a34013-Min=2.80,a34013-Max=3.50,a34013-Cou=0.248,a34013-Flag=N;a19001-Avg=8.50,a19001-Min=8.10,a19001-Max=8.90,a19001-Flag=N;a01011-Avg=12.40,a01011-Flag=N;a01012-Avg=52.3,a01012-Flag=N;a01013-Avg=-0.210,a01013-Flag=N;a01014-Avg=11.2,a01014-Flag=N;a00000-Avg=22.22,a00000-Cou=80000.0,a00000-Flag=N&&DD01\r\n';

/** A standard packet around `segment`, without the CR LF. */
const framed = (segment: string): string => formatPacket(segment).trimEnd();

function parsed(input: string | Uint8Array): ParsedPacket {
  const r = parsePacket(input);
  if (!r.ok) throw new Error(`expected a packet, got ${r.reason}: ${r.message}`);
  return r;
}

function failed(input: string): PacketFailure {
  const r = parsePacket(input);
  if (r.ok) throw new Error(`expected a failure, got a packet`);
  return r;
}

const codes = (p: ParsedPacket): PacketWarningCode[] => p.warnings.map((w) => w.code);
/** The field whose (normalised) key is `key`: `code-Suffix`, or the key of a param. */
const fieldOf = (p: ParsedPacket, key: string): CpField | undefined =>
  p.cp.find((f) => (f.kind === 'param' ? f.code : `${f.code}-${f.suffix}`) === key);

describe('parsePacket: standard packets', () => {
  it('parses the official vector', () => {
    const p = parsed(OFFICIAL);
    expect(p.crc).toEqual({ verdict: 'valid', sent: '1C80', computed: '1C80' });
    expect(p).toMatchObject({
      lengthField: 101,
      segmentBytes: 101,
      lengthOk: true,
      qn: '20160801085857223',
      st: '32',
      cn: '1062',
      pw: '100000',
      mn: '010000A8900016F000169DC0',
      pnum: null,
      pno: null,
      dataTime: null,
    });
    expect(p.flag).toEqual({
      value: 5,
      versionBits: 1,
      version: 'hj212-2017',
      split: false,
      ackRequested: true,
    });
    expect(p.cp).toEqual([{ kind: 'param', code: 'RtdInterval', suffix: '', text: '30', value: null }]);
    expect(p.warnings).toEqual([]);
    expect(p.text).toBe(OFFICIAL.trimEnd());
  });

  it('parses the worked CEMS hourly packet field by field', () => {
    const p = parsed(CEMS_HOURLY);
    expect(p.crc.verdict).toBe('valid');
    expect(p.lengthOk).toBe(true);
    expect(p.warnings).toEqual([]);
    expect(p.dataTimeRaw).toBe('20241008170000');
    expect(p.dataTime).toBe('2024-10-08 17:00:00');
    expect(p.cp.filter((f) => f.kind === 'measure')).toHaveLength(24);
    expect(p.cp.filter((f) => f.kind === 'flag')).toHaveLength(9);
    expect(fieldOf(p, 'a21026-ZsAvg')).toEqual({
      kind: 'measure',
      code: 'a21026',
      suffix: 'ZsAvg',
      text: '21.98',
      value: 21.98,
    });
    expect(fieldOf(p, 'a01013-Avg')?.value).toBe(-0.21);
    expect(fieldOf(p, 'a00000-Cou')?.value).toBe(80000);
    expect(fieldOf(p, 'a34013-Flag')).toMatchObject({
      kind: 'flag',
      code: 'a34013',
      suffix: 'Flag',
      text: 'N',
    });
  });

  it('takes bytes and strings alike', () => {
    expect(parsed(new TextEncoder().encode(CEMS_HOURLY))).toEqual(parsed(CEMS_HOURLY));
  });

  it('ignores text before ## and stops at a second packet on the same line', () => {
    const line = `[2020-09-22 18:17:47] RECV> ${OFFICIAL.trimEnd()}${framed('ST=91;CN=9014;PW=1;MN=X;Flag=4;CP=&&&&')}`;
    const p = parsed(line);
    expect(p.cn).toBe('1062');
    expect(p.warnings).toEqual([]);
  });

  it('keeps every Table 4 suffix, facility fields and unknown suffixes', () => {
    const p = parsed(
      framed(
        'QN=20160801085857223;ST=32;CN=2011;PW=123456;MN=M1;Flag=4;CP=&&DataTime=20160801085857;' +
          'w01018-Rtd=2.2,w01018-ZsRtd=2.5,w01018-Flag=N,w01018-EFlag=A01,w01018-SampleTime=20160801070000;' +
          'a21026-ZsMin=1,a21026-ZsMax=3,a21026-ValidNum=10,a21026-otherFlag=zd;a21004- Rtd=20.9;SB1-RS=1;SB2-RT=23.5&&',
      ),
    );
    expect(p.crc.verdict).toBe('valid');
    expect(p.cp.map((f) => [f.kind, f.code, f.suffix])).toEqual([
      ['measure', 'w01018', 'Rtd'],
      ['measure', 'w01018', 'ZsRtd'],
      ['flag', 'w01018', 'Flag'],
      ['flag', 'w01018', 'EFlag'],
      ['sample-time', 'w01018', 'SampleTime'],
      ['measure', 'a21026', 'ZsMin'],
      ['measure', 'a21026', 'ZsMax'],
      ['extra', 'a21026', 'ValidNum'],
      ['extra', 'a21026', 'otherFlag'],
      ['measure', 'a21004', 'Rtd'],
      ['facility', 'SB1', 'RS'],
      ['facility', 'SB2', 'RT'],
    ]);
    expect(fieldOf(p, 'SB2-RT')?.value).toBe(23.5);
    expect(p.warnings).toEqual([]);
  });

  it('keeps a //log text// with separators in one field and counts its UTF-8 bytes', () => {
    const p = parsed(
      framed(
        'QN=20160801085857223;ST=32;CN=3020;PW=123456;MN=M1;Flag=4;CP=&&DataTime=20160801085857;i11001-Info=//启动,正常;OK//&&',
      ),
    );
    expect(p.crc.verdict).toBe('valid');
    expect(p.lengthOk).toBe(true);
    expect(p.segmentBytes).toBeGreaterThan(p.text.length - 10);
    expect(fieldOf(p, 'i11001-Info')).toMatchObject({ kind: 'extra', text: '//启动,正常;OK//' });
  });

  it('drops milliseconds of a 17-digit DataTime', () => {
    const p = parsed(framed('ST=32;CN=2011;PW=123456;MN=M;CP=&&DataTime=20210305003817000;ele01-Rtd=1&&'));
    expect(p.dataTime).toBe('2021-03-05 00:38:17');
  });
});

describe('decodeFlag: version bits, D and A', () => {
  it.each([
    ['0', 'hj212-2005', false, false],
    ['1', 'hj212-2005', false, true],
    ['2', 'hj212-2005', true, false],
    ['3', 'hj212-2005', true, true],
    ['4', 'hj212-2017', false, false],
    ['5', 'hj212-2017', false, true],
    ['6', 'hj212-2017', true, false],
    ['7', 'hj212-2017', true, true],
    ['8', 'hj212-2025', false, false],
    ['9', 'hj212-2025', false, true],
    ['11', 'hj212-2025', true, true],
    ['12', 'unknown', false, false],
  ] as const)('Flag=%s → %s, split %s, ack %s', (text, version, split, ackRequested) => {
    expect(decodeFlag(text)).toMatchObject({ value: Number(text), version, split, ackRequested });
  });

  it.each(['', 'x', '256', '-1', '4.0'])('rejects Flag=%s', (text) => {
    expect(decodeFlag(text)).toBeNull();
  });
});

describe('parsePacket: tolerance rules of domain.md §1.3', () => {
  it('accepts a missing QN and Flag', () => {
    const p = parsed(
      framed(
        'ST=22;CN=2011;PW=123456;MN=LB4200001;CP=&&DataTime=20210107140000;a21026-Rtd=1.5,a21026-Flag=N&&',
      ),
    );
    expect(p.crc.verdict).toBe('valid');
    expect(p.qn).toBeNull();
    expect(p.flag).toBeNull();
    expect(codes(p)).toEqual(['qn-missing', 'flag-missing']);
  });

  it('accepts a lower-case CRC', () => {
    const upper = framed(
      'QN=20210301111100112;ST=21;CN=2011;PW=123456;MN=W1;Flag=8;CP=&&DataTime=20210301111100;w01001-Rtd=8.33&&',
    );
    const lower = upper.slice(0, -4) + upper.slice(-4).toLowerCase();
    expect(upper.slice(-4)).not.toBe(lower.slice(-4));
    const p = parsed(lower);
    expect(p.crc.verdict).toBe('valid');
    expect(p.flag?.version).toBe('hj212-2025');
    expect(p.warnings).toEqual([]);
  });

  it('accepts a data segment longer than 1024 bytes', () => {
    const items = Array.from(
      { length: 60 },
      (_, i) => `a${String(21000 + i)}-Avg=${i}.5,a${String(21000 + i)}-Flag=N`,
    );
    const p = parsed(
      framed(`QN=1;ST=31;CN=2061;PW=1;MN=M;Flag=4;CP=&&DataTime=20240101000000;${items.join(';')}&&`),
    );
    expect(p.segmentBytes).toBeGreaterThan(1024);
    expect(p.lengthOk).toBe(true);
    expect(p.crc.verdict).toBe('valid');
    expect(codes(p)).toEqual(['segment-over-1024']);
    expect(p.cp.filter((f) => f.kind === 'measure')).toHaveLength(60);
  });

  it('accepts `,` where `;` is expected (annex C.22 `QN=…,ST=32`)', () => {
    const p = parsed(
      framed(
        'QN=20160801085857534,ST=32;CN=2031;PW=123456;MN=M;Flag=4;CP=&&DataTime=20160801000000;SB1-RT=1.1;SB2-RT=2.1&&',
      ),
    );
    expect(p).toMatchObject({ qn: '20160801085857534', st: '32', cn: '2031' });
    expect(codes(p)).toEqual(['comma-separator']);
  });

  it('accepts a missing `;` before CP (annex C.19 `Flag=5CP=&&`)', () => {
    const p = parsed(
      framed(
        'QN=20160802000000001;ST=32;CN=2041;PW=123456;MN=M;Flag=5CP=&&DataTime=20160801000000;SB1-RT=1.1;SB2-RT=2.1&&',
      ),
    );
    expect(p.flag?.value).toBe(5);
    expect(p.cn).toBe('2041');
    expect(p.cp.map((f) => [f.kind, f.code, f.value])).toEqual([
      ['facility', 'SB1', 1.1],
      ['facility', 'SB2', 2.1],
    ]);
    expect(codes(p)).toEqual(['missing-separator-before-cp']);
  });

  it('repairs a truncated code (annex C.14 `01018-Rtd`) from the water system code', () => {
    const p = parsed(
      framed(
        'QN=20160801085857223;ST=32;CN=2011;PW=123456;MN=M;Flag=5;CP=&&DataTime=20160801085857;w01001-Rtd=7.1,w01001-Flag=N;w01018-SampleTime=20160801070000,01018-Rtd=2.2,w01018-Flag=N,w01018-EFlag=A01&&',
      ),
    );
    expect(fieldOf(p, 'w01018-Rtd')).toMatchObject({ kind: 'measure', code: 'w01018', value: 2.2 });
    expect(p.warnings).toEqual([{ code: 'truncated-code', detail: '01018 -> w01018' }]);
  });

  it('reports a CRC mismatch as a warning on a parsed packet', () => {
    const p = parsed(OFFICIAL.replace('1C80', '1C81'));
    expect(p.crc).toEqual({ verdict: 'mismatch', sent: '1C81', computed: '1C80' });
    expect(p.cn).toBe('1062');
    expect(p.warnings).toEqual([{ code: 'crc-mismatch', detail: 'sent 1C81, computed 1C80' }]);
  });

  it('reports an absent CRC', () => {
    const p = parsed(OFFICIAL.replace('1C80', ''));
    expect(p.crc).toEqual({ verdict: 'absent', computed: '1C80' });
    expect(codes(p)).toEqual(['crc-absent']);
  });

  it('names CRC-16/MODBUS in both byte orders', () => {
    const segment = OFFICIAL.slice(6, OFFICIAL.indexOf('1C80'));
    const modbus = crc16Modbus(new TextEncoder().encode(segment));
    expect(formatCrc(modbus)).toBe('0759');
    const high = parsed(`##0101${segment}0759`);
    expect(high.crc).toMatchObject({ verdict: 'variant', variant: 'modbus-high-byte-first', sent: '0759' });
    const low = parsed(`##0101${segment}5907`);
    expect(low.crc).toMatchObject({ verdict: 'variant', variant: 'modbus-low-byte-first', computed: '1C80' });
    expect(codes(low)).toEqual(['crc-variant']);
    const swapped = parsed(`##0101${segment}801C`);
    expect(swapped.crc).toMatchObject({ verdict: 'variant', variant: 'hj212-low-byte-first' });
  });

  it('reports a length field that does not match the UTF-8 byte count', () => {
    const p = parsed(OFFICIAL.replace('##0101', '##0099'));
    expect(p.lengthOk).toBe(false);
    expect(p.crc.verdict).toBe('valid');
    expect(p.warnings).toEqual([
      { code: 'length-mismatch', detail: 'declared 99, the data segment has 101 bytes' },
    ]);
  });

  it('accepts a packet without closing && when its CRC verifies (sCair forwarder) and a 2-digit length', () => {
    const segment =
      'QN=20250131202809340;ST=39;CN=2051;PW=123456;MN=0507A010003242;Flag=4;CP=&&DataTime=20250131202809;a34001-Avg=92;Flag=N';
    const crc = formatCrc(crc16Hj212(new TextEncoder().encode(segment)));
    expect(crc).toBe('65C0');
    const p = parsed(`##0121${segment}${crc}  `);
    expect(p.crc.verdict).toBe('valid');
    expect(codes(p)).toEqual(['cp-unterminated', 'length-mismatch']);
    expect(fieldOf(p, 'Flag')).toMatchObject({ kind: 'param', text: 'N' });
    const short = parsed(
      '##81QN=;ST=23;CN=1012;PW=123456;MN=0507A010003242;CP=&&SystemTime=20250221141050696&&1DC0',
    );
    expect(short.lengthOk).toBe(true);
    expect(codes(short)).toEqual(['length-field-not-4-digits', 'qn-missing', 'flag-missing']);
  });

  it('reads PNUM/PNO and checks them against the D bit', () => {
    const p = parsed(
      framed(
        'QN=1;ST=32;CN=2061;PW=1;MN=M;Flag=7;PNUM=2;PNO=1;CP=&&DataTime=20160801080000;w00000-Cou=63.0&&',
      ),
    );
    expect(p).toMatchObject({ pnum: 2, pno: 1 });
    expect(p.flag?.split).toBe(true);
    expect(p.warnings).toEqual([]);
    const noD = parsed(
      framed('QN=1;ST=31;CN=2051;PW=1;MN=M;PNO=0002;PNUM=0002;CP=&&DataTime=20230327090000;a01006-Avg=1&&'),
    );
    expect(noD).toMatchObject({ pnum: 2, pno: 2 });
    const missing = parsed(
      framed('QN=1;ST=22;CN=2011;PW=1;MN=M;Flag=7;CP=&&DataTime=20160801084000;a21005-Rtd=1.1&&'),
    );
    expect(codes(missing)).toEqual(['split-fields-missing']);
  });

  it('warns on non-numeric values and keeps them as text', () => {
    const p = parsed(
      framed(
        'QN=1;ST=31;CN=2011;PW=1;MN=M;Flag=4;CP=&&DataTime=20240101000000;a21026-Rtd=abc,a21026-Flag=N;a21002-Rtd=&&',
      ),
    );
    expect(fieldOf(p, 'a21026-Rtd')).toMatchObject({ text: 'abc', value: null });
    expect(fieldOf(p, 'a21002-Rtd')).toMatchObject({ text: '', value: null });
    expect(codes(p)).toEqual(['value-not-numeric']);
  });
});

describe('parsePacket: failures and robustness', () => {
  it.each([
    ['', 'empty'],
    ['   \r\n', 'empty'],
    ['GET / HTTP/1.1', 'no-header'],
    ['##QN=1;CP=&&&&', 'no-length'],
    ['##0101QN=20160801085857223;ST=32;CN=10', 'truncated'],
    ['##0010ABCDEFGHIJKLMNOP', 'no-cp'],
    ['##0101QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=0100;Flag=5;CP=&&RtdInterval=3', 'truncated'],
    ['##0101QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=0100;Flag=5;CP=&&RtdInterval=1234', 'truncated'],
  ] as const)('%j fails as %s', (input, reason) => {
    expect(failed(input).reason).toBe(reason);
  });

  it('never throws on random input, cut packets or flipped bytes', () => {
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    const alphabet = '##0123456789ABCDEFabcdef=;,&-CPQNSTMFlagRtdAvg\r\n 中';
    const base = new TextEncoder().encode(CEMS_HOURLY);
    let packets = 0;
    for (let k = 0; k < 3000; k++) {
      const s = Array.from({ length: random(80) }, () => alphabet[random(alphabet.length)]).join('');
      expect(() => parsePacket(s)).not.toThrow();
      const cut = base.subarray(0, random(base.length));
      expect(() => parsePacket(cut)).not.toThrow();
      const flipped = Uint8Array.from(base);
      flipped[random(flipped.length)] = random(256);
      const r = parsePacket(flipped);
      if (r.ok) packets++;
    }
    // A flipped byte in the data area still yields a packet, flagged by its CRC.
    expect(packets).toBeGreaterThan(2500);
  });
});

describe.skipIf(!hasSharedData)('parsePacket on every packet of hj212_samples.txt', () => {
  it('agrees with the crc_check column on every packet and never fails', () => {
    const lines = readFileSync(sharedData('hj212_packets', 'hj212_samples.txt'), 'utf8').split('\n');
    const counts = new Map<string, number>();
    const disagreements: string[] = [];
    const variantNames: Record<string, string> = {
      'modbus-byteswapped': 'modbus-low-byte-first',
      'hj212-byteswapped': 'hj212-low-byte-first',
    };
    let total = 0;
    for (const line of lines) {
      // Comment lines start with "# "; packets with "##".
      if (!line.startsWith('##')) continue;
      const [packet, crcCheck, lenOk] = line.split('\t') as [string, string, string];
      total++;
      const r = parsePacket(packet);
      if (!r.ok) {
        disagreements.push(`failed (${r.reason}): ${packet.slice(0, 80)}`);
        continue;
      }
      const key = `${crcCheck} -> ${r.crc.verdict === 'variant' ? r.crc.variant : r.crc.verdict}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      if ((crcCheck === 'hj212') !== (r.crc.verdict === 'valid'))
        disagreements.push(`${key}: ${packet.slice(0, 80)}`);
      const expectedVariant = variantNames[crcCheck];
      if (
        expectedVariant !== undefined &&
        (r.crc.verdict !== 'variant' || r.crc.variant !== expectedVariant)
      ) {
        disagreements.push(`variant ${key}: ${packet.slice(0, 80)}`);
      }
      if ((lenOk === 'True') !== r.lengthOk) disagreements.push(`len_ok ${lenOk}: ${packet.slice(0, 80)}`);
    }
    console.log(`hj212_samples.txt: ${total} packets;`, Object.fromEntries(counts));
    expect(disagreements).toEqual([]);
    expect(total).toBe(12281);
    expect(Object.fromEntries(counts)).toEqual({
      'hj212 -> valid': 12264,
      'modbus-byteswapped -> modbus-low-byte-first': 3,
      'hj212-byteswapped -> hj212-low-byte-first': 1,
      'none -> mismatch': 13,
    });
  });
});

/**
 * The ASCII fast path of the data area must give exactly what the tolerant parser gives, or leave
 * the packet to it: compared on crafted fields, on every line of the real logs and samples, and on
 * mutations of them (a byte replaced, a separator or space inserted, a cut).
 */
describe('parsePacket: the ASCII fast path and the tolerant parser agree', () => {
  const same = (input: string | Uint8Array): void => {
    expect(JSON.stringify(parsePacket(input))).toBe(JSON.stringify(parsePacketTolerant(input)));
  };

  it.each([
    'DataTime=20241008170000;a21026-Avg=18.32,a21026-Flag=N',
    'DataTime=20241008170000;a21026-Avg=1e3,a21026-Min=,a21026-Max=abc,a21026-Cou=-.5',
    'DataTime=20241008170000;a21026-Avg=+7,a21026-Min=1.,a21026-Max=.5,a21026-Cou=-0.210,a21026-Rtd=-',
    'DataTime=20241008170000;a21026-Avg=1234567890123456,a21026-Min=0.00000000000000000000012',
    'DataTime=20241008170000;a21026-Avg=999999999999999,a21026-Min=0.000000000000001,a21026-Max=1.2.3',
    'DataTime=20241008170000;a21026-avg=1;a21026-ValidNum=3;a21026-otherFlag=N',
    'DataTime=20241008170000;01018-Rtd=1;W01018-Rtd=2;w01018-Rtd=3',
    'DataTime=20241008170000;a21026-Avg=1;;a21026-Min=2;,RtdInterval=30;=5;noequals',
    'DataTime=20241008170000; a21026-Avg=1 ;a21026- Rtd=2',
    'DataTime=20241008170000;i11001-Info=//a;b,c//;a21026-Avg=1',
    'DataTime=20241008170000;SB1-RS=1;SB2-RT=23.5;SB3-RS=x;a21026-RS=1',
    'DataTime=20241008170000;a21026-SampleTime=20241008170500;a21026-EFlag=A1;a21026-ZsRtd=2',
    'DataTime=20241008170000;a21026-Avg=1;-Avg=2;a-b-c-Avg=3;averyveryverylongkey-x=4',
    'DataTime=20241008170000;a21026-Avg=1;DataTime=20241008180000;a21026-Avg=x=y',
    'DataTime=20241008170000;a21026-Avg=中;中-Rtd=1',
  ])('on %j', (area) => {
    same(framed(`QN=20241008180005123;ST=32;CN=2061;PW=123456;MN=A1;Flag=4;CP=&&${area}&&`));
    same(framed(`ST=31;CN=2011;MN=A1;CP=&&${area}&&`));
  });

  it.skipIf(!hasSharedData)('on every line of the real logs and samples, and mutations of them', () => {
    const lines: string[] = [];
    const logs = sharedData('hj212_raw_logs');
    for (const f of readdirSync(logs)) lines.push(...readFileSync(path.join(logs, f), 'utf8').split('\n'));
    for (const f of ['hj212_samples.txt', 'hj212_samples_curated.txt']) {
      for (const line of readFileSync(sharedData('hj212_packets', f), 'utf8').split('\n')) {
        if (!line.startsWith('#')) lines.push(line.split('\t')[0]!);
      }
    }
    let seed = 11;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    const alphabet = ';,=-/. \tNA0中';
    const encoder = new TextEncoder();
    for (const line of lines) {
      same(line);
      if (!line.includes('CP=&&')) continue;
      const bytes = encoder.encode(line);
      for (let k = 0; k < 3; k++) {
        const flipped = Uint8Array.from(bytes);
        flipped[random(flipped.length)] = random(256);
        same(flipped);
        const at = random(line.length);
        same(line.slice(0, at) + alphabet[random(alphabet.length)]! + line.slice(at));
        same(bytes.subarray(0, random(bytes.length)));
      }
    }
  });
});
