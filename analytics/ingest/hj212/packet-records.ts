import type { CpField, MeasureSuffix, ParsedPacket } from './parse-packet';
import { formatHj212Time } from './format-hj212-time';

/** Statistic of a reading, as the canonical `series.stat` column spells it. */
export type ReadingStat = 'rtd' | 'min' | 'avg' | 'max' | 'cou' | 'zs_rtd' | 'zs_min' | 'zs_avg' | 'zs_max';

/** Period of a reading, as the canonical `series.interval` column spells it. */
export type ReadingInterval = 'rtd' | 'min' | 'hour' | 'day';

/** What the data area of a CN carries (Table 9). */
export type CnDataKind = 'readings' | 'facility-state' | 'other';

/**
 * 监测数据: one value of one pollutant or parameter. `dataTime` is local wall-clock time: for minute,
 * hour and day data the period start, for real-time data the sampling instant (domain.md §1.1).
 */
export interface ReadingRecord {
  readonly mn: string | null;
  readonly st: string | null;
  readonly cn: string | null;
  /** From CN; null for CNs that are not data uploads (e.g. 3020 parameters). */
  readonly interval: ReadingInterval | null;
  /** 'YYYY-MM-DD HH:mm:ss'; null when the packet has no valid DataTime. */
  readonly dataTime: string | null;
  /** Normalised code (`w01018` for a truncated `01018`); 2005 codes stay as sent. */
  readonly code: string;
  readonly stat: ReadingStat;
  /** Null when the field was empty or not a number. */
  readonly value: number | null;
  /** 数据标记 (N, F, M, S, D, C, T, B) of the code in this packet. */
  readonly flag: string | null;
  /** Vendor extended flag of the code. */
  readonly eflag: string | null;
  /** `code-SampleTime` as 'YYYY-MM-DD HH:mm:ss', when the device sends one. */
  readonly sampleTime: string | null;
}

/** 污染治理设施运行状态 (SBx-RS, CN 2021) or 日运行时间 in hours (SBx-RT, CN 2041). */
export interface FacilityStateRecord {
  readonly mn: string | null;
  readonly st: string | null;
  readonly cn: string | null;
  readonly interval: ReadingInterval | null;
  readonly dataTime: string | null;
  /** `SB1`, `SB2` ... as sent. */
  readonly facility: string;
  readonly kind: 'running-state' | 'running-time';
  /** RS: 0 off, 1 running, 2 calibrating, 3 maintenance, 4 alarm, 5 back-blow. RT: hours, 0 to 24. */
  readonly value: number | null;
  readonly text: string;
}

export interface PacketRecords {
  readonly readings: readonly ReadingRecord[];
  readonly facilityStates: readonly FacilityStateRecord[];
}

/**
 * Interval of the data a CN uploads: 2011 real-time, 2051 minute, 2061 hour, 2031 day; the facility
 * commands 2021 (state, real-time) and 2041 (running time per day) too.
 */
export function intervalForCn(cn: string | null): ReadingInterval | null {
  switch (cn) {
    case '2011':
    case '2021':
      return 'rtd';
    case '2051':
      return 'min';
    case '2061':
      return 'hour';
    case '2031':
    case '2041':
      return 'day';
    default:
      return null;
  }
}

export function dataKindForCn(cn: string | null): CnDataKind {
  switch (cn) {
    case '2011':
    case '2051':
    case '2061':
    case '2031':
      return 'readings';
    case '2021':
    case '2041':
      return 'facility-state';
    default:
      return 'other';
  }
}

export function readingStat(suffix: MeasureSuffix): ReadingStat {
  switch (suffix) {
    case 'Rtd':
      return 'rtd';
    case 'Min':
      return 'min';
    case 'Avg':
      return 'avg';
    case 'Max':
      return 'max';
    case 'Cou':
      return 'cou';
    case 'ZsRtd':
      return 'zs_rtd';
    case 'ZsMin':
      return 'zs_min';
    case 'ZsAvg':
      return 'zs_avg';
    case 'ZsMax':
      return 'zs_max';
    default:
      return assertNever(suffix);
  }
}

interface CodeMarks {
  readonly code: string;
  flag: string | null;
  eflag: string | null;
  sampleTime: string | null;
}

/**
 * Flattens a packet into readings (one per code and statistic) and facility records. Flags apply
 * to every statistic of their code in the same packet; when a code repeats a flag the first wins.
 * Records are produced for any CN; the importer decides which CNs it loads.
 */
export function packetRecords(packet: ParsedPacket): PacketRecords {
  const { mn, st, cn, dataTime, cp } = packet;
  const interval = intervalForCn(cn);
  const marks = codeMarks(cp);

  const readings: ReadingRecord[] = [];
  const facilityStates: FacilityStateRecord[] = [];
  let m: CodeMarks | undefined;
  for (const f of cp) {
    switch (f.kind) {
      case 'measure':
        // Fields of one code are adjacent, so the previous lookup nearly always answers.
        if (m === undefined || m.code !== f.code) m = marks.get(f.code);
        readings.push({
          mn,
          st,
          cn,
          interval,
          dataTime,
          code: f.code,
          stat: readingStat(f.suffix),
          value: f.value,
          flag: m?.flag ?? null,
          eflag: m?.eflag ?? null,
          sampleTime: m?.sampleTime ?? null,
        });
        break;
      case 'facility':
        facilityStates.push({
          mn,
          st,
          cn,
          interval,
          dataTime,
          facility: f.code,
          kind: f.suffix === 'RS' ? 'running-state' : 'running-time',
          value: f.value,
          text: f.text,
        });
        break;
      case 'flag':
      case 'sample-time':
      case 'extra':
      case 'param':
        break;
      default:
        assertNever(f);
    }
  }
  return { readings, facilityStates };
}

/** Flag, EFlag and SampleTime per code (first one wins). */
function codeMarks(cp: readonly CpField[]): ReadonlyMap<string, CodeMarks> {
  const marks = new Map<string, CodeMarks>();
  let m: CodeMarks | undefined;
  for (const f of cp) {
    if (f.kind !== 'flag' && f.kind !== 'sample-time') continue;
    if (m === undefined || m.code !== f.code) {
      m = marks.get(f.code);
      if (m === undefined) {
        m = { code: f.code, flag: null, eflag: null, sampleTime: null };
        marks.set(f.code, m);
      }
    }
    if (f.kind === 'sample-time') m.sampleTime ??= formatHj212Time(f.text);
    else if (f.suffix === 'Flag') m.flag ??= f.text === '' ? null : f.text;
    else m.eflag ??= f.text === '' ? null : f.text;
  }
  return marks;
}

function assertNever(x: never): never {
  throw new Error(`unexpected value ${JSON.stringify(x)}`);
}
