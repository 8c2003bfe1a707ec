import type { SiteCasePlan } from './case-effects';
import type { Site } from './city-layout';
import { obligationFor, type ControlOrder, type Measure } from './control-orders';
import type { DemoPeriod } from './demo-period';
import { IntervalSet } from './interval-set';
import { MINUTES_PER_DAY } from './local-time';
import { Ar1, SeededRandom } from './seeded-random';

/**
 * When each production line runs and how hard (load), and when each sub-metered device is on.
 * Everything downstream — CEMS flow and O2, treatment power, gate traffic — reads these schedules,
 * so production, power and emissions stay physically coupled.
 */

export type StopReason = 'maintenance' | 'order' | 'case';

export interface StopEvent {
  readonly lineId: string;
  /** Minute offsets, [start, end). */
  readonly start: number;
  readonly end: number;
  readonly reason: StopReason;
}

export interface LineSchedule {
  readonly lineId: string;
  readonly on: IntervalSet;
  /** Production intensity per hour when running (≈0.4–1.05; 1 = design load). */
  readonly load: Float32Array;
  /** Stops other than the regular shift pattern. */
  readonly stops: readonly StopEvent[];
  /** Minute offsets of restarts after a stop of at least two hours (startup windows follow). */
  readonly restarts: readonly number[];
}

export interface DeviceSchedule {
  readonly deviceId: string;
  readonly on: IntervalSet;
  /** Per-hour multiplier of the running power (1 = normal; <1 = running weak). */
  readonly scale: Float32Array | null;
  /** Meter offline: no readings at all. */
  readonly missing: IntervalSet;
}

export interface SiteSchedule {
  readonly lines: ReadonlyMap<string, LineSchedule>;
  readonly devices: ReadonlyMap<string, DeviceSchedule>;
  /** Minute offsets during which the site must cut load or stop for an order (for gate traffic). */
  readonly orderCompliance: readonly {
    readonly start: number;
    readonly end: number;
    readonly factor: number;
  }[];
}

const THERMAL_DAY_SHAPE = [
  0.55, 0.5, 0.48, 0.47, 0.48, 0.52, 0.62, 0.75, 0.85, 0.92, 0.96, 0.95, 0.88, 0.86, 0.88, 0.9, 0.93, 0.97,
  1.0, 0.98, 0.93, 0.85, 0.74, 0.63,
];

function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

function baseLoad(site: Site, period: DemoPeriod, rng: SeededRandom): Float32Array {
  const load = new Float32Array(period.hours);
  const slow = new Ar1(rng, 0.97);
  const fast = new Ar1(rng, 0.6);
  for (let h = 0; h < period.hours; h++) {
    const hod = h % 24;
    const day = Math.floor(h / 24);
    const weekday = period.weekday(day);
    let x: number;
    switch (site.profile.operation) {
      case 'continuous':
        x =
          0.93 + 0.035 * slow.next() + 0.012 * fast.next() + 0.015 * Math.sin((2 * Math.PI * (hod - 8)) / 24);
        x = clamp(x, 0.75, 1.03);
        break;
      case 'load-following':
        x =
          THERMAL_DAY_SHAPE[hod]! * (weekday === 0 || weekday === 6 ? 0.93 : 1) +
          0.04 * slow.next() +
          0.015 * fast.next();
        x = clamp(x, 0.42, 1.02);
        break;
      case 'day-shift':
        x = (0.86 + 0.05 * slow.next() + 0.03 * fast.next()) * (hod === 12 ? 0.65 : 1);
        x = clamp(x, 0.45, 1.0);
        break;
    }
    load[h] = x;
  }
  return load;
}

function shiftIntervals(period: DemoPeriod, rng: SeededRandom): [number, number][] {
  const out: [number, number][] = [];
  for (let d = 0; d < period.days; d++) {
    const wd = period.weekday(d);
    if (wd === 0) continue; // Sunday off
    const start = period.at(d, 8) + rng.int(-12, 3);
    const end = wd === 6 ? period.at(d, 17) + rng.int(-5, 10) : period.at(d, 20) + rng.int(-5, 12);
    out.push([start, end]);
  }
  return out;
}

function maintenanceStops(site: Site, period: DemoPeriod, rng: SeededRandom, lineId: string): StopEvent[] {
  const p = site.profile;
  if (site.scripted || p.stopsPer30Days <= 0 || p.operation === 'day-shift') return [];
  const expected = (p.stopsPer30Days * period.days) / 30;
  const n = Math.floor(expected) + (rng.chance(expected - Math.floor(expected)) ? 1 : 0);
  const stops: StopEvent[] = [];
  const avoidFrom = period.orderStart - 12 * 60;
  const avoidTo = period.orderEnd + 24 * 60;
  for (let i = 0; i < n; i++) {
    for (let attempt = 0; attempt < 12; attempt++) {
      const dur = Math.round(rng.uniform(p.stopHours[0], p.stopHours[1]) * 60);
      const start = rng.int(MINUTES_PER_DAY, period.minutes - dur - MINUTES_PER_DAY);
      const end = start + dur;
      const clash =
        (start < avoidTo && end > avoidFrom) ||
        stops.some((s) => start < s.end + MINUTES_PER_DAY && end > s.start - MINUTES_PER_DAY);
      if (clash) continue;
      stops.push({ lineId, start, end, reason: 'maintenance' });
      break;
    }
  }
  return stops;
}

export function buildSiteSchedule(
  site: Site,
  period: DemoPeriod,
  seed: number,
  orders: readonly ControlOrder[],
  measures: readonly Measure[],
  plan: SiteCasePlan,
): SiteSchedule {
  const T = period.minutes;
  const lines = new Map<string, LineSchedule>();
  const compliance: { start: number; end: number; factor: number }[] = [];

  for (const line of site.lines) {
    const rng = new SeededRandom(seed, `schedule:${line.lineId}`);
    const load = baseLoad(site, period, rng.fork('load'));
    const base: [number, number][] =
      site.profile.operation === 'day-shift' ? shiftIntervals(period, rng.fork('shifts')) : [[0, T]];
    const stops: StopEvent[] = [...maintenanceStops(site, period, rng.fork('stops'), line.lineId)];
    for (const s of plan.lineStops) if (s.lineId === line.lineId) stops.push({ ...s, reason: 'case' });

    const orng = rng.fork('orders');
    for (const order of orders) {
      const ob = plan.ignoresOrder
        ? { action: 'none' as const }
        : obligationFor(measures, order.level, line.lineId);
      const grace = orng.int(60, 150);
      if (ob.action === 'stop') {
        const end = Math.min(T, order.end + orng.int(180, 600));
        stops.push({ lineId: line.lineId, start: order.start + grace, end, reason: 'order' });
        compliance.push({ start: order.start + grace, end: order.end, factor: 0.05 });
      } else if (ob.action === 'limit') {
        const factor = (1 - ob.pct / 100) * orng.uniform(0.95, 1);
        const from = Math.ceil((order.start + grace) / 60);
        const to = Math.min(period.hours, Math.floor(order.end / 60));
        for (let h = from; h < to; h++) load[h] = load[h]! * factor;
        compliance.push({ start: order.start + grace, end: order.end, factor });
      }
    }

    const on = IntervalSet.from(base, 0, T).subtract(stops.map((s) => [s.start, s.end] as const));
    const clippedStops = stops
      .map((s) => ({ ...s, end: Math.min(T, s.end) }))
      .filter((s) => s.end > s.start)
      .sort((a, b) => a.start - b.start);
    const restarts: number[] = [];
    if (site.profile.operation !== 'day-shift') {
      for (let i = 0; i < on.size; i++) {
        const start = on.starts[i]!;
        const prevEnd = i === 0 ? 0 : on.ends[i - 1]!;
        if (start > 0 && start - prevEnd >= 120) restarts.push(start);
      }
    }
    lines.set(line.lineId, { lineId: line.lineId, on, load, stops: clippedStops, restarts });
  }

  const devices = new Map<string, DeviceSchedule>();
  for (const device of site.devices) {
    const effects = plan.deviceEffects.get(device.deviceId) ?? [];
    const missing = IntervalSet.from(
      effects.flatMap((e) => (e.kind === 'missing' ? [[e.start, e.end] as const] : [])),
      0,
      T,
    );
    let scale: Float32Array | null = null;
    for (const e of effects) {
      if (e.kind !== 'scale') continue;
      scale ??= new Float32Array(period.hours).fill(1);
      for (let h = Math.floor(e.start / 60); h < Math.ceil(e.end / 60) && h < period.hours; h++)
        scale[h] = e.factor;
    }
    const line = lines.get(device.lineId);
    let on: IntervalSet;
    if (device.role === 'production' && line) {
      on = line.on;
    } else if (device.role === 'treatment' && device.treats === 'gas' && line) {
      // Treatment starts a few minutes before production and stops a little after it.
      const rng = new SeededRandom(seed, `treatment:${device.deviceId}`);
      const late = new Map<number, number>();
      const early = new Map<number, number>();
      for (const e of effects) {
        if (e.kind === 'late-start') late.set(e.day, e.minutes);
        if (e.kind === 'early-stop') early.set(e.day, e.minutes);
      }
      const pairs = line.on.pairs().map(([a, b]): [number, number] => {
        const lead = rng.int(3, 12);
        const lag = rng.int(5, 20);
        const startDay = Math.floor(a / MINUTES_PER_DAY);
        const endDay = Math.floor((b - 1) / MINUTES_PER_DAY);
        const start = late.has(startDay) ? a + late.get(startDay)! : a - lead;
        const end = early.has(endDay) ? b - early.get(endDay)! : b + lag;
        return [start, end];
      });
      on = IntervalSet.from(pairs, 0, T).subtract(
        effects.flatMap((e) => (e.kind === 'off' ? [[e.start, e.end] as const] : [])),
      );
    } else {
      // Wastewater treatment and auxiliaries run round the clock.
      on = IntervalSet.from([[0, T]], 0, T).subtract(
        effects.flatMap((e) => (e.kind === 'off' ? [[e.start, e.end] as const] : [])),
      );
    }
    devices.set(device.deviceId, { deviceId: device.deviceId, on, scale, missing });
  }

  return { lines, devices, orderCompliance: compliance };
}
