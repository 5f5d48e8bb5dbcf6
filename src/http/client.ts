// The one HTTP client. Sources describe a request and the schema of its answer; this file owns
// the loop around fetch: per-host budget, timeout per attempt, retries that honour the server's
// wait, masking. What an answer means (parsing, status classification) is answer.ts; the options
// and defaults are client-options.ts. See README.md here.
import { credentialKey, DEFAULT_BUDGET, HostBudgets, type HostLimiter } from './budget.ts';
import { clean, cut, describeUrl, LOG_EXCERPT_CHARS } from './describe.ts';
import { FIX, HttpError, type HttpErrorCode, isHttpError } from './errors.ts';
import { EXCHANGE_FIX, unresolvedHostFix } from '../errors/http.ts';
import { backoffMs, formatWait, quotaPauseMs, serverWait } from './retry.ts';
import { isTimeout, isUnresolvedHost, networkCause } from './failure-causes.ts';
import { HostDeadlines } from './host-deadline.ts';
import { isLoopbackHost } from './loopback.ts';
import { type BodyRead, DEFAULT_MAX_BODY_BYTES, formatBytes, readBodyCapped } from './body.ts';
import { bodyFor, buildUrl, headersFor } from './request-parts.ts';
import type { HttpClient, HttpMethod, HttpRequest, HttpResponse, HttpStats } from './types.ts';
import { errorAnswer, followable, parseJson, parseSuccess, type Retry, type RetryOrFail } from './answer.ts';
import { DEFAULT_HOST_DEADLINE_MS, type HttpClientOptions } from './client-options.ts';

export { DEFAULT_HOST_DEADLINE_MS, type HttpClientOptions } from './client-options.ts';

const MAX_REDIRECTS = 5;

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
      EXCHANGE_FIX.deadline,
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
    throw fail('EQUERY', `${what}: refusing to send credentials to ${url.host} over ${url.protocol.replace(':', '')}://; credentials go only over https`, EXCHANGE_FIX.httpsOnly, url.host);
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
          throw fail('ENOTFOUND', `${what}: the host name ${url.hostname} does not resolve (DNS: getaddrinfo ENOTFOUND)`, unresolvedHostFix(url.hostname), host);
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
        throw fail('EBADRESPONSE', `${what}: ${host} sent more than ${formatBytes(maxBytes)} (${status}); the answer was cut off unread`, EXCHANGE_FIX.tooLarge, host, status);
      }
      const text = read.text;
      const body = parseJson(text);

      if (status >= 200 && status < 300) {
        const pauseMs = quotaPauseMs(response.headers, now(), limiter.budget.concurrency);
        if (pauseMs !== undefined && pauseMs <= maxRetryWaitMs) {
          log.info(clean(masker, `pausing ${host} for ${formatWait(pauseMs)}: RateLimit-Remaining is ${response.headers.get('ratelimit-remaining') ?? response.headers.get('x-ratelimit-remaining') ?? '?'}`));
          limiter.pause(pauseMs);
        }
        return parseSuccess(req, response, text, body, { fail, masker, what, host, url, retryOrFail, now: now() });
      }
      if (status >= 300 && status < 400) return { redirect: followable(response, method, url, what, fail) };

      return errorAnswer(req, response, text, body, { fail, masker, what, host, url, retryOrFail, now: now() });
    } finally {
      release();
    }
  }

  return {
    request,
    setBudget: (host, budget) => budgets.set(host, budget),
    setHostDeadline: (ms) => deadlines.set(ms),
    stats: () => ({ requests: counters.requests, retries: counters.retries, byHost: { ...counters.byHost }, waitedMsByHost: { ...counters.waitedMsByHost } }),
  };
}
