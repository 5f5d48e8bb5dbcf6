// How the HTTP client turns a failed exchange into a PulseError a person can act on. Every message
// is one line and has already been through the masker (and query strings never enter it at all),
// so callers may print it as it is.
import { PulseError } from '../errors.ts';
import type { HttpErrorCode } from '../errors/http.ts';

export type { HttpErrorCode } from '../errors/http.ts';

export interface HttpErrorDetails {
  /** The last HTTP status seen; absent for network errors and timeouts. */
  status?: number;
  /** URL.host of the request (with a port when it is not the default one). */
  host: string;
  /** True when trying again later may succeed (429, 5xx, timeouts, network errors). */
  transient: boolean;
}

export class HttpError extends PulseError {
  readonly status?: number;
  readonly host: string;
  readonly transient: boolean;

  constructor(code: HttpErrorCode, message: string, fix: string, details: HttpErrorDetails) {
    super(code, message, fix);
    this.name = 'HttpError';
    if (details.status !== undefined) this.status = details.status;
    this.host = details.host;
    this.transient = details.transient;
  }
}

export function isHttpError(error: unknown): error is HttpError {
  return error instanceof HttpError;
}

/** The fix of each failed exchange lives in the error catalogue (src/errors/http.ts). */
export { HTTP_FIX as FIX } from '../errors/http.ts';
