import { useRef } from 'react';
import type { PickedFile } from '../../../analytics/api';
import { analystBridge } from '../../api/analyst-bridge';
import { useShortcut } from '../../app/use-shortcut';
import { useI18n } from '../../i18n/i18n-context';

interface ImportButtonProps {
  readonly disabled: boolean;
  /** Ctrl+I works only while the case screen is the one shown. */
  readonly shortcutEnabled: boolean;
  readonly onImport: (files?: readonly PickedFile[]) => void;
}

export function ImportButton({ disabled, shortcutEnabled, onImport }: ImportButtonProps) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const browserMode = analystBridge().mode === 'browser';

  const start = () => {
    if (disabled) return;
    if (browserMode) input.current?.click();
    else onImport();
  };
  useShortcut({ key: 'i', mod: true }, start, shortcutEnabled && !disabled);

  return (
    <>
      <button
        type="button"
        className="button button-primary"
        data-testid="import-button"
        disabled={disabled}
        title={t('case.import.title')}
        onClick={start}
      >
        {t('case.import')}
      </button>
      {browserMode && (
        <input
          ref={input}
          type="file"
          multiple
          hidden
          tabIndex={-1}
          data-testid="import-input"
          onChange={(e) => {
            const files = Array.from(e.currentTarget.files ?? []);
            // Reset so picking the same file again (after fixing it) fires a change event.
            e.currentTarget.value = '';
            if (files.length > 0) onImport(files);
          }}
        />
      )}
    </>
  );
}
