import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { AppError } from '../../analytics/api';
import type { MessageKey } from '../i18n/messages-zh';

/** A message for the banner under the header: what failed (action) and why (error), or a plain note. */
export type Notice =
  | { readonly kind: 'error'; readonly action: MessageKey; readonly error: AppError }
  | { readonly kind: 'info'; readonly text: MessageKey };

interface NoticeApi {
  readonly notice: Notice | null;
  showError(action: MessageKey, error: AppError): void;
  showInfo(text: MessageKey): void;
  clear(): void;
}

const NoticeContext = createContext<NoticeApi | null>(null);

export function NoticeProvider({ children }: { readonly children: ReactNode }) {
  const [notice, setNotice] = useState<Notice | null>(null);
  const showError = useCallback((action: MessageKey, error: AppError) => {
    // Logged too, so a support session can read it from the devtools console later.
    console.warn(`[${error.code}] ${error.message}`);
    setNotice({ kind: 'error', action, error });
  }, []);
  const showInfo = useCallback((text: MessageKey) => setNotice({ kind: 'info', text }), []);
  const clear = useCallback(() => setNotice(null), []);
  const api = useMemo(() => ({ notice, showError, showInfo, clear }), [notice, showError, showInfo, clear]);
  return <NoticeContext.Provider value={api}>{children}</NoticeContext.Provider>;
}

export function useNotice(): NoticeApi {
  const ctx = useContext(NoticeContext);
  if (!ctx) throw new Error('useNotice outside NoticeProvider');
  return ctx;
}
