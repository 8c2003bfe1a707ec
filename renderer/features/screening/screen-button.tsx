import { useShortcut } from '../../app/use-shortcut';
import { useI18n } from '../../i18n/i18n-context';

interface ScreenButtonProps {
  readonly disabled: boolean;
  /** Ctrl+Enter works only while the case screen is the one shown. */
  readonly shortcutEnabled: boolean;
  readonly onScreen: () => void;
}

export function ScreenButton({ disabled, shortcutEnabled, onScreen }: ScreenButtonProps) {
  const { t } = useI18n();
  useShortcut({ key: 'Enter', mod: true }, onScreen, shortcutEnabled && !disabled);
  return (
    <button
      type="button"
      className="button"
      data-testid="screen-button"
      disabled={disabled}
      title={t('screening.run.title')}
      onClick={onScreen}
    >
      {t('screening.run')}
    </button>
  );
}
