import { describe, expect, it } from 'vitest';
import { catalogs, translate } from './language';

describe('catalogs', () => {
  it('have the same keys and the same parameters in every language', () => {
    const params = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    expect(Object.keys(catalogs.en).sort()).toEqual(Object.keys(catalogs.zh).sort());
    for (const key of Object.keys(catalogs.zh) as (keyof typeof catalogs.zh)[]) {
      expect(params(catalogs.en[key]), key).toEqual(params(catalogs.zh[key]));
    }
  });

  it('fills parameters and leaves unknown ones visible', () => {
    expect(translate('en', 'report.rowsLoaded', { n: 3 })).toBe('3 loaded');
    expect(translate('zh', 'report.rowsLoaded')).toBe('入库 {n} 行');
  });
});
