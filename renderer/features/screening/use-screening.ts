import { useCallback } from 'react';
import type { CaseSummary, ScreeningReport } from '../../../analytics/api';
import { invoke } from '../../api/invoke';
import { useNotice } from '../../app/notice-context';
import { useJobs } from '../jobs/job-context';

/**
 * Screening = `screening:run` over the whole catalog as a cancellable job, then a fresh case summary
 * (the findings count). Report and summary are handed over together, so the views that depend on
 * them reload once.
 */
export function useScreening(onDone: (report: ScreeningReport, summary: CaseSummary | null) => void) {
  const jobs = useJobs();
  const notice = useNotice();

  return useCallback(async () => {
    notice.clear();
    const result = await jobs.run('screening:run', {});
    if (!result.ok) {
      if (result.error.code === 'cancelled') notice.showInfo('screening.cancelled');
      else notice.showError('error.action.screening:run', result.error);
      return;
    }
    const summary = await invoke('case:summary', {});
    if (!summary.ok) notice.showError('screening.refresh.failed', summary.error);
    onDone(result.value, summary.ok ? summary.value : null);
  }, [jobs, notice, onDone]);
}
