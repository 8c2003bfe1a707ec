import { channels, isChannelName, isLongChannel, type ChannelName } from '../api/channels';
import { AppFailure, fail, ok, type Result } from '../api/result';
import type { Analytics, HandlerContext } from '../service';

/**
 * The one entry point of every transport (in-process, Electron utility process, loopback HTTP).
 * It checks the channel, validates the request against the contract, runs the single handler, and
 * turns every outcome into a Result: errors travel as values, never as rejections.
 */
export type Dispatch = (channel: string, request: unknown) => Promise<Result<unknown>>;

export interface DispatcherOptions {
  /** Also check every response against its schema (tests and the CLI: catches contract drift). */
  readonly validateResponses?: boolean;
}

export function createDispatcher(analytics: Analytics, options: DispatcherOptions = {}): Dispatch {
  return async (channel, request) => {
    if (!isChannelName(channel)) {
      return fail({ code: 'unknown-channel', message: `Unknown channel: ${channel}` });
    }
    const parsed = channels[channel].request.safeParse(request);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return fail({
        code: 'invalid-request',
        message: `Invalid request for ${channel}: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'schema mismatch'}`,
      });
    }
    const result = await run(analytics, channel, parsed.data);
    if (options.validateResponses && result.ok) {
      const checked = channels[channel].response.safeParse(result.value);
      if (!checked.success) {
        const issue = checked.error.issues[0];
        return fail({
          code: 'internal',
          message: `Response of ${channel} breaks the contract at ${issue?.path.join('.') ?? '?'}: ${issue?.message ?? ''}`,
        });
      }
    }
    return result;
  };
}

async function run(analytics: Analytics, channel: ChannelName, request: unknown): Promise<Result<unknown>> {
  const jobId =
    isLongChannel(channel) && typeof request === 'object' && request !== null && 'jobId' in request
      ? String((request as { jobId: unknown }).jobId)
      : null;
  const controller = jobId ? analytics.jobs.start(jobId) : new AbortController();
  const ctx: HandlerContext = {
    signal: controller.signal,
    jobId,
    emitProgress: (event) => analytics.emitProgress(event),
  };
  try {
    const handler = analytics.handlers[channel] as (req: unknown, ctx: HandlerContext) => Promise<unknown>;
    return ok(await handler(request, ctx));
  } catch (e) {
    if (e instanceof AppFailure) return fail(e.toAppError());
    if (controller.signal.aborted) return fail({ code: 'cancelled', message: 'Cancelled.' });
    const message = e instanceof Error ? e.message : String(e);
    return fail({ code: 'internal', message: `${channel} failed: ${message}` });
  } finally {
    if (jobId) analytics.jobs.finish(jobId, controller);
  }
}
