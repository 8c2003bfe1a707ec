import { useEffect, useRef, type KeyboardEvent } from 'react';
import { matchesShortcut } from '../../app/use-shortcut';
import { useI18n } from '../../i18n/i18n-context';
import { CASE_TABS, type CaseTab } from './case-tab';

interface CaseTabsProps {
  readonly tab: CaseTab;
  readonly onSelect: (tab: CaseTab) => void;
  /** Counts shown beside a tab's name (series, findings). */
  readonly counts: Readonly<Partial<Record<CaseTab, number>>>;
  /** Alt+1…5 work only while the case screen is the one shown. */
  readonly shortcutsEnabled: boolean;
}

export const tabId = (tab: CaseTab) => `case-tab-${tab}`;
export const panelId = (tab: CaseTab) => `case-panel-${tab}`;

/**
 * WAI-ARIA tabs with automatic activation: ←/→/Home/End move between tabs, and Alt+1…5 jump to a
 * tab from anywhere on the case screen.
 */
export function CaseTabs({ tab, onSelect, counts, shortcutsEnabled }: CaseTabsProps) {
  const { t, formatNumber } = useI18n();
  const buttons = useRef(new Map<CaseTab, HTMLButtonElement>());
  const latest = useRef(onSelect);
  useEffect(() => {
    latest.current = onSelect;
  });

  const go = (next: CaseTab) => {
    onSelect(next);
    buttons.current.get(next)?.focus();
  };

  useEffect(() => {
    if (!shortcutsEnabled) return;
    const onKeyDown = (e: globalThis.KeyboardEvent) => {
      const index = CASE_TABS.findIndex((_, i) => matchesShortcut(e, { key: String(i + 1), alt: true }));
      const next = CASE_TABS[index];
      if (!next) return;
      e.preventDefault();
      latest.current(next);
      // Focus follows, so the analyst can Tab straight into the view just opened.
      buttons.current.get(next)?.focus();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [shortcutsEnabled]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const i = CASE_TABS.indexOf(tab);
    const n = CASE_TABS.length;
    const target = {
      ArrowRight: CASE_TABS[(i + 1) % n],
      ArrowLeft: CASE_TABS[(i - 1 + n) % n],
      Home: CASE_TABS[0],
      End: CASE_TABS[n - 1],
    }[e.key];
    if (!target || e.altKey || e.ctrlKey || e.metaKey) return;
    e.preventDefault();
    go(target);
  };

  return (
    <div className="tabs" role="tablist" aria-label={t('tabs.label')} onKeyDown={onKeyDown}>
      {CASE_TABS.map((name, i) => {
        const count = counts[name];
        return (
          <button
            key={name}
            ref={(el) => {
              if (el) buttons.current.set(name, el);
              else buttons.current.delete(name);
            }}
            type="button"
            role="tab"
            id={tabId(name)}
            className="tab"
            aria-selected={tab === name}
            aria-controls={panelId(name)}
            tabIndex={tab === name ? 0 : -1}
            title={t('tabs.shortcut', { key: i + 1 })}
            data-testid={`tab-${name}`}
            onClick={() => onSelect(name)}
          >
            {t(`tabs.${name}`)}
            {count !== undefined && <span className="tab-count">{formatNumber(count)}</span>}
          </button>
        );
      })}
    </div>
  );
}
