import { useEffect, useState } from 'react';
import type { RankedEnterprise, Result } from '../../../analytics/api';
import { invoke } from '../../api/invoke';

/** Enough for every enterprise of a city that has findings; the list is one row per enterprise. */
export const RANKING_LIMIT = 5000;

/** `ranking:list`, reloaded when the findings change (`refreshKey`); null while loading. */
export function useRanking(refreshKey: string): Result<RankedEnterprise[]> | null {
  const [answer, setAnswer] = useState<{
    readonly key: string;
    readonly result: Result<RankedEnterprise[]>;
  } | null>(null);
  useEffect(() => {
    let superseded = false;
    void invoke('ranking:list', { limit: RANKING_LIMIT }).then((result) => {
      if (!superseded) setAnswer({ key: refreshKey, result });
    });
    return () => {
      superseded = true;
    };
  }, [refreshKey]);
  return answer?.key === refreshKey ? answer.result : null;
}
