import type { ChannelName, RequestOf, ResponseOf, Result } from '../../analytics/api';
import { analystBridge } from './analyst-bridge';

/** Typed call of one contract channel; failures come back as `{ ok: false }`, never as a throw. */
export async function invoke<C extends ChannelName>(
  channel: C,
  request: RequestOf<C>,
): Promise<Result<ResponseOf<C>>> {
  try {
    return await analystBridge().invoke(channel, request);
  } catch (e) {
    // A bridge must not reject, but a broken preload could: keep the "errors are values" promise.
    return {
      ok: false,
      error: { code: 'internal', message: `${channel}: ${e instanceof Error ? e.message : String(e)}` },
    };
  }
}
