import type { Finding, RuleInfo } from '../../../analytics/api';
import { useI18n } from '../../i18n/i18n-context';
import { localized } from '../../i18n/localized';
import { formatEvidenceValue } from './evidence-value';

interface FindingParamsTableProps {
  readonly params: Finding['params'];
  /** The rule's metadata for units, descriptions and defaults; absent when the catalog is not loaded. */
  readonly rule: RuleInfo | undefined;
}

/** The parameters the finding was produced with; a value other than the default says so. */
export function FindingParamsTable({ params, rule }: FindingParamsTableProps) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const entries = Object.entries(params);
  if (entries.length === 0) return <p className="hint">{t('finding.params.none')}</p>;
  return (
    <table className="table table-kv" data-testid="finding-params">
      <thead>
        <tr>
          <th scope="col">{t('rule.param.name')}</th>
          <th scope="col" className="num">
            {t('rule.param.value')}
          </th>
          <th scope="col">{t('rule.param.unit')}</th>
          <th scope="col">{t('rule.param.description')}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map(([name, value]) => {
          const meta = rule?.params.find((p) => p.name === name);
          const changed = meta !== undefined && meta.default !== value;
          return (
            <tr key={name} data-testid="finding-param" data-name={name} data-value={String(value)}>
              <th scope="row" className="mono">
                {name}
              </th>
              <td className={typeof value === 'number' ? 'num' : 'cell-wrap'}>
                {formatEvidenceValue(value, i18n)}
                {changed && (
                  <span className="text-warn param-changed">
                    {' '}
                    {t('finding.params.changed', { value: formatEvidenceValue(meta.default, i18n) })}
                  </span>
                )}
              </td>
              <td>{meta?.unit ?? ''}</td>
              <td className="cell-wrap">{meta ? localized(meta.description, lang) : ''}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
