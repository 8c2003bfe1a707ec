import { useEffect, useRef } from 'react';

export interface Shortcut {
  /** `KeyboardEvent.key`, compared case-insensitively. */
  readonly key: string;
  /** Ctrl on Windows/Linux, Cmd on macOS. */
  readonly mod?: boolean;
}

/** Window-level keyboard shortcut, active while `enabled`; the handler may change between renders. */
export function useShortcut(shortcut: Shortcut, handler: () => void, enabled = true): void {
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  const { key, mod = false } = shortcut;
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key.toLowerCase() !== key.toLowerCase() || e.altKey || e.defaultPrevented) return;
      if (mod !== (e.ctrlKey || e.metaKey)) return;
      // Browser defaults (Ctrl+O opens a file, Ctrl+I page info) would steal the analyst's intent.
      e.preventDefault();
      latest.current();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [key, mod, enabled]);
}
