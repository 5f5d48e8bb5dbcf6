// Budgets per host AND credential: a concurrency limit (semaphore), a rate limit, and a pause that
// every request to the host honours (set when the host answers 429 or says its quota is spent).
//
// The rate limit is a token bucket holding the API window's capacity, where a token spent at t
// comes back at t + window (a sliding window): a monthly run of 5 requests goes out at once, and
// no window of that length — however it is aligned — ever sees more requests than the limit.
// (A classic bucket that refills continuously would allow up to twice the limit in one window.)
//
// APIs count their limits per user or key (GitLab per user, Discourse and Plausible per key), so
// two connections to one host with different credentials get separate limiters; the budget a
// host is configured with is shared, and when it is configured twice the stricter one wins.
//
// Waits go through the injected sleep and are computed once, never by polling a clock, so tests with
// a frozen clock and an instant sleep cannot spin.
import { createHash } from 'node:crypto';
import type { HostBudget } from './types.ts';

export const DEFAULT_BUDGET: HostBudget = { concurrency: 4, requestsPerMinute: 600 };

type Sleep = (ms: number) => Promise<void>;

/** The window a budget limits: its own `window`, else requestsPerMinute over a minute. */
export function windowOf(budget: HostBudget): { requests: number; ms: number } {
  const w = budget.window;
  if (w && w.requests > 0 && w.ms > 0) return { requests: Math.max(1, Math.floor(w.requests)), ms: w.ms };
  const rpm = budget.requestsPerMinute > 0 ? budget.requestsPerMinute : DEFAULT_BUDGET.requestsPerMinute;
  return { requests: Math.max(1, Math.floor(rpm)), ms: 60_000 };
}

/** The stricter of two budgets: fewer concurrent requests, and the lower rate (then the smaller burst). */
export function stricterBudget(a: HostBudget, b: HostBudget): HostBudget {
  const wa = windowOf(a);
  const wb = windowOf(b);
  const rateA = wa.requests / wa.ms;
  const rateB = wb.requests / wb.ms;
  const pick = rateA < rateB || (rateA === rateB && wa.requests <= wb.requests) ? a : b;
  return { ...pick, concurrency: Math.min(a.concurrency, b.concurrency) };
}

/**
 * The sliding-window bucket: remembers when each of the last `capacity` tokens was spent (a ring),
 * so the next token is free at max(now, oldest + window). Grant times never decrease.
 */
class SlidingBucket {
  #capacity: number;
  #windowMs: number;
  #grants: number[] = [];
  #head = 0;

  constructor(capacity: number, windowMs: number) {
    this.#capacity = capacity;
    this.#windowMs = windowMs;
  }

  resize(capacity: number, windowMs: number): void {
    // Keep the most recent grants, oldest first, so a stricter budget still counts what was sent.
    const ordered = [...this.#grants.slice(this.#head), ...this.#grants.slice(0, this.#head)];
    this.#grants = ordered.slice(Math.max(0, ordered.length - capacity));
    this.#head = 0;
    this.#capacity = capacity;
    this.#windowMs = windowMs;
  }

  /** Reserves the next token; returns the instant it may be used. */
  take(now: number): number {
    if (this.#grants.length < this.#capacity) {
      const last = this.#grants.length === 0 ? now : (this.#grants[(this.#head + this.#grants.length - 1) % this.#grants.length] ?? now);
      const at = Math.max(now, last);
      this.#grants.push(at);
      return at;
    }
    const oldest = this.#grants[this.#head] ?? now;
    const at = Math.max(now, oldest + this.#windowMs);
    this.#grants[this.#head] = at;
    this.#head = (this.#head + 1) % this.#capacity;
    return at;
  }
}

export class HostLimiter {
  #budget: HostBudget;
  readonly #sleep: Sleep;
  readonly #now: () => number;
  #active = 0;
  readonly #queue: Array<() => void> = [];
  readonly #bucket: SlidingBucket;
  #pause: Promise<void> | undefined;
  #pauseUntil = 0;

  constructor(budget: HostBudget, sleep: Sleep, now: () => number) {
    this.#budget = normalise(budget);
    this.#sleep = sleep;
    this.#now = now;
    const w = windowOf(this.#budget);
    this.#bucket = new SlidingBucket(w.requests, w.ms);
  }

  get budget(): HostBudget {
    return this.#budget;
  }

  set budget(budget: HostBudget) {
    this.#budget = normalise(budget);
    const w = windowOf(this.#budget);
    this.#bucket.resize(w.requests, w.ms);
    this.#drain();
  }

  /** Waits for a concurrency slot, any pause, and a token; returns the release function. */
  async acquire(): Promise<() => void> {
    await this.#slot();
    try {
      await this.#waitPause();
      const now = this.#now();
      const wait = this.#bucket.take(now) - now;
      if (wait > 0) await this.#sleep(wait);
      // A 429 may have paused the host while we waited for our turn.
      await this.#waitPause();
    } catch (error) {
      this.#release();
      throw error;
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#release();
    };
  }

  /**
   * The server's own limit (`RateLimit-Limit`, requests per minute on GitLab's throttles) becomes
   * the rate, unless a person fixed the budget. The concurrency stays.
   */
  learn(limitPerMinute: number): void {
    if (this.#budget.fixed === true || !Number.isFinite(limitPerMinute) || limitPerMinute < 1) return;
    const limit = Math.floor(limitPerMinute);
    if (this.#budget.window === undefined && this.#budget.requestsPerMinute === limit) return;
    const { window: _window, ...rest } = this.#budget;
    this.budget = { ...rest, requestsPerMinute: limit };
  }

  /** Holds every request to this host (queued or retrying) for ms; a longer pause wins. */
  pause(ms: number): void {
    if (ms <= 0) return;
    const until = this.#now() + ms;
    if (this.#pause && until <= this.#pauseUntil) return;
    this.#pauseUntil = until;
    const pause: Promise<void> = this.#sleep(ms).then(
      () => {
        if (this.#pause === pause) this.#pause = undefined;
      },
      () => {
        if (this.#pause === pause) this.#pause = undefined;
      },
    );
    this.#pause = pause;
  }

  /** A promise that settles when the current pause (if any) is over. */
  async #waitPause(): Promise<void> {
    // Loop: a longer pause may replace the one we were waiting for.
    while (this.#pause) await this.#pause;
  }

  #slot(): Promise<void> {
    if (this.#active < this.#budget.concurrency) {
      this.#active++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#queue.push(resolve));
  }

  #release(): void {
    this.#active--;
    this.#drain();
  }

  #drain(): void {
    while (this.#active < this.#budget.concurrency && this.#queue.length > 0) {
      this.#active++;
      this.#queue.shift()?.();
    }
  }
}

function normalise(budget: HostBudget): HostBudget {
  return {
    ...budget,
    concurrency: Math.max(1, Math.floor(budget.concurrency)),
    requestsPerMinute: budget.requestsPerMinute > 0 ? budget.requestsPerMinute : DEFAULT_BUDGET.requestsPerMinute,
  };
}

/** Request headers that identify who is calling (lower-case names). */
const CREDENTIAL_HEADERS = ['authorization', 'private-token', 'job-token', 'api-key', 'x-api-key', 'x-goog-api-key'];

/**
 * A short fingerprint of the credential a request carries (a header above, or Google's `key`
 * query parameter), so limiters can be keyed by it without holding the secret; '' for none.
 */
export function credentialKey(headers: Readonly<Record<string, string>> | undefined, url: URL): string {
  const parts: string[] = [];
  if (headers) {
    for (const [name, value] of Object.entries(headers)) if (CREDENTIAL_HEADERS.includes(name.toLowerCase())) parts.push(`${name.toLowerCase()}=${value}`);
  }
  const key = url.searchParams.get('key');
  if (key) parts.push(`key=${key}`);
  if (parts.length === 0) return '';
  return createHash('sha256').update(parts.sort().join('\n')).digest('hex').slice(0, 16);
}

/** One limiter per (host, credential), created on first use with the host's budget (or the default). */
export class HostBudgets {
  readonly #limiters = new Map<string, HostLimiter>();
  readonly #configured = new Map<string, HostBudget>();
  readonly #defaultBudget: HostBudget;
  readonly #sleep: Sleep;
  readonly #now: () => number;

  constructor(defaultBudget: HostBudget, sleep: Sleep, now: () => number) {
    this.#defaultBudget = defaultBudget;
    this.#sleep = sleep;
    this.#now = now;
  }

  for(host: string, credential = ''): HostLimiter {
    const h = host.toLowerCase();
    const key = `${h} ${credential}`;
    let limiter = this.#limiters.get(key);
    if (!limiter) {
      limiter = new HostLimiter(this.#configured.get(h) ?? this.#defaultBudget, this.#sleep, this.#now);
      this.#limiters.set(key, limiter);
    }
    return limiter;
  }

  /** The budget every credential's limiter of `host` runs with; the stricter one when set twice. */
  set(host: string, budget: HostBudget): void {
    const h = host.toLowerCase();
    const before = this.#configured.get(h);
    // A budget a person fixed wins over a source's default for the same host.
    const next = !before || budget.fixed === true ? budget : before.fixed === true ? before : stricterBudget(before, budget);
    this.#configured.set(h, next);
    for (const [key, limiter] of this.#limiters) if (key.startsWith(`${h} `)) limiter.budget = next;
  }

  /** The budget `host` is configured with (the default when nobody set one). */
  budgetOf(host: string): HostBudget {
    return this.#configured.get(host.toLowerCase()) ?? this.#defaultBudget;
  }
}
