// Every error a user can meet has a code, a message that says what happened, and a fix that says
// what to do about it (the shape of semantic-release's lib/definitions/errors.js).

export type ErrorCode =
  | 'EGOALSINVALID' // the goals file has syntax, schema or rule errors
  | 'EGOALSREAD' // the goals file cannot be read
  | 'EARGS' // bad command-line arguments
  | 'EENV' // an environment variable the goals file names is missing or malformed
  | 'EAUTH' // 401/403 from an API: credentials or scopes are wrong
  | 'ENOTFOUND' // 404 for a configured resource (group, site, property)
  | 'ETRANSIENT' // 429/5xx/timeouts that survived the retries
  | 'EBADRESPONSE' // an API answered with a shape we do not understand
  | 'EQUERY' // the API rejected the query (400, GraphQL errors)
  | 'EPUBLISH' // writing the report somewhere failed (handbook commit, email)
  | 'EVERIFY' // before publishing: the handbook or SMTP settings or credentials cannot work
  | 'EINTERNAL';

/** Exit codes of the CLI contract (DESIGN.md). */
export const EXIT = {
  ok: 0,
  internal: 1,
  badInput: 2,
  unavailable: 3,
  publishFailed: 4,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export class PulseError extends Error {
  readonly code: ErrorCode;
  readonly fix: string;
  /** Extra lines shown under the message, e.g. every positioned goals-file problem. */
  readonly details: readonly string[];

  constructor(code: ErrorCode, message: string, fix: string, options: { details?: readonly string[]; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PulseError';
    this.code = code;
    this.fix = fix;
    this.details = options.details ?? [];
  }
}

export function isPulseError(error: unknown): error is PulseError {
  return error instanceof PulseError;
}

/** The exit code a failure maps to when it ends the command. */
export function exitCodeFor(error: unknown): ExitCode {
  if (!isPulseError(error)) return EXIT.internal;
  switch (error.code) {
    case 'EGOALSINVALID':
    case 'EGOALSREAD':
    case 'EARGS':
    case 'EENV':
    case 'EVERIFY':
      return EXIT.badInput;
    case 'EPUBLISH':
      return EXIT.publishFailed;
    default:
      return EXIT.internal;
  }
}
