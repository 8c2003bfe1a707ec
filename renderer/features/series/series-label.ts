import type { SeriesInfo } from '../../../analytics/api';
import type { I18n } from '../../i18n/i18n-context';

/** "二氧化硫 SO2 (a21026) · 均值 · mg/m3": what the analyst reads on the chart and in lists. */
export function seriesLabel(s: SeriesInfo, i18n: I18n): string {
  const code = s.codeName ? `${s.codeName} (${s.code})` : s.code;
  return [s.outletId, code, statName(s.stat, i18n), s.unit].filter(Boolean).join(' · ');
}

export function statName(stat: string, i18n: I18n): string {
  return i18n.tMaybe(`stat.${stat}`, stat);
}

export function intervalName(interval: string, i18n: I18n): string {
  return i18n.tMaybe(`interval.${interval}`, interval);
}
