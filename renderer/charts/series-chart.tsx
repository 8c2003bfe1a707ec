import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { SeriesInfo, SeriesWindow } from '../../analytics/api';
import { useI18n, type I18n } from '../i18n/i18n-context';
import { echarts, type ChartOption } from './echarts-setup';
import { formatAxisTime, formatWallTime, localTimeToMs } from './local-time';
import { mergeWindows } from './merge-windows';
import { windowStats } from './window-stats';
import {
  FULL_ZOOM,
  panBy,
  rangeToZoom,
  zoomBy,
  zoomToRange,
  type TimeRange,
  type ZoomPercent,
} from './zoom-window';

export interface SeriesChartProps {
  readonly series: SeriesInfo;
  /** Title drawn into the canvas too, so a copied chart image still says what it shows. */
  readonly label: string;
  /** The latest `series:window` answer: the data attributes describe exactly this. */
  readonly detail: SeriesWindow | null;
  /** The full-span answer, drawn outside a zoomed range. */
  readonly overview: SeriesWindow | null;
  /** The zoomed range; a range given before the chart first draws is its initial zoom. */
  readonly range: TimeRange | null;
  /** A span to shade (a finding's window), drawn as an ECharts markArea. */
  readonly highlight?: TimeRange | null;
  readonly loading: boolean;
  /** Width in pixels, for the `pixels` of the query (debounced while resizing). */
  readonly onPixels: (pixels: number) => void;
  /** The zoomed range, debounced; null when the whole span is shown. */
  readonly onRange: (range: TimeRange | null) => void;
  /** Test id of the chart element, for pages that show more than one chart. */
  readonly testId?: string;
}

type Chart = ReturnType<typeof echarts.init>;

const FONT = '"Noto Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif';
const DEBOUNCE_MS = 250;
const LINE_COLOR = '#1f5fbf';
const GRID_COLOR = '#e9ecf1';
const HIGHLIGHT_COLOR = 'rgba(179, 38, 30, 0.12)';
const HIGHLIGHT_BORDER = 'rgba(179, 38, 30, 0.55)';

const clampPixels = (width: number) => Math.max(10, Math.min(8000, Math.round(width)));

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Epoch-ms extent of the whole series; a single reading gets an hour either side to be visible. */
function spanOf(start: string, end: string): TimeRange {
  const from = localTimeToMs(start);
  const to = localTimeToMs(end);
  return to > from ? { from, to } : { from: from - 3_600_000, to: to + 3_600_000 };
}

/** The zoom percentages an ECharts 'datazoom' event carries (slider: top level; inside: batch). */
function zoomFromEvent(event: unknown): ZoomPercent | null {
  type Z = { start?: unknown; end?: unknown; batch?: { start?: unknown; end?: unknown }[] };
  const e = event as Z;
  const z = e.batch?.[0] ?? e;
  return typeof z.start === 'number' && typeof z.end === 'number' ? { start: z.start, end: z.end } : null;
}

interface Latest {
  readonly i18n: I18n;
  readonly unit: string | null;
  readonly extent: TimeRange;
  readonly range: TimeRange | null;
  readonly onPixels: (pixels: number) => void;
  readonly onRange: (range: TimeRange | null) => void;
}

function tooltipHtml(params: unknown, latest: Latest): string {
  const list = (Array.isArray(params) ? params : [params]) as { value?: unknown; marker?: unknown }[];
  const first = list[0];
  if (!first || !Array.isArray(first.value)) return '';
  const [t, v] = first.value as [number, number | null];
  const value = v === null ? '—' : latest.i18n.formatNumber(v, 4);
  const unit = latest.unit ? ` ${escapeHtml(latest.unit)}` : '';
  const marker = typeof first.marker === 'string' ? first.marker : '';
  return `${escapeHtml(formatWallTime(t))}<br/>${marker}<b>${value}</b>${unit}`;
}

function baseOption(latest: { readonly current: Latest }, zoom: ZoomPercent): ChartOption {
  return {
    animation: false,
    // Chart times are wall time read as UTC: ticks must fall on UTC day and hour boundaries.
    useUTC: true,
    textStyle: { fontFamily: FONT },
    title: { text: '', left: 8, top: 6, textStyle: { fontSize: 13, fontWeight: 'bold', color: '#1d2430' } },
    legend: { show: false },
    grid: { left: 64, right: 28, top: 40, bottom: 72 },
    tooltip: {
      trigger: 'axis',
      confine: true,
      axisPointer: { type: 'line' },
      formatter: (params: unknown) => tooltipHtml(params, latest.current),
    },
    xAxis: {
      type: 'time',
      axisLabel: { formatter: (v: number) => formatAxisTime(v), hideOverlap: true, color: '#4a5568' },
      splitLine: { show: true, lineStyle: { color: GRID_COLOR } },
    },
    yAxis: {
      type: 'value',
      scale: true,
      nameTextStyle: { align: 'left', color: '#4a5568' },
      axisLabel: { formatter: (v: number) => latest.current.i18n.formatNumber(v, 3), color: '#4a5568' },
      splitLine: { lineStyle: { color: GRID_COLOR } },
    },
    dataZoom: [
      { type: 'inside', xAxisIndex: 0, filterMode: 'filter', start: zoom.start, end: zoom.end },
      {
        type: 'slider',
        xAxisIndex: 0,
        filterMode: 'filter',
        start: zoom.start,
        end: zoom.end,
        height: 22,
        bottom: 16,
        labelFormatter: (v: number) => formatWallTime(v),
      },
    ],
    series: [
      {
        id: 'values',
        type: 'line',
        data: [],
        color: LINE_COLOR,
        showSymbol: false,
        symbolSize: 4,
        lineStyle: { width: 1.25 },
        connectNulls: false,
        emphasis: { disabled: true },
      },
    ],
  };
}

/** ECharts line chart of one series, re-queried at full resolution for the zoomed range. */
export function SeriesChart(props: SeriesChartProps) {
  const { series, label, detail, overview, range, loading, onPixels, onRange } = props;
  const { highlight = null, testId = 'series-chart' } = props;
  const i18n = useI18n();
  const { t } = i18n;
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<Chart | null>(null);
  const zoom = useRef<ZoomPercent>(FULL_ZOOM);
  const [ready, setReady] = useState(false);
  const extent = useMemo(() => spanOf(series.start, series.end), [series.start, series.end]);
  const latest = useRef<Latest>({ i18n, unit: series.unit, extent, range, onPixels, onRange });
  useEffect(() => {
    latest.current = { i18n, unit: series.unit, extent, range, onPixels, onRange };
  });

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    let rangeTimer: ReturnType<typeof setTimeout> | undefined;
    let pixelTimer: ReturnType<typeof setTimeout> | undefined;
    let lastPixels = 0;
    const observer = new ResizeObserver(() => {
      const width = el.clientWidth;
      if (width === 0) return; // hidden (start screen shown): keep the last size and data
      if (!chart.current) {
        // Created on the first real size: ECharts cannot lay out a chart in a hidden element.
        const c = echarts.init(el, null, { renderer: 'canvas' });
        const initial = latest.current.range;
        if (initial) zoom.current = rangeToZoom(initial, latest.current.extent);
        c.setOption(baseOption(latest, zoom.current));
        c.on('datazoom', (event) => {
          const z = zoomFromEvent(event);
          if (!z) return;
          zoom.current = z;
          clearTimeout(rangeTimer);
          rangeTimer = setTimeout(
            () => latest.current.onRange(zoomToRange(z, latest.current.extent)),
            DEBOUNCE_MS,
          );
        });
        chart.current = c;
        setReady(true);
      } else {
        chart.current.resize();
      }
      const pixels = clampPixels(width);
      if (pixels === lastPixels) return;
      const first = lastPixels === 0;
      lastPixels = pixels;
      clearTimeout(pixelTimer);
      if (first) latest.current.onPixels(pixels);
      else pixelTimer = setTimeout(() => latest.current.onPixels(pixels), DEBOUNCE_MS);
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      clearTimeout(rangeTimer);
      clearTimeout(pixelTimer);
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const c = chart.current;
    if (!ready || !c) return;
    const data = mergeWindows(overview, detail, range);
    c.setOption({
      title: { text: label },
      xAxis: { min: extent.from, max: extent.to },
      yAxis: { name: series.unit ?? '' },
      // Symbols only where points are few enough to be told apart.
      series: [
        {
          id: 'values',
          name: label,
          data,
          showSymbol: data.length <= 150,
          markArea: {
            silent: true,
            itemStyle: { color: HIGHLIGHT_COLOR, borderColor: HIGHLIGHT_BORDER, borderWidth: 1 },
            data: highlight ? [[{ xAxis: highlight.from }, { xAxis: highlight.to }]] : [],
          },
        },
      ],
    });
  }, [ready, overview, detail, range, highlight, label, extent, series.unit]);

  const applyZoom = (z: ZoomPercent) =>
    chart.current?.dispatchAction({ type: 'dataZoom', start: z.start, end: z.end });
  const actions = {
    zoomIn: () => applyZoom(zoomBy(zoom.current, 0.5)),
    zoomOut: () => applyZoom(zoomBy(zoom.current, 2)),
    panLeft: () => applyZoom(panBy(zoom.current, -0.25)),
    panRight: () => applyZoom(panBy(zoom.current, 0.25)),
    reset: () => applyZoom(FULL_ZOOM),
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const action = {
      '+': 'zoomIn',
      '=': 'zoomIn',
      '-': 'zoomOut',
      _: 'zoomOut',
      ArrowLeft: 'panLeft',
      ArrowRight: 'panRight',
      '0': 'reset',
      Home: 'reset',
    }[e.key] as keyof typeof actions | undefined;
    if (!action || e.ctrlKey || e.metaKey || e.altKey) return;
    e.preventDefault();
    actions[action]();
  };

  const stats = detail ? windowStats(detail) : null;
  return (
    <figure className="chart-figure">
      <div className="chart-toolbar" role="toolbar" aria-label={label}>
        {(['zoomIn', 'zoomOut', 'panLeft', 'panRight', 'reset'] as const).map((a) => (
          <button
            key={a}
            type="button"
            className="button button-small"
            title={t(`chart.${a}.title`)}
            onClick={actions[a]}
            data-testid={`chart-${a}`}
          >
            {t(`chart.${a}`)}
          </button>
        ))}
        <span className="chart-status muted" aria-live="polite" data-testid="chart-status">
          {loading
            ? t('chart.loading')
            : detail && stats
              ? [
                  t(detail.method === 'm4' ? 'chart.m4' : 'chart.raw', {
                    shown: i18n.formatNumber(stats.pointCount),
                    raw: i18n.formatNumber(detail.rawCount),
                  }),
                  range
                    ? t('chart.window', { from: formatWallTime(range.from), to: formatWallTime(range.to) })
                    : null,
                  highlight
                    ? t('chart.highlight', {
                        from: formatWallTime(highlight.from),
                        to: formatWallTime(highlight.to),
                      })
                    : null,
                ]
                  .filter(Boolean)
                  .join(' · ')
              : ''}
        </span>
      </div>
      <div
        ref={host}
        className="chart-host"
        tabIndex={0}
        role="img"
        aria-label={t('chart.aria', { label })}
        onKeyDown={onKeyDown}
        aria-busy={loading}
        data-testid={testId}
        data-loading={loading}
        data-series-id={detail?.seriesId}
        data-method={detail?.method}
        data-raw-count={detail?.rawCount}
        data-point-count={stats?.pointCount}
        data-first-t={stats?.firstT ?? undefined}
        data-last-t={stats?.lastT ?? undefined}
        data-min-v={stats?.minV ?? undefined}
        data-max-v={stats?.maxV ?? undefined}
        data-from={range?.from}
        data-to={range?.to}
        data-highlight-from={highlight?.from}
        data-highlight-to={highlight?.to}
      />
      {!loading && stats?.pointCount === 0 && <p className="chart-empty hint">{t('chart.noPoints')}</p>}
    </figure>
  );
}
