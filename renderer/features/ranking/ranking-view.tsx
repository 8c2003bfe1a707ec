import { useRef, useState, type KeyboardEvent } from 'react';
import type { RankedEnterprise } from '../../../analytics/api';
import { useI18n } from '../../i18n/i18n-context';
import { ErrorBanner } from '../../ui/error-banner';
import { nextRow } from '../../ui/row-cursor';
import { SeverityBadge } from '../../ui/severity-badge';
import { siteLabel } from '../findings/site-label';
import { useRuleCatalog } from '../rules/rule-catalog-context';
import { useRanking } from './use-ranking';

interface RankingViewProps {
  readonly refreshKey: string;
  /** Show the findings of an enterprise, optionally of one rule only. */
  readonly onOpen: (siteId: string, ruleId?: string) => void;
}

export function RankingView({ refreshKey, onOpen }: RankingViewProps) {
  const { t } = useI18n();
  const ranking = useRanking(refreshKey);
  return (
    <section className="panel" aria-labelledby="ranking-heading" data-testid="ranking-view">
      <div className="panel-head">
        <h2 id="ranking-heading">{t('ranking.heading')}</h2>
        <p className="muted">{t('ranking.hint')}</p>
      </div>
      {ranking === null ? (
        <p className="hint">{t('ranking.loading')}</p>
      ) : !ranking.ok ? (
        <ErrorBanner action={t('error.action.ranking:list')} error={ranking.error} />
      ) : ranking.value.length === 0 ? (
        <p className="hint" data-testid="ranking-empty">
          {t('ranking.empty')}
        </p>
      ) : (
        <RankingTable enterprises={ranking.value} onOpen={onOpen} />
      )}
    </section>
  );
}

interface RankingTableProps {
  readonly enterprises: readonly RankedEnterprise[];
  readonly onOpen: (siteId: string, ruleId?: string) => void;
}

/** ↑/↓ move between enterprises, Enter shows the findings of the one under the cursor. */
function RankingTable({ enterprises, onOpen }: RankingTableProps) {
  const { t, tMaybe, formatNumber } = useI18n();
  const catalog = useRuleCatalog();
  const [cursor, setCursor] = useState(0);
  const body = useRef<HTMLTableSectionElement>(null);
  const active = enterprises[cursor];

  const onKeyDown = (e: KeyboardEvent<HTMLTableElement>) => {
    if (e.target !== e.currentTarget || e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === 'Enter' && active) {
      e.preventDefault();
      onOpen(active.siteId);
      return;
    }
    const next = nextRow(e.key, cursor, enterprises.length);
    if (next === null) return;
    e.preventDefault();
    setCursor(next);
    body.current?.children[next]?.scrollIntoView({ block: 'nearest' });
  };

  return (
    <div className="table-scroll">
      <table
        className="table ranking-table"
        role="grid"
        tabIndex={0}
        aria-label={t('ranking.heading')}
        aria-activedescendant={active ? `rank-${active.siteId}` : undefined}
        onKeyDown={onKeyDown}
        data-testid="ranking-table"
      >
        <thead>
          <tr>
            <th scope="col" className="num">
              {t('ranking.col.rank')}
            </th>
            <th scope="col">{t('ranking.col.site')}</th>
            <th scope="col" className="num">
              {t('ranking.col.risk')}
            </th>
            <th scope="col" className="num">
              {t('ranking.col.findings')}
            </th>
            <th scope="col" className="num">
              {t('ranking.col.rules')}
            </th>
            <th scope="col">{t('ranking.col.maxSeverity')}</th>
            <th scope="col">{t('ranking.col.sources')}</th>
            <th scope="col">{t('ranking.col.reasons')}</th>
          </tr>
        </thead>
        <tbody ref={body}>
          {enterprises.map((e, i) => {
            const context = [e.county, e.industry, e.omCompany].filter(Boolean).join(' · ');
            return (
              <tr
                key={e.siteId}
                id={`rank-${e.siteId}`}
                className={i === cursor ? 'row-cursor' : ''}
                data-testid="ranking-row"
                data-site-id={e.siteId}
                data-risk={e.risk}
                onClick={() => setCursor(i)}
              >
                <td className="num muted">{i + 1}</td>
                <td className="cell-site">
                  <button
                    type="button"
                    className="link-button"
                    title={t('ranking.open.title')}
                    onClick={() => onOpen(e.siteId)}
                    data-testid="ranking-open"
                  >
                    {siteLabel(e, t)}
                  </button>
                  {context && <div className="muted cell-context">{context}</div>}
                </td>
                <td className="num risk">{formatNumber(e.risk, 2)}</td>
                <td className="num">{formatNumber(e.findings)}</td>
                <td className="num">{formatNumber(e.rules)}</td>
                <td>
                  <SeverityBadge severity={e.maxSeverity} />
                </td>
                <td>
                  <span className="chips">
                    {e.sources.map((s) => (
                      <span key={s} className="chip" data-testid="ranking-source" data-source={s}>
                        {tMaybe(`source.${s}`, s)}
                      </span>
                    ))}
                  </span>
                </td>
                <td className="cell-wrap">
                  <span className="chips">
                    {e.reasons.map((r) => (
                      <button
                        key={r.ruleId}
                        type="button"
                        className={`chip chip-button severity-edge severity-edge-${r.maxSeverity}`}
                        title={t('ranking.reason.title', {
                          rule: r.ruleId,
                          severity: tMaybe(`severity.${r.maxSeverity}`, r.maxSeverity),
                          weight: formatNumber(r.weight, 2),
                        })}
                        onClick={() => onOpen(e.siteId, r.ruleId)}
                        data-testid="ranking-reason"
                        data-rule-id={r.ruleId}
                      >
                        {catalog.title(r.ruleId)}
                        <span className="chip-count">×{formatNumber(r.findings)}</span>
                        <span className={`chip-severity severity-text-${r.maxSeverity}`}>
                          {tMaybe(`severity.${r.maxSeverity}`, r.maxSeverity)}
                        </span>
                      </button>
                    ))}
                  </span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
