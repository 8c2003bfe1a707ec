import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppInfo, CaseSummary } from '../../analytics/api';
import { analystBridge, missingToken } from '../api/analyst-bridge';
import { invoke } from '../api/invoke';
import { CaseScreen } from '../features/case/case-screen';
import { JobProgressBar } from '../features/jobs/job-progress-bar';
import { useJobs } from '../features/jobs/job-context';
import { rememberCase } from '../features/start/recent-cases';
import { StartScreen } from '../features/start/start-screen';
import { useI18n } from '../i18n/i18n-context';
import { LanguageSwitch } from '../i18n/language-switch';
import { ErrorBanner } from '../ui/error-banner';
import { NoticeArea } from './notice-area';
import { useNotice } from './notice-context';
import { useShortcut } from './use-shortcut';

type View = 'start' | 'case';

export function App() {
  const { t } = useI18n();
  const notice = useNotice();
  const { job } = useJobs();
  const [summary, setSummary] = useState<CaseSummary | null>(null);
  const [view, setView] = useState<View>('start');
  const [info, setInfo] = useState<AppInfo | null>(null);
  const pathInput = useRef<HTMLInputElement>(null);
  const { showError } = notice;

  useEffect(() => {
    if (missingToken()) return;
    // The host keeps the open case across page reloads: pick it up instead of showing an empty start.
    void invoke('app:info', {}).then((r) => {
      if (r.ok) setInfo(r.value);
      else showError('error.action.app:info', r.error);
    });
    void invoke('case:summary', {}).then((r) => {
      if (r.ok && r.value) {
        setSummary(r.value);
        setView('case');
      }
    });
  }, [showError]);

  const opened = useCallback((s: CaseSummary) => {
    rememberCase({ path: s.path, name: s.name, openedAt: Date.now() });
    setSummary(s);
    setView('case');
  }, []);

  const closeCase = async () => {
    notice.clear();
    const r = await invoke('case:close', {});
    if (!r.ok) {
      showError('error.action.case:close', r.error);
      return;
    }
    setSummary(null);
    setView('start');
  };

  const showStart = () => {
    setView('start');
    // After the start screen is shown; it may already be, then just move the focus.
    requestAnimationFrame(() => pathInput.current?.focus());
  };
  useShortcut({ key: 'o', mod: true }, showStart, job === null);

  return (
    <div className="app">
      <header className="app-header">
        <span className="app-title">{t('app.title')}</span>
        {summary && view === 'start' && (
          <button
            type="button"
            className="button button-quiet"
            onClick={() => setView('case')}
            data-testid="back-to-case"
          >
            {t('app.backToCase')}: {summary.name}
          </button>
        )}
        <span className="spacer" />
        <button
          type="button"
          className="button button-quiet"
          onClick={showStart}
          disabled={job !== null}
          title={t('app.open.title')}
          data-testid="show-start"
        >
          {t('app.open')}
        </button>
        <span className="mode-badge">
          {t(analystBridge().mode === 'desktop' ? 'app.mode.desktop' : 'app.mode.browser')}
        </span>
        <LanguageSwitch />
      </header>
      <JobProgressBar />
      <div className="notices">
        {missingToken() && (
          <ErrorBanner
            action={t('error.action.app:info')}
            error={{ code: 'unauthorized', message: 'No analyst-token meta tag in index.html.' }}
          />
        )}
        <NoticeArea />
      </div>
      <main className="app-main">
        {view === 'start' && <StartScreen pathInputRef={pathInput} onOpened={opened} />}
        {summary && (
          <CaseScreen
            key={summary.path}
            summary={summary}
            hidden={view !== 'case'}
            onSummary={setSummary}
            onClose={() => void closeCase()}
          />
        )}
      </main>
      <footer className="app-footer muted">
        {info &&
          t('app.version', { version: info.version, schema: info.schemaVersion, duckdb: info.duckdbVersion })}
      </footer>
    </div>
  );
}
