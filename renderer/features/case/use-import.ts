import { useCallback } from 'react';
import type {
  CaseSummary,
  ImportPreview,
  ImportReport,
  PickedFile,
  RequestOf,
  Result,
} from '../../../analytics/api';
import { analystBridge } from '../../api/analyst-bridge';
import { invoke } from '../../api/invoke';
import { useNotice } from '../../app/notice-context';
import { formatBytes } from '../../ui/format-bytes';
import { useJobs } from '../jobs/job-context';
import type { MappingChoice } from './mapping-wizard';

/** Shows the mapping step for these files; resolves with the analyst's choices, or null on cancel. */
export type AskMapping = (previews: readonly ImportPreview[]) => Promise<readonly MappingChoice[] | null>;

function uploadLabel(files: readonly PickedFile[]): string {
  const bytes = files.reduce((sum, f) => sum + f.size, 0);
  return `${files.map((f) => f.name).join(', ')} (${formatBytes(bytes)})`;
}

/**
 * Import = pick (browser mode: upload the chosen Files; desktop: native dialog), preview each file,
 * the mapping step for files of no documented format, then `import:files` as a cancellable job,
 * then refresh the case summary so counts and sources match the report.
 */
export function useImport(
  onReport: (report: ImportReport) => void,
  onSummary: (summary: CaseSummary) => void,
  askMapping: AskMapping,
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
      const previews: ImportPreview[] = [];
      for (const p of picked.value) {
        const preview = await invoke('import:preview', { path: p });
        if (!preview.ok) {
          notice.showError('error.action.import:preview', preview.error);
          return;
        }
        previews.push(preview.value);
      }
      // Documented formats and unreadable files go straight to the import (which reports the latter).
      const toMap = previews.filter(
        (p) =>
          p.documentedFormat === null &&
          (p.container === 'delimited' || p.container === 'xlsx' || p.container === 'parquet'),
      );
      const mappings: NonNullable<RequestOf<'import:files'>['mappings']> = [];
      if (toMap.length > 0) {
        const choices = await askMapping(toMap);
        if (choices === null) {
          notice.showInfo('job.cancelled');
          return;
        }
        for (const c of choices) {
          if (c.templateName === '') {
            mappings.push({ path: c.path, mapping: c.mapping });
            continue;
          }
          const saved = await invoke('templates:save', {
            name: c.templateName,
            shapeKey: c.shapeKey,
            mapping: c.mapping,
          });
          if (!saved.ok) {
            notice.showError('mapping.template.saveFailed', saved.error);
            return;
          }
          // By name, so the file's report records the template it was read with.
          mappings.push({ path: c.path, template: saved.value.name });
        }
      }
      const result = await jobs.run('import:files', {
        paths: picked.value,
        ...(mappings.length > 0 ? { mappings } : {}),
      });
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
    [jobs, notice, onReport, onSummary, askMapping],
  );
}
