import { useEffect, useState } from 'react';
import type { Result, SeriesInfo } from '../../../analytics/api';
import { invoke } from '../../api/invoke';
import { useI18n } from '../../i18n/i18n-context';
import { ErrorBanner } from '../../ui/error-banner';
import { SeriesChartPanel } from './series-chart-panel';
import { intervalName } from './series-label';
import { SeriesPicker } from './series-picker';

interface SeriesPanelProps {
  /** Changes when the case's data changes (another case, an import), to reload the list. */
  readonly refreshKey: string;
}

export function SeriesPanel({ refreshKey }: SeriesPanelProps) {
  const i18n = useI18n();
  const { t, formatNumber } = i18n;
  const [list, setList] = useState<{ readonly key: string; readonly result: Result<SeriesInfo[]> } | null>(
    null,
  );
  const [selectedId, setSelectedId] = useState<number | null>(null);

  useEffect(() => {
    let superseded = false;
    void invoke('series:list', {}).then((result) => {
      if (!superseded) setList({ key: refreshKey, result });
    });
    return () => {
      superseded = true;
    };
  }, [refreshKey]);

  const series = list?.result.ok ? list.result.value : [];
  // The first series is shown until the analyst picks one, so a fresh import shows a chart at once.
  const selected = series.find((s) => s.seriesId === selectedId) ?? series[0] ?? null;

  return (
    <section className="panel" aria-labelledby="series-heading" data-testid="series-panel">
      <div className="panel-head">
        <h2 id="series-heading">{t('series.heading')}</h2>
        {selected && (
          <p className="muted" data-testid="series-info">
            {t('series.info', {
              count: formatNumber(selected.count),
              interval: intervalName(selected.interval, i18n),
              start: selected.start,
              end: selected.end,
            })}
          </p>
        )}
      </div>
      {list === null ? (
        <p className="hint">{t('series.loading')}</p>
      ) : !list.result.ok ? (
        <ErrorBanner action={t('error.action.series:list')} error={list.result.error} />
      ) : !selected ? (
        <p className="hint" data-testid="series-empty">
          {t('series.empty')}
        </p>
      ) : (
        <>
          <SeriesPicker series={series} selected={selected} onSelect={setSelectedId} />
          <SeriesChartPanel key={`${selected.seriesId}|${refreshKey}`} series={selected} />
        </>
      )}
    </section>
  );
}
