import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { fail, ok, type Result } from '../../analytics/api/result';
import { IPC } from '../shared/ipc-channels';
import type { AnalyticsProcess } from './analytics-process';
import { isTrustedSender, type IpcSender } from './security-policy';

/**
 * The main-process half of `window.analyst`: checks who is calling, then forwards to the analytics
 * process. Request validation is not repeated here: the dispatcher in the analytics process is the
 * one place that validates against the contract (and keeps zod out of the main bundle).
 */
export interface IpcBridgeOptions {
  readonly analytics: AnalyticsProcess;
  /** The webContents id of our main window, or null while there is none. */
  readonly trustedWebContentsId: () => number | null;
  /** Opens the native multi-select dialog; returns [] when cancelled. */
  readonly pickFiles: () => Promise<string[]>;
}

function senderOf(event: IpcMainInvokeEvent): IpcSender {
  const frame = event.senderFrame;
  return {
    webContentsId: event.sender.id,
    frameUrl: frame?.url ?? null,
    isMainFrame: frame?.parent === null,
  };
}

const unauthorized = (what: string): Result<never> =>
  fail({ code: 'unauthorized', message: `${what} is only answered for the application's own window.` });

const MAX_CHANNEL_LENGTH = 100;

export function registerIpcBridge(options: IpcBridgeOptions): void {
  ipcMain.handle(IPC.invoke, async (event, channel: unknown, request: unknown): Promise<Result<unknown>> => {
    if (!isTrustedSender(senderOf(event), options.trustedWebContentsId())) {
      console.warn(`[main] refused ${IPC.invoke} from ${event.senderFrame?.url ?? 'a destroyed frame'}`);
      return unauthorized(IPC.invoke);
    }
    if (typeof channel !== 'string' || channel.length > MAX_CHANNEL_LENGTH) {
      return fail({ code: 'unknown-channel', message: 'The channel must be a contract channel name.' });
    }
    return options.analytics.invoke(channel, request);
  });

  ipcMain.handle(IPC.pickFiles, async (event): Promise<Result<string[]>> => {
    if (!isTrustedSender(senderOf(event), options.trustedWebContentsId())) return unauthorized(IPC.pickFiles);
    try {
      return ok(await options.pickFiles());
    } catch (e) {
      return fail({
        code: 'internal',
        message: `The file dialog failed: ${e instanceof Error ? e.message : String(e)}`,
      });
    }
  });
}
