import type { AppError } from '../../analytics/api';
import { errorText } from '../i18n/error-text';
import { useI18n } from '../i18n/i18n-context';

interface ErrorBannerProps {
  /** What the analyst was doing, already translated ("Could not open the case."). */
  readonly action: string;
  readonly error: AppError;
  readonly onDismiss?: () => void;
}

/** Says what failed, what to do, and keeps the host's English message for support. */
export function ErrorBanner({ action, error, onDismiss }: ErrorBannerProps) {
  const { t } = useI18n();
  const details = error.details ? JSON.stringify(error.details) : null;
  return (
    <div className="banner banner-error" role="alert" data-testid="error-banner" data-error-code={error.code}>
      <div className="banner-body">
        <strong>{action}</strong> <span>{errorText(error, t)}</span>
        <details className="banner-details">
          <summary>{t('error.details')}</summary>
          <code>
            {error.code}: {error.message}
            {details ? ` ${details}` : ''}
          </code>
        </details>
      </div>
      {onDismiss && (
        <button type="button" className="button button-quiet" onClick={onDismiss} data-testid="error-dismiss">
          {t('error.dismiss')}
        </button>
      )}
    </div>
  );
}
