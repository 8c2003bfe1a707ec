import type { ChannelName, RequestOf, ResponseOf } from '../api/channels';
import type { Result } from '../api/result';
import { createAnalytics, type Analytics, type AnalyticsOptions } from '../service';
import { createDispatcher, type Dispatch } from './dispatcher';

/**
 * The in-process transport: the CLI and tests call the service through the same dispatcher (and so
 * the same validation) as the desktop and browser hosts.
 */
export interface InProcessClient {
  readonly analytics: Analytics;
  readonly dispatch: Dispatch;
  invoke<C extends ChannelName>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>>;
  dispose(): Promise<void>;
}

export function createInProcessClient(options: AnalyticsOptions): InProcessClient {
  const analytics = createAnalytics(options);
  const dispatch = createDispatcher(analytics, { validateResponses: true });
  return {
    analytics,
    dispatch,
    invoke: (channel, request) => dispatch(channel, request) as Promise<Result<ResponseOf<typeof channel>>>,
    dispose: () => analytics.dispose(),
  };
}
