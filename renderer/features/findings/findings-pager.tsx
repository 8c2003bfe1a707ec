import { useI18n } from '../../i18n/i18n-context';
import { PAGE_SIZE } from './findings-filter';

interface FindingsPagerProps {
  readonly offset: number;
  /** Rows on this page. */
  readonly shown: number;
  readonly total: number;
  readonly onOffset: (offset: number) => void;
}

export function FindingsPager({ offset, shown, total, onOffset }: FindingsPagerProps) {
  const { t, formatNumber } = useI18n();
  return (
    <div className="pager">
      <span className="muted" data-testid="findings-total" data-value={total}>
        {total === 0
          ? t('findings.none')
          : t('findings.range', {
              from: formatNumber(offset + 1),
              to: formatNumber(offset + shown),
              total: formatNumber(total),
            })}
      </span>
      {total > PAGE_SIZE && (
        <>
          <button
            type="button"
            className="button button-small"
            disabled={offset === 0}
            onClick={() => onOffset(Math.max(0, offset - PAGE_SIZE))}
            data-testid="findings-prev"
          >
            {t('findings.prev')}
          </button>
          <button
            type="button"
            className="button button-small"
            disabled={offset + PAGE_SIZE >= total}
            onClick={() => onOffset(offset + PAGE_SIZE)}
            data-testid="findings-next"
          >
            {t('findings.next')}
          </button>
          <span className="muted">{t('findings.sortedPage')}</span>
        </>
      )}
    </div>
  );
}
