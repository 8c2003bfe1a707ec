import type { I18n } from '../../i18n/i18n-context';

/** Evidence values are whatever the rule's SQL packed: numbers, text, flags, rarely lists. */
export function formatEvidenceValue(value: unknown, i18n: I18n): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number') return Number.isFinite(value) ? i18n.formatNumber(value, 4) : String(value);
  if (typeof value === 'boolean') return i18n.t(value ? 'value.yes' : 'value.no');
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null)) {
    return value.map((v) => formatEvidenceValue(v, i18n)).join(', ');
  }
  return JSON.stringify(value);
}
