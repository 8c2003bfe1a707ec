import type { TabularColumn, TabularFormat } from './tabular-format';

/** The one-table exchange formats of input-formats.md §3–§7 (registry and monitoring are separate). */
const text = { kind: 'text' } as const;
const num = { kind: 'number' } as const;
const time = { kind: 'time' } as const;
const bool = { kind: 'bool' } as const;

const ROLE = {
  kind: 'enum',
  values: { production: ['生产', 'prod'], treatment: ['治污', '治理', 'treat'], auxiliary: ['辅助', 'aux'] },
} as const;
const LEVEL = {
  kind: 'enum',
  values: { red: ['红', '红色'], orange: ['橙', '橙色'], yellow: ['黄', '黄色'], blue: ['蓝', '蓝色'] },
} as const;
const ACTION = {
  kind: 'enum',
  values: { stop: ['停产', '停止'], limit: ['限产', '限制'], self: ['自主减排', '自主'] },
} as const;
const DIRECTION = {
  kind: 'enum',
  values: { in: ['进', '入', '进厂', 'entry'], out: ['出', '出厂', 'exit'] },
} as const;
const MEDIA = {
  kind: 'enum',
  values: { gas: ['废气', '气'], water: ['废水', '水'], other: ['其他'] },
} as const;
const MARK_SOURCE = { kind: 'enum', values: { auto: ['自动'], manual: ['人工', '手工'] } } as const;

const col = (
  field: TabularColumn['field'],
  column: string,
  type: TabularColumn['type'],
  required = false,
): TabularColumn => (required ? { field, column, type, required } : { field, column, type });

export const SITE_COLUMNS: readonly TabularColumn[] = [
  col('site_id', 'site_id', text, true),
  col('site_name', 'site_name', text),
  col('county', 'county', text),
  col('township', 'township', text),
  col('industry', 'industry', text),
  col('grade', 'grade', text),
  col('om_company', 'om_company', text),
  col('lat', 'lat', num),
  col('lon', 'lon', num),
  col('positive_list', 'positive_list', bool),
];

export const OUTLET_COLUMNS: readonly TabularColumn[] = [
  col('outlet_id', 'outlet_id', text, true),
  col('site_id', 'site_id', text),
  col('mn', 'mn', text),
  col('outlet_name', 'outlet_name', text),
  { field: 'media', column: 'media', type: MEDIA, defaultSql: "'other'" },
  col('o2_ref', 'o2_ref', num),
];

export const TABULAR_FORMATS: readonly TabularFormat[] = [
  {
    id: 'devices',
    table: 'devices',
    signature: ['device_id', 'role'],
    key: ['device_id'],
    upsert: true,
    columns: [
      col('device_id', 'device_id', text, true),
      col('site_id', 'site_id', text),
      col('device_name', 'device_name', text),
      col('role', 'role', ROLE, true),
      col('line_id', 'line_id', text),
      col('rated_kw', 'rated_kw', num),
    ],
  },
  {
    id: 'power',
    table: 'power_readings',
    signature: ['device_id', 'time', 'kw'],
    key: ['device_id', 'ts'],
    upsert: false,
    columns: [
      col('device_id', 'device_id', text, true),
      col('time', 'ts', time, true),
      col('kw', 'kw', num),
      col('kwh', 'kwh', num),
      col('current_a', 'current_a', num),
    ],
  },
  {
    id: 'stations',
    table: 'stations',
    signature: ['station_id', 'station_name'],
    key: ['station_id'],
    upsert: true,
    columns: [
      col('station_id', 'station_id', text, true),
      col('station_name', 'station_name', text),
      col('township', 'township', text),
      col('county', 'county', text),
      col('kind', 'kind', text),
      col('lat', 'lat', num),
      col('lon', 'lon', num),
    ],
  },
  {
    id: 'orders',
    table: 'orders',
    signature: ['order_id', 'level', 'start', 'end'],
    key: ['order_id'],
    upsert: true,
    columns: [
      col('order_id', 'order_id', text, true),
      col('level', 'level', LEVEL, true),
      col('start', 'start_ts', time, true),
      col('end', 'end_ts', time, true),
      col('scope', 'scope', text),
    ],
  },
  {
    id: 'measures',
    table: 'measures',
    signature: ['site_id', 'level', 'action'],
    key: ['site_id', 'level', 'line_id'],
    upsert: false,
    columns: [
      col('site_id', 'site_id', text, true),
      col('level', 'level', LEVEL, true),
      col('line_id', 'line_id', text),
      col('action', 'action', ACTION, true),
      col('limit_pct', 'limit_pct', num),
    ],
  },
  {
    id: 'gates',
    table: 'gate_records',
    signature: ['site_id', 'time', 'plate'],
    key: ['site_id', 'ts', 'plate', 'direction'],
    upsert: false,
    columns: [
      col('site_id', 'site_id', text, true),
      col('time', 'ts', time, true),
      col('plate', 'plate', text, true),
      col('direction', 'direction', DIRECTION),
      col('emission_stage', 'emission_stage', text),
      col('fuel', 'fuel', text),
      col('vehicle_type', 'vehicle_type', text),
    ],
  },
  {
    id: 'marks',
    table: 'marks',
    signature: ['outlet_id', 'start', 'mark'],
    key: ['outlet_id', 'start_ts', 'mark'],
    upsert: false,
    columns: [
      col('outlet_id', 'outlet_id', text, true),
      col('start', 'start_ts', time, true),
      col('end', 'end_ts', time),
      col('mark', 'mark', text, true),
      col('source', 'source', MARK_SOURCE),
      col('reason', 'reason', text),
    ],
  },
];
