import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { writeAirReadings } from './air-station-model';
import { NO_CASES, type GasEffect, type MarkRecord, type WaterEffect } from './case-effects';
import { buildCityLayout, type Site } from './city-layout';
import { buildOrders, measuresFor, type ControlOrder, type Measure } from './control-orders';
import { DemoOutputs } from './demo-outputs';
import { DemoPeriod } from './demo-period';
import type { DemoManifest, DemoOptions, DemoStats } from './demo-types';
import { writeGateRecords } from './gate-model';
import { simulateGasOutlet, type GasRecords } from './gas-outlet-model';
import { addGasLookalikes, addWaterLookalike } from './generic-lookalikes';
import { LabelBook } from './label-book';
import { writeLabelsCsv, writeLabelsJson } from './labels-writer';
import { buildSiteSchedule } from './operating-schedule';
import { gasOutletMarks, waterOutletMarks } from './outlet-marks';
import { CASE_ENTERPRISES, planCases, type CasePlan } from './planted-cases';
import { writeDevicePower } from './power-model';
import {
  writeDevices,
  writeMeasures,
  writeOrders,
  writeRegistry,
  writeStations,
} from './reference-files-writer';
import { simulateWaterOutlet } from './water-outlet-model';

export * from './demo-types';

export const DEMO_DEFAULTS = { enterprises: 12, days: 30, seed: 20251007, start: '2025-09-15' } as const;

const GENERATOR = 'emission-forensics-workstation sample-data/generate-demo-city v1';

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The demo generation was aborted', 'AbortError');
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Running totals for the manifest's stats. */
interface Counters {
  readings: number;
  monitoringRows: number;
  powerReadings: number;
  gateRecords: number;
  marks: number;
}

/** What every enterprise needs to be generated. */
interface CityContext {
  readonly period: DemoPeriod;
  readonly seed: number;
  readonly orders: readonly ControlOrder[];
  readonly measures: readonly Measure[];
  readonly cases: CasePlan;
  readonly labels: LabelBook;
  readonly out: DemoOutputs;
  /** Finished records of outlets that another outlet copies from (planted cross-outlet copies). */
  readonly retained: Map<string, GasRecords>;
  readonly copySources: ReadonlySet<string>;
}

/**
 * Generates the demo city into `opts.dir`: registry, monitoring exports (wide CSV in UTF-8 and
 * GB18030, long CSV, HJ 212 logs, one XLSX), sub-metering, ambient stations, orders, measures,
 * gate records, marks, the ground-truth labels of every planted case and look-alike, and
 * manifest.json. Same options ⇒ byte-identical files; the case set is the same at every size.
 */
export async function generateDemoCity(opts: DemoOptions): Promise<DemoManifest> {
  const enterprises = opts.enterprises ?? DEMO_DEFAULTS.enterprises;
  const days = opts.days ?? DEMO_DEFAULTS.days;
  const seed = opts.seed ?? DEMO_DEFAULTS.seed;
  const start = opts.start ?? DEMO_DEFAULTS.start;
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  const dir = path.resolve(opts.dir);
  const signal = opts.signal;
  const progress = opts.onProgress ?? (() => undefined);
  if (signal?.aborted) throw abortError(signal);

  const period = new DemoPeriod(start, days);
  const labels = new LabelBook(period);
  const layout = buildCityLayout(seed, enterprises, CASE_ENTERPRISES);
  const orders = buildOrders(period);
  const measures = layout.sites.flatMap(measuresFor);
  const cases = planCases(layout, period, labels);
  mkdirSync(dir, { recursive: true });
  progress({ phase: 'layout', done: 1, total: 1 });

  const out = new DemoOutputs(dir);
  out.add(writeRegistry(dir, layout), 'registry', 'csv', 'UTF-8, English headers; one row per outlet');
  out.add(writeDevices(dir, layout), 'devices', 'csv', 'UTF-8, English headers');
  out.add(writeStations(dir, layout), 'stations', 'csv', 'UTF-8, English headers');
  out.add(writeOrders(dir, orders, period), 'orders', 'csv', 'UTF-8, English headers; local times');
  out.add(
    writeMeasures(dir, measures),
    'measures',
    'csv',
    'UTF-8, English headers; line_id blank = whole site',
  );

  const copySources = new Set<string>();
  for (const plan of cases.sites.values()) {
    for (const effects of plan.outletEffects.values()) {
      for (const e of effects) if (e.kind === 'copy-outlet') copySources.add(e.sourceOutletId);
    }
  }
  const ctx: CityContext = {
    period,
    seed,
    orders,
    measures,
    cases,
    labels,
    out,
    retained: new Map(),
    copySources,
  };
  const counters: Counters = { readings: 0, monitoringRows: 0, powerReadings: 0, gateRecords: 0, marks: 0 };

  let airReadings: number;
  try {
    for (const site of layout.sites) {
      if (signal?.aborted) throw abortError(signal);
      generateSite(site, ctx, counters);
      progress({ phase: 'enterprises', done: site.index + 1, total: layout.sites.length });
      await yieldToEventLoop(); // lets abort signals and progress consumers run
    }
    if (signal?.aborted) throw abortError(signal);
    airReadings = writeAirReadings(
      layout.stations,
      period,
      seed,
      cases.regional,
      cases.stationEpisodes,
      out.airRows(),
    );
    progress({ phase: 'stations', done: layout.stations.length, total: layout.stations.length });
    out.closeAll();
  } catch (err) {
    out.abandonAll();
    throw err;
  }

  const labelList = labels.all();
  out.add(
    writeLabelsCsv(dir, labelList),
    'labels',
    'csv',
    'UTF-8, ground truth of planted cases and look-alikes',
  );
  out.add(writeLabelsJson(dir, labelList), 'labels', 'json', 'JSON array of the same labels');

  const files = [...out.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const stats: DemoStats = {
    seed,
    start: period.iso(0),
    end: period.iso(period.minutes),
    days,
    counties: layout.counties.length,
    townships: layout.counties.reduce((n, c) => n + c.townships.length, 0),
    enterprises: layout.sites.length,
    gasOutlets: layout.sites.reduce((n, s) => n + s.gasOutlets.length, 0),
    waterOutlets: layout.sites.reduce((n, s) => n + s.waterOutlets.length, 0),
    devices: layout.sites.reduce((n, s) => n + s.devices.length, 0),
    stations: layout.stations.length,
    readings: counters.readings,
    monitoringRows: counters.monitoringRows,
    powerReadings: counters.powerReadings,
    airReadings,
    gateRecords: counters.gateRecords,
    marks: counters.marks,
    cases: labelList.filter((l) => l.kind === 'case').length,
    lookalikes: labelList.filter((l) => l.kind === 'lookalike').length,
    bytes: files.reduce((n, f) => n + f.bytes, 0),
  };
  const manifest: DemoManifest = { generator: GENERATOR, files, labels: labelList, stats };
  writeFileSync(path.join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  progress({ phase: 'done', done: 1, total: 1 });
  return manifest;
}

/** Power, monitoring, marks, look-alike labels and gate records of one enterprise. */
function generateSite(site: Site, ctx: CityContext, counters: Counters): void {
  const { period, seed, out } = ctx;
  const plan = ctx.cases.sites.get(site.siteId) ?? NO_CASES;
  const schedule = buildSiteSchedule(site, period, seed, ctx.orders, ctx.measures, plan);
  const lines = [...schedule.lines.values()];

  for (const device of site.devices) {
    const line = schedule.lines.get(device.lineId) ?? null;
    const sched = schedule.devices.get(device.deviceId)!;
    counters.powerReadings += writeDevicePower(device, sched, line, lines, period, seed, out.powerRows);
    out.powerBoundary();
  }

  const marks: MarkRecord[] = [...plan.extraMarks];
  site.gasOutlets.forEach((outlet, i) => {
    const sim = simulateGasOutlet(outlet, {
      period,
      seed,
      sector: site.sector,
      scripted: site.scripted,
      startupHours: site.profile.startupHours,
      line: schedule.lines.get(outlet.lineId)!,
      treatment: schedule.devices.get(`${site.siteId}-T${i + 1}`) ?? null,
      effects: (plan.outletEffects.get(outlet.outletId) ?? []) as GasEffect[],
      sourceRecords: (id) => ctx.retained.get(id),
    });
    const rec = sim.records;
    if (ctx.copySources.has(outlet.outletId)) ctx.retained.set(outlet.outletId, rec);
    const rows = out.writeGasOutlet(outlet, rec, period, seed);
    counters.monitoringRows += rows;
    counters.readings += rows * gasValuesPerRow(rec);
    marks.push(...gasOutletMarks(site, outlet, schedule, sim.flagWindows, rec, period));
    addGasLookalikes(site, outlet, schedule, period, ctx.labels);
  });

  for (const outlet of site.waterOutlets) {
    const rec = simulateWaterOutlet(outlet, {
      period,
      seed,
      scripted: site.scripted,
      line: schedule.lines.get(outlet.lineId)!,
      effects: (plan.outletEffects.get(outlet.outletId) ?? []) as WaterEffect[],
    });
    const rows = out.writeWaterOutlet(outlet, rec, period);
    counters.monitoringRows += rows;
    counters.readings += rows; // one value per long row
    marks.push(...waterOutletMarks(outlet, rec));
    addWaterLookalike(site, outlet, period, ctx.labels);
  }
  counters.marks += out.writeMarks(marks, period);

  if (site.trucksPerDay > 0) {
    counters.gateRecords += writeGateRecords(site, schedule, plan, ctx.orders, period, seed, out.gateRows);
    out.gatesBoundary();
  }
}

/** Values (not flags) in one outlet-hour record. */
function gasValuesPerRow(rec: GasRecords): number {
  let n = 0;
  for (const p of rec.pollutants) n += p.zs ? 3 : 2; // avg, [zsavg,] cou
  return n + 6; // O2, velocity, temperature, humidity, flow avg, hourly volume
}
