// What every request to the fake GitLab repository API goes through, as gitlab.com does it: the
// fault queue, RateLimit-* headers (Reset in epoch seconds), token checks (a bad token is 401 even
// on a public project; a token without api/read_api is 403 insufficient_scope), and project
// lookup (a private project is 404 "Project Not Found" to anyone without access).
import { HttpResponse } from 'msw';
import { findProject, type FakeProject, type GitlabFault, type GitlabRepoFake, type RepoApi, tokenInfo, type FakeToken } from './state.ts';
import { offsetPage } from '../gitlab/paging.ts';

const LIMIT = 2000;

export function rateLimitHeaders(fake: GitlabRepoFake): Record<string, string> {
  const remaining = Math.max(0, LIMIT - fake.requests.length);
  const resetEpoch = Math.floor(fake.now().getTime() / 1000) + 60;
  return {
    'RateLimit-Limit': String(LIMIT),
    'RateLimit-Observed': String(LIMIT - remaining),
    'RateLimit-Remaining': String(remaining),
    'RateLimit-Reset': String(resetEpoch),
    'RateLimit-ResetTime': new Date(resetEpoch * 1000).toUTCString(),
  };
}

function faultResponse(fake: GitlabRepoFake, fault: GitlabFault): Response {
  switch (fault) {
    case 'rate-limited':
      // Rack::Attack's throttle answer on gitlab.com.
      return new HttpResponse('Retry later\n', { status: 429, headers: { 'Content-Type': 'text/plain', 'Retry-After': '60', ...rateLimitHeaders(fake), 'RateLimit-Remaining': '0' } });
    case 'server-error':
      return HttpResponse.json({ message: '500 Internal Server Error' }, { status: 500 });
    case 'bad-gateway':
      return new HttpResponse('<!DOCTYPE html><html><head><title>GitLab is not responding (502)</title></head><body></body></html>', {
        status: 502,
        headers: { 'Content-Type': 'text/html; charset=utf-8' },
      });
  }
}

/** The caller's token, if any: PRIVATE-TOKEN or a bearer header. */
export function tokenOf(request: Request): string | undefined {
  const privateToken = request.headers.get('private-token');
  if (privateToken !== null) return privateToken;
  const auth = request.headers.get('authorization');
  return auth?.startsWith('Bearer ') ? auth.slice('Bearer '.length) : undefined;
}

export function json(fake: GitlabRepoFake, body: unknown, status = 200, extra: Record<string, string> = {}): Response {
  return HttpResponse.json(body as Record<string, unknown>, { status, headers: { ...rateLimitHeaders(fake), ...extra } });
}

export const insufficientScope = (fake: GitlabRepoFake, scope: string): Response => json(fake, { error: 'insufficient_scope', error_description: 'The request requires higher privileges than provided by the access token.', scope }, 403);

export interface Caller {
  token: Required<FakeToken> | undefined;
}

export interface Entry {
  /** Set when the request is already answered (fault, auth failure). */
  response?: Response;
  caller: Caller;
}

/** Records the request, applies a queued fault, and checks the token. */
export function enter(fake: GitlabRepoFake, request: Request, api: RepoApi, record: { project?: string; path?: string; ref?: string | null; page?: string | null }): Entry {
  const raw = tokenOf(request);
  fake.requests.push({ api, method: request.method, project: record.project ?? '', path: record.path ?? new URL(request.url).pathname, ref: record.ref ?? null, page: record.page ?? null, token: raw });
  const fault = fake.faults.shift() ?? fake.persistentFault;
  if (fault) return { response: faultResponse(fake, fault), caller: { token: undefined } };
  if (raw === undefined) return { caller: { token: undefined } };
  const token = tokenInfo(fake, raw);
  if (!token) return { response: json(fake, { message: '401 Unauthorized' }, 401), caller: { token: undefined } };
  // An expired token authenticates nothing; GitLab answers 401 like for an unknown one.
  if (token.expiresAt !== null && token.expiresAt <= fake.now().toISOString().slice(0, 10)) return { response: json(fake, { message: '401 Unauthorized' }, 401), caller: { token: undefined } };
  if (!token.scopes.includes('api') && !token.scopes.includes('read_api')) return { response: insufficientScope(fake, 'api read_api'), caller: { token } };
  return { caller: { token } };
}

export type ProjectAccess = { response: Response } | { path: string; project: FakeProject };

export function projectFor(fake: GitlabRepoFake, caller: Caller, id: string): ProjectAccess {
  const found = findProject(fake, id);
  if (!found || (found.project.visibility === 'private' && caller.token === undefined)) return { response: json(fake, { message: '404 Project Not Found' }, 404) };
  return found;
}

/** A write needs the api scope (read_api is 403 insufficient_scope) and a signed-in user. */
export function writeDenied(fake: GitlabRepoFake, caller: Caller): Response | undefined {
  if (!caller.token) return json(fake, { message: '401 Unauthorized' }, 401);
  if (!caller.token.scopes.includes('api')) return insufficientScope(fake, 'api');
  return undefined;
}

/** One page of `rows` as GitLab's offset pagination answers it (../gitlab/paging.ts). */
export function pageOf<T>(fake: GitlabRepoFake, url: URL, rows: readonly T[], defaultPerPage = 20): Response {
  const { rows: page, headers } = offsetPage(url, rows, defaultPerPage);
  return json(fake, page, 200, headers);
}

/** The answer, after the test's hold on this request (if any) is released. */
export async function held(fake: GitlabRepoFake, answer: Response): Promise<Response> {
  const request = fake.requests.at(-1);
  const wait = request && fake.hold?.(request);
  if (wait) await wait;
  return answer;
}
