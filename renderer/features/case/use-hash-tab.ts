import { useCallback, useEffect, useState } from 'react';
import { hashOfTab, tabFromHash, type CaseTab } from './case-tab';

/** The case tab, kept in the URL hash so a reload (F5, a host restart) reopens the same view. */
export function useHashTab(): readonly [CaseTab, (tab: CaseTab) => void] {
  const [tab, setTab] = useState<CaseTab>(() => tabFromHash(window.location.hash));

  useEffect(() => {
    // An address typed or pasted by hand still switches the view.
    const onHashChange = () => setTab(tabFromHash(window.location.hash));
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);

  const select = useCallback((next: CaseTab) => {
    setTab(next);
    const url = new URL(window.location.href);
    url.hash = hashOfTab(next);
    // replaceState: a tab switch is not worth a history entry, and it fires no hashchange.
    window.history.replaceState(window.history.state, '', url);
  }, []);

  return [tab, select] as const;
}
