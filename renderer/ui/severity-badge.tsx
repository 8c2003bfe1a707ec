import { useI18n } from '../i18n/i18n-context';
import { isSeverity } from './severity';

/** One colour per severity everywhere (table, detail, ranking, rules), so it reads at a glance. */
export function SeverityBadge({ severity }: { readonly severity: string }) {
  const { t } = useI18n();
  const known = isSeverity(severity);
  return (
    <span
      className={`badge severity ${known ? `severity-${severity}` : 'badge-neutral'}`}
      data-severity={severity}
    >
      {known ? t(`severity.${severity}`) : severity}
    </span>
  );
}
