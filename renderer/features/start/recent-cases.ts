/** Recently opened cases, kept in localStorage (per user profile, never sent anywhere). */
export interface RecentCase {
  readonly path: string;
  readonly name: string;
  /** Epoch ms of the last time the case was opened here. */
  readonly openedAt: number;
}

const STORAGE_KEY = 'analyst.recentCases';
const MAX_RECENT = 10;

function isRecentCase(value: unknown): value is RecentCase {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v['path'] === 'string' && typeof v['name'] === 'string' && typeof v['openedAt'] === 'number';
}

export function loadRecentCases(storage: Storage = localStorage): RecentCase[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(STORAGE_KEY) ?? '[]');
    // A hand-edited or older-format entry is dropped rather than breaking the start screen.
    return Array.isArray(parsed) ? parsed.filter(isRecentCase).slice(0, MAX_RECENT) : [];
  } catch {
    return [];
  }
}

function save(list: readonly RecentCase[], storage: Storage): RecentCase[] {
  try {
    storage.setItem(STORAGE_KEY, JSON.stringify(list));
  } catch {
    // Storage disabled or full: the list just is not remembered.
  }
  return [...list];
}

export function rememberCase(entry: RecentCase, storage: Storage = localStorage): RecentCase[] {
  const rest = loadRecentCases(storage).filter((c) => c.path !== entry.path);
  return save([entry, ...rest].slice(0, MAX_RECENT), storage);
}

export function forgetCase(path: string, storage: Storage = localStorage): RecentCase[] {
  return save(
    loadRecentCases(storage).filter((c) => c.path !== path),
    storage,
  );
}
