import { useEffect, useState } from 'react';
import type { Result, SeriesInfo } from '../../../analytics/api';
import { invoke } from '../../api/invoke';
import { SeriesChart } from '../../charts/series-chart';
import type { TimeRange } from '../../charts/zoom-window';
import { useI18n } from '../../i18n/i18n-context';
import { ErrorBanner } from '../../ui/error-banner';
import { seriesLabel } from '../series/series-label';
import { useSeriesWindow } from '../series/use-series-window';
import { pickFindingSeries, zoomAround } from './finding-window';

interface FindingChartProps {
  readonly outletId: string;
  readonly code: string;
  readonly seriesId: number | null;
  /** The finding's window, shaded on the chart. */
  readonly span: TimeRange;
}

/** The outlet's series for the finding's code, opened on the finding's window with context around it. */
export function FindingChart({ outletId, code, seriesId, span }: FindingChartProps) {
  const { t } = useI18n();
  const [list, setList] = useState<{ readonly key: string; readonly result: Result<SeriesInfo[]> } | null>(
    null,
  );
  const key = `${outletId}|${code}`;

  useEffect(() => {
    let superseded = false;
    void invoke('series:list', { outletId, code }).then((result) => {
      if (!superseded) setList({ key: `${outletId}|${code}`, result });
    });
    return () => {
      superseded = true;
    };
  }, [outletId, code]);

  if (list?.key !== key) return <p className="hint">{t('series.loading')}</p>;
  if (!list.result.ok)
    return <ErrorBanner action={t('error.action.series:list')} error={list.result.error} />;
  const series = pickFindingSeries(list.result.value, seriesId);
  if (!series) {
    return (
      <p className="hint" data-testid="finding-chart-none">
        {t('finding.chart.none', { outlet: outletId, code })}
      </p>
    );
  }
  return <FindingSeriesChart key={series.seriesId} series={series} span={span} />;
}

function FindingSeriesChart({ series, span }: { readonly series: SeriesInfo; readonly span: TimeRange }) {
  const i18n = useI18n();
  const [pixels, setPixels] = useState<number | null>(null);
  const [range, setRange] = useState<TimeRange | null>(() => zoomAround(span, series));
  const state = useSeriesWindow(series.seriesId, pixels, range);
  return (
    <>
      {state.error && <ErrorBanner action={i18n.t('error.action.series:window')} error={state.error} />}
      <SeriesChart
        series={series}
        label={seriesLabel(series, i18n)}
        detail={state.detail}
        overview={state.overview}
        range={range}
        highlight={span}
        loading={state.loading}
        onPixels={setPixels}
        onRange={setRange}
        testId="finding-chart"
      />
    </>
  );
}
