/**
 * Normalises a typed or pasted case path. Windows Explorer's "Copy as path" wraps the path in double
 * quotes, which the analysts paste as is.
 */
export function cleanCasePath(input: string): string {
  const trimmed = input.trim();
  return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"')
    ? trimmed.slice(1, -1).trim()
    : trimmed;
}

export type CasePathProblem = 'missing' | 'extension';

export function casePathProblem(path: string): CasePathProblem | null {
  if (path === '') return 'missing';
  return /\.duckdb$/i.test(path) ? null : 'extension';
}
