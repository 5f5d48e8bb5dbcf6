import { describe, expect, it } from 'vitest';
import { periodOf } from '../../../src/periods/periods.ts';
import { plausibleSource } from '../../../src/sources/plausible/index.ts';
import { escapeRegex } from '../../../src/sources/plausible/api.ts';
import { plausibleFake, type PlausibleEvent } from '@community-pulse/demo/fakes/plausible/index';
import { server } from '../../msw-server.ts';
import { everythingShown, failure, harness, OCTOBER } from '../discourse/harness.ts';

const URL_ = 'https://plausible.io';
const KEY = 'pk_SECRET_Zq8LmN3vR7tY2wX5cB9d';

// October 2026: v1 /blog/a 3 + /blog/b 2; v2 /blog/a 1 + /docs/x 4; v3 /c++/intro 5 + /cxx/intro 7;
// v4 /about 1. Outside the month: Sep 30 and Nov 1.
const events: PlausibleEvent[] = [
  { date: '2026-09-30', path: '/blog/a', visitorId: 'v1', views: 100 },
  { date: '2026-10-01', path: '/blog/a', visitorId: 'v1', views: 3 },
  { date: '2026-10-02', path: '/blog/b', visitorId: 'v1', views: 2 },
  { date: '2026-10-05', path: '/blog/a', visitorId: 'v2', views: 1 },
  { date: '2026-10-06', path: '/docs/x', visitorId: 'v2', views: 4 },
  { date: '2026-10-07', path: '/c++/intro', visitorId: 'v3', views: 5 },
  { date: '2026-10-08', path: '/cxx/intro', visitorId: 'v3', views: 7 },
  { date: '2026-10-20', path: '/about', visitorId: 'v4', views: 1 },
  { date: '2026-11-01', path: '/blog', visitorId: 'v5', views: 50 },
];

function setup(env: Record<string, string> = { PULSE_PLAUSIBLE_KEY: KEY }) {
  const fake = plausibleFake({ url: URL_, siteId: 'about.example.com', keys: [KEY], keysWithoutStatsApi: ['pk_free_plan_key_0000'], events });
  server.use(...fake.handlers);
  const h = harness(env);
  const collector = plausibleSource.createCollector(h.ctx, 'web', { type: 'plausible', url: URL_, site_id: 'about.example.com', api_key_env: 'PULSE_PLAUSIBLE_KEY' });
  const collect = (query: Record<string, unknown>, period = OCTOBER) => collector.collect({ id: 'web-metric', query }, period);
  return { fake, collect, ...h };
}

describe('plausible source', () => {
  it('counts page views and unique visitors of the month', async () => {
    const { collect, fake } = setup();
    expect(await collect({ kind: 'pageviews' })).toEqual({ value: 23, status: 'ok' });
    expect(await collect({ kind: 'visitors' })).toEqual({ value: 4, status: 'ok' });
    expect(fake.bodies[0]).toEqual({ site_id: 'about.example.com', metrics: ['pageviews'], date_range: ['2026-10-01', '2026-10-31'] });
  });

  it('filters by prefixes with one anchored "matches" filter, escaping regex metacharacters', async () => {
    const { collect, fake } = setup();
    expect(await collect({ kind: 'pageviews', path_prefixes: ['/blog', '/docs'] })).toEqual({ value: 10, status: 'ok' });
    expect(await collect({ kind: 'visitors', path_prefixes: ['/blog'] })).toEqual({ value: 2, status: 'ok' });
    // Unescaped, "^/c++" would match "/cxx/intro" too (c+ then +) or be rejected: 5, not 12.
    expect(await collect({ kind: 'pageviews', path_prefixes: ['/c++/'] })).toEqual({ value: 5, status: 'ok' });
    expect(fake.bodies[0]).toMatchObject({ filters: [['matches', 'event:page', ['^/blog', '^/docs']]] });
    expect(fake.bodies[2]).toMatchObject({ filters: [['matches', 'event:page', ['^/c\\+\\+/']]] });
  });

  it('passes a path regex unchanged', async () => {
    const { collect } = setup();
    expect(await collect({ kind: 'pageviews', path_regex: '^/docs/(x|y)$' })).toEqual({ value: 4, status: 'ok' });
    expect(escapeRegex('/a.b*(c)[d]{e}|f?^$\\')).toBe('/a\\.b\\*\\(c\\)\\[d\\]\\{e\\}\\|f\\?\\^\\$\\\\');
  });

  it('counts an empty month as 0, also when results is an empty list', async () => {
    const { collect, fake } = setup();
    expect(await collect({ kind: 'visitors' }, periodOf({ year: 2026, month: 12 }))).toEqual({ value: 0, status: 'ok' });
    fake.failNext('empty_results');
    expect(await collect({ kind: 'pageviews' })).toEqual({ value: 0, status: 'ok' });
  });

  it('an invalid key is EAUTH (401) and never shows the key', async () => {
    const { collect, log } = setup({ PULSE_PLAUSIBLE_KEY: 'pk_wrong_SECRET_key_1234' });
    const error = await failure(collect({ kind: 'pageviews' }));
    expect(error).toMatchObject({ code: 'EAUTH', status: 401 });
    expect(error.message).toContain('Invalid API key or site ID');
    expect(everythingShown(error, log.lines)).not.toContain('pk_wrong_SECRET_key_1234');
  });

  it('a plan without the Stats API (402) is a configuration error with a fix', async () => {
    const { collect } = setup({ PULSE_PLAUSIBLE_KEY: 'pk_free_plan_key_0000' });
    const error = await failure(collect({ kind: 'pageviews' }));
    expect(error).toMatchObject({ code: 'EAUTH' });
    expect(error.fix).toContain('plan');
  });

  it('retries 429, then gives up with ETRANSIENT', async () => {
    const once = setup();
    once.fake.failNext('rate_limit');
    expect(await once.collect({ kind: 'pageviews' })).toEqual({ value: 23, status: 'ok' });
    expect(once.http.stats().retries).toBe(1);
    const always = setup();
    always.fake.failNext('rate_limit', 'rate_limit', 'rate_limit', 'rate_limit', 'rate_limit');
    const error = await failure(always.collect({ kind: 'pageviews' }));
    expect(error).toMatchObject({ code: 'ETRANSIENT', status: 429 });
    expect(error.message).toContain('Too many API requests');
  });

  it('retries a 5xx, and fails as ETRANSIENT when it persists', async () => {
    const once = setup();
    once.fake.failNext('server_error');
    expect(await once.collect({ kind: 'visitors' })).toEqual({ value: 4, status: 'ok' });
    const always = setup();
    always.fake.failNext('server_error', 'server_error', 'server_error', 'server_error', 'server_error');
    await expect(always.collect({ kind: 'visitors' })).rejects.toMatchObject({ code: 'ETRANSIENT', status: 500 });
  });

  it('rejects a regex Plausible refuses as EQUERY (400)', async () => {
    const { collect } = setup();
    await expect(collect({ kind: 'pageviews', path_regex: '(' })).rejects.toMatchObject({ code: 'EQUERY', status: 400 });
  });

  it('rejects answers of the wrong shape with EBADRESPONSE', async () => {
    for (const f of ['missing_fields', 'not_json'] as const) {
      const { collect, fake } = setup();
      fake.failNext(f);
      await expect(collect({ kind: 'pageviews' })).rejects.toMatchObject({ code: 'EBADRESPONSE' });
    }
  });

  it('an unset key env var is EENV', async () => {
    const { collect } = setup({});
    await expect(collect({ kind: 'pageviews' })).rejects.toMatchObject({ code: 'EENV' });
  });

  it('never shows the API key in any error or log line', async () => {
    const { collect, fake, log } = setup();
    const shown: string[] = [];
    for (const f of ['rate_limit', 'server_error', 'missing_fields', 'not_json'] as const) {
      fake.failNext(f, f, f, f, f);
      shown.push(everythingShown(await failure(collect({ kind: 'pageviews' })), []));
    }
    expect([...shown, ...log.lines].join('\n')).not.toContain(KEY);
  });
});

describe('plausible backfill: one time:month request for a run of months', () => {
  it('asks once for September..December and splits the monthly buckets (empty months omitted → 0)', async () => {
    const { fake, ctx } = setup();
    const collector = plausibleSource.createCollector(ctx, 'web', { type: 'plausible', url: URL_, site_id: 'about.example.com', api_key_env: 'PULSE_PLAUSIBLE_KEY' });
    const months = [9, 10, 11, 12].map((month) => periodOf({ year: 2026, month }));
    const metric = { id: 'v', query: { kind: 'visitors', path_prefixes: ['/blog'] } };
    collector.prefetch?.(metric, months);
    // Hand-counted: Sep v1; Oct v1 and v2 (/blog/a, /blog/b); Nov v5; Dec none.
    expect((await Promise.all(months.map((p) => collector.collect(metric, p)))).map((o) => o.value)).toEqual([1, 2, 1, 0]);
    expect(fake.bodies).toEqual([{ site_id: 'about.example.com', metrics: ['visitors'], date_range: ['2026-09-01', '2026-12-31'], filters: [['matches', 'event:page', ['^/blog']]], dimensions: ['time:month'] }]);
  });

  it('falls back to per-month requests after a persistent 429 on the range', async () => {
    const { fake, ctx } = setup();
    const collector = plausibleSource.createCollector(ctx, 'web', { type: 'plausible', url: URL_, site_id: 'about.example.com', api_key_env: 'PULSE_PLAUSIBLE_KEY' });
    const months = [9, 10].map((month) => periodOf({ year: 2026, month }));
    const metric = { id: 'p', query: { kind: 'pageviews' } };
    fake.failNext('rate_limit', 'rate_limit', 'rate_limit', 'rate_limit', 'rate_limit');
    collector.prefetch?.(metric, months);
    // Sep 100; Oct 3 + 2 + 1 + 4 + 5 + 7 + 1 = 23.
    expect((await Promise.all(months.map((p) => collector.collect(metric, p)))).map((o) => o.value)).toEqual([100, 23]);
    expect(fake.bodies).toHaveLength(7);
  });
});
