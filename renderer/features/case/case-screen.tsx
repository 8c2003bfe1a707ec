import { useCallback, useState, type ReactNode } from 'react';
import type {
  CaseSummary,
  ImportPreview,
  ImportReport,
  MappingTemplate,
  ScreeningReport,
} from '../../../analytics/api';
import { invoke } from '../../api/invoke';
import { useI18n } from '../../i18n/i18n-context';
import { NO_FILTER, type FindingsFilter } from '../findings/findings-filter';
import { FindingsView } from '../findings/findings-view';
import { useJobs } from '../jobs/job-context';
import { RankingView } from '../ranking/ranking-view';
import { RulesView } from '../rules/rules-view';
import { ScreenButton } from '../screening/screen-button';
import { ScreeningReportView } from '../screening/screening-report-view';
import { useScreening } from '../screening/use-screening';
import { SeriesPanel } from '../series/series-panel';
import { CaseCounts } from './case-counts';
import { CASE_TABS, type CaseTab } from './case-tab';
import { CaseTabs, panelId, tabId } from './case-tabs';
import { ImportButton } from './import-button';
import { ImportReportView } from './import-report-view';
import { SourcesTable } from './sources-table';
import { useHashTab } from './use-hash-tab';
import { MappingWizard, type MappingChoice } from './mapping-wizard';
import { useImport, type AskMapping } from './use-import';

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
  const [tab, selectTab] = useHashTab();
  // A view is mounted on its first visit and then kept, so its scroll, zoom and selection survive.
  const [visited, setVisited] = useState<ReadonlySet<CaseTab>>(() => new Set([tab]));
  if (!visited.has(tab)) setVisited(new Set([...visited, tab]));
  const [importReport, setImportReport] = useState<ImportReport | null>(null);
  const [screeningReport, setScreeningReport] = useState<ScreeningReport | null>(null);
  const [filter, setFilter] = useState<FindingsFilter>(NO_FILTER);
  // The last run's id, apart from the report: dismissing the report must not reload the findings.
  const [lastRun, setLastRun] = useState<string | null>(null);

  const onImportReport = useCallback(
    (report: ImportReport) => {
      setImportReport(report);
      // New data means new series: show them (the report stays above the tabs).
      selectTab('series');
    },
    [selectTab],
  );
  const [mappingStep, setMappingStep] = useState<{
    readonly previews: readonly ImportPreview[];
    readonly templates: readonly MappingTemplate[];
    readonly resolve: (choices: readonly MappingChoice[] | null) => void;
  } | null>(null);
  const askMapping = useCallback<AskMapping>(async (previews) => {
    // Without the list (e.g. a host with no data directory) the wizard simply offers none.
    const listed = await invoke('templates:list', {});
    const templates = listed.ok ? listed.value : [];
    return new Promise((resolve) => setMappingStep({ previews, templates, resolve }));
  }, []);
  const finishMapping = (choices: readonly MappingChoice[] | null) => {
    mappingStep?.resolve(choices);
    setMappingStep(null);
  };
  const runImport = useImport(onImportReport, onSummary, askMapping);

  const onScreened = useCallback(
    (report: ScreeningReport, next: CaseSummary | null) => {
      setScreeningReport(report);
      setLastRun(report.runId);
      if (next) onSummary(next);
      setFilter(NO_FILTER);
      selectTab('findings');
    },
    [onSummary, selectTab],
  );
  const runScreening = useScreening(onScreened);

  const showFindings = (next: FindingsFilter) => {
    setFilter(next);
    selectTab('findings');
  };

  const c = summary.counts;
  // Findings and ranking reload when the findings may have changed: a run, or data under them.
  const findingsKey = `${summary.path}|${c.readings}|${c.findings}|${lastRun ?? ''}`;

  const panels: Readonly<Record<CaseTab, () => ReactNode>> = {
    overview: () => (
      <>
        <CaseCounts counts={summary.counts} />
        <section className="panel" aria-labelledby="sources-heading">
          <h2 id="sources-heading">
            {t('sources.heading')} <span className="muted">({summary.sources.length})</span>
          </h2>
          <SourcesTable sources={summary.sources} />
        </section>
      </>
    ),
    series: () => <SeriesPanel refreshKey={`${summary.path}|${c.series}|${c.readings}`} />,
    findings: () => <FindingsView filter={filter} onFilter={setFilter} refreshKey={findingsKey} />,
    ranking: () => (
      <RankingView
        refreshKey={findingsKey}
        onOpen={(siteId, ruleId) => showFindings({ ...NO_FILTER, siteId, ruleId: ruleId ?? null })}
      />
    ),
    rules: () => <RulesView />,
  };

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
            disabled={job !== null || mappingStep !== null}
            shortcutEnabled={!hidden}
            onImport={(files) => void runImport(files)}
          />
          <ScreenButton
            disabled={job !== null}
            shortcutEnabled={!hidden}
            onScreen={() => void runScreening()}
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

      {mappingStep && (
        <MappingWizard
          previews={mappingStep.previews}
          templates={mappingStep.templates}
          onImport={(choices) => finishMapping(choices)}
          onCancel={() => finishMapping(null)}
        />
      )}
      {importReport && <ImportReportView report={importReport} onDismiss={() => setImportReport(null)} />}
      {screeningReport && (
        <ScreeningReportView
          report={screeningReport}
          onRule={(ruleId) => showFindings({ ...NO_FILTER, ruleId })}
          onDismiss={() => setScreeningReport(null)}
        />
      )}

      <CaseTabs
        tab={tab}
        onSelect={selectTab}
        counts={{ series: c.series, findings: c.findings }}
        shortcutsEnabled={!hidden}
      />
      {CASE_TABS.filter((name) => visited.has(name)).map((name) => (
        <div
          key={name}
          role="tabpanel"
          id={panelId(name)}
          aria-labelledby={tabId(name)}
          className="tab-panel"
          hidden={tab !== name}
          data-testid={`panel-${name}`}
        >
          {panels[name]()}
        </div>
      ))}
    </div>
  );
}
