// How the HTTP client turns a failed exchange into a PulseError a person can act on. Every message
// is one line and has already been through the masker (and query strings never enter it at all),
// so callers may print it as it is.
import { PulseError, type ErrorCode } from '../errors.ts';

export type HttpErrorCode = Extract<ErrorCode, 'EAUTH' | 'ENOTFOUND' | 'ETRANSIENT' | 'EQUERY' | 'EBADRESPONSE'>;

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

/** Default fix hints; requests specialise EAUTH and ENOTFOUND with authHint / notFoundHint. */
export const FIX = {
  EAUTH: 'Check the token / API key env var this source names in goals.yml: it must be set, valid, not expired, and have the scope this query needs.',
  ENOTFOUND: 'Check that the resource goals.yml names (group, project, site, property, report) exists and that the credentials can see it.',
  ETRANSIENT: 'A temporary failure (rate limit, server error or network): the metric is marked unavailable; re-run the job later.',
  EQUERY: "The API rejected the query: check the metric's query in goals.yml against the API message above.",
  EBADRESPONSE: 'The API answered with a shape community-pulse does not understand (an API change, a proxy or a login page?). Re-run with --verbose and report it.',
} as const satisfies Record<HttpErrorCode, string>;
