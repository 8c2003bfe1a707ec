import type { MessageKey } from './messages-zh';
import type { MessageParams } from './language';

/**
 * The importer writes rejection reasons in English (they also land in the quarantine table and the
 * CLI's JSON). Known prefixes are translated for display; anything else is shown as written.
 */
const PREFIXES: ReadonlyArray<readonly [string, MessageKey]> = [
  ['too many fields', 'reason.too-many-fields'],
  ['missing outlet_id', 'reason.missing-outlet'],
  ['missing code', 'reason.missing-code'],
  ['missing time', 'reason.missing-time'],
  ['unrecognised time: ', 'reason.bad-time'],
  ['value is not a number: ', 'reason.bad-value'],
  ['unknown statistic: ', 'reason.bad-stat'],
  ['malformed row: ', 'reason.malformed'],
];

export function rejectionReason(
  reason: string,
  t: (key: MessageKey, params?: MessageParams) => string,
): string {
  for (const [prefix, key] of PREFIXES) {
    if (reason.startsWith(prefix)) return t(key, { rest: reason.slice(prefix.length) });
  }
  return reason;
}
