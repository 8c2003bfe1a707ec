/** The views of an open case, in the order of the tab strip and of Alt+1…5. */
export const CASE_TABS = ['overview', 'series', 'findings', 'ranking', 'rules'] as const;
export type CaseTab = (typeof CASE_TABS)[number];

export function isCaseTab(value: string): value is CaseTab {
  return (CASE_TABS as readonly string[]).includes(value);
}

/** The tab a URL hash names ('#findings'); anything else is the overview. */
export function tabFromHash(hash: string): CaseTab {
  const name = hash.replace(/^#/, '');
  return isCaseTab(name) ? name : 'overview';
}

/** The hash that keeps a tab across a reload; the overview, the default, keeps the address clean. */
export function hashOfTab(tab: CaseTab): string {
  return tab === 'overview' ? '' : `#${tab}`;
}
