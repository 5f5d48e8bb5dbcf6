// Retries: server-given waits are honoured exactly, our own backoff otherwise, and what survives
// the retries is ETRANSIENT. The sleep is instant and records each wait; the clock is frozen.
import { delay, http, HttpResponse, passthrough } from 'msw';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { badGateway, discourse429, failure, FROZEN_EPOCH_S, FROZEN_NOW, ga4Quota429, gitlab429, rackRetryLater, resetOnly429, testClient } from '../fakes/http-fakes.ts';
import { server } from '../msw-server.ts';

const Ok = z.object({ ok: z.literal(true) });
const URL_A = 'https://gitlab.example.com/api/v4/groups/gitlab-org/merge_requests';

/** A handler answering the given responses in order, then {ok:true}; counts requests. */
function sequence(url: string, ...answers: Array<() => Response | Promise<Response>>) {
  const state = { hits: 0 };
  server.use(
    http.all(url, () => {
      const answer = answers[state.hits++];
      return answer ? answer() : HttpResponse.json({ ok: true });
    }),
  );
  return state;
}

describe('429', () => {
  it('waits exactly Retry-After seconds, logs it, then succeeds', async () => {
    const state = sequence(URL_A, () => gitlab429(12));
    const { client, sleeps, log } = testClient();
    const res = await client.request({ url: URL_A, schema: Ok });
    expect(res.data.ok).toBe(true);
    expect(state.hits).toBe(2);
    expect(sleeps).toEqual([12_000]);
    expect(log.lines).toContain('retrying in 12s: 429 from gitlab.example.com ("Retry later"; GET gitlab.example.com/api/v4/groups/gitlab-org/merge_requests; attempt 2 of 5)');
    expect(client.stats()).toEqual({ requests: 2, retries: 1, byHost: { 'gitlab.example.com': 2 }, waitedMsByHost: { 'gitlab.example.com': 12_000 } });
  });

  it('honours Retry-After as an HTTP-date', async () => {
    sequence(URL_A, () => HttpResponse.json({}, { status: 429, headers: { 'retry-after': new Date(FROZEN_NOW + 90_000).toUTCString() } }));
    const { client, sleeps } = testClient();
    await client.request({ url: URL_A, schema: Ok });
    expect(sleeps).toEqual([90_000]);
  });

  it('without Retry-After, waits until RateLimit-Reset (epoch seconds, not a delta)', async () => {
    sequence(URL_A, () => resetOnly429(FROZEN_EPOCH_S + 40));
    const { client, sleeps, log } = testClient();
    await client.request({ url: URL_A, schema: Ok });
    expect(sleeps).toEqual([40_000]);
    expect(log.lines.some((l) => l.startsWith('retrying in 40s: 429 from gitlab.example.com ("This endpoint has been requested too many times.'))).toBe(true);
  });

  it('reads Discourse’s JSON extras.wait_seconds', async () => {
    const url = 'https://forum.example.com/admin/reports/signups.json';
    sequence(url, () => discourse429(37));
    const { client, sleeps, log } = testClient();
    await client.request({ url, schema: Ok });
    expect(sleeps).toEqual([37_000]);
    expect(log.lines.some((l) => l.startsWith('retrying in 37s: 429 from forum.example.com ("You\'ve performed this action too many times.'))).toBe(true);
  });

  it('backs off on a text/plain "Retry later" with no wait given', async () => {
    const state = sequence(URL_A, rackRetryLater, rackRetryLater);
    const { client, sleeps } = testClient(); // random() = 0.5
    await client.request({ url: URL_A, schema: Ok });
    expect(state.hits).toBe(3);
    expect(sleeps).toEqual([250, 500]); // 0.5 × 500·2^0, 0.5 × 500·2^1
  });

  it('backs off on GA4 RESOURCE_EXHAUSTED (no Retry-After) and gives up as ETRANSIENT', async () => {
    const url = 'https://analyticsdata.googleapis.com/v1beta/properties/123:runReport';
    server.use(http.post(url, () => ga4Quota429()));
    const { client, sleeps } = testClient({ maxRetries: 2 });
    const error = await failure(client.request({ method: 'POST', url, json: {}, schema: Ok, what: 'GA4 page views' }));
    expect(error.code).toBe('ETRANSIENT');
    expect(error.transient).toBe(true);
    expect(error.status).toBe(429);
    expect(error.message).toBe('GA4 page views: 429 from analyticsdata.googleapis.com after 3 attempts: Exhausted property tokens per hour for this project. Consider using a batch request.');
    // Two backoffs between three attempts, plus the host pause left for others after the last 429.
    expect(sleeps).toEqual([250, 500, 1000]);
  });

  it('a Retry-After longer than maxRetryWaitMs fails fast instead of stalling the job', async () => {
    const state = sequence(URL_A, () => gitlab429(3600));
    const { client, sleeps } = testClient();
    const error = await failure(client.request({ url: URL_A, schema: Ok }));
    expect(error.code).toBe('ETRANSIENT');
    expect(error.message).toContain('asks to wait 60m00s (Retry-After), longer than the 2m00s a run may wait');
    expect(state.hits).toBe(1);
    expect(sleeps).toEqual([]);
  });
});

describe('5xx, timeouts, network errors', () => {
  it.each([502, 503])('%i is retried maxRetries times, then ETRANSIENT', async (status) => {
    const state = { hits: 0 };
    server.use(
      http.get(URL_A, () => {
        state.hits++;
        return status === 502 ? badGateway() : HttpResponse.text('Service Unavailable', { status });
      }),
    );
    const { client, sleeps, log } = testClient({ random: () => 0.999 });
    const error = await failure(client.request({ url: URL_A, schema: Ok, what: 'GitLab MRs' }));
    expect(state.hits).toBe(5); // 1 + maxRetries (4)
    expect(sleeps).toEqual([499, 999, 1998, 3996]);
    expect(error.code).toBe('ETRANSIENT');
    expect(error.status).toBe(status);
    expect(error.message).toMatch(new RegExp(`^GitLab MRs: ${status} from gitlab\\.example\\.com after 5 attempts: .+$`));
    if (status === 502) expect(error.message).toContain('an HTML page titled "502 Bad Gateway"');
    expect(log.lines.filter((l) => l.startsWith('retrying'))).toHaveLength(4);
    expect(client.stats().retries).toBe(4);
  });

  it('backoff is capped at 30 s', async () => {
    server.use(http.get(URL_A, () => HttpResponse.text('', { status: 500 })));
    const { client, sleeps } = testClient({ random: () => 0.999, maxRetries: 9 });
    await failure(client.request({ url: URL_A, schema: Ok }));
    expect(Math.max(...sleeps)).toBe(Math.floor(0.999 * 30_000));
  });

  it('a 502 then a success returns the success', async () => {
    const state = sequence(URL_A, badGateway);
    const { client } = testClient();
    await expect(client.request({ url: URL_A, schema: Ok })).resolves.toMatchObject({ data: { ok: true } });
    expect(state.hits).toBe(2);
  });

  it('a handler that never answers times out per attempt: ETRANSIENT', async () => {
    let hits = 0;
    server.use(
      http.get(URL_A, async () => {
        hits++;
        await delay('infinite');
        return HttpResponse.json({ ok: true });
      }),
    );
    const { client } = testClient({ timeoutMs: 30, maxRetries: 1 });
    const error = await failure(client.request({ url: URL_A, schema: Ok }));
    expect(error.code).toBe('ETRANSIENT');
    expect(error.status).toBeUndefined();
    expect(error.message).toContain('timed out after 30ms from gitlab.example.com after 2 attempts');
    expect(hits).toBe(2);
  });

  it('a network error is retried, then ETRANSIENT', async () => {
    let hits = 0;
    server.use(
      http.get(URL_A, () => {
        hits++;
        return HttpResponse.error();
      }),
    );
    const { client } = testClient({ maxRetries: 2 });
    const error = await failure(client.request({ url: URL_A, schema: Ok }));
    expect(error.code).toBe('ETRANSIENT');
    expect(error.message).toMatch(/network error \(.+\) from gitlab\.example\.com after 3 attempts$/);
    expect(hits).toBe(3);
  });

  it('a host name that does not resolve (real DNS: .invalid is never delegated) is ENOTFOUND at once, with the fix', async () => {
    // Let the request leave msw for the resolver.
    server.use(http.all('https://gitlab.mistyped-host.invalid/*', () => passthrough()));
    const { client, sleeps } = testClient({ maxRetries: 5 });
    const error = await failure(client.request({ url: 'https://gitlab.mistyped-host.invalid/api/graphql', schema: Ok, what: 'GitLab groups' }));
    expect(error.code).toBe('ENOTFOUND');
    expect(error).toMatchObject({ transient: false });
    expect(error.message).toContain('gitlab.mistyped-host.invalid does not resolve');
    expect(error.fix).toContain('URL in goals.yml');
    expect(sleeps).toEqual([]);
  });

  it('a network error then a success returns the success', async () => {
    const state = sequence(URL_A, () => HttpResponse.error());
    const { client } = testClient();
    await expect(client.request({ url: URL_A, schema: Ok })).resolves.toMatchObject({ data: { ok: true } });
    expect(state.hits).toBe(2);
  });

  it('501 is ETRANSIENT without retrying; 408 is retried', async () => {
    const url501 = 'https://api.example.com/501';
    const s501 = sequence(url501, () => HttpResponse.text('Not Implemented', { status: 501 }));
    const s408 = sequence(URL_A, () => HttpResponse.text('Request Timeout', { status: 408 }));
    const { client } = testClient();
    expect((await failure(client.request({ url: url501, schema: Ok }))).code).toBe('ETRANSIENT');
    expect(s501.hits).toBe(1);
    await client.request({ url: URL_A, schema: Ok });
    expect(s408.hits).toBe(2);
  });
});
