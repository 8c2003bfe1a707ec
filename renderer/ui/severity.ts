import type { RequestOf } from '../../analytics/api';

/** Severity of a finding or rule, weakest first (the contract's `minSeverity` values). */
export type Severity = NonNullable<RequestOf<'findings:list'>['minSeverity']>;

export const SEVERITIES: readonly Severity[] = ['info', 'low', 'medium', 'high', 'critical'];

export function isSeverity(value: string): value is Severity {
  return (SEVERITIES as readonly string[]).includes(value);
}

/** 0 for info … 4 for critical; an unknown severity sorts below info. */
export function severityRank(value: string): number {
  return isSeverity(value) ? SEVERITIES.indexOf(value) : -1;
}
