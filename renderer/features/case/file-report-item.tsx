import type { FileImportReport } from '../../../analytics/api';
import { useI18n } from '../../i18n/i18n-context';
import { rejectionReason } from '../../i18n/rejection-reason';
import { baseName } from '../../ui/base-name';

const STATUS_TONE: Readonly<Record<FileImportReport['status'], string>> = {
  imported: 'badge-ok',
  'already-imported': 'badge-neutral',
  failed: 'badge-error',
  cancelled: 'badge-neutral',
};

export function FileReportItem({ report: f }: { readonly report: FileImportReport }) {
  const { t, formatNumber } = useI18n();
  const n = (v: number) => ({ n: formatNumber(v) });
  const facts = [
    t('report.rowsRead', n(f.rowsRead)),
    t('report.rowsLoaded', n(f.rowsLoaded)),
    t('report.rowsRejected', n(f.rowsRejected)),
    t('report.duplicates', n(f.duplicates)),
    f.conflictingDuplicates > 0 ? t('report.conflicting', n(f.conflictingDuplicates)) : null,
    t('report.seriesFound', n(f.seriesFound)),
    f.timeSpan ? t('report.timeSpan', f.timeSpan) : null,
    t('report.formatEncoding', { format: f.format, encoding: f.encoding }),
    f.packets !== undefined ? t('report.packets', n(f.packets)) : null,
    f.crc ? t('report.crc', f.crc) : null,
  ].filter((x): x is string => x !== null);

  return (
    <li className="file-report" data-testid="file-report" data-status={f.status}>
      <div className="file-report-head">
        <span className={`badge ${STATUS_TONE[f.status]}`}>{t(`report.status.${f.status}`)}</span>
        <strong title={f.file}>{baseName(f.file)}</strong>
        {f.sha256 && (
          <span className="mono muted" title={f.sha256}>
            {f.sha256.slice(0, 12)}…
          </span>
        )}
      </div>
      <p className="facts">{facts.join(' · ')}</p>
      {f.error && (
        <p className="field-error" role="alert">
          {t('report.error')}: {f.error}
        </p>
      )}
      {f.warnings.length > 0 && (
        <div className="report-list">
          <span className="label">{t('report.warnings')}</span>
          <ul>
            {f.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
      )}
      {f.unmappedColumns.length > 0 && (
        <p className="facts">
          <span className="label">{t('report.unmapped')}</span>{' '}
          <span className="mono">{f.unmappedColumns.join(', ')}</span>
        </p>
      )}
      {f.unknownMns.length > 0 && (
        <p className="facts">
          <span className="label">{t('report.unknownMns')}</span>{' '}
          <span className="mono">{f.unknownMns.join(', ')}</span>
        </p>
      )}
      {f.rejectedSample.length > 0 && (
        <table className="table table-compact" data-testid="rejected-sample">
          <caption>{t('report.rejected', { n: f.rejectedSample.length })}</caption>
          <thead>
            <tr>
              <th scope="col" className="num">
                {t('report.row')}
              </th>
              <th scope="col">{t('report.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {f.rejectedSample.map((r) => (
              <tr key={r.row}>
                <td className="num mono">{r.row}</td>
                <td title={r.reason}>{rejectionReason(r.reason, t)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </li>
  );
}
