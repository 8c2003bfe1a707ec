import type { ImportReport } from '../../../analytics/api';
import { useI18n } from '../../i18n/i18n-context';
import { FileReportItem } from './file-report-item';

interface ImportReportViewProps {
  readonly report: ImportReport;
  readonly onDismiss: () => void;
}

export function ImportReportView({ report, onDismiss }: ImportReportViewProps) {
  const { t, formatNumber } = useI18n();
  return (
    <section className="panel" aria-labelledby="import-report-heading" data-testid="import-report">
      <div className="panel-head">
        <h2 id="import-report-heading">{t('report.heading')}</h2>
        <p className="muted" data-testid="report-summary">
          {t('report.summary', {
            loaded: formatNumber(report.rowsLoaded),
            rejected: formatNumber(report.rowsRejected),
            files: report.files.length,
            seconds: formatNumber(report.seconds, 1),
          })}
        </p>
        <button
          type="button"
          className="button button-quiet"
          onClick={onDismiss}
          data-testid="dismiss-report"
        >
          {t('report.dismiss')}
        </button>
      </div>
      <span hidden data-testid="report-rows-loaded" data-value={report.rowsLoaded} />
      <span hidden data-testid="report-rows-rejected" data-value={report.rowsRejected} />
      <ul className="file-reports">
        {report.files.map((f, i) => (
          <FileReportItem key={`${f.file}-${i}`} report={f} />
        ))}
      </ul>
    </section>
  );
}
