import type { TableCounts } from '../../../analytics/api';
import { useI18n } from '../../i18n/i18n-context';

/** Display order: monitoring first, then context data, then what needs attention. */
const ORDER: readonly (keyof TableCounts)[] = [
  'readings',
  'series',
  'sites',
  'outlets',
  'devices',
  'powerReadings',
  'stations',
  'airReadings',
  'orders',
  'gateRecords',
  'marks',
  'quarantine',
  'findings',
];

const ATTENTION: ReadonlySet<keyof TableCounts> = new Set(['quarantine', 'findings']);

export function CaseCounts({ counts }: { readonly counts: TableCounts }) {
  const { t, formatNumber } = useI18n();
  return (
    <dl className="counts" data-testid="case-counts" aria-label={t('case.counts.heading')}>
      {ORDER.map((key) => {
        const n = counts[key];
        const tone = n === 0 ? 'count-zero' : ATTENTION.has(key) ? 'count-attention' : '';
        return (
          <div key={key} className={`count ${tone}`} data-testid={`count-${key}`} data-value={n}>
            <dt title={t(`count.${key}`)}>{t(`count.${key}`)}</dt>
            <dd>{formatNumber(n)}</dd>
          </div>
        );
      })}
    </dl>
  );
}
