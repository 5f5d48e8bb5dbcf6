// The contract of the one HTTP client (src/http/). Sources never call fetch themselves: they
// describe a request and the schema of its answer, and the client owns timeouts, retries
// (Retry-After, RateLimit-Reset), per-host budgets, paging, masking and failure classification.
import type { z } from 'zod';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface HttpRequest<T> {
  method?: HttpMethod;
  url: string | URL;
  /** Appended to the URL's search params; undefined values are skipped. */
  query?: Record<string, string | number | boolean | undefined>;
  headers?: Record<string, string>;
  /** JSON request body. */
  json?: unknown;
  /** application/x-www-form-urlencoded request body (OAuth token exchanges). */
  form?: Record<string, string>;
  /**
   * At most this many retries (default: the client's, 4). 0 for a POST that must not be repeated
   * when its fate is unknown (a chat webhook: a timeout after sending may still have posted).
   */
  retries?: number;
  /** Answers longer than this are cut off as EBADRESPONSE (not retried); default 50 MB. */
  maxBodyBytes?: number;
  /** How to read the body before the schema sees it; default json. */
  responseType?: 'json' | 'text';
  /** Parses the response body: "parse, don't validate" at the boundary. */
  schema: z.ZodType<T>;
  /** What this request is for, in words, for errors and logs: "GitLab merged MRs of gitlab-org". */
  what?: string;
  /** Fix hint for a 401/403, e.g. "PULSE_GITLAB_TOKEN needs the read_api scope". */
  authHint?: string;
  /** Fix hint for a 404, e.g. "check sources.forum.url and the report type". */
  notFoundHint?: string;
  /**
   * Looks at a 2xx JSON body before the schema does, for APIs that report failures with a 200
   * (GraphQL `errors`, Discourse `report.error`). A problem of kind 'transient' is retried like a
   * 503; kind 'query' fails at once as EQUERY. The message is masked by the client.
   */
  bodyProblem?: (body: unknown) => BodyProblem | undefined;
  /**
   * What a non-2xx status means for this request, decided from the status and the parsed JSON body
   * (undefined when the body is not JSON): `{ answer }` makes it a successful answer (GitLab's 404
   * for a folder or file that does not exist yet), `{ code }` a failure of that kind. Returning
   * undefined keeps the client's usual classification. Callers never match on error text.
   */
  statusMap?: Readonly<Partial<Record<number, (body: unknown) => StatusMeaning<T> | undefined>>>;
}

export type StatusMeaning<T> = { answer: T } | { code: 'EAUTH' | 'ENOTFOUND' | 'EQUERY' | 'ETRANSIENT'; fix?: string };

/** A failure an API reported inside a 2xx body. */
export interface BodyProblem {
  kind: 'transient' | 'query';
  message: string;
}

export interface HttpResponse<T> {
  data: T;
  status: number;
  headers: Headers;
  url: string;
}

/** How hard we may use one host with one credential: concurrent requests and a rate limit. */
export interface HostBudget {
  concurrency: number;
  /** The limit per minute; the window when `window` is not set. */
  requestsPerMinute: number;
  /**
   * The API's own documented window when it is not a minute (Plausible: 600 requests an hour).
   * When set, it is the limit: at most `requests` in any `ms` milliseconds.
   */
  window?: { requests: number; ms: number };
  /**
   * Set by a person (goals.yml): the limit stays as given. Otherwise a host's `RateLimit-Limit`
   * answer header replaces `requestsPerMinute` (see README: budgets follow the server).
   */
  fixed?: boolean;
}

export interface HttpStats {
  requests: number;
  retries: number;
  byHost: Record<string, number>;
  /** Milliseconds spent waiting to retry, per host (backoff, Retry-After). */
  waitedMsByHost: Record<string, number>;
}

export interface HttpClient {
  request<T>(req: HttpRequest<T>): Promise<HttpResponse<T>>;
  /**
   * Sources declare the documented limits of their API's host before their first request. Each
   * credential sent to the host gets its own limiter with this budget; when a host is configured
   * twice the stricter budget wins.
   */
  setBudget(host: string, budget: HostBudget): void;
  /** The most time one host (source) may take in this run, from its first request. */
  setHostDeadline(ms: number): void;
  stats(): HttpStats;
}
