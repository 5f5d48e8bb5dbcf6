// Per-host budgets: concurrency, pace, and pauses every queued request honours.
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { FROZEN_EPOCH_S, gitlab429, manualSleep, testClient } from '../fakes/http-fakes.ts';
import { credentialKey, HostBudgets, HostLimiter, stricterBudget, windowOf } from '../../src/http/budget.ts';
import { server } from '../msw-server.ts';
import { events } from '../support/events.ts';
import { prng } from '../support/prng.ts';

const Ok = z.object({ ok: z.literal(true) });

describe('per-host budget', () => {
  it('never has more requests in flight to a host than its concurrency', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    // A barrier of two: each request waits for a partner, so two must be in flight at once, and
    // the limit is what stops a third from joining.
    let partner: (() => void) | undefined;
    server.use(
      http.get('https://gitlab.example.com/api/v4/projects/:id', async () => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        if (partner) {
          partner();
          partner = undefined;
        } else {
          await new Promise<void>((resolve) => (partner = resolve));
        }
        inFlight--;
        return HttpResponse.json({ ok: true });
      }),
    );
    const { client } = testClient();
    client.setBudget('gitlab.example.com', { concurrency: 2, requestsPerMinute: 6000 });
    const all = Array.from({ length: 10 }, (_, i) => client.request({ url: `https://gitlab.example.com/api/v4/projects/${i}`, schema: Ok }));
    await Promise.all(all);
    expect(maxInFlight).toBe(2);
    expect(client.stats().requests).toBe(10);
  });

  it('budgets are per host: another host is not held up', async () => {
    let inFlightA = 0;
    const gate: Array<() => void> = [];
    const arrivedA = events('requests arrived at a.example.com');
    server.use(
      http.get('https://a.example.com/x', async () => {
        inFlightA++;
        const held = new Promise<void>((resolve) => gate.push(resolve));
        arrivedA.happened();
        await held;
        return HttpResponse.json({ ok: true });
      }),
      http.get('https://b.example.com/x', () => HttpResponse.json({ ok: true })),
    );
    const { client } = testClient({ defaultBudget: { concurrency: 1, requestsPerMinute: 600 } });
    const a1 = client.request({ url: 'https://a.example.com/x', schema: Ok });
    const a2 = client.request({ url: 'https://a.example.com/x', schema: Ok });
    await client.request({ url: 'https://b.example.com/x', schema: Ok }); // resolves while a.example.com is busy
    expect(inFlightA).toBe(1);
    gate.shift()?.();
    await arrivedA.reached(2); // the second request to a.example.com goes once the first is done
    gate.shift()?.();
    await Promise.all([a1, a2]);
    expect(inFlightA).toBe(2);
  });

  it('lets a short run go at once: the burst is the whole window (token bucket, not even spacing)', async () => {
    server.use(http.get('https://forum.example.com/admin/reports/:type', () => HttpResponse.json({ ok: true })));
    const { client, sleeps } = testClient();
    client.setBudget('forum.example.com', { concurrency: 4, requestsPerMinute: 60 });
    for (const type of ['signups', 'topics', 'posts', 'visits', 'dau_by_mau']) {
      await client.request({ url: `https://forum.example.com/admin/reports/${type}.json`, schema: Ok });
    }
    // Frozen clock: five requests of a 60-a-minute budget need no wait at all.
    expect(sleeps).toEqual([]);
  });

  it('waits for the token spent a whole window ago once the window capacity is used', async () => {
    server.use(http.get('https://forum.example.com/admin/reports/:type', () => HttpResponse.json({ ok: true })));
    const { client, sleeps } = testClient();
    client.setBudget('forum.example.com', { concurrency: 4, requestsPerMinute: 3 });
    for (let i = 0; i < 5; i++) await client.request({ url: `https://forum.example.com/admin/reports/r${i}.json`, schema: Ok });
    // Frozen clock: three at once, then the 4th and 5th wait until the first tokens come back.
    expect(sleeps).toEqual([60_000, 60_000]);
  });
  it('a 429 with a wait pauses every queued request to that host, not just the one', async () => {
    const arrivals: string[] = [];
    let throttled = false;
    server.use(
      http.get('https://gitlab.example.com/api/v4/projects/:id', ({ params }) => {
        arrivals.push(String(params.id));
        if (!throttled) {
          throttled = true;
          return gitlab429(7);
        }
        return HttpResponse.json({ ok: true });
      }),
    );
    server.use(http.get('https://other.example.com/x', () => HttpResponse.json({ ok: true })));
    const { sleep, waits, asked } = manualSleep();
    const { client, log } = testClient({ sleep, defaultBudget: { concurrency: 1, requestsPerMinute: 6000 } });
    const all = ['1', '2', '3'].map((id) => client.request({ url: `https://gitlab.example.com/api/v4/projects/${id}`, schema: Ok }));
    await asked.reached(1); // the 429 paused the host
    // A request to another host, started after the pause, goes all the way through while 2 and 3
    // (ready before it) stay held: had they not waited for the pause, they would have arrived first.
    await client.request({ url: 'https://other.example.com/x', schema: Ok });
    // Request 1 was throttled; 2 and 3 were queued behind it and now wait out the same pause.
    expect(waits.map((w) => w.ms)).toEqual([7000]);
    expect(arrivals).toEqual(['1']);
    expect(log.lines.filter((l) => l.startsWith('retrying in 7s: 429 from gitlab.example.com'))).toHaveLength(1);
    waits[0]?.release();
    await Promise.all(all);
    expect(arrivals.slice().sort()).toEqual(['1', '1', '2', '3']);
    expect(waits).toHaveLength(1); // one pause for everyone, no extra sleep by the retrying request
  });

  it('pauses a host pre-emptively when RateLimit-Remaining hits 0 until RateLimit-Reset', async () => {
    let n = 0;
    server.use(
      http.get('https://gitlab.example.com/api/v4/groups/:id', () => {
        n++;
        return HttpResponse.json({ ok: true }, { headers: { 'ratelimit-limit': '2000', 'ratelimit-remaining': n === 1 ? '0' : '1999', 'ratelimit-reset': String(FROZEN_EPOCH_S + 25) } });
      }),
    );
    server.use(http.get('https://other.example.com/x', () => HttpResponse.json({ ok: true })));
    const { sleep, waits } = manualSleep();
    const { client, log } = testClient({ sleep, defaultBudget: { concurrency: 1, requestsPerMinute: 6000 } });
    // The answer that says "0 left" is itself a success and returns at once...
    await client.request({ url: 'https://gitlab.example.com/api/v4/groups/1', schema: Ok });
    expect(waits.map((w) => w.ms)).toEqual([25_000]);
    expect(log.lines).toContain('pausing gitlab.example.com for 25s: RateLimit-Remaining is 0');
    // ...but the next request waits for the reset.
    const second = client.request({ url: 'https://gitlab.example.com/api/v4/groups/2', schema: Ok });
    // A request to another host, started after it, goes all the way through while the second one
    // is held: had it not waited for the reset, it would have arrived first.
    await client.request({ url: 'https://other.example.com/x', schema: Ok });
    expect(n).toBe(1);
    waits[0]?.release();
    await second;
    expect(n).toBe(2);
    await client.request({ url: 'https://gitlab.example.com/api/v4/groups/3', schema: Ok });
    expect(waits).toHaveLength(1); // 1999 left: no pause
  });
});

/** A virtual clock: sleeping moves it forward, so waits are exact instants, never wall time. */
function virtualClock() {
  let t = 0;
  return {
    now: () => t,
    advance: (ms: number) => void (t += ms),
    sleep: async (ms: number) => void (t += ms),
  };
}

/** The most requests any window of `ms` (at any alignment) holds, given sorted grant instants. */
function maxInAnyWindow(grants: readonly number[], ms: number): number {
  let best = 0;
  let lo = 0;
  for (let hi = 0; hi < grants.length; hi++) {
    while ((grants[hi] ?? 0) - (grants[lo] ?? 0) >= ms) lo++;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}

describe('the token bucket (injected clock)', () => {
  it('never lets more than the limit through in any window, whatever the arrival pattern', async () => {
    const rng = prng(14);
    for (const budget of [
      { concurrency: 8, requestsPerMinute: 60 },
      { concurrency: 1, requestsPerMinute: 10, window: { requests: 600, ms: 3_600_000 } },
      { concurrency: 2, requestsPerMinute: 2000 },
    ]) {
      const clock = virtualClock();
      const limiter = new HostLimiter(budget, clock.sleep, clock.now);
      const { requests, ms } = windowOf(budget);
      const grants: number[] = [];
      for (let i = 0; i < requests * 3; i++) {
        // Bursts and gaps: most requests arrive together, some after a pause of up to a window.
        if (rng() < 0.1) clock.advance(Math.floor(rng() * ms));
        const release = await limiter.acquire();
        grants.push(clock.now());
        release();
      }
      expect(maxInAnyWindow(grants, ms)).toBeLessThanOrEqual(requests);
      // And it is not slower than it must be: the first window's capacity went out at once.
      expect(grants.filter((g) => g === grants[0]).length).toBeGreaterThan(1);
    }
  });

  it("uses an API's own window: Plausible's 600 an hour go at once, the 601st waits for the hour", async () => {
    const clock = virtualClock();
    const limiter = new HostLimiter({ concurrency: 1, requestsPerMinute: 10, window: { requests: 600, ms: 3_600_000 } }, clock.sleep, clock.now);
    for (let i = 0; i < 600; i++) (await limiter.acquire())();
    expect(clock.now()).toBe(0);
    clock.advance(1000);
    (await limiter.acquire())();
    expect(clock.now()).toBe(3_600_000);
  });

  it('a stricter budget set later counts the requests already sent', async () => {
    const clock = virtualClock();
    const limiter = new HostLimiter({ concurrency: 4, requestsPerMinute: 100 }, clock.sleep, clock.now);
    for (let i = 0; i < 10; i++) (await limiter.acquire())();
    limiter.budget = { concurrency: 4, requestsPerMinute: 10 };
    (await limiter.acquire())();
    expect(clock.now()).toBe(60_000);
  });
});

describe('budgets keyed by host and credential', () => {
  it('gives two tokens on one host their own limiter, and the same token the same one', () => {
    const clock = virtualClock();
    const budgets = new HostBudgets({ concurrency: 4, requestsPerMinute: 600 }, clock.sleep, clock.now);
    const url = new URL('https://gitlab.example.com/api/graphql');
    const a = credentialKey({ authorization: 'Bearer token-a' }, url);
    const b = credentialKey({ Authorization: 'Bearer token-b' }, url);
    expect(a).not.toBe(b);
    expect(a).not.toContain('token-a');
    expect(budgets.for('gitlab.example.com', a)).toBe(budgets.for('GitLab.example.com', a));
    expect(budgets.for('gitlab.example.com', a)).not.toBe(budgets.for('gitlab.example.com', b));
    expect(credentialKey(undefined, new URL('https://www.googleapis.com/youtube/v3/channels?key=k1'))).not.toBe(credentialKey(undefined, new URL('https://www.googleapis.com/youtube/v3/channels?key=k2')));
    expect(credentialKey({ accept: 'application/json' }, url)).toBe('');
  });

  it('takes the stricter budget when a host is configured twice, for limiters made before and after', () => {
    const clock = virtualClock();
    const budgets = new HostBudgets({ concurrency: 4, requestsPerMinute: 600 }, clock.sleep, clock.now);
    const early = budgets.for('forum.example.com', 'k1');
    budgets.set('forum.example.com', { concurrency: 2, requestsPerMinute: 60 });
    budgets.set('forum.example.com', { concurrency: 8, requestsPerMinute: 2000 });
    expect(budgets.budgetOf('forum.example.com')).toMatchObject({ concurrency: 2, requestsPerMinute: 60 });
    expect(early.budget).toMatchObject({ concurrency: 2, requestsPerMinute: 60 });
    expect(budgets.for('forum.example.com', 'k2').budget).toMatchObject({ concurrency: 2, requestsPerMinute: 60 });
    // 600 an hour is stricter than 60 a minute (3,600 an hour).
    expect(stricterBudget({ concurrency: 2, requestsPerMinute: 60 }, { concurrency: 4, requestsPerMinute: 10, window: { requests: 600, ms: 3_600_000 } })).toEqual({
      concurrency: 2,
      requestsPerMinute: 10,
      window: { requests: 600, ms: 3_600_000 },
    });
  });

  it('paces two credentials of one host separately through the client', async () => {
    server.use(http.get('https://forum.example.com/admin/reports/:type', () => HttpResponse.json({ ok: true })));
    const { client, sleeps } = testClient();
    client.setBudget('forum.example.com', { concurrency: 4, requestsPerMinute: 2 });
    for (const key of ['key-one', 'key-two']) {
      for (let i = 0; i < 2; i++) await client.request({ url: `https://forum.example.com/admin/reports/r${i}.json`, headers: { 'Api-Key': key }, schema: Ok });
    }
    // Two requests per key fit each key's own window: nobody waits.
    expect(sleeps).toEqual([]);
    await client.request({ url: 'https://forum.example.com/admin/reports/r3.json', headers: { 'Api-Key': 'key-one' }, schema: Ok });
    expect(sleeps).toEqual([60_000]);
  });
});

describe('budgets follow the limit the server announces', () => {
  // A virtual clock the sleeps move forward (one request at a time, so no two sleeps overlap),
  // and a host that counts requests per 60-s window and announces its limit, as GitLab does.
  function limitedHost(limit: number) {
    let clock = Date.UTC(2026, 10, 2, 6, 0, 0);
    const sent: number[] = [];
    server.use(
      http.get('https://gitlab.limited.test/api/v4/version', () => {
        sent.push(clock);
        return HttpResponse.json({ ok: true }, { headers: { 'RateLimit-Limit': String(limit), 'RateLimit-Reset': String(Math.floor(clock / 1000) + 60) } });
      }),
    );
    const { client } = testClient({
      now: () => clock,
      sleep: async (ms) => {
        clock += ms;
      },
    });
    const busiestMinute = () => Math.max(...sent.map((t) => sent.filter((u) => u >= t && u < t + 60_000).length));
    return { client, sent, busiestMinute };
  }

  it('paces at the RateLimit-Limit a host announces (100/min), not at the budget it started with (2,000/min)', async () => {
    const { client, sent, busiestMinute } = limitedHost(100);
    client.setBudget('gitlab.limited.test', { concurrency: 1, requestsPerMinute: 2000 });
    for (let i = 0; i < 250; i++) await client.request({ url: 'https://gitlab.limited.test/api/v4/version', schema: Ok });
    expect(sent).toHaveLength(250);
    expect(busiestMinute()).toBeLessThanOrEqual(100);
  });

  it('keeps a limit a person fixed (requests_per_minute) whatever the header says', async () => {
    const { client, busiestMinute } = limitedHost(2000);
    client.setBudget('gitlab.limited.test', { concurrency: 1, requestsPerMinute: 50, fixed: true });
    for (let i = 0; i < 120; i++) await client.request({ url: 'https://gitlab.limited.test/api/v4/version', schema: Ok });
    expect(busiestMinute()).toBeLessThanOrEqual(50);
  });
});
