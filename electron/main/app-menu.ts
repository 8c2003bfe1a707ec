import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommandName, MenuLanguage } from '../shared/menu-commands';
import { shellLabels } from './shell-labels';

/** Menu items that main turns into `analyst:menu` events (after a dialog, for the case items). */
export type MenuAction = Exclude<MenuCommandName, 'language'>;

export interface AppMenuOptions {
  readonly language: MenuLanguage;
  /** Reload and DevTools exist only in development builds. */
  readonly isDev: boolean;
  readonly platform: NodeJS.Platform;
  readonly onAction: (action: MenuAction) => void;
  readonly onLanguage: (language: MenuLanguage) => void;
}

/**
 * The application menu as a plain template (only a type import from 'electron'), so its content
 * is unit-tested without Electron.
 */
export function buildAppMenuTemplate(options: AppMenuOptions): MenuItemConstructorOptions[] {
  const t = shellLabels[options.language];
  const action = (name: MenuAction) => () => options.onAction(name);
  const isMac = options.platform === 'darwin';

  const file: MenuItemConstructorOptions = {
    label: t.file,
    submenu: [
      { id: 'open-demo', label: t.openDemo, click: action('open-demo') },
      { type: 'separator' },
      { id: 'new-case', label: t.newCase, accelerator: 'CmdOrCtrl+N', click: action('new-case') },
      { id: 'open-case', label: t.openCase, accelerator: 'CmdOrCtrl+O', click: action('open-case') },
      { type: 'separator' },
      { id: 'import', label: t.importFiles, accelerator: 'CmdOrCtrl+I', click: action('import') },
      ...(isMac
        ? []
        : [{ type: 'separator' } as const, { id: 'quit', label: t.quit, role: 'quit' } as const]),
    ],
  };
  // Without an Edit menu the copy/paste shortcuts do nothing in text fields on macOS.
  const edit: MenuItemConstructorOptions = {
    label: t.edit,
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: t.view,
    submenu: [
      {
        label: t.language,
        submenu: [
          {
            id: 'language-zh',
            label: '中文',
            type: 'radio',
            checked: options.language === 'zh',
            click: () => options.onLanguage('zh'),
          },
          {
            id: 'language-en',
            label: 'English',
            type: 'radio',
            checked: options.language === 'en',
            click: () => options.onLanguage('en'),
          },
        ],
      },
      ...(options.isDev
        ? [
            { type: 'separator' } as const,
            { id: 'reload', label: t.reload, role: 'reload' } as const,
            { id: 'toggle-devtools', label: t.toggleDevTools, role: 'toggleDevTools' } as const,
          ]
        : []),
    ],
  };
  const help: MenuItemConstructorOptions = {
    label: t.help,
    submenu: [{ id: 'about', label: t.about, click: action('about') }],
  };
  return [...(isMac ? [{ role: 'appMenu' } as const] : []), file, edit, view, help];
}
