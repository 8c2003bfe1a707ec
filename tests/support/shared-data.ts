import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root (this file lives in tests/support/). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The public data sets of ../shared/data, next to the clone. They are referenced, never copied into
 * the project. Where they are absent the tests that need them are skipped with a printed reason.
 */
export const sharedDataDir = path.resolve(repoRoot, '..', 'shared', 'data');

export const hasSharedData = existsSync(sharedDataDir);

if (!hasSharedData) {
  console.warn(
    `[skip] ../shared/data not found at ${sharedDataDir}: tests that use the real data sets are skipped`,
  );
}

/** Absolute path of a file under ../shared/data. */
export function sharedData(...parts: string[]): string {
  return path.join(sharedDataDir, ...parts);
}
