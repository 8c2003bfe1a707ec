import { useI18n } from '../../i18n/i18n-context';
import { statName } from '../series/series-label';
import { formatEvidenceValue } from './evidence-value';

/** The metrics behind a finding, labelled in the current language with the rule's own key beside. */
export function EvidenceTable({ evidence }: { readonly evidence: Readonly<Record<string, unknown>> }) {
  const i18n = useI18n();
  const entries = Object.entries(evidence);
  if (entries.length === 0) return <p className="hint">{i18n.t('finding.evidence.none')}</p>;
  return (
    <table className="table table-kv" data-testid="evidence-table">
      <tbody>
        {entries.map(([key, value]) => {
          const label = i18n.tMaybe(`evidence.${key}`, key);
          return (
            <tr
              key={key}
              data-testid="evidence-row"
              data-key={key}
              data-value={typeof value === 'object' ? JSON.stringify(value) : String(value)}
            >
              <th scope="row">
                {label}
                {label !== key && <span className="mono muted kv-key">{key}</span>}
              </th>
              <td className={typeof value === 'number' ? 'num' : ''}>
                {key === 'stat' && typeof value === 'string'
                  ? statName(value, i18n)
                  : formatEvidenceValue(value, i18n)}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
