import type { Language } from './language';

/** Text the host sends in both languages (rule metadata, finding summaries). */
export interface LocalizedText {
  readonly zh: string;
  readonly en: string;
}

export function localized(text: LocalizedText, lang: Language): string {
  return text[lang] || text.zh;
}
