import type { Finding } from '../../../analytics/api';
import { severityRank } from '../../ui/severity';

export type FindingSortKey = 'severity' | 'rule' | 'site' | 'outlet' | 'code' | 'start' | 'end' | 'score';

export interface FindingSort {
  readonly key: FindingSortKey;
  readonly dir: 'asc' | 'desc';
}

/** Strongest first for severity and score; alphabetical and chronological for the rest. */
export function defaultDir(key: FindingSortKey): FindingSort['dir'] {
  return key === 'severity' || key === 'score' ? 'desc' : 'asc';
}

/** A header click: a new column starts in its natural direction, the same column flips. */
export function toggleSort(current: FindingSort | null, key: FindingSortKey): FindingSort {
  if (current?.key !== key) return { key, dir: defaultDir(key) };
  return { key, dir: current.dir === 'asc' ? 'desc' : 'asc' };
}

type Value = string | number | null;

function valueOf(f: Finding, key: FindingSortKey, ruleTitle: (id: string) => string): Value {
  switch (key) {
    case 'severity':
      return severityRank(f.severity);
    case 'rule':
      return ruleTitle(f.ruleId);
    case 'site':
      return f.siteName ?? f.siteId;
    case 'outlet':
      return f.outletId ?? f.deviceId;
    case 'code':
      return f.code;
    case 'start':
      return f.start;
    case 'end':
      return f.end;
    case 'score':
      return f.score;
  }
}

const collator = new Intl.Collator('zh-CN', { numeric: true });

function compare(a: Value, b: Value): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  // LocalTime text sorts chronologically as text; the collator also orders 'F2' before 'F10'.
  return collator.compare(String(a), String(b));
}

/**
 * The page sorted by a column; null keeps the host's order (most severe, then strongest). Empty
 * values go last in either direction, and ties keep the host's order (the sort is stable).
 */
export function sortFindings(
  findings: readonly Finding[],
  sort: FindingSort | null,
  ruleTitle: (id: string) => string,
): readonly Finding[] {
  if (!sort) return findings;
  const sign = sort.dir === 'asc' ? 1 : -1;
  const keyed = findings.map((f) => ({ f, v: valueOf(f, sort.key, ruleTitle) }));
  keyed.sort((x, y) => {
    if (x.v === null || y.v === null) return x.v === y.v ? 0 : x.v === null ? 1 : -1;
    return sign * compare(x.v, y.v);
  });
  return keyed.map((k) => k.f);
}
