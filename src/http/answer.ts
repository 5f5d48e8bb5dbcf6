// What an answer means, once it has arrived: a 2xx parsed (JSON or text, a failure reported in the
// body, the schema), a redirect followed only where it is safe, and every other status classified
// (statusMap, 401/403 with Google's reasons, 404, retryable, 5xx, 4xx). The loop around fetch
// (budgets, deadlines, retries) is client.ts.
import type { SecretMasker } from '../secrets.ts';
import { bodyExcerpt, clean, cut, describeIssues, describeUrl, EXCERPT_CHARS } from './describe.ts';
import { FIX, type HttpError, type HttpErrorCode } from './errors.ts';
import { EXCHANGE_FIX } from '../errors/http.ts';
import { googleReason } from './failure-causes.ts';
import { githubLimitWait, isRetryableStatus } from './retry.ts';
import type { HttpMethod, HttpRequest, HttpResponse } from './types.ts';

/** What one attempt ended with, when it did not end the request. */
export interface Retry {
  /** "429", "timed out after 30s", "network error (ECONNRESET)". */
  cause: string;
  /** What the server said, if anything (an excerpt of its body). */
  detail: string;
  waitMs: number;
  /** The wait was set as a pause on the whole host (429s): do not sleep again. */
  hostPaused: boolean;
  status?: number;
}

export type RetryOrFail = (cause: string, detail: string, status: number | undefined, headers: Headers | undefined, body: unknown) => Retry;

export type Parsed = { ok: true; value: unknown } | { ok: false };

export function parseJson(text: string): Parsed {
  if (text.trim() === '') return { ok: true, value: null };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** Builds the client's HttpError (message and fix masked). */
export type Fail = (code: HttpErrorCode, message: string, fix: string, host: string, status?: number) => HttpError;

export interface AnswerContext {
  fail: Fail;
  /** The client's clock (ms since the epoch), for waits the server states as an instant. */
  now: number;
  masker: SecretMasker;
  what: string;
  host: string;
  url: URL;
  retryOrFail: RetryOrFail;
}

export function parseSuccess<T>(req: HttpRequest<T>, response: Response, text: string, body: Parsed, ctx: AnswerContext): { response: HttpResponse<T> } | Retry {
  const { fail, masker, what, host, url, retryOrFail } = ctx;
  let value: unknown;
  if (req.responseType === 'text') {
    value = text;
  } else if (body.ok) {
    value = body.value;
  } else {
    const type = response.headers.get('content-type') ?? 'no content-type';
    const excerpt = bodyExcerpt(masker, undefined, text);
    throw fail('EBADRESPONSE', `${what}: ${host} answered ${response.status} with a body that is not JSON (${type}): ${excerpt}`, FIX.EBADRESPONSE, host, response.status);
  }
  const problem = req.responseType === 'text' ? undefined : req.bodyProblem?.(value);
  if (problem?.kind === 'transient') return retryOrFail(`${response.status} with an error in the body`, problem.message, response.status, response.headers, value);
  if (problem?.kind === 'query') throw fail('EQUERY', `${what}: ${host} rejected the query: ${cut(clean(masker, problem.message), EXCERPT_CHARS)}`, FIX.EQUERY, host, response.status);
  const parsed = req.schema.safeParse(value);
  if (!parsed.success) {
    throw fail('EBADRESPONSE', `${what}: unexpected answer from ${host}: ${describeIssues(parsed.error.issues)}`, FIX.EBADRESPONSE, host, response.status);
  }
  return { response: { data: parsed.data, status: response.status, headers: response.headers, url: response.url || url.toString() } };
}

/** Same-origin GET redirects are followed; anything else would carry credentials elsewhere. */
export function followable(response: Response, method: HttpMethod, url: URL, what: string, fail: Fail): URL {
  const location = response.headers.get('location');
  const target = location ? URL.parse(location, url) : null;
  if (target && target.origin === url.origin && method === 'GET') return target;
  const where = target ? ` to ${target.origin === url.origin ? 'another path on the same host' : target.origin}` : '';
  // Say the real reason: a same-origin redirect of a POST is refused because POST is not re-sent.
  const why = target && target.origin === url.origin ? `a ${method} is not re-sent to a redirect target (it could repeat a write)` : 'credentials are not sent across redirects to another origin';
  throw fail('EQUERY', `${what}: ${url.host} redirected (${response.status})${where}; ${why}`, EXCHANGE_FIX.redirected, url.host, response.status);
}

/** A non-2xx, non-3xx answer: the request's statusMap first, then the usual classification. */
export function errorAnswer<T>(req: HttpRequest<T>, response: Response, text: string, body: Parsed, ctx: AnswerContext): { response: HttpResponse<T> } | Retry {
  const { fail, masker, what, host, url, retryOrFail } = ctx;
  const status = response.status;
  const excerpt = bodyExcerpt(masker, body.ok ? body.value : undefined, text);
  const said = excerpt ? `: ${excerpt}` : '';
  const meaning = req.statusMap?.[status]?.(body.ok ? body.value : undefined);
  if (meaning && 'answer' in meaning) return { response: { data: meaning.answer, status, headers: response.headers, url: response.url } };
  if (meaning) throw fail(meaning.code, `${what}: ${host} answered ${status}${said}`, meaning.fix ?? FIX[meaning.code], host, status);
  if (status === 401 || status === 403) {
    const reason = googleReason(body.ok ? body.value : undefined);
    if (reason === 'rateLimitExceeded' || reason === 'userRateLimitExceeded') {
      return retryOrFail(`${status} ${reason}`, excerpt, status, response.headers, body.ok ? body.value : undefined);
    }
    if (reason === 'quotaExceeded' || reason === 'dailyLimitExceeded') {
      throw fail('ETRANSIENT', `${what}: ${host} says the API quota is spent (${status} ${reason})${said}`, FIX.ETRANSIENT, host, status);
    }
    // GitHub throttles with a 403 too: retry-after, x-ratelimit-remaining 0, or a secondary-limit message.
    if (status === 403 && (response.headers.has('retry-after') || githubLimitWait(status, response.headers, body.ok ? body.value : undefined, ctx.now) !== undefined)) {
      return retryOrFail(`${status} rate limit`, excerpt, status, response.headers, body.ok ? body.value : undefined);
    }
    throw fail('EAUTH', `${what}: ${host} refused the credentials (${status})${said}`, req.authHint ?? FIX.EAUTH, host, status);
  }
  if (status === 404) {
    throw fail('ENOTFOUND', `${what}: not found (404 from ${describeUrl(url)})${said}`, req.notFoundHint ?? FIX.ENOTFOUND, host, status);
  }
  if (isRetryableStatus(status)) {
    return retryOrFail(String(status), excerpt, status, response.headers, body.ok ? body.value : undefined);
  }
  if (status >= 500) throw fail('ETRANSIENT', `${what}: ${host} answered ${status}${said}`, FIX.ETRANSIENT, host, status);
  throw fail('EQUERY', `${what}: ${host} rejected the request (${status})${said}`, FIX.EQUERY, host, status);
}
