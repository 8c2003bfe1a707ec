import { crc16Hj212, formatCrc } from '../analytics/ingest/hj212/crc';
import { ByteRowWriter, CRLF, utf8 } from './byte-row-writer';
import type { GasOutlet } from './city-layout';
import type { DemoPeriod } from './demo-period';
import type { GasRecords } from './gas-outlet-model';
import { formatCompact } from './local-time';
import { SeededRandom } from './seeded-random';
import { TextFileSink, type WrittenFile } from './text-file-sink';

/**
 * An HJ 212-2017 receiver log of one outlet: one CN=2061 hourly packet per line,
 * `##` + 4-digit segment length + segment + CRC16 (HJ 212 Appendix A, over the segment) + CRLF,
 * DataTime = period start, QN = the send time a few seconds after the hour closes. A receiver
 * status line opens each day (the noise lines real logs contain). Packets are assembled as bytes
 * in place: the length field is patched and the CRC computed once the segment is complete.
 */

/** A complete packet line for a data segment (used by tests and small callers). */
export function hj212Packet(segment: string): string {
  const bytes = Buffer.from(segment, 'utf8');
  return `##${String(bytes.length).padStart(4, '0')}${segment}${formatCrc(crc16Hj212(bytes))}\r\n`;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : `${n}`);

export function writeHj212Log(
  rootDir: string,
  relativePath: string,
  outlet: GasOutlet,
  rec: GasRecords,
  period: DemoPeriod,
  seed: number,
): WrittenFile {
  const sink = new TextFileSink(rootDir, relativePath, 'utf-8');
  const out = new ByteRowWriter(sink);
  const rng = new SeededRandom(seed, `hj212:${outlet.outletId}`);
  const ip = `10.${rng.int(10, 60)}.${rng.int(0, 255)}.${rng.int(2, 250)}:${rng.int(5000, 6999)}`;
  const head = utf8('##0000QN=');
  const afterQn = utf8(`;ST=31;CN=2061;PW=123456;MN=${outlet.mn};Flag=4;CP=&&DataTime=`);
  const items = rec.pollutants.map((p) => {
    const c = p.code;
    return {
      p,
      avg: utf8(`;${c}-Avg=`),
      zs: utf8(`,${c}-ZsAvg=`),
      min: utf8(`,${c}-Min=`),
      max: utf8(`,${c}-Max=`),
      cou: utf8(`,${c}-Cou=`),
      flag: utf8(`,${c}-Flag=`),
    };
  });
  const o2 = utf8(';a19001-Avg=');
  const o2Flag = utf8(',a19001-Flag=');
  const vel = utf8(';a01011-Avg=');
  const velFlag = utf8(',a01011-Flag=');
  const temp = utf8(';a01012-Avg=');
  const tempFlag = utf8(',a01012-Flag=');
  const hum = utf8(';a01014-Avg=');
  const humFlag = utf8(',a01014-Flag=');
  const flow = utf8(';a00000-Avg=');
  const flowCou = utf8(',a00000-Cou=');
  const flowFlag = utf8(',a00000-Flag=');
  const tail = utf8('&&');

  for (let h = 0; h < rec.hours; h++) {
    if (h % 24 === 0) {
      out.ascii(`${period.iso(h * 60, rng.int(0, 9))} INFO receiver: link ${ip} MN=${outlet.mn} online`);
      out.endRow(CRLF, false);
    }
    if (!rec.present[h]) continue;
    // QN: the packet leaves a few seconds after the hour closes (YYYYMMDDhhmmsszzz).
    const sent =
      h + 1 < rec.hours
        ? period.labels.compactHour(h + 1).slice(0, 12) + pad2(rng.int(2, 40))
        : formatCompact(period.startMinute + (h + 1) * 60, rng.int(2, 40));
    const lengthAt = out.position + 2;
    out.bytes(head);
    const segmentStart = out.position - 3; // 'QN=' starts the segment
    out.ascii(sent).ascii(String(rng.int(0, 999)).padStart(3, '0'));
    out.bytes(afterQn).ascii(period.labels.compactHour(h));
    for (const it of items) {
      const p = it.p;
      out.bytes(it.avg).fixed(p.avg[h]!, p.decimals);
      if (p.zs) out.bytes(it.zs).fixed(p.zs[h]!, p.decimals);
      out.bytes(it.min).fixed(p.min[h]!, p.decimals).bytes(it.max).fixed(p.max[h]!, p.decimals);
      out.bytes(it.cou).fixed(p.cou[h]!, 3).bytes(it.flag).byte(p.flag[h]!);
    }
    const aux = rec.auxFlag[h]!;
    out.bytes(o2).fixed(rec.o2[h]!, 2).bytes(o2Flag).byte(rec.o2Flag[h]!);
    out.bytes(vel).fixed(rec.velocity[h]!, 2).bytes(velFlag).byte(aux);
    out.bytes(temp).fixed(rec.temperature[h]!, 1).bytes(tempFlag).byte(aux);
    out.bytes(hum).fixed(rec.humidity[h]!, 1).bytes(humFlag).byte(aux);
    out
      .bytes(flow)
      .fixed(rec.flowAvg[h]!, 2)
      .bytes(flowCou)
      .fixed(rec.flowCou[h]!, 0)
      .bytes(flowFlag)
      .byte(aux);
    out.bytes(tail);
    const segment = out.view(segmentStart);
    out.patchAscii(lengthAt, String(segment.length).padStart(4, '0'));
    out.ascii(formatCrc(crc16Hj212(segment)));
    out.endRow(CRLF);
  }
  out.flush();
  return sink.close();
}
