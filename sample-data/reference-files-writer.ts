import type { MarkRecord } from './case-effects';
import type { CityLayout } from './city-layout';
import type { ControlOrder, Measure } from './control-orders';
import type { DemoPeriod } from './demo-period';
import { csvField, TextFileSink, type WrittenFile } from './text-file-sink';

/**
 * The small reference exports, all UTF-8 with the documented English headers (input-formats.md
 * §2–§7): registry, devices, stations, orders, measures. Values use the Chinese forms where the
 * format allows them (媒介 废气/废水, 正面清单 是/否), as real exports do.
 */

export const REGISTRY_LIMIT_CODES = [
  'a21026',
  'a21002',
  'a34013',
  'a24088',
  'w01018',
  'w21003',
  'w21011',
  'w21001',
] as const;

function writeCsv(
  rootDir: string,
  relativePath: string,
  header: readonly string[],
  rows: readonly string[][],
): WrittenFile {
  const sink = new TextFileSink(rootDir, relativePath, 'utf-8');
  sink.write(`${header.join(',')}\n`);
  for (const r of rows) sink.row(`${r.map(csvField).join(',')}\n`);
  return sink.close();
}

export function writeRegistry(rootDir: string, layout: CityLayout): WrittenFile {
  const header = [
    'site_id',
    'site_name',
    'county',
    'township',
    'industry',
    'grade',
    'om_company',
    'lat',
    'lon',
    'positive_list',
    'outlet_id',
    'mn',
    'outlet_name',
    'media',
    'o2_ref',
    ...REGISTRY_LIMIT_CODES.map((c) => `limit_${c}`),
  ];
  const rows: string[][] = [];
  for (const s of layout.sites) {
    const common = [
      s.siteId,
      s.nameZh,
      s.county.name,
      s.township.name,
      s.profile.industryZh,
      s.grade,
      s.omCompany,
      s.lat.toFixed(6),
      s.lon.toFixed(6),
      s.positiveList ? '是' : '否',
    ];
    for (const o of s.gasOutlets) {
      const limits = REGISTRY_LIMIT_CODES.map((c) => {
        const p = o.pollutants.find((x) => x.code === c);
        return p ? String(p.limit) : '';
      });
      rows.push([
        ...common,
        o.outletId,
        o.mn,
        o.nameZh,
        '废气',
        o.o2Ref === null ? '' : String(o.o2Ref),
        ...limits,
      ]);
    }
    for (const o of s.waterOutlets) {
      const limits = REGISTRY_LIMIT_CODES.map((c) => {
        const p = o.parameters.find((x) => x.code === c);
        return p ? String(p.limit) : '';
      });
      rows.push([...common, o.outletId, o.mn, o.nameZh, '废水', '', ...limits]);
    }
  }
  return writeCsv(rootDir, 'registry.csv', header, rows);
}

export function writeDevices(rootDir: string, layout: CityLayout): WrittenFile {
  const rows = layout.sites.flatMap((s) =>
    s.devices.map((d) => [d.deviceId, d.siteId, d.nameZh, d.role, d.lineId, String(d.ratedKw)]),
  );
  return writeCsv(
    rootDir,
    'devices.csv',
    ['device_id', 'site_id', 'device_name', 'role', 'line_id', 'rated_kw'],
    rows,
  );
}

export function writeStations(rootDir: string, layout: CityLayout): WrittenFile {
  const rows = layout.stations.map((st) => [
    st.stationId,
    st.nameZh,
    st.township.name,
    st.township.countyName,
    st.kind,
    st.lat.toFixed(6),
    st.lon.toFixed(6),
  ]);
  return writeCsv(
    rootDir,
    'stations.csv',
    ['station_id', 'station_name', 'township', 'county', 'kind', 'lat', 'lon'],
    rows,
  );
}

export function writeOrders(
  rootDir: string,
  orders: readonly ControlOrder[],
  period: DemoPeriod,
): WrittenFile {
  const rows = orders.map((o) => [o.orderId, o.level, period.iso(o.start), period.iso(o.end), o.scope]);
  return writeCsv(rootDir, 'orders.csv', ['order_id', 'level', 'start', 'end', 'scope'], rows);
}

export function writeMeasures(rootDir: string, measures: readonly Measure[]): WrittenFile {
  const rows = measures.map((m) => [
    m.siteId,
    m.level,
    m.lineId,
    m.action,
    m.limitPct === null ? '' : String(m.limitPct),
  ]);
  return writeCsv(rootDir, 'measures.csv', ['site_id', 'level', 'line_id', 'action', 'limit_pct'], rows);
}

export const MARKS_HEADER = 'outlet_id,start,end,mark,source,reason';

export function markRow(period: DemoPeriod, m: MarkRecord): string {
  return `${m.outletId},${period.iso(m.start)},${period.iso(m.end)},${m.mark},${m.source},${csvField(m.reason)}\n`;
}
