import { useState } from 'react';
import { formatWallTime } from '../../charts/local-time';
import { useI18n } from '../../i18n/i18n-context';
import { forgetCase, loadRecentCases } from './recent-cases';

interface RecentCaseListProps {
  readonly disabled: boolean;
  readonly onOpen: (path: string) => void;
}

/** Shows the local clock time of the last opening: this is the analyst's own PC, not case data. */
function localClock(ms: number): string {
  return formatWallTime(ms - new Date(ms).getTimezoneOffset() * 60_000);
}

export function RecentCaseList({ disabled, onOpen }: RecentCaseListProps) {
  const { t } = useI18n();
  const [recent, setRecent] = useState(loadRecentCases);
  return (
    <section className="panel panel-wide" aria-labelledby="start-recent-heading">
      <h2 id="start-recent-heading">{t('start.recent.heading')}</h2>
      {recent.length === 0 ? (
        <p className="hint">{t('start.recent.empty')}</p>
      ) : (
        <ul className="recent-list" data-testid="recent-cases">
          {recent.map((c) => (
            <li key={c.path}>
              <button
                type="button"
                className="recent-open"
                disabled={disabled}
                title={t('start.recent.open.title', { path: c.path })}
                onClick={() => onOpen(c.path)}
              >
                <span className="recent-name">{c.name}</span>
                <span className="recent-path mono">{c.path}</span>
                <span className="muted">{t('start.recent.openedAt', { time: localClock(c.openedAt) })}</span>
              </button>
              <button
                type="button"
                className="button button-quiet"
                title={t('start.recent.remove.title')}
                onClick={() => setRecent(forgetCase(c.path))}
              >
                {t('start.recent.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
