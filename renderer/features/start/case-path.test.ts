import { describe, expect, it } from 'vitest';
import { casePathProblem, cleanCasePath } from './case-path';

describe('case path', () => {
  it('strips the quotes of Explorer "Copy as path"', () => {
    expect(cleanCasePath(' "D:\\案件\\a.duckdb" ')).toBe('D:\\案件\\a.duckdb');
    expect(cleanCasePath('/tmp/a.duckdb')).toBe('/tmp/a.duckdb');
  });

  it('asks for a .duckdb path', () => {
    expect(casePathProblem('')).toBe('missing');
    expect(casePathProblem('/tmp/a.db')).toBe('extension');
    expect(casePathProblem('/tmp/A.DUCKDB')).toBeNull();
  });
});
