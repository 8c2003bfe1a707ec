import type { Finding } from '../../../analytics/api';
import type { Language } from '../../i18n/language';

/** The rule's one-line summary in the current language (Chinese when a rule wrote no English). */
export function findingSummary(f: Finding, lang: Language): string {
  return lang === 'en' && f.summaryEn ? f.summaryEn : f.summaryZh;
}
