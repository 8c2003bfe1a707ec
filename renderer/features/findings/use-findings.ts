import { useEffect, useState } from 'react';
import type { AppError, ResponseOf } from '../../../analytics/api';
import { invoke } from '../../api/invoke';
import { filterKey, findingsRequest, type FindingsFilter } from './findings-filter';

export type FindingsPage = ResponseOf<'findings:list'>;

export interface FindingsState {
  /** The page asked for last, or null while it loads (an older page is never shown for a new filter). */
  readonly page: FindingsPage | null;
  readonly loading: boolean;
  readonly error: AppError | null;
}

interface Answer {
  readonly key: string;
  readonly page: FindingsPage | null;
  readonly error: AppError | null;
}

/** One page of `findings:list`; answers to superseded questions (filter changed meanwhile) are dropped. */
export function useFindings(filter: FindingsFilter, offset: number, refreshKey: string): FindingsState {
  const { ruleId, siteId, minSeverity } = filter;
  const key = `${filterKey(filter)}|${offset}|${refreshKey}`;
  const [answer, setAnswer] = useState<Answer | null>(null);

  useEffect(() => {
    let superseded = false;
    const asked = `${filterKey({ ruleId, siteId, minSeverity })}|${offset}|${refreshKey}`;
    void invoke('findings:list', findingsRequest({ ruleId, siteId, minSeverity }, offset)).then((r) => {
      if (superseded) return;
      setAnswer(
        r.ok ? { key: asked, page: r.value, error: null } : { key: asked, page: null, error: r.error },
      );
    });
    return () => {
      superseded = true;
    };
  }, [ruleId, siteId, minSeverity, offset, refreshKey]);

  const current = answer?.key === key ? answer : null;
  return { page: current?.page ?? null, loading: current === null, error: current?.error ?? null };
}
