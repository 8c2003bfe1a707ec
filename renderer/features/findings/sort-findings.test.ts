import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../analytics/api';
import { sortFindings, toggleSort } from './sort-findings';

const finding = (id: string, over: Partial<Finding>): Finding => ({
  findingId: id,
  runId: 'r',
  ruleId: 'flatline',
  ruleVersion: '1.0.0',
  params: {},
  severity: 'high',
  score: 1,
  siteId: null,
  siteName: null,
  outletId: null,
  deviceId: null,
  seriesId: null,
  code: null,
  start: null,
  end: null,
  summaryZh: '',
  summaryEn: '',
  evidence: {},
  inputHashes: [],
  ...over,
});

const ids = (list: readonly Finding[]) => list.map((f) => f.findingId);
const title = (id: string) => ({ flatline: 'B flatline', exceedance: 'A exceedance' })[id] ?? id;

describe('sortFindings', () => {
  const list = [
    finding('a', { severity: 'medium', score: 3, outletId: 'F10', start: '2024-03-02 00:00:00' }),
    finding('b', { severity: 'critical', score: null, outletId: 'F2', start: '2024-03-01 05:00:00' }),
    finding('c', { severity: 'low', score: 7, ruleId: 'exceedance', start: null }),
  ];

  it('keeps the host order without a sort', () => {
    expect(ids(sortFindings(list, null, title))).toEqual(['a', 'b', 'c']);
  });

  it('orders severity by rank and puts missing scores last in both directions', () => {
    expect(ids(sortFindings(list, { key: 'severity', dir: 'desc' }, title))).toEqual(['b', 'a', 'c']);
    expect(ids(sortFindings(list, { key: 'score', dir: 'desc' }, title))).toEqual(['c', 'a', 'b']);
    expect(ids(sortFindings(list, { key: 'score', dir: 'asc' }, title))).toEqual(['a', 'c', 'b']);
  });

  it('sorts outlets naturally, times as stored text, and rules by their shown title', () => {
    expect(ids(sortFindings(list, { key: 'outlet', dir: 'asc' }, title))).toEqual(['b', 'a', 'c']);
    expect(ids(sortFindings(list, { key: 'start', dir: 'asc' }, title))).toEqual(['b', 'a', 'c']);
    expect(ids(sortFindings(list, { key: 'rule', dir: 'asc' }, title))).toEqual(['c', 'a', 'b']);
  });

  it('starts a new column in its natural direction and flips the same one', () => {
    expect(toggleSort(null, 'score')).toEqual({ key: 'score', dir: 'desc' });
    expect(toggleSort({ key: 'score', dir: 'desc' }, 'start')).toEqual({ key: 'start', dir: 'asc' });
    expect(toggleSort({ key: 'start', dir: 'asc' }, 'start')).toEqual({ key: 'start', dir: 'desc' });
  });
});
