import type { AppError } from '../../analytics/api';
import type { MessageParams } from './language';
import type { MessageKey } from './messages-zh';

/** The translated, actionable text of an error; the host's English message stays as technical detail. */
export function errorText(error: AppError, t: (key: MessageKey, params?: MessageParams) => string): string {
  return t(`error.${error.code}`);
}
