import { en } from './messages-en';
import { zh, type Catalog, type MessageKey } from './messages-zh';

export type Language = 'zh' | 'en';

export const catalogs: Readonly<Record<Language, Catalog>> = { zh, en };

/** BCP 47 tags for `<html lang>` and Intl formatting. */
export const localeOf: Readonly<Record<Language, string>> = { zh: 'zh-CN', en: 'en-US' };

export type MessageParams = Readonly<Record<string, string | number>>;

export function translate(lang: Language, key: MessageKey, params?: MessageParams): string {
  const text = catalogs[lang][key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

const STORAGE_KEY = 'analyst.language';

export function storedLanguage(): Language {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh'; // storage can be disabled by policy on bureau PCs: fall back to the default
  }
}

export function storeLanguage(lang: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Not persisting the choice is harmless; the switch still works for this session.
  }
}
