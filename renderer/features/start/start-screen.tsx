import { useState, type RefObject } from 'react';
import type { CaseSummary } from '../../../analytics/api';
import { invoke } from '../../api/invoke';
import { useNotice } from '../../app/notice-context';
import { useI18n } from '../../i18n/i18n-context';
import { useJobs } from '../jobs/job-context';
import { casePathProblem, cleanCasePath, type CasePathProblem } from './case-path';
import { RecentCaseList } from './recent-case-list';

interface StartScreenProps {
  readonly pathInputRef: RefObject<HTMLInputElement | null>;
  readonly onOpened: (summary: CaseSummary) => void;
}

export function StartScreen({ pathInputRef, onOpened }: StartScreenProps) {
  const { t } = useI18n();
  const notice = useNotice();
  const jobs = useJobs();
  const [path, setPath] = useState('');
  const [problem, setProblem] = useState<CasePathProblem | null>(null);
  const [pending, setPending] = useState<'case:create' | 'case:open' | null>(null);
  const busy = pending !== null || jobs.job !== null;

  async function openOrCreate(channel: 'case:create' | 'case:open', rawPath: string) {
    const cleaned = cleanCasePath(rawPath);
    const found = casePathProblem(cleaned);
    setProblem(found);
    if (found) {
      pathInputRef.current?.focus();
      return;
    }
    setPending(channel);
    notice.clear();
    const result = await invoke(channel, { path: cleaned });
    setPending(null);
    if (result.ok) onOpened(result.value);
    else notice.showError(`error.action.${channel}`, result.error);
  }

  async function openDemo() {
    notice.clear();
    const result = await jobs.run('case:openDemo', {});
    if (result.ok) onOpened(result.value);
    else if (result.error.code === 'cancelled') notice.showInfo('job.cancelled');
    else notice.showError('error.action.case:openDemo', result.error);
  }

  return (
    <div className="start-screen">
      <h1 data-testid="start-heading">{t('start.heading')}</h1>
      <div className="start-grid">
        <section className="panel" aria-labelledby="start-file-heading">
          <h2 id="start-file-heading">{t('start.file.heading')}</h2>
          <form
            className="path-form"
            onSubmit={(e) => {
              e.preventDefault();
              void openOrCreate('case:open', path);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                void openOrCreate('case:create', path);
              }
            }}
          >
            <label htmlFor="case-path">{t('start.path.label')}</label>
            <input
              id="case-path"
              ref={pathInputRef}
              className="input mono"
              data-testid="case-path"
              value={path}
              placeholder={t('start.path.placeholder')}
              spellCheck={false}
              autoComplete="off"
              autoFocus
              aria-invalid={problem !== null}
              aria-describedby="case-path-hint"
              onChange={(e) => {
                setPath(e.target.value);
                setProblem(null);
              }}
            />
            <p id="case-path-hint" className={problem ? 'field-error' : 'hint'} data-testid="case-path-hint">
              {problem
                ? t(problem === 'missing' ? 'start.path.missing' : 'start.path.extension')
                : t('start.path.hint')}
            </p>
            <div className="button-row">
              <button
                type="submit"
                className="button button-primary"
                data-testid="open-case"
                disabled={busy}
                aria-busy={pending === 'case:open'}
                title={t('start.open.title')}
              >
                {t('start.open')}
              </button>
              <button
                type="button"
                className="button"
                data-testid="create-case"
                disabled={busy}
                aria-busy={pending === 'case:create'}
                title={t('start.create.title')}
                onClick={() => void openOrCreate('case:create', path)}
              >
                {t('start.create')}
              </button>
            </div>
          </form>
        </section>

        <section className="panel" aria-labelledby="start-demo-heading">
          <h2 id="start-demo-heading">{t('start.demo.heading')}</h2>
          <p className="hint">{t('start.demo.text')}</p>
          <button
            type="button"
            className="button"
            data-testid="open-demo"
            disabled={busy}
            onClick={() => void openDemo()}
          >
            {t('start.demo.button')}
          </button>
        </section>

        <RecentCaseList disabled={busy} onOpen={(p) => void openOrCreate('case:open', p)} />
      </div>
    </div>
  );
}
