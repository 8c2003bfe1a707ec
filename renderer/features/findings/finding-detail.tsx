import { useMemo } from 'react';
import type { Finding } from '../../../analytics/api';
import { shortLocalTime } from '../../charts/local-time';
import { useI18n } from '../../i18n/i18n-context';
import { localized } from '../../i18n/localized';
import { SeverityBadge } from '../../ui/severity-badge';
import { ShortHash } from '../../ui/short-hash';
import { useRuleCatalog } from '../rules/rule-catalog-context';
import { EvidenceTable } from './evidence-table';
import { FindingChart } from './finding-chart';
import { FindingParamsTable } from './finding-params-table';
import { findingSummary } from './finding-summary';
import { findingSpan } from './finding-window';
import { siteLabel } from './site-label';

interface FindingDetailProps {
  readonly finding: Finding;
  readonly onClose: () => void;
}

/** Everything needed to judge one finding and to reproduce it: why, evidence, parameters, inputs. */
export function FindingDetail({ finding: f, onClose }: FindingDetailProps) {
  const i18n = useI18n();
  const { t, lang, formatNumber } = i18n;
  const catalog = useRuleCatalog();
  const rule = catalog.rule(f.ruleId);
  const span = useMemo(() => findingSpan(f.start, f.end), [f.start, f.end]);
  const hours = span ? (span.to - span.from) / 3_600_000 : null;
  const summary = findingSummary(f, lang);

  return (
    <section
      className="panel finding-detail"
      aria-labelledby="finding-detail-heading"
      data-testid="finding-detail"
      data-finding-id={f.findingId}
    >
      <div className="panel-head">
        <SeverityBadge severity={f.severity} />
        <h2 id="finding-detail-heading" data-testid="finding-rule-title">
          {catalog.title(f.ruleId)}
        </h2>
        <span className="mono muted">
          {f.ruleId} · v{f.ruleVersion}
        </span>
        <button type="button" className="button button-quiet" onClick={onClose} data-testid="close-finding">
          {t('finding.close')}
        </button>
      </div>
      <p className="finding-summary" data-testid="finding-summary">
        {summary}
      </p>

      <dl className="facts-grid">
        <div>
          <dt>{t('finding.legalCategory')}</dt>
          <dd>{rule ? i18n.tMaybe(`legal.${rule.legalCategory}`, rule.legalCategory) : '—'}</dd>
        </div>
        <div className="facts-wide">
          <dt>{t('finding.legalBasis')}</dt>
          <dd>{rule ? localized(rule.legalBasis, lang) : '—'}</dd>
        </div>
        <div>
          <dt>{t('finding.site')}</dt>
          <dd>{siteLabel(f, t)}</dd>
        </div>
        <div>
          <dt>{t('finding.outlet')}</dt>
          <dd className="mono">{[f.outletId, f.deviceId].filter(Boolean).join(' / ') || '—'}</dd>
        </div>
        <div>
          <dt>{t('finding.code')}</dt>
          <dd className="mono">{f.code ?? '—'}</dd>
        </div>
        <div className="facts-wide">
          <dt>{t('finding.period')}</dt>
          <dd className="mono" data-testid="finding-period">
            {f.start ? shortLocalTime(f.start) : '—'} – {f.end ? shortLocalTime(f.end) : '—'}
            {hours !== null && hours > 0 && (
              <span className="muted"> ({t('finding.hours', { n: formatNumber(hours, 2) })})</span>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('finding.score')}</dt>
          <dd>{f.score === null ? '—' : formatNumber(f.score, 3)}</dd>
        </div>
        <div>
          <dt>{t('finding.id')}</dt>
          <dd className="mono" title={f.runId}>
            {f.findingId}
          </dd>
        </div>
      </dl>

      {f.outletId && f.code && span && (
        <FindingChart outletId={f.outletId} code={f.code} seriesId={f.seriesId} span={span} />
      )}

      <div className="detail-columns">
        <section aria-labelledby="finding-why-heading" data-testid="finding-why">
          <h3 id="finding-why-heading">{t('finding.why')}</h3>
          {rule && <p className="prose">{localized(rule.rationale, lang)}</p>}
          <p className="prose">
            {/* The template ends the sentence itself. */}
            {t('finding.why.here', { summary: summary.replace(/[。.]\s*$/, '') })}
          </p>
          <EvidenceTable evidence={f.evidence} />
          {rule && (
            <details className="pitfalls">
              <summary>{t('rule.pitfalls')}</summary>
              <p className="prose">{localized(rule.pitfalls, lang)}</p>
            </details>
          )}
        </section>
        <section aria-labelledby="finding-params-heading">
          <h3 id="finding-params-heading">{t('finding.params')}</h3>
          <FindingParamsTable params={f.params} rule={rule} />
          <h3>{t('finding.inputs', { n: f.inputHashes.length })}</h3>
          <ul className="hash-list" data-testid="finding-inputs">
            {f.inputHashes.map((h) => (
              <li key={h}>
                <ShortHash hash={h} />
              </li>
            ))}
          </ul>
        </section>
      </div>
    </section>
  );
}
