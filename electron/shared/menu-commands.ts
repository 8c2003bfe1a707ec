/**
 * What the application menu asks the renderer to do. Main sends these on `analyst:menu`; the
 * preload passes only well-formed ones on to `window.analyst.onMenuCommand` listeners.
 *
 * New case… and Open case… carry a path: the native save/open dialog runs in main because the
 * bridge has no save dialog, and the renderer still decides (e.g. asks to close the current case).
 */
export type MenuCommand =
  | { readonly command: 'open-demo' }
  | { readonly command: 'new-case'; readonly path: string }
  | { readonly command: 'open-case'; readonly path: string }
  | { readonly command: 'import' }
  | { readonly command: 'language'; readonly language: MenuLanguage }
  | { readonly command: 'about' };

export type MenuCommandName = MenuCommand['command'];
export type MenuLanguage = 'zh' | 'en';

// A record rather than an array so adding a command to the union without listing it fails to compile.
const commandNameSet = {
  'open-demo': true,
  'new-case': true,
  'open-case': true,
  import: true,
  language: true,
  about: true,
} as const satisfies Record<MenuCommandName, true>;

export const menuCommandNames = Object.keys(commandNameSet) as readonly MenuCommandName[];

/** Structural check of a value received over IPC (the preload trusts shapes, not senders). */
export function isMenuCommand(value: unknown): value is MenuCommand {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  switch (v['command']) {
    case 'open-demo':
    case 'import':
    case 'about':
      return true;
    case 'new-case':
    case 'open-case':
      return typeof v['path'] === 'string' && v['path'].length > 0;
    case 'language':
      return v['language'] === 'zh' || v['language'] === 'en';
    default:
      return false;
  }
}
