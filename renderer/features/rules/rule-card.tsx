import type { RuleInfo } from '../../../analytics/api';
import { useI18n } from '../../i18n/i18n-context';
import { localized } from '../../i18n/localized';
import { SeverityBadge } from '../../ui/severity-badge';
import { RuleParamsTable } from './rule-params-table';

export const ruleCardId = (id: string) => `rule-${id}`;

/** One rule of the catalog as a reference entry, generated from the same metadata the rule runs with. */
export function RuleCard({ rule }: { readonly rule: RuleInfo }) {
  const { t, tMaybe, lang } = useI18n();
  const headingId = `${ruleCardId(rule.id)}-title`;
  return (
    <article
      id={ruleCardId(rule.id)}
      className="rule-card"
      tabIndex={-1}
      aria-labelledby={headingId}
      data-testid="rule-card"
      data-rule-id={rule.id}
    >
      <header className="rule-card-head">
        <h3 id={headingId} data-testid="rule-title">
          {localized(rule.title, lang)}
        </h3>
        <span className="mono muted">
          {rule.id} · v{rule.version}
        </span>
        <SeverityBadge severity={rule.severity} />
        <span className="chip">{tMaybe(`legal.${rule.legalCategory}`, rule.legalCategory)}</span>
      </header>
      <dl className="rule-facts">
        <dt>{t('rule.rationale')}</dt>
        <dd className="prose">{localized(rule.rationale, lang)}</dd>
        <dt>{t('rule.legalBasis')}</dt>
        <dd className="prose">{localized(rule.legalBasis, lang)}</dd>
        <dt>{t('rule.dataNeeded')}</dt>
        <dd>
          <span className="chips">
            {rule.dataNeeded.map((d) => (
              <span key={d} className="chip">
                {d}
              </span>
            ))}
          </span>
        </dd>
        <dt>{t('rule.pitfalls')}</dt>
        <dd className="prose">{localized(rule.pitfalls, lang)}</dd>
        <dt>{t('rule.params')}</dt>
        <dd>
          <RuleParamsTable params={rule.params} />
        </dd>
      </dl>
    </article>
  );
}
