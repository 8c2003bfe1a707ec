import { useI18n } from '../i18n/i18n-context';

export function InfoBanner({ text, onDismiss }: { readonly text: string; readonly onDismiss?: () => void }) {
  const { t } = useI18n();
  return (
    <div className="banner banner-info" role="status" data-testid="info-banner">
      <div className="banner-body">{text}</div>
      {onDismiss && (
        <button type="button" className="button button-quiet" onClick={onDismiss}>
          {t('error.dismiss')}
        </button>
      )}
    </div>
  );
}
