import type { RequestOf } from '../../../analytics/api';
import type { Severity } from '../../ui/severity';

/** What the findings view is narrowed to; null = no restriction. */
export interface FindingsFilter {
  readonly ruleId: string | null;
  readonly siteId: string | null;
  readonly minSeverity: Severity | null;
}

export const NO_FILTER: FindingsFilter = { ruleId: null, siteId: null, minSeverity: null };

export const PAGE_SIZE = 500;

export function filterKey(f: FindingsFilter): string {
  return JSON.stringify([f.ruleId, f.siteId, f.minSeverity]);
}

export function isFiltered(f: FindingsFilter): boolean {
  return f.ruleId !== null || f.siteId !== null || f.minSeverity !== null;
}

export function findingsRequest(f: FindingsFilter, offset: number): RequestOf<'findings:list'> {
  return {
    ...(f.ruleId !== null ? { ruleId: f.ruleId } : {}),
    ...(f.siteId !== null ? { siteId: f.siteId } : {}),
    ...(f.minSeverity !== null ? { minSeverity: f.minSeverity } : {}),
    limit: PAGE_SIZE,
    offset,
  };
}
