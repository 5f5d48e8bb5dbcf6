// Issue 10 item 7: a source that never answers is given up at its deadline for the run, not after
// 30 s × 5 attempts per metric; the error and the log say how long was spent waiting.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isHttpError } from '../../src/http/errors.ts';
import { testClient } from '../fakes/http-fakes.ts';
import { allowLoopback, loopback, type Loopback } from './loopback.ts';

let server: Loopback | undefined;
beforeEach(() => allowLoopback());
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('per-source deadline', () => {
  it('a host that never answers fails at its deadline, however many retries are allowed', async () => {
    server = await loopback(() => undefined); // accepts, never answers
    let clock = 0;
    // Sleeps advance a fake clock; each attempt's timeout is real (short) time, added as well.
    const t = testClient({
      now: () => clock + performance.now(),
      sleep: async (ms) => {
        clock += ms;
      },
      timeoutMs: 50,
      maxRetries: 1000,
      hostDeadlineMs: 20_000,
    });
    const metric = (n: number) => t.client.request({ url: `${server!.url}/m${n}`, schema: z.unknown(), what: `metric ${n}` }).catch((e: unknown) => e);
    const first = await metric(1);
    expect(isHttpError(first) && first.code).toBe('ETRANSIENT');
    expect(isHttpError(first) && first.message).toMatch(/gave up on 127\.0\.0\.1:\d+ after .*deadline for this run \(20s; .* waiting to retry\)/);
    expect(server.requests.length).toBeLessThan(1000);
    // The next metric of the same source fails at once: no further request.
    const before = server.requests.length;
    const second = await metric(2);
    expect(isHttpError(second) && second.message).toMatch(/gave up/);
    expect(server.requests.length).toBe(before);
    expect(t.client.stats().waitedMsByHost[new URL(server.url).host]).toBeGreaterThan(0);
  });

  it('a healthy host that is merely slow (rate budgets, long backfills) is never cut short', async () => {
    server = await loopback((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
    let clock = 0;
    const t = testClient({ now: () => (clock += 60_000), hostDeadlineMs: 20_000 });
    for (let n = 0; n < 10; n++) await t.client.request({ url: `${server.url}/ok${n}`, schema: z.unknown() });
    expect(server.requests).toHaveLength(10);
  });

  it('the deadline is a goals-file setting with bounds', async () => {
    const { goalsSchema } = await import('../../src/goals/schema.ts');
    const shape = goalsSchema.shape.limits;
    expect(shape.parse(undefined)).toEqual({ source_deadline_seconds: 300 });
    expect(shape.safeParse({ source_deadline_seconds: 5 }).success).toBe(false);
  });
});
