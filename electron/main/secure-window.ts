import { BrowserWindow, type Session, type WebContents, type WebPreferences } from 'electron';
import { APP_ENTRY_URL } from './app-protocol';
import { isAllowedNavigation, isAllowedRequestUrl } from './security-policy';

/**
 * The renderer's locked-down environment (Electron security checklist, engineering-notes §6.4).
 * The pure decisions live in security-policy.ts; this module only wires them into Electron.
 */

/** Every preference the checklist cares about is spelled out, even where it is the default. */
export function secureWebPreferences(preload: string, isDev: boolean): WebPreferences {
  return {
    preload,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    // Chromium's spellchecker downloads dictionaries from Google: the app must stay offline.
    spellcheck: false,
    devTools: isDev,
  };
}

/** Permissions, network and download policy for the session the window uses. */
export function hardenSession(ses: Session): void {
  // Checklist 5: the app needs no camera, notifications, geolocation, clipboard-read, HID…
  ses.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  // Checklist 1: only local content, and no request may leave the machine.
  ses.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRequestUrl(details.url);
    if (!allowed) console.warn(`[main] blocked request to ${details.url.slice(0, 200)}`);
    callback({ cancel: !allowed });
  });
}

/** Applied to every WebContents the app ever creates (windows, DevTools, anything unexpected). */
export function hardenWebContents(contents: WebContents): void {
  // Checklist 13: no navigation away from app://app.
  contents.on('will-navigate', (event) => {
    if (!isAllowedNavigation(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAllowedNavigation(event.url)) event.preventDefault();
  });
  // Checklist 14 and 15: no new windows, and nothing is handed to shell.openExternal.
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  // Checklist 11 and 12: <webview> is disabled; refuse it even if something re-enables the tag.
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export function createMainWindow(options: {
  readonly preload: string;
  readonly isDev: boolean;
}): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 680,
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: secureWebPreferences(options.preload, options.isDev),
  });
  win.once('ready-to-show', () => win.show());
  win
    .loadURL(APP_ENTRY_URL)
    .catch((e: unknown) => console.error(`[main] could not load ${APP_ENTRY_URL}:`, e));
  return win;
}
