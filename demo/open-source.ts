// The open-source company of examples/open-source-company.goals.yml: GitHub (the acme
// organisation), npm and PyPI downloads, a docs site on Plausible, a Discord server and an events
// platform's JSON API, with small hand-counted data for October 2026; the forum is the sample
// world's. The expected value of every metric is written next to the data that produces it.
import { readFileSync } from 'node:fs';
import type { RequestHandler } from 'msw';
import { parseDocument } from 'yaml';
import { discordFake } from './fakes/discord/index.ts';
import { githubFake, type GhIssue, type GhRepo } from './fakes/github/index.ts';
import { jsonApiFake } from './fakes/json-api/index.ts';
import { npmFake } from './fakes/npm/index.ts';
import { plausibleFake } from './fakes/plausible/index.ts';
import { pypiFake } from './fakes/pypi/index.ts';

export const OPEN_SOURCE_GOALS_FILE = new URL('../examples/open-source-company.goals.yml', import.meta.url);
export const GITHUB_TOKEN = 'github_pat_11SampleWorld0Token0abcdefghijklmnopqrstuv';
const PLAUSIBLE_DOCS_KEY = 'plausible-docs-key-Qm41Lp09Zx73';
const DISCORD_BOT_TOKEN = 'MTk4NjIy.SampleWorld.DiscordBotToken2026';
const EVENTS_TOKEN = 'evt_live_SampleWorldEventsToken2026';
/** The example's Discord server (guild) id, as in the goals file. */
const GUILD_ID = '613425648685547541';

/** The APIs only this example uses, each on its own loopback server in the sample world. */
export const OPEN_SOURCE_APIS = ['github', 'npm', 'pypi', 'docs', 'discord', 'events'] as const;
export type OpenSourceApi = (typeof OPEN_SOURCE_APIS)[number];

/** What a correct run of the example finds for 2026-10 (forum figures are the sample world's). */
export const OPEN_SOURCE_EXPECTED: Record<string, number> = {
  // alice ×2, bob, carol, dan (Oct 31 23:59:59); not dependabot[bot] (type Bot), acme-release-helper
  // (listed in bots), bob in September, erin on Nov 1, frank's closed-unmerged PR.
  'github-merged-prs': 5,
  'github-contributors': 4,
  // alice merged in August and bob in September: carol and dan are new.
  'github-first-time-contributors': 2,
  // widget 60 of its 180 stargazers (two pages), widget-docs 5, py-sdk 12 (its Nov 1 star does not count).
  'github-stars': 77,
  // widget 3 (one on Nov 1 and 150 old ones do not count), py-sdk 2.
  'github-forks': 5,
  // gina, hal, ivy opened in October; gina's and jo's (opened in September) were closed in October.
  'github-issues-opened': 3,
  'github-issues-closed': 2,
  // First response by someone else, bots and the author ignored: PRs 6 h (alice #1), 3 h (alice #2),
  // 12 h (carol), 1 h (frank); issues 8 h (gina), 20 h (hal); none on bob's, erin's and ivy's.
  // Median of 1, 3, 6, 8, 12, 20 = 7.
  'github-time-to-first-response': 7,
  // acme-sdk 1,000 a day + @acme/cli 400 a day, 31 days.
  'npm-downloads': 31 * 1400,
  // acme-sdk 600 a day without mirrors (700 with them).
  'pypi-downloads': 31 * 600,
  // /docs/a 60,000 + /docs/b 45,000; /blog/x and the Nov 1 view do not count.
  'docs-pageviews': 105_000,
  // Data Explorer query 42 of the sample world's forum.
  'forum-monthly-active-users': 10_240,
  'conference-talks': 4,
  // The guild's approximate counts as Discord answers them on the day the job runs (a level: the
  // same whatever month is asked, which is why only the month just ended may be collected).
  'discord-members': 16_250,
  'discord-online': 2_100,
  // The events API's October figure (September's 480 and November's 700 are not October's).
  'event-sign-ups': 640,
  // Typed into the goals file.
  'community-satisfaction': 82,
};

const user = (login: string, type: 'User' | 'Bot' = 'User') => ({ login, type });
const pr = (repo: string, number: number, login: string, created: string, merged: string | undefined, extra: Partial<GhIssue> = {}): GhIssue => ({
  repo,
  number,
  title: `Change ${number}`,
  user: user(login, login.endsWith('[bot]') ? 'Bot' : 'User'),
  created_at: created,
  pr: true,
  ...(merged ? { merged_at: merged, closed_at: merged } : {}),
  ...extra,
});

function githubData(): { repos: GhRepo[]; issues: GhIssue[] } {
  const w = 'acme/widget';
  const d = 'acme/widget-docs';
  const p = 'acme/py-sdk';
  const issues: GhIssue[] = [
    pr(w, 7, 'alice', '2026-08-09T00:00:00Z', '2026-08-10T00:00:00Z'),
    pr(w, 5, 'bob', '2026-09-27T00:00:00Z', '2026-09-28T00:00:00Z'),
    pr(w, 1, 'alice', '2026-10-01T00:00:00Z', '2026-10-03T00:00:00Z', { title: 'Fix <script>alert(1)</script> in **README** \u202Egnp.exe', reviews: [{ user: user('bob'), submitted_at: '2026-10-01T06:00:00Z' }] }),
    pr(w, 2, 'alice', '2026-10-08T00:00:00Z', '2026-10-09T00:00:00Z', { comments: [{ user: user('zoe'), created_at: '2026-10-08T03:00:00Z' }] }),
    pr(d, 1, 'bob', '2026-10-10T00:00:00Z', '2026-10-12T00:00:00Z'),
    pr(p, 1, 'carol', '2026-10-19T00:00:00Z', '2026-10-20T00:00:00Z', { reviews: [{ user: user('zoe'), submitted_at: '2026-10-19T12:00:00Z' }] }),
    pr(w, 3, 'dan', '2026-09-30T00:00:00Z', '2026-10-31T23:59:59Z'),
    pr(w, 4, 'dependabot[bot]', '2026-10-04T00:00:00Z', '2026-10-05T00:00:00Z'),
    pr(p, 2, 'acme-release-helper', '2026-10-06T00:00:00Z', '2026-10-06T01:00:00Z'),
    pr(w, 6, 'erin', '2026-10-31T12:00:00Z', '2026-11-01T00:00:00Z'),
    pr(w, 8, 'frank', '2026-10-14T00:00:00Z', undefined, { closed_at: '2026-10-15T00:00:00Z', comments: [{ user: user('zoe'), created_at: '2026-10-14T01:00:00Z' }] }),
    {
      repo: w,
      number: 20,
      title: 'Crash on start',
      user: user('gina'),
      created_at: '2026-10-02T00:00:00Z',
      closed_at: '2026-10-10T00:00:00Z',
      comments: [
        { user: user('github-actions[bot]', 'Bot'), created_at: '2026-10-02T00:05:00Z' },
        { user: user('gina'), created_at: '2026-10-02T01:00:00Z' },
        { user: user('zoe'), created_at: '2026-10-02T08:00:00Z' },
      ],
    },
    { repo: d, number: 21, title: 'Typo', user: user('hal'), created_at: '2026-10-14T00:00:00Z', comments: [{ user: user('zoe'), created_at: '2026-10-14T20:00:00Z' }] },
    { repo: p, number: 22, title: 'Wheel for 3.14?', user: user('ivy'), created_at: '2026-10-30T00:00:00Z' },
    { repo: w, number: 23, title: 'Old question', user: user('jo'), created_at: '2026-09-20T00:00:00Z', closed_at: '2026-10-05T00:00:00Z' },
  ];
  const stars = (n: number, at: string, prefix: string) => Array.from({ length: n }, (_, i) => ({ user: user(`${prefix}${i}`), starred_at: at }));
  const forks = (n: number, at: string, prefix: string) => Array.from({ length: n }, (_, i) => ({ full_name: `${prefix}${i}/fork`, created_at: at }));
  return {
    issues,
    repos: [
      {
        full_name: w,
        stargazers: [...stars(120, '2026-09-12T00:00:00Z', 'early'), ...stars(60, '2026-10-12T00:00:00Z', 'fan')],
        forks: [...forks(150, '2025-06-01T00:00:00Z', 'old'), ...forks(3, '2026-10-07T00:00:00Z', 'new'), ...forks(1, '2026-11-01T00:00:00Z', 'nov')],
      },
      { full_name: d, stargazers: stars(5, '2026-10-20T00:00:00Z', 'reader'), forks: [] },
      { full_name: p, stargazers: [...stars(12, '2026-10-25T00:00:00Z', 'py'), ...stars(1, '2026-11-01T00:00:00Z', 'late')], forks: forks(2, '2026-10-21T00:00:00Z', 'pyfork') },
    ],
  };
}

/** Daily counts over September to November 1. */
function daily(from: string, to: string, perDay: (day: string) => number): Record<string, number> {
  const days: Record<string, number> = {};
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    const day = new Date(t).toISOString().slice(0, 10);
    days[day] = perDay(day);
  }
  return days;
}

export interface OpenSourceWorld {
  handlers: Record<OpenSourceApi, RequestHandler[]>;
  env: Record<string, string>;
  secrets: string[];
}

export function openSourceWorld(urls: Record<OpenSourceApi, string>, now: () => Date): OpenSourceWorld {
  const gh = githubData();
  const github = githubFake({ apiBase: urls.github, tokens: [{ token: GITHUB_TOKEN }], orgs: ['acme'], repos: gh.repos, issues: gh.issues, now: () => now().getTime() });
  const npm = npmFake({ url: urls.npm, packages: { 'acme-sdk': daily('2026-05-01', '2026-11-01', () => 1000), '@acme/cli': daily('2026-05-01', '2026-11-01', () => 400) }, lastDay: '2026-11-01' });
  const pypiDays = daily('2026-05-06', '2026-11-01', () => 0);
  const pypi = pypiFake({ url: urls.pypi, projects: { 'acme-sdk': Object.fromEntries(Object.keys(pypiDays).map((day) => [day, { without: 600, with: 700 }])) }, lastDay: '2026-11-01' });
  const docs = plausibleFake({
    url: urls.docs,
    siteId: 'docs.acme.dev',
    keys: [PLAUSIBLE_DOCS_KEY],
    events: [
      { date: '2026-10-03', path: '/docs/a', visitorId: 'v1', views: 60_000 },
      { date: '2026-10-17', path: '/docs/b', visitorId: 'v2', views: 45_000 },
      { date: '2026-10-18', path: '/blog/x', visitorId: 'v3', views: 10_000 },
      { date: '2026-11-01', path: '/docs/a', visitorId: 'v4', views: 9_000 },
    ],
  });
  const discord = discordFake({ url: urls.discord, bots: { [DISCORD_BOT_TOKEN]: [GUILD_ID] }, guilds: [{ id: GUILD_ID, name: 'Acme Community', members: 16_250, online: 2_100 }] });
  const events = jsonApiFake({
    url: urls.events,
    header: 'Authorization',
    prefix: 'Bearer ',
    key: EVENTS_TOKEN,
    months: { '2026-09': { signups: 480, active: 0, rate: 0 }, '2026-10': { signups: 640, active: 0, rate: 0 }, '2026-11': { signups: 700, active: 0, rate: 0 } },
  });
  return {
    handlers: { github: github.handlers, npm: npm.handlers, pypi: pypi.handlers, docs: docs.handlers, discord: discord.handlers, events: events.handlers },
    env: { PULSE_GITHUB_TOKEN: GITHUB_TOKEN, PULSE_PLAUSIBLE_KEY: PLAUSIBLE_DOCS_KEY, PULSE_DISCORD_BOT_TOKEN: DISCORD_BOT_TOKEN, PULSE_EVENTS_TOKEN: EVENTS_TOKEN },
    secrets: [GITHUB_TOKEN, PLAUSIBLE_DOCS_KEY, DISCORD_BOT_TOKEN, EVENTS_TOKEN],
  };
}

/** The example goals file with every API pointed at the given servers (the forum at the sample world's). */
export function openSourceGoalsYaml(urls: Record<OpenSourceApi | 'forum', string>): string {
  const doc = parseDocument(readFileSync(OPEN_SOURCE_GOALS_FILE, 'utf8'));
  doc.setIn(['sources', 'github', 'api_url'], urls.github);
  doc.setIn(['sources', 'npm', 'url'], urls.npm);
  doc.setIn(['sources', 'pypi', 'url'], urls.pypi);
  doc.setIn(['sources', 'docs-analytics', 'url'], urls.docs);
  doc.setIn(['sources', 'forum', 'url'], urls.forum);
  doc.setIn(['sources', 'discord', 'url'], urls.discord);
  // The fake serves /v1/stats as the example's URL does: only the origin changes.
  doc.setIn(['sources', 'events-api', 'url'], String(doc.getIn(['sources', 'events-api', 'url'])).replace(/^https:\/\/[^/]+/, urls.events.replace(/\/+$/, '')));
  return doc.toString();
}
