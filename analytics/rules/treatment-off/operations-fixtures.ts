import { noise, type CaseData } from '../rule-case';

/**
 * Builders for the sub-metering, order and gate cases of the operations rules (treatment-*, order-*,
 * marked-stopped-running, meter-outage, om-company): power profiles as piecewise-constant levels with a
 * little deterministic noise, timestamps as local wall-clock strings.
 */

type PowerRow = NonNullable<CaseData['power']>[number];

/** 'YYYY-MM-DD HH:MM:SS' plus `minutes` (naive local time, no zone). */
export function addMinutes(start: string, minutes: number): string {
  const t = Date.parse(`${start.replace(' ', 'T')}Z`) + minutes * 60_000;
  return new Date(t).toISOString().slice(0, 19).replace('T', ' ');
}

/** Minutes from `a` to `b`. */
export function minutesBetween(a: string, b: string): number {
  return (Date.parse(`${b.replace(' ', 'T')}Z`) - Date.parse(`${a.replace(' ', 'T')}Z`)) / 60_000;
}

/**
 * One value per sample from `start` to `end` (exclusive) every `step` minutes: `level(ts)` gives the
 * level at each sample time (null = no reading), multiplied by 1 ± `jitter` of deterministic noise.
 */
export function power(
  deviceId: string,
  start: string,
  end: string,
  step: number,
  level: (ts: string) => number | null,
  opts: { readonly jitter?: number; readonly seed?: number; readonly offsetMinutes?: number } = {},
): PowerRow[] {
  const rnd = noise(opts.seed ?? deviceId.length * 7919);
  const jitter = opts.jitter ?? 0.03;
  const rows: PowerRow[] = [];
  const n = Math.round(minutesBetween(start, end) / step);
  for (let i = 0; i < n; i++) {
    const ts = addMinutes(start, i * step);
    const kw = level(ts);
    const r = rnd();
    if (kw === null) continue;
    rows.push({
      device_id: deviceId,
      ts: addMinutes(ts, opts.offsetMinutes ?? 0),
      kw: Number((kw * (1 + jitter * (2 * r - 1))).toFixed(2)),
    });
  }
  return rows;
}

/** A level function: `base` outside the windows, each window's level inside [from, to). */
export function levels(
  base: number,
  windows: ReadonlyArray<readonly [from: string, to: string, level: number | null]> = [],
): (ts: string) => number | null {
  return (ts) => {
    for (const [from, to, level] of windows) if (ts >= from && ts < to) return level;
    return base;
  };
}

/** On at `on` kW within [from, to) and at `off` kW otherwise, for each daily window. */
export function shifts(
  on: number,
  off: number,
  windows: ReadonlyArray<readonly [from: string, to: string]>,
): (ts: string) => number {
  return (ts) => (windows.some(([a, b]) => ts >= a && ts < b) ? on : off);
}

export function device(
  device_id: string,
  site_id: string,
  role: 'production' | 'treatment' | 'auxiliary',
  line_id: string | null,
  device_name?: string,
): Record<string, string | null> {
  return { device_id, site_id, role, line_id, device_name: device_name ?? device_id };
}

export function site(
  site_id: string,
  extra: Readonly<Record<string, string | number | boolean | null>> = {},
): Record<string, string | number | boolean | null> {
  return { site_id, site_name: site_id, county: '河西区', grade: 'C', ...extra };
}

/** Gate records: `n` entries (and exits 90 min later) spread over [from, to). */
export function trucks(
  site_id: string,
  from: string,
  to: string,
  n: number,
  stage: string,
  fuel: string,
  platePrefix: string,
): Array<Record<string, string>> {
  const span = minutesBetween(from, to);
  const out: Array<Record<string, string>> = [];
  for (let i = 0; i < n; i++) {
    const t = addMinutes(from, Math.floor(((i + 0.5) * span) / n));
    const plate = `${platePrefix}${String(i % 97).padStart(3, '0')}`;
    out.push({
      site_id,
      ts: t,
      plate,
      direction: 'in',
      emission_stage: stage,
      fuel,
      vehicle_type: '重型货车',
    });
    const back = addMinutes(t, 90);
    if (back < to) {
      out.push({
        site_id,
        ts: back,
        plate,
        direction: 'out',
        emission_stage: stage,
        fuel,
        vehicle_type: '重型货车',
      });
    }
  }
  return out;
}
