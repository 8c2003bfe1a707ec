/**
 * Header names of the documented exchange formats (shared/docs/input-formats.md), English and
 * Chinese, mapped to canonical field names. Matching ignores case, spaces, underscores and a unit in
 * brackets, so `监测时间`, `Time`, `monitorTime` and `time(北京时间)` all map to `time`.
 */
export const LONG_MONITORING_ALIASES: Readonly<Record<string, readonly string[]>> = {
  outlet_id: ['outlet_id', 'outletid', 'mn', '监测点编号', '排口编号', '数采仪mn号', '监测点', '排放口编号'],
  code: ['code', 'pollutant', 'pollutant_code', '因子编码', '污染物编码', '监测因子编码', '因子代码'],
  time: ['time', 'ts', 'datatime', 'monitortime', 'datetime', '监测时间', '数据时间', '时间'],
  value: ['value', 'monitoravgvalue', 'avg', '监测值', '数值', '浓度'],
  flag: ['flag', 'data_flag', '标记', '数据标记', '数据标识'],
  stat: ['stat', 'statistic', '统计类型', '统计量'],
};

/** Normalise a header cell for matching: lower case, no spaces/underscores/hyphens, no bracketed unit. */
export function normaliseHeader(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .replace(/[(（[【].*?[)）\]】]/g, '')
    .toLowerCase()
    .replace(/[\s_-]/g, '');
}

/**
 * Map each canonical field to the index of the first header that matches one of its aliases.
 * Returns the field->index map and the headers no field claimed.
 */
export function matchHeaders(
  headers: readonly string[],
  aliases: Readonly<Record<string, readonly string[]>>,
): { readonly fields: Readonly<Record<string, number>>; readonly unmapped: readonly string[] } {
  const normalised = headers.map(normaliseHeader);
  const fields: Record<string, number> = {};
  const claimed = new Set<number>();
  for (const [field, names] of Object.entries(aliases)) {
    const wanted = new Set(names.map(normaliseHeader));
    const idx = normalised.findIndex((h, i) => !claimed.has(i) && wanted.has(h));
    if (idx >= 0) {
      fields[field] = idx;
      claimed.add(idx);
    }
  }
  return { fields, unmapped: headers.filter((_, i) => !claimed.has(i)) };
}
