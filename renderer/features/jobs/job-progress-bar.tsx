import { useEffect, useState } from 'react';
import type { ProgressEvent } from '../../../analytics/api';
import { useShortcut } from '../../app/use-shortcut';
import { useI18n, type I18n } from '../../i18n/i18n-context';
import { formatBytes } from '../../ui/format-bytes';
import { useRuleCatalog } from '../rules/rule-catalog-context';
import { useJobs } from './job-context';

/** A count with its unit: sizes as KB/MB, everything else as a number and a translated unit. */
function quantity(i18n: I18n, value: number, unit: ProgressEvent['unit']): string {
  return unit === 'bytes' ? formatBytes(value) : `${i18n.formatNumber(value)} ${i18n.t(`unit.${unit}`)}`;
}

function doneOfTotal(i18n: I18n, done: number, total: number, unit: ProgressEvent['unit']): string {
  if (unit === 'bytes') return `${formatBytes(done)} / ${formatBytes(total)}`;
  return `${i18n.formatNumber(done)} / ${i18n.formatNumber(total)} ${i18n.t(`unit.${unit}`)}`;
}

/** The running job: what, how far, how fast, how long still, and the way out (Cancel / Esc). */
export function JobProgressBar() {
  const i18n = useI18n();
  const { t, tMaybe } = i18n;
  const { job, cancel } = useJobs();
  const catalog = useRuleCatalog();
  const [now, setNow] = useState(() => Date.now());

  useShortcut({ key: 'Escape' }, cancel, job !== null);

  useEffect(() => {
    if (!job) return;
    // Elapsed time keeps moving even when the host is silent in a long phase.
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [job]);

  if (!job) return null;
  const p = job.progress;
  const item = p?.item ?? job.item;
  // Screening reports the rule id it runs: the analyst reads the rule's title, the id stays on hover.
  const itemText = item && job.kind === 'screening:run' && p?.phase === 'rule' ? catalog.title(item) : item;
  const fraction = p && p.total ? Math.min(1, p.done / p.total) : null;
  const elapsed = Math.max(0, (now - job.startedAt) / 1000);
  // Steps and rules differ too much in size for a rate to say anything.
  const showRate = p?.rate != null && p.unit !== 'steps' && p.unit !== 'rules';

  return (
    <section className="job-bar" data-testid="job-progress" aria-live="polite">
      <div className="job-text">
        <strong>{t(`job.${job.kind}`)}</strong>
        {item && (
          <span className={`job-item ${itemText === item ? 'mono' : ''}`} title={item} data-testid="job-item">
            {itemText}
          </span>
        )}
        <span>
          {p ? tMaybe(`phase.${p.phase}`, p.phase) : job.item ? '' : t('job.starting')}
          {p && p.total !== null && ` · ${doneOfTotal(i18n, p.done, p.total, p.unit)}`}
        </span>
        {showRate && p.rate !== null && (
          <span>{t('job.rate', { rate: quantity(i18n, p.rate, p.unit) })}</span>
        )}
        {p?.etaSeconds != null && <span>{t('job.eta', { eta: i18n.formatDuration(p.etaSeconds) })}</span>}
        <span className="muted">{t('job.elapsed', { elapsed: i18n.formatDuration(elapsed) })}</span>
      </div>
      <div
        className={`progress ${fraction === null ? 'progress-indeterminate' : ''}`}
        role="progressbar"
        aria-label={t(`job.${job.kind}`)}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={fraction === null ? undefined : Math.round(fraction * 100)}
      >
        <div
          className="progress-fill"
          style={fraction === null ? undefined : { width: `${fraction * 100}%` }}
        />
      </div>
      <button
        type="button"
        className="button"
        onClick={cancel}
        disabled={job.cancelling}
        title={t('job.cancel.title')}
        data-testid="cancel-job"
      >
        {job.cancelling ? t('job.cancelling') : t('job.cancel')}
      </button>
    </section>
  );
}
