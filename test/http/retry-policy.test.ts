// The pure parts of the retry policy: reading the waits servers ask for.
import { describe, expect, it } from 'vitest';
import { backoffMs, formatWait, quotaPauseMs, serverWait } from '../../src/http/retry.ts';
import { FROZEN_EPOCH_S, FROZEN_NOW } from '../fakes/http-fakes.ts';

const h = (init: Record<string, string>) => new Headers(init);

describe('serverWait', () => {
  it('prefers Retry-After (seconds or HTTP-date) on any status', () => {
    expect(serverWait(503, h({ 'retry-after': '3' }), null, FROZEN_NOW)).toEqual({ ms: 3000, from: 'Retry-After' });
    expect(serverWait(429, h({ 'retry-after': new Date(FROZEN_NOW + 5000).toUTCString(), 'ratelimit-reset': '1' }), null, FROZEN_NOW)).toEqual({
      ms: 5000,
      from: 'Retry-After',
    });
    expect(serverWait(429, h({ 'retry-after': new Date(FROZEN_NOW - 5000).toUTCString() }), null, FROZEN_NOW)).toEqual({ ms: 0, from: 'Retry-After' });
  });

  it('reads RateLimit-Reset as epoch seconds when it is one, as a delta otherwise (IETF draft)', () => {
    expect(serverWait(429, h({ 'ratelimit-reset': String(FROZEN_EPOCH_S + 40) }), null, FROZEN_NOW)?.ms).toBe(40_000);
    expect(serverWait(429, h({ 'ratelimit-reset': '15' }), null, FROZEN_NOW)?.ms).toBe(15_000);
  });

  it('reads RateLimit-ResetTime (HTTP-date) and Discourse extras.wait_seconds', () => {
    expect(serverWait(429, h({ 'ratelimit-resettime': new Date(FROZEN_NOW + 8000).toUTCString() }), null, FROZEN_NOW)).toEqual({
      ms: 8000,
      from: 'RateLimit-ResetTime',
    });
    expect(serverWait(429, h({}), { extras: { wait_seconds: 12 } }, FROZEN_NOW)).toEqual({ ms: 12_000, from: 'wait_seconds' });
  });

  it('ignores RateLimit-Reset on a 5xx and junk values', () => {
    expect(serverWait(503, h({ 'ratelimit-reset': '15' }), null, FROZEN_NOW)).toBeUndefined();
    expect(serverWait(429, h({ 'retry-after': 'soon' }), 'Retry later', FROZEN_NOW)).toBeUndefined();
  });
});

describe('quotaPauseMs', () => {
  it('pauses when fewer requests remain than may be in flight', () => {
    const reset = String(FROZEN_EPOCH_S + 30);
    expect(quotaPauseMs(h({ 'ratelimit-remaining': '0', 'ratelimit-reset': reset }), FROZEN_NOW, 4)).toBe(30_000);
    expect(quotaPauseMs(h({ 'ratelimit-remaining': '3', 'ratelimit-reset': reset }), FROZEN_NOW, 4)).toBe(30_000);
    expect(quotaPauseMs(h({ 'ratelimit-remaining': '4', 'ratelimit-reset': reset }), FROZEN_NOW, 4)).toBeUndefined();
    expect(quotaPauseMs(h({ 'ratelimit-remaining': '0' }), FROZEN_NOW, 4)).toBeUndefined();
    expect(quotaPauseMs(h({ 'ratelimit-remaining': '0', 'ratelimit-reset': String(FROZEN_EPOCH_S - 1) }), FROZEN_NOW, 4)).toBeUndefined();
  });
});

describe('backoff', () => {
  it('is full jitter under an exponential ceiling capped at 30 s', () => {
    expect([0, 1, 2, 3].map((n) => backoffMs(n, () => 0.999))).toEqual([499, 999, 1998, 3996]);
    expect(backoffMs(20, () => 0.999)).toBe(29_970);
    expect(backoffMs(5, () => 0)).toBe(0);
  });

  it('formats waits for log lines', () => {
    expect([250, 12_000, 125_000].map(formatWait)).toEqual(['250ms', '12s', '2m05s']);
  });
});
