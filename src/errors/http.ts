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

/** The exchanges the client refuses or gives up on itself, before any status has a meaning. */
export const EXCHANGE_FIX = {
  badUrl: 'Check the url of this source in goals.yml.',
  httpsOnly: 'Use the https:// URL of this API in goals.yml.',
  redirected: 'Use the final URL (scheme, host and path) in goals.yml, e.g. https:// rather than http://.',
  tooLarge: reportFix({ before: 'An answer this large is not what this API sends for this query (a proxy, a loop or a hostile server?). Check the URL in goals.yml' }),
  deadline: 'The API did not answer in time: its metrics are unavailable; re-run later, or raise limits.source_deadline_seconds in the goals file if this API is just slow.',
} as const;

/** A host name that does not resolve: a setup error (exit 2), not retried. */
export function unresolvedHostFix(hostname: string): string {
  return `Check the URL in goals.yml (url / api_url / *_url of this source): ${hostname} is not a known host name — a typo, or a host the runner's DNS cannot see (self-hosted instance on a private network?).`;
}
