import type { RuleInfo } from '../../../analytics/api';
import { useI18n } from '../../i18n/i18n-context';
import { localized } from '../../i18n/localized';

export function RuleParamsTable({ params }: { readonly params: RuleInfo['params'] }) {
  const { t, lang } = useI18n();
  if (params.length === 0) return <p className="hint">{t('rule.params.none')}</p>;
  return (
    <table className="table table-kv rule-params" data-testid="rule-params">
      <thead>
        <tr>
          <th scope="col">{t('rule.param.name')}</th>
          <th scope="col" className="num">
            {t('rule.param.default')}
          </th>
          <th scope="col">{t('rule.param.unit')}</th>
          <th scope="col">{t('rule.param.description')}</th>
        </tr>
      </thead>
      <tbody>
        {params.map((p) => (
          <tr key={p.name} data-testid="rule-param" data-name={p.name}>
            <th scope="row" className="mono">
              {p.name}
            </th>
            {/* Defaults as written in the rule (no digit grouping): they are typed back as parameters. */}
            <td className={`mono ${typeof p.default === 'number' ? 'num' : 'cell-wrap'}`}>
              {String(p.default)}
            </td>
            <td>{p.unit ?? ''}</td>
            <td className="cell-wrap">{localized(p.description, lang)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
