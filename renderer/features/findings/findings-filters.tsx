import { useI18n } from '../../i18n/i18n-context';
import { SEVERITIES, isSeverity } from '../../ui/severity';
import { useRanking } from '../ranking/use-ranking';
import { useRuleCatalog } from '../rules/rule-catalog-context';
import { NO_FILTER, isFiltered, type FindingsFilter } from './findings-filter';
import { siteLabel } from './site-label';

interface FindingsFiltersProps {
  readonly filter: FindingsFilter;
  readonly onFilter: (filter: FindingsFilter) => void;
  readonly refreshKey: string;
}

/** Rule, minimum severity and enterprise. The enterprises offered are those the ranking lists. */
export function FindingsFilters({ filter, onFilter, refreshKey }: FindingsFiltersProps) {
  const { t } = useI18n();
  const catalog = useRuleCatalog();
  const ranking = useRanking(refreshKey);
  const sites = ranking?.ok ? ranking.value : [];
  // A site chosen in the ranking stays selectable even if a later screening no longer ranks it.
  const siteMissing = filter.siteId !== null && !sites.some((s) => s.siteId === filter.siteId);

  return (
    <div className="filter-bar" role="group" aria-label={t('findings.filters')}>
      <label>
        <span className="label">{t('findings.filter.rule')}</span>
        <select
          className="input"
          data-testid="filter-rule"
          value={filter.ruleId ?? ''}
          onChange={(e) => onFilter({ ...filter, ruleId: e.target.value || null })}
        >
          <option value="">{t('findings.filter.allRules')}</option>
          {(catalog.rules ?? []).map((r) => (
            <option key={r.id} value={r.id}>
              {catalog.title(r.id)}
            </option>
          ))}
          {filter.ruleId !== null && !catalog.rule(filter.ruleId) && (
            <option value={filter.ruleId}>{filter.ruleId}</option>
          )}
        </select>
      </label>
      <label>
        <span className="label">{t('findings.filter.severity')}</span>
        <select
          className="input"
          data-testid="filter-severity"
          value={filter.minSeverity ?? ''}
          onChange={(e) => {
            const v = e.target.value;
            onFilter({ ...filter, minSeverity: isSeverity(v) ? v : null });
          }}
        >
          <option value="">{t('findings.filter.allSeverities')}</option>
          {SEVERITIES.slice(1).map((s) => (
            <option key={s} value={s}>
              {t('findings.filter.atLeast', { severity: t(`severity.${s}`) })}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span className="label">{t('findings.filter.site')}</span>
        <select
          className="input"
          data-testid="filter-site"
          value={filter.siteId ?? ''}
          onChange={(e) => onFilter({ ...filter, siteId: e.target.value || null })}
        >
          <option value="">{t('findings.filter.allSites')}</option>
          {sites.map((s) => (
            <option key={s.siteId} value={s.siteId}>
              {siteLabel(s, t)}
            </option>
          ))}
          {siteMissing && <option value={filter.siteId ?? ''}>{filter.siteId}</option>}
        </select>
      </label>
      <button
        type="button"
        className="button"
        disabled={!isFiltered(filter)}
        onClick={() => onFilter(NO_FILTER)}
        data-testid="filter-clear"
      >
        {t('findings.filter.clear')}
      </button>
    </div>
  );
}
