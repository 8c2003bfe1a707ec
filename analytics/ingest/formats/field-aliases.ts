/**
 * Header names of the documented exchange formats (shared/docs/input-formats.md), English and
 * Chinese, per canonical field. Matching ignores case, spaces, underscores, hyphens and a unit in
 * brackets (see normaliseHeader), so `监测时间`, `Time` and `time(北京时间)` all mean `time`.
 */
export const FIELD_ALIASES = {
  // monitoring
  outlet_id: ['outlet_id', 'outletid', '监测点编号', '排口编号', '排放口编号', '监测点'],
  mn: ['mn', '数采仪mn号', 'mn号', '设备mn'],
  code: ['code', 'pollutant', 'pollutant_code', '因子编码', '污染物编码', '监测因子编码', '因子代码'],
  time: ['time', 'ts', 'datatime', 'monitortime', 'datetime', '监测时间', '数据时间', '时间', '采集时间'],
  value: ['value', 'monitoravgvalue', '监测值', '数值', '浓度'],
  flag: ['flag', 'data_flag', '标记', '数据标记', '数据标识'],
  stat: ['stat', 'statistic', '统计类型', '统计量'],
  // registry
  site_id: ['site_id', 'siteid', 'enterprise_id', '企业编号', '企业代码', '单位编号'],
  site_name: ['site_name', 'enterprise', 'enterprise_name', '企业名称', '单位名称'],
  county: ['county', 'district', '区县', '县区'],
  township: ['township', 'town', '乡镇', '街道', '乡镇街道'],
  industry: ['industry', 'sector', '行业', '行业类别'],
  grade: ['grade', 'performance_grade', '绩效分级', '绩效等级'],
  om_company: ['om_company', 'operator', '运维单位', '运维公司'],
  lat: ['lat', 'latitude', '纬度'],
  lon: ['lon', 'lng', 'longitude', '经度'],
  positive_list: ['positive_list', '正面清单'],
  outlet_name: ['outlet_name', '排口名称', '监测点名称', '排放口名称'],
  media: ['media', 'outlet_type', '排口类型', '类型', '介质'],
  o2_ref: ['o2_ref', 'o2ref', 'reference_o2', '基准氧含量', '基准含氧量'],
  // sub-metering
  device_id: ['device_id', 'deviceid', 'meter_id', '设备编号', '电表编号', '监测设备编号'],
  device_name: ['device_name', '设备名称'],
  role: ['role', 'device_role', '设备类型', '设备类别', '角色'],
  line_id: ['line_id', 'line', 'linked_line_id', '生产线', '产线', '生产线编号'],
  rated_kw: ['rated_kw', 'rated_power', '额定功率'],
  kw: ['kw', 'p_kw', 'active_power', 'power', '有功功率', '功率'],
  kwh: ['kwh', 'kwh_cum', 'energy', '累计电量', '电量'],
  current_a: ['current_a', 'current', '电流'],
  // air stations
  station_id: ['station_id', 'stationid', 'station', '站点编号', '站点代码'],
  station_name: ['station_name', '站点名称'],
  kind: ['kind', 'station_kind', 'station_type', '站点类型', '站点级别'],
  pm25: ['pm25', 'pm2.5', 'pm2_5'],
  pm10: ['pm10'],
  so2: ['so2', '二氧化硫'],
  no2: ['no2', '二氧化氮'],
  co: ['co', '一氧化碳'],
  o3: ['o3', '臭氧'],
  year: ['year', '年'],
  month: ['month', '月'],
  day: ['day', '日'],
  hour: ['hour', '时', '小时'],
  // orders and measures
  order_id: ['order_id', 'alert_id', '预警编号', '指令编号', '管控编号'],
  level: ['level', 'alert_level', '预警级别', '级别', '预警等级'],
  start: ['start', 'start_time', 'begin', 'start_ts', '开始时间', '起始时间'],
  end: ['end', 'end_time', 'end_ts', '结束时间', '截止时间'],
  scope: ['scope', '范围', '管控范围'],
  action: ['action', 'measure', '措施', '管控措施'],
  limit_pct: ['limit_pct', 'limit_percent', '限产比例', '限产比例%'],
  // gate records
  plate: ['plate', 'plate_no', 'license_plate', '车牌号', '车牌', '号牌号码'],
  direction: ['direction', '进出方向', '方向', '进出'],
  emission_stage: ['emission_stage', 'stage', '排放阶段', '排放标准'],
  fuel: ['fuel', 'fuel_type', '燃料类型', '燃料'],
  vehicle_type: ['vehicle_type', '车辆类型', '车型'],
  // marks
  mark: ['mark', 'mark_type', '标记类型', '标记内容', '工况标记'],
  source: ['source', 'mark_source', '标记来源', '来源'],
  reason: ['reason', 'note', '原因', '备注', '说明'],
} as const satisfies Record<string, readonly string[]>;

export type Field = keyof typeof FIELD_ALIASES;

/** Normalise a header cell for matching: lower case, no spaces/underscores/hyphens, no bracketed unit. */
export function normaliseHeader(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .replace(/[(（[【].*?[)）\]】]/g, '')
    .toLowerCase()
    .replace(/[\s_-]/g, '');
}

const NORMALISED: ReadonlyMap<string, Field> = (() => {
  const m = new Map<string, Field>();
  for (const [field, names] of Object.entries(FIELD_ALIASES) as [Field, readonly string[]][]) {
    for (const n of names) if (!m.has(normaliseHeader(n))) m.set(normaliseHeader(n), field);
  }
  return m;
})();

/** The canonical field a header names, if any. */
export function fieldOfHeader(header: string): Field | undefined {
  return NORMALISED.get(normaliseHeader(header));
}

/** Map headers to fields (the first header of a field wins) and list the headers no field claims. */
export function matchFields(headers: readonly string[]): {
  readonly fields: Partial<Record<Field, number>>;
  readonly unmapped: readonly number[];
} {
  const fields: Partial<Record<Field, number>> = {};
  const unmapped: number[] = [];
  headers.forEach((h, i) => {
    const f = fieldOfHeader(h);
    if (f !== undefined && fields[f] === undefined) fields[f] = i;
    else unmapped.push(i);
  });
  return { fields, unmapped };
}
