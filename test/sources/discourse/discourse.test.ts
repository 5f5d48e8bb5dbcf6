import { describe, expect, it } from 'vitest';
import { periodOf } from '../../../src/periods/periods.ts';
import { discourseSource } from '../../../src/sources/discourse/index.ts';
import { consecutiveRuns } from '../../../src/sources/range.ts';
import { discourseFake, type DiscourseFakeOptions } from '@community-pulse/demo/fakes/discourse/index';
import { server } from '../../msw-server.ts';
import { everythingShown, failure, harness, NOW, OCTOBER } from './harness.ts';

const URL_ = 'https://forum.example.com';
const KEY = 'dk_SECRET_4f9a8b7c6d5e4f3a2b1c';
const ENV = { PULSE_DISCOURSE_KEY: KEY };

// October 2026, hand-summed: posts 10 + 25 + 7 = 42; the neighbours (100 on Sep 30, 1000 on Nov 1)
// are outside the month, and the all-time report.total (1142) must never be used.
const posts = [
  { x: '2026-09-30', y: 100 },
  { x: '2026-10-01', y: 10 },
  { x: '2026-10-15', y: 25 },
  { x: '2026-10-31', y: 7 },
  { x: '2026-11-01', y: 1000 },
];
const world: Omit<DiscourseFakeOptions, 'url' | 'apiKey'> = {
  userKey: 'user-level-key-123456',
  activeUsers30Days: 1234,
  reports: {
    posts,
    topics: [
      { x: '2026-10-03', y: 4 },
      { x: '2026-10-20', y: 5 },
      { x: '2026-11-01', y: 50 },
    ],
    signups: [{ x: '2026-10-09', y: 31 }],
    // Oct 31: DAU 60 (45 desktop + 15 mobile), DAU/MAU 5.00 % → MAU = 60 × 100 / 5 = 1200.
    dau_by_mau: [
      { x: '2026-10-30', y: 4.1 },
      { x: '2026-10-31', y: 5 },
    ],
    // Daily average hours; mean over days = (2.5 + 4 + 10.25) / 3 = 5.5833 → 5.58.
    time_to_first_response: [
      { x: '2026-09-29', y: 99 },
      { x: '2026-10-02', y: 2.5 },
      { x: '2026-10-12', y: 4 },
      { x: '2026-10-30', y: 10.25 },
    ],
  },
  visits: {
    desktop: [
      { x: '2026-10-30', y: 40 },
      { x: '2026-10-31', y: 45 },
    ],
    mobile: [{ x: '2026-10-31', y: 15 }],
  },
};

function setup(options: { withKey?: boolean; env?: Record<string, string>; now?: Date; fake?: Partial<DiscourseFakeOptions> } = {}) {
  const fake = discourseFake({ url: URL_, apiKey: KEY, ...world, ...options.fake });
  server.use(...fake.handlers);
  const h = harness(options.env ?? ENV, options.now ?? NOW);
  const config = { type: 'discourse', url: URL_, api_username: 'system', ...(options.withKey === false ? {} : { api_key_env: 'PULSE_DISCOURSE_KEY' }) };
  const collector = discourseSource.createCollector(h.ctx, 'forum', config);
  const collect = (kind: string, period = OCTOBER) => collector.collect({ id: `forum-${kind}`, query: { kind } }, period);
  return { fake, collect, ...h };
}

describe('discourse source', () => {
  it('sums the daily points of the calendar month, never report.total', async () => {
    const { collect, fake } = setup();
    expect(await collect('posts')).toEqual({ value: 42, status: 'ok' });
    expect(await collect('new_topics')).toEqual({ value: 9, status: 'ok' });
    expect(await collect('signups')).toEqual({ value: 31, status: 'ok' });
    expect(fake.requests.map((r) => [r.path, r.startDate, r.endDate, r.apiKey])).toEqual([
      ['/admin/reports/posts.json', '2026-10-01', '2026-10-31', KEY],
      ['/admin/reports/topics.json', '2026-10-01', '2026-10-31', KEY],
      ['/admin/reports/signups.json', '2026-10-01', '2026-10-31', KEY],
    ]);
  });

  it('uses the local last day of the month as the inclusive end (February, leap year)', async () => {
    const { collect, fake } = setup();
    await collect('posts', periodOf({ year: 2028, month: 2 }, 'Europe/Berlin'));
    expect(fake.requests[0]).toMatchObject({ startDate: '2028-02-01', endDate: '2028-02-29' });
  });

  it('derives monthly active users from dau_by_mau and visits on the last day', async () => {
    const { collect, fake } = setup();
    const outcome = await collect('active_users');
    expect(outcome).toMatchObject({ value: 1200, status: 'ok' });
    expect(outcome.note).toContain('30 days ending 2026-10-31');
    expect(fake.requests.map((r) => r.path).sort()).toEqual(['/admin/reports/dau_by_mau.json', '/admin/reports/visits.json']);
  });

  it('falls back to the last day with data when the rollup has not reached the month end', async () => {
    const { collect } = setup({
      fake: {
        reports: { ...world.reports, dau_by_mau: [{ x: '2026-10-30', y: 4 }] },
        visits: [{ x: '2026-10-30', y: 40 }],
      },
    });
    const outcome = await collect('active_users');
    expect(outcome).toMatchObject({ value: 1000, status: 'ok' });
    expect(outcome.note).toContain('30 days ending 2026-10-30');
  });

  it('without an admin key, reports the rolling 30-day figure of about.json with a clear note', async () => {
    const { collect, fake } = setup({ withKey: false, env: {} });
    const outcome = await collect('active_users');
    expect(outcome.value).toBe(1234);
    expect(outcome.note).toMatch(/rolling 30-day .* sampled on 2026-11-02 — not the calendar month 2026-10/);
    expect(fake.requests).toEqual([{ path: '/about.json', startDate: null, endDate: null, apiKey: null }]);
  });

  it('without an admin key, cannot answer for a period long past', async () => {
    const { collect, fake } = setup({ withKey: false, env: {} });
    const outcome = await collect('active_users', periodOf({ year: 2026, month: 6 }));
    expect(outcome).toMatchObject({ value: null, status: 'unavailable' });
    expect(fake.requests).toEqual([]);
  });

  it('without an admin key, refuses report-based kinds with a fix', async () => {
    const { collect } = setup({ withKey: false, env: {} });
    const error = await failure(collect('posts'));
    expect(error).toMatchObject({ code: 'EENV' });
    expect(error.fix).toContain('api_key_env');
  });

  it('reports time to first response in hours as the mean of daily values', async () => {
    const { collect } = setup();
    expect(await collect('time_to_first_response')).toMatchObject({ value: 5.58, status: 'ok', unit: 'hours' });
  });

  it('counts an empty month as 0, and an empty response-time month as unavailable (not 0 hours)', async () => {
    const { collect } = setup();
    const december = periodOf({ year: 2026, month: 12 });
    expect(await collect('posts', december)).toEqual({ value: 0, status: 'ok' });
    expect(await collect('time_to_first_response', december)).toMatchObject({ value: null, status: 'unavailable', unit: 'hours' });
    await expect(collect('active_users', december)).rejects.toMatchObject({ code: 'ETRANSIENT' });
  });

  it('a wrong key is EAUTH (403 invalid_access) and never shows the key', async () => {
    const { collect, log } = setup({ env: { PULSE_DISCOURSE_KEY: 'wrong-key-0000-SECRET' } });
    const error = await failure(collect('posts'));
    expect(error).toMatchObject({ code: 'EAUTH', status: 403 });
    expect(error.message).toContain('The API username or key is invalid');
    expect(everythingShown(error, log.lines)).not.toContain('wrong-key-0000-SECRET');
  });

  it("a key that is not an admin's meets a 404 on admin routes and says why", async () => {
    const { collect } = setup({ env: { PULSE_DISCOURSE_KEY: 'user-level-key-123456' } });
    const error = await failure(collect('posts'));
    expect(error).toMatchObject({ code: 'ENOTFOUND', status: 404 });
    expect(error.fix).toContain('admin');
  });

  it('waits out a 429 (Retry-After, wait_seconds) and then succeeds', async () => {
    const { collect, fake, http, log } = setup();
    fake.failNext('rate_limit', 'ip_rate_limit');
    expect(await collect('posts')).toEqual({ value: 42, status: 'ok' });
    expect(http.stats().retries).toBe(2);
    expect(log.lines.some((l) => l.includes('retrying in 37s'))).toBe(true);
  });

  it('gives up after the retries on persistent 429 with ETRANSIENT', async () => {
    const { collect, fake } = setup();
    fake.failNext('rate_limit', 'rate_limit', 'rate_limit', 'rate_limit', 'rate_limit');
    await expect(collect('posts')).rejects.toMatchObject({ code: 'ETRANSIENT', status: 429 });
  });

  it('retries a 5xx, and fails as ETRANSIENT when it persists', async () => {
    const first = setup();
    first.fake.failNext('server_error');
    expect(await first.collect('signups')).toEqual({ value: 31, status: 'ok' });
    const second = setup();
    second.fake.failNext('server_error', 'server_error', 'server_error', 'server_error', 'server_error');
    await expect(second.collect('signups')).rejects.toMatchObject({ code: 'ETRANSIENT', status: 502 });
  });

  it('treats a report that timed out (200 with report.error) as transient', async () => {
    const once = setup();
    once.fake.failNext('timeout');
    expect(await once.collect('posts')).toEqual({ value: 42, status: 'ok' });
    const always = setup();
    always.fake.failNext('timeout', 'timeout', 'timeout', 'timeout', 'timeout');
    const error = await failure(always.collect('posts'));
    expect(error).toMatchObject({ code: 'ETRANSIENT' });
    expect(error.message).toContain('timed out computing the report');
  });

  it('treats report.error "exception" as a failed query, without retrying', async () => {
    const { collect, fake, http } = setup();
    fake.failNext('exception');
    await expect(collect('posts')).rejects.toMatchObject({ code: 'EQUERY' });
    expect(http.stats().retries).toBe(0);
  });

  it('rejects answers of the wrong shape with EBADRESPONSE', async () => {
    const missing = setup();
    missing.fake.failNext('missing_fields');
    await expect(missing.collect('posts')).rejects.toMatchObject({ code: 'EBADRESPONSE' });
    const html = setup();
    html.fake.failNext('not_json');
    await expect(html.collect('posts')).rejects.toMatchObject({ code: 'EBADRESPONSE' });
    const about = setup({ withKey: false, env: {} });
    about.fake.failNext('missing_fields');
    await expect(about.collect('active_users')).rejects.toMatchObject({ code: 'EBADRESPONSE' });
  });

  it('never shows the API key in any error or log line', async () => {
    const { collect, fake, log } = setup();
    const shown: string[] = [];
    for (const f of ['rate_limit', 'server_error', 'missing_fields', 'exception'] as const) {
      fake.failNext(f, f, f, f, f);
      shown.push(everythingShown(await failure(collect('posts')), []));
    }
    shown.push(...log.lines);
    expect(shown.join('\n')).not.toContain(KEY);
  });
});

describe('discourse backfill: one admin-report request per type for a run of months', () => {
  it('asks each report once for September..November and splits the days by month', async () => {
    const { fake, ctx } = setup();
    const collector = discourseSource.createCollector(ctx, 'forum', { type: 'discourse', url: URL_, api_username: 'system', api_key_env: 'PULSE_DISCOURSE_KEY' });
    const months = [9, 10, 11].map((month) => periodOf({ year: 2026, month }));
    const posts = { id: 'p', query: { kind: 'posts' } };
    const mau = { id: 'm', query: { kind: 'active_users' } };
    collector.prefetch?.(posts, months);
    collector.prefetch?.(mau, months);
    // posts: Sep 100; Oct 10 + 25 + 7; Nov 1000.
    expect((await Promise.all(months.map((p) => collector.collect(posts, p)))).map((o) => o.value)).toEqual([100, 42, 1000]);
    expect(await collector.collect(mau, months[1] ?? OCTOBER)).toMatchObject({ value: 1200 });
    expect(fake.requests.map((r) => [r.path, r.startDate, r.endDate])).toEqual([
      ['/admin/reports/posts.json', '2026-09-01', '2026-11-30'],
      ['/admin/reports/dau_by_mau.json', '2026-09-01', '2026-11-30'],
      ['/admin/reports/visits.json', '2026-09-01', '2026-11-30'],
    ]);
  });

  it('falls back to month-by-month when the long report times out (200 with report.error)', async () => {
    const { fake, ctx } = setup();
    const collector = discourseSource.createCollector(ctx, 'forum', { type: 'discourse', url: URL_, api_username: 'system', api_key_env: 'PULSE_DISCOURSE_KEY' });
    const months = [9, 10].map((month) => periodOf({ year: 2026, month }));
    const posts = { id: 'p', query: { kind: 'posts' } };
    fake.failNext('timeout', 'timeout', 'timeout', 'timeout', 'timeout');
    collector.prefetch?.(posts, months);
    expect((await Promise.all(months.map((p) => collector.collect(posts, p)))).map((o) => o.value)).toEqual([100, 42]);
    expect(fake.requests.slice(5).map((r) => [r.startDate, r.endDate])).toEqual([
      ['2026-09-01', '2026-09-30'],
      ['2026-10-01', '2026-10-31'],
    ]);
  });

  it('labels the dau_by_mau figure as an estimate', async () => {
    const { collect } = setup();
    expect((await collect('active_users')).note).toMatch(/^Estimate: /);
  });
});

describe('consecutiveRuns', () => {
  it('groups consecutive months, drops duplicates, and caps a run', () => {
    const p = (year: number, month: number) => periodOf({ year, month });
    const runs = consecutiveRuns([p(2026, 3), p(2025, 12), p(2026, 1), p(2026, 1), p(2026, 5), p(2026, 6), p(2026, 7)], 2);
    expect(runs.map((r) => r.map((x) => x.label))).toEqual([['2025-12', '2026-01'], ['2026-03'], ['2026-05', '2026-06'], ['2026-07']]);
  });
});
