import {
  DOUBLE,
  DuckDBDataChunk,
  UINTEGER,
  UTINYINT,
  type DuckDBAppender,
  type DuckDBDoubleVector,
  type DuckDBUIntegerVector,
  type DuckDBUTinyIntVector,
} from '@duckdb/node-api';
import type { ParsedPacket } from './parse-packet';
import { intervalForCn, readingStat, type ReadingInterval, type ReadingStat } from './packet-records';

/**
 * Column layout of the staging table the columns are appended to. Every column is numeric so a
 * whole chunk is copied into DuckDB without one native call per string: texts (MN, code, flag) are
 * interned ids into `texts`, the stat and interval are indexes into READING_STATS and
 * READING_INTERVALS (1-based, 0 = null), and NaN stands for a null time or value (the parser never
 * yields NaN as a value: non-finite numbers are already null).
 */
export const READING_COLUMNS_TABLE_SQL = (table: string): string => `CREATE OR REPLACE TEMP TABLE ${table} (
  line DOUBLE, mn UINTEGER, code UINTEGER, stat UTINYINT, ts_ms DOUBLE, value DOUBLE, flag UINTEGER,
  interval UTINYINT, problem UINTEGER)`;

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

const STAT_INDEX = new Map(READING_STATS.map((s, i) => [s, i + 1]));
const INTERVAL_INDEX = new Map(READING_INTERVALS.map((s, i) => [s, i + 1]));

/** DuckDB's vector size: a data chunk holds at most this many rows. */
const CHUNK_ROWS = 2048;
const TYPES = [DOUBLE, UINTEGER, UINTEGER, UTINYINT, DOUBLE, DOUBLE, UINTEGER, UTINYINT, UINTEGER];

/**
 * The readings of HJ 212 packets as typed columns, appended to DuckDB in data chunks. This is the
 * same flattening as `packetRecords` (one reading per measure field; the first non-empty Flag of a
 * code applies to every statistic of that code in the packet) without an object per reading: the
 * import's hot loop (38 readings per hourly packet).
 */
export class ReadingColumns {
  /** Interned MNs, codes and flags; id 0 is reserved for null. */
  readonly texts: string[] = [''];
  rows = 0;
  private readonly textIds = new Map<string, number>();
  private capacity = 4 * CHUNK_ROWS;
  private line = new Float64Array(this.capacity);
  private mn = new Uint32Array(this.capacity);
  private code = new Uint32Array(this.capacity);
  private stat = new Uint8Array(this.capacity);
  private ts = new Float64Array(this.capacity);
  private value = new Float64Array(this.capacity);
  private flag = new Uint32Array(this.capacity);
  private interval = new Uint8Array(this.capacity);
  private problem = new Uint32Array(this.capacity);
  private buffered = 0;
  private chunk: DuckDBDataChunk | null = null;
  // Consecutive packets mostly share their MN and DataTime, consecutive fields their code.
  private lastMn: string | null = null;
  private lastMnId = 0;
  private lastTime: string | null = null;
  private lastTimeMs = NaN;
  private lastCode = '';
  private lastCodeId = 0;
  // Flags of the current packet: code id -> flag id, first one wins.
  private readonly flagCodes: number[] = [];
  private readonly flagIds: number[] = [];

  constructor(private readonly appender: DuckDBAppender) {}

  /** Adds the readings of one packet; returns how many. `problem` is 0 or the id of its reason. */
  addPacket(line: number, packet: ParsedPacket, problem: number): number {
    const cp = packet.cp;
    if (this.buffered + cp.length > this.capacity) {
      this.flush();
      if (cp.length > this.capacity) this.grow(cp.length);
    }
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
    const intervalIndex = interval === null ? 0 : INTERVAL_INDEX.get(interval)!;
    const mnId = this.lastMnId;
    const timeMs = this.lastTimeMs;
    const flagCodes = this.flagCodes;
    const flagIds = this.flagIds;
    flagCodes.length = 0;
    flagIds.length = 0;
    const first = this.buffered;
    let r = first;
    for (let i = 0; i < cp.length; i++) {
      const f = cp[i]!;
      if (f.kind === 'measure') {
        if (f.code !== this.lastCode) {
          this.lastCode = f.code;
          this.lastCodeId = this.intern(f.code);
        }
        this.line[r] = line;
        this.mn[r] = mnId;
        this.code[r] = this.lastCodeId;
        this.stat[r] = STAT_INDEX.get(readingStat(f.suffix))!;
        this.ts[r] = timeMs;
        this.value[r] = f.value === null ? NaN : f.value;
        this.interval[r] = intervalIndex;
        this.problem[r] = problem;
        r++;
      } else if (f.kind === 'flag' && f.suffix === 'Flag' && f.text !== '') {
        const codeId = this.intern(f.code);
        if (!flagCodes.includes(codeId)) {
          flagCodes.push(codeId);
          flagIds.push(this.intern(f.text));
        }
      }
    }
    // Flags may come before or after the values of their code, so they are set once the packet is read.
    let lookupCode = -1;
    let lookupFlag = 0;
    for (let k = first; k < r; k++) {
      const codeId = this.code[k]!;
      if (codeId !== lookupCode) {
        lookupCode = codeId;
        const at = flagCodes.indexOf(codeId);
        lookupFlag = at < 0 ? 0 : flagIds[at]!;
      }
      this.flag[k] = lookupFlag;
    }
    this.buffered = r;
    this.rows += r - first;
    return r - first;
  }

  /** Appends what is buffered. */
  flush(): void {
    for (let from = 0; from < this.buffered; from += CHUNK_ROWS) {
      this.appendChunk(from, Math.min(CHUNK_ROWS, this.buffered - from));
    }
    this.buffered = 0;
  }

  private appendChunk(from: number, n: number): void {
    // A full chunk is reused (its vectors stay cached); a short last one gets its own.
    let chunk = this.chunk;
    if (n !== CHUNK_ROWS) chunk = DuckDBDataChunk.create(TYPES, n);
    else if (chunk === null) chunk = this.chunk = DuckDBDataChunk.create(TYPES, CHUNK_ROWS);
    setDoubles(chunk.getColumnVector(0) as DuckDBDoubleVector, this.line, from, n);
    setUInts(chunk.getColumnVector(1) as DuckDBUIntegerVector, this.mn, from, n);
    setUInts(chunk.getColumnVector(2) as DuckDBUIntegerVector, this.code, from, n);
    setUTinyInts(chunk.getColumnVector(3) as DuckDBUTinyIntVector, this.stat, from, n);
    setDoubles(chunk.getColumnVector(4) as DuckDBDoubleVector, this.ts, from, n);
    setDoubles(chunk.getColumnVector(5) as DuckDBDoubleVector, this.value, from, n);
    setUInts(chunk.getColumnVector(6) as DuckDBUIntegerVector, this.flag, from, n);
    setUTinyInts(chunk.getColumnVector(7) as DuckDBUTinyIntVector, this.interval, from, n);
    setUInts(chunk.getColumnVector(8) as DuckDBUIntegerVector, this.problem, from, n);
    this.appender.appendDataChunk(chunk);
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

  private grow(rows: number): void {
    this.capacity = Math.ceil(rows / CHUNK_ROWS) * CHUNK_ROWS;
    this.line = new Float64Array(this.capacity);
    this.mn = new Uint32Array(this.capacity);
    this.code = new Uint32Array(this.capacity);
    this.stat = new Uint8Array(this.capacity);
    this.ts = new Float64Array(this.capacity);
    this.value = new Float64Array(this.capacity);
    this.flag = new Uint32Array(this.capacity);
    this.interval = new Uint8Array(this.capacity);
    this.problem = new Uint32Array(this.capacity);
  }
}

// No value is ever null here (see READING_COLUMNS_TABLE_SQL), so setItem never touches the
// validity mask, whose per-row BigInt arithmetic would dominate.
function setDoubles(v: DuckDBDoubleVector, items: Float64Array, from: number, n: number): void {
  for (let i = 0; i < n; i++) v.setItem(i, items[from + i]!);
  v.flush();
}

function setUInts(v: DuckDBUIntegerVector, items: Uint32Array, from: number, n: number): void {
  for (let i = 0; i < n; i++) v.setItem(i, items[from + i]!);
  v.flush();
}

function setUTinyInts(v: DuckDBUTinyIntVector, items: Uint8Array, from: number, n: number): void {
  for (let i = 0; i < n; i++) v.setItem(i, items[from + i]!);
  v.flush();
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
