import type { CpField, CrcCheck, PacketWarning, ParsedPacket } from './parse-packet';

/** A packet and the 1-based line of the log it came from. */
export interface PacketAtLine {
  readonly line: number;
  readonly packet: ParsedPacket;
}

/**
 * A data upload split over PNUM packets (拆分包, Flag D bit), merged. `packet` holds the header of
 * PNO 1 (or the lowest PNO received), every part's data fields in PNO order, the sum of the
 * lengths, and the worst CRC verdict of the parts; `parts` keeps each frame as received.
 */
export interface ReassembledPacket {
  readonly line: number;
  readonly packet: ParsedPacket;
  readonly parts: readonly PacketAtLine[];
  /** False when parts were still missing at the end of the log or after `maxGapLines`. */
  readonly complete: boolean;
}

export interface SplitPacketAssemblerOptions {
  /** A group with no new part for this many lines is given up as incomplete. Default 10,000. */
  readonly maxGapLines?: number;
  /** At most this many groups wait at once; the oldest is given up first. Default 256. */
  readonly maxOpenGroups?: number;
}

/** True for a packet that is one part of a split upload. */
export function isSplitPart(packet: ParsedPacket): boolean {
  return packet.pnum !== null && packet.pno !== null && packet.pnum > 1 && packet.pno <= packet.pnum;
}

interface Group {
  readonly mn: string | null;
  readonly cn: string | null;
  readonly pnum: number;
  readonly qn: string | null;
  readonly dataTimeRaw: string | null;
  readonly parts: PacketAtLine[];
  lastLine: number;
}

/**
 * Groups split parts by MN, CN and PNUM plus either the same QN (what most devices send) or the same
 * DataTime: the standard's own example (annex C.50) gives each part its own QN (…534, …535), so QN
 * alone would never match it. A PNO already in a group starts a new group (a re-sent upload).
 */
export class SplitPacketAssembler {
  private readonly open: Group[] = [];
  private readonly maxGapLines: number;
  private readonly maxOpenGroups: number;

  constructor(options: SplitPacketAssemblerOptions = {}) {
    this.maxGapLines = options.maxGapLines ?? 10_000;
    this.maxOpenGroups = options.maxOpenGroups ?? 256;
  }

  /** Adds a part; returns the uploads it completes or that time out, in order. */
  add(part: PacketAtLine): ReassembledPacket[] {
    const out: ReassembledPacket[] = [];
    this.evictStale(part.line, out);
    const p = part.packet;
    const pnum = p.pnum ?? 1;
    let group = this.open.find(
      (g) =>
        g.mn === p.mn &&
        g.cn === p.cn &&
        g.pnum === pnum &&
        ((g.qn !== null && g.qn === p.qn) || (g.dataTimeRaw !== null && g.dataTimeRaw === p.dataTimeRaw)) &&
        !g.parts.some((q) => q.packet.pno === p.pno),
    );
    if (group === undefined) {
      if (this.open.length >= this.maxOpenGroups) out.push(merge(this.open.shift()!, false));
      group = {
        mn: p.mn,
        cn: p.cn,
        pnum,
        qn: p.qn,
        dataTimeRaw: p.dataTimeRaw,
        parts: [],
        lastLine: part.line,
      };
      this.open.push(group);
    }
    group.parts.push(part);
    group.lastLine = part.line;
    if (group.parts.length === group.pnum) {
      this.open.splice(this.open.indexOf(group), 1);
      out.push(merge(group, true));
    }
    return out;
  }

  /** Every group still waiting, as incomplete uploads (end of input). */
  flush(): ReassembledPacket[] {
    const out = this.open.map((g) => merge(g, false));
    this.open.length = 0;
    return out;
  }

  private evictStale(line: number, out: ReassembledPacket[]): void {
    for (let i = 0; i < this.open.length;) {
      const g = this.open[i]!;
      if (line - g.lastLine > this.maxGapLines) {
        this.open.splice(i, 1);
        out.push(merge(g, false));
      } else {
        i++;
      }
    }
  }
}

const CRC_SEVERITY: Readonly<Record<CrcCheck['verdict'], number>> = {
  valid: 0,
  variant: 1,
  absent: 2,
  mismatch: 3,
};

function merge(group: Group, complete: boolean): ReassembledPacket {
  const parts = [...group.parts].sort((a, b) => a.packet.pno! - b.packet.pno!);
  const first = parts[0]!.packet;
  const cp: CpField[] = [];
  const warnings: PacketWarning[] = [];
  const seen = new Set<string>();
  let crc = first.crc;
  let lengthField = 0;
  let segmentBytes = 0;
  let lengthOk = true;
  let dataTimeRaw: string | null = null;
  let dataTime: string | null = null;
  for (const { packet } of parts) {
    cp.push(...packet.cp);
    lengthField += packet.lengthField;
    segmentBytes += packet.segmentBytes;
    lengthOk &&= packet.lengthOk;
    if (CRC_SEVERITY[packet.crc.verdict] > CRC_SEVERITY[crc.verdict]) crc = packet.crc;
    if (dataTimeRaw === null && packet.dataTimeRaw !== null) {
      dataTimeRaw = packet.dataTimeRaw;
      dataTime = packet.dataTime;
    }
    for (const w of packet.warnings) {
      const key = `${w.code}\u0000${w.detail ?? ''}`;
      if (!seen.has(key)) {
        seen.add(key);
        warnings.push(w);
      }
    }
  }
  if (!complete) {
    const received = parts.map((p) => p.packet.pno).join(', ');
    warnings.push({ code: 'split-incomplete', detail: `received PNO ${received} of PNUM=${group.pnum}` });
  }
  const packet: ParsedPacket = {
    ...first,
    text: parts.map((p) => p.packet.text).join('\n'),
    lengthField,
    segmentBytes,
    lengthOk,
    crc,
    pno: null,
    dataTimeRaw,
    dataTime,
    cp,
    warnings,
  };
  return { line: parts[0]!.line, packet, parts, complete };
}
