import { useState } from 'react';
import type { CaseSummary, ImportReport } from '../../../analytics/api';
import { useI18n } from '../../i18n/i18n-context';
import { useJobs } from '../jobs/job-context';
import { SeriesPanel } from '../series/series-panel';
import { CaseCounts } from './case-counts';
import { ImportButton } from './import-button';
import { ImportReportView } from './import-report-view';
import { SourcesTable } from './sources-table';
import { useImport } from './use-import';

interface CaseScreenProps {
  readonly summary: CaseSummary;
  /** Kept mounted while the start screen is shown, so the chart, zoom and report survive a look away. */
  readonly hidden: boolean;
  readonly onSummary: (summary: CaseSummary) => void;
  readonly onClose: () => void;
}

export function CaseScreen({ summary, hidden, onSummary, onClose }: CaseScreenProps) {
  const { t } = useI18n();
  const { job } = useJobs();
  const [report, setReport] = useState<ImportReport | null>(null);
  const runImport = useImport(setReport, onSummary);

  return (
    <div className="case-screen" hidden={hidden} data-testid="case-screen">
      <section className="case-head" aria-labelledby="case-name">
        <div className="case-title">
          <h1 id="case-name" data-testid="case-name">
            {summary.name}
          </h1>
          <p className="muted case-meta">
            <span className="mono" title={summary.path} data-testid="case-path-shown">
              {summary.path}
            </span>
            <span>{t('case.created', { time: summary.createdAt, user: summary.createdBy })}</span>
            <span>{summary.span ? t('case.span', summary.span) : t('case.noData')}</span>
          </p>
        </div>
        <div className="button-row">
          <ImportButton
            disabled={job !== null}
            shortcutEnabled={!hidden}
            onImport={(files) => void runImport(files)}
          />
          <button
            type="button"
            className="button"
            data-testid="close-case"
            disabled={job !== null}
            title={t('case.close.title')}
            onClick={onClose}
          >
            {t('case.close')}
          </button>
        </div>
      </section>

      <CaseCounts counts={summary.counts} />

      {report && <ImportReportView report={report} onDismiss={() => setReport(null)} />}

      <section className="panel" aria-labelledby="sources-heading">
        <h2 id="sources-heading">
          {t('sources.heading')} <span className="muted">({summary.sources.length})</span>
        </h2>
        <SourcesTable sources={summary.sources} />
      </section>

      <SeriesPanel refreshKey={`${summary.path}|${summary.counts.series}|${summary.counts.readings}`} />
    </div>
  );
}
