import type { WaterEffect } from './case-effects';
import type { WaterOutlet } from './city-layout';
import type { DemoPeriod } from './demo-period';
import { FLAG_M, FLAG_N } from './data-flags';
import { roundTo } from './number-format';
import type { LineSchedule } from './operating-schedule';
import type { WaterCode } from './pollutant-codes';
import { Ar1, SeededRandom } from './seeded-random';

/**
 * Hourly records of a wastewater outlet. COD, NH3-N, TP and TN come from batch analysers that
 * sample once per cycle (1–4 h) and hold the result until the next one, so identical consecutive
 * hours are normal here (domain.md §2.3) — the look-alike the flatline rule must tolerate. pH and
 * flow are continuous. Load (kg) = mg/L × m³ × 1e-3; volume (m³) = L/s × 3.6.
 */

export interface WaterParameterRecords {
  readonly code: WaterCode;
  readonly decimals: number;
  readonly avg: Float64Array;
  /** kg per hour; null for pH. */
  readonly cou: Float64Array | null;
  readonly flag: Uint8Array;
}

export interface WaterRecords {
  readonly outletId: string;
  readonly hours: number;
  /** COD, NH3-N, TP, TN, pH, flow (w00000: avg L/s, cou m³). */
  readonly parameters: readonly WaterParameterRecords[];
  /** Hours [from, to) flagged M (maintenance), for marks. */
  readonly maintenance: readonly { readonly from: number; readonly to: number }[];
}

export interface WaterContext {
  readonly period: DemoPeriod;
  readonly seed: number;
  readonly scripted: boolean;
  readonly line: LineSchedule;
  readonly effects: readonly WaterEffect[];
}

const SD: Readonly<Record<string, number>> = { w01018: 0.1, w21003: 0.18, w21011: 0.12, w21001: 0.08 };

export function simulateWaterOutlet(outlet: WaterOutlet, ctx: WaterContext): WaterRecords {
  const H = ctx.period.hours;
  const rng = new SeededRandom(ctx.seed, `water:${outlet.outletId}`);

  const maintenance: { from: number; to: number }[] = [];
  if (!ctx.scripted) {
    const mrng = rng.fork('maintenance');
    const n = Math.max(1, Math.round(ctx.period.days / 30));
    for (let k = 0; k < n; k++) {
      const from = mrng.int(0, ctx.period.days - 1) * 24 + mrng.int(9, 15);
      maintenance.push({ from, to: Math.min(H, from + mrng.int(1, 2)) });
    }
  }
  const inMaintenance = new Uint8Array(H);
  for (const m of maintenance) for (let h = m.from; h < m.to; h++) inMaintenance[h] = 1;

  // Discharge follows production, smoothed by the equalisation tank; it never drops to zero.
  const flow = new Float64Array(H);
  const volume = new Float64Array(H);
  const fnoise = new Ar1(rng.fork('flow'), 0.9);
  let smooth = 1;
  for (let h = 0; h < H; h++) {
    const on = ctx.line.on.fractionOn(h * 60, h * 60 + 60);
    const drive = on * Math.min(1, ctx.line.load[h]!) + (1 - on) * 0.3;
    smooth += (drive - smooth) * 0.3;
    flow[h] = roundTo(outlet.flowDesign * (0.45 + 0.55 * smooth) * (1 + 0.05 * fnoise.next()), 2);
    volume[h] = roundTo(flow[h]! * 3.6, 2);
  }

  const factorAt = (code: WaterCode, h: number): number => {
    let f = 1;
    for (const e of ctx.effects) {
      const target = e.factors[code];
      if (target === undefined) continue;
      let w = 0;
      if (h >= e.from && h < e.to) w = Math.min(1, (h - e.from + 1) / e.rampHours);
      else if (h >= e.to && h < e.to + e.rampHours) w = 1 - (h - e.to + 1) / e.rampHours;
      f *= 1 + (target - 1) * Math.max(0, w);
    }
    return f;
  };

  const parameters: WaterParameterRecords[] = outlet.parameters.map((p) => {
    const noise = new Ar1(rng.fork(`conc:${p.code}`), 0.85);
    const avg = new Float64Array(H);
    const cou = new Float64Array(H);
    const flag = new Uint8Array(H);
    const sd = SD[p.code] ?? 0.1;
    let held = 0;
    for (let h = 0; h < H; h++) {
      const n = noise.next();
      const sample = (h - p.phase) % p.cycleHours === 0 || h === 0;
      if (sample && !inMaintenance[h]) {
        const diurnal = 1 + 0.05 * Math.sin((2 * Math.PI * ((h % 24) - 10)) / 24);
        held = roundTo(p.base * diurnal * factorAt(p.code, h) * Math.exp(sd * n - (sd * sd) / 2), p.decimals);
      }
      avg[h] = held;
      cou[h] = roundTo(held * volume[h]! * 1e-3, 3);
      flag[h] = inMaintenance[h] ? FLAG_M : FLAG_N;
    }
    return { code: p.code, decimals: p.decimals, avg, cou, flag };
  });

  const phNoise = new Ar1(rng.fork('ph'), 0.9);
  const ph = new Float64Array(H);
  const phFlag = new Uint8Array(H);
  const flowFlag = new Uint8Array(H);
  for (let h = 0; h < H; h++) {
    ph[h] = inMaintenance[h] && h > 0 ? ph[h - 1]! : roundTo(outlet.phMean + 0.08 * phNoise.next(), 2);
    phFlag[h] = inMaintenance[h] ? FLAG_M : FLAG_N;
    flowFlag[h] = FLAG_N;
  }
  parameters.push({ code: 'w01001', decimals: 2, avg: ph, cou: null, flag: phFlag });
  parameters.push({ code: 'w00000', decimals: 2, avg: flow, cou: volume, flag: flowFlag });
  return { outletId: outlet.outletId, hours: H, parameters, maintenance };
}
