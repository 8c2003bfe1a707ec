import { useState } from 'react';
import type { SeriesInfo } from '../../../analytics/api';
import { SeriesChart } from '../../charts/series-chart';
import type { TimeRange } from '../../charts/zoom-window';
import { useI18n } from '../../i18n/i18n-context';
import { ErrorBanner } from '../../ui/error-banner';
import { seriesLabel } from './series-label';
import { useSeriesWindow } from './use-series-window';

/** One series' chart with its own width and zoom; keyed by series, so a new pick starts unzoomed. */
export function SeriesChartPanel({ series }: { readonly series: SeriesInfo }) {
  const i18n = useI18n();
  const [pixels, setPixels] = useState<number | null>(null);
  const [range, setRange] = useState<TimeRange | null>(null);
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
        loading={state.loading}
        onPixels={setPixels}
        onRange={setRange}
      />
    </>
  );
}
