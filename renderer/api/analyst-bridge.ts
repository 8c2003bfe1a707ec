import type { AnalystBridge } from '../../analytics/api';
import { createBrowserBridge, readTokenFromDocument } from './browser-bridge';

declare global {
  interface Window {
    /** Defined by the desktop preload; absent in browser mode. */
    readonly analyst?: AnalystBridge;
  }
}

let bridge: AnalystBridge | null = null;

/** The host this renderer talks to: the desktop preload's bridge if present, else the loopback host. */
export function analystBridge(): AnalystBridge {
  bridge ??= window.analyst ?? createBrowserBridge({ token: readTokenFromDocument(document) ?? '' });
  return bridge;
}

/** True when the page was served without a session token, so every request will be refused. */
export function missingToken(): boolean {
  return window.analyst === undefined && readTokenFromDocument(document) === null;
}
