// GitLab's REST API v4 as the history store and the repo-file source use it: one base URL, the
// PRIVATE-TOKEN header, the fix hints, and 404s that are answers. GitLab answers 404 both for "this
// folder or file does not exist (yet)" — an answer: no history, no file — and for "no such project
// or no access" — a configuration error. Its JSON body's `message` tells them apart; that is read
// here, once, through the client's statusMap, so no caller matches on error text.
import type { z } from 'zod';
import type { HttpClient, HttpRequest, StatusMeaning } from './types.ts';

/** What a 404 may mean as an answer: the folder (tree) or the file is not there. */
export type GitlabMissing = 'tree' | 'file';

const MISSING_MESSAGE: Record<GitlabMissing, string> = { tree: '404 Tree Not Found', file: '404 File Not Found' };

function gitlabMessage(body: unknown): unknown {
  return typeof body === 'object' && body !== null && 'message' in body ? body.message : undefined;
}

export interface GitlabRestOptions {
  /** The instance, e.g. https://gitlab.com */
  url: string;
  /** Sent as PRIVATE-TOKEN; omit for public projects. A secret: register it with the masker first. */
  token?: string | undefined;
  /** Fix hint for 401/403. */
  authHint: string;
  /** Fix hint for a 404 that is not an answer (project, ref). */
  notFoundHint: string;
}

export interface GitlabRestRequest<T> {
  /** Path below /api/v4, e.g. `/projects/7/repository/tree`. */
  path: string;
  query?: HttpRequest<T>['query'];
  responseType?: 'json' | 'text';
  schema: z.ZodType<T>;
  what: string;
  /** A 404 saying this is missing is the answer `answer` (e.g. [] for a folder that does not exist). */
  missing?: { kind: GitlabMissing; answer: T };
}

export interface GitlabRest {
  /** `/projects/<id or URL-encoded full path>` */
  projectPath(project: string): string;
  /** The HttpRequest for `req`, for callers that page through it. */
  request<T>(req: GitlabRestRequest<T>): HttpRequest<T>;
  get<T>(req: GitlabRestRequest<T>): Promise<T>;
}

export function gitlabRest(http: HttpClient, options: GitlabRestOptions): GitlabRest {
  const base = `${options.url.replace(/\/+$/, '')}/api/v4`;
  const request = <T>(req: GitlabRestRequest<T>): HttpRequest<T> => {
    const missing = req.missing;
    const statusMap = missing ? { 404: (body: unknown): StatusMeaning<T> | undefined => (gitlabMessage(body) === MISSING_MESSAGE[missing.kind] ? { answer: missing.answer } : undefined) } : undefined;
    return {
      url: `${base}${req.path}`,
      ...(req.query ? { query: req.query } : {}),
      headers: options.token ? { 'PRIVATE-TOKEN': options.token } : {},
      ...(req.responseType ? { responseType: req.responseType } : {}),
      schema: req.schema,
      what: req.what,
      authHint: options.authHint,
      notFoundHint: options.notFoundHint,
      ...(statusMap ? { statusMap } : {}),
    };
  };
  return {
    // Both a project path and a file path are single URL segments: their slashes are encoded.
    projectPath: (project) => `/projects/${encodeURIComponent(project)}`,
    request,
    get: async (req) => (await http.request(request(req))).data,
  };
}
