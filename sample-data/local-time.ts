/**
 * Naive local wall-clock time (Asia/Shanghai, no DST) as integer minutes since 1970-01-01 00:00
 * read as UTC. Reading wall time "as if UTC" keeps the generator independent of the host time zone.
 */

export const MINUTES_PER_HOUR = 60;
export const MINUTES_PER_DAY = 1440;

/** 'YYYY-MM-DD' to epoch minutes of its midnight; throws on anything else. */
export function parseLocalDate(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`expected a local date YYYY-MM-DD, got '${date}'`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
    throw new RangeError(`not a calendar date: '${date}'`);
  }
  return ms / 60000;
}

interface Parts {
  readonly y: number;
  readonly mo: number;
  readonly d: number;
  readonly h: number;
  readonly mi: number;
}

function parts(epochMinutes: number): Parts {
  const t = new Date(epochMinutes * 60000);
  return {
    y: t.getUTCFullYear(),
    mo: t.getUTCMonth() + 1,
    d: t.getUTCDate(),
    h: t.getUTCHours(),
    mi: t.getUTCMinutes(),
  };
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : `${n}`);

/** 'YYYY-MM-DD HH:mm:ss' (the contract's LocalTime). */
export function formatIso(epochMinutes: number, seconds = 0): string {
  const p = parts(epochMinutes);
  return `${p.y}-${pad2(p.mo)}-${pad2(p.d)} ${pad2(p.h)}:${pad2(p.mi)}:${pad2(seconds)}`;
}

/** 'YYYY/M/D HH:mm', as Chinese platform exports and Excel print it. */
export function formatSlash(epochMinutes: number): string {
  const p = parts(epochMinutes);
  return `${p.y}/${p.mo}/${p.d} ${pad2(p.h)}:${pad2(p.mi)}`;
}

/** 'YYYYMMDDHHmmss' (HJ 212 DataTime). */
export function formatCompact(epochMinutes: number, seconds = 0): string {
  const p = parts(epochMinutes);
  return `${p.y}${pad2(p.mo)}${pad2(p.d)}${pad2(p.h)}${pad2(p.mi)}${pad2(seconds)}`;
}

/** 'YYYY-MM-DD'. */
export function formatDate(epochMinutes: number): string {
  const p = parts(epochMinutes);
  return `${p.y}-${pad2(p.mo)}-${pad2(p.d)}`;
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(epochMinutes: number): number {
  return new Date(epochMinutes * 60000).getUTCDay();
}

/** Day of the year 0–365, for seasonal cycles. */
export function dayOfYear(epochMinutes: number): number {
  const t = new Date(epochMinutes * 60000);
  return Math.floor((t.getTime() - Date.UTC(t.getUTCFullYear(), 0, 1)) / 86400000);
}

/**
 * Pre-formatted timestamps of every slot of the period, so the hot writers concatenate strings
 * instead of formatting dates (tens of millions of rows at city-year scale).
 */
export class SlotLabels {
  private readonly dayIso: string[];
  private readonly daySlash: string[];
  private readonly dayCompact: string[];
  private readonly slotIso = new Map<number, string[]>();
  private readonly slotBytes = new Map<number, Uint8Array[]>();
  private dayBytes: Uint8Array[] | null = null;
  private daySlashB: Uint8Array[] | null = null;
  private dayCompactB: Uint8Array[] | null = null;

  constructor(
    readonly startMinute: number,
    readonly days: number,
  ) {
    this.dayIso = [];
    this.daySlash = [];
    this.dayCompact = [];
    for (let d = 0; d < days; d++) {
      const p = parts(startMinute + d * MINUTES_PER_DAY);
      this.dayIso.push(`${p.y}-${pad2(p.mo)}-${pad2(p.d)} `);
      this.daySlash.push(`${p.y}/${p.mo}/${p.d} `);
      this.dayCompact.push(`${p.y}${pad2(p.mo)}${pad2(p.d)}`);
    }
  }

  /** 'HH:mm:00' of every slot of a day at the given step. */
  slotSuffixes(stepMinutes: number): readonly string[] {
    return this.suffixes(stepMinutes);
  }

  /** ASCII bytes of slotSuffixes(step), for byte-level writers. */
  slotSuffixBytes(stepMinutes: number): readonly Uint8Array[] {
    let b = this.slotBytes.get(stepMinutes);
    if (!b) {
      b = this.suffixes(stepMinutes).map((x) => Buffer.from(x, 'latin1'));
      this.slotBytes.set(stepMinutes, b);
    }
    return b;
  }

  /** ASCII bytes of 'YYYY/M/D ' of day index `day`. */
  daySlashBytes(day: number): Uint8Array {
    this.daySlashB ??= this.daySlash.map((x) => Buffer.from(x, 'latin1'));
    return this.daySlashB[day]!;
  }

  /** ASCII bytes of 'YYYYMMDD' of day index `day`. */
  dayCompactBytes(day: number): Uint8Array {
    this.dayCompactB ??= this.dayCompact.map((x) => Buffer.from(x, 'latin1'));
    return this.dayCompactB[day]!;
  }

  /** ASCII bytes of dayPrefix(day). */
  dayPrefixBytes(day: number): Uint8Array {
    this.dayBytes ??= this.dayIso.map((x) => Buffer.from(x, 'latin1'));
    return this.dayBytes[day]!;
  }

  /** 'YYYY-MM-DD ' of day index `day`. */
  dayPrefix(day: number): string {
    return this.dayIso[day]!;
  }

  private suffixes(stepMinutes: number): string[] {
    let s = this.slotIso.get(stepMinutes);
    if (!s) {
      s = [];
      for (let m = 0; m < MINUTES_PER_DAY; m += stepMinutes)
        s.push(`${pad2(Math.floor(m / 60))}:${pad2(m % 60)}:00`);
      this.slotIso.set(stepMinutes, s);
    }
    return s;
  }

  /** 'YYYY-MM-DD HH:mm:00' of minute offset `minute` (a multiple of stepMinutes) in the period. */
  iso(minute: number, stepMinutes = 60): string {
    const d = Math.floor(minute / MINUTES_PER_DAY);
    const s = (minute - d * MINUTES_PER_DAY) / stepMinutes;
    return this.dayIso[d]! + this.suffixes(stepMinutes)[s]!;
  }

  /** 'YYYY/M/D HH:mm' of an hour start. */
  slashHour(hour: number): string {
    const d = Math.floor(hour / 24);
    const h = hour - d * 24;
    return `${this.daySlash[d]!}${pad2(h)}:00`;
  }

  /** 'YYYYMMDDHH0000' of an hour start. */
  compactHour(hour: number): string {
    const d = Math.floor(hour / 24);
    return `${this.dayCompact[d]!}${pad2(hour - d * 24)}0000`;
  }
}
