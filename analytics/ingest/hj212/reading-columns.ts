import duckdb from '@duckdb/node-bindings';
import { endianness } from 'node:os';
import { DOUBLE, DuckDBDataChunk, UBIGINT, UINTEGER, UTINYINT, type DuckDBAppender } from '@duckdb/node-api';
import type { MeasureSuffix, ParsedPacket } from './parse-packet';
import { intervalForCn, readingStat, type ReadingInterval, type ReadingStat } from './packet-records';

/** Added to `milli` (an int32) so that the low word of `r` is unsigned. */
const MILLI_OFFSET = 0x80000000;
if (endianness() !== 'LE') throw new Error('the HJ 212 staging layout assumes a little-endian host');

/**
 * Layout of the staging tables. Every column is numeric so a whole chunk is copied into DuckDB
 * without one native call per string: texts (MN, code, flag) are interned ids into `texts`, the
 * stat and interval are 1-based indexes into READING_STATS and READING_INTERVALS (0 = null), and
 * NaN stands for a null time or value (the parser never yields NaN as a value: non-finite numbers
 * are already null). What a packet shares (line, MN, time, interval, problem) is stored once per
 * packet, and what a reading shares with the other readings of its code and statistic (code, stat,
 * flag) once per distinct combination, as a key: the append cost grows with the bytes appended
 * (measured: 3 columns per reading cost 40 % less native append time than 5, and 12 bytes per
 * reading 30 % less than 16), and with the columns: DuckDB's appender spends more per column than
 * per byte (19M readings: 0.75-1.03 s as two 32-bit columns, 0.31-0.35 s as one 64-bit column). So
 * a reading is one UBIGINT `r`: its high 32 bits `pk` = pkt * 2^KEY_BITS + key, its low 32 bits its
 * value times 1,000 (`milli`) plus 2^31, written as two 32-bit words (no BigInt per reading; the
 * host is little-endian, as DuckDB's vectors are in host order). `milli / 1000` is one correctly rounded IEEE
 * division in DuckDB as in JS, so a value is packed only when that division gives it back bit for
 * bit (values with up to 3 decimals, |value| < 2,147,483.648; not -0, not NaN). The few readings
 * that do not fit (another value, a key >= 2^KEY_BITS, a packet number >= 2^(32 - KEY_BITS)) go to
 * `_value_wide` with both numbers and the DOUBLE, together with the other readings of their packet.
 * READING_VALUES_SQL reads both as (pkt, key, value). The key table is written from `keys` once the
 * log is read.
 */
export const READING_COLUMNS_TABLES_SQL = (prefix: string): string[] => [
  `CREATE OR REPLACE TEMP TABLE ${prefix}_packet (
    pkt UINTEGER, line DOUBLE, mn UINTEGER, ts_ms DOUBLE, interval UTINYINT, problem UINTEGER)`,
  `CREATE OR REPLACE TEMP TABLE ${prefix}_value (r UBIGINT)`,
  `CREATE OR REPLACE TEMP TABLE ${prefix}_value_wide (pkt UINTEGER, key UINTEGER, value DOUBLE)`,
  `CREATE OR REPLACE TEMP TABLE ${prefix}_key (key UINTEGER, code UINTEGER, stat UTINYINT, flag UINTEGER)`,
];

/** Bits of `pk` that hold the key: 1,023 keys and 4,194,303 packets before readings go wide. */
export const KEY_BITS = 10;

/**
 * The readings of the staging tables as a subquery of (pkt, key, value, seq); `keyBits` as given to
 * ReadingColumns. seq orders the readings of one packet as they stand in it: all of a packet's
 * readings are in one table, appended in field order, so its row number there does. seq is that
 * number's low 32 bits (< 2^32): inside a transaction DuckDB numbers new rows from 2^55 on.
 */
export const READING_VALUES_SQL = (prefix: string, keyBits: number = KEY_BITS): string =>
  `(SELECT (r >> ${32 + keyBits})::UINTEGER AS pkt, ((r >> 32) & ${2 ** keyBits - 1})::UINTEGER AS key,
           ((r & 4294967295)::BIGINT - ${MILLI_OFFSET})::DOUBLE / 1000::DOUBLE AS value, rowid % 4294967296 AS seq
      FROM ${prefix}_value
    UNION ALL
    SELECT pkt, key, value, rowid % 4294967296 AS seq FROM ${prefix}_value_wide)`;

/** A reading key: the text ids of its code and flag (0 = no flag) and its 1-based stat index. */
export interface ReadingKey {
  readonly code: number;
  readonly stat: number;
  readonly flag: number;
}

export const READING_STATS: readonly ReadingStat[] = [
  'rtd',
  'min',
  'avg',
  'max',
  'cou',
  'zs_rtd',
  'zs_min',
  'zs_avg',
  'zs_max',
];
export const READING_INTERVALS: readonly ReadingInterval[] = ['rtd', 'min', 'hour', 'day'];

const INTERVAL_INDEX = new Map(READING_INTERVALS.map((s, i) => [s, i + 1]));

/** DuckDB's vector size: a data chunk holds at most this many rows. */
const CHUNK_ROWS = 2048;
const PACKET_TYPES = [UINTEGER, DOUBLE, UINTEGER, DOUBLE, UTINYINT, UINTEGER];
const VALUE_TYPES = [UBIGINT];
const WIDE_VALUE_TYPES = [UINTEGER, UINTEGER, DOUBLE];
const EMPTY_KEYS = new Uint32Array(0);

/**
 * The readings of HJ 212 packets as typed columns, appended to DuckDB in data chunks. This is the
 * same flattening as `packetRecords` (one reading per measure field; the first non-empty Flag of a
 * code applies to every statistic of that code in the packet) without an object per reading: the
 * import's hot loop (38 readings per hourly packet).
 */
export class ReadingColumns {
  /** Interned MNs, codes and flags; id 0 is reserved for null. */
  readonly texts: string[] = [''];
  /** Interned reading keys; key `k` is `keys[k - 1]`. */
  readonly keys: ReadingKey[] = [];
  /** Readings added. */
  rows = 0;
  /** Packets added; a packet's `pkt` is its 1-based number. */
  packets = 0;
  /**
   * The packets holding one code and statistic more than once (their readings repeat a series and
   * time inside the packet): with the packets re-sent under the same MN and time, the only readings
   * the duplicate rule has to look at.
   */
  readonly packetsWithRepeatedKey: number[] = [];
  /** Readings with a number in packets without a problem (`addPacket`'s `problem` 0): the ones stored. */
  validReadings = 0;
  /** Earliest and latest DataTime (ms, as staged) of the packets holding such a reading. */
  validFirstMs = Infinity;
  validLastMs = -Infinity;
  /** Text ids of the MNs of packets that carried readings. */
  readonly mnsWithReadings = new Set<number>();
  // The last packet each key was seen in (index: key id).
  private keyLastPacket = new Uint32Array(1024);
  private readonly textIds = new Map<string, number>();
  // Key ids by code id, then flag id, then stat index (0 = not assigned yet).
  private readonly keyIds: (Map<number, Uint32Array> | undefined)[] = [];
  private readonly packetColumns = new ChunkColumns(PACKET_TYPES);
  private readonly valueColumns = new ChunkColumns(VALUE_TYPES);
  private readonly wideColumns = new ChunkColumns(WIDE_VALUE_TYPES);
  // A reading's pk is pkt * keyLimit + key when key < keyLimit and pkt < packetLimit.
  private readonly keyLimit: number;
  private readonly packetLimit: number;
  // Consecutive packets mostly share their MN and DataTime, consecutive fields their code.
  private lastMn: string | null = null;
  private lastMnId = 0;
  private lastTime: string | null = null;
  private lastTimeMs = NaN;
  private lastCode = '';
  private lastCodeId = 0;
  private lastFlag = '';
  private lastFlagId = 0;
  // The code of each run of measures in the previous packet, and its id: packets of one device list
  // the same codes in the same order, so a string comparison mostly replaces a map lookup.
  private readonly runCodes: string[] = [];
  private readonly runCodeIds: number[] = [];
  // Flags of the current packet: code id -> flag id, first one wins.
  private readonly flagCodes: number[] = [];
  private readonly flagIds: number[] = [];
  // Code id and stat index of each reading of the current packet, until its flags are known.
  private readingCodes = new Uint32Array(64);
  private readingStats = new Uint8Array(64);
  private readingValues = new Float64Array(64);
  private readingKeys = new Uint32Array(64);

  /** `keyBits` other than KEY_BITS only for tests of the wide path (READING_VALUES_SQL must match). */
  constructor(
    private readonly packetAppender: DuckDBAppender,
    private readonly valueAppender: DuckDBAppender,
    private readonly wideAppender: DuckDBAppender,
    keyBits: number = KEY_BITS,
  ) {
    this.keyLimit = 2 ** keyBits;
    this.packetLimit = 2 ** (32 - keyBits);
  }

  /** Adds one packet and its readings; returns how many readings. `problem` is 0 or the id of its reason. */
  addPacket(line: number, packet: ParsedPacket, problem: number): number {
    const cp = packet.cp;
    const mn = packet.mn ?? '';
    if (mn !== this.lastMn) {
      this.lastMn = mn;
      this.lastMnId = this.intern(mn);
    }
    if (packet.dataTime !== this.lastTime) {
      this.lastTime = packet.dataTime;
      this.lastTimeMs = packet.dataTime === null ? NaN : localTimeMs(packet.dataTime);
    }
    const interval = intervalForCn(packet.cn);
    const pkt = ++this.packets;
    const p = this.packetColumns;
    const at = p.reserve(1, this.packetAppender);
    p.u32(0)[at] = pkt;
    p.f64(1)[at] = line;
    p.u32(2)[at] = this.lastMnId;
    p.f64(3)[at] = this.lastTimeMs;
    p.u8(4)[at] = interval === null ? 0 : INTERVAL_INDEX.get(interval)!;
    p.u32(5)[at] = problem;
    p.rows = at + 1;

    if (this.readingCodes.length < cp.length) {
      this.readingCodes = new Uint32Array(cp.length);
      this.readingStats = new Uint8Array(cp.length);
      this.readingValues = new Float64Array(cp.length);
      this.readingKeys = new Uint32Array(cp.length);
    }
    const readingCodes = this.readingCodes;
    const readingStats = this.readingStats;
    const readingValues = this.readingValues;
    const v = this.valueColumns;
    const first = v.reserve(cp.length, this.valueAppender);
    const words = v.words(0); // r of row i: low word at 2i, high word at 2i + 1
    const flagCodes = this.flagCodes;
    const flagIds = this.flagIds;
    flagCodes.length = 0;
    flagIds.length = 0;
    let n = 0;
    let missing = 0;
    let run = 0;
    for (let i = 0; i < cp.length; i++) {
      const f = cp[i]!;
      if (f.kind === 'measure') {
        if (f.code !== this.lastCode) {
          this.lastCode = f.code;
          this.lastCodeId = this.codeIdOfRun(f.code, run++);
        }
        readingCodes[n] = this.lastCodeId;
        readingStats[n] = statIndex(f.suffix);
        if (f.value === null) {
          readingValues[n] = NaN;
          missing++;
        } else readingValues[n] = f.value;
        n++;
      } else if (f.kind === 'flag' && f.suffix === 'Flag' && f.text !== '') {
        // A Flag nearly always follows the values of its code, and most flags are N.
        const codeId = f.code === this.lastCode ? this.lastCodeId : this.intern(f.code);
        if (!flagCodes.includes(codeId)) {
          if (f.text !== this.lastFlag) {
            this.lastFlag = f.text;
            this.lastFlagId = this.intern(f.text);
          }
          flagCodes.push(codeId);
          flagIds.push(this.lastFlagId);
        }
      }
    }
    // Flags may come before or after the values of their code, so keys are set once the packet is read.
    let lookupCode = -1;
    let lookupFlag = 0;
    let keyByStat: Uint32Array = EMPTY_KEYS;
    const keyLimit = pkt < this.packetLimit ? this.keyLimit : 0; // 0: every reading goes wide
    const readingKeys = this.readingKeys;
    // A packet's readings all go to one table, in field order: the duplicate rule orders the readings
    // of one line (the same code and statistic twice in a packet) by their position, so a packet whose
    // readings were split between the two tables would change which one is kept
    let fits = true;
    let repeated = false;
    for (let k = 0; k < n; k++) {
      const codeId = readingCodes[k]!;
      if (codeId !== lookupCode) {
        lookupCode = codeId;
        const index = flagCodes.indexOf(codeId);
        lookupFlag = index < 0 ? 0 : flagIds[index]!;
        keyByStat = this.keysOf(codeId, lookupFlag);
      }
      const stat = readingStats[k]!;
      let key = keyByStat[stat]!;
      if (key === 0) {
        this.keys.push({ code: codeId, stat, flag: lookupFlag });
        key = keyByStat[stat] = this.keys.length;
      }
      readingKeys[k] = key;
      // one flag per code in a packet, so a code and statistic repeated in it repeat its key
      if (key >= this.keyLastPacket.length) {
        const grown = new Uint32Array(2 * key);
        grown.set(this.keyLastPacket);
        this.keyLastPacket = grown;
      }
      if (this.keyLastPacket[key] === pkt) repeated = true;
      else this.keyLastPacket[key] = pkt;
      if (fits) {
        const value = readingValues[k]!;
        const milli = Math.round(value * 1000);
        fits =
          key < keyLimit &&
          milli / 1000 === value && // false for NaN
          milli >= -0x80000000 &&
          milli <= 0x7fffffff &&
          (milli !== 0 || 1 / value > 0); // -0 would come back as 0
      }
    }
    if (repeated) this.packetsWithRepeatedKey.push(pkt);
    if (n > 0) this.mnsWithReadings.add(this.lastMnId);
    if (problem === 0 && n > missing) {
      this.validReadings += n - missing;
      if (this.lastTimeMs < this.validFirstMs) this.validFirstMs = this.lastTimeMs;
      if (this.lastTimeMs > this.validLastMs) this.validLastMs = this.lastTimeMs;
    }
    if (fits) {
      for (let k = 0; k < n; k++) {
        words[2 * (first + k)] = Math.round(readingValues[k]! * 1000) + MILLI_OFFSET;
        words[2 * (first + k) + 1] = pkt * keyLimit + readingKeys[k]!;
      }
      v.rows = first + n;
    } else {
      const w = this.wideColumns;
      const at = w.reserve(n, this.wideAppender);
      const wPkts = w.u32(0);
      const wKeys = w.u32(1);
      const wValues = w.f64(2);
      for (let k = 0; k < n; k++) {
        wPkts[at + k] = pkt;
        wKeys[at + k] = readingKeys[k]!;
        wValues[at + k] = readingValues[k]!;
      }
      w.rows = at + n;
    }
    this.rows += n;
    return n;
  }

  /** Appends what is buffered (call once at the end, then flush the appenders). */
  flush(): void {
    this.packetColumns.appendAll(this.packetAppender);
    this.valueColumns.appendAll(this.valueAppender);
    this.wideColumns.appendAll(this.wideAppender);
  }

  /** The text id of `code`, the code of the `run`-th run of measures of the packet. */
  private codeIdOfRun(code: string, run: number): number {
    if (this.runCodes[run] === code) return this.runCodeIds[run]!;
    const id = this.intern(code);
    this.runCodes[run] = code;
    this.runCodeIds[run] = id;
    return id;
  }

  private intern(text: string): number {
    let id = this.textIds.get(text);
    if (id === undefined) {
      id = this.texts.length;
      this.texts.push(text);
      this.textIds.set(text, id);
    }
    return id;
  }

  /** The key ids of a code with a flag, by stat index (0 = no key yet). */
  private keysOf(codeId: number, flagId: number): Uint32Array {
    const byFlag = (this.keyIds[codeId] ??= new Map());
    let keyByStat = byFlag.get(flagId);
    if (keyByStat === undefined) {
      keyByStat = new Uint32Array(READING_STATS.length + 1);
      byFlag.set(flagId, keyByStat);
    }
    return keyByStat;
  }
}

type Column = Float64Array | Uint32Array | Uint8Array | BigUint64Array;

/** Typed column buffers of a few chunks, appended a full chunk at a time. */
class ChunkColumns {
  rows = 0;
  private columns: Column[];
  // A UBIGINT column's buffer as 32-bit words (for the others, unused).
  private wordViews: Uint32Array[];
  private chunk: DuckDBDataChunk | null = null;

  constructor(
    private readonly types: readonly (typeof DOUBLE | typeof UINTEGER | typeof UTINYINT | typeof UBIGINT)[],
  ) {
    this.columns = this.allocate(4 * CHUNK_ROWS);
    this.wordViews = this.views();
  }

  f64(i: number): Float64Array {
    return this.columns[i] as Float64Array;
  }

  u32(i: number): Uint32Array {
    return this.columns[i] as Uint32Array;
  }

  /** A UBIGINT column as 32-bit words: row r's low word at 2r, its high word at 2r + 1. */
  words(i: number): Uint32Array {
    return this.wordViews[i]!;
  }

  u8(i: number): Uint8Array {
    return this.columns[i] as Uint8Array;
  }

  /** Makes room for `n` more rows; returns the index of the first. */
  reserve(n: number, appender: DuckDBAppender): number {
    const capacity = this.columns[0]!.length;
    if (this.rows + n <= capacity) return this.rows;
    // Append the full chunks and keep the rest at the front: no short chunk until the very end.
    const full = Math.floor(this.rows / CHUNK_ROWS) * CHUNK_ROWS;
    for (let from = 0; from < full; from += CHUNK_ROWS) this.append(appender, from, CHUNK_ROWS);
    const rest = this.rows - full;
    if (rest + n > capacity) {
      const grown = this.allocate(Math.ceil((rest + n) / CHUNK_ROWS) * CHUNK_ROWS);
      grown.forEach((g, i) => copyRows(g, this.columns[i]!, full, this.rows));
      this.columns = grown;
      this.wordViews = this.views();
    } else {
      for (const c of this.columns) c.copyWithin(0, full, this.rows);
    }
    this.rows = rest;
    return rest;
  }

  appendAll(appender: DuckDBAppender): void {
    for (let from = 0; from < this.rows; from += CHUNK_ROWS) {
      this.append(appender, from, Math.min(CHUNK_ROWS, this.rows - from));
    }
    this.rows = 0;
  }

  private append(appender: DuckDBAppender, from: number, n: number): void {
    // A full chunk is reused; a short last one gets its own.
    let chunk = this.chunk;
    if (n !== CHUNK_ROWS) chunk = DuckDBDataChunk.create(this.types, n);
    else if (chunk === null) chunk = this.chunk = DuckDBDataChunk.create(this.types, CHUNK_ROWS);
    // One native copy per column straight from the typed buffer into the vector's memory, through
    // the bindings node-api is built on: its vector objects take one JS setItem call per value
    // (3 per reading) and copy the whole vector again on flush. No value is ever null here (see
    // READING_COLUMNS_TABLES_SQL), so the validity masks of the fresh vectors (all valid) stay.
    this.columns.forEach((column, i) => {
      const bytes = column.BYTES_PER_ELEMENT;
      duckdb.copy_data_to_vector(
        duckdb.data_chunk_get_vector(chunk.chunk, i),
        0,
        column.buffer as ArrayBuffer, // allocated below, never shared
        column.byteOffset + from * bytes,
        n * bytes,
      );
    });
    appender.appendDataChunk(chunk);
  }

  private allocate(capacity: number): Column[] {
    return this.types.map((t) =>
      t === DOUBLE
        ? new Float64Array(capacity)
        : t === UINTEGER
          ? new Uint32Array(capacity)
          : t === UBIGINT
            ? new BigUint64Array(capacity)
            : new Uint8Array(capacity),
    );
  }

  private views(): Uint32Array[] {
    return this.columns.map(
      (c) => new Uint32Array(c.buffer, c.byteOffset, (c.length * c.BYTES_PER_ELEMENT) / 4),
    );
  }
}

/** Rows [from, to) of `source` to the front of `target`, a column of the same type, byte for byte. */
function copyRows(target: Column, source: Column, from: number, to: number): void {
  const bytes = source.BYTES_PER_ELEMENT;
  new Uint8Array(target.buffer, target.byteOffset).set(
    new Uint8Array(source.buffer, source.byteOffset + from * bytes, (to - from) * bytes),
  );
}

/** 1-based index of the suffix's stat in READING_STATS, without a map lookup per reading. */
function statIndex(suffix: MeasureSuffix): number {
  switch (suffix) {
    case 'Rtd':
      return 1;
    case 'Min':
      return 2;
    case 'Avg':
      return 3;
    case 'Max':
      return 4;
    case 'Cou':
      return 5;
    case 'ZsRtd':
      return 6;
    case 'ZsMin':
      return 7;
    case 'ZsAvg':
      return 8;
    case 'ZsMax':
      return 9;
    default:
      return READING_STATS.indexOf(readingStat(suffix)) + 1;
  }
}

/** 'YYYY-MM-DD HH:mm:ss' (already validated by the parser) as milliseconds of the same wall-clock time in UTC. */
function localTimeMs(t: string): number {
  const n = (at: number, len: number): number => {
    let v = 0;
    for (let i = at; i < at + len; i++) v = v * 10 + (t.charCodeAt(i) - 48);
    return v;
  };
  return Date.UTC(n(0, 4), n(5, 2) - 1, n(8, 2), n(11, 2), n(14, 2), n(17, 2));
}
