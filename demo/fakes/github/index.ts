// The GitHub REST API (github.com at https://api.github.com, or a GitHub Enterprise Server at
// https://HOST/api/v3) for the endpoints the github source reads, as GitHub's REST reference
// describes them; README.md beside this file cites each behaviour.
import { http, HttpResponse, type RequestHandler } from 'msw';

export interface GhUser {
  login: string;
  type?: 'User' | 'Bot' | 'Organization';
}

export interface GhIssue {
  repo: string;
  number: number;
  title: string;
  /** null: a deleted account (GitHub shows "ghost"). */
  user: GhUser | null;
  created_at: string;
  closed_at?: string;
  /** Set on merged pull requests. */
  merged_at?: string;
  pr?: boolean;
  comments?: Array<{ user: GhUser; created_at: string }>;
  reviews?: Array<{ user: GhUser; submitted_at: string }>;
}

export interface GhRepo {
  full_name: string;
  stargazers?: Array<{ user: GhUser; starred_at: string }>;
  forks?: Array<{ full_name: string; created_at: string }>;
}

export interface GithubFakeOptions {
  /** https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise Server. */
  apiBase: string;
  /** Tokens the fake accepts; `scopes` set = a classic token (x-oauth-scopes), unset = fine-grained. */
  tokens: Array<{ token: string; scopes?: string }>;
  orgs: string[];
  repos: GhRepo[];
  issues: GhIssue[];
  /** Epoch ms "now" for x-ratelimit-reset (default Date.now). */
  now?: () => number;
}

export type GithubFailure = 'primary_403' | 'primary_429' | 'secondary' | 'secondary_retry_after' | 'server_error' | 'incomplete_results';

export interface GithubFake {
  handlers: RequestHandler[];
  failNext(...failures: GithubFailure[]): void;
  /** Every request: path and query ("/search/issues?q=…&per_page=100"). */
  asked: string[];
  /** The search queries asked (q), in order. */
  searches: string[];
}

const DOCS = 'https://docs.github.com/rest';
const SEARCH_CAP = 1000;

type Json = Record<string, unknown>;

function userJson(base: string, u: GhUser | null): Json | null {
  if (u === null) return null;
  const web = base === 'https://api.github.com' ? 'https://github.com' : base.replace(/\/api\/v3$/, '');
  return { login: u.login, id: 1, type: u.type ?? 'User', html_url: `${web}/${encodeURIComponent(u.login)}` };
}

/** A search qualifier's date range: `A..B` (inclusive), `<A`, `>=A`…; dates or ISO times. */
function inRange(value: string | undefined, range: string): boolean {
  if (value === undefined) return false;
  const t = Date.parse(value);
  const at = (s: string, end: boolean) => Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T${end ? '23:59:59' : '00:00:00'}Z` : s);
  const m = /^(<=|>=|<|>)(.+)$/.exec(range);
  if (m) {
    const [, op, s = ''] = m;
    if (op === '<') return t < at(s, false);
    if (op === '<=') return t <= at(s, true);
    if (op === '>') return t > at(s, true);
    return t >= at(s, false);
  }
  const [a = '', b = ''] = range.split('..');
  return t >= at(a, false) && t <= at(b, true);
}

export function githubFake(options: GithubFakeOptions): GithubFake {
  const base = options.apiBase.replace(/\/+$/, '');
  const now = options.now ?? (() => Date.now());
  const queue: GithubFailure[] = [];
  const asked: string[] = [];
  const searches: string[] = [];

  /** Primary limits per token and resource: 30 searches a minute, 5,000 other requests an hour. */
  const windows = new Map<string, { start: number; used: number }>();
  const limits = (resource: 'core' | 'search', token: string): Record<string, string> => {
    const limit = resource === 'search' ? 30 : 5000;
    const ms = resource === 'search' ? 60_000 : 3_600_000;
    const key = `${token} ${resource}`;
    let window = windows.get(key);
    if (!window || now() - window.start >= ms) {
      window = { start: now(), used: 0 };
      windows.set(key, window);
    }
    window.used++;
    const reset = Math.ceil((window.start + ms) / 1000);
    return { 'x-ratelimit-limit': String(limit), 'x-ratelimit-remaining': String(Math.max(0, limit - window.used)), 'x-ratelimit-used': String(window.used), 'x-ratelimit-reset': String(reset), 'x-ratelimit-resource': resource };
  };
  const json = (body: unknown, status: number, headers: Record<string, string>) => HttpResponse.json(body as Json, { status, headers: { ...headers, 'x-github-media-type': 'github.v3; format=json' } });
  const error = (status: number, message: string, headers: Record<string, string> = {}, extra: Json = {}) => json({ message, documentation_url: DOCS, status: String(status), ...extra }, status, headers);

  /** One page of rows and the Link header as the paging docs show it (next and last, every parameter carried). */
  function paged<T>(url: URL, rows: T[], headers: Record<string, string>, cap = Infinity): { slice: T[]; headers: Record<string, string> } | Response {
    const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? '30') || 30);
    const page = Math.max(1, Number(url.searchParams.get('page') ?? '1') || 1);
    const reachable = Math.min(rows.length, cap);
    if ((page - 1) * perPage >= cap && rows.length > cap) return error(422, `Only the first ${cap} search results are available`, headers);
    const lastPage = Math.max(1, Math.ceil(reachable / perPage));
    const link = (p: number) => {
      const u = new URL(url);
      u.searchParams.set('page', String(p));
      return u.toString();
    };
    const links = page < lastPage ? [`<${link(page + 1)}>; rel="next"`, `<${link(lastPage)}>; rel="last"`] : [];
    return { slice: rows.slice((page - 1) * perPage, Math.min(page * perPage, reachable)), headers: { ...headers, ...(links.length > 0 ? { link: links.join(', ') } : {}) } };
  }

  function search(url: URL, headers: Record<string, string>, incomplete: boolean): Response {
    const q = url.searchParams.get('q') ?? '';
    searches.push(q);
    let matches = [...options.issues];
    for (const term of q.split(/\s+/).filter(Boolean)) {
      const [key = '', ...rest] = term.split(':');
      const value = rest.join(':');
      switch (key) {
        case 'is':
          if (value === 'pr' || value === 'pull-request') matches = matches.filter((i) => i.pr === true);
          else if (value === 'issue') matches = matches.filter((i) => i.pr !== true);
          else if (value === 'merged') matches = matches.filter((i) => i.merged_at !== undefined);
          else return error(422, 'Validation Failed', headers, { errors: [{ resource: 'Search', field: 'q', code: 'invalid', message: `unknown is: qualifier ${value}` }] });
          break;
        case 'org':
          if (!options.orgs.includes(value))
            return error(422, 'Validation Failed', headers, {
              errors: [{ message: 'The listed users and repositories cannot be searched either because the resources do not exist or you do not have permission to view them.', resource: 'Search', field: 'q', code: 'invalid' }],
            });
          matches = matches.filter((i) => i.repo.startsWith(`${value}/`));
          break;
        case 'repo':
          break;
        case 'author':
          matches = matches.filter((i) => i.user?.login.toLowerCase() === value.toLowerCase());
          break;
        case 'merged':
          matches = matches.filter((i) => inRange(i.merged_at, value));
          break;
        case 'created':
          matches = matches.filter((i) => inRange(i.created_at, value));
          break;
        case 'closed':
          matches = matches.filter((i) => inRange(i.closed_at, value));
          break;
        default:
          return error(422, 'Validation Failed', headers, { errors: [{ resource: 'Search', field: 'q', code: 'invalid', message: `unknown qualifier ${key}` }] });
      }
    }
    // Several repo: qualifiers are OR-ed; an unknown repository fails the whole search.
    const repos = q
      .split(/\s+/)
      .filter((t) => t.startsWith('repo:'))
      .map((t) => t.slice(5));
    if (repos.some((r) => !options.repos.some((x) => x.full_name === r)))
      return error(422, 'Validation Failed', headers, {
        errors: [{ message: 'The listed users and repositories cannot be searched either because the resources do not exist or you do not have permission to view them.', resource: 'Search', field: 'q', code: 'invalid' }],
      });
    if (repos.length > 0) matches = matches.filter((i) => repos.includes(i.repo));
    matches.sort((a, b) => b.created_at.localeCompare(a.created_at));
    const page = paged(url, matches, headers, SEARCH_CAP);
    if (page instanceof Response) return page;
    const items = page.slice.map((i) => ({
      number: i.number,
      title: i.title,
      html_url: `${base === 'https://api.github.com' ? 'https://github.com' : base.replace(/\/api\/v3$/, '')}/${i.repo}/${i.pr ? 'pull' : 'issues'}/${i.number}`,
      repository_url: `${base}/repos/${i.repo}`,
      user: userJson(base, i.user),
      state: i.closed_at ? 'closed' : 'open',
      created_at: i.created_at,
      closed_at: i.closed_at ?? null,
      ...(i.pr ? { pull_request: { url: `${base}/repos/${i.repo}/pulls/${i.number}`, merged_at: i.merged_at ?? null } } : {}),
    }));
    return json({ total_count: matches.length, incomplete_results: incomplete, items }, 200, page.headers);
  }

  function list<T>(url: URL, rows: T[], headers: Record<string, string>): Response {
    const page = paged(url, rows, headers);
    return page instanceof Response ? page : json(page.slice, 200, page.headers);
  }

  const handler = http.get(`${base}/*`, ({ request }) => {
    const url = new URL(request.url);
    const path = url.pathname.slice(new URL(base).pathname.replace(/\/+$/, '').length);
    asked.push(path + url.search);
    const auth = request.headers.get('authorization') ?? '';
    const token = auth.replace(/^(Bearer|token)\s+/i, '');
    const known = options.tokens.find((t) => t.token === token);
    const resource = path.startsWith('/search/') ? 'search' : 'core';
    const headers = limits(resource, token);
    if (!known) return error(401, 'Bad credentials', headers);
    const next = queue.shift();
    const reset = String(Math.floor(now() / 1000) + 30);
    if (next === 'primary_403' || next === 'primary_429') {
      return error(next === 'primary_403' ? 403 : 429, `API rate limit exceeded for user ID 1. If you reach out to GitHub Support for help, please include the request ID.`, { ...headers, 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset });
    }
    if (next === 'secondary' || next === 'secondary_retry_after') {
      return error(403, 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID.', {
        ...headers,
        ...(next === 'secondary_retry_after' ? { 'retry-after': '20' } : {}),
      });
    }
    if (next === 'server_error') return error(502, 'Server Error', headers);

    if (path === '/user') return json({ login: 'pulse-reader', id: 7, type: 'User' }, 200, { ...headers, ...(known.scopes !== undefined ? { 'x-oauth-scopes': known.scopes } : {}) });
    if (path === '/search/issues') return search(url, headers, next === 'incomplete_results');
    let m = /^\/orgs\/([^/]+)$/.exec(path);
    if (m) return options.orgs.includes(m[1] ?? '') ? json({ login: m[1], id: 2 }, 200, headers) : error(404, 'Not Found', headers);
    m = /^\/orgs\/([^/]+)\/repos$/.exec(path);
    if (m) {
      const org = m[1] ?? '';
      if (!options.orgs.includes(org)) return error(404, 'Not Found', headers);
      return list(
        url,
        options.repos.filter((r) => r.full_name.startsWith(`${org}/`)).map((r) => ({ full_name: r.full_name, name: r.full_name.split('/')[1] })),
        headers,
      );
    }
    m = /^\/repos\/([^/]+\/[^/]+)(\/.*)?$/.exec(path);
    const repo = m ? options.repos.find((r) => r.full_name === m?.[1]) : undefined;
    if (!m || !repo) return error(404, 'Not Found', headers);
    const rest = m[2] ?? '';
    if (rest === '') return json({ full_name: repo.full_name, stargazers_count: repo.stargazers?.length ?? 0 }, 200, headers);
    if (rest === '/stargazers') {
      // Oldest first; starred_at only with the star media type.
      const stars = [...(repo.stargazers ?? [])].sort((a, b) => a.starred_at.localeCompare(b.starred_at));
      const star = (request.headers.get('accept') ?? '').includes('application/vnd.github.star+json');
      return list(
        url,
        stars.map((s) => (star ? { starred_at: s.starred_at, user: userJson(base, s.user) } : userJson(base, s.user))),
        headers,
      );
    }
    if (rest === '/forks') {
      const sort = url.searchParams.get('sort') ?? 'newest';
      const forks = [...(repo.forks ?? [])].sort((a, b) => (sort === 'oldest' ? a.created_at.localeCompare(b.created_at) : b.created_at.localeCompare(a.created_at)));
      return list(
        url,
        forks.map((f) => ({ full_name: f.full_name, created_at: f.created_at, fork: true })),
        headers,
      );
    }
    const c = /^\/(issues|pulls)\/(\d+)\/(comments|reviews)$/.exec(rest);
    if (c) {
      const issue = options.issues.find((i) => i.repo === repo.full_name && i.number === Number(c[2]));
      if (!issue || (c[1] === 'pulls' && !issue.pr) || (c[1] === 'issues') !== (c[3] === 'comments')) return error(404, 'Not Found', headers);
      if (c[3] === 'comments')
        return list(
          url,
          [...(issue.comments ?? [])].sort((a, b) => a.created_at.localeCompare(b.created_at)).map((x) => ({ user: userJson(base, x.user), created_at: x.created_at, body: '…' })),
          headers,
        );
      return list(
        url,
        [...(issue.reviews ?? [])].sort((a, b) => a.submitted_at.localeCompare(b.submitted_at)).map((x) => ({ user: userJson(base, x.user), submitted_at: x.submitted_at, state: 'COMMENTED' })),
        headers,
      );
    }
    return error(404, 'Not Found', headers);
  });

  return { handlers: [handler], failNext: (...f) => void queue.push(...f), asked, searches };
}
