// What the one HTTP client can be given (tests inject clocks, sleep, jitter and fetch) and its
// defaults; the client itself is client.ts.
import type { Logger } from '../log.ts';
import type { SecretMasker } from '../secrets.ts';
import type { HostBudget } from './types.ts';

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
