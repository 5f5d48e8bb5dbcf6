// GitHub (github.com or Enterprise Server): merged pull requests and their human authors, first-time
// contributors, stars and forks gained, issues opened and closed, and time to first response, over
// an organisation or a list of repositories. Pull requests and issues come from the search API (a
// range over the 1,000-result cap is split); stars and forks from the repositories' lists.
import type { Period } from '../../periods/periods.ts';
import { defineSource, type ContributorDetail, type MetricOutcome } from '../types.ts';
import { githubApi, scopeQualifiers, searchRange, type GithubApi } from './api.ts';
import { githubConfigSchema, githubKinds, githubQuerySchema, type GithubConfig, type GithubQuery } from './config.ts';
import type { SearchItem, User } from './responses.ts';

/** Items whose responses are read for time_to_first_response (1–2 requests each): the oldest this many. */
export const RESPONSE_SAMPLE = 200;

/** What GitHub allows in a login: letters, digits and dashes (at most 39). */
const GITHUB_LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;

export function isBot(user: User | null, extraBots: readonly string[]): boolean {
  if (user === null) return true; // a deleted account ("ghost") is nobody to count
  const login = user.login.toLowerCase();
  return user.type === 'Bot' || login.endsWith('[bot]') || extraBots.some((b) => b.replace(/^@/, '').toLowerCase() === login);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

const repoOf = (item: SearchItem) => item.repository_url.replace(/^.*\/repos\//, '');
const within = (iso: string, period: Period) => {
  const t = Date.parse(iso);
  return t >= period.start.getTime() && t < period.end.getTime();
};

function collector(api: GithubApi, config: GithubConfig, log: { info(line: string): void }) {
  const scope = scopeQualifiers(config);
  const memo = new Map<string, Promise<unknown>>();
  const once = <T>(key: string, make: () => Promise<T>): Promise<T> => {
    let p = memo.get(key) as Promise<T> | undefined;
    if (!p) {
      p = make();
      memo.set(key, p);
    }
    return p;
  };
  const span = (p: Period) => searchRange(p.start, p.end);
  const humanMerged = (p: Period) => once(`merged ${span(p)}`, async () => (await api.searchAll(`is:pr is:merged ${scope}`, 'merged', p.start, p.end)).filter((i) => !isBot(i.user, config.bots)));
  const repos = () => once('repos', () => api.repositories());
  /** The earliest month a run asks for: one listing per repository (newest back to it) answers them all. */
  let earliest: Date | undefined;
  const stargazers = (repo: string, since: Date) => once(`stars ${repo} ${since.toISOString()}`, () => api.stargazersSince(repo, since));
  const forks = (repo: string, since: Date) => once(`forks ${repo} ${since.toISOString()}`, () => api.forksSince(repo, since));

  function authors(items: SearchItem[]): ContributorDetail[] {
    const byLogin = new Map<string, ContributorDetail>();
    for (const item of items) {
      const user = item.user;
      if (!user) continue;
      const known = byLogin.get(user.login.toLowerCase());
      if (known) known.count++;
      else byLogin.set(user.login.toLowerCase(), { username: user.login, name: user.login, count: 1, webUrl: user.html_url ?? '' });
    }
    return [...byLogin.values()].sort((a, b) => b.count - a.count || a.username.localeCompare(b.username));
  }

  /** Months a backfill asks first_time_contributors for: an author merged in an earlier one is not new. */
  const runMonths: Period[] = [];

  async function seenBefore(period: Period): Promise<Set<string>> {
    const seen = new Set<string>();
    for (const earlier of runMonths.filter((p) => p.end.getTime() <= period.start.getTime())) {
      for (const item of await humanMerged(earlier)) if (item.user) seen.add(item.user.login.toLowerCase());
    }
    return seen;
  }

  async function firstTimers(period: Period): Promise<MetricOutcome> {
    const people = authors(await humanMerged(period));
    // Known from the run's own earlier months: no search needed to tell they are not new.
    const seen = await seenBefore(period);
    const before = period.start.toISOString().replace(/\.\d{3}Z$/, 'Z');
    const first: ContributorDetail[] = [];
    for (const person of people) {
      // A login GitHub would not issue (spaces, quotes, colons) would inject search terms: not asked.
      if (!GITHUB_LOGIN.test(person.username)) {
        log.info(`GitHub first_time_contributors ${period.label}: skipped an author whose login is not a GitHub login (${JSON.stringify(person.username.slice(0, 40))})`);
        continue;
      }
      if (seen.has(person.username.toLowerCase())) continue;
      const earlier = await api.searchCount(`is:pr is:merged author:${person.username} ${scope} merged:<${before}`);
      if (earlier === 0) first.push({ ...person, firstTime: true });
    }
    return { value: first.length, status: 'ok', contributors: first };
  }

  async function firstResponse(period: Period): Promise<MetricOutcome> {
    const opened = [...(await api.searchAll(`is:issue ${scope}`, 'created', period.start, period.end)), ...(await api.searchAll(`is:pr ${scope}`, 'created', period.start, period.end))]
      .filter((i) => !isBot(i.user, config.bots))
      .sort((a, b) => a.created_at.localeCompare(b.created_at));
    const sample = opened.slice(0, RESPONSE_SAMPLE);
    const hours: number[] = [];
    for (const item of sample) {
      const author = item.user?.login.toLowerCase();
      const answers = await api.responses(repoOf(item), item.number, item.pull_request !== undefined);
      const times = answers
        .filter((a) => a.user !== null && a.user.login.toLowerCase() !== author && !isBot(a.user, config.bots))
        .map((a) => a.submitted_at ?? a.created_at)
        .filter((t): t is string => typeof t === 'string')
        .map((t) => Date.parse(t));
      if (times.length > 0) hours.push((Math.min(...times) - Date.parse(item.created_at)) / 3_600_000);
    }
    if (hours.length === 0) return { value: null, status: 'unavailable', unit: 'hours', reason: `no issue or pull request opened in ${period.label} has a response from someone else yet` };
    const sampled = opened.length > sample.length;
    if (sampled) log.info(`GitHub time_to_first_response ${period.label}: read the first ${sample.length} of ${opened.length} issues and pull requests`);
    return {
      value: Math.round(median(hours) * 100) / 100,
      status: 'ok',
      unit: 'hours',
      note: `Median over ${hours.length} of ${sample.length} issues and pull requests with a response${sampled ? ` (the first ${sample.length} opened of ${opened.length})` : ''}.`,
      ...(sampled ? { estimate: true } : {}),
    };
  }

  return {
    prefetch({ query }: { query: GithubQuery }, periods: readonly Period[]) {
      if (query.kind === 'first_time_contributors') for (const p of periods) if (!runMonths.some((m) => m.label === p.label)) runMonths.push(p);
      if (query.kind !== 'forks' && query.kind !== 'stars') return;
      for (const p of periods) if (earliest === undefined || p.start < earliest) earliest = p.start;
    },
    async collect({ query }: { query: GithubQuery }, period: Period): Promise<MetricOutcome> {
      switch (query.kind) {
        case 'merged_prs':
          return { value: (await humanMerged(period)).length, status: 'ok' };
        case 'pr_authors': {
          const people = authors(await humanMerged(period));
          return { value: people.length, status: 'ok', contributors: people };
        }
        case 'first_time_contributors':
          return firstTimers(period);
        case 'stars': {
          const since = earliest !== undefined && earliest < period.start ? earliest : period.start;
          let n = 0;
          for (const repo of await repos()) n += (await stargazers(repo, since)).filter((at) => within(at, period)).length;
          return { value: n, status: 'ok' };
        }
        case 'forks': {
          const since = earliest !== undefined && earliest < period.start ? earliest : period.start;
          let n = 0;
          for (const repo of await repos()) n += (await forks(repo, since)).filter((created) => within(created, period)).length;
          return { value: n, status: 'ok' };
        }
        case 'issues_opened':
          return { value: await api.searchCount(`is:issue ${scope} created:${span(period)}`), status: 'ok' };
        case 'issues_closed':
          return { value: await api.searchCount(`is:issue ${scope} closed:${span(period)}`), status: 'ok' };
        case 'time_to_first_response':
          return firstResponse(period);
      }
    },
  };
}

export const githubSource = defineSource({
  type: 'github',
  summary: 'GitHub or GitHub Enterprise Server: merged PRs and their human authors, first-time contributors, stars and forks gained, issues opened and closed, time to first response.',
  configSchema: githubConfigSchema,
  querySchema: githubQuerySchema,
  kinds: githubKinds,
  connectionSettings: ['api_url'],
  createCollector: (ctx, name, config) => collector(githubApi(ctx, name, config), config, ctx.log),
  // GET /user proves the token; the organisation or each repository must be visible to it.
  verify: async (ctx, name, config) => {
    const api = githubApi(ctx, name, config);
    const scopes = await api.user();
    // Classic tokens list their scopes in x-oauth-scopes; fine-grained and app tokens send none, so
    // for them reaching the organisation or repositories below is the whole check.
    if (scopes === undefined) ctx.log.info(`GitHub token of sources.${name}: fine-grained or app token (GitHub does not send its permissions), so only reaching the repositories is checked`);
    else if (!scopes.split(',').some((s) => s.trim() === 'repo')) ctx.log.info(`GitHub token of sources.${name}: classic token without the repo scope (has: ${scopes.trim() || 'none'}), so private repositories are not visible to it`);
    await api.reachable();
  },
});
