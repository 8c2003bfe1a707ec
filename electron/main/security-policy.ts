import { isAppUrl } from './app-protocol';

/**
 * The security decisions of the main process as pure predicates, so they are unit-tested without
 * Electron (tests/integration/electron-security-policy.test.ts).
 */

/** What main knows about the sender of an IPC message. */
export interface IpcSender {
  /** `event.sender.id` */
  readonly webContentsId: number;
  /** `event.senderFrame?.url`; null when the frame navigated away or was destroyed. */
  readonly frameUrl: string | null;
  /** `event.senderFrame.parent === null`: iframes never get the bridge's powers. */
  readonly isMainFrame: boolean;
}

/**
 * Checklist item 17: only the top frame of our own window, showing our own origin, may use the
 * bridge. `trustedWebContentsId` is null while no window exists.
 */
export function isTrustedSender(sender: IpcSender, trustedWebContentsId: number | null): boolean {
  return (
    trustedWebContentsId !== null &&
    sender.webContentsId === trustedWebContentsId &&
    sender.isMainFrame &&
    sender.frameUrl !== null &&
    isAppUrl(sender.frameUrl)
  );
}

/**
 * The renderer is offline by design: it may load only our `app://` files, in-memory `data:` and
 * `blob:` URLs (inlined fonts, chart images) and, in development, DevTools' own pages. Everything
 * else, including http(s) to localhost, ws, file and other custom schemes, is cancelled.
 */
export function isAllowedRequestUrl(url: string): boolean {
  if (isAppUrl(url)) return true;
  let scheme: string;
  try {
    scheme = new URL(url).protocol;
  } catch {
    return false;
  }
  return scheme === 'data:' || scheme === 'blob:' || scheme === 'devtools:';
}

/**
 * Checklist item 13: top-level navigation may only stay on our origin (a reload or an in-app link);
 * anything else would put foreign content next to the bridge.
 */
export function isAllowedNavigation(url: string): boolean {
  return isAppUrl(url);
}
