// Google API error answers as the YouTube APIs send them: the JSON envelope
// `{"error":{"code","message","errors":[{message,domain,reason}],"status"}}`. Bodies are trimmed
// copies of real answers; the `reason` is what tells a spent quota (403 quotaExceeded) from a
// permission problem (403 forbidden).
import { HttpResponse } from 'msw';

export interface GoogleErrorItem {
  message: string;
  domain: string;
  reason: string;
  location?: string;
  locationType?: string;
}

export function googleError(code: number, status: string | undefined, message: string, items: GoogleErrorItem[], headers: Record<string, string> = {}): Response {
  return HttpResponse.json({ error: { code, message, errors: items, ...(status ? { status } : {}) } }, { status: code, headers });
}

export const invalidCredentials = (): Response =>
  googleError(
    401,
    'UNAUTHENTICATED',
    'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
    [{ message: 'Invalid Credentials', domain: 'global', reason: 'authError', location: 'Authorization', locationType: 'header' }],
    { 'WWW-Authenticate': 'Bearer realm="https://accounts.google.com/", error="invalid_token"' },
  );

const QUOTA_MESSAGE = 'The request cannot be completed because you have exceeded your <a href="/youtube/v3/getting-started#quota">quota</a>.';
export const quotaExceeded = (): Response => googleError(403, undefined, QUOTA_MESSAGE, [{ message: QUOTA_MESSAGE, domain: 'youtube.quota', reason: 'quotaExceeded' }]);

export const badRequest = (message: string): Response => googleError(400, 'INVALID_ARGUMENT', message, [{ message, domain: 'global', reason: 'badRequest' }]);

export const forbidden = (): Response => googleError(403, 'PERMISSION_DENIED', 'Forbidden', [{ message: 'Forbidden', domain: 'global', reason: 'forbidden' }]);

/** A failure the next request gets instead of its answer. */
export type GoogleFault = 'rate-limited' | 'server-error' | 'unavailable' | 'quota-exceeded';

export function faultResponse(fault: GoogleFault): Response {
  switch (fault) {
    case 'rate-limited':
      // Google front ends throttle with 429 RESOURCE_EXHAUSTED and send no Retry-After.
      return googleError(429, 'RESOURCE_EXHAUSTED', 'Resource has been exhausted (e.g. check quota).', [{ message: 'Resource has been exhausted (e.g. check quota).', domain: 'global', reason: 'rateLimitExceeded' }]);
    case 'server-error':
      return googleError(500, 'INTERNAL', 'Backend Error', [{ message: 'Backend Error', domain: 'global', reason: 'backendError' }]);
    case 'unavailable':
      return googleError(503, 'UNAVAILABLE', 'The service is currently unavailable.', [{ message: 'The service is currently unavailable.', domain: 'global', reason: 'backendError' }]);
    case 'quota-exceeded':
      return quotaExceeded();
  }
}
