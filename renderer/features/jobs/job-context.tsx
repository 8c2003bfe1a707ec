import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import type { ProgressEvent, RequestOf, ResponseOf, Result } from '../../../analytics/api';
import { analystBridge } from '../../api/analyst-bridge';
import { invoke } from '../../api/invoke';
import { newJobId } from '../../api/new-job-id';
import type { JobKind, JobRequest, LongChannel } from './long-channel';

export interface RunningJob {
  readonly kind: JobKind;
  /** Host job id; null for work the host cannot cancel (uploads). */
  readonly jobId: string | null;
  readonly progress: ProgressEvent | null;
  readonly startedAt: number;
  readonly cancelling: boolean;
  /** What local work is about (file names of an upload), shown until the host reports progress. */
  readonly item?: string;
}

interface Jobs {
  readonly job: RunningJob | null;
  /** Run a long channel as the one job of this window, with progress and cancel. */
  run<C extends LongChannel>(channel: C, request: JobRequest<C>): Promise<Result<ResponseOf<C>>>;
  /** Show local work (an upload) as the running job; a cancel makes it resolve as 'cancelled'. */
  track<T>(kind: 'upload', work: () => Promise<Result<T>>, item?: string): Promise<Result<T>>;
  cancel(): void;
}

/** Read through a function: TypeScript keeps the ref's pre-await narrowing otherwise. */
function cancelRequested(ref: { readonly current: RunningJob | null }): boolean {
  return ref.current?.cancelling === true;
}

const JobsContext = createContext<Jobs | null>(null);

const busy = { ok: false, error: { code: 'internal', message: 'Another job is already running.' } } as const;
const cancelled = { ok: false, error: { code: 'cancelled', message: 'Cancelled by the analyst.' } } as const;

/**
 * One job at a time per window: the analyst sees one progress bar and Escape has one meaning. The
 * UI disables job buttons while busy; the ref guards against a shortcut racing a click.
 */
export function JobsProvider({ children }: { readonly children: ReactNode }) {
  const [job, setJob] = useState<RunningJob | null>(null);
  const current = useRef<RunningJob | null>(null);

  const update = useCallback((next: RunningJob | null) => {
    current.current = next;
    setJob(next);
  }, []);

  useEffect(
    () =>
      analystBridge().onProgress((event) => {
        const j = current.current;
        if (j && j.jobId === event.jobId) update({ ...j, progress: event });
      }),
    [update],
  );

  const run = useCallback(
    async <C extends LongChannel>(channel: C, request: JobRequest<C>): Promise<Result<ResponseOf<C>>> => {
      if (current.current) return busy;
      const jobId = newJobId(channel.replace(':', '-'));
      update({ kind: channel, jobId, progress: null, startedAt: Date.now(), cancelling: false });
      try {
        // The spread restores the full request type that Omit<…, 'jobId'> hid from TypeScript.
        return await invoke(channel, { ...request, jobId } as unknown as RequestOf<C>);
      } finally {
        update(null);
      }
    },
    [update],
  );

  const track = useCallback(
    async <T,>(kind: 'upload', work: () => Promise<Result<T>>, item?: string): Promise<Result<T>> => {
      if (current.current) return busy;
      update({
        kind,
        jobId: null,
        progress: null,
        startedAt: Date.now(),
        cancelling: false,
        ...(item ? { item } : {}),
      });
      try {
        const result = await work();
        return cancelRequested(current) ? cancelled : result;
      } finally {
        update(null);
      }
    },
    [update],
  );

  const cancel = useCallback(() => {
    const j = current.current;
    if (!j || j.cancelling) return;
    update({ ...j, cancelling: true });
    if (j.jobId) {
      void invoke('jobs:cancel', { jobId: j.jobId }).then((r) => {
        // The job may have finished a moment before the cancel arrived; then there is nothing to undo.
        if (!r.ok) console.warn(`jobs:cancel failed: ${r.error.message}`);
      });
    }
  }, [update]);

  const api = useMemo(() => ({ job, run, track, cancel }), [job, run, track, cancel]);
  return <JobsContext.Provider value={api}>{children}</JobsContext.Provider>;
}

export function useJobs(): Jobs {
  const ctx = useContext(JobsContext);
  if (!ctx) throw new Error('useJobs outside JobsProvider');
  return ctx;
}
