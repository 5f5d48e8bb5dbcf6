// GitHub throttles with 403 as well as 429 (docs.github.com, "Rate limits for the REST API",
// § Exceeding the rate limit): the primary limit sets x-ratelimit-remaining 0 and the wait ends at
// x-ratelimit-reset (epoch seconds); a secondary limit says so in its message, with retry-after
// or, without it, "wait for at least one minute". A plain 403 stays a credentials problem.
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { failure, FROZEN_EPOCH_S, testClient } from '../fakes/http-fakes.ts';
import { server } from '../msw-server.ts';

const Ok = z.object({ ok: z.literal(true) });
const URL_ = 'https://api.github.com/repos/acme/widget/pulls';
const DOCS = 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api';

function sequence(...answers: Array<() => Response>) {
  const state = { hits: 0 };
  server.use(http.all(URL_, () => answers[state.hits++]?.() ?? HttpResponse.json({ ok: true })));
  return state;
}

const primary = (status: 403 | 429, resetInS: number) => () =>
  HttpResponse.json(
    { message: 'API rate limit exceeded for user ID 1.', documentation_url: DOCS },
    { status, headers: { 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '0', 'x-ratelimit-used': '5000', 'x-ratelimit-reset': String(FROZEN_EPOCH_S + resetInS), 'x-ratelimit-resource': 'core' } },
  );
const secondary = (retryAfter?: number) => () =>
  HttpResponse.json(
    { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.', documentation_url: DOCS },
    { status: 403, headers: { 'x-ratelimit-remaining': '4990', ...(retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) }) } },
  );

describe('GitHub rate limits', () => {
  it('a 403 with x-ratelimit-remaining 0 waits until x-ratelimit-reset, then succeeds', async () => {
    const state = sequence(primary(403, 42));
    const { client, sleeps } = testClient();
    expect((await client.request({ url: URL_, schema: Ok })).data.ok).toBe(true);
    expect(state.hits).toBe(2);
    expect(sleeps).toEqual([42_000]);
  });

  it('a 429 primary limit waits until x-ratelimit-reset too', async () => {
    sequence(primary(429, 7));
    const { client, sleeps } = testClient();
    await client.request({ url: URL_, schema: Ok });
    expect(sleeps).toEqual([7000]);
  });

  it('a primary limit that resets in an hour fails at once as ETRANSIENT (no stalled job)', async () => {
    const state = sequence(primary(403, 3600));
    const { client } = testClient();
    const error = await failure(client.request({ url: URL_, schema: Ok }));
    expect(error).toMatchObject({ code: 'ETRANSIENT', status: 403 });
    expect(error.message).toContain('x-ratelimit-reset');
    expect(state.hits).toBe(1);
  });

  it('a secondary limit with retry-after waits that long; without it, one minute', async () => {
    sequence(secondary(30));
    const a = testClient();
    await a.client.request({ url: URL_, schema: Ok });
    expect(a.sleeps).toEqual([30_000]);
    sequence(secondary());
    const b = testClient();
    await b.client.request({ url: URL_, schema: Ok });
    expect(b.sleeps).toEqual([60_000]);
  });

  it('a 403 without a rate-limit sign is EAUTH, not retried', async () => {
    const state = sequence(() => HttpResponse.json({ message: 'Resource not accessible by personal access token', documentation_url: 'https://docs.github.com/rest' }, { status: 403, headers: { 'x-ratelimit-remaining': '4999' } }));
    const { client } = testClient();
    await expect(client.request({ url: URL_, schema: Ok })).rejects.toMatchObject({ code: 'EAUTH', status: 403 });
    expect(state.hits).toBe(1);
  });

  it('a 2xx whose x-ratelimit-remaining is nearly spent pauses the host until x-ratelimit-reset', async () => {
    server.use(http.get(URL_, () => HttpResponse.json({ ok: true }, { headers: { 'x-ratelimit-remaining': '1', 'x-ratelimit-reset': String(FROZEN_EPOCH_S + 20) } })));
    const { client, log } = testClient();
    await client.request({ url: URL_, schema: Ok });
    expect(log.lines.some((l) => l.includes('pausing api.github.com for 20s') && l.includes('is 1'))).toBe(true);
  });
});
