import type { RegionalEpisode, StationEpisode } from './case-effects';
import type { Station } from './city-layout';
import type { DemoPeriod } from './demo-period';
import { dayOfYear } from './local-time';
import { Ar1, SeededRandom } from './seeded-random';
import { LF, utf8, type ByteRowWriter } from './byte-row-writer';

/**
 * Hourly ambient readings of every station (`station_id,time,pm25,pm10,so2,no2,co,o3`, µg/m³ and
 * CO in mg/m³, NA when missing). All stations share one regional background — seasonal level,
 * slow synoptic swings, the heavy-pollution episode that triggers the order — and add their own
 * local factor and noise; one station gets a local high-value episode of its own.
 */

const HOURS = Array.from({ length: 24 }, (_, h) => utf8(`${String(h).padStart(2, '0')}:00:00`));
const ALL_NA = utf8(',NA,NA,NA,NA,NA,NA');
const NA = utf8('NA');

function episodeFactor(e: RegionalEpisode, h: number): number {
  if (h < e.from || h >= e.to) return 1;
  if (h < e.peakFrom) return 1 + ((e.peakFactor - 1) * (h - e.from)) / (e.peakFrom - e.from);
  if (h < e.peakTo) return e.peakFactor;
  return e.peakFactor - ((e.peakFactor - 1) * (h - e.peakTo)) / (e.to - e.peakTo);
}

export function writeAirReadings(
  stations: readonly Station[],
  period: DemoPeriod,
  seed: number,
  regional: RegionalEpisode,
  episodes: readonly StationEpisode[],
  out: ByteRowWriter,
): number {
  const H = period.hours;
  const rng = new SeededRandom(seed, 'air:regional');
  const synoptic = new Ar1(rng, 0.985);
  const pmRegional = new Float64Array(H);
  const episodeShare = new Float64Array(H);
  const winter = new Float64Array(H);
  for (let h = 0; h < H; h++) {
    const doy = dayOfYear(period.startMinute + h * 60);
    winter[h] = (1 + Math.cos((2 * Math.PI * (doy - 15)) / 365)) / 2; // 1 mid-January, 0 mid-July
    const hod = h % 24;
    const ef = episodeFactor(regional, h);
    episodeShare[h] = (ef - 1) / (regional.peakFactor - 1);
    pmRegional[h] =
      (20 + 50 * winter[h]!) *
      Math.exp(0.3 * synoptic.next()) *
      (1 + 0.15 * Math.cos((2 * Math.PI * (hod - 22)) / 24)) *
      ef;
  }

  let rows = 0;
  for (const station of stations) {
    const srng = new SeededRandom(seed, `air:${station.stationId}`);
    const local = srng.uniform(0.93, 1.08);
    const pmRatio = srng.uniform(1.45, 1.85);
    const no2Local = station.kind === 'national' ? srng.uniform(1.1, 1.3) : srng.uniform(0.8, 1.15);
    const so2Local = srng.uniform(0.7, 1.5);
    const pmNoise = new Ar1(srng.fork('pm'), 0.8);
    const gasNoise = new Ar1(srng.fork('gas'), 0.7);
    const o3Noise = new Ar1(srng.fork('o3'), 0.7);
    const outage = srng.int(24, H - 24);
    const outageLen = srng.int(3, 8);
    const mine = episodes.filter((e) => e.stationId === station.stationId);
    const id = utf8(`${station.stationId},`);
    for (let h = 0; h < H; h++) {
      const hod = h % 24;
      const n = pmNoise.next();
      const g = gasNoise.next();
      const o = o3Noise.next();
      let localFactor = 1;
      for (const e of mine) {
        if (h >= e.from && h < e.to) {
          // Ramps up over the first hour and down over the last one.
          const edge = Math.min(h - e.from + 1, e.to - h);
          localFactor = Math.max(localFactor, edge >= 2 ? e.factor : 1 + (e.factor - 1) * 0.6);
        }
      }
      const ep = episodeShare[h]!;
      const pm25 = pmRegional[h]! * local * Math.exp(0.07 * n) * localFactor;
      const pm10 = pm25 * (ep > 0.3 ? 1.3 : pmRatio) * Math.exp(0.08 * g);
      const traffic = Math.exp(-(((hod - 8) / 1.8) ** 2)) + Math.exp(-(((hod - 19) / 2.2) ** 2));
      const no2 = (16 + 20 * traffic + 10 * winter[h]!) * no2Local * (1 + 0.6 * ep) * Math.exp(0.15 * g);
      const so2 = (5 + 12 * winter[h]!) * so2Local * Math.exp(0.2 * g) * (localFactor > 1 ? 2.5 : 1);
      const co = 0.3 + 0.007 * pm25 + 0.04 * g;
      const solar = Math.max(0, Math.sin((Math.PI * (hod - 6)) / 14)) ** 1.5;
      const o3 = Math.max(
        2,
        22 + 120 * solar * (1 - 0.6 * winter[h]!) * (1 - 0.5 * ep) - 0.3 * (no2 - 20) + 8 * o,
      );

      const missingRow = (h >= outage && h < outage + outageLen) || srng.chance(0.004);
      const day = Math.floor(h / 24);
      out
        .bytes(id)
        .bytes(period.labels.dayPrefixBytes(day))
        .bytes(HOURS[h - day * 24]!);
      if (missingRow) {
        out.bytes(ALL_NA);
      } else {
        out.comma().fixed(pm25, 0).comma().fixed(pm10, 0).comma().fixed(so2, 0).comma().fixed(no2, 0);
        out.comma().fixed(Math.max(0.1, co), 1).comma();
        if (srng.chance(0.003)) out.bytes(NA);
        else out.fixed(o3, 0);
      }
      out.endRow(LF);
      rows++;
    }
  }
  return rows;
}
