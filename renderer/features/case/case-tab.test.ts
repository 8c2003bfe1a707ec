import { describe, expect, it } from 'vitest';
import { CASE_TABS, hashOfTab, tabFromHash } from './case-tab';

describe('case tab in the URL hash', () => {
  it('round-trips every tab', () => {
    for (const tab of CASE_TABS) expect(tabFromHash(hashOfTab(tab))).toBe(tab);
    expect(hashOfTab('overview')).toBe('');
    expect(hashOfTab('findings')).toBe('#findings');
  });

  it('falls back to the overview for an empty or unknown hash', () => {
    expect(tabFromHash('')).toBe('overview');
    expect(tabFromHash('#')).toBe('overview');
    expect(tabFromHash('#nope')).toBe('overview');
    expect(tabFromHash('#%E4%B8%AD')).toBe('overview');
  });
});
