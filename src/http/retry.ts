// When to try again and how long to wait. Server-given waits win over our own backoff: an API that
// says "come back in 37 s" knows better than a formula.

/** Statuses worth another attempt: throttling, timeouts at the edge, and gateway hiccups. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status === 500 || status === 502 || status === 503 || status === 504;
}

export const BACKOFF_BASE_MS = 500;
export const BACKOFF_CAP_MS = 30_000;

/** Exponential backoff with full jitter (AWS architecture blog): uniform in [0, min(cap, base·2^n)). */
export function backoffMs(retry: number, random: () => number): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** retry);
  return Math.floor(random() * ceiling);
}

export interface ServerWait {
  ms: number;
  /** Which signal it came from, for the log line. */
  from: 'Retry-After' | 'RateLimit-Reset' | 'RateLimit-ResetTime' | 'wait_seconds' | 'x-ratelimit-reset' | 'secondary rate limit';
}

/**
 * The wait a throttled answer asks for, if any: Retry-After (seconds or HTTP-date); on a 429
 * without it, RateLimit-Reset / RateLimit-ResetTime; Discourse's JSON `extras.wait_seconds`.
 * `now` is epoch milliseconds.
 */
export function serverWait(status: number, headers: Headers, body: unknown, now: number): ServerWait | undefined {
  const retryAfter = parseDelay(headers.get('retry-after'), now, 'seconds');
  if (retryAfter !== undefined) return { ms: retryAfter, from: 'Retry-After' };
  const github = githubLimitWait(status, headers, body, now);
  if (github !== undefined) return github;
  if (status !== 429) return undefined;
  const waitSeconds = discourseWaitSeconds(body);
  if (waitSeconds !== undefined) return { ms: waitSeconds * 1000, from: 'wait_seconds' };
  const reset = parseReset(headers.get('ratelimit-reset'), now);
  if (reset !== undefined) return { ms: reset, from: 'RateLimit-Reset' };
  const resetTime = parseDelay(headers.get('ratelimit-resettime'), now, 'epoch');
  if (resetTime !== undefined) return { ms: resetTime, from: 'RateLimit-ResetTime' };
  return undefined;
}

/**
 * How long to hold a host after a successful answer that says its quota is (nearly) spent:
 * RateLimit-Remaining below `threshold` and a RateLimit-Reset in the future.
 */
export function quotaPauseMs(headers: Headers, now: number, threshold: number): number | undefined {
  // GitHub names its headers x-ratelimit-* (the reset in epoch seconds).
  const remainingText = headers.get('ratelimit-remaining') ?? headers.get('x-ratelimit-remaining');
  if (remainingText === null || remainingText.trim() === '') return undefined;
  const remaining = Number(remainingText);
  if (!Number.isFinite(remaining) || remaining >= threshold) return undefined;
  const ms = parseReset(headers.get('ratelimit-reset') ?? headers.get('x-ratelimit-reset'), now) ?? parseDelay(headers.get('ratelimit-resettime'), now, 'epoch');
  return ms !== undefined && ms > 0 ? ms : undefined;
}

/**
 * RateLimit-Reset is epoch seconds on GitLab but a delta in seconds in the IETF draft
 * other APIs follow; a value above 10^9 can only be an epoch (2001-09-09), smaller ones are deltas.
 */
function parseReset(value: string | null, now: number): number | undefined {
  if (value === null || !/^\s*\d+(\.\d+)?\s*$/.test(value)) return undefined;
  const n = Number(value);
  const ms = n > 1e9 ? n * 1000 - now : n * 1000;
  return Math.max(0, Math.ceil(ms));
}

/** A number of seconds (delta, or epoch seconds when `numbers` is 'epoch') or an HTTP-date. */
function parseDelay(value: string | null, now: number, numbers: 'seconds' | 'epoch'): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) {
    const n = Number(text);
    if (numbers === 'epoch') return Math.max(0, Math.ceil(n * 1000 - now));
    return Math.ceil(n * 1000);
  }
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

function discourseWaitSeconds(body: unknown): number | undefined {
  if (typeof body !== 'object' || body === null || !('extras' in body)) return undefined;
  const extras = body.extras;
  if (typeof extras !== 'object' || extras === null || !('wait_seconds' in extras)) return undefined;
  const wait = extras.wait_seconds;
  return typeof wait === 'number' && Number.isFinite(wait) && wait >= 0 ? wait : undefined;
}

/**
 * GitHub's throttling answers (403 or 429, docs.github.com "Rate limits for the REST API",
 * § Exceeding the rate limit): the primary limit sets `x-ratelimit-remaining: 0` and the wait
 * ends at `x-ratelimit-reset` (epoch seconds); a secondary limit says so in its message and,
 * without retry-after, asks to wait "at least one minute".
 */
export function githubLimitWait(status: number, headers: Headers, body: unknown, now: number): ServerWait | undefined {
  if (status !== 403 && status !== 429) return undefined;
  if (headers.get('x-ratelimit-remaining')?.trim() === '0') {
    const reset = headers.get('x-ratelimit-reset');
    const ms = reset !== null && /^\s*\d+\s*$/.test(reset) ? Math.max(0, Number(reset) * 1000 - now) : undefined;
    if (ms !== undefined) return { ms, from: 'x-ratelimit-reset' };
  }
  if (isSecondaryRateLimit(body)) return { ms: 60_000, from: 'secondary rate limit' };
  return undefined;
}

/** GitHub's secondary-limit message: "You have exceeded a secondary rate limit…". */
export function isSecondaryRateLimit(body: unknown): boolean {
  if (typeof body !== 'object' || body === null || !('message' in body)) return false;
  return typeof body.message === 'string' && /secondary rate limit/i.test(body.message);
}

/** "500ms", "12s", "2m05s": short enough for a CI log line. */
export function formatWait(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}
