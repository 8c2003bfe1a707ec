import type { ScreeningReport } from '../../../analytics/api';
import { useI18n } from '../../i18n/i18n-context';
import { useRuleCatalog } from '../rules/rule-catalog-context';

interface ScreeningReportViewProps {
  readonly report: ScreeningReport;
  /** Show the findings of one rule. */
  readonly onRule: (ruleId: string) => void;
  readonly onDismiss: () => void;
}

/**
 * What the run did, rule by rule: findings and seconds of each rule with findings, in columns, and
 * the silent rest of a catalog of dozens folded into one line, so the report does not push the
 * findings off the screen.
 */
export function ScreeningReportView({ report, onRule, onDismiss }: ScreeningReportViewProps) {
  const { t, formatNumber } = useI18n();
  const catalog = useRuleCatalog();
  const hits = report.rules.filter((r) => r.findings > 0).sort((a, b) => b.findings - a.findings);
  const silent = report.rules.filter((r) => r.findings === 0);
  const built = report.passes.filter((p) => p.built);
  return (
    <section className="panel" aria-labelledby="screening-report-heading" data-testid="screening-report">
      <div className="panel-head">
        <h2 id="screening-report-heading">{t('screening.report.heading')}</h2>
        <p className="muted" data-testid="screening-summary" data-findings={report.findings}>
          {t('screening.report.summary', {
            findings: formatNumber(report.findings),
            rules: report.rules.length,
            files: report.inputHashes.length,
            seconds: formatNumber(report.seconds, 1),
          })}
        </p>
        <p className="muted" data-testid="screening-passes" data-built={built.length}>
          {built.length > 0
            ? t('screening.report.passesBuilt', {
                n: built.length,
                seconds: formatNumber(
                  built.reduce((s, p) => s + p.seconds, 0),
                  1,
                ),
              })
            : t('screening.report.passesReused', { n: report.passes.length })}
        </p>
        <span className="mono muted" title={t('screening.report.runId')}>
          {report.runId}
        </span>
        <button
          type="button"
          className="button button-quiet"
          onClick={onDismiss}
          data-testid="dismiss-screening-report"
        >
          {t('report.dismiss')}
        </button>
      </div>
      {hits.length > 0 && (
        <ul className="rule-results" aria-label={t('screening.report.rules')}>
          {hits.map((r) => (
            <li
              key={r.ruleId}
              className="rule-result"
              data-testid="screening-rule-row"
              data-rule-id={r.ruleId}
              data-findings={r.findings}
              title={`${r.ruleId} v${r.version}`}
            >
              <span className="rule-result-title">{catalog.title(r.ruleId)}</span>
              <button
                type="button"
                className="link-button num"
                title={t('screening.report.showFindings')}
                onClick={() => onRule(r.ruleId)}
              >
                {formatNumber(r.findings)}
              </button>
              <span className="muted num">{t('duration.seconds', { s: formatNumber(r.seconds, 2) })}</span>
            </li>
          ))}
        </ul>
      )}
      {silent.length > 0 && (
        <details className="report-silent">
          <summary>{t('screening.report.silent', { n: silent.length })}</summary>
          <p className="facts">
            {silent.map((r, i) => (
              <span
                key={r.ruleId}
                data-testid="screening-rule-row"
                data-rule-id={r.ruleId}
                data-findings={0}
                title={`${r.ruleId} ${r.version}`}
              >
                {i > 0 && ' · '}
                {catalog.title(r.ruleId)} ({t('duration.seconds', { s: formatNumber(r.seconds, 2) })})
              </span>
            ))}
          </p>
        </details>
      )}
    </section>
  );
}
