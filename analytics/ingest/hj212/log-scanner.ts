import { Buffer } from 'node:buffer';
import { classifyNoise, NOISE_REASONS, type NoiseReason } from './classify-noise';
import { parsePacketRange, type CrcVariant, type PacketFailure, type ParsedPacket } from './parse-packet';
import {
  isSplitPart,
  SplitPacketAssembler,
  type PacketAtLine,
  type ReassembledPacket,
  type SplitPacketAssemblerOptions,
} from './split-packets';

/** A packet found in a log, at its 1-based line. */
export type LogPacket =
  | { readonly kind: 'single'; readonly line: number; readonly packet: ParsedPacket }
  | ({ readonly kind: 'reassembled' } & ReassembledPacket);

/** A line with no packet. `text` is cut to 200 characters. */
export interface LogNoise {
  readonly line: number;
  readonly reason: NoiseReason;
  readonly text: string;
  readonly encoding: 'utf-8' | 'gb18030';
}

export interface CrcCounts {
  readonly valid: number;
  readonly mismatch: number;
  readonly variant: number;
  readonly absent: number;
}

export interface LogSummary {
  readonly bytes: number;
  readonly lines: number;
  /** Lines holding at least one packet. */
  readonly packetLines: number;
  /** Packets parsed; each part of a split upload counts once. */
  readonly packets: number;
  readonly crc: CrcCounts;
  readonly crcVariants: Readonly<Record<CrcVariant, number>>;
  /** Packets whose length field differs from the byte count of their data segment. */
  readonly lengthMismatch: number;
  /** Packets with at least one warning (CRC, length, tolerance repairs ...). */
  readonly packetsWithWarnings: number;
  readonly noiseLines: number;
  readonly noise: Readonly<Record<NoiseReason, number>>;
  /** The first few lines of each noise reason, for the import report. */
  readonly noiseSamples: readonly LogNoise[];
  /** `##` fragments that failed to parse on lines that also held a packet. */
  readonly rejectedFragments: number;
  /** Packets per CN (`'none'` when the header has no CN). */
  readonly packetsByCn: Readonly<Record<string, number>>;
  /** Distinct MNs, sorted. */
  readonly mns: readonly string[];
  readonly split: { readonly parts: number; readonly complete: number; readonly incomplete: number };
}

export interface LogScannerOptions {
  /** Called for every noise line (the counts are kept either way). */
  readonly onNoise?: (noise: LogNoise) => void;
  /** Merge PNUM/PNO parts into one packet (default true). */
  readonly reassembleSplitPackets?: boolean;
  readonly split?: SplitPacketAssemblerOptions;
  /** A line longer than this is counted as 'oversize' and skipped. Default 16 MiB. */
  readonly maxLineBytes?: number;
  /** Noise samples kept per reason. Default 3. */
  readonly noiseSamplesPerReason?: number;
}

const HASH2 = Buffer.from('##');
const LF = 0x0a;
const NO_HASH = -1;

/**
 * The synchronous core of the log reader: feed it chunks of a log in order, get back the packets
 * completed by each chunk. Lines are split on LF; trailing CRs are dropped (receivers write CRLF and
 * CR CR LF). Only bytes are scanned until a packet or a noise line needs text, so a chunk is never
 * decoded as a whole and invalid UTF-8 in noise cannot disturb packets.
 */
export class Hj212LogScanner {
  private lineNo = 0;
  private carry: Buffer | null = null;
  private skippingOversize = false;
  private bytes = 0;
  private packetLines = 0;
  private packets = 0;
  private readonly crc = { valid: 0, mismatch: 0, variant: 0, absent: 0 };
  private readonly crcVariants: Record<CrcVariant, number> = {
    'modbus-high-byte-first': 0,
    'modbus-low-byte-first': 0,
    'hj212-low-byte-first': 0,
  };
  private lengthMismatch = 0;
  private packetsWithWarnings = 0;
  private noiseLines = 0;
  private readonly noise = Object.fromEntries(NOISE_REASONS.map((r) => [r, 0])) as Record<
    NoiseReason,
    number
  >;
  private readonly noiseSamples: LogNoise[] = [];
  private rejectedFragments = 0;
  private readonly byCn = new Map<string, number>();
  private readonly mns = new Set<string>();
  private splitParts = 0;
  private splitComplete = 0;
  private splitIncomplete = 0;
  private readonly assembler: SplitPacketAssembler | null;
  private readonly maxLineBytes: number;
  private readonly samplesPerReason: number;
  private readonly onNoise: ((noise: LogNoise) => void) | undefined;
  // Position of the next `##` in `hashBuf` at or after `hashFrom` (NO_HASH: none to its end). Lines
  // are visited in order, so one native search serves every line up to that `##`: a search per line
  // would rescan the rest of the chunk for each line of a log with few packets.
  private hashBuf: Buffer | null = null;
  private hashFrom = 0;
  private hashAt = NO_HASH;
  private readonly candidates: number[] = [];
  private bom = true;

  constructor(options: LogScannerOptions = {}) {
    this.assembler =
      options.reassembleSplitPackets === false ? null : new SplitPacketAssembler(options.split);
    this.maxLineBytes = options.maxLineBytes ?? 16 * 1024 * 1024;
    this.samplesPerReason = options.noiseSamplesPerReason ?? 3;
    this.onNoise = options.onNoise;
  }

  /** Scans the next chunk; returns the packets it completes. */
  push(chunk: Uint8Array): LogPacket[] {
    const buf = Buffer.isBuffer(chunk)
      ? chunk
      : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    this.bytes += buf.length;
    const out: LogPacket[] = [];
    let pos = 0;
    if (this.carry !== null || this.skippingOversize) {
      const nl = buf.indexOf(LF);
      if (nl < 0) {
        this.extendCarry(buf);
        return out;
      }
      if (this.skippingOversize) {
        this.skippingOversize = false;
        this.lineNo++;
        this.addNoise({ line: this.lineNo, reason: 'oversize', text: '', encoding: 'utf-8' });
      } else {
        const line = Buffer.concat([this.carry!, buf.subarray(0, nl)]);
        this.carry = null;
        this.line(line, 0, line.length, out);
      }
      pos = nl + 1;
    }
    for (;;) {
      const nl = buf.indexOf(LF, pos);
      if (nl < 0) break;
      this.line(buf, pos, nl, out);
      pos = nl + 1;
    }
    if (pos < buf.length) this.extendCarry(buf.subarray(pos));
    return out;
  }

  /** Ends the input: scans a last line without LF and gives up on unfinished split uploads. */
  end(): LogPacket[] {
    const out: LogPacket[] = [];
    if (this.skippingOversize) {
      this.skippingOversize = false;
      this.lineNo++;
      this.addNoise({ line: this.lineNo, reason: 'oversize', text: '', encoding: 'utf-8' });
    } else if (this.carry !== null) {
      const line = this.carry;
      this.carry = null;
      this.line(line, 0, line.length, out);
    }
    if (this.assembler !== null) for (const r of this.assembler.flush()) out.push(this.reassembled(r));
    return out;
  }

  summary(): LogSummary {
    return {
      bytes: this.bytes,
      lines: this.lineNo,
      packetLines: this.packetLines,
      packets: this.packets,
      crc: { ...this.crc },
      crcVariants: { ...this.crcVariants },
      lengthMismatch: this.lengthMismatch,
      packetsWithWarnings: this.packetsWithWarnings,
      noiseLines: this.noiseLines,
      noise: { ...this.noise },
      noiseSamples: [...this.noiseSamples],
      rejectedFragments: this.rejectedFragments,
      packetsByCn: Object.fromEntries([...this.byCn].sort(([a], [b]) => a.localeCompare(b))),
      mns: [...this.mns].sort(),
      split: { parts: this.splitParts, complete: this.splitComplete, incomplete: this.splitIncomplete },
    };
  }

  private extendCarry(part: Buffer): void {
    if (this.skippingOversize) return;
    const size = (this.carry?.length ?? 0) + part.length;
    if (size > this.maxLineBytes) {
      this.carry = null;
      this.skippingOversize = true;
      return;
    }
    // Copy: the tail of a chunk must not pin the whole chunk, and callers may reuse their buffers.
    this.carry = this.carry === null ? Buffer.from(part) : Buffer.concat([this.carry, part]);
  }

  private line(buf: Buffer, start: number, end: number, out: LogPacket[]): void {
    const lineNo = ++this.lineNo;
    if (this.bom) {
      this.bom = false;
      if (end - start >= 3 && buf[start] === 0xef && buf[start + 1] === 0xbb && buf[start + 2] === 0xbf)
        start += 3;
    }
    while (end > start && (buf[end - 1] === 0x0d || buf[end - 1] === 0x20 || buf[end - 1] === 0x09)) end--;

    const candidates = this.candidates;
    candidates.length = 0;
    let hash = this.nextHash(buf, start);
    while (hash !== NO_HASH && hash < end - 1) {
      const c = buf[hash + 2];
      if (hash + 2 < end && c !== undefined && c >= 0x30 && c <= 0x39) candidates.push(hash);
      hash = this.nextHash(buf, hash + 1);
    }

    if (candidates.length > 0) {
      let found = 0;
      let failure: PacketFailure | null = null;
      for (let i = 0; i < candidates.length; i++) {
        const result = parsePacketRange(
          buf,
          candidates[i]!,
          i + 1 < candidates.length ? candidates[i + 1]! : end,
        );
        if (result.ok) {
          found++;
          this.packet(lineNo, result, out);
        } else if (failure === null || result.reason === 'truncated') {
          failure = result;
        }
        if (!result.ok) this.rejectedFragments++;
      }
      if (found > 0) {
        this.packetLines++;
        return;
      }
      // Every fragment failed: the line is noise, not rejected fragments of a packet line.
      this.rejectedFragments -= candidates.length;
      const text = buf.toString('utf8', start, Math.min(end, start + 200));
      const reason: NoiseReason = failure?.reason === 'truncated' ? 'truncated' : 'malformed';
      this.addNoise({ line: lineNo, reason, text, encoding: 'utf-8' });
      return;
    }
    const c = classifyNoise(buf, start, end);
    this.addNoise({ line: lineNo, reason: c.reason, text: c.text.slice(0, 200), encoding: c.encoding });
  }

  private nextHash(buf: Buffer, from: number): number {
    if (buf !== this.hashBuf || from < this.hashFrom || (this.hashAt !== NO_HASH && from > this.hashAt)) {
      this.hashBuf = buf;
      this.hashFrom = from;
      this.hashAt = buf.indexOf(HASH2, from);
    }
    return this.hashAt;
  }

  private packet(line: number, packet: ParsedPacket, out: LogPacket[]): void {
    this.packets++;
    this.crc[packet.crc.verdict]++;
    if (packet.crc.verdict === 'variant') this.crcVariants[packet.crc.variant]++;
    if (!packet.lengthOk) this.lengthMismatch++;
    if (packet.warnings.length > 0) this.packetsWithWarnings++;
    const cn = packet.cn ?? 'none';
    this.byCn.set(cn, (this.byCn.get(cn) ?? 0) + 1);
    if (packet.mn !== null && packet.mn !== '') this.mns.add(packet.mn);
    if (this.assembler !== null && isSplitPart(packet)) {
      this.splitParts++;
      const part: PacketAtLine = { line, packet };
      for (const r of this.assembler.add(part)) out.push(this.reassembled(r));
      return;
    }
    out.push({ kind: 'single', line, packet });
  }

  private reassembled(r: ReassembledPacket): LogPacket {
    if (r.complete) this.splitComplete++;
    else this.splitIncomplete++;
    return { kind: 'reassembled', ...r };
  }

  private addNoise(noise: LogNoise): void {
    this.noiseLines++;
    if (this.noise[noise.reason]++ < this.samplesPerReason) this.noiseSamples.push(noise);
    this.onNoise?.(noise);
  }
}
