// A whole DevRel "world" for end-to-end runs: every API the example goals file uses, as the fakes
// of test/fakes, holding small hand-counted data for October 2026. The expected value of every
// metric of examples/goals.yml is written next to the data that produces it.
import { readFileSync } from 'node:fs';
import { privateKey, publicKey } from './rsa-key.ts';
import type { RequestHandler } from 'msw';
import { parseDocument } from 'yaml';
import { discourseFake } from './fakes/discourse/index.ts';
import { ga4Fake, type KeyEventRecord, type PageViewEvent } from './fakes/ga4/index.ts';
import { createFakeGitlab, type FakeGitlabData } from './fakes/gitlab/index.ts';
import { googleOAuthFake } from './fakes/google-oauth/index.ts';
import { plausibleFake, type PlausibleEvent } from './fakes/plausible/index.ts';
import { gitlabRepoFake, gitlabRepoHandlers } from './fakes/gitlab-repo/index.ts';
import { youtubeFake, youtubeFakeUrls, youtubeHandlers } from './fakes/youtube/index.ts';
import type { DemoBulk } from './bulk.ts';
import { isBot } from '../src/sources/gitlab/bots.ts';
import { bulkOrganisationEntries, bulkPublicEmails, HAND_ORGANISATION_EXPECTED, HAND_ORGANISATIONS, HAND_PUBLIC_EMAILS, ORGANISATIONS_FILE, ORGANISATIONS_PROJECT } from './organisations.ts';

/** One base URL per API host, as a test or the loopback servers give them. */
export interface WorldUrls {
  gitlab: string;
  forum: string;
  google: string;
  plausible: string;
  files: string;
}

export const API_NAMES = ['gitlab', 'forum', 'google', 'plausible', 'files'] as const satisfies ReadonlyArray<keyof WorldUrls>;
export type ApiName = (typeof API_NAMES)[number];

export const GITLAB_TOKEN = 'glpat-World0Token0abcdefghij';
const DISCOURSE_KEY = 'd1sc0urse-admin-key-7f3a9b2c4e5d6f708192a3b4c5d6e7f8';
const PLAUSIBLE_KEY = 'plausible-key-Zx81Qw27Er63Ty45';
const SA_EMAIL = 'pulse-reader@devrel-pulse.iam.gserviceaccount.com';

/** What a correct run of examples/goals.yml for 2026-10 must find, counted by hand from the data below. */
export const EXPECTED_OCTOBER: Record<string, number> = {
  // gitlab-org, Community contribution, merged in October: alice (Oct 1 00:00:00), bob ×2 (one in a
  // subgroup), erin (Oct 31 23:59:59). Not: the access-token bot, dave (no label), erin on Nov 1.
  'wider-community-contributors': 3,
  // gitlab-org + gitlab-com: alice 1, bob 2, carol 1, erin 1; gitlab-bot-legacy is in exclude_users.
  'merged-community-mrs': 5,
  // bob and erin; alice merged one in September.
  'first-time-contributors': 2,
  // Data Explorer query 42 over the forum's user_visits: 10,240 distinct users visited in October
  // (FORUM_VISITS below: users 0..10239 in October; 300 more only in September or November).
  'forum-monthly-active-users': 10000 + 240,
  // mean of the daily values 10, 20 and 30 hours.
  'forum-time-to-first-response': 20,
  // /blog/ views in October: 250,000 + 150,000 (the /blog/ view on Nov 1 and /docs/ do not count).
  'user-content-pageviews': 400000,
  // /community/ 120,000 + /developer-relations/ 90,000 + /events/ 60,000; /blog/ does not count.
  'devrel-content-pageviews': 270000,
  'youtube-views': 612345,
  // talks dated in October: 3 (one talk on Nov 1 and one blog post do not count); posts: 2.
  'heroes-talks': 3,
  'heroes-blog-posts': 2,
  'education-program-seats': 43020,
  // October authors in gitlab-org: alice (merged before, in September), bob and erin (first): 1.
  'returning-contributors': 1,
  // July 2026 cohort: frank and gina were first-timers; frank came back in September, gina did not.
  'contributor-retention': 50,
  // Release 17.5 (due Oct 15): alice's and bob's MRs with the milestone; the bot's is left out.
  'community-mrs-per-release': 2,
  // Days open → merged in October (gitlab-org): alice 2, bob 5 and 5, erin 10 → median 5.
  'community-mr-time-to-merge': 5,
  // First comment by someone else: alice's MR 4 h (dave), bob's 8 h (alice), erin's 12 h (carol);
  // bob's other MR only has his own note → median of 4, 8, 12.
  'community-mr-time-to-first-review': 8,
  // Open at Nov 1 00:00: dave's MR opened Oct 11 (21 days), alice's opened Oct 25 (7 days) → 14.
  'open-community-mr-age': 14,
  // Meetups due Oct 3 and Oct 24 (the one due Nov 7 and the webinar do not count).
  meetups: 2,
  // The organisation kinds (demo/organisations.ts): Acme, Globex (bob by his globex.io address), Initech.
  ...HAND_ORGANISATION_EXPECTED,
  // sign_up key events in October: /blog/ landings 612, youtube / video users 214, the
  // devrel-heroes campaign 131, a /blog/ landing by a youtube user 57 (once); not /pricing or Nov 1.
  'devrel-signups': 612 + 214 + 131 + 57,
};

/** user_visits of the forum: [user, day]. October: users 0..10239 (some twice); others outside it. */
function forumVisits(): Array<[number, string]> {
  const visits: Array<[number, string]> = [];
  for (let u = 0; u < 10_240; u++) visits.push([u, `2026-10-${String((u % 31) + 1).padStart(2, '0')}`]);
  for (let u = 0; u < 500; u++) visits.push([u, '2026-10-31']); // a second visit counts once
  for (let u = 20_000; u < 20_150; u++) visits.push([u, '2026-09-30']);
  for (let u = 30_000; u < 30_150; u++) visits.push([u, '2026-11-01']);
  return visits;
}

const CC = ['Community contribution'];
const FORUM_VISITS = forumVisits();

function gitlabData(bulk?: DemoBulk): FakeGitlabData {
  const data: FakeGitlabData = {
    groups: ['gitlab-org', 'gitlab-org/sub', 'gitlab-com', 'gitlab-com/marketing'],
    users: [
      { id: 1, username: 'alice', name: 'Alice | <b>Admin</b>' },
      { id: 2, username: 'bob', name: 'Bob {{< shortcode >}}' },
      { id: 3, username: 'carol', name: 'Carol `rm -rf`' },
      { id: 4, username: 'dave', name: 'Dave' },
      { id: 5, username: 'project_278964_bot_3f6e2a1b', name: 'Renovate token', bot: true },
      { id: 6, username: 'gitlab-bot-legacy', name: 'Legacy bot account' },
      { id: 7, username: 'erin', name: 'Erin' },
      { id: 8, username: 'frank', name: 'Frank' },
      { id: 9, username: 'gina', name: 'Gina' },
    ],
    mergeRequests: [
      { id: 100, iid: 1, project: 'gitlab-org/gitlab', authorId: 1, state: 'merged', labels: CC, mergedAt: '2026-09-15T10:00:00Z' },
      { id: 101, iid: 2, project: 'gitlab-org/gitlab', authorId: 1, state: 'merged', labels: CC, mergedAt: '2026-10-01T00:00:00Z', createdAt: '2026-09-29T00:00:00Z', milestone: '17.5', notes: [{ authorId: 4, createdAt: '2026-09-29T04:00:00Z' }] },
      { id: 102, iid: 1, project: 'gitlab-org/sub/tool', authorId: 2, state: 'merged', labels: CC, mergedAt: '2026-10-05T12:00:00Z', createdAt: '2026-09-30T12:00:00Z', notes: [{ authorId: 1, createdAt: '2026-09-30T20:00:00Z' }] },
      { id: 103, iid: 3, project: 'gitlab-org/gitlab', authorId: 2, state: 'merged', labels: CC, mergedAt: '2026-10-06T12:00:00Z', createdAt: '2026-10-01T12:00:00Z', milestone: '17.5', notes: [{ authorId: 2, createdAt: '2026-10-01T13:00:00Z' }] },
      { id: 104, iid: 1, project: 'gitlab-com/www', authorId: 3, state: 'merged', labels: CC, mergedAt: '2026-10-10T12:00:00Z' },
      { id: 105, iid: 4, project: 'gitlab-org/gitlab', authorId: 5, state: 'merged', labels: CC, mergedAt: '2026-10-12T12:00:00Z', milestone: '17.5' },
      { id: 106, iid: 2, project: 'gitlab-com/www', authorId: 6, state: 'merged', labels: CC, mergedAt: '2026-10-13T12:00:00Z' },
      { id: 107, iid: 5, project: 'gitlab-org/gitlab', authorId: 4, state: 'merged', labels: ['bug'], mergedAt: '2026-10-20T12:00:00Z' },
      { id: 108, iid: 6, project: 'gitlab-org/gitlab', authorId: 7, state: 'merged', labels: CC, mergedAt: '2026-10-31T23:59:59Z', createdAt: '2026-10-21T23:59:59Z', notes: [{ authorId: 3, createdAt: '2026-10-22T11:59:59Z' }] },
      { id: 109, iid: 7, project: 'gitlab-org/gitlab', authorId: 7, state: 'merged', labels: CC, mergedAt: '2026-11-01T00:00:00Z' },
      { id: 110, iid: 8, project: 'gitlab-org/gitlab', authorId: 4, state: 'opened', labels: CC, createdAt: '2026-10-11T00:00:00Z' },
      { id: 111, iid: 9, project: 'gitlab-org/gitlab', authorId: 1, state: 'opened', labels: CC, createdAt: '2026-10-25T00:00:00Z' },
      { id: 112, iid: 10, project: 'gitlab-org/gitlab', authorId: 8, state: 'merged', labels: CC, mergedAt: '2026-07-10T12:00:00Z' },
      { id: 113, iid: 11, project: 'gitlab-org/gitlab', authorId: 9, state: 'merged', labels: CC, mergedAt: '2026-07-20T12:00:00Z' },
      { id: 114, iid: 12, project: 'gitlab-org/gitlab', authorId: 8, state: 'merged', labels: CC, mergedAt: '2026-09-20T12:00:00Z' },
    ],
    milestones: [
      { id: 1, title: '17.4', group: 'gitlab-org', dueDate: '2026-09-17', state: 'closed' },
      { id: 2, title: '17.5', group: 'gitlab-org', dueDate: '2026-10-15' },
      { id: 3, title: '17.6', group: 'gitlab-org', dueDate: '2026-11-19' },
    ],
    issues: [
      { id: 1, iid: 1, project: 'gitlab-com/marketing/meetups', title: 'GitLab Meetup Berlin', labels: ['Meetups'], state: 'closed', createdAt: '2026-09-01T09:00:00Z', closedAt: '2026-10-04T09:00:00Z', dueDate: '2026-10-03' },
      { id: 2, iid: 2, project: 'gitlab-com/marketing/meetups', title: 'GitLab Meetup Lagos', labels: ['Meetups'], state: 'opened', createdAt: '2026-09-12T09:00:00Z', dueDate: '2026-10-24' },
      { id: 3, iid: 3, project: 'gitlab-com/marketing/meetups', title: 'GitLab Meetup São Paulo', labels: ['Meetups'], state: 'opened', createdAt: '2026-10-02T09:00:00Z', dueDate: '2026-11-07' },
      { id: 4, iid: 4, project: 'gitlab-com/marketing/meetups', title: 'CI/CD webinar', labels: ['Webinar'], state: 'opened', createdAt: '2026-10-02T09:00:00Z', dueDate: '2026-10-14' },
    ],
    tokens: [{ value: GITLAB_TOKEN, scopes: ['read_api'] }],
  };
  const emails: Record<string, string> = { ...HAND_PUBLIC_EMAILS, ...(bulk ? bulkPublicEmails(bulk) : {}) };
  const withEmail = <U extends { username: string }>(u: U): U => (emails[u.username] ? { ...u, publicEmail: emails[u.username] } : u);
  data.users = data.users.map(withEmail);
  if (!bulk) return data;
  return { ...data, users: [...data.users.map((u) => ({ ...u, name: bulk.renames[u.username] ?? u.name })), ...bulk.users.map(withEmail)], mergeRequests: [...data.mergeRequests, ...bulk.mergeRequests], issues: [...(data.issues ?? []), ...bulk.issues] };
}

const ga4Events: PageViewEvent[] = [
  { date: '2026-10-03', path: '/blog/2026/10/release', userId: 'u1', views: 250000 },
  { date: '2026-10-20', path: '/blog/how-we-work', userId: 'u2', views: 150000 },
  { date: '2026-10-21', path: '/docs/install', userId: 'u3', views: 99999 },
  { date: '2026-11-01', path: '/blog/next-month', userId: 'u4', views: 77777 },
];

const signUp = (date: string, landingPage: string, count: number, firstUserSourceMedium = '(direct) / (none)', firstUserCampaign = '(direct)'): KeyEventRecord => ({ date, name: 'sign_up', landingPage, firstUserSourceMedium, firstUserCampaign, count });
const ga4KeyEvents: KeyEventRecord[] = [
  signUp('2026-10-03', '/blog/2026/10/release', 612, 'google / organic'),
  signUp('2026-10-12', '/pricing', 214, 'youtube / video'),
  signUp('2026-10-19', '/', 131, 'newsletter / email', 'devrel-heroes'),
  signUp('2026-10-22', '/blog/how-we-work', 57, 'youtube / video'),
  signUp('2026-10-25', '/pricing', 4020),
  signUp('2026-11-01', '/blog/next-month', 99),
];

const plausibleEvents: PlausibleEvent[] = [
  { date: '2026-10-02', path: '/community/heroes/', visitorId: 'v1', views: 120000 },
  { date: '2026-10-09', path: '/developer-relations/', visitorId: 'v2', views: 90000 },
  { date: '2026-10-30', path: '/events/meetups/', visitorId: 'v3', views: 60000 },
  { date: '2026-10-15', path: '/blog/not-devrel/', visitorId: 'v4', views: 5555 },
];

const HEROES_ACTIVITIES = `# GitLab Heroes activity log
- { date: 2026-10-02, type: talk, hero: alice, title: "CI/CD at scale" }
- { date: 2026-10-15, type: talk, hero: bob, title: "Runners" }
- { date: 2026-10-31, type: talk, hero: carol, title: "Halloween pipelines" }
- { date: 2026-11-01, type: talk, hero: dave, title: "Too late for October" }
- { date: 2026-10-07, type: blog_post, hero: erin, title: "First MR" }
- { date: 2026-10-22, type: blog_post, hero: alice, title: "Review tips" }
- { date: 2026-09-30, type: blog_post, hero: bob, title: "September" }
`;

/**
 * First-time contributors per month ("YYYY-MM") in the world's GitLab records, counted as the
 * example goals count them: gitlab-org, the community label, merged, bots left out, each author in
 * the month of their earliest such MR. The sample history uses these for the months the retention
 * detail shows, so the page never says "41 first-timers" and "no first-timers" of one month.
 */
export function firstTimersByMonth(bulk?: DemoBulk): Record<string, number> {
  const data = gitlabData(bulk);
  const users = new Map(data.users.map((u) => [u.id, u]));
  const earliest = new Map<number, string>();
  for (const mr of data.mergeRequests) {
    const author = users.get(mr.authorId);
    if (mr.state !== 'merged' || !mr.mergedAt || !mr.project.startsWith('gitlab-org/') || !CC.every((l) => mr.labels.includes(l))) continue;
    if (!author || isBot({ username: author.username, bot: author.bot ?? false })) continue;
    const seen = earliest.get(author.id);
    if (seen === undefined || mr.mergedAt < seen) earliest.set(author.id, mr.mergedAt);
  }
  const out: Record<string, number> = {};
  for (const at of earliest.values()) out[at.slice(0, 7)] = (out[at.slice(0, 7)] ?? 0) + 1;
  return out;
}

export interface World {
  /** msw handlers for every API, per API so one can be left out (killed). */
  handlers: Record<ApiName, RequestHandler[]>;
  /** Credentials for the env vars examples/goals.yml names. */
  env: Record<string, string>;
  /** Every credential value, to assert none is ever printed. */
  secrets: string[];
  /** examples/goals.yml with every source pointed at the fakes. */
  goalsYaml: string;
}

export interface WorldOptions {
  /** Generated records at a real team's scale, added to the hand-counted ones (the demo's world). */
  bulk?: DemoBulk;
}

export function buildWorld(urls: WorldUrls, now: () => Date = () => new Date(), options: WorldOptions = {}): World {
  const gitlab = createFakeGitlab(gitlabData(options.bulk), { now });

  const forum = discourseFake({
    url: urls.forum,
    apiKey: DISCOURSE_KEY,
    reports: {
      dau_by_mau: [
        { x: '2026-10-30', y: 12 },
        { x: '2026-10-31', y: 12.5 },
      ],
      time_to_first_response: [
        { x: '2026-10-01', y: 10 },
        { x: '2026-10-15', y: 20 },
        { x: '2026-10-31', y: 30 },
      ],
    },
    visits: [
      { x: '2026-10-30', y: 1100 },
      { x: '2026-10-31', y: 1250 },
    ],
    explorerQueries: {
      // The SQL in src/sources/discourse/README.md: COUNT(DISTINCT user_id) of user_visits in the range.
      42: {
        params: { start_date: 'date', end_date: 'date' },
        run: ({ start_date: from = '', end_date: to = '' }) => {
          // GROUP BY month: one row per month with visits, distinct users within each month.
          const byMonth = new Map<string, Set<number>>();
          for (const [user, day] of FORUM_VISITS) {
            if (day < from || day > to) continue;
            const users = byMonth.get(day.slice(0, 7)) ?? new Set<number>();
            users.add(user);
            byMonth.set(day.slice(0, 7), users);
          }
          return { columns: ['month', 'monthly_active_users'], rows: [...byMonth.entries()].sort().map(([m, users]) => [m, users.size]) };
        },
      },
    },
  });

  const tokenUrl = `${urls.google}/token`;
  const ga4Api = `${urls.google}/ga4`;
  const oauth = googleOAuthFake({ tokenUrl, serviceAccounts: [{ clientEmail: SA_EMAIL, publicKey }], now });
  const ga4 = ga4Fake({ apiUrl: ga4Api, property: '123456789', viewers: [SA_EMAIL], oauth, events: ga4Events, keyEvents: ga4KeyEvents });
  const yt = youtubeFake({ months: { '2026-10': { views: 612345, subscribersGained: 1200, estimatedMinutesWatched: 2_000_000 } }, now });
  const ytUrls = youtubeFakeUrls(`${urls.google}/yt`);

  const plausible = plausibleFake({ url: urls.plausible, siteId: 'about.gitlab.com', keys: [PLAUSIBLE_KEY], events: plausibleEvents });

  const files = gitlabRepoFake({
    projects: {
      'gitlab-com/marketing/community-relations/heroes': { id: 4242, visibility: 'private', branches: { main: { 'data/activities.yml': HEROES_ACTIVITIES + (options.bulk?.heroesEntries ?? '') } } },
      [ORGANISATIONS_PROJECT]: { id: 4343, visibility: 'private', branches: { main: { [ORGANISATIONS_FILE]: HAND_ORGANISATIONS + (options.bulk ? bulkOrganisationEntries(options.bulk) : '') } } },
    },
    tokens: [GITLAB_TOKEN],
    now,
  });

  const credentials = JSON.stringify({
    type: 'service_account',
    project_id: 'devrel-pulse',
    private_key_id: 'k1',
    private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    client_email: SA_EMAIL,
    token_uri: tokenUrl,
  });
  const env = {
    PULSE_GITLAB_TOKEN: GITLAB_TOKEN,
    PULSE_DISCOURSE_KEY: DISCOURSE_KEY,
    PULSE_GA4_CREDENTIALS: credentials,
    PULSE_PLAUSIBLE_KEY: PLAUSIBLE_KEY,
    PULSE_YOUTUBE_CLIENT_ID: yt.oauth.clientId,
    PULSE_YOUTUBE_CLIENT_SECRET: yt.oauth.clientSecret,
    PULSE_YOUTUBE_REFRESH_TOKEN: yt.oauth.refreshToken,
  };

  const doc = parseDocument(readFileSync(new URL('../examples/goals.yml', import.meta.url), 'utf8'));
  doc.setIn(['sources', 'gitlab', 'url'], urls.gitlab);
  doc.setIn(['sources', 'forum', 'url'], urls.forum);
  doc.setIn(['sources', 'web', 'api_url'], ga4Api);
  doc.setIn(['sources', 'web', 'token_url'], tokenUrl);
  doc.setIn(['sources', 'docs-analytics', 'url'], urls.plausible);
  doc.setIn(['sources', 'youtube', 'analytics_url'], ytUrls.analyticsUrl);
  doc.setIn(['sources', 'youtube', 'data_url'], ytUrls.dataUrl);
  doc.setIn(['sources', 'youtube', 'token_url'], ytUrls.tokenUrl);
  doc.setIn(['sources', 'heroes', 'url'], urls.files);
  doc.setIn(['sources', 'gitlab', 'organisations', 'url'], urls.files);
  // The YouTube fake runs its own token endpoint; GA4's is the shared one above.
  const googleHandlers = [...oauth.handlers, ...ga4.handlers, ...youtubeHandlers(ytUrls, yt)];

  return {
    handlers: {
      gitlab: gitlab.handlers(urls.gitlab),
      forum: forum.handlers,
      google: googleHandlers,
      plausible: plausible.handlers,
      files: gitlabRepoHandlers(urls.files, files),
    },
    env,
    secrets: [GITLAB_TOKEN, DISCOURSE_KEY, PLAUSIBLE_KEY, yt.oauth.clientSecret, yt.oauth.refreshToken, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString().split('\n')[1] ?? ''],
    goalsYaml: doc.toString(),
  };
}
