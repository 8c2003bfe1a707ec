import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { AppFailure } from '../api/result';

/**
 * A lock file next to the case (`<case>.lock`) so two windows or processes cannot write one case.
 * DuckDB also locks the file, but its error names no owner; ours says who holds it. A lock left by
 * a crashed process on this host (its pid is gone) is taken over.
 */
export interface CaseLock {
  readonly path: string;
  release(): void;
}

interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly since: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(lockPath: string): LockOwner | null {
  try {
    return JSON.parse(readFileSync(lockPath, 'utf8')) as LockOwner;
  } catch {
    return null;
  }
}

export function acquireCaseLock(casePath: string): CaseLock {
  const lockPath = `${casePath}.lock`;
  const me: LockOwner = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, JSON.stringify(me));
      closeSync(fd);
      return {
        path: lockPath,
        release() {
          const owner = readOwner(lockPath);
          if (owner && owner.pid === me.pid && owner.host === me.host) unlinkSync(lockPath);
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const owner = readOwner(lockPath);
      const stale = owner === null || (owner.host === me.host && !isAlive(owner.pid));
      if (!stale || attempt > 0) {
        throw new AppFailure(
          'case-locked',
          `The case ${casePath} is open in another window or process (pid ${owner?.pid ?? '?'} on ${
            owner?.host ?? '?'
          } since ${owner?.since ?? '?'}). Close it there first; if that process is gone, delete ${lockPath}.`,
          { pid: owner?.pid ?? null, host: owner?.host ?? null },
        );
      }
      unlinkSync(lockPath);
    }
  }
  throw new AppFailure('case-locked', `Could not lock ${casePath}.`);
}
