import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { MessageKey } from './messages-zh';
import {
  catalogs,
  localeOf,
  storeLanguage,
  storedLanguage,
  translate,
  type Language,
  type MessageParams,
} from './language';

export interface I18n {
  readonly lang: Language;
  readonly locale: string;
  t(key: MessageKey, params?: MessageParams): string;
  /** Keys built at run time (phase names from the host...): falls back to the raw text when unknown. */
  tMaybe(key: string, fallback: string, params?: MessageParams): string;
  setLang(lang: Language): void;
  formatNumber(value: number, maxFractionDigits?: number): string;
  formatDuration(seconds: number): string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { readonly children: ReactNode }) {
  const [lang, setLangState] = useState<Language>(storedLanguage);

  useEffect(() => {
    document.documentElement.lang = localeOf[lang];
    document.title = translate(lang, 'app.title');
  }, [lang]);

  const setLang = useCallback((next: Language) => {
    storeLanguage(next);
    setLangState(next);
  }, []);

  const value = useMemo((): I18n => {
    const locale = localeOf[lang];
    const formats = new Map<number, Intl.NumberFormat>();
    const t = (key: MessageKey, params?: MessageParams) => translate(lang, key, params);
    return {
      lang,
      locale,
      t,
      tMaybe: (key, fallback, params) => (isMessageKey(lang, key) ? translate(lang, key, params) : fallback),
      setLang,
      formatNumber(v, maxFractionDigits = 0) {
        let f = formats.get(maxFractionDigits);
        if (!f) {
          f = new Intl.NumberFormat(locale, { maximumFractionDigits: maxFractionDigits });
          formats.set(maxFractionDigits, f);
        }
        return f.format(v);
      },
      formatDuration(seconds) {
        const s = Math.max(0, Math.round(seconds));
        if (s < 60) return t('duration.seconds', { s });
        if (s < 3600) return t('duration.minutes', { m: Math.floor(s / 60), s: s % 60 });
        return t('duration.hours', { h: Math.floor(s / 3600), m: Math.floor((s % 3600) / 60) });
      },
    };
  }, [lang, setLang]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

function isMessageKey(lang: Language, key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(catalogs[lang], key);
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
