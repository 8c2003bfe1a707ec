import { useMemo } from 'react';
import type { SeriesInfo } from '../../../analytics/api';
import { useI18n } from '../../i18n/i18n-context';
import { intervalName, statName } from './series-label';

interface SeriesPickerProps {
  readonly series: readonly SeriesInfo[];
  readonly selected: SeriesInfo;
  readonly onSelect: (seriesId: number) => void;
}

interface SiteGroup {
  readonly key: string;
  readonly label: string;
  readonly outlets: string[];
}

/**
 * Outlet → code → statistic. A series is never picked by code alone (the same code exists at every
 * outlet), and switching outlet keeps the code and statistic where the new outlet has them.
 */
export function SeriesPicker({ series, selected, onSelect }: SeriesPickerProps) {
  const i18n = useI18n();
  const { t } = i18n;

  const sites = useMemo(() => {
    const groups = new Map<string, SiteGroup>();
    const seen = new Set<string>();
    for (const s of series) {
      if (seen.has(s.outletId)) continue;
      seen.add(s.outletId);
      const key = s.siteId ?? '';
      const label = s.siteName
        ? `${s.siteName}${s.siteId ? ` (${s.siteId})` : ''}`
        : (s.siteId ?? t('series.unknownSite'));
      const group = groups.get(key) ?? { key, label, outlets: [] };
      group.outlets.push(s.outletId);
      groups.set(key, group);
    }
    return [...groups.values()];
  }, [series, t]);

  const atOutlet = series.filter((s) => s.outletId === selected.outletId);
  const codes = [...new Map(atOutlet.map((s) => [s.code, s.codeName])).entries()];
  const stats = atOutlet.filter((s) => s.code === selected.code);

  const best = (candidates: readonly SeriesInfo[]) =>
    candidates.find(
      (s) => s.code === selected.code && s.stat === selected.stat && s.interval === selected.interval,
    ) ??
    candidates.find((s) => s.code === selected.code && s.stat === selected.stat) ??
    candidates.find((s) => s.code === selected.code) ??
    candidates[0];

  const pickOutlet = (outletId: string) => {
    const s = best(series.filter((x) => x.outletId === outletId));
    if (s) onSelect(s.seriesId);
  };
  const pickCode = (code: string) => {
    const candidates = atOutlet.filter((x) => x.code === code);
    const s = candidates.find((x) => x.stat === selected.stat) ?? candidates[0];
    if (s) onSelect(s.seriesId);
  };
  const multipleIntervals = new Set(stats.map((s) => s.interval)).size > 1;

  return (
    <div className="series-picker">
      <label>
        <span className="label">{t('series.outlet')}</span>
        <select
          className="input"
          data-testid="series-outlet"
          value={selected.outletId}
          onChange={(e) => pickOutlet(e.target.value)}
        >
          {sites.map((g) => (
            <optgroup key={g.key} label={g.label}>
              {g.outlets.map((o) => (
                <option key={o} value={o}>
                  {o}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </label>
      <label>
        <span className="label">{t('series.code')}</span>
        <select
          className="input"
          data-testid="series-code"
          value={selected.code}
          onChange={(e) => pickCode(e.target.value)}
        >
          {codes.map(([code, name]) => (
            <option key={code} value={code}>
              {name ? `${code} ${name}` : code}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span className="label">{t('series.stat')}</span>
        <select
          className="input"
          data-testid="series-stat"
          value={selected.seriesId}
          onChange={(e) => onSelect(Number(e.target.value))}
        >
          {stats.map((s) => (
            <option key={s.seriesId} value={s.seriesId}>
              {statName(s.stat, i18n)}
              {multipleIntervals ? ` (${intervalName(s.interval, i18n)})` : ''}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
