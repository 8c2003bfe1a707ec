import type { GasPollutantCode, WaterCode } from './pollutant-codes';

/**
 * What a planted case does to the simulation. Hours are hour offsets in the period, [from, to);
 * minutes are minute offsets, [start, end). Effects are plain data so the case list reads like a
 * scenario and the signal models stay free of case knowledge.
 */

/** Effects on the physics of a gas outlet (before rounding and reporting). */
export type GasPhysicsEffect =
  /** Converted concentration set to fraction × limit for consecutive hours (spikes, startups, drops). */
  | {
      readonly kind: 'level';
      readonly codes: readonly GasPollutantCode[];
      readonly from: number;
      readonly fractions: readonly number[];
    }
  /** Dilution air at the sampling point: O2 up, measured concentration down, stack flow unchanged. */
  | {
      readonly kind: 'dilution';
      readonly from: number;
      readonly to: number;
      readonly o2Delta: number;
      readonly concFactor: number;
    }
  /** Peak shaving: the underlying level runs near/above the limit, reported values are capped into [lo, hi)·limit. */
  | {
      readonly kind: 'limit-cap';
      readonly code: GasPollutantCode;
      readonly from: number;
      readonly to: number;
      readonly rawFraction: number;
      readonly lo: number;
      readonly hi: number;
    }
  /** The analyser reads low by `factor` from hour `at` on (span adjusted during a calibration). */
  | {
      readonly kind: 'calibration-step';
      readonly code: GasPollutantCode;
      readonly at: number;
      readonly factor: number;
    }
  /** High-load spikes whose worst hours get maintenance/fault flags (values stay, flags invalidate them). */
  | {
      readonly kind: 'flag-abuse';
      readonly code: GasPollutantCode;
      readonly from: number;
      readonly to: number;
      readonly events: number;
    };

/** Effects on the reported records (after the physics, before derived values are recomputed). */
export type GasReportEffect =
  /** Concentrations and O2 frozen at the first hour's values (simulated data). */
  | { readonly kind: 'flatline'; readonly from: number; readonly to: number }
  /** A whole stretch of records replayed from an earlier stretch of the same outlet. */
  | { readonly kind: 'copy-self'; readonly dstFrom: number; readonly srcFrom: number; readonly hours: number }
  /** Concentrations and O2 replayed from another outlet (same reference O2); own flow kept. */
  | {
      readonly kind: 'copy-outlet';
      readonly sourceOutletId: string;
      readonly srcFrom: number;
      readonly dstFrom: number;
      readonly hours: number;
    }
  /** Converted values computed with a wrong reference O2. */
  | { readonly kind: 'o2-wrong-ref'; readonly from: number; readonly to: number; readonly wrongRef: number }
  /** Records missing from the export. */
  | { readonly kind: 'drop-rows'; readonly from: number; readonly to: number }
  /** Every code of the outlet flagged (F: marked stopped; C: a calibration), values unchanged. */
  | { readonly kind: 'flag-all'; readonly from: number; readonly to: number; readonly flag: 'F' | 'C' }
  /** Measured values rounded to a coarse step (hand-typed or "tidied" numbers). */
  | {
      readonly kind: 'quantum';
      readonly code: GasPollutantCode;
      readonly from: number;
      readonly to: number;
      readonly step: number;
    }
  /** Flow meter value frozen while velocity and load keep moving. */
  | { readonly kind: 'flow-freeze'; readonly from: number; readonly to: number }
  /** A logger bug: hourly Avg printed above the hour's Max. */
  | { readonly kind: 'avg-above-max'; readonly hours: readonly number[] };

export type GasEffect = GasPhysicsEffect | GasReportEffect;

/** Treatment degraded: concentrations multiplied, ramping in over `rampHours`. */
export interface WaterEffect {
  readonly kind: 'water-degraded';
  readonly from: number;
  readonly to: number;
  readonly rampHours: number;
  readonly factors: Readonly<Partial<Record<WaterCode, number>>>;
}

export type OutletEffect = GasEffect | WaterEffect;

/** Effects on a sub-metered device (minutes). */
export type DeviceEffect =
  | { readonly kind: 'off'; readonly start: number; readonly end: number }
  | { readonly kind: 'late-start'; readonly day: number; readonly minutes: number }
  | { readonly kind: 'early-stop'; readonly day: number; readonly minutes: number }
  | { readonly kind: 'scale'; readonly start: number; readonly end: number; readonly factor: number }
  | { readonly kind: 'missing'; readonly start: number; readonly end: number };

/** A mark (标记) row; minutes. */
export interface MarkRecord {
  readonly outletId: string;
  readonly start: number;
  readonly end: number;
  readonly mark: '停运' | '启炉' | '停炉' | '故障' | '校准' | '维护';
  readonly source: '自动' | '人工';
  readonly reason: string;
}

export interface SiteCasePlan {
  /** Keeps producing through the order window whatever its measures say. */
  readonly ignoresOrder: boolean;
  /** Stops scripted by the case (minutes), with the startup profile after them. */
  readonly lineStops: readonly { readonly lineId: string; readonly start: number; readonly end: number }[];
  readonly deviceEffects: ReadonlyMap<string, readonly DeviceEffect[]>;
  readonly outletEffects: ReadonlyMap<string, readonly OutletEffect[]>;
  readonly extraMarks: readonly MarkRecord[];
  /** Trucks keep running during the order, with this share of 国四 vehicles. */
  readonly orderTrucks: { readonly stage4Share: number; readonly volume: number } | null;
}

export const NO_CASES: SiteCasePlan = {
  ignoresOrder: false,
  lineStops: [],
  deviceEffects: new Map(),
  outletEffects: new Map(),
  extraMarks: [],
  orderTrucks: null,
};

/** A local high-value episode at one ambient station (hours). */
export interface StationEpisode {
  readonly stationId: string;
  readonly from: number;
  readonly to: number;
  readonly factor: number;
}

/** The city-wide pollution episode behind the order (hours), shape of the regional multiplier. */
export interface RegionalEpisode {
  readonly from: number;
  readonly peakFrom: number;
  readonly peakTo: number;
  readonly to: number;
  readonly peakFactor: number;
}
