// The one GitLab client: REST API v4 (reads, writes, paging) and GraphQL, over the project's one
// HTTP client (retries, host budget, masking, zod at the boundary). Every GitLab caller — the
// gitlab and repo-file sources, the history store, the handbook publisher, the preview's MR note
// and verification — builds one of these with its own token and fix hints; none builds URLs,
// token headers or 404 rules itself.
//
// GitLab answers 404 both for "this folder, file or branch does not exist (yet)" — an answer: no
// history, no file — and for "no such project or no access" — a configuration error. Its JSON
// body's `message` tells them apart; that is read here, once, through the client's statusMap, so
// no caller matches on error text.
import type { z } from 'zod';
import { graphql } from './graphql.ts';
import { paginate } from './paginate.ts';
import type { HttpClient, HttpMethod, HttpRequest, StatusMeaning } from './types.ts';

/** What a 404 may mean as an answer: the folder (tree), the file or the branch is not there. */
export type GitlabMissing = 'tree' | 'file' | 'branch';

const MISSING_MESSAGE: Record<GitlabMissing, string> = { tree: '404 Tree Not Found', file: '404 File Not Found', branch: '404 Branch Not Found' };

function gitlabMessage(body: unknown): unknown {
  return typeof body === 'object' && body !== null && 'message' in body ? body.message : undefined;
}

export interface GitlabRestOptions {
  /** The instance, e.g. https://gitlab.com (the API is below /api/v4 and /api/graphql). */
  url: string;
  /** Sent as PRIVATE-TOKEN (REST) or a Bearer token (GraphQL); omit for public projects. A secret: register it with the masker first. A function is called at the first request (a missing env var then fails that request, not the setup). */
  token?: string | undefined | (() => string);
  /** Fix hint for 401/403. */
  authHint: string;
  /** Fix hint for a 404 that is not an answer (project, ref). */
  notFoundHint?: string;
}

export interface GitlabRestRequest<T> {
  /** Path below /api/v4, e.g. `/projects/7/repository/tree`. */
  path: string;
  method?: HttpMethod;
  query?: HttpRequest<T>['query'];
  /** JSON request body (POST, PUT). */
  json?: unknown;
  responseType?: 'json' | 'text';
  schema: z.ZodType<T>;
  what: string;
  /**
   * A 404 saying this is missing is the answer `answer` (e.g. [] for a folder that does not exist);
   * kind `any` takes every 404 as the answer (only where the project was just read successfully).
   */
  missing?: { kind: GitlabMissing | 'any'; answer: T };
}

export interface GitlabClient {
  /** The instance URL without a trailing slash, e.g. https://gitlab.com */
  readonly instance: string;
  /** `/projects/<id or URL-encoded full path>` */
  projectPath(project: string): string;
  /** The HttpRequest for `req`, for callers that page through it themselves. */
  request<T>(req: GitlabRestRequest<T>): HttpRequest<T>;
  /** One GET; its answer. */
  get<T>(req: GitlabRestRequest<T>): Promise<T>;
  /** One POST or PUT (a write); its answer. */
  send<T>(req: GitlabRestRequest<T> & { method: 'POST' | 'PUT' | 'DELETE' }): Promise<T>;
  /** Every page's items of a list endpoint (Link / x-next-page headers), in order. */
  all<T>(req: GitlabRestRequest<T[]>): Promise<T[]>;
  /** The pages of a list endpoint as they arrive, for callers that stop early. */
  pages<T>(req: GitlabRestRequest<T[]>): AsyncGenerator<T[], void, undefined>;
  /** A GraphQL query (POST /api/graphql); `errors` in a 200 are failures (graphql.ts). */
  graphql<T>(what: string, query: string, variables: Record<string, unknown>, dataSchema: z.ZodType<T>): Promise<T>;
}

/** The REST API root (`https://gitlab.com/api/v4`) → the instance; CI_API_V4_URL is given that way. */
export function instanceOfApiUrl(apiUrl: string): string {
  return apiUrl.replace(/\/+$/, '').replace(/\/api\/v4$/, '');
}

export function gitlabClient(http: HttpClient, options: GitlabRestOptions): GitlabClient {
  const instance = options.url.replace(/\/+$/, '');
  const base = `${instance}/api/v4`;
  let token: string | undefined;
  const tokenValue = (): string | undefined => (token ??= typeof options.token === 'function' ? options.token() : options.token);
  const request = <T>(req: GitlabRestRequest<T>): HttpRequest<T> => {
    const missing = req.missing;
    const statusMap = missing ? { 404: (body: unknown): StatusMeaning<T> | undefined => (missing.kind === 'any' || gitlabMessage(body) === MISSING_MESSAGE[missing.kind] ? { answer: missing.answer } : undefined) } : undefined;
    const value = tokenValue();
    return {
      ...(req.method ? { method: req.method } : {}),
      url: `${base}${req.path}`,
      ...(req.query ? { query: req.query } : {}),
      headers: value ? { 'PRIVATE-TOKEN': value } : {},
      ...(req.json !== undefined ? { json: req.json } : {}),
      ...(req.responseType ? { responseType: req.responseType } : {}),
      schema: req.schema,
      what: req.what,
      authHint: options.authHint,
      ...(options.notFoundHint ? { notFoundHint: options.notFoundHint } : {}),
      ...(statusMap ? { statusMap } : {}),
    };
  };
  async function* pages<T>(req: GitlabRestRequest<T[]>): AsyncGenerator<T[], void, undefined> {
    for await (const page of paginate(http, request(req))) yield page.data;
  }
  return {
    instance,
    // Both a project path and a file path are single URL segments: their slashes are encoded.
    projectPath: (project) => `/projects/${encodeURIComponent(project)}`,
    request,
    get: async (req) => (await http.request(request(req))).data,
    send: async (req) => (await http.request(request(req))).data,
    pages,
    async all(req) {
      const items = [];
      for await (const page of pages(req)) items.push(...page);
      return items;
    },
    graphql(what, query, variables, dataSchema) {
      const value = tokenValue();
      return graphql(http, {
        url: `${instance}/api/graphql`,
        query,
        variables,
        dataSchema,
        what,
        ...(value ? { headers: { authorization: `Bearer ${value}` } } : {}),
        authHint: options.authHint,
        ...(options.notFoundHint ? { notFoundHint: options.notFoundHint } : {}),
      });
    },
  };
}
