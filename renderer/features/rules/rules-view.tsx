import { useDeferredValue, useMemo, useState } from 'react';
import { useI18n } from '../../i18n/i18n-context';
import { localized } from '../../i18n/localized';
import { ErrorBanner } from '../../ui/error-banner';
import { matchesQuery, ruleSearchText } from './match-rule';
import { RuleCard, ruleCardId } from './rule-card';
import { useRuleCatalog } from './rule-catalog-context';

/** The rule reference: the whole detection catalog, searchable, in the current language. */
export function RulesView() {
  const { t, tMaybe, lang } = useI18n();
  const catalog = useRuleCatalog();
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query);
  const rules = catalog.rules;

  const indexed = useMemo(
    () =>
      (rules ?? []).map((r) => ({
        rule: r,
        // The labels the UI shows for category and severity are searchable too.
        text: ruleSearchText(r, [
          tMaybe(`legal.${r.legalCategory}`, ''),
          tMaybe(`severity.${r.severity}`, ''),
        ]),
      })),
    [rules, tMaybe],
  );
  const shown = indexed.filter((x) => matchesQuery(x.text, deferred)).map((x) => x.rule);

  const reveal = (id: string) => {
    const card = document.getElementById(ruleCardId(id));
    card?.scrollIntoView({ block: 'start' });
    card?.focus({ preventScroll: true });
  };

  return (
    <section className="panel" aria-labelledby="rules-heading" data-testid="rules-view">
      <div className="panel-head">
        <h2 id="rules-heading">{t('rules.heading')}</h2>
        <p className="muted">{t('rules.intro')}</p>
      </div>
      {catalog.error ? (
        <div>
          <ErrorBanner action={t('error.action.rules:list')} error={catalog.error} />
          <button type="button" className="button" onClick={catalog.retry}>
            {t('rules.retry')}
          </button>
        </div>
      ) : !rules ? (
        <p className="hint">{t('rules.loading')}</p>
      ) : (
        <>
          <div className="filter-bar">
            <label className="search-field">
              <span className="label">{t('rules.search')}</span>
              <input
                type="search"
                className="input"
                value={query}
                placeholder={t('rules.search.placeholder')}
                onChange={(e) => setQuery(e.target.value)}
                data-testid="rules-search"
              />
            </label>
            <span className="muted" data-testid="rules-count" data-value={shown.length}>
              {t('rules.count', { shown: shown.length, total: rules.length })}
            </span>
          </div>
          {shown.length === 0 ? (
            <p className="hint">{t('rules.noMatch')}</p>
          ) : (
            <div className="rules-layout">
              <nav className="rules-index" aria-label={t('rules.index')}>
                <ol>
                  {shown.map((r) => (
                    <li key={r.id}>
                      <button type="button" className="link-button" onClick={() => reveal(r.id)}>
                        {localized(r.title, lang)}
                      </button>
                    </li>
                  ))}
                </ol>
              </nav>
              <div className="rules-list">
                {shown.map((r) => (
                  <RuleCard key={r.id} rule={r} />
                ))}
              </div>
            </div>
          )}
        </>
      )}
    </section>
  );
}
