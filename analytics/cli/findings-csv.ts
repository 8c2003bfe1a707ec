import type { Finding } from '../api/domain';

/** The findings CSV columns promised to report writers (issue: detection catalog). */
export const FINDINGS_CSV_COLUMNS = [
  'finding_id',
  'rule_id',
  'rule_version',
  'severity',
  'site_id',
  'outlet_id',
  'device_id',
  'code',
  'start',
  'end',
  'score',
  'summary',
] as const;

function cell(value: string | number | null): string {
  if (value === null) return '';
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

const isoLocal = (t: string | null) => (t === null ? null : t.replace(' ', 'T'));

/**
 * RFC 4180 CSV, UTF-8 with a BOM so Excel on a Chinese Windows opens it correctly. Times are local
 * ISO (`2025-10-07T18:00:00`); empty where not applicable.
 */
export function findingsCsv(findings: readonly Finding[], lang: 'zh' | 'en'): string {
  const lines = [FINDINGS_CSV_COLUMNS.join(',')];
  for (const f of findings) {
    lines.push(
      [
        f.findingId,
        f.ruleId,
        f.ruleVersion,
        f.severity,
        f.siteId,
        f.outletId,
        f.deviceId,
        f.code,
        isoLocal(f.start),
        isoLocal(f.end),
        f.score,
        lang === 'zh' ? f.summaryZh : f.summaryEn,
      ]
        .map(cell)
        .join(','),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
