import { MINUTES_PER_DAY, SlotLabels, dayOfWeek, dayOfYear, formatIso, parseLocalDate } from './local-time';

/** Smallest period that holds the planted case calendar (the order falls on day 22–25). */
export const MIN_DAYS = 28;

/**
 * The generated period. Times inside the generator are integer minutes from the period start
 * (`offset`), hours are offset/60. The heavy-pollution order is pinned at day 22 18:00 to day 25
 * 00:00, which with the default start 2025-09-15 is the domain's Oct 7 18:00 – Oct 9 24:00 window.
 */
export class DemoPeriod {
  readonly startMinute: number;
  readonly hours: number;
  readonly minutes: number;
  readonly labels: SlotLabels;
  readonly orderStart: number;
  readonly orderEnd: number;

  constructor(
    readonly startDate: string,
    readonly days: number,
  ) {
    if (!Number.isInteger(days) || days < MIN_DAYS) {
      throw new RangeError(`days must be an integer >= ${MIN_DAYS} (the planted case calendar), got ${days}`);
    }
    this.startMinute = parseLocalDate(startDate);
    this.hours = days * 24;
    this.minutes = days * MINUTES_PER_DAY;
    this.labels = new SlotLabels(this.startMinute, days);
    this.orderStart = this.at(22, 18);
    this.orderEnd = this.at(25, 0);
  }

  /** Offset in minutes of day `day`, hh:mm. */
  at(day: number, hour: number, minute = 0): number {
    return day * MINUTES_PER_DAY + hour * 60 + minute;
  }

  /** Offset in hours of day `day`, hh:00. */
  hourAt(day: number, hour: number): number {
    return day * 24 + hour;
  }

  /** 'YYYY-MM-DD HH:mm:ss' of an offset in minutes. */
  iso(offsetMinutes: number, seconds = 0): string {
    return formatIso(this.startMinute + offsetMinutes, seconds);
  }

  /** 0 = Sunday … 6 = Saturday, of day index `day`. */
  weekday(day: number): number {
    return dayOfWeek(this.startMinute + day * MINUTES_PER_DAY);
  }

  /** Working days (Mon–Sat) in [from, to) that do not touch the order window. */
  workingDays(from: number, to: number): number[] {
    const out: number[] = [];
    const orderFirstDay = Math.floor(this.orderStart / MINUTES_PER_DAY);
    const orderLastDay = Math.floor((this.orderEnd - 1) / MINUTES_PER_DAY);
    for (let d = from; d < to; d++) {
      if (this.weekday(d) === 0) continue;
      if (d >= orderFirstDay && d <= orderLastDay) continue;
      out.push(d);
    }
    return out;
  }

  /**
   * Ambient temperature (°C) at an hour offset: a seasonal cosine (coldest mid-January) plus a
   * diurnal one (warmest 15:00). Stacks of stopped plants cool towards it.
   */
  ambientTemperature(hour: number): number {
    const abs = this.startMinute + hour * 60;
    const doy = dayOfYear(abs);
    const hod = hour % 24;
    return (
      13 + 15 * Math.cos((2 * Math.PI * (doy - 200)) / 365) + 4 * Math.cos((2 * Math.PI * (hod - 15)) / 24)
    );
  }
}
