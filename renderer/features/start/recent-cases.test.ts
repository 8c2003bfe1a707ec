import { describe, expect, it } from 'vitest';
import { forgetCase, loadRecentCases, rememberCase } from './recent-cases';

function memoryStorage(initial: Record<string, string> = {}): Storage {
  const data = new Map(Object.entries(initial));
  return {
    get length() {
      return data.size;
    },
    clear: () => data.clear(),
    getItem: (k) => data.get(k) ?? null,
    key: (i) => [...data.keys()][i] ?? null,
    removeItem: (k) => void data.delete(k),
    setItem: (k, v) => void data.set(k, v),
  };
}

describe('recent cases', () => {
  it('keeps the most recent first, without duplicates, and forgets on request', () => {
    const s = memoryStorage();
    rememberCase({ path: '/a.duckdb', name: 'a', openedAt: 1 }, s);
    rememberCase({ path: '/b.duckdb', name: 'b', openedAt: 2 }, s);
    rememberCase({ path: '/a.duckdb', name: 'a', openedAt: 3 }, s);
    expect(loadRecentCases(s).map((c) => c.path)).toEqual(['/a.duckdb', '/b.duckdb']);
    expect(forgetCase('/a.duckdb', s).map((c) => c.path)).toEqual(['/b.duckdb']);
  });

  it('survives garbage in storage', () => {
    expect(loadRecentCases(memoryStorage({ 'analyst.recentCases': '{not json' }))).toEqual([]);
    expect(
      loadRecentCases(
        memoryStorage({ 'analyst.recentCases': '[{"path":1},{"path":"/x","name":"x","openedAt":0}]' }),
      ),
    ).toEqual([{ path: '/x', name: 'x', openedAt: 0 }]);
  });
});
