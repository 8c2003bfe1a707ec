import type { MessageParams } from '../../i18n/language';
import type { MessageKey } from '../../i18n/messages-zh';

/** "某某化工 (S001)", the id alone for a site without a registered name, or a dash. */
export function siteLabel(
  s: { readonly siteId: string | null; readonly siteName: string | null },
  t: (key: MessageKey, params?: MessageParams) => string,
): string {
  if (s.siteName && s.siteId) return `${s.siteName} (${s.siteId})`;
  return s.siteName ?? s.siteId ?? t('finding.noSite');
}
