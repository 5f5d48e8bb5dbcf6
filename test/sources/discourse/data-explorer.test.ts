// The data_explorer kind: a saved query run with the month's dates, one number read from it.
import { describe, expect, it } from 'vitest';
import { periodOf } from '../../../src/periods/periods.ts';
import { discourseSource } from '../../../src/sources/discourse/index.ts';
import { discourseFake, type FakeExplorerQuery, FakeSqlError } from '@community-pulse/demo/fakes/discourse/index';
import { server } from '../../msw-server.ts';
import { everythingShown, failure, harness, OCTOBER } from './harness.ts';

const URL_ = 'https://forum.example.com';
const KEY = 'dk_SECRET_data_explorer_9a8b7c6d';
const ENV = { PULSE_DISCOURSE_KEY: KEY };

// user_visits rows (user, day). October 2026, hand-counted distinct users: u1, u2, u3 and u5 = 4
// (u1 visits three times; u4 only on Sep 30, u6 only on Nov 1).
const visits: Array<[string, string]> = [
  ['u4', '2026-09-30'],
  ['u1', '2026-10-01'],
  ['u1', '2026-10-02'],
  ['u2', '2026-10-02'],
  ['u3', '2026-10-15'],
  ['u1', '2026-10-31'],
  ['u5', '2026-10-31'],
  ['u6', '2026-11-01'],
];

/** What the SQL in docs/sources/discourse.md computes over `visits`. */
const mau: FakeExplorerQuery = {
  params: { start_date: 'date', end_date: 'date' },
  run: ({ start_date: from = '', end_date: to = '' }) => ({
    columns: ['monthly_active_users'],
    rows: [[new Set(visits.filter(([, d]) => d >= from && d <= to).map(([u]) => u)).size]],
  }),
};

function setup(queries: Record<number, FakeExplorerQuery> = { 42: mau }, env = ENV) {
  const fake = discourseFake({ url: URL_, apiKey: KEY, userKey: 'user-key-0000', explorerQueries: queries });
  server.use(...fake.handlers);
  const h = harness(env);
  const collector = discourseSource.createCollector(h.ctx, 'forum', { type: 'discourse', url: URL_, api_key_env: 'PULSE_DISCOURSE_KEY' });
  const collect = (query: Record<string, unknown> = {}, period = OCTOBER) => collector.collect({ id: 'forum-mau', query: { kind: 'data_explorer', query_id: 42, ...query } }, period);
  return { fake, collect, ...h };
}

describe('discourse data_explorer', () => {
  it('runs the saved query with the month as start_date..end_date and reads the number', async () => {
    const { collect, fake } = setup();
    expect(await collect()).toEqual({ value: 4, status: 'ok' });
    expect(fake.explorerRuns).toEqual([{ queryId: 42, params: { start_date: '2026-10-01', end_date: '2026-10-31' } }]);
    expect(fake.requests[0]).toMatchObject({ path: '/admin/plugins/explorer/queries/42/run', apiKey: KEY });
  });

  it('uses the parameter names and column the goals file gives', async () => {
    const twoColumns: FakeExplorerQuery = {
      params: { from: 'date', to: 'date' },
      run: ({ from = '', to = '' }) => ({ columns: ['visits', 'users'], rows: [[visits.filter(([, d]) => d >= from && d <= to).length, '4']] }),
    };
    const { collect, fake } = setup({ 42: twoColumns });
    expect(await collect({ start_param: 'from', end_param: 'to', column: 'users' })).toEqual({ value: 4, status: 'ok' });
    expect(await collect({ start_param: 'from', end_param: 'to', column: 'visits' }, periodOf({ year: 2026, month: 9 }))).toEqual({ value: 1, status: 'ok' });
    expect(fake.explorerRuns[1]?.params).toEqual({ from: '2026-09-01', to: '2026-09-30' });
    const error = await failure(collect({ start_param: 'from', end_param: 'to', column: 'nope' }));
    expect(error).toMatchObject({ code: 'EQUERY' });
    expect(error.message).toContain('columns: visits, users');
  });

  it('an empty month is 0 (COUNT of nothing); a query without rows is an error with a fix', async () => {
    const { collect } = setup();
    expect(await collect({}, periodOf({ year: 2027, month: 3 }))).toEqual({ value: 0, status: 'ok' });
    const noRows = setup({ 42: { params: {}, run: () => ({ columns: ['n'], rows: [] }) } });
    const error = await failure(noRows.collect());
    expect(error).toMatchObject({ code: 'EQUERY' });
    // The fix points at the page that holds the SQL, which the package ships.
    expect(error.fix).toContain('docs/sources/discourse.md');
  });

  it('waits out a 429 and retries a 5xx', async () => {
    const { collect, fake, http } = setup();
    fake.failNext('rate_limit', 'server_error');
    expect(await collect()).toEqual({ value: 4, status: 'ok' });
    expect(http.stats().retries).toBe(2);
  });

  it('gives up on persistent 5xx as ETRANSIENT', async () => {
    const { collect, fake } = setup();
    fake.failNext('server_error', 'server_error', 'server_error', 'server_error', 'server_error');
    await expect(collect()).rejects.toMatchObject({ code: 'ETRANSIENT' });
  });

  it('a failed query (SQL error, timeout, missing param: 422 success:false) fails with the plugin message', async () => {
    const broken = setup({
      42: {
        params: {},
        run: () => {
          throw new FakeSqlError('PG::UndefinedTable: ERROR:  relation "user_visit" does not exist');
        },
      },
    });
    const error = await failure(broken.collect());
    expect(error).toMatchObject({ code: 'EQUERY' });
    expect(error.message).toContain('relation "user_visit" does not exist');

    const wrongParams = setup({ 42: { params: { month_start: 'date' }, run: () => ({ columns: ['n'], rows: [[1]] }) } });
    expect((await failure(wrongParams.collect())).message).toContain('Missing parameter month_start of type date');
  });

  it('rejects answers of the wrong shape and non-numbers', async () => {
    const { collect, fake } = setup();
    fake.failNext('missing_fields');
    await expect(collect()).rejects.toMatchObject({ code: 'EBADRESPONSE' });
    fake.failNext('not_json');
    await expect(collect()).rejects.toMatchObject({ code: 'EBADRESPONSE' });
    const text = setup({ 42: { params: {}, run: () => ({ columns: ['n'], rows: [['lots']] }) } });
    await expect(text.collect()).rejects.toMatchObject({ code: 'EBADRESPONSE' });
  });

  it('a missing plugin or query is a 404 whose fix says so; a wrong key is EAUTH; the key is never shown', async () => {
    const none = setup({});
    const error = await failure(none.collect());
    expect(error).toMatchObject({ code: 'ENOTFOUND' });
    expect(error.fix).toContain('data_explorer_enabled');
    const wrong = setup({ 42: mau }, { PULSE_DISCOURSE_KEY: 'wrong-SECRET-key-1234' });
    const refused = await failure(wrong.collect());
    expect(refused).toMatchObject({ code: 'EAUTH' });
    expect(everythingShown(refused, wrong.log.lines)).not.toContain('wrong-SECRET-key-1234');
    expect(everythingShown(error, none.log.lines)).not.toContain(KEY);
  });

  it('needs an admin key', async () => {
    const h = harness({});
    const collector = discourseSource.createCollector(h.ctx, 'forum', { type: 'discourse', url: URL_ });
    await expect(collector.collect({ id: 'm', query: { kind: 'data_explorer', query_id: 42 } }, OCTOBER)).rejects.toMatchObject({ code: 'EENV' });
  });
});

/** The SQL in docs/sources/discourse.md: one row per month (GROUP BY month), distinct users within each. */
const mauByMonth: FakeExplorerQuery = {
  params: { start_date: 'date', end_date: 'date' },
  run: ({ start_date: from = '', end_date: to = '' }) => {
    const byMonth = new Map<string, Set<string>>();
    for (const [u, d] of visits) if (d >= from && d <= to) byMonth.set(d.slice(0, 7), (byMonth.get(d.slice(0, 7)) ?? new Set<string>()).add(u));
    return { columns: ['month', 'monthly_active_users'], rows: [...byMonth.entries()].sort().map(([m, users]) => [m, users.size]) };
  },
};

describe('discourse data_explorer backfill', () => {
  const months = [9, 10, 11, 12].map((m) => periodOf({ year: 2026, month: m }));

  it('runs a query with a month column once for a run of months and splits its rows', async () => {
    const { fake, ctx } = setup({ 42: mauByMonth });
    const collector = discourseSource.createCollector(ctx, 'forum', { type: 'discourse', url: URL_, api_key_env: 'PULSE_DISCOURSE_KEY' });
    const metric = { id: 'mau', query: { kind: 'data_explorer', query_id: 42 } };
    collector.prefetch?.(metric, months);
    // Sep u4; Oct u1, u2, u3, u5; Nov u6; Dec nobody (no row → 0).
    expect((await Promise.all(months.map((p) => collector.collect(metric, p)))).map((o) => o.value)).toEqual([1, 4, 1, 0]);
    expect(fake.explorerRuns).toEqual([{ queryId: 42, params: { start_date: '2026-09-01', end_date: '2026-12-31' } }]);
  });

  it('runs a query without a month column month by month (one try at the range, then per month)', async () => {
    const { fake, ctx, log } = setup();
    const collector = discourseSource.createCollector(ctx, 'forum', { type: 'discourse', url: URL_, api_key_env: 'PULSE_DISCOURSE_KEY' });
    const metric = { id: 'mau', query: { kind: 'data_explorer', query_id: 42 } };
    collector.prefetch?.(metric, months.slice(0, 2));
    expect((await Promise.all(months.slice(0, 2).map((p) => collector.collect(metric, p)))).map((o) => o.value)).toEqual([1, 4]);
    expect(fake.explorerRuns.map((r) => r.params.start_date)).toEqual(['2026-09-01', '2026-09-01', '2026-10-01']);
    expect(log.lines.some((l) => l.includes('no "month" column'))).toBe(true);
  });
});
