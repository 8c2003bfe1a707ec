import { describe, expect, it } from 'vitest';
import { formatPacket } from './format-packet';
import { parsePacket, type ParsedPacket } from './parse-packet';
import { isSplitPart, SplitPacketAssembler } from './split-packets';

function part(qn: string, pno: number, body: string, pnum = 2, dataTime = '20160801080000'): ParsedPacket {
  const r = parsePacket(
    formatPacket(
      `QN=${qn};ST=32;CN=2061;PW=123456;MN=010000A8900016F000169DC0;Flag=7;PNUM=${pnum};PNO=${pno};CP=&&DataTime=${dataTime};${body}&&`,
    ),
  );
  if (!r.ok) throw new Error(r.message);
  return r;
}

// Annex C.50: the two parts of one hourly upload carry different QNs (…534 and …535).
const P1 = part(
  '20160801085857534',
  1,
  'w00000-Cou=63.0,w00000-Min=16.4,w00000-Avg=17.5,w00000-Max=20.1,w00000-Flag=N',
);
const P2 = part(
  '20160801085857535',
  2,
  'w01018-Cou=63.0,w01018-Min=40.1,w01018-Avg=40.1,w01018-Max=40.1,w01018-Flag=N',
);

describe('SplitPacketAssembler', () => {
  it('merges the parts of the standard example, whose QNs differ, by MN, CN, PNUM and DataTime', () => {
    expect(isSplitPart(P1)).toBe(true);
    const a = new SplitPacketAssembler();
    expect(a.add({ line: 10, packet: P1 })).toEqual([]);
    const [done, ...rest] = a.add({ line: 12, packet: P2 });
    expect(rest).toEqual([]);
    expect(done).toMatchObject({ line: 10, complete: true });
    expect(done!.parts.map((p) => p.line)).toEqual([10, 12]);
    expect(done!.packet).toMatchObject({
      qn: '20160801085857534',
      pnum: 2,
      pno: null,
      dataTime: '2016-08-01 08:00:00',
    });
    expect(done!.packet.crc.verdict).toBe('valid');
    expect(done!.packet.segmentBytes).toBe(P1.segmentBytes + P2.segmentBytes);
    expect(done!.packet.cp.filter((f) => f.kind === 'measure').map((f) => f.code)).toEqual([
      'w00000',
      'w00000',
      'w00000',
      'w00000',
      'w01018',
      'w01018',
      'w01018',
      'w01018',
    ]);
    expect(a.flush()).toEqual([]);
  });

  it('merges parts with one QN that arrive out of order', () => {
    const a = new SplitPacketAssembler();
    const parts = [3, 1, 2].map((pno) =>
      part('20200101000000001', pno, `a2102${pno}-Avg=${pno}`, 3, '20200101000000'),
    );
    expect(a.add({ line: 1, packet: parts[0]! })).toEqual([]);
    expect(a.add({ line: 2, packet: parts[1]! })).toEqual([]);
    const [done] = a.add({ line: 3, packet: parts[2]! });
    expect(done!.line).toBe(2);
    expect(done!.packet.cp.map((f) => f.code)).toEqual(['a21021', 'a21022', 'a21023']);
  });

  it('gives up on missing parts at the end, flags them, and keeps the worst CRC verdict', () => {
    const a = new SplitPacketAssembler();
    const bad = parsePacket(formatPacket(P1.text.slice(6, -4)).replace(/[0-9A-F]{4}\r\n$/, '0000\r\n'));
    if (!bad.ok) throw new Error('parse');
    expect(bad.crc.verdict).toBe('mismatch');
    a.add({ line: 5, packet: bad });
    const [left] = a.flush();
    expect(left).toMatchObject({ complete: false, line: 5 });
    expect(left!.packet.crc.verdict).toBe('mismatch');
    expect(left!.packet.warnings.map((w) => w.code)).toEqual(['crc-mismatch', 'split-incomplete']);
  });

  it('starts a new upload when a PNO repeats (a re-sent upload) and times out stale groups', () => {
    const a = new SplitPacketAssembler({ maxGapLines: 100 });
    a.add({ line: 1, packet: P1 });
    expect(a.add({ line: 2, packet: P1 })).toEqual([]);
    const out = a.add({ line: 500, packet: P2 });
    // Both waiting groups are older than 100 lines: given up, then P2 opens its own group.
    expect(out.map((r) => [r.line, r.complete])).toEqual([
      [1, false],
      [2, false],
    ]);
    expect(a.flush().map((r) => [r.line, r.complete])).toEqual([[500, false]]);
  });
});
