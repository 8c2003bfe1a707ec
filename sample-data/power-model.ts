import type { Device } from './city-layout';
import type { DemoPeriod } from './demo-period';
import { IntervalCursor } from './interval-set';
import { MINUTES_PER_DAY } from './local-time';
import type { DeviceSchedule, LineSchedule } from './operating-schedule';
import { SeededRandom } from './seeded-random';
import { LF, utf8, type ByteRowWriter } from './byte-row-writer';

/**
 * Sub-metered power (分表计电) of one device at its 5- or 15-minute interval, streamed as
 * `device_id,time,kw,kwh` rows. kW follows the device's on-fraction within each slot and the line
 * load; a stopped device draws standby power only. The cumulative kWh register keeps counting while
 * the meter is offline, so the jump after an outage shows the energy that was hidden.
 *
 * This is the largest stream at city-year scale (tens of millions of rows), hence the cursors,
 * the pre-formatted timestamps and the cheap noise.
 */

export function writeDevicePower(
  device: Device,
  schedule: DeviceSchedule,
  line: LineSchedule | null,
  siteLines: readonly LineSchedule[],
  period: DemoPeriod,
  seed: number,
  out: ByteRowWriter,
): number {
  const rng = new SeededRandom(seed, `power:${device.deviceId}`);
  const step = device.intervalMinutes;
  const hoursPerSlot = step / 60;
  const rated = device.ratedKw;
  const suffixes = period.labels.slotSuffixBytes(step);
  const onCursor = new IntervalCursor(schedule.on);
  const lineCursor = line ? new IntervalCursor(line.on) : null;
  const siteCursors = siteLines.map((l) => new IntervalCursor(l.on));
  const missing = schedule.missing.size > 0 ? new IntervalCursor(schedule.missing) : null;
  const scale = schedule.scale;
  const load = line?.load ?? null;
  const prefix = utf8(`${device.deviceId},`);
  let kwh = Math.round(rng.uniform(1e5, 2e6));
  let rows = 0;
  let smoothLoad = 0.9;
  // AR(1) noise with uniform innovations: the meter's jitter needs no Gaussian tails.
  let noise = 0;

  for (let d = 0; d < period.days; d++) {
    const dayPrefix = period.labels.dayPrefixBytes(d);
    for (let s = 0; s < suffixes.length; s++) {
      const t = d * MINUTES_PER_DAY + s * step;
      const hour = (t / 60) | 0;
      noise = 0.7 * noise + 1.2 * (rng.next() - 0.5);
      const on = onCursor.fractionOn(t, t + step);
      const lineOn = lineCursor ? lineCursor.fractionOn(t, t + step) : 0;
      const l = load ? Math.min(1.05, load[hour]!) : 0.9;
      const sc = scale ? scale[hour]! : 1;
      let kw: number;
      switch (device.role) {
        case 'production':
          kw =
            on * rated * (0.35 + 0.6 * l) * (1 + 0.02 * noise) +
            (1 - on) * rated * 0.008 * (1 + 0.3 * Math.abs(noise));
          break;
        case 'treatment':
          if (device.treats === 'water') {
            smoothLoad += ((lineOn > 0 ? l : 0.4) - smoothLoad) * 0.05;
            kw = on * rated * (0.6 + 0.25 * smoothLoad) * sc * (1 + 0.02 * noise);
          } else {
            const driven = lineOn > 0.5 ? l : 0.5;
            kw = on * rated * (0.55 + 0.3 * driven) * sc * (1 + 0.015 * noise) + (1 - on) * rated * 0.004;
          }
          break;
        case 'auxiliary': {
          let siteOn = 0;
          for (const c of siteCursors) siteOn = Math.max(siteOn, c.fractionOn(t, t + step));
          kw = rated * (0.35 + 0.35 * siteOn) * (1 + 0.05 * noise);
          break;
        }
      }
      if (kw < 0) kw = 0;
      kwh += kw * hoursPerSlot;
      if (missing && missing.fractionOn(t, t + 1) > 0) continue;
      out
        .bytes(prefix)
        .bytes(dayPrefix)
        .bytes(suffixes[s]!)
        .comma()
        .fixed(kw, 1)
        .comma()
        .fixed(kwh, 1)
        .endRow(LF);
      rows++;
    }
  }
  return rows;
}
