// Requests to the GitHub REST API (github.com or GitHub Enterprise Server): issue search with the
// 1,000-result cap split away, and paged lists (stargazers with starred_at, forks, an
// organisation's repositories, comments and reviews). Link-header paging and the rate-limit
// headers are the HTTP client's (src/http: paginate, x-ratelimit-*, 403/429 throttling).
import { PulseError } from '../../errors.ts';
import { reportFix } from '../../errors/report.ts';
import { paginate, RUNAWAY_PAGES } from '../../http/paginate.ts';
import type { HttpRequest } from '../../http/types.ts';
import type { SourceContext } from '../types.ts';
import type { GithubConfig } from './config.ts';
import { anyObjectSchema, commentsSchema, forksSchema, reposSchema, searchSchema, stargazersSchema, type Comments, type Search, type SearchItem } from './responses.ts';

/** "the GitHub REST API provides up to 1,000 results for each search" (REST search docs, § About search). */
export const SEARCH_CAP = 1000;
const PER_PAGE = 100;

/** The rel="last" target of a Link header (GitHub's paging names first, prev, next and last). */
export function lastLink(header: string | null, base: URL): URL | undefined {
  for (const part of (header ?? '').split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>\s*;\s*rel="?last"?\s*$/.exec(part);
    if (match) {
      const url = URL.parse(match[1] ?? '', base);
      // Same origin only: the token never travels elsewhere.
      return url && url.origin === base.origin ? url : undefined;
    }
  }
  return undefined;
}

/** github.com's API is api.github.com; a GitHub Enterprise Server's is https://HOST/api/v3. */
export function apiBase(config: GithubConfig): string {
  if (config.api_url) return config.api_url.replace(/\/+$/, '');
  const url = new URL(config.url);
  if (url.hostname === 'github.com' || url.hostname === 'www.github.com') return 'https://api.github.com';
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}/api/v3`;
}

/** The search qualifiers that say which repositories count: `org:acme` or `repo:a/b repo:c/d` (OR-ed). */
export function scopeQualifiers(config: GithubConfig): string {
  if (config.org !== undefined) return `org:${config.org}`;
  return (config.repos ?? []).map((r) => `repo:${r}`).join(' ');
}

/** A search date range, both ends inclusive, in UTC to the second. */
export function searchRange(from: Date, toExclusive: Date): string {
  const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return `${iso(from)}..${iso(new Date(toExclusive.getTime() - 1000))}`;
}

export interface GithubApi {
  readonly base: string;
  /** Every item of an issue search over [from, to), split into smaller ranges while one passes the 1,000 cap. */
  searchAll(terms: string, field: 'merged' | 'created' | 'closed', from: Date, to: Date): Promise<SearchItem[]>;
  /** total_count of a search (one request, no items read). */
  searchCount(q: string): Promise<number>;
  /**
   * `starred_at` of the stargazers since `since`: the list is oldest first, so page 1 names the
   * last page (Link rel="last") and the pages are read from there backwards until one starts before `since`.
   */
  stargazersSince(repo: string, since: Date): Promise<string[]>;
  /** Forks of a repository created at or after `since`, newest first (stops at the first older one). */
  forksSince(repo: string, since: Date): Promise<string[]>;
  /** The repositories counted: the list, or every repository of the organisation. */
  repositories(): Promise<string[]>;
  /** Comments of an issue or pull request, and reviews of a pull request (first 100 each, oldest first). */
  responses(repo: string, number: number, isPr: boolean): Promise<Comments>;
  /** The scopes of a classic token (`x-oauth-scopes`); undefined for fine-grained tokens and apps. */
  user(): Promise<string | undefined>;
  /** Fails unless the organisation or each repository is visible to the token. */
  reachable(): Promise<void>;
}

export function githubApi(ctx: SourceContext, name: string, config: GithubConfig): GithubApi {
  const base = apiBase(config);
  // Serial requests, ~80 a minute: below the 5,000 an hour of a token and GitHub's advice to avoid
  // concurrent requests; the search API's 30 a minute is kept by its x-ratelimit-* answers.
  ctx.http.setBudget(new URL(base).host, { concurrency: 1, requestsPerMinute: 80 });
  const headers = (accept = 'application/vnd.github+json'): Record<string, string> => ({
    Authorization: `Bearer ${ctx.secret(config.token_env)}`,
    Accept: accept,
    'X-GitHub-Api-Version': '2022-11-28',
  });
  const authHint = `${config.token_env} must hold a valid GitHub token of ${new URL(config.url).host} that can read ${config.org !== undefined ? `the organisation ${config.org}` : 'these repositories'} (classic: public_repo, or repo for private ones; fine-grained: Metadata, Issues and Pull requests read). A 403 also comes from an organisation that restricts tokens (SAML SSO: authorise the token for the organisation).`;
  const request = <T>(req: Omit<HttpRequest<T>, 'authHint' | 'headers'> & { accept?: string }): HttpRequest<T> => {
    const { accept, ...rest } = req;
    return { ...rest, headers: headers(accept), authHint };
  };

  const searchRequest = (q: string, perPage: number): HttpRequest<Search> =>
    request({
      url: `${base}/search/issues`,
      query: { q, per_page: perPage },
      schema: searchSchema,
      what: `GitHub search "${q}"`,
      notFoundHint: `Check sources.${name}.url / api_url (${base}): the search API lives at /search/issues.`,
      // A search that timed out answers 200 with incomplete_results: asking again is the remedy.
      bodyProblem: (body) => (typeof body === 'object' && body !== null && 'incomplete_results' in body && body.incomplete_results === true ? { kind: 'transient', message: 'GitHub search timed out (incomplete_results)' } : undefined),
    });

  async function searchAll(terms: string, field: 'merged' | 'created' | 'closed', from: Date, to: Date): Promise<SearchItem[]> {
    const q = `${terms} ${field}:${searchRange(from, to)}`;
    const items: SearchItem[] = [];
    let first = true;
    for await (const res of paginate(ctx.http, searchRequest(q, PER_PAGE))) {
      if (first && res.data.total_count > SEARCH_CAP) {
        const span = to.getTime() - from.getTime();
        if (span <= 2000) throw new PulseError('EQUERY', `GitHub search "${q}": more than ${SEARCH_CAP} results within one second, which the search API cannot list`, 'Count fewer repositories per source (split the organisation into lists of repos).');
        // Halves on whole seconds, each asked again until it is under the cap.
        const middle = new Date(from.getTime() + Math.floor(span / 2000) * 1000);
        return [...(await searchAll(terms, field, from, middle)), ...(await searchAll(terms, field, middle, to))];
      }
      first = false;
      items.push(...res.data.items);
    }
    return items;
  }

  async function listAll<T>(req: HttpRequest<T[]>, stop?: (page: T[]) => boolean): Promise<T[]> {
    const rows: T[] = [];
    for await (const res of paginate(ctx.http, req)) {
      rows.push(...res.data);
      if (stop?.(res.data)) break;
    }
    return rows;
  }

  const orgHint = (org: string) => `GitHub knows no organisation "${org}" on ${new URL(config.url).host} (sources.${name}.org).`;
  const repoHint = (repo: string) => `GitHub answers 404 for a repository that does not exist and for a private one the token cannot see: check "${repo}" in sources.${name} and that ${config.token_env} can read it.`;

  return {
    base,
    searchAll,
    async searchCount(q) {
      return (await ctx.http.request(searchRequest(q, 1))).data.total_count;
    },
    async stargazersSince(repo, since) {
      const sinceIso = since.toISOString();
      const page = (n: number) =>
        ctx.http.request(
          request({ url: `${base}/repos/${repo}/stargazers`, query: { per_page: PER_PAGE, page: n }, accept: 'application/vnd.github.star+json', schema: stargazersSchema, what: `GitHub stargazers of ${repo} (page ${n})`, notFoundHint: repoHint(repo) }),
        );
      const first = await page(1);
      const lastUrl = lastLink(first.headers.get('link'), new URL(first.url));
      const lastPage = lastUrl ? Number(lastUrl.searchParams.get('page') ?? '1') : 1;
      if (!Number.isInteger(lastPage) || lastPage < 1 || lastPage > RUNAWAY_PAGES) throw new PulseError('EBADRESPONSE', `GitHub stargazers of ${repo}: the last page announced (${String(lastUrl?.searchParams.get('page'))}) is not a page number`, reportFix());
      const starred: string[] = first.data.map((r) => r.starred_at);
      for (let n = lastPage; n > 1; n--) {
        const rows = (await page(n)).data.map((r) => r.starred_at);
        starred.push(...rows);
        if ((rows[0] ?? '') < sinceIso) break;
      }
      return starred;
    },
    async forksSince(repo, since) {
      const sinceIso = since.toISOString();
      const rows = await listAll(request({ url: `${base}/repos/${repo}/forks`, query: { sort: 'newest', per_page: PER_PAGE }, schema: forksSchema, what: `GitHub forks of ${repo}`, notFoundHint: repoHint(repo) }), (page) =>
        page.some((f) => f.created_at < sinceIso),
      );
      return rows.map((f) => f.created_at);
    },
    async repositories() {
      if (config.repos) return config.repos;
      const org = config.org ?? '';
      const rows = await listAll(
        request({
          url: `${base}/orgs/${org}/repos`,
          query: { type: 'all', per_page: PER_PAGE },
          schema: reposSchema,
          what: `GitHub repositories of ${org}`,
          notFoundHint: orgHint(org),
        }),
      );
      return rows.map((r) => r.full_name);
    },
    async responses(repo, number, isPr) {
      const comments = await ctx.http.request(request({ url: `${base}/repos/${repo}/issues/${number}/comments`, query: { per_page: PER_PAGE }, schema: commentsSchema, what: `GitHub comments of ${repo}#${number}`, notFoundHint: repoHint(repo) }));
      if (!isPr) return comments.data;
      const reviews = await ctx.http.request(request({ url: `${base}/repos/${repo}/pulls/${number}/reviews`, query: { per_page: PER_PAGE }, schema: commentsSchema, what: `GitHub reviews of ${repo}#${number}`, notFoundHint: repoHint(repo) }));
      return [...comments.data, ...reviews.data];
    },
    async user() {
      const res = await ctx.http.request(request({ url: `${base}/user`, schema: anyObjectSchema, what: 'GitHub token check (GET /user)', notFoundHint: `Check sources.${name}.url / api_url (${base}): GET /user should exist on every GitHub API.` }));
      return res.headers.get('x-oauth-scopes') ?? undefined;
    },
    async reachable() {
      if (config.org !== undefined) {
        await ctx.http.request(request({ url: `${base}/orgs/${config.org}`, schema: anyObjectSchema, what: `GitHub organisation ${config.org}`, notFoundHint: orgHint(config.org) }));
        return;
      }
      for (const repo of config.repos ?? []) await ctx.http.request(request({ url: `${base}/repos/${repo}`, schema: anyObjectSchema, what: `GitHub repository ${repo}`, notFoundHint: repoHint(repo) }));
    },
  };
}
