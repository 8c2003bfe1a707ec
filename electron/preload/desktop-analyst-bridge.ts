import type { AnalystBridge } from '../../analytics/api/bridge';
import type { MenuCommand } from '../shared/menu-commands';

/** `window.analyst` in the desktop app: the contract's bridge plus the application menu's commands. */
export interface DesktopAnalystBridge extends AnalystBridge {
  readonly mode: 'desktop';
  /**
   * Commands chosen in the application menu (File ▸ Import files… → `{ command: 'import' }`, etc.;
   * see electron/shared/menu-commands.ts). Desktop only: the renderer should use it when present
   * (`'onMenuCommand' in window.analyst`). Returns the unsubscribe function.
   */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
}
