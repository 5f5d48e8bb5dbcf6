// The github source against the fake of the REST API (demo/fakes/github, README cites GitHub's docs):
// counts, bots, paging, the search cap split, rate limits, error bodies, hostile strings, GHES URLs.
import { describe, expect, it } from 'vitest';
import { periodOf } from '../../../src/periods/periods.ts';
import { githubSource } from '../../../src/sources/github/index.ts';
import { apiBase } from '../../../src/sources/github/api.ts';
import type { GithubConfig } from '../../../src/sources/github/config.ts';
import { githubFake, type GhIssue, type GhRepo } from '@community-pulse/demo/fakes/github/index';
import { server } from '../../msw-server.ts';
import { everythingShown, failure, harness, OCTOBER } from '../discourse/harness.ts';

const TOKEN = 'ghp_SECRETsecretSECRETsecret0123456789';
const API = 'https://api.github.com';
const HOSTILE = 'e\u202Evil<img src=x onerror=alert(1)>[x](javascript:alert(1))';

const pr = (repo: string, number: number, login: string | null, merged: string, extra: Partial<GhIssue> = {}): GhIssue => ({
  repo,
  number,
  title: `PR ${number}`,
  user: login === null ? null : { login, type: login.endsWith('[bot]') ? 'Bot' : 'User' },
  created_at: merged.replace(/T.*/, 'T00:00:00Z'),
  closed_at: merged,
  merged_at: merged,
  pr: true,
  ...extra,
});

function world(): { repos: GhRepo[]; issues: GhIssue[] } {
  const issues: GhIssue[] = [
    pr('acme/widget', 1, 'bob', '2026-09-20T10:00:00Z'),
    pr('acme/widget', 2, 'alice', '2026-10-02T10:00:00Z', { title: '<script>alert(1)</script> **bold** \u202Etxet' }),
    pr('acme/widget', 3, 'bob', '2026-10-05T10:00:00Z'),
    pr('acme/docs', 4, 'alice', '2026-10-31T23:59:59Z'),
    pr('acme/docs', 5, 'dependabot[bot]', '2026-10-10T10:00:00Z'),
    pr('acme/docs', 6, 'release-helper', '2026-10-11T10:00:00Z'),
    pr('acme/docs', 7, null, '2026-10-12T10:00:00Z'),
    pr('acme/docs', 8, HOSTILE, '2026-10-13T10:00:00Z'),
    pr('acme/docs', 9, 'carol', '2026-11-01T00:00:00Z'),
    // Not merged: closed without merge.
    { repo: 'acme/widget', number: 10, title: 'closed', user: { login: 'dave' }, created_at: '2026-10-03T00:00:00Z', closed_at: '2026-10-04T00:00:00Z', pr: true },
    // Issues: opened in Oct (11, 12, 13), closed in Oct (11, 14).
    {
      repo: 'acme/widget',
      number: 11,
      title: 'bug',
      user: { login: 'erin' },
      created_at: '2026-10-01T08:00:00Z',
      closed_at: '2026-10-20T00:00:00Z',
      comments: [
        { user: { login: 'erin' }, created_at: '2026-10-01T09:00:00Z' },
        { user: { login: 'github-actions[bot]', type: 'Bot' }, created_at: '2026-10-01T09:30:00Z' },
        { user: { login: 'bob' }, created_at: '2026-10-01T12:00:00Z' },
      ],
    },
    { repo: 'acme/widget', number: 12, title: 'idea', user: { login: 'frank' }, created_at: '2026-10-06T00:00:00Z', comments: [{ user: { login: 'alice' }, created_at: '2026-10-06T10:00:00Z' }] },
    { repo: 'acme/docs', number: 13, title: 'typo', user: { login: 'gina' }, created_at: '2026-10-07T00:00:00Z' },
    { repo: 'acme/docs', number: 14, title: 'old', user: { login: 'hal' }, created_at: '2026-08-01T00:00:00Z', closed_at: '2026-10-09T00:00:00Z' },
  ];
  // The Oct 2 PR by alice got a review 2 hours later.
  const alicePr = issues[1];
  if (alicePr) alicePr.reviews = [{ user: { login: 'bob' }, submitted_at: '2026-10-02T02:00:00Z' }];
  // 350 stargazers, oldest first: 300 in 2025, then 50 in October 2026 (pages 1–4 of 100).
  const stargazers = Array.from({ length: 350 }, (_, i) => ({ user: { login: `fan${i}` }, starred_at: i < 300 ? '2025-09-15T00:00:00Z' : '2026-10-15T00:00:00Z' }));
  return {
    issues,
    repos: [
      {
        full_name: 'acme/widget',
        stargazers,
        forks: [
          { full_name: 'x/widget', created_at: '2026-11-02T00:00:00Z' },
          { full_name: 'y/widget', created_at: '2026-10-20T00:00:00Z' },
          { full_name: 'z/widget', created_at: '2026-10-01T00:00:00Z' },
          ...Array.from({ length: 120 }, (_, i) => ({ full_name: `old${i}/widget`, created_at: '2025-01-01T00:00:00Z' })),
        ],
      },
      { full_name: 'acme/docs', stargazers: [{ user: { login: 'solo' }, starred_at: '2026-10-01T00:00:00Z' }], forks: [] },
    ],
  };
}

const orgConfig: GithubConfig = { type: 'github', url: 'https://github.com', token_env: 'PULSE_GITHUB_TOKEN', org: 'acme', bots: ['release-helper'] };

function setup(config: GithubConfig = orgConfig, options: { env?: Record<string, string>; apiBase?: string; issues?: GhIssue[]; scopes?: string } = {}) {
  const w = world();
  const fake = githubFake({
    apiBase: options.apiBase ?? API,
    tokens: [{ token: TOKEN, ...(options.scopes !== undefined ? { scopes: options.scopes } : {}) }],
    orgs: ['acme'],
    repos: w.repos,
    issues: options.issues ?? w.issues,
    now: () => Date.parse('2026-11-02T06:00:00Z'),
  });
  server.use(...fake.handlers);
  const h = harness(options.env ?? { PULSE_GITHUB_TOKEN: TOKEN });
  const collector = githubSource.createCollector(h.ctx, 'gh', config);
  const collect = (kind: string, period = OCTOBER) => collector.collect({ id: kind, query: { kind } as never }, period);
  return { fake, collector, collect, ...h };
}

describe('github source: counts', () => {
  it('merged PRs and distinct human authors: Bot type, [bot], the bots list and deleted accounts excluded', async () => {
    const { collect } = setup();
    // Oct: #2 alice, #3 bob, #4 alice (23:59:59), #8 hostile; not #5 bot, #6 listed bot, #7 ghost, #9 Nov 1.
    expect(await collect('merged_prs')).toEqual({ value: 4, status: 'ok' });
    const authors = await collect('pr_authors');
    expect(authors.value).toBe(3);
    expect(authors.contributors?.map((c) => [c.username, c.count])).toEqual([
      ['alice', 2],
      ['bob', 1],
      [HOSTILE, 1],
    ]);
  });

  it('a hostile login is kept as text, verbatim (renderers escape it), and the hostile title is never needed', async () => {
    const { collect } = setup();
    const authors = await collect('pr_authors');
    const hostile = authors.contributors?.find((c) => c.username.includes('<img'));
    expect(hostile?.username).toBe(HOSTILE);
    expect(hostile?.webUrl).toBe(`https://github.com/${encodeURIComponent(HOSTILE)}`);
  });

  it('first-time contributors: merged PRs before the month decide (one search per author)', async () => {
    const { collect, fake, log } = setup();
    const outcome = await collect('first_time_contributors');
    expect(outcome.value).toBe(1);
    expect(outcome.contributors?.map((c) => [c.username, c.firstTime])).toEqual([['alice', true]]);
    // A login GitHub would never issue is not put into a search query (it would inject terms).
    expect(fake.searches.some((q) => q.includes('<img'))).toBe(false);
    expect(log.lines.join('\n')).toContain('skipped an author whose login is not a GitHub login');
    expect(fake.searches.filter((q) => q.includes('author:bob'))).toEqual(['is:pr is:merged author:bob org:acme merged:<2026-10-01T00:00:00Z']);
  });

  it('a backfill does not search for authors it saw merge in an earlier month of the run', async () => {
    const { collector, fake } = setup();
    const metric = { id: 'f', query: { kind: 'first_time_contributors' } as never };
    const months = [9, 10].map((month) => periodOf({ year: 2026, month }));
    collector.prefetch?.(metric, months);
    // September: bob (nothing before). October: alice (new); bob merged in September, so no search for him.
    expect((await Promise.all(months.map((p) => collector.collect(metric, p)))).map((o) => o.value)).toEqual([1, 1]);
    expect(fake.searches.filter((q) => q.includes('author:'))).toEqual(['is:pr is:merged author:bob org:acme merged:<2026-09-01T00:00:00Z', 'is:pr is:merged author:alice org:acme merged:<2026-10-01T00:00:00Z']);
  });

  it('issues opened and closed in the month (search total_count, pull requests not counted)', async () => {
    const { collect, fake } = setup();
    expect((await collect('issues_opened')).value).toBe(3);
    expect((await collect('issues_closed')).value).toBe(2);
    expect(fake.searches).toEqual(['is:issue org:acme created:2026-10-01T00:00:00Z..2026-10-31T23:59:59Z', 'is:issue org:acme closed:2026-10-01T00:00:00Z..2026-10-31T23:59:59Z']);
  });

  it('stars gained: starred_at read from the last page (Link rel="last") backwards to the month, over the organisation repositories', async () => {
    const { collect, fake } = setup();
    expect(await collect('stars')).toEqual({ value: 51, status: 'ok' });
    expect(fake.asked).toEqual([
      '/orgs/acme/repos?type=all&per_page=100',
      '/repos/acme/widget/stargazers?per_page=100&page=1',
      '/repos/acme/widget/stargazers?per_page=100&page=4',
      '/repos/acme/widget/stargazers?per_page=100&page=3',
      '/repos/acme/docs/stargazers?per_page=100&page=1',
    ]);
  });

  it('a backfill reads the stargazers once, back to its earliest month', async () => {
    const { collector, fake } = setup();
    const metric = { id: 's', query: { kind: 'stars' } as never };
    const months = [9, 10].map((month) => periodOf({ year: 2025, month }));
    collector.prefetch?.(metric, months);
    expect((await Promise.all(months.map((p) => collector.collect(metric, p)))).map((o) => o.value)).toEqual([300, 0]);
    expect(fake.asked.filter((p) => p.includes('/widget/stargazers'))).toHaveLength(4);
  });

  it('forks created in the month, newest first, stopping at the first page that reaches older forks', async () => {
    const { collect, fake } = setup({ ...orgConfig, org: undefined, repos: ['acme/widget'] });
    expect(await collect('forks')).toEqual({ value: 2, status: 'ok' });
    expect(fake.asked).toEqual(['/repos/acme/widget/forks?sort=newest&per_page=100']);
  });

  it('time to first response: median hours to the first comment or review by someone else, bots and the author ignored', async () => {
    const { collect } = setup();
    // #11 erin: own comment and a bot ignored, bob after 4h; #12 frank: 10h; #13: none; PRs created in Oct:
    // #2 alice review after 2h; the rest have no responses. Median of [4, 10, 2] = 4.
    const outcome = await collect('time_to_first_response');
    expect(outcome).toMatchObject({ value: 4, status: 'ok', unit: 'hours' });
    expect(outcome.note).toContain('Median over 3 of');
  });
});

describe('github source: the search API', () => {
  it('splits a range whose total_count passes 1,000 until every part can be listed whole', async () => {
    const many = Array.from({ length: 1500 }, (_, i) => pr('acme/widget', 100 + i, `dev${i % 700}`, new Date(Date.UTC(2026, 9, 1) + i * 1_700_000).toISOString()));
    const { collect, fake } = setup(orgConfig, { issues: many });
    expect((await collect('merged_prs')).value).toBe(1500);
    expect((await collect('pr_authors')).value).toBe(700);
    const merged = fake.searches.filter((q) => q.startsWith('is:pr is:merged org:acme merged:'));
    expect(merged[0]).toBe('is:pr is:merged org:acme merged:2026-10-01T00:00:00Z..2026-10-31T23:59:59Z');
    expect(merged.length).toBeGreaterThan(2);
    // No page beyond the cap was asked for (GitHub answers 422 there).
    expect(fake.asked.some((p) => /[?&]page=1[1-9]/.test(p))).toBe(false);
  });

  it('retries a search that answers incomplete_results', async () => {
    const { collect, fake, http } = setup();
    fake.failNext('incomplete_results');
    expect((await collect('issues_opened')).value).toBe(3);
    expect(http.stats().retries).toBe(1);
  });

  it('an unknown repository in repos: the 422 Validation Failed message is shown', async () => {
    const { collect } = setup({ ...orgConfig, org: undefined, repos: ['acme/widget', 'acme/nope'] });
    const error = await failure(collect('issues_opened'));
    expect(error).toMatchObject({ code: 'EQUERY', status: 422 });
    expect(error.message).toContain('Validation Failed');
  });
});

describe('github source: rate limits and errors', () => {
  it('primary limit (403 and 429 with x-ratelimit-remaining 0) waits until x-ratelimit-reset, then goes on', async () => {
    const { collect, fake, http } = setup();
    fake.failNext('primary_403', 'primary_429');
    expect((await collect('issues_opened')).value).toBe(3);
    expect(http.stats().retries).toBe(2);
    expect(http.stats().waitedMsByHost['api.github.com']).toBe(60_000);
  });

  it('secondary limit: retry-after when given, else a minute; persistent → ETRANSIENT', async () => {
    const once = setup();
    once.fake.failNext('secondary_retry_after', 'secondary');
    expect((await once.collect('issues_closed')).value).toBe(2);
    expect(once.http.stats().waitedMsByHost['api.github.com']).toBe(80_000);
    const always = setup();
    always.fake.failNext('secondary', 'secondary', 'secondary', 'secondary', 'secondary');
    const error = await failure(always.collect('issues_closed'));
    expect(error).toMatchObject({ code: 'ETRANSIENT', status: 403 });
    expect(error.message).toContain('secondary rate limit');
  });

  it("a bad token is EAUTH with GitHub's message and a fix; the token never shows", async () => {
    const { collect, log } = setup(orgConfig, { env: { PULSE_GITHUB_TOKEN: 'ghp_wrongWRONGwrongWRONG0123456789abcd' } });
    const error = await failure(collect('merged_prs'));
    expect(error).toMatchObject({ code: 'EAUTH', status: 401 });
    expect(error.message).toContain('Bad credentials');
    expect(error.fix).toContain('PULSE_GITHUB_TOKEN');
    expect(everythingShown(error, log.lines)).not.toContain('ghp_wrong');
  });

  it('a repository that does not exist (or is private) is ENOTFOUND with a hint', async () => {
    const { collect } = setup({ ...orgConfig, org: undefined, repos: ['acme/gone'] });
    const error = await failure(collect('stars'));
    expect(error).toMatchObject({ code: 'ENOTFOUND', status: 404 });
    expect(error.fix).toContain('acme/gone');
  });

  it('a 502 is retried', async () => {
    const { collect, fake } = setup();
    fake.failNext('server_error');
    expect((await collect('issues_opened')).value).toBe(3);
  });
});

describe('github source: GitHub Enterprise Server and verify', () => {
  it('a GHES URL reaches https://HOST/api/v3', async () => {
    expect(apiBase({ ...orgConfig, url: 'https://github.example.com' })).toBe('https://github.example.com/api/v3');
    expect(apiBase(orgConfig)).toBe('https://api.github.com');
    const { collect, fake } = setup({ ...orgConfig, url: 'https://github.example.com' }, { apiBase: 'https://github.example.com/api/v3' });
    expect((await collect('issues_opened')).value).toBe(3);
    expect(fake.asked).toHaveLength(1);
  });

  it('verify: GET /user, then the organisation; says what it can tell of the token scopes', async () => {
    const classic = setup(orgConfig, { scopes: 'read:org, public_repo' });
    await githubSource.verify?.(classic.ctx, 'gh', orgConfig, []);
    expect(classic.fake.asked).toEqual(['/user', '/orgs/acme']);
    expect(classic.log.lines.join('\n')).toContain('classic token without the repo scope (has: read:org, public_repo)');
    const fine = setup();
    await githubSource.verify?.(fine.ctx, 'gh', orgConfig, []);
    expect(fine.log.lines.join('\n')).toContain('fine-grained or app token');
    const missing = setup();
    await expect(githubSource.verify?.(missing.ctx, 'gh', { ...orgConfig, org: 'nobody' }, [])).rejects.toMatchObject({ code: 'ENOTFOUND' });
  });

  it('the goals file must name exactly one of org and repos', () => {
    const parse = (extra: object) => githubSource.configSchema.safeParse({ type: 'github', token_env: 'PULSE_GITHUB_TOKEN', ...extra }).success;
    expect(parse({ org: 'acme' })).toBe(true);
    expect(parse({ repos: ['acme/widget'] })).toBe(true);
    expect(parse({})).toBe(false);
    expect(parse({ org: 'acme', repos: ['acme/widget'] })).toBe(false);
    expect(parse({ repos: ['acme/widget repo:evil/x'] })).toBe(false);
  });
});
