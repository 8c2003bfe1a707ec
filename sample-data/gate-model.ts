import type { SiteCasePlan } from './case-effects';
import type { Site } from './city-layout';
import type { ControlOrder } from './control-orders';
import type { DemoPeriod } from './demo-period';
import { MINUTES_PER_DAY } from './local-time';
import type { SiteSchedule } from './operating-schedule';
import { SeededRandom } from './seeded-random';
import { LF, utf8, type ByteRowWriter } from './byte-row-writer';

/**
 * Heavy-truck gate records (门禁, HJ 1321-2023): every visit is an entry and an exit of a plate from
 * the site's fleet, whose emission stage never changes. Traffic follows production; during an order
 * window compliant sites admit only 国五, 国六 and electric trucks and cut traffic with production.
 */

type Stage = '国三' | '国四' | '国五' | '国六' | '电动';

interface Truck {
  readonly plate: string;
  readonly stage: Stage;
  readonly fuel: 'diesel' | 'gas' | 'electric';
  /** ',plate,' … pre-encoded parts of the row. */
  readonly plateBytes: Uint8Array;
  readonly tailBytes: Uint8Array;
}

const PROVINCES = ['冀', '冀', '冀', '冀', '晋', '豫', '鲁', '蒙'];
const CITY_LETTERS = 'ABCDEFGHJR';
const PLATE_CHARS = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const STAGES: readonly Stage[] = ['国三', '国四', '国五', '国六', '电动'];
const STAGE_WEIGHTS = [2, 14, 35, 45, 4];

function buildFleet(rng: SeededRandom, size: number): Truck[] {
  const fleet: Truck[] = [];
  const seen = new Set<string>();
  while (fleet.length < size) {
    const stage = rng.weighted(STAGES, STAGE_WEIGHTS);
    const province = rng.pick(PROVINCES);
    const letter = province === '冀' ? 'R' : CITY_LETTERS[rng.int(0, CITY_LETTERS.length - 1)]!;
    let tail = '';
    if (stage === '电动') tail = `${rng.pick(['D', 'F'])}${String(rng.int(0, 99999)).padStart(5, '0')}`;
    else for (let i = 0; i < 5; i++) tail += PLATE_CHARS[i < 2 ? rng.int(0, 33) : rng.int(0, 9)]!;
    const plate = `${province}${letter}${tail}`;
    if (seen.has(plate)) continue;
    seen.add(plate);
    const fuel = stage === '电动' ? 'electric' : stage === '国六' && rng.chance(0.15) ? 'gas' : 'diesel';
    fleet.push({ plate, stage, fuel, plateBytes: utf8(`,${plate},`), tailBytes: utf8(`,${stage},${fuel}`) });
  }
  return fleet;
}

interface GateEvent {
  readonly minute: number;
  readonly second: number;
  readonly truck: Truck;
  readonly direction: '进' | '出';
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : `${n}`);
/** 'HH:mm:' of every minute of a day. */
const CLOCK = Array.from({ length: MINUTES_PER_DAY }, (_, m) =>
  utf8(`${pad2(Math.floor(m / 60))}:${pad2(m % 60)}:`),
);

export function writeGateRecords(
  site: Site,
  schedule: SiteSchedule,
  plan: SiteCasePlan,
  orders: readonly ControlOrder[],
  period: DemoPeriod,
  seed: number,
  out: ByteRowWriter,
): number {
  if (site.trucksPerDay === 0) return 0;
  const rng = new SeededRandom(seed, `gates:${site.siteId}`);
  const fleet = buildFleet(rng.fork('fleet'), Math.max(12, site.trucksPerDay * 3));
  const clean = fleet.filter((t) => t.stage === '国五' || t.stage === '国六' || t.stage === '电动');
  const old = fleet.filter((t) => t.stage === '国三' || t.stage === '国四');
  const lines = [...schedule.lines.values()];
  const inOrder = (m: number): boolean => orders.some((o) => m >= o.start && m < o.end);
  const complianceFactor = (m: number): number => {
    let f = 1;
    for (const c of schedule.orderCompliance) if (m >= c.start && m < c.end) f = Math.min(f, c.factor);
    return f;
  };

  let pending: GateEvent[] = [];
  let rows = 0;
  const prefix = utf8(`${site.siteId},`);
  const suffix = utf8(`,${site.profile.truckTypeZh}`);
  const IN = utf8('进');
  const OUT = utf8('出');
  for (let d = 0; d < period.days; d++) {
    const dayStart = d * MINUTES_PER_DAY;
    let dayOn = 0;
    for (const l of lines) dayOn += l.on.fractionOn(dayStart, dayStart + MINUTES_PER_DAY);
    dayOn /= Math.max(1, lines.length);
    const sunday = period.weekday(d) === 0 ? 0.6 : 1;
    const visits = Math.round(site.trucksPerDay * sunday * (0.15 + 0.85 * dayOn) * rng.uniform(0.85, 1.15));
    for (let v = 0; v < visits; v++) {
      // Most traffic between 05:00 and 23:00.
      const minute =
        dayStart + (rng.chance(0.9) ? rng.int(5 * 60, 23 * 60 - 1) : rng.int(0, MINUTES_PER_DAY - 1));
      let truck: Truck;
      if (inOrder(minute)) {
        if (plan.orderTrucks) {
          if (!rng.chance(plan.orderTrucks.volume)) continue;
          truck =
            rng.chance(plan.orderTrucks.stage4Share) && old.length > 0 ? rng.pick(old) : rng.pick(clean);
        } else {
          if (!rng.chance(complianceFactor(minute))) continue;
          truck = rng.pick(clean);
        }
      } else {
        truck = rng.pick(fleet);
      }
      pending.push({ minute, second: rng.int(0, 59), truck, direction: '进' });
      const out = minute + rng.int(30, 180);
      if (out < period.minutes) pending.push({ minute: out, second: rng.int(0, 59), truck, direction: '出' });
    }
    const dayEnd = dayStart + MINUTES_PER_DAY;
    const today = pending
      .filter((e) => e.minute < dayEnd)
      .sort((a, b) => a.minute - b.minute || a.second - b.second || (a.truck.plate < b.truck.plate ? -1 : 1));
    pending = pending.filter((e) => e.minute >= dayEnd);
    for (const e of today) {
      const d = Math.floor(e.minute / MINUTES_PER_DAY);
      const m = e.minute - d * MINUTES_PER_DAY;
      out.bytes(prefix).bytes(period.labels.dayPrefixBytes(d));
      out
        .bytes(CLOCK[m]!)
        .byte(48 + Math.floor(e.second / 10))
        .byte(48 + (e.second % 10));
      out
        .bytes(e.truck.plateBytes)
        .bytes(e.direction === '进' ? IN : OUT)
        .bytes(e.truck.tailBytes)
        .bytes(suffix);
      out.endRow(LF);
    }
    rows += today.length;
  }
  return rows;
}
