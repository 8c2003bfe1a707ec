/**
 * The Electron IPC channel names between main and preload. The renderer never sees them: it talks
 * to `window.analyst`, and the contract's own channel names (`case:open`, ...) travel as arguments
 * of `analyst:invoke`.
 */
export const IPC = {
  /** renderer → main (invoke): `(channel: string, request: unknown) => Result<unknown>` */
  invoke: 'analyst:invoke',
  /** renderer → main (invoke): `() => Result<string[]>` after a native open dialog */
  pickFiles: 'analyst:pickFiles',
  /** main → renderer (send): a `ProgressEvent` of a long job */
  progress: 'analyst:progress',
  /** main → renderer (send): a `MenuCommand` chosen in the application menu */
  menu: 'analyst:menu',
} as const;
