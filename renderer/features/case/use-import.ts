import { useCallback } from 'react';
import type { CaseSummary, ImportReport, PickedFile, Result } from '../../../analytics/api';
import { analystBridge } from '../../api/analyst-bridge';
import { invoke } from '../../api/invoke';
import { useNotice } from '../../app/notice-context';
import { formatBytes } from '../../ui/format-bytes';
import { useJobs } from '../jobs/job-context';

function uploadLabel(files: readonly PickedFile[]): string {
  const bytes = files.reduce((sum, f) => sum + f.size, 0);
  return `${files.map((f) => f.name).join(', ')} (${formatBytes(bytes)})`;
}

/**
 * Import = pick (browser mode: upload the chosen Files; desktop: native dialog), then `import:files`
 * as a cancellable job, then refresh the case summary so counts and sources match the report.
 */
export function useImport(
  onReport: (report: ImportReport) => void,
  onSummary: (summary: CaseSummary) => void,
) {
  const jobs = useJobs();
  const notice = useNotice();

  return useCallback(
    async (files?: readonly PickedFile[]) => {
      notice.clear();
      const bridge = analystBridge();
      const pick = (): Promise<Result<string[]>> => bridge.pickFiles(files);
      // A native dialog is modal and needs no progress; an upload of a big export does.
      const picked =
        bridge.mode === 'browser' ? await jobs.track('upload', pick, uploadLabel(files ?? [])) : await pick();
      if (!picked.ok) {
        if (picked.error.code === 'cancelled') notice.showInfo('job.cancelled');
        else notice.showError('error.action.upload', picked.error);
        return;
      }
      if (picked.value.length === 0) return; // nothing chosen
      const result = await jobs.run('import:files', { paths: picked.value });
      if (!result.ok) {
        if (result.error.code === 'cancelled') notice.showInfo('job.cancelled');
        else notice.showError('error.action.import:files', result.error);
        return;
      }
      onReport(result.value);
      const summary = await invoke('case:summary', {});
      if (!summary.ok) notice.showError('case.refresh.failed', summary.error);
      else if (summary.value) onSummary(summary.value);
    },
    [jobs, notice, onReport, onSummary],
  );
}
