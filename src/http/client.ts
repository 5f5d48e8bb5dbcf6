// The one HTTP client. Sources describe a request and the schema of its
// answer; this file owns the loop around fetch: per-host budget, timeout per attempt, retries that
// honour the server's wait, failure classification, zod parsing, masking. See README.md here.
import type { Logger } from '../log.ts';
import type { SecretMasker } from '../secrets.ts';
import { credentialKey, DEFAULT_BUDGET, HostBudgets, type HostLimiter } from './budget.ts';
import { bodyExcerpt, clean, cut, describeIssues, describeUrl, EXCERPT_CHARS, LOG_EXCERPT_CHARS } from './describe.ts';
import { FIX, HttpError, type HttpErrorCode, isHttpError } from './errors.ts';
import { backoffMs, formatWait, isRetryableStatus, quotaPauseMs, serverWait } from './retry.ts';
import { googleReason, isTimeout, isUnresolvedHost, networkCause } from './failure-causes.ts';
import { HostDeadlines } from './host-deadline.ts';
import { isLoopbackHost } from './loopback.ts';
import { type BodyRead, DEFAULT_MAX_BODY_BYTES, formatBytes, readBodyCapped } from './body.ts';
import { bodyFor, buildUrl, headersFor } from './request-parts.ts';
import type { HostBudget, HttpClient, HttpMethod, HttpRequest, HttpResponse, HttpStats } from './types.ts';

export interface HttpClientOptions {
  /** Every error message and log line goes through masker.mask(). */
  masker: SecretMasker;
  /** debug: one line per attempt (method, host, path, status, ms); info: retries and pauses. */
  log: Logger;
  /** Per attempt, including reading the body; default 30 s. */
  timeoutMs?: number;
  /** Attempts after the first; default 4 (so at most 5 requests). */
  maxRetries?: number;
  /** Injectable so tests do not wait. */
  sleep?: (ms: number) => Promise<void>;
  /** Jitter source in [0, 1). */
  random?: () => number;
  /** Epoch milliseconds (like Date.now), for RateLimit-Reset epochs, HTTP-dates and pacing. */
  now?: () => number;
  /** Default globalThis.fetch, looked up at request time (msw replaces it in tests). */
  fetch?: typeof fetch;
  /** Budget of hosts nobody called setBudget for; default 4 concurrent, 600/min. */
  defaultBudget?: HostBudget;
  /** A server-requested wait longer than this (default 120 s) fails fast as ETRANSIENT. */
  maxRetryWaitMs?: number;
  /**
   * Per host (one source), the most time a run may lose to it: failed attempts (timeouts, errors,
   * 429/5xx) and retry waits together (default 5 min). Past it, requests fail as ETRANSIENT at
   * once, so a dead API cannot stall the job for 30 s × 5 attempts per metric.
   */
  hostDeadlineMs?: number;
}

export const DEFAULT_HOST_DEADLINE_MS = 5 * 60_000;

const MAX_REDIRECTS = 5;

/** What one attempt ended with, when it did not end the request. */
interface Retry {
  /** "429", "timed out after 30s", "network error (ECONNRESET)". */
  cause: string;
  /** What the server said, if anything (an excerpt of its body). */
  detail: string;
  waitMs: number;
  /** The wait was set as a pause on the whole host (429s): do not sleep again. */
  hostPaused: boolean;
  status?: number;
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const { masker, log } = options;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxRetries = options.maxRetries ?? 4;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const maxRetryWaitMs = options.maxRetryWaitMs ?? 120_000;
  const budgets = new HostBudgets(options.defaultBudget ?? DEFAULT_BUDGET, sleep, now);
  const counters: HttpStats = { requests: 0, retries: 0, byHost: {}, waitedMsByHost: {} };
  const deadlines = new HostDeadlines(options.hostDeadlineMs ?? DEFAULT_HOST_DEADLINE_MS);
  const pastDeadline = (what: string, host: string, cause: string): HttpError => {
    deadlines.giveUp(host);
    return fail(
      'ETRANSIENT',
      `${what}: gave up on ${host} after ${formatWait(deadlines.spent(host))} of failed attempts and retry waits, its deadline for this run (${formatWait(deadlines.deadline)}; ${formatWait(counters.waitedMsByHost[host] ?? 0)} of it waiting to retry)${cause ? `; last: ${cause}` : ''}`,
      'The API did not answer in time: its metrics are unavailable; re-run later, or raise limits.source_deadline_seconds in the goals file if this API is just slow.',
      host,
    );
  };

  const fail = (code: HttpErrorCode, message: string, fix: string, host: string, status?: number): HttpError =>
    new HttpError(code, clean(masker, message), clean(masker, fix), {
      host,
      transient: code === 'ETRANSIENT',
      ...(status === undefined ? {} : { status }),
    });

  async function request<T>(req: HttpRequest<T>): Promise<HttpResponse<T>> {
    const method: HttpMethod = req.method ?? 'GET';
    let url = buildUrl(req, fail);
    const what = req.what ?? `${method} ${describeUrl(url)}`;
    // fetch throws on such a header before sending, which used to look like a network error and
    // was retried five times; it is a broken credential (never retried, never printed).
    for (const [name, value] of Object.entries(req.headers ?? {})) {
      if (/[\r\n\0]|[^\u0000-\u00ff]/u.test(value)) {
        throw fail('EAUTH', `${what}: the ${name} header cannot be sent: its value contains a line break or a character above U+00FF`, req.authHint ?? FIX.EAUTH, url.host);
      }
    }
    let redirects = 0;
    for (let attempt = 0; ; attempt++) {
      // Keyed by credential too: APIs limit per user or key, not per host.
      const limiter = budgets.for(url.host, credentialKey(req.headers, url));
      refuseInsecure(req, url, what);
      const left = deadlines.left(url.host);
      if (left <= 0 || deadlines.isGivenUp(url.host)) throw pastDeadline(what, url.host, '');
      const attemptStarted = now();
      let outcome: Awaited<ReturnType<typeof attemptOnce<T>>>;
      try {
        outcome = await attemptOnce(req, method, url, what, limiter, attempt, Math.min(timeoutMs, left));
      } catch (error) {
        // A final transient failure (after retries, or a refused long wait) is trouble too.
        if (isHttpError(error) && error.transient) deadlines.addTrouble(url.host, now() - attemptStarted);
        throw error;
      }
      if ('redirect' in outcome) {
        if (++redirects > MAX_REDIRECTS) throw fail('EQUERY', `${what}: more than ${MAX_REDIRECTS} redirects from ${url.host}`, FIX.EQUERY, url.host);
        url = outcome.redirect;
        attempt--; // a redirect is not a retry
        continue;
      }
      if ('response' in outcome) return outcome.response;
      deadlines.addTrouble(url.host, now() - attemptStarted);
      // Waiting past the deadline would only end in the same failure, later.
      if (outcome.waitMs >= deadlines.left(url.host)) throw pastDeadline(what, url.host, `${outcome.cause}${outcome.detail ? ` ("${cut(clean(masker, outcome.detail), LOG_EXCERPT_CHARS)}")` : ''}`);
      counters.retries++;
      counters.waitedMsByHost[url.host] = (counters.waitedMsByHost[url.host] ?? 0) + outcome.waitMs;
      deadlines.addTrouble(url.host, outcome.waitMs);
      const said = outcome.detail ? `"${cut(clean(masker, outcome.detail), LOG_EXCERPT_CHARS)}"; ` : '';
      log.info(clean(masker, `retrying in ${formatWait(outcome.waitMs)}: ${outcome.cause} from ${url.host} (${said}${what}; attempt ${attempt + 2} of ${maxRetries + 1})`));
      // A paused host makes the next acquire() wait; sleeping here as well would wait twice.
      if (!outcome.hostPaused && outcome.waitMs > 0) await sleep(outcome.waitMs);
    }
  }

  /** Credentials travel only over https://, or over http:// to a loopback host (tests, local proxies). */
  function refuseInsecure<T>(req: HttpRequest<T>, url: URL, what: string): void {
    if (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname))) return;
    const sent = [...headersFor(req).values(), url.search, bodyFor(req) ?? ''];
    if (!sent.some((part) => masker.carries(part))) return;
    throw fail('EQUERY', `${what}: refusing to send credentials to ${url.host} over ${url.protocol.replace(':', '')}://; credentials go only over https`, 'Use the https:// URL of this API in goals.yml.', url.host);
  }

  async function attemptOnce<T>(req: HttpRequest<T>, method: HttpMethod, url: URL, what: string, limiter: HostLimiter, attempt: number, attemptTimeoutMs: number): Promise<{ response: HttpResponse<T> } | { redirect: URL } | Retry> {
    const host = url.host;
    const release = await limiter.acquire();
    const started = performance.now();
    const lastAttempt = attempt >= (req.retries ?? maxRetries);
    counters.requests++;
    counters.byHost[host] = (counters.byHost[host] ?? 0) + 1;

    // Decides between retrying and failing for a transient problem; pauses the host on 429s.
    const retryOrFail: RetryOrFail = (cause, detail, status, headers, body) => {
      const said = detail ? `: ${detail}` : '';
      const server = status !== undefined && headers ? serverWait(status, headers, body, now()) : undefined;
      if (server && server.ms > maxRetryWaitMs) {
        throw fail('ETRANSIENT', `${what}: ${cause} from ${host}, which asks to wait ${formatWait(server.ms)} (${server.from}), longer than the ${formatWait(maxRetryWaitMs)} a run may wait${said}`, FIX.ETRANSIENT, host, status);
      }
      const waitMs = server ? server.ms : backoffMs(attempt, random);
      // Every request to a throttling host waits, not just this one (even after our last try).
      const hostPaused = status === 429 || server !== undefined;
      if (hostPaused) limiter.pause(waitMs);
      if (lastAttempt) {
        const tries = (req.retries ?? maxRetries) + 1;
        throw fail('ETRANSIENT', `${what}: ${cause} from ${host} after ${tries} attempt${tries === 1 ? '' : 's'}${said}`, FIX.ETRANSIENT, host, status);
      }
      return { cause, detail, waitMs, hostPaused, ...(status === undefined ? {} : { status }) };
    };

    let response: Response;
    let read: BodyRead;
    const timeout = AbortSignal.timeout(attemptTimeoutMs);
    const cutOff = new AbortController();
    const signal = AbortSignal.any([timeout, cutOff.signal]);
    const maxBytes = req.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    try {
      try {
        const fetchImpl = options.fetch ?? globalThis.fetch;
        response = await fetchImpl(url, { method, headers: headersFor(req), body: bodyFor(req), signal, redirect: 'manual' });
        read = await readBodyCapped(response, maxBytes, cutOff);
      } catch (error) {
        if (!isTimeout(error, timeout) && isUnresolvedHost(error)) {
          log.debug(clean(masker, `${method} ${describeUrl(url)} host does not resolve`));
          // A setup error, not retried: ENOTFOUND is one of verify's configuration codes (exit 2).
          throw fail(
            'ENOTFOUND',
            `${what}: the host name ${url.hostname} does not resolve (DNS: getaddrinfo ENOTFOUND)`,
            `Check the URL in goals.yml (url / api_url / *_url of this source): ${url.hostname} is not a known host name — a typo, or a host the runner's DNS cannot see (self-hosted instance on a private network?).`,
            host,
          );
        }
        const reason = isTimeout(error, timeout) ? `timed out after ${formatWait(attemptTimeoutMs)}` : `network error (${networkCause(error)})`;
        log.debug(clean(masker, `${method} ${describeUrl(url)} ${reason} ${Math.round(performance.now() - started)}ms`));
        return retryOrFail(reason, '', undefined, undefined, undefined);
      }
      const status = response.status;
      log.debug(clean(masker, `${method} ${describeUrl(url)} ${status} ${Math.round(performance.now() - started)}ms`));
      // The budget follows the limit the server announces (unless a person fixed it).
      const announced = Number(response.headers.get('ratelimit-limit') ?? '');
      if (Number.isInteger(announced) && announced > 0) limiter.learn(announced);
      if (!read.ok) {
        // Not retried: the same request would stream the same flood again.
        throw fail(
          'EBADRESPONSE',
          `${what}: ${host} sent more than ${formatBytes(maxBytes)} (${status}); the answer was cut off unread`,
          'An answer this large is not what this API sends for this query (a proxy, a loop or a hostile server?). Check the URL in goals.yml; re-run with --verbose and report it.',
          host,
          status,
        );
      }
      const text = read.text;
      const body = parseJson(text);

      if (status >= 200 && status < 300) {
        const pauseMs = quotaPauseMs(response.headers, now(), limiter.budget.concurrency);
        if (pauseMs !== undefined && pauseMs <= maxRetryWaitMs) {
          log.info(clean(masker, `pausing ${host} for ${formatWait(pauseMs)}: RateLimit-Remaining is ${response.headers.get('ratelimit-remaining') ?? '?'}`));
          limiter.pause(pauseMs);
        }
        return parseSuccess(req, response, text, body, what, host, url, retryOrFail);
      }
      if (status >= 300 && status < 400) return { redirect: followable(response, method, url, what) };

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
    } finally {
      release();
    }
  }

  function parseSuccess<T>(req: HttpRequest<T>, response: Response, text: string, body: Parsed, what: string, host: string, url: URL, retryOrFail: RetryOrFail): { response: HttpResponse<T> } | Retry {
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
  function followable(response: Response, method: HttpMethod, url: URL, what: string): URL {
    const location = response.headers.get('location');
    const target = location ? URL.parse(location, url) : null;
    if (target && target.origin === url.origin && method === 'GET') return target;
    const where = target ? ` to ${target.origin === url.origin ? 'another path on the same host' : target.origin}` : '';
    // Say the real reason: a same-origin redirect of a POST is refused because POST is not re-sent.
    const why = target && target.origin === url.origin ? `a ${method} is not re-sent to a redirect target (it could repeat a write)` : 'credentials are not sent across redirects to another origin';
    throw fail('EQUERY', `${what}: ${url.host} redirected (${response.status})${where}; ${why}`, 'Use the final URL (scheme, host and path) in goals.yml, e.g. https:// rather than http://.', url.host, response.status);
  }

  return {
    request,
    setBudget: (host, budget) => budgets.set(host, budget),
    setHostDeadline: (ms) => deadlines.set(ms),
    stats: () => ({ requests: counters.requests, retries: counters.retries, byHost: { ...counters.byHost }, waitedMsByHost: { ...counters.waitedMsByHost } }),
  };
}

type RetryOrFail = (cause: string, detail: string, status: number | undefined, headers: Headers | undefined, body: unknown) => Retry;

type Parsed = { ok: true; value: unknown } | { ok: false };

function parseJson(text: string): Parsed {
  if (text.trim() === '') return { ok: true, value: null };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}
