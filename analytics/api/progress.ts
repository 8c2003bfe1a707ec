import { z } from 'zod';

/**
 * Long work (import, screening, reports) is identified by a client-chosen job id. The host emits
 * progress events for it and `jobs:cancel` aborts it.
 */
export const JobId = z.string().min(1).max(100);

export const ProgressEvent = z.object({
  jobId: JobId,
  /** What is being done now, e.g. 'read', 'load', 'index' (translated by the UI). */
  phase: z.string(),
  /** Name of the file or item being processed, when there is one. */
  item: z.string().optional(),
  done: z.number(),
  total: z.number().nullable(),
  unit: z.enum(['bytes', 'rows', 'files', 'rules', 'steps']),
  /** Units per second over the job so far. */
  rate: z.number().nullable(),
  etaSeconds: z.number().nullable(),
});
export type ProgressEvent = z.infer<typeof ProgressEvent>;
