// The HTTP answer family: what to do about a failed exchange, by code. The HTTP client
// (src/http/) builds the message (host, status, what the API said); the fix is written here.
// Requests specialise EAUTH and ENOTFOUND with authHint / notFoundHint, which name the source's
// own env var and resource.
import type { ErrorCode } from '../errors.ts';
import { reportFix } from './report.ts';

export type HttpErrorCode = Extract<ErrorCode, 'EAUTH' | 'ENOTFOUND' | 'ETRANSIENT' | 'EQUERY' | 'EBADRESPONSE'>;

/** The fix of a failed exchange when the request gives no more specific one. */
export const HTTP_FIX = {
  EAUTH: 'Check the token / API key env var this source names in goals.yml: it must be set, valid, not expired, and have the scope this query needs.',
  ENOTFOUND: 'Check that the resource goals.yml names (group, project, site, property, report) exists and that the credentials can see it.',
  ETRANSIENT: 'A temporary failure (rate limit, server error or network): the metric is marked unavailable; re-run the job later.',
  EQUERY: "The API rejected the query: check the metric's query in goals.yml against the API message above.",
  EBADRESPONSE: reportFix({ before: 'The API answered with a shape community-pulse does not understand (an API change, a proxy or a login page?).' }),
} as const satisfies Record<HttpErrorCode, string>;

/** Paging that cannot go on: a loop, or a next page on another host (credentials stay home). */
export const PAGING_FIX = {
  endless: reportFix({ before: 'The API paging did not end' }),
  offHost: reportFix({ before: 'The API announced a next page on another host; credentials are not sent there.' }),
} as const;
