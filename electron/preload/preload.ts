import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { ProgressEvent } from '../../analytics/api/progress';
import { IPC } from '../shared/ipc-channels';
import { isMenuCommand } from '../shared/menu-commands';
import type { DesktopAnalystBridge } from './desktop-analyst-bridge';

/**
 * Exposes `window.analyst` (DesktopAnalystBridge): the contract's `AnalystBridge` over Electron
 * IPC, plus `onMenuCommand`. Sandboxed preloads run as CommonJS and may require only 'electron', so this is
 * bundled to dist/electron/preload.cjs with everything else inlined.
 *
 * Nothing else is exposed: no ipcRenderer, no Node, and listeners receive payloads only, never the
 * IpcRendererEvent (whose `sender` would hand the page the raw ipcRenderer).
 */
function subscribe<T>(
  channel: string,
  accept: (payload: unknown) => payload is T,
  listener: (payload: T) => void,
) {
  const handler = (_event: IpcRendererEvent, payload: unknown) => {
    if (accept(payload)) listener(payload);
  };
  ipcRenderer.on(channel, handler);
  return () => {
    ipcRenderer.removeListener(channel, handler);
  };
}

// Main forwards progress from our own analytics process; a shape check is enough here.
const isProgressEvent = (payload: unknown): payload is ProgressEvent =>
  typeof payload === 'object' && payload !== null;

const bridge: DesktopAnalystBridge = {
  mode: 'desktop',
  invoke: (channel, request) => ipcRenderer.invoke(IPC.invoke, channel, request),
  onProgress: (listener) => subscribe(IPC.progress, isProgressEvent, listener),
  // Desktop reads files in place: the native dialog returns their paths, nothing is uploaded.
  pickFiles: () => ipcRenderer.invoke(IPC.pickFiles),
  onMenuCommand: (listener) => subscribe(IPC.menu, isMenuCommand, listener),
};

contextBridge.exposeInMainWorld('analyst', bridge);
