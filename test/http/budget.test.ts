// Per-host budgets: concurrency, pace, and pauses every queued request honours.
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { FROZEN_EPOCH_S, gitlab429, manualSleep, settle, testClient } from '../fakes/http-fakes.ts';
import { server } from '../msw-server.ts';

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
    server.use(
      http.get('https://a.example.com/x', async () => {
        inFlightA++;
        await new Promise<void>((resolve) => gate.push(resolve));
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
    await settle();
    gate.shift()?.();
    await Promise.all([a1, a2]);
  });

  it('paces requests to requestsPerMinute (GCRA, one second of burst)', async () => {
    server.use(http.get('https://forum.example.com/admin/reports/:type', () => HttpResponse.json({ ok: true })));
    const { client, sleeps } = testClient();
    client.setBudget('forum.example.com', { concurrency: 4, requestsPerMinute: 60 });
    for (const type of ['signups', 'topics', 'posts']) {
      await client.request({ url: `https://forum.example.com/admin/reports/${type}.json`, schema: Ok });
    }
    // Frozen clock: the first goes at once, the next ones are spaced one second apart.
    expect(sleeps).toEqual([1000, 2000]);
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
    const { sleep, waits } = manualSleep();
    const { client, log } = testClient({ sleep, defaultBudget: { concurrency: 1, requestsPerMinute: 6000 } });
    const all = ['1', '2', '3'].map((id) => client.request({ url: `https://gitlab.example.com/api/v4/projects/${id}`, schema: Ok }));
    await settle();
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
        return HttpResponse.json(
          { ok: true },
          { headers: { 'ratelimit-limit': '2000', 'ratelimit-remaining': n === 1 ? '0' : '1999', 'ratelimit-reset': String(FROZEN_EPOCH_S + 25) } },
        );
      }),
    );
    const { sleep, waits } = manualSleep();
    const { client, log } = testClient({ sleep, defaultBudget: { concurrency: 1, requestsPerMinute: 6000 } });
    // The answer that says "0 left" is itself a success and returns at once...
    await client.request({ url: 'https://gitlab.example.com/api/v4/groups/1', schema: Ok });
    expect(waits.map((w) => w.ms)).toEqual([25_000]);
    expect(log.lines).toContain('pausing gitlab.example.com for 25s: RateLimit-Remaining is 0');
    // ...but the next request waits for the reset.
    const second = client.request({ url: 'https://gitlab.example.com/api/v4/groups/2', schema: Ok });
    await settle();
    expect(n).toBe(1);
    waits[0]?.release();
    await second;
    expect(n).toBe(2);
    await client.request({ url: 'https://gitlab.example.com/api/v4/groups/3', schema: Ok });
    expect(waits).toHaveLength(1); // 1999 left: no pause
  });
});
