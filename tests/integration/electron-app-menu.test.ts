import { describe, expect, it, vi } from 'vitest';
import { buildAppMenuTemplate, type AppMenuOptions } from '../../electron/main/app-menu';
import { isMenuCommand, menuCommandNames } from '../../electron/shared/menu-commands';

// The application menu and its command protocol, tested without Electron.

// Derived rather than imported: only electron/ may import 'electron', even for types.
type MenuItemConstructorOptions = ReturnType<typeof buildAppMenuTemplate>[number];

function flatten(items: readonly MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [
    item,
    ...(Array.isArray(item.submenu) ? flatten(item.submenu as MenuItemConstructorOptions[]) : []),
  ]);
}

function menu(overrides: Partial<AppMenuOptions> = {}) {
  const options: AppMenuOptions = {
    language: 'en',
    isDev: false,
    platform: 'linux',
    onAction: vi.fn(),
    onLanguage: vi.fn(),
    ...overrides,
  };
  const items = flatten(buildAppMenuTemplate(options));
  const byId = (id: string) => items.find((item) => item.id === id);
  // The click handlers ignore their arguments; Electron's signature needs three.
  const click = (id: string) => (byId(id)?.click as (() => void) | undefined)?.call(undefined);
  return { options, items, byId, click };
}

describe('application menu', () => {
  it('has the File items with their shortcuts and sends each as a command', () => {
    const { byId, click, options } = menu();
    expect(byId('import')?.accelerator).toBe('CmdOrCtrl+I');
    expect(byId('import')?.label).toBe('Import files…');
    expect(byId('quit')?.role).toBe('quit');
    for (const id of ['open-demo', 'new-case', 'open-case', 'import', 'about'] as const) {
      click(id);
      expect(options.onAction).toHaveBeenLastCalledWith(id);
    }
  });

  it('offers reload and DevTools only in development', () => {
    expect(menu({ isDev: false }).byId('reload')).toBeUndefined();
    expect(menu({ isDev: false }).byId('toggle-devtools')).toBeUndefined();
    expect(menu({ isDev: false }).items.some((item) => item.role === 'toggleDevTools')).toBe(false);
    expect(menu({ isDev: true }).byId('reload')?.role).toBe('reload');
    expect(menu({ isDev: true }).byId('toggle-devtools')?.role).toBe('toggleDevTools');
  });

  it('switches language with a radio pair', () => {
    const { byId, click, options } = menu({ language: 'zh' });
    expect(byId('language-zh')?.checked).toBe(true);
    expect(byId('language-en')?.checked).toBe(false);
    expect(byId('import')?.label).toBe('导入文件…');
    click('language-en');
    expect(options.onLanguage).toHaveBeenCalledWith('en');
  });

  it('moves Quit to the app menu on macOS', () => {
    const { byId, items } = menu({ platform: 'darwin' });
    expect(byId('quit')).toBeUndefined();
    expect(items[0]?.role).toBe('appMenu');
  });
});

describe('menu commands', () => {
  it('lists every command name', () => {
    expect([...menuCommandNames].sort()).toEqual(
      ['about', 'import', 'language', 'new-case', 'open-case', 'open-demo'].sort(),
    );
  });

  it('accepts well-formed commands only', () => {
    expect(isMenuCommand({ command: 'import' })).toBe(true);
    expect(isMenuCommand({ command: 'new-case', path: '/cases/a.duckdb' })).toBe(true);
    expect(isMenuCommand({ command: 'language', language: 'en' })).toBe(true);
    expect(isMenuCommand({ command: 'new-case' })).toBe(false);
    expect(isMenuCommand({ command: 'open-case', path: '' })).toBe(false);
    expect(isMenuCommand({ command: 'language', language: 'fr' })).toBe(false);
    expect(isMenuCommand({ command: 'format-disk' })).toBe(false);
    expect(isMenuCommand('import')).toBe(false);
    expect(isMenuCommand(null)).toBe(false);
  });
});
