import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { AppError, RuleInfo } from '../../../analytics/api';
import { missingToken } from '../../api/analyst-bridge';
import { invoke } from '../../api/invoke';
import { useI18n } from '../../i18n/i18n-context';
import { localized } from '../../i18n/localized';

interface RuleCatalog {
  /** null while loading or after a failure. */
  readonly rules: readonly RuleInfo[] | null;
  readonly error: AppError | null;
  rule(id: string): RuleInfo | undefined;
  /** The rule's title in the current language; the id when the rule is unknown to this catalog. */
  title(id: string): string;
  retry(): void;
}

const RuleCatalogContext = createContext<RuleCatalog | null>(null);

/**
 * The detection catalog (`rules:list`) loaded once per window: it is fixed for an app version, and
 * the progress bar, the findings, the ranking and the rule reference all name rules by it.
 */
export function RuleCatalogProvider({ children }: { readonly children: ReactNode }) {
  const { lang } = useI18n();
  const [rules, setRules] = useState<readonly RuleInfo[] | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (missingToken()) return; // every request would be refused; the app already says so
    let superseded = false;
    void invoke('rules:list', {}).then((r) => {
      if (superseded) return;
      setRules(r.ok ? r.value : null);
      setError(r.ok ? null : r.error);
    });
    return () => {
      superseded = true;
    };
  }, [attempt]);

  const retry = useCallback(() => {
    setError(null);
    setAttempt((n) => n + 1);
  }, []);

  const value = useMemo((): RuleCatalog => {
    const byId = new Map((rules ?? []).map((r) => [r.id, r]));
    return {
      rules,
      error,
      rule: (id) => byId.get(id),
      title: (id) => {
        const r = byId.get(id);
        return r ? localized(r.title, lang) : id;
      },
      retry,
    };
  }, [rules, error, lang, retry]);

  return <RuleCatalogContext.Provider value={value}>{children}</RuleCatalogContext.Provider>;
}

export function useRuleCatalog(): RuleCatalog {
  const ctx = useContext(RuleCatalogContext);
  if (!ctx) throw new Error('useRuleCatalog outside RuleCatalogProvider');
  return ctx;
}
