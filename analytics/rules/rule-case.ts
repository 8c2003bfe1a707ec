import type { SqlRunner } from '../engine/database';
import type { ParamValues, Text } from './rule';

/**
 * Small series-in, findings-out cases for a rule (`<rule-id>.cases.ts`): at least one positive, one
 * look-alike negative (the rule's false-positive pitfall) and one edge case. The catalog test loads
 * each case into an in-memory case database and runs the rule on it.
 */
export interface CaseReading {
  readonly outlet_id: string;
  readonly code: string;
  readonly stat?: string;
  readonly interval?: string;
  readonly ts: string;
  readonly value: number | null;
  readonly flag?: string;
}

export interface CaseData {
  readonly sites?: ReadonlyArray<Readonly<Record<string, string | number | boolean | null>>>;
  readonly outlets?: ReadonlyArray<Readonly<Record<string, string | number | null>>>;
  readonly limits?: ReadonlyArray<{
    readonly outlet_id: string;
    readonly code: string;
    readonly limit_value: number;
  }>;
  readonly readings?: readonly CaseReading[];
  readonly devices?: ReadonlyArray<Readonly<Record<string, string | number | null>>>;
  readonly power?: ReadonlyArray<{
    readonly device_id: string;
    readonly ts: string;
    readonly kw: number | null;
  }>;
  readonly marks?: ReadonlyArray<Readonly<Record<string, string | null>>>;
  readonly orders?: ReadonlyArray<Readonly<Record<string, string | null>>>;
  readonly measures?: ReadonlyArray<Readonly<Record<string, string | number | null>>>;
  readonly gates?: ReadonlyArray<Readonly<Record<string, string | null>>>;
  readonly stations?: ReadonlyArray<Readonly<Record<string, string | number | null>>>;
  readonly air?: ReadonlyArray<Readonly<Record<string, string | number | null>>>;
}

export interface CaseFinding {
  readonly site_id: string | null;
  readonly outlet_id: string | null;
  readonly device_id: string | null;
  readonly code: string | null;
  readonly start_ts: string | null;
  readonly end_ts: string | null;
  readonly score: number | null;
  readonly severity: string;
}

export interface RuleCase {
  readonly name: string;
  readonly kind: 'positive' | 'negative' | 'edge';
  /** What the case shows (the negative ones name the pitfall). */
  readonly note: Text;
  readonly data: CaseData;
  readonly params?: ParamValues;
  /** Exact number of findings expected. */
  readonly expectFindings: number;
  /** Further checks on the findings (throw or use expect inside). */
  readonly check?: (findings: readonly CaseFinding[]) => void;
}

/** Hourly (or other-step) readings of one series from a list of values, starting at `start`. */
export function seriesOf(
  outlet_id: string,
  code: string,
  start: string,
  values: ReadonlyArray<number | null>,
  opts: {
    readonly stat?: string;
    readonly stepMinutes?: number;
    readonly flag?: string | ((i: number) => string);
  } = {},
): CaseReading[] {
  const t0 = Date.parse(`${start.replace(' ', 'T')}Z`);
  const step = (opts.stepMinutes ?? 60) * 60_000;
  return values.map((value, i) => ({
    outlet_id,
    code,
    stat: opts.stat ?? 'avg',
    interval: (opts.stepMinutes ?? 60) >= 60 ? 'hour' : 'min',
    ts: new Date(t0 + i * step).toISOString().slice(0, 19).replace('T', ' '),
    value,
    flag: typeof opts.flag === 'function' ? opts.flag(i) : (opts.flag ?? 'N'),
  }));
}

/** A deterministic pseudo-random sequence (cases must not depend on Math.random). */
export function noise(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function literal(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'NULL';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return `'${String(v).replaceAll("'", "''")}'`;
}

async function insertRows(
  db: SqlRunner,
  table: string,
  rows: ReadonlyArray<Readonly<Record<string, unknown>>> | undefined,
): Promise<void> {
  if (!rows || rows.length === 0) return;
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    const values = chunk.map((r) => `(${cols.map((c) => literal(r[c])).join(', ')})`).join(',\n');
    await db.run(`INSERT INTO ${table} (${cols.join(', ')}) VALUES ${values}`);
  }
}

/** Load a case into a database that already has the canonical schema. */
export async function loadCaseData(db: SqlRunner, data: CaseData): Promise<void> {
  await insertRows(db, 'sites', data.sites);
  await insertRows(db, 'outlets', data.outlets);
  await insertRows(db, 'limits', data.limits);
  await insertRows(db, 'devices', data.devices);
  await insertRows(
    db,
    'power_readings',
    data.power?.map((p) => ({ ...p, source_file_id: 0, source_row: 0 })),
  );
  await insertRows(db, 'marks', data.marks);
  await insertRows(db, 'orders', data.orders);
  await insertRows(db, 'measures', data.measures);
  await insertRows(
    db,
    'gate_records',
    data.gates?.map((g) => ({ ...g, source_file_id: 0, source_row: 0 })),
  );
  await insertRows(db, 'stations', data.stations);
  await insertRows(
    db,
    'air_readings',
    data.air?.map((a) => ({ ...a, source_file_id: 0, source_row: 0 })),
  );
  const readings = data.readings ?? [];
  const keys = [
    ...new Set(readings.map((r) => `${r.outlet_id}|${r.code}|${r.stat ?? 'avg'}|${r.interval ?? 'hour'}`)),
  ];
  await insertRows(
    db,
    'series',
    keys.map((k, i) => {
      const [outlet_id, code, stat, interval] = k.split('|');
      const media = code!.startsWith('w') ? 'water' : code!.startsWith('a') ? 'gas' : 'other';
      return { series_id: i + 1, outlet_id, code, stat, interval, media };
    }),
  );
  const idOf = new Map(keys.map((k, i) => [k, i + 1]));
  await insertRows(
    db,
    'readings',
    readings.map((r) => ({
      series_id: idOf.get(`${r.outlet_id}|${r.code}|${r.stat ?? 'avg'}|${r.interval ?? 'hour'}`),
      ts: r.ts,
      value: r.value,
      flag: r.flag ?? 'N',
      source_file_id: 0,
      source_row: 0,
    })),
  );
}
