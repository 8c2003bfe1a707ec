import { crc16Modbus, formatCrc } from './crc';
import { crc16Hj212Range } from './crc16-hj212-range';
import { decimalAt, decimalValue } from './decimal-at';
import { formatHj212Time } from './format-hj212-time';

/**
 * HJ 212 packet (数据包) parser: `##` + 4-digit length + data segment + 4 hex CRC (domain.md §1.1).
 * Exported logs are evidence, so the parser is tolerant (domain.md §1.3): a bad CRC, a wrong length,
 * a missing QN or Flag, `,` for `;` and similar deviations become warnings on a parsed packet; only
 * input with no recognisable packet at all is a `PacketFailure`. It never throws.
 */

/** CRC variants seen from real devices; `computed` in a CrcCheck is always the HJ 212 value. */
export type CrcVariant =
  /** CRC-16/MODBUS (`crc ^= byte`) printed high byte first. */
  | 'modbus-high-byte-first'
  /** CRC-16/MODBUS printed low byte first (tonyxia2016/HJ212Receiver captures). */
  | 'modbus-low-byte-first'
  /** The HJ 212 CRC with its two bytes swapped. */
  | 'hj212-low-byte-first';

export type CrcCheck =
  | { readonly verdict: 'valid'; readonly sent: string; readonly computed: string }
  | {
      readonly verdict: 'variant';
      readonly variant: CrcVariant;
      readonly sent: string;
      readonly computed: string;
    }
  | { readonly verdict: 'mismatch'; readonly sent: string; readonly computed: string }
  | { readonly verdict: 'absent'; readonly computed: string };

export type CrcVerdict = CrcCheck['verdict'];

/** Version bits V5..V0 of Flag as labelled by the standards. */
export type FlagVersion = 'hj212-2005' | 'hj212-2017' | 'hj212-2025' | 'unknown';

/** 拆分包及应答标志: bits V5..V0 D A. */
export interface PacketFlag {
  readonly value: number;
  /**
   * What the version bits claim. Never infer the standard from this alone: Flag=8 and 9 occur in
   * packets that predate the 2025 revision (domain.md §1.1 pitfall).
   */
  readonly versionBits: number;
  readonly version: FlagVersion;
  /** D bit: the packet carries PNUM and PNO. */
  readonly split: boolean;
  /** A bit: the sender asks for an acknowledgement. */
  readonly ackRequested: boolean;
}

/** Statistic suffixes of a pollutant value (Table 4). */
export type MeasureSuffix = 'Rtd' | 'Min' | 'Avg' | 'Max' | 'Cou' | 'ZsRtd' | 'ZsMin' | 'ZsAvg' | 'ZsMax';

/**
 * One `key=value` of the data area. Every kind has the same fields so the objects share one shape
 * (the hot loops that read them stay monomorphic). The key as sent is `${code}-${suffix}` unless a
 * `truncated-code`, `code-case` or `suffix-case` warning of the packet says how it was repaired;
 * `packet.text` keeps the packet verbatim.
 * - `code`: the normalised code (`w01018` for `01018`); for a `param`, the key itself.
 * - `value`: the number for measures and facility fields (null when empty or not numeric), else null.
 */
interface CpFieldOf<K extends string, S extends string> {
  readonly kind: K;
  readonly code: string;
  readonly suffix: S;
  readonly text: string;
  readonly value: number | null;
}

export type CpField =
  | CpFieldOf<'measure', MeasureSuffix>
  /** Flag: instrument data flag (N, F, M, S, D, C, T, B); EFlag: vendor extended flag. */
  | CpFieldOf<'flag', 'Flag' | 'EFlag'>
  | CpFieldOf<'sample-time', 'SampleTime'>
  /** 污染治理设施: `SBx-RS` running state (0 off .. 5 back-blow), `SBx-RT` running hours per day. */
  | CpFieldOf<'facility', 'RS' | 'RT'>
  /** A coded field with a suffix outside Table 4, kept as sent: ValidNum, TotalNum, otherFlag ... */
  | CpFieldOf<'extra', string>
  /** A key without a code: RtdInterval, QnRtn, ExeRtn, BeginTime, SystemTime, a bare `Flag=N` ... */
  | CpFieldOf<'param', ''>;

export type PacketWarningCode =
  | 'crc-mismatch'
  | 'crc-variant'
  | 'crc-absent'
  | 'length-mismatch'
  | 'length-field-not-4-digits'
  | 'segment-over-1024'
  | 'cp-unterminated'
  | 'trailing-text'
  | 'qn-missing'
  | 'flag-missing'
  | 'flag-invalid'
  | 'comma-separator'
  | 'missing-separator-before-cp'
  | 'duplicate-header-field'
  | 'header-key-case'
  | 'split-fields-invalid'
  | 'split-fields-missing'
  | 'split-fields-without-d-bit'
  | 'data-time-missing'
  | 'data-time-invalid'
  | 'truncated-code'
  | 'code-case'
  | 'suffix-case'
  | 'value-not-numeric'
  | 'malformed-field'
  /** Set by the split-packet assembler, never by parsePacket. */
  | 'split-incomplete';

export interface PacketWarning {
  readonly code: PacketWarningCode;
  readonly detail: string | null;
}

export interface HeaderField {
  readonly key: string;
  readonly value: string;
}

export interface ParsedPacket {
  readonly ok: true;
  /** The packet as received, from `##` through the CRC (trailing text and CR/LF excluded). */
  readonly text: string;
  /** The declared length (usually 4 digits). */
  readonly lengthField: number;
  /** Bytes of the data segment as received (UTF-8 for standard packets). */
  readonly segmentBytes: number;
  readonly lengthOk: boolean;
  readonly crc: CrcCheck;
  readonly qn: string | null;
  readonly st: string | null;
  readonly cn: string | null;
  readonly pw: string | null;
  readonly mn: string | null;
  readonly flag: PacketFlag | null;
  readonly pnum: number | null;
  readonly pno: number | null;
  /** Header keys outside QN/ST/CN/PW/MN/Flag/PNUM/PNO, in order. */
  readonly headerExtra: readonly HeaderField[];
  /** DataTime digits as sent, and as 'YYYY-MM-DD HH:mm:ss' (null when absent or not a valid time). */
  readonly dataTimeRaw: string | null;
  readonly dataTime: string | null;
  readonly cp: readonly CpField[];
  readonly warnings: readonly PacketWarning[];
}

export type PacketFailureReason =
  | 'empty'
  | 'no-header' // no `##`
  | 'no-length' // `##` not followed by digits
  | 'no-cp' // no `CP=&&` in a complete-looking segment
  | 'truncated' // the packet stops before its end (no closing `&&` and no CRC that verifies)
  | 'internal'; // a parser bug caught so one input cannot stop an import

export interface PacketFailure {
  readonly ok: false;
  readonly reason: PacketFailureReason;
  readonly message: string;
}

// CP=&& ... && is limited to 950 characters and the segment to 1024 bytes by the standard; longer
// segments occur in the field (the `##1045` sample) and are accepted with a warning.
const MAX_STANDARD_SEGMENT = 1024;

const HASH = 0x23;
const AMP = 0x26;
const SEMI = 0x3b;
const COMMA = 0x2c;
const EQ = 0x3d;
const SLASH = 0x2f;

const decoder = new TextDecoder('utf-8');
const encoder = new TextEncoder();
let scratch = new Uint8Array(4096);

/**
 * Parses the first packet in `line` (text before `##` is ignored, e.g. a log timestamp). Text after
 * the CRC is reported as `trailing-text`; a second packet on the same line is not parsed (the log
 * reader splits lines at every `##` + digit and calls `parsePacketRange` per packet).
 */
export function parsePacket(line: string | Uint8Array): ParsedPacket | PacketFailure {
  return parseLine(line, true);
}

/**
 * `parsePacket` without the ASCII fast path of the data area: every packet goes through the
 * tolerant parser. For tests, which check that both paths give the same packets.
 */
export function parsePacketTolerant(line: string | Uint8Array): ParsedPacket | PacketFailure {
  return parseLine(line, false);
}

function parseLine(line: string | Uint8Array, fastPath: boolean): ParsedPacket | PacketFailure {
  try {
    let bytes: Uint8Array;
    let end: number;
    if (typeof line === 'string') {
      if (scratch.length < line.length * 3) scratch = new Uint8Array(line.length * 3);
      end = encoder.encodeInto(line, scratch).written;
      bytes = scratch;
    } else {
      bytes = line;
      end = line.length;
    }
    const start = findPacketStart(bytes, 0, end);
    if (start < 0) {
      return isBlank(bytes, 0, end)
        ? failure('empty', 'the input is empty')
        : failure('no-header', 'no "##" packet header found');
    }
    const next = findPacketStart(bytes, start + 3, end);
    return parseRange(bytes, start, next < 0 ? end : next, fastPath);
  } catch (error) {
    return failure('internal', `parser error: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Position of the first `##` followed by a digit in bytes[from, end), else of the first bare `##`
 * (so `##QN=...` fails as 'no-length' rather than 'no-header'), else -1.
 */
export function findPacketStart(bytes: Uint8Array, from: number, end: number): number {
  let bare = -1;
  for (let i = from; i < end - 1; i++) {
    if (bytes[i] !== HASH || bytes[i + 1] !== HASH) continue;
    const c = bytes[i + 2];
    if (c !== undefined && i + 2 < end && c >= 0x30 && c <= 0x39) return i;
    if (bare < 0 && c !== HASH) bare = i;
  }
  return bare;
}

/**
 * Parses one packet occupying bytes[start, end): `start` must point at `##`, and the range must not
 * contain the next packet. The caller (the log reader) already knows both, which saves a scan.
 * Never throws.
 */
export function parsePacketRange(
  bytes: Uint8Array,
  start: number,
  end: number,
): ParsedPacket | PacketFailure {
  try {
    return parseRange(bytes, start, end, true);
  } catch (error) {
    return failure('internal', `parser error: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function parseRange(
  bytes: Uint8Array,
  start: number,
  end: number,
  fastPath: boolean,
): ParsedPacket | PacketFailure {
  while (end > start && isSpaceByte(bytes[end - 1]!)) end--;
  if (end - start < 2 || bytes[start] !== HASH || bytes[start + 1] !== HASH) {
    return failure('no-header', 'no "##" packet header at the given position');
  }
  let p = start + 2;
  let declared = 0;
  // Six digits at most: enough to tolerate a mistyped length without eating the segment.
  while (p < end && p - start - 2 < 6 && isDigit(bytes[p]!)) declared = declared * 10 + (bytes[p++]! - 0x30);
  const digits = p - start - 2;
  if (digits === 0) return failure('no-length', '"##" is not followed by the length field');
  const segStart = p;

  const cpOpen = indexOfCpOpen(bytes, segStart, end);
  if (cpOpen < 0) {
    return end - segStart < declared
      ? failure('truncated', `the packet stops after ${end - segStart} of ${declared} bytes, before "CP=&&"`)
      : failure('no-cp', 'no "CP=&&" data area in the data segment');
  }
  const dataStart = cpOpen + 5;

  const warnings: PacketWarning[] = [];
  let close = -1;
  for (let i = end - 2; i >= dataStart; i--) {
    if (bytes[i] === AMP && bytes[i + 1] === AMP) {
      close = i;
      break;
    }
  }

  let segEnd: number;
  let dataEnd: number;
  let textEnd: number;
  let sent = -1;
  if (close >= 0) {
    segEnd = close + 2;
    dataEnd = close;
    if (segEnd + 4 <= end && isHex4(bytes, segEnd)) {
      sent = hex4(bytes, segEnd);
      textEnd = segEnd + 4;
    } else {
      textEnd = segEnd;
    }
    if (textEnd < end) warnings.push(warn('trailing-text', textPreview(bytes, textEnd, end)));
  } else {
    // No closing `&&`. Real forwarders drop it (sCair/Hj212-Distribute "发送报文" lines) and still
    // send a CRC that verifies over what they sent; a cut-off read has no such CRC. Accept only the
    // former, so a truncated read never becomes a packet.
    if (end - 4 < dataStart || !isHex4(bytes, end - 4)) {
      return failure('truncated', 'the data area has no closing "&&" and no CRC');
    }
    segEnd = end - 4;
    dataEnd = segEnd;
    textEnd = end;
    sent = hex4(bytes, segEnd);
    const hj = crc16Hj212Range(bytes, segStart, segEnd);
    if (sent !== hj && matchVariant(bytes, segStart, segEnd, sent, hj) === null) {
      return failure('truncated', 'the data area has no closing "&&" and the last 4 characters are no CRC');
    }
    warnings.push(warn('cp-unterminated', null));
  }

  const segmentBytes = segEnd - segStart;
  const crc = checkCrc(bytes, segStart, segEnd, sent);
  switch (crc.verdict) {
    case 'valid':
      break;
    case 'variant':
      warnings.push(warn('crc-variant', `${crc.variant}: sent ${crc.sent}, HJ 212 CRC is ${crc.computed}`));
      break;
    case 'mismatch':
      warnings.push(warn('crc-mismatch', `sent ${crc.sent}, computed ${crc.computed}`));
      break;
    case 'absent':
      warnings.push(W_CRC_ABSENT);
      break;
    default:
      assertNever(crc);
  }
  if (digits !== 4) warnings.push(warn('length-field-not-4-digits', `${digits} digits`));
  if (declared !== segmentBytes) {
    warnings.push(
      warn('length-mismatch', `declared ${declared}, the data segment has ${segmentBytes} bytes`),
    );
  }
  if (segmentBytes > MAX_STANDARD_SEGMENT) warnings.push(warn('segment-over-1024', `${segmentBytes} bytes`));

  // Decode once. Packets are nearly always ASCII, where string and byte offsets coincide; the
  // header and data area are then read in place from the one flat string.
  const text = decoder.decode(bytes.subarray(start, textEnd));
  let headerText = text;
  let headerFrom = segStart - start;
  let headerTo = cpOpen - start;
  let dataText = text;
  let dataFrom = dataStart - start;
  let dataTo = dataEnd - start;
  if (text.length !== textEnd - start) {
    headerText = decoder.decode(bytes.subarray(segStart, cpOpen));
    headerFrom = 0;
    headerTo = headerText.length;
    dataText = decoder.decode(bytes.subarray(dataStart, dataEnd));
    dataFrom = 0;
    dataTo = dataText.length;
  }
  if (cpOpen > segStart) {
    const before = bytes[cpOpen - 1];
    if (before !== SEMI && before !== COMMA) warnings.push(W_MISSING_SEPARATOR_BEFORE_CP);
  }

  const h = parseHeader(headerText, headerFrom, headerTo, warnings);
  const codePrefix = codePrefixForSt(h.st);
  const cp: CpField[] = [];
  // The fast path reads a well-formed data area from the bytes (offsets then coincide with the
  // text's); it gives up on anything unusual, which the tolerant parser then reads from scratch.
  let dataTimeRaw =
    fastPath && dataText === text
      ? parseDataAreaAscii(bytes, text, start, dataStart, dataEnd, codePrefix, cp)
      : LEFT_TO_TOLERANT_PARSER;
  if (dataTimeRaw === LEFT_TO_TOLERANT_PARSER) {
    cp.length = 0;
    dataTimeRaw = parseDataArea(dataText, dataFrom, dataTo, codePrefix, cp, warnings);
  }
  let dataTime: string | null = null;
  if (dataTimeRaw !== null) {
    dataTime = formatDataTime(dataTimeRaw);
    if (dataTime === null) warnings.push(warn('data-time-invalid', dataTimeRaw));
  } else if (
    h.cn !== null &&
    DATA_CNS.has(h.cn) &&
    cp.some((f) => f.kind === 'measure' || f.kind === 'facility')
  ) {
    // Only uploads: the same CNs sent by the platform are requests carrying BeginTime/EndTime.
    warnings.push(W_DATA_TIME_MISSING);
  }

  return {
    ok: true,
    text,
    lengthField: declared,
    segmentBytes,
    lengthOk: declared === segmentBytes,
    crc,
    qn: h.qn,
    st: h.st,
    cn: h.cn,
    pw: h.pw,
    mn: h.mn,
    flag: h.flag,
    pnum: h.pnum,
    pno: h.pno,
    headerExtra: h.extra,
    dataTimeRaw,
    dataTime,
    cp,
    warnings,
  };
}

// Consecutive packets mostly carry the same DataTime (one per period and device): the last one is
// formatted once.
let lastDataTimeRaw = '';
let lastDataTime: string | null = null;

/** formatHj212Time of the packet's DataTime, remembered for the next packet. */
function formatDataTime(raw: string): string | null {
  if (raw !== lastDataTimeRaw) {
    lastDataTime = formatHj212Time(raw);
    lastDataTimeRaw = raw;
  }
  return lastDataTime;
}

/** CNs whose data area must carry DataTime (Table 9 data commands). */
const DATA_CNS: ReadonlySet<string> = new Set(['2011', '2021', '2031', '2041', '2051', '2061']);

// Shared instances for the detail-less warnings that recur on thousands of packets.
const W_CRC_ABSENT = warn('crc-absent', null);
const W_QN_MISSING = warn('qn-missing', null);
const W_FLAG_MISSING = warn('flag-missing', null);
const W_COMMA_SEPARATOR = warn('comma-separator', null);
const W_MISSING_SEPARATOR_BEFORE_CP = warn('missing-separator-before-cp', null);
const W_DATA_TIME_MISSING = warn('data-time-missing', null);

function warn(code: PacketWarningCode, detail: string | null): PacketWarning {
  return Object.freeze({ code, detail });
}

function failure(reason: PacketFailureReason, message: string): PacketFailure {
  return { ok: false, reason, message };
}

/** formatCrc results, kept: every packet prints two CRCs and most logs repeat few values. */
const CRC_TEXT: (string | undefined)[] = new Array<string | undefined>(0x10000);

function crcText(crc: number): string {
  return (CRC_TEXT[crc] ??= formatCrc(crc));
}

function checkCrc(bytes: Uint8Array, segStart: number, segEnd: number, sent: number): CrcCheck {
  const hj = crc16Hj212Range(bytes, segStart, segEnd);
  const computed = crcText(hj);
  if (sent < 0) return { verdict: 'absent', computed };
  const sentText = crcText(sent);
  if (sent === hj) return { verdict: 'valid', sent: sentText, computed };
  const variant = matchVariant(bytes, segStart, segEnd, sent, hj);
  return variant === null
    ? { verdict: 'mismatch', sent: sentText, computed }
    : { verdict: 'variant', variant, sent: sentText, computed };
}

/** Only reached for CRCs that are not HJ 212, so the slower reference functions of crc.ts are fine. */
function matchVariant(
  bytes: Uint8Array,
  segStart: number,
  segEnd: number,
  sent: number,
  hj: number,
): CrcVariant | null {
  const modbus = crc16Modbus(bytes.subarray(segStart, segEnd));
  if (sent === modbus) return 'modbus-high-byte-first';
  if (sent === swapBytes(modbus)) return 'modbus-low-byte-first';
  if (sent === swapBytes(hj)) return 'hj212-low-byte-first';
  return null;
}

function swapBytes(v: number): number {
  return ((v & 0xff) << 8) | (v >>> 8);
}

interface Header {
  qn: string | null;
  st: string | null;
  cn: string | null;
  pw: string | null;
  mn: string | null;
  flag: PacketFlag | null;
  pnum: number | null;
  pno: number | null;
  extra: HeaderField[];
}

const HEADER_KEYS = ['QN', 'ST', 'CN', 'PW', 'MN', 'Flag', 'PNUM', 'PNO'] as const;
const QN = 0;
const ST = 1;
const CN = 2;
const PW = 3;
const MN = 4;
const FLAG = 5;
const PNUM = 6;
const PNO = 7;

const HEADER_KEY_BY_UPPER: ReadonlyMap<string, number> = new Map(
  HEADER_KEYS.map((k, i) => [k.toUpperCase(), i]),
);

/** Index in HEADER_KEYS of the key spelled exactly at s[a, b), else -1 (read by char codes: no allocation). */
function headerKeyAt(s: string, a: number, b: number): number {
  const c0 = s.charCodeAt(a);
  const c1 = s.charCodeAt(a + 1);
  switch (b - a) {
    case 2:
      if (c1 === 0x4e) return c0 === 0x51 ? QN : c0 === 0x43 ? CN : c0 === 0x4d ? MN : -1; // QN CN MN
      if (c0 === 0x53 && c1 === 0x54) return ST;
      if (c0 === 0x50 && c1 === 0x57) return PW;
      return -1;
    case 3:
      return s.startsWith('PNO', a) ? PNO : -1;
    case 4:
      if (c0 === 0x46) return s.startsWith('lag', a + 1) ? FLAG : -1;
      return s.startsWith('PNUM', a) ? PNUM : -1;
    default:
      return -1;
  }
}

/** The header s[from, to): the fields before `CP=`. */
function parseHeader(s: string, from: number, to: number, warnings: PacketWarning[]): Header {
  const h: Header = {
    qn: null,
    st: null,
    cn: null,
    pw: null,
    mn: null,
    flag: null,
    pnum: null,
    pno: null,
    extra: [],
  };
  const values: (string | null)[] = [null, null, null, null, null, null, null, null];
  let comma = false;
  let i = from;
  while (i < to) {
    const semi = indexBefore(s, ';', i, to);
    const commaAt = indexBefore(s, ',', i, semi);
    const j = commaAt < semi ? commaAt : semi;
    if (commaAt < semi) comma = true;
    const eq = indexBefore(s, '=', i, j);
    if (eq === j) {
      const rest = s.slice(i, j).trim();
      if (rest !== '') warnings.push(warn('malformed-field', rest.slice(0, 60)));
    } else {
      let ks = i;
      let ke = eq;
      while (ks < ke && s.charCodeAt(ks) <= 32) ks++;
      while (ke > ks && s.charCodeAt(ke - 1) <= 32) ke--;
      const value = trimmed(s.slice(eq + 1, j));
      let index = headerKeyAt(s, ks, ke);
      if (index < 0) {
        const key = s.slice(ks, ke);
        // Keys are case-sensitive in the standard, but `FLAG=0` (seen in the samples) still means Flag.
        index = HEADER_KEY_BY_UPPER.get(key.toUpperCase()) ?? -1;
        if (index >= 0) warnings.push(warn('header-key-case', key));
        else h.extra.push({ key, value });
      }
      if (index >= 0) {
        if (values[index] === null) values[index] = value;
        else warnings.push(warn('duplicate-header-field', `${HEADER_KEYS[index]!}=${value}`));
      }
    }
    i = j + 1;
  }
  h.qn = values[QN] ?? null;
  h.st = values[ST] ?? null;
  h.cn = values[CN] ?? null;
  h.pw = values[PW] ?? null;
  h.mn = values[MN] ?? null;
  const flagText = values[FLAG] ?? null;
  const pnumText = values[PNUM] ?? null;
  const pnoText = values[PNO] ?? null;
  if (comma) warnings.push(W_COMMA_SEPARATOR);
  if (h.qn === null || h.qn === '') warnings.push(W_QN_MISSING);
  if (flagText === null) {
    warnings.push(W_FLAG_MISSING);
  } else {
    h.flag = decodeFlag(flagText);
    if (h.flag === null) warnings.push(warn('flag-invalid', flagText));
  }
  if (pnumText !== null || pnoText !== null) {
    h.pnum = pnumText === null ? null : parseCount(pnumText);
    h.pno = pnoText === null ? null : parseCount(pnoText);
    if (h.pnum === null || h.pno === null || h.pno > h.pnum) {
      warnings.push(warn('split-fields-invalid', `PNUM=${pnumText ?? ''}, PNO=${pnoText ?? ''}`));
    }
    if (h.flag !== null && !h.flag.split)
      warnings.push(warn('split-fields-without-d-bit', `Flag=${h.flag.value}`));
  } else if (h.flag?.split === true) {
    warnings.push(warn('split-fields-missing', `Flag=${h.flag.value}`));
  }
  return h;
}

/** Flag is an integer 0..255: V5..V0 D A. The 256 decodings are shared, frozen objects. */
export function decodeFlag(text: string): PacketFlag | null {
  if (text.length === 0 || text.length > 3) return null;
  let value = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return null;
    value = value * 10 + (c - 0x30);
  }
  return value > 255 ? null : FLAGS[value]!;
}

const FLAGS: readonly PacketFlag[] = Array.from({ length: 256 }, (_, value) =>
  Object.freeze({
    value,
    versionBits: value >>> 2,
    version: versionLabel(value >>> 2),
    split: (value & 2) !== 0,
    ackRequested: (value & 1) !== 0,
  }),
);

function versionLabel(bits: number): FlagVersion {
  switch (bits) {
    case 0:
      return 'hj212-2005';
    case 1:
      return 'hj212-2017';
    case 2:
      return 'hj212-2025';
    default:
      return 'unknown';
  }
}

/** PNUM / PNO: a positive integer, leading zeros allowed (`PNO=0002`). */
function parseCount(text: string): number | null {
  if (text.length === 0 || text.length > 9) return null;
  let v = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return null;
    v = v * 10 + (c - 0x30);
  }
  return v >= 1 ? v : null;
}

/**
 * The code prefix implied by the system code, to repair truncated codes such as `01018-Rtd`
 * (annex C.14) into `w01018`. Only air and water systems are unambiguous.
 */
function codePrefixForSt(st: string | null): string | null {
  switch (st) {
    case '21': // surface water
    case '32': // water pollution source
      return 'w';
    case '22': // ambient air
    case '27': // VOC
    case '31': // air pollution source
    case '39': // construction dust
      return 'a';
    default:
      return null;
  }
}

/**
 * Fields of the data area s[from, to) into `out`; returns the raw DataTime. Items are meant to be
 * separated by `;` and fields of one item by `,`, but devices mix them up, and no parsing decision
 * depends on the item grouping, so both act as field separators.
 *
 * This is the hot loop of an import (60 fields per hourly packet): separators are found with native
 * `indexOf`, keys are matched by char codes, a code shared by consecutive fields is sliced once, and
 * plain decimals are converted without `Number`, so each field allocates its value text and itself.
 */
function parseDataArea(
  s: string,
  from: number,
  to: number,
  codePrefix: string | null,
  out: CpField[],
  warnings: PacketWarning[],
): string | null {
  let dataTime: string | null = null;
  const codes: CodeCache = { raw: '', rawAt: 0, code: '' };
  let semi = -1;
  let comma = -1;
  let i = from;
  while (i < to) {
    if (semi < i) semi = indexBefore(s, ';', i, to);
    if (comma < i) comma = indexBefore(s, ',', i, to);
    let j = semi < comma ? semi : comma;
    const eq = indexBefore(s, '=', i, j);
    if (eq === j) {
      const rest = s.slice(i, j).trim();
      if (rest !== '') warnings.push(warn('malformed-field', rest.slice(0, 60)));
      i = j + 1;
      continue;
    }
    // Log texts (i11001 运行日志) sit between "//" and may contain separators.
    if (s.charCodeAt(eq + 1) === SLASH && s.charCodeAt(eq + 2) === SLASH) {
      const closeAt = s.indexOf('//', eq + 3);
      if (closeAt >= 0 && closeAt + 2 <= to && closeAt + 2 > j) {
        semi = indexBefore(s, ';', closeAt + 2, to);
        comma = indexBefore(s, ',', closeAt + 2, to);
        j = semi < comma ? semi : comma;
      }
    }
    let ks = i;
    let ke = eq;
    while (ks < ke && s.charCodeAt(ks) <= 32) ks++;
    while (ke > ks && s.charCodeAt(ke - 1) <= 32) ke--;
    let ts = eq + 1;
    let te = j;
    while (ts < te && s.charCodeAt(ts) <= 32) ts++;
    while (te > ts && s.charCodeAt(te - 1) <= 32) te--;
    if (ke - ks === 8 && s.startsWith('DataTime', ks)) {
      if (dataTime === null) dataTime = s.slice(ts, te);
    } else {
      out.push(fieldAt(s, ks, ke, ts, te, codePrefix, codes, warnings));
    }
    i = j + 1;
  }
  return dataTime;
}

/** Position of `c` in s[from, to), else `to`. Native indexOf beats a JS loop even a few characters away. */
function indexBefore(s: string, c: string, from: number, to: number): number {
  const at = s.indexOf(c, from);
  return at < 0 || at > to ? to : at;
}

/**
 * The code of the previous field as sent (`raw`, found at `rawAt` in the data area) and as
 * normalised: fields of one item share it.
 */
interface CodeCache {
  raw: string;
  rawAt: number;
  code: string;
}

/** True when s[a, a + n) and s[b, b + n) hold the same characters. */
function sameChars(s: string, a: number, b: number, n: number): boolean {
  for (let k = 0; k < n; k++) if (s.charCodeAt(a + k) !== s.charCodeAt(b + k)) return false;
  return true;
}

/** Returned by `parseDataAreaAscii` for a data area it leaves to `parseDataArea`. */
const LEFT_TO_TOLERANT_PARSER = false;

// Byte classes of the fast path's scan: ordinary, `;` or `,`, `=`, and what the fast path leaves
// to the tolerant parser (spaces and control bytes, which get trimmed, and non-ASCII bytes).
const ORDINARY = 0;
const SEPARATOR = 1;
const EQUALS = 2;
const UNUSUAL = 3;
const BYTE_CLASS = Uint8Array.from({ length: 256 }, (_, b) =>
  b === SEMI || b === COMMA ? SEPARATOR : b === EQ ? EQUALS : b <= 32 || b >= 0x80 ? UNUSUAL : ORDINARY,
);
const DASH = 0x2d;
const MINUS = 0x2d;
const PLUS = 0x2b;
const DOT = 0x2e;

/**
 * The fast path of `parseDataArea` for a data area of ASCII fields without spaces, read from
 * bytes[from, to) of a packet whose text starts at bytes[base]: the same fields and DataTime, or
 * LEFT_TO_TOLERANT_PARSER as soon as a field is unusual (no `=`, a `//log text//`, a code to
 * repair, a suffix in the wrong case, a value that is not a number: anything that would warn).
 * Fields go to `out`, which the caller empties when the fast path gives up.
 */
function parseDataAreaAscii(
  bytes: Uint8Array,
  text: string,
  base: number,
  from: number,
  to: number,
  codePrefix: string | null,
  out: CpField[],
): string | null | typeof LEFT_TO_TOLERANT_PARSER {
  let dataTime: string | null = null;
  // The code of the previous field, as in parseDataArea's CodeCache.
  let rawAt = 0;
  let rawLength = 0;
  let raw = '';
  for (let i = from; i < to; i++) {
    // The key: up to the first `=`, noting its last `-`. Fields of one item start with the code of
    // the previous field and its dash: those bytes were scanned then (all ordinary), so the scan
    // resumes after the dash, which is the last one so far, and the code needs no second compare.
    let eq = i;
    let lastDash = -1;
    let c = ORDINARY;
    const sameCode =
      rawLength > 0 &&
      i + rawLength < to &&
      bytes[i + rawLength] === DASH &&
      sameBytes(bytes, rawAt, i, rawLength);
    if (sameCode) {
      lastDash = i + rawLength;
      eq = lastDash + 1;
    }
    for (; eq < to; eq++) {
      const b = bytes[eq]!;
      c = BYTE_CLASS[b]!;
      if (c !== ORDINARY) break;
      if (b === DASH) lastDash = eq;
    }
    if (c !== EQUALS) {
      if (c === UNUSUAL || eq > i) return LEFT_TO_TOLERANT_PARSER; // malformed-field
      i = eq; // an empty field (`;;`) is skipped
      continue;
    }
    if (eq === i || (bytes[eq + 1] === SLASH && bytes[eq + 2] === SLASH)) return LEFT_TO_TOLERANT_PARSER;
    // The value: up to the first `;` or `,`, read as a plain decimal on the way (as decimalAt).
    let j = eq + 1;
    const sign = bytes[j];
    const negative = sign === MINUS;
    if (negative || sign === PLUS) j++;
    let mantissa = 0;
    let digits = 0;
    let significant = 0;
    let decimals = 0;
    let dot = false;
    let plain = true;
    for (; j < to; j++) {
      const b = bytes[j]!;
      if (b >= 0x30 && b <= 0x39) {
        mantissa = mantissa * 10 + (b - 0x30);
        digits++;
        if (mantissa !== 0) significant++;
        if (dot) decimals++;
        continue;
      }
      c = BYTE_CLASS[b]!;
      if (c === SEPARATOR) break;
      if (c === UNUSUAL) return LEFT_TO_TOLERANT_PARSER;
      if (b === DOT && !dot) dot = true;
      else plain = false;
    }
    const decimal = plain ? decimalValue(mantissa, digits, significant, decimals, negative) : NaN;
    const value = text.slice(eq + 1 - base, j - base);
    if (eq - i === 8 && isDataTimeAt(bytes, i)) {
      if (dataTime === null) dataTime = value;
      i = j;
      continue;
    }
    // As in fieldAt: the suffix is at most 10 characters (SampleTime), so its dash is the last one
    // among the key's last 12 characters, and a key without one is a parameter.
    if (lastDash <= i || lastDash < eq - 12) {
      out.push(field('param', text.slice(i - base, eq - base), '', value, null));
      i = j;
      continue;
    }
    const dash = lastDash;
    if (dash - i !== rawLength || !(sameCode || sameBytes(bytes, rawAt, i, rawLength))) {
      raw = text.slice(i - base, dash - base);
      rawAt = i;
      rawLength = dash - i;
      if (codeNeedsRepair(raw, codePrefix)) return LEFT_TO_TOLERANT_PARSER;
    }
    const suffix = knownSuffixAtBytes(bytes, dash + 1, eq);
    let f: CpField | null;
    if (suffix !== null) {
      f = knownField(raw, raw, suffix, value, decimal);
    } else {
      const asSent = text.slice(dash + 1 - base, eq - base);
      f = SUFFIX_BY_LOWER.has(asSent.toLowerCase()) ? null : field('extra', raw, asSent, value, null);
    }
    if (f === null) return LEFT_TO_TOLERANT_PARSER;
    out.push(f);
    i = j;
  }
  return dataTime;
}

/**
 * `fieldAt` for a Table 4 suffix, with the value as text and as a plain decimal (NaN when it is
 * not one); null for a value that is not a number (a warning: left to the tolerant parser).
 */
function knownField(
  code: string,
  rawCode: string,
  suffix: KnownSuffix,
  text: string,
  decimal: number,
): CpField | null {
  const kind = suffixKind(suffix);
  switch (kind) {
    case 'measure': {
      const value = numberOrNull(decimal, text);
      return value === false ? null : field('measure', code, suffix as MeasureSuffix, text, value);
    }
    case 'flag':
      return field('flag', code, suffix as 'Flag' | 'EFlag', text, null);
    case 'sample-time':
      return field('sample-time', code, 'SampleTime', text, null);
    case 'facility': {
      if (rawCode.length > 2 && (rawCode.startsWith('SB') || rawCode.startsWith('sb'))) {
        const value = numberOrNull(decimal, text);
        return value === false ? null : field('facility', rawCode, suffix as 'RS' | 'RT', text, value);
      }
      return field('extra', code, suffix, text, null);
    }
    default:
      return assertNever(kind);
  }
}

/** `parseValueSlow` without its warning: false where it would warn. */
function numberOrNull(decimal: number, text: string): number | null | false {
  if (decimal === decimal) return decimal;
  if (text === '') return null;
  const v = Number(text);
  return Number.isFinite(v) ? v : false;
}

function isDataTimeAt(bytes: Uint8Array, at: number): boolean {
  for (let k = 0; k < 8; k++) if (bytes[at + k] !== DATA_TIME_KEY[k]) return false;
  return true;
}

const DATA_TIME_KEY = encoder.encode('DataTime');

function sameBytes(bytes: Uint8Array, a: number, b: number, n: number): boolean {
  for (let k = 0; k < n; k++) if (bytes[a + k] !== bytes[b + k]) return false;
  return true;
}

/** `knownSuffixAt` over bytes. */
function knownSuffixAtBytes(bytes: Uint8Array, a: number, b: number): KnownSuffix | null {
  switch (b - a) {
    case 2:
      if (bytes[a] !== 0x52) return null; // R
      switch (bytes[a + 1]) {
        case 0x53:
          return 'RS';
        case 0x54:
          return 'RT';
        default:
          return null;
      }
    case 3:
      return statAtBytes(bytes, a, false);
    case 4:
      return bytes[a] === 0x46 && bytes[a + 1] === 0x6c && bytes[a + 2] === 0x61 && bytes[a + 3] === 0x67
        ? 'Flag'
        : null;
    case 5:
      if (bytes[a] === 0x45) {
        // E
        return bytes[a + 1] === 0x46 &&
          bytes[a + 2] === 0x6c &&
          bytes[a + 3] === 0x61 &&
          bytes[a + 4] === 0x67
          ? 'EFlag'
          : null;
      }
      return bytes[a] === 0x5a && bytes[a + 1] === 0x73 ? statAtBytes(bytes, a + 2, true) : null; // Zs
    case 10:
      return sameAscii(bytes, a, 'SampleTime') ? 'SampleTime' : null;
    default:
      return null;
  }
}

/** `statAt` over bytes. */
function statAtBytes(bytes: Uint8Array, a: number, zs: boolean): MeasureSuffix | null {
  const c1 = bytes[a + 1];
  const c2 = bytes[a + 2];
  switch (bytes[a]) {
    case 0x41: // A
      return c1 === 0x76 && c2 === 0x67 ? (zs ? 'ZsAvg' : 'Avg') : null;
    case 0x4d: // M
      if (c1 === 0x69 && c2 === 0x6e) return zs ? 'ZsMin' : 'Min';
      return c1 === 0x61 && c2 === 0x78 ? (zs ? 'ZsMax' : 'Max') : null;
    case 0x52: // R
      return c1 === 0x74 && c2 === 0x64 ? (zs ? 'ZsRtd' : 'Rtd') : null;
    case 0x43: // C
      return !zs && c1 === 0x6f && c2 === 0x75 ? 'Cou' : null;
    default:
      return null;
  }
}

function sameAscii(bytes: Uint8Array, at: number, ascii: string): boolean {
  for (let k = 0; k < ascii.length; k++) if (bytes[at + k] !== ascii.charCodeAt(k)) return false;
  return true;
}

/** The field with key s[ks, ke) and value s[ts, te). */
function fieldAt(
  s: string,
  ks: number,
  ke: number,
  ts: number,
  te: number,
  codePrefix: string | null,
  codes: CodeCache,
  warnings: PacketWarning[],
): CpField {
  const text = s.slice(ts, te);
  // The suffix ends the key and is at most 10 characters (SampleTime): look for its dash from the end.
  let dash = ke - 1;
  const stop = ke - 12 > ks ? ke - 12 : ks;
  while (dash > stop && s.charCodeAt(dash) !== 0x2d) dash--;
  if (dash <= ks || s.charCodeAt(dash) !== 0x2d) return field('param', s.slice(ks, ke), '', text, null);
  let code = codes.code;
  if (codes.raw.length !== dash - ks || !sameChars(s, codes.rawAt, ks, dash - ks)) {
    codes.raw = s.slice(ks, dash);
    codes.rawAt = ks;
    code = codes.code = normalizeCode(codes.raw, codePrefix, warnings);
  }
  let sa = dash + 1;
  while (sa < ke && s.charCodeAt(sa) <= 32) sa++; // `a21004- Rtd` (seen in the samples)
  let suffix: string | null = knownSuffixAt(s, sa, ke);
  if (suffix === null) {
    const asSent = s.slice(sa, ke);
    // Keys are case-sensitive in the standard; a vendor writing `-rtd` still means Rtd.
    suffix = SUFFIX_BY_LOWER.get(asSent.toLowerCase()) ?? null;
    if (suffix === null) return field('extra', code, asSent, text, null);
    warnings.push(warn('suffix-case', s.slice(ks, ke)));
  }
  const kind = suffixKind(suffix as KnownSuffix);
  switch (kind) {
    case 'measure': {
      let value: number | null = decimalAt(s, ts, te);
      if (value !== value) value = parseValueSlow(code, suffix, text, warnings); // NaN: not a plain decimal
      return field('measure', code, suffix as MeasureSuffix, text, value);
    }
    case 'flag':
      return field('flag', code, suffix as 'Flag' | 'EFlag', text, null);
    case 'sample-time':
      return field('sample-time', code, 'SampleTime', text, null);
    case 'facility': {
      // RS/RT belong to treatment facilities `SBx`; on any other code they are an unknown suffix.
      const rawCode = codes.raw;
      if (rawCode.length > 2 && (rawCode.startsWith('SB') || rawCode.startsWith('sb'))) {
        let value: number | null = decimalAt(s, ts, te);
        if (value !== value) value = parseValueSlow(rawCode, suffix, text, warnings);
        return field('facility', rawCode, suffix as 'RS' | 'RT', text, value);
      }
      return field('extra', code, suffix, text, null);
    }
    default:
      return assertNever(kind);
  }
}

type KnownSuffix = MeasureSuffix | 'Flag' | 'EFlag' | 'SampleTime' | 'RS' | 'RT';
type FieldSuffixKind = 'measure' | 'flag' | 'sample-time' | 'facility';

function suffixKind(suffix: KnownSuffix): FieldSuffixKind {
  switch (suffix) {
    case 'Rtd':
    case 'Min':
    case 'Avg':
    case 'Max':
    case 'Cou':
    case 'ZsRtd':
    case 'ZsMin':
    case 'ZsAvg':
    case 'ZsMax':
      return 'measure';
    case 'Flag':
    case 'EFlag':
      return 'flag';
    case 'SampleTime':
      return 'sample-time';
    case 'RS':
    case 'RT':
      return 'facility';
    default:
      return assertNever(suffix);
  }
}

/**
 * The Table 4 suffix spelled exactly at s[a, b), returned as a literal: no substring is allocated
 * and later comparisons against it are pointer comparisons.
 */
function knownSuffixAt(s: string, a: number, b: number): KnownSuffix | null {
  switch (b - a) {
    case 2:
      if (s.charCodeAt(a) !== 0x52) return null; // R
      switch (s.charCodeAt(a + 1)) {
        case 0x53:
          return 'RS';
        case 0x54:
          return 'RT';
        default:
          return null;
      }
    case 3:
      return statAt(s, a, false);
    case 4:
      return s.charCodeAt(a) === 0x46 && s.startsWith('lag', a + 1) ? 'Flag' : null;
    case 5:
      if (s.charCodeAt(a) === 0x45) return s.startsWith('Flag', a + 1) ? 'EFlag' : null; // E
      return s.charCodeAt(a) === 0x5a && s.charCodeAt(a + 1) === 0x73 ? statAt(s, a + 2, true) : null; // Zs
    case 10:
      return s.startsWith('SampleTime', a) ? 'SampleTime' : null;
    default:
      return null;
  }
}

/** Rtd, Min, Avg, Max, Cou (or the Zs forms) at s[a, a + 3). */
function statAt(s: string, a: number, zs: boolean): MeasureSuffix | null {
  const c1 = s.charCodeAt(a + 1);
  const c2 = s.charCodeAt(a + 2);
  switch (s.charCodeAt(a)) {
    case 0x41: // A
      return c1 === 0x76 && c2 === 0x67 ? (zs ? 'ZsAvg' : 'Avg') : null;
    case 0x4d: // M
      if (c1 === 0x69 && c2 === 0x6e) return zs ? 'ZsMin' : 'Min';
      return c1 === 0x61 && c2 === 0x78 ? (zs ? 'ZsMax' : 'Max') : null;
    case 0x52: // R
      return c1 === 0x74 && c2 === 0x64 ? (zs ? 'ZsRtd' : 'Rtd') : null;
    case 0x43: // C
      return !zs && c1 === 0x6f && c2 === 0x75 ? 'Cou' : null;
    default:
      return null;
  }
}

const SUFFIX_BY_LOWER: ReadonlyMap<string, KnownSuffix> = new Map(
  (
    [
      'Rtd',
      'Min',
      'Avg',
      'Max',
      'Cou',
      'ZsRtd',
      'ZsMin',
      'ZsAvg',
      'ZsMax',
      'Flag',
      'EFlag',
      'SampleTime',
      'RS',
      'RT',
    ] as const
  ).map((x) => [x.toLowerCase(), x]),
);

function field<K extends CpField['kind']>(
  kind: K,
  code: string,
  suffix: Extract<CpField, { kind: K }>['suffix'],
  text: string,
  value: number | null,
): CpField {
  // Same property order for every kind: one hidden class.
  return { kind, code, suffix, text, value } as CpField;
}

/** Anything `decimalAt` does not take: exponents, `NaN`, words, empty. */
function parseValueSlow(
  code: string,
  suffix: string,
  text: string,
  warnings: PacketWarning[],
): number | null {
  if (text === '') return null;
  const v = Number(text);
  if (Number.isFinite(v)) return v;
  warnings.push(warn('value-not-numeric', `${code}-${suffix}=${text.slice(0, 40)}`));
  return null;
}

/**
 * `01018` → `w01018` when the system code names the media (annex C.14 typo); `W01018` → `w01018`.
 * Everything else (2005 codes such as `011` or `B02`, vendor codes) stays as sent.
 */
function normalizeCode(code: string, prefix: string | null, warnings: PacketWarning[]): string {
  if (!codeNeedsRepair(code, prefix)) return code;
  if (code.length === 5) {
    const repaired = prefix! + code;
    warnings.push(warn('truncated-code', `${code} -> ${repaired}`));
    return repaired;
  }
  const lower = code.toLowerCase();
  warnings.push(warn('code-case', `${code} -> ${lower}`));
  return lower;
}

/** True for the codes `normalizeCode` repairs: five digits under a known media, or `A`/`W` + 5 digits. */
function codeNeedsRepair(code: string, prefix: string | null): boolean {
  const n = code.length;
  if (n === 5) return prefix !== null && allDigits(code, 0);
  if (n !== 6) return false;
  const c = code.charCodeAt(0);
  return (c === 0x41 || c === 0x57) && allDigits(code, 1);
}

function allDigits(s: string, from: number): boolean {
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

function trimmed(s: string): string {
  return s.length > 0 && (s.charCodeAt(0) <= 32 || s.charCodeAt(s.length - 1) <= 32) ? s.trim() : s;
}

/** Position of `CP=&&` in bytes[from, end), else -1. */
function indexOfCpOpen(bytes: Uint8Array, from: number, end: number): number {
  // Bounded JS scan rather than a native indexOf, which cannot stop at `end` and would run to the
  // end of the read buffer on every line cut before its data area.
  for (let i = from + 3; i + 1 < end; i++) {
    if (
      bytes[i] === AMP &&
      bytes[i + 1] === AMP &&
      bytes[i - 1] === EQ &&
      bytes[i - 2] === 0x50 && // P
      bytes[i - 3] === 0x43 // C
    ) {
      return i - 3;
    }
  }
  return -1;
}

function isDigit(b: number): boolean {
  return b >= 0x30 && b <= 0x39;
}

function hexValue(b: number): number {
  if (b >= 0x30 && b <= 0x39) return b - 0x30;
  if (b >= 0x41 && b <= 0x46) return b - 0x37;
  if (b >= 0x61 && b <= 0x66) return b - 0x57;
  return -1;
}

function isHex4(bytes: Uint8Array, at: number): boolean {
  return (
    hexValue(bytes[at]!) >= 0 &&
    hexValue(bytes[at + 1]!) >= 0 &&
    hexValue(bytes[at + 2]!) >= 0 &&
    hexValue(bytes[at + 3]!) >= 0
  );
}

function hex4(bytes: Uint8Array, at: number): number {
  return (
    (hexValue(bytes[at]!) << 12) |
    (hexValue(bytes[at + 1]!) << 8) |
    (hexValue(bytes[at + 2]!) << 4) |
    hexValue(bytes[at + 3]!)
  );
}

function isSpaceByte(b: number): boolean {
  return b === 0x20 || b === 0x0d || b === 0x0a || b === 0x09 || b === 0x00;
}

function isBlank(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isSpaceByte(bytes[i]!)) return false;
  return true;
}

function textPreview(bytes: Uint8Array, start: number, end: number): string {
  return decoder.decode(bytes.subarray(start, Math.min(end, start + 60)));
}

function assertNever(x: never): never {
  throw new Error(`unexpected value ${JSON.stringify(x)}`);
}
