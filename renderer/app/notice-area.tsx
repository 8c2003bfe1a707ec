import { useI18n } from '../i18n/i18n-context';
import { ErrorBanner } from '../ui/error-banner';
import { InfoBanner } from '../ui/info-banner';
import { useNotice } from './notice-context';

export function NoticeArea() {
  const { notice, clear } = useNotice();
  const { t } = useI18n();
  if (!notice) return null;
  return notice.kind === 'error' ? (
    <ErrorBanner action={t(notice.action)} error={notice.error} onDismiss={clear} />
  ) : (
    <InfoBanner text={t(notice.text)} onDismiss={clear} />
  );
}
