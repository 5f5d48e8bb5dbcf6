// Test doubles for the HTTP client: an instant sleep that records every wait, a frozen clock, and
// the throttling answers the real APIs give (headers and bodies as the APIs document them).
import { HttpResponse } from 'msw';
import { createHttpClient, type HttpClientOptions } from '../../src/http/client.ts';
import { HttpError } from '../../src/http/errors.ts';
import type { HttpClient } from '../../src/http/types.ts';
import { memoryLogger } from '../../src/log.ts';
import { SecretMasker } from '../../src/secrets.ts';
import { events, type Events } from '../support/events.ts';

/** 2026-11-02T06:00:00Z: the monthly job's schedule. */
export const FROZEN_NOW = Date.UTC(2026, 10, 2, 6, 0, 0);
export const FROZEN_EPOCH_S = FROZEN_NOW / 1000;

export interface TestClient {
  client: HttpClient;
  /** Every wait the client asked for, in order (backoff, Retry-After, pauses, pacing). */
  sleeps: number[];
  log: ReturnType<typeof memoryLogger>;
  masker: SecretMasker;
}

/** A client with an instant recording sleep, a frozen clock and jitter fixed at `random`. */
export function testClient(overrides: Partial<HttpClientOptions> = {}): TestClient {
  const sleeps: number[] = [];
  const log = memoryLogger();
  const masker = overrides.masker ?? new SecretMasker();
  const client = createHttpClient({
    masker,
    log,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    now: () => FROZEN_NOW,
    ...overrides,
  });
  return { client, sleeps, log, masker };
}

/**
 * A sleep the test releases by hand, to observe what happens while the client waits; `asked`
 * reports each sleep the client asks for, so a test waits on that instead of on time.
 */
export function manualSleep(): { sleep: (ms: number) => Promise<void>; waits: Array<{ ms: number; release: () => void }>; asked: Events } {
  const waits: Array<{ ms: number; release: () => void }> = [];
  const asked = events('sleeps asked for');
  return {
    waits,
    asked,
    sleep: (ms) =>
      new Promise<void>((resolve) => {
        waits.push({ ms, release: resolve });
        asked.happened();
      }),
  };
}

/** gitlab.com API throttle: 429 with Retry-After (seconds) and RateLimit-* headers. */
export function gitlab429(retryAfterSeconds: number): HttpResponse<string> {
  return new HttpResponse('Retry later\n', {
    status: 429,
    headers: {
      'content-type': 'text/plain',
      'retry-after': String(retryAfterSeconds),
      'ratelimit-limit': '2000',
      'ratelimit-observed': '2001',
      'ratelimit-remaining': '0',
      'ratelimit-reset': String(FROZEN_EPOCH_S + retryAfterSeconds),
      'ratelimit-resettime': new Date(FROZEN_NOW + retryAfterSeconds * 1000).toUTCString(),
    },
  });
}

/**
 * A GitLab endpoint rate limit (ApplicationRateLimiter) as older GitLab answers it: no Retry-After,
 * only the RateLimit-Reset epoch and RateLimit-ResetTime (gitlab-org/gitlab#199738).
 */
export function resetOnly429(resetEpochSeconds: number): HttpResponse<string> {
  return new HttpResponse(JSON.stringify({ message: { error: 'This endpoint has been requested too many times. Try again later.' } }), {
    status: 429,
    headers: {
      'content-type': 'application/json',
      'ratelimit-limit': '600',
      'ratelimit-observed': '5',
      'ratelimit-remaining': '595',
      'ratelimit-reset': String(resetEpochSeconds),
      'ratelimit-resettime': new Date(resetEpochSeconds * 1000).toUTCString(),
    },
  });
}

/** Rack::Attack per-IP throttle: text/plain "Retry later", no wait given. */
export function rackRetryLater(): HttpResponse<string> {
  return new HttpResponse('Retry later\n', { status: 429, headers: { 'content-type': 'text/plain' } });
}

/** Discourse admin API limit: JSON with extras.wait_seconds. */
export function discourse429(waitSeconds: number): HttpResponse<string> {
  return new HttpResponse(
    JSON.stringify({
      errors: [`You've performed this action too many times. Please wait ${waitSeconds} seconds before trying again.`],
      error_type: 'rate_limit',
      extras: { wait_seconds: waitSeconds, time_left: `${waitSeconds} seconds` },
    }),
    { status: 429, headers: { 'content-type': 'application/json; charset=utf-8' } },
  );
}

/** GA4 Data API quota exhausted: Google's error envelope, no Retry-After. */
export function ga4Quota429(): HttpResponse<string> {
  return new HttpResponse(
    JSON.stringify({
      error: {
        code: 429,
        message: 'Exhausted property tokens per hour for this project. Consider using a batch request.',
        status: 'RESOURCE_EXHAUSTED',
      },
    }),
    { status: 429, headers: { 'content-type': 'application/json; charset=UTF-8' } },
  );
}

/** Google's 400/401/403 envelope (GA4, YouTube). */
export function googleError(code: number, status: string, message: string, reason?: string): HttpResponse<string> {
  const errors = reason ? [{ message, domain: 'youtube.quota', reason }] : undefined;
  return new HttpResponse(JSON.stringify({ error: { code, message, status, ...(errors ? { errors } : {}) } }), {
    status: code,
    headers: { 'content-type': 'application/json; charset=UTF-8' },
  });
}

/** A 502 from a load balancer in front of the API: an HTML page. */
export function badGateway(): HttpResponse<string> {
  return new HttpResponse('<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>', {
    status: 502,
    headers: { 'content-type': 'text/html' },
  });
}

/** The HttpError a request fails with; fails the test if it succeeds or throws something else. */
export async function failure(promise: Promise<unknown>): Promise<HttpError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof HttpError)) throw new Error(`expected an HttpError, got ${String(error)}`);
  return error;
}
