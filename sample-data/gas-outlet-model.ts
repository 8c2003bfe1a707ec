import type { GasEffect } from './case-effects';
import type { GasOutlet } from './city-layout';
import { FLAG_C, FLAG_D, FLAG_F, FLAG_M, FLAG_N } from './data-flags';
import type { DemoPeriod } from './demo-period';
import { roundTo, roundToStep } from './number-format';
import type { DeviceSchedule, LineSchedule } from './operating-schedule';
import type { GasPollutantCode } from './pollutant-codes';
import { Ar1, SeededRandom } from './seeded-random';
import type { Sector } from './sector-profiles';

/**
 * Hourly CEMS records of one flue-gas outlet (period-start timestamps).
 *
 * Physics first, on the converted basis because that is what the plant's controls aim at: the
 * converted concentration follows load with autocorrelated noise; O2 rises at part load; the
 * measured concentration is converted × (21 − O2)/(21 − O2ref). Then the logger's view: values are
 * rounded at the reported precision and every derived value is recomputed from the rounded inputs —
 * ZsAvg = round(Avg × (21 − O2ref)/(21 − O2)), Cou (kg) = Avg × hourly volume (m³) × 1e-6,
 * a00000-Avg (m³/s) = volume/3600 — so the identities hold exactly except where a case breaks them.
 */

export interface GasPollutantRecords {
  readonly code: GasPollutantCode;
  readonly decimals: number;
  readonly avg: Float64Array;
  /** null when the outlet has no O2 correction (VOC exhaust). */
  readonly zs: Float64Array | null;
  readonly min: Float64Array;
  readonly max: Float64Array;
  readonly cou: Float64Array;
  readonly flag: Uint8Array;
}

export interface GasRecords {
  readonly outletId: string;
  readonly hours: number;
  /** 0 = the record is missing from the export. */
  readonly present: Uint8Array;
  readonly pollutants: readonly GasPollutantRecords[];
  readonly o2: Float64Array;
  readonly o2Flag: Uint8Array;
  readonly velocity: Float64Array;
  readonly temperature: Float64Array;
  readonly humidity: Float64Array;
  /** Flag of velocity, temperature, humidity and flow. */
  readonly auxFlag: Uint8Array;
  /** a00000-Avg, m³/s. */
  readonly flowAvg: Float64Array;
  /** a00000-Cou, standard dry m³ in the hour (integer). */
  readonly flowCou: Float64Array;
  /** Production on (≥ half the hour) per hour, for coupling checks. */
  readonly running: Uint8Array;
}

/** Windows that got M/D flags (for marks): hours [from, to). */
export interface FlagWindow {
  readonly flag: 'M' | 'D';
  readonly from: number;
  readonly to: number;
  readonly reason: string;
}

export interface GasSimulation {
  readonly records: GasRecords;
  readonly flagWindows: readonly FlagWindow[];
}

export interface GasContext {
  readonly period: DemoPeriod;
  readonly seed: number;
  readonly sector: Sector;
  readonly scripted: boolean;
  readonly startupHours: number;
  readonly line: LineSchedule;
  /** The outlet's gas-treatment device; drives the stack fan of VOC exhaust. */
  readonly treatment: DeviceSchedule | null;
  readonly effects: readonly GasEffect[];
  /** Finished records of other outlets (for cross-outlet copies). */
  readonly sourceRecords: (outletId: string) => GasRecords | undefined;
}

/** Converted-basis profile after a furnace restart under the waste-to-energy rules (fractions of the limit). */
const INCINERATOR_STARTUP: Readonly<Partial<Record<GasPollutantCode, readonly number[]>>> = {
  a21026: [1.45, 1.3, 1.15, 0.95, 0.7, 0.5],
  a34013: [2.2, 1.6, 1.2, 0.8, 0.5, 0.3],
  a21002: [1.12, 1.06, 0.92, 0.82, 0.74, 0.68],
};

const ATM = 101325;

export function simulateGasOutlet(outlet: GasOutlet, ctx: GasContext): GasSimulation {
  const { period, line } = ctx;
  const H = period.hours;
  const rng = new SeededRandom(ctx.seed, `cems:${outlet.outletId}`);
  const isVoc = outlet.o2Ref === null;
  const codes = outlet.pollutants.map((p) => p.code);
  const nP = outlet.pollutants.length;

  // ---- per-hour state of the plant -------------------------------------------------------------
  const running = new Uint8Array(H);
  const onFrac = new Float64Array(H);
  const driveFrac = new Float64Array(H); // what moves the stack gas: production, or the VOC fan
  const sinceRestart = new Float64Array(H).fill(Infinity);
  let r = 0;
  for (let h = 0; h < H; h++) {
    const a = h * 60;
    onFrac[h] = line.on.fractionOn(a, a + 60);
    driveFrac[h] = isVoc && ctx.treatment ? ctx.treatment.on.fractionOn(a, a + 60) : onFrac[h]!;
    running[h] = (isVoc ? Math.max(onFrac[h]!, driveFrac[h]!) : onFrac[h]!) >= 0.5 ? 1 : 0;
    while (r + 1 < line.restarts.length && line.restarts[r + 1]! <= a) r++;
    const rs = line.restarts[r];
    if (rs !== undefined && rs <= a) sinceRestart[h] = (a - rs) / 60;
  }

  // ---- physics ---------------------------------------------------------------------------------
  const zsTrue = outlet.pollutants.map(() => new Float64Array(H));
  const measured = outlet.pollutants.map(() => new Float64Array(H));
  const o2 = new Float64Array(H);
  const flowStd = new Float64Array(H);
  const temperature = new Float64Array(H);
  const humidity = new Float64Array(H);
  const velocity = new Float64Array(H);

  const o2Noise = new Ar1(rng.fork('o2'), 0.85);
  const flowNoise = new Ar1(rng.fork('flow'), 0.8);
  const tempNoise = new Ar1(rng.fork('temp'), 0.7);
  const humNoise = new Ar1(rng.fork('hum'), 0.8);
  const concNoise = outlet.pollutants.map((p) => new Ar1(rng.fork(`conc:${p.code}`), 0.8));
  const stopNoise = rng.fork('stopped');

  let temp = outlet.tempOn;
  for (let h = 0; h < H; h++) {
    const amb = period.ambientTemperature(h);
    const run = running[h] === 1;
    const load = line.load[h]!;
    const on = onFrac[h]!;
    const drive = driveFrac[h]!;
    const on2 = o2Noise.next();

    if (isVoc) o2[h] = 20.3 + 0.08 * on2;
    else if (run)
      o2[h] = on * (outlet.o2Full + outlet.o2Slope * (1 - Math.min(1, load)) + 0.25 * on2) + (1 - on) * 20.6;
    else o2[h] = 20.55 + 0.08 * on2;
    o2[h] = Math.min(20.8, Math.max(1, o2[h]!));

    const fn = flowNoise.next();
    flowStd[h] =
      drive > 0.02
        ? outlet.flowDesign * (0.3 + 0.7 * Math.min(1.05, load)) * (1 + 0.015 * fn) * (0.04 + 0.96 * drive)
        : outlet.flowDesign * 0.004 * (1 + 0.5 * Math.abs(fn));

    const target = run ? outlet.tempOn + 6 * (load - 0.9) : amb + 2;
    temp = h === 0 ? target : temp + (target - temp) * 0.55;
    temperature[h] = temp + 0.4 * tempNoise.next();
    humidity[h] = run
      ? on * (outlet.humidityOn + 0.3 * humNoise.next()) + (1 - on) * 1.5
      : 1.2 + 0.2 * Math.abs(humNoise.next());

    const actual =
      (((flowStd[h]! * (273 + temperature[h]!)) / 273) * (ATM / (ATM - 250))) / (1 - humidity[h]! / 100);
    velocity[h] = actual / 3600 / outlet.stackArea;

    for (let i = 0; i < nP; i++) {
      const p = outlet.pollutants[i]!;
      const n = concNoise[i]!.next();
      let level: number;
      if (p.code === 'a21002' && outlet.nearLimitNox) {
        // Dosing control holds NOx near a setpoint of ~86% of the limit: tight, but it wanders and
        // occasionally overshoots; nothing piles up against the limit.
        level = p.limit * 0.86 * Math.exp(0.04 * n);
      } else {
        const sd = p.relSd;
        level =
          p.base *
          (1 - p.loadWeight + p.loadWeight * Math.min(1.05, load)) *
          Math.exp(sd * n - (sd * sd) / 2);
      }
      if (isVoc && onFrac[h]! < 0.5) level *= 0.1; // fan running, press idle: clean air
      const since = sinceRestart[h]!;
      if (since < ctx.startupHours) {
        const profile = ctx.sector === 'incineration' ? INCINERATOR_STARTUP[p.code] : undefined;
        level = profile ? p.limit * profile[Math.floor(since)]! * Math.exp(0.03 * n) : level * 1.3;
      }
      zsTrue[i]![h] = run ? level : p.base * 0.015 * (1 + 0.3 * Math.abs(stopNoise.normal()));
    }
  }

  // Physics effects of planted cases.
  const measuredFactor = outlet.pollutants.map(() => new Float64Array(H).fill(1));
  const dilution = new Float64Array(H); // O2 added at the analyser
  const dilutionFactor = new Float64Array(H).fill(1);
  const flags = outlet.pollutants.map(() => new Uint8Array(H));
  const abuseWindows: FlagWindow[] = [];
  const erng = rng.fork('effects');
  const idx = (code: GasPollutantCode): number => codes.indexOf(code);
  const limitOf = (i: number): number => outlet.pollutants[i]!.limit;
  for (const e of ctx.effects) {
    switch (e.kind) {
      case 'level':
        for (const code of e.codes) {
          const i = idx(code);
          if (i < 0) continue;
          e.fractions.forEach((f, k) => {
            const h = e.from + k;
            if (h < H && running[h]) zsTrue[i]![h] = limitOf(i) * f * Math.exp(0.03 * erng.normal());
          });
        }
        break;
      case 'limit-cap': {
        const i = idx(e.code);
        if (i < 0) break;
        for (let h = e.from; h < Math.min(H, e.to); h++) {
          if (!running[h]) continue;
          const raw = limitOf(i) * e.rawFraction * Math.exp(0.08 * erng.normal());
          zsTrue[i]![h] = raw >= e.lo * limitOf(i) ? limitOf(i) * erng.uniform(e.lo, e.hi) : raw;
        }
        break;
      }
      case 'calibration-step': {
        const i = idx(e.code);
        if (i < 0) break;
        for (let h = e.at; h < H; h++) measuredFactor[i]![h] = e.factor;
        break;
      }
      case 'dilution':
        for (let h = e.from; h < Math.min(H, e.to); h++) {
          if (!running[h]) continue;
          dilution[h] = e.o2Delta + 0.3 * erng.normal();
          dilutionFactor[h] = e.concFactor * (1 + 0.04 * erng.normal());
        }
        break;
      case 'flag-abuse': {
        const i = idx(e.code);
        if (i < 0) break;
        for (const at of highLoadHours(line.load, running, e.from, e.to, e.events)) {
          const spike = [0.9, 1.25, 1.15, 0.88];
          spike.forEach((f, k) => {
            const h = at - 1 + k;
            if (h < H) zsTrue[i]![h] = limitOf(i) * f * Math.exp(0.03 * erng.normal());
          });
          const flag = abuseWindows.length % 2 === 0 ? 'M' : 'D';
          abuseWindows.push({ flag, from: at, to: at + 2, reason: flag === 'M' ? '设备维护' : '分析仪故障' });
        }
        break;
      }
      default:
        break; // report effects are applied below
    }
  }

  for (let h = 0; h < H; h++) {
    const o2Plant = o2[h]!;
    o2[h] = Math.min(20.8, o2Plant + dilution[h]!);
    for (let i = 0; i < nP; i++) {
      const toMeasured = isVoc ? 1 : (21 - o2Plant) / (21 - outlet.o2Ref!);
      measured[i]![h] = zsTrue[i]![h]! * toMeasured * dilutionFactor[h]! * measuredFactor[i]![h]!;
    }
  }

  // ---- the logger's view: flags, rounding ------------------------------------------------------
  const o2Flag = new Uint8Array(H);
  const auxFlag = new Uint8Array(H);
  const avg = outlet.pollutants.map(() => new Float64Array(H));
  const lo = outlet.pollutants.map(() => new Float64Array(H));
  const hi = outlet.pollutants.map(() => new Float64Array(H));
  const spread = rng.fork('spread');
  const flagWindows: FlagWindow[] = [...abuseWindows, ...randomFlagWindows(ctx, rng.fork('flags'), running)];
  const windowFlag = new Uint8Array(H);
  for (const w of flagWindows) {
    for (let h = w.from; h < Math.min(H, w.to); h++) windowFlag[h] = w.flag === 'M' ? FLAG_M : FLAG_D;
  }
  const abuseHours = new Set<number>();
  for (const w of abuseWindows) for (let h = w.from; h < w.to; h++) abuseHours.add(h);

  for (let h = 0; h < H; h++) {
    const run = running[h] === 1;
    let f = FLAG_N;
    if (!run) f = FLAG_F;
    else if (windowFlag[h]) f = windowFlag[h]!;
    else if (outlet.calibrationHour !== null && h % 24 === outlet.calibrationHour) f = FLAG_C;
    // A logger holds the last value while its analyser is in maintenance or fault; abused flags keep
    // the real (high) values, which is exactly what makes them suspicious.
    const hold = (f === FLAG_M || f === FLAG_D) && !abuseHours.has(h) && h > 0;
    for (let i = 0; i < nP; i++) {
      const p = outlet.pollutants[i]!;
      avg[i]![h] = hold ? avg[i]![h - 1]! : roundTo(Math.max(0, measured[i]![h]!), p.decimals);
      lo[i]![h] = 0.04 + 0.08 * Math.abs(spread.normal());
      hi[i]![h] = 0.04 + 0.1 * Math.abs(spread.normal());
      flags[i]![h] = f;
    }
    o2[h] = hold ? o2[h - 1]! : roundTo(o2[h]!, 2);
    o2Flag[h] = f;
    auxFlag[h] = run ? FLAG_N : FLAG_F;
  }

  const present = new Uint8Array(H).fill(1);
  const rec = {
    avg,
    lo,
    hi,
    flags,
    o2,
    o2Flag,
    auxFlag,
    velocity,
    temperature,
    humidity,
    flowStd,
    present,
  };

  // ---- report-level effects (tampering with what the logger sends) -----------------------------
  const zsOverride: { from: number; to: number; ref: number }[] = [];
  const avgAboveMax: number[] = [];
  for (const e of ctx.effects) {
    switch (e.kind) {
      case 'copy-self':
        for (let k = 0; k < e.hours; k++) copyHour(rec, e.srcFrom + k, e.dstFrom + k, nP, true);
        break;
      case 'copy-outlet': {
        const src = ctx.sourceRecords(e.sourceOutletId);
        if (!src)
          throw new Error(`copy source ${e.sourceOutletId} must be generated before ${outlet.outletId}`);
        for (let k = 0; k < e.hours; k++) {
          const s = e.srcFrom + k;
          const d = e.dstFrom + k;
          if (d >= H || s >= src.hours) break;
          for (let i = 0; i < nP; i++) {
            const sp = src.pollutants.find((x) => x.code === codes[i]);
            if (!sp) continue;
            avg[i]![d] = sp.avg[s]!;
            lo[i]![d] = sp.avg[s]! > 0 ? 1 - sp.min[s]! / sp.avg[s]! : lo[i]![d]!;
            hi[i]![d] = sp.avg[s]! > 0 ? sp.max[s]! / sp.avg[s]! - 1 : hi[i]![d]!;
            flags[i]![d] = sp.flag[s]!;
          }
          o2[d] = src.o2[s]!;
          o2Flag[d] = src.o2Flag[s]!;
        }
        break;
      }
      case 'flatline':
        for (let h = e.from; h < Math.min(H, e.to); h++) {
          for (let i = 0; i < nP; i++) {
            avg[i]![h] = avg[i]![e.from]!;
            lo[i]![h] = 0;
            hi[i]![h] = 0;
            flags[i]![h] = FLAG_N;
          }
          o2[h] = o2[e.from]!;
          o2Flag[h] = FLAG_N;
        }
        break;
      case 'quantum': {
        const i = idx(e.code);
        if (i < 0) break;
        const dec = outlet.pollutants[i]!.decimals;
        for (let h = e.from; h < Math.min(H, e.to); h++)
          avg[i]![h] = roundToStep(measured[i]![h]!, e.step, dec);
        break;
      }
      case 'flow-freeze': {
        const frozen = flowStd[e.from]!;
        for (let h = e.from; h < Math.min(H, e.to); h++) flowStd[h] = frozen * (1 + 0.0008 * erng.normal());
        break;
      }
      case 'flag-all':
        for (let h = e.from; h < Math.min(H, e.to); h++) {
          const f = e.flag === 'F' ? FLAG_F : FLAG_C;
          for (let i = 0; i < nP; i++) flags[i]![h] = f;
          o2Flag[h] = f;
          if (e.flag === 'F') auxFlag[h] = FLAG_F;
        }
        break;
      case 'drop-rows':
        for (let h = e.from; h < Math.min(H, e.to); h++) present[h] = 0;
        break;
      case 'o2-wrong-ref':
        zsOverride.push({ from: e.from, to: e.to, ref: e.wrongRef });
        break;
      case 'avg-above-max':
        avgAboveMax.push(...e.hours);
        break;
      default:
        break;
    }
  }

  // ---- derived values from the rounded inputs ---------------------------------------------------
  const flowAvg = new Float64Array(H);
  const flowCou = new Float64Array(H);
  for (let h = 0; h < H; h++) {
    flowCou[h] = Math.round(flowStd[h]!);
    flowAvg[h] = roundTo(flowCou[h]! / 3600, 2);
    velocity[h] = roundTo(velocity[h]!, 2);
    temperature[h] = roundTo(temperature[h]!, 1);
    humidity[h] = roundTo(humidity[h]!, 1);
  }
  const pollutants: GasPollutantRecords[] = outlet.pollutants.map((p, i) => {
    const a = avg[i]!;
    const zs = isVoc ? null : new Float64Array(H);
    const min = new Float64Array(H);
    const max = new Float64Array(H);
    const cou = new Float64Array(H);
    const step = 1 / 10 ** p.decimals;
    for (let h = 0; h < H; h++) {
      const v = a[h]!;
      if (zs) {
        let ref = outlet.o2Ref!;
        for (const z of zsOverride) if (h >= z.from && h < z.to) ref = z.ref;
        zs[h] = roundTo((v * (21 - ref)) / (21 - o2[h]!), p.decimals);
      }
      cou[h] = roundTo(v * flowCou[h]! * 1e-6, 3);
      min[h] = Math.min(v, Math.max(0, roundTo(v * (1 - lo[i]![h]!), p.decimals)));
      max[h] = Math.max(v, roundTo(v * (1 + hi[i]![h]!), p.decimals));
      if (hi[i]![h]! > 0 && max[h] === v && v > 0) max[h] = roundTo(v + step, p.decimals);
    }
    for (const h of avgAboveMax) if (h < H && a[h]! > 0) max[h] = roundTo(a[h]! * 0.93, p.decimals);
    return { code: p.code, decimals: p.decimals, avg: a, zs, min, max, cou, flag: flags[i]! };
  });

  return {
    records: {
      outletId: outlet.outletId,
      hours: H,
      present,
      pollutants,
      o2,
      o2Flag,
      velocity,
      temperature,
      humidity,
      auxFlag,
      flowAvg,
      flowCou,
      running,
    },
    flagWindows,
  };
}

interface MutableRecords {
  readonly avg: Float64Array[];
  readonly lo: Float64Array[];
  readonly hi: Float64Array[];
  readonly flags: Uint8Array[];
  readonly o2: Float64Array;
  readonly o2Flag: Uint8Array;
  readonly auxFlag: Uint8Array;
  readonly velocity: Float64Array;
  readonly temperature: Float64Array;
  readonly humidity: Float64Array;
  readonly flowStd: Float64Array;
  readonly present: Uint8Array;
}

function copyHour(rec: MutableRecords, src: number, dst: number, nP: number, everything: boolean): void {
  if (dst >= rec.o2.length || src >= rec.o2.length) return;
  for (let i = 0; i < nP; i++) {
    rec.avg[i]![dst] = rec.avg[i]![src]!;
    rec.lo[i]![dst] = rec.lo[i]![src]!;
    rec.hi[i]![dst] = rec.hi[i]![src]!;
    rec.flags[i]![dst] = rec.flags[i]![src]!;
  }
  rec.o2[dst] = rec.o2[src]!;
  rec.o2Flag[dst] = rec.o2Flag[src]!;
  if (!everything) return;
  rec.auxFlag[dst] = rec.auxFlag[src]!;
  rec.velocity[dst] = rec.velocity[src]!;
  rec.temperature[dst] = rec.temperature[src]!;
  rec.humidity[dst] = rec.humidity[src]!;
  rec.flowStd[dst] = rec.flowStd[src]!;
  rec.present[dst] = rec.present[src]!;
}

/** The `count` highest-load running hours in [from, to), at least 20 h apart, in time order. */
function highLoadHours(
  load: Float32Array,
  running: Uint8Array,
  from: number,
  to: number,
  count: number,
): number[] {
  const candidates: number[] = [];
  for (let h = Math.max(1, from); h < Math.min(to, load.length - 3); h++) {
    if (running[h] && running[h - 1] && running[h + 2]) candidates.push(h);
  }
  candidates.sort((a, b) => load[b]! - load[a]! || a - b);
  const chosen: number[] = [];
  for (const h of candidates) {
    if (chosen.every((c) => Math.abs(c - h) >= 20)) chosen.push(h);
    if (chosen.length === count) break;
  }
  return chosen.sort((a, b) => a - b);
}

/** Ordinary maintenance (M, 2–4 h in the day shift) and analyser faults (D, 1–5 h) of clean outlets. */
function randomFlagWindows(ctx: GasContext, rng: SeededRandom, running: Uint8Array): FlagWindow[] {
  if (ctx.scripted) return [];
  const out: FlagWindow[] = [];
  const months = ctx.period.days / 30;
  const H = ctx.period.hours;
  const nM = Math.floor(months) + (rng.chance(months - Math.floor(months)) ? 1 : 0);
  for (let k = 0; k < nM; k++) {
    const day = rng.int(0, ctx.period.days - 1);
    const from = day * 24 + rng.int(9, 14);
    const to = Math.min(H, from + rng.int(2, 4));
    if (running[from]) out.push({ flag: 'M', from, to, reason: '例行维护' });
  }
  const nD = Math.floor(months * 0.5) + (rng.chance(months * 0.5 - Math.floor(months * 0.5)) ? 1 : 0);
  for (let k = 0; k < nD; k++) {
    const from = rng.int(24, H - 6);
    const to = Math.min(H, from + rng.int(1, 5));
    if (running[from]) out.push({ flag: 'D', from, to, reason: '分析仪故障' });
  }
  return out;
}
