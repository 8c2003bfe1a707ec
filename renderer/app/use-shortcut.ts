import { useEffect, useRef } from 'react';

export interface Shortcut {
  /** `KeyboardEvent.key`, compared case-insensitively. */
  readonly key: string;
  /** Ctrl on Windows/Linux, Cmd on macOS. */
  readonly mod?: boolean;
  readonly alt?: boolean;
}

/**
 * With Alt held, macOS types another character (Alt+1 is '¡'): a letter or digit shortcut also
 * matches its physical key, so Alt+1 works on every keyboard layout and platform.
 */
function physicalCode(key: string): string | null {
  if (/^\d$/.test(key)) return `Digit${key}`;
  if (/^[a-z]$/i.test(key)) return `Key${key.toUpperCase()}`;
  return null;
}

type KeyPress = Pick<KeyboardEvent, 'key' | 'code' | 'altKey' | 'ctrlKey' | 'metaKey' | 'defaultPrevented'>;

export function matchesShortcut(e: KeyPress, shortcut: Shortcut): boolean {
  const { key, mod = false, alt = false } = shortcut;
  if (e.defaultPrevented || alt !== e.altKey || mod !== (e.ctrlKey || e.metaKey)) return false;
  if (e.key.toLowerCase() === key.toLowerCase()) return true;
  return alt && e.code === physicalCode(key);
}

/** Window-level keyboard shortcut, active while `enabled`; the handler may change between renders. */
export function useShortcut(shortcut: Shortcut, handler: () => void, enabled = true): void {
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  const { key, mod = false, alt = false } = shortcut;
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (e: KeyboardEvent) => {
      if (!matchesShortcut(e, { key, mod, alt })) return;
      // Browser defaults (Ctrl+O opens a file, Ctrl+I page info) would steal the analyst's intent.
      e.preventDefault();
      latest.current();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [key, mod, alt, enabled]);
}
