/**
 * Errors travel as values: Electron forwards only `error.message` across IPC, so every transport
 * returns a `Result` and never rejects for an expected failure.
 */

/** Stable error codes the UI can translate and act on. */
export type ErrorCode =
  | 'invalid-request' // the request did not match the channel's schema
  | 'unknown-channel'
  | 'no-case-open'
  | 'case-exists'
  | 'case-not-found'
  | 'case-locked' // another window or process holds the case
  | 'case-too-new' // written by a newer version of the app
  | 'case-corrupt'
  | 'file-not-found'
  | 'unsupported-format'
  | 'cancelled'
  | 'unauthorized'
  | 'internal';

export interface AppError {
  readonly code: ErrorCode;
  /** English message for logs and the CLI; says what happened and what to do. */
  readonly message: string;
  /** Structured details (file, row, version...) the UI uses to build a translated message. */
  readonly details?: Readonly<Record<string, string | number | boolean | null>>;
}

export type Result<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: AppError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail(error: AppError): Result<never> {
  return { ok: false, error };
}

/** Thrown inside analytics to carry an AppError to the dispatcher, which turns it into a Result. */
export class AppFailure extends Error {
  readonly code: ErrorCode;
  readonly details: AppError['details'];

  constructor(code: ErrorCode, message: string, details?: AppError['details']) {
    super(message);
    this.name = 'AppFailure';
    this.code = code;
    this.details = details;
  }

  toAppError(): AppError {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}
