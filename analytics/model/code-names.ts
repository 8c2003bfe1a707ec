import { hj212CodeByCode } from './codes/hj212-codes';

/**
 * Display name of a monitoring code: the HJ 212 Chinese name, with the English short name where
 * the dictionary has one (e.g. `二氧化硫 SO2`). Null for codes outside the dictionary.
 */
export function codeName(code: string): string | null {
  const entry = hj212CodeByCode(code);
  if (!entry) return null;
  return entry.nameEn ? `${entry.nameZh} ${entry.nameEn}` : entry.nameZh;
}
