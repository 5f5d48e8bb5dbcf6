// A fake GitLab that behaves like gitlab.com for what community-pulse asks of it: the GraphQL
// `group.mergeRequests` connection (executed by the real graphql package), the REST MR list and
// user endpoints, token checks, rate-limit headers, throttling and injected faults. Use it in-process
// with `server.use(...fake.handlers(base))`, or on loopback with `serveFake(fake.handlers)`.
import { http, HttpResponse, type RequestHandler } from 'msw';
import type { FakeGitlabData } from './data.ts';
import { Gate, tokenOf, type Fault, type RecordedRequest } from './gate.ts';
import { createGraphqlExecutor } from './graphql.ts';
import { createRestEndpoints } from './rest.ts';
import { createMembersEndpoint } from './members.ts';
import { MrStore } from './store.ts';

export type { FakeGitlabData, FakeGroupShare, FakeIssue, FakeMembership, FakeMergeRequest, FakeMilestone, FakeToken, FakeUser, FakeVisibility } from './data.ts';
export type { Fault, RecordedRequest } from './gate.ts';

export interface FakeGitlabOptions {
  now?: () => Date;
  /** Enforce a per-minute request limit with 429s (gitlab.com: 2,000); off unless set. */
  rateLimitPerMinute?: number;
  /** Keep a log of requests (tests); the benchmark turns it off to keep the fake's memory flat. */
  record?: boolean;
}

export interface FakeGitlab {
  handlers(baseUrl: string): RequestHandler[];
  /** Every API request received, in order (when recording). */
  readonly requests: RecordedRequest[];
  /** Answers the request with this 0-based index (over all API requests received) with a fault. */
  failAt(index: number, fault: Fault): void;
  /** Answers the next `times` API requests with a fault. */
  failNext(fault: Fault, times?: number): void;
  /** API requests received so far (also when not recording). */
  requestCount(): number;
}

export function createFakeGitlab(data: FakeGitlabData, options: FakeGitlabOptions = {}): FakeGitlab {
  const now = options.now ?? (() => new Date());
  const store = new MrStore(data);
  const gate = new Gate({ tokens: data.tokens, now, ...(options.rateLimitPerMinute !== undefined ? { rateLimitPerMinute: options.rateLimitPerMinute } : {}) });
  const requests: RecordedRequest[] = [];
  let count = 0;
  const record = (entry: RecordedRequest) => {
    count++;
    if (options.record !== false) requests.push(entry);
  };
  const pathOf = (request: Request) => {
    const u = new URL(request.url);
    return u.pathname + u.search;
  };

  return {
    requests,
    failAt: (index, fault) => gate.failAt(index, fault),
    failNext: (fault, times) => gate.failNext(fault, times),
    requestCount: () => count,
    handlers(baseUrl) {
      const execute = createGraphqlExecutor(store, baseUrl);
      const rest = createRestEndpoints(store, baseUrl);
      const membersAll = createMembersEndpoint(store, data, baseUrl);
      return [
        http.post(`${baseUrl}/api/graphql`, async ({ request }) => {
          const raw: unknown = await request.json().catch(() => undefined);
          const body = typeof raw === 'object' && raw !== null ? (raw as { query?: unknown; variables?: unknown }) : {};
          const entry: RecordedRequest = {
            api: 'graphql',
            method: 'POST',
            path: pathOf(request),
            ...(typeof body.query === 'string' ? { query: body.query } : {}),
            ...(typeof body.variables === 'object' && body.variables !== null ? { variables: body.variables as Record<string, unknown> } : {}),
            status: 200,
          };
          const refused = gate.check(request, 'graphql');
          if (refused) {
            record({ ...entry, status: refused.status });
            return refused;
          }
          const answer = await execute(raw);
          record(entry);
          return HttpResponse.json(answer.body as Record<string, unknown>, { headers: gate.rateLimitHeaders() });
        }),
        http.get(`${baseUrl}/api/v4/groups/:id/merge_requests`, ({ request, params }) => {
          const refused = gate.check(request, 'rest');
          const response = refused ?? rest.groupMergeRequests(request, String(params.id));
          record({ api: 'rest', method: 'GET', path: pathOf(request), status: response.status });
          if (!refused) for (const [k, v] of Object.entries(gate.rateLimitHeaders())) response.headers.set(k, v);
          return response;
        }),
        http.get(`${baseUrl}/api/v4/groups/:id/members/all`, ({ request, params }) => {
          const refused = gate.check(request, 'rest');
          const response = refused ?? membersAll(request, String(params.id));
          record({ api: 'rest', method: 'GET', path: pathOf(request), status: response.status });
          if (!refused) for (const [k, v] of Object.entries(gate.rateLimitHeaders())) response.headers.set(k, v);
          return response;
        }),
        // The token's own details (doc/api/personal_access_tokens.md "Self-inform"): any valid token,
        // whatever its scopes (self_information.rb `allow_access_with_scope(all_available_scopes)`),
        // personal, group or project access token alike; 401 for an unknown token.
        http.get(`${baseUrl}/api/v4/personal_access_tokens/self`, ({ request }) => {
          const token = data.tokens.find((t) => t.value === tokenOf(request));
          const response = token
            ? HttpResponse.json({
                id: 4711,
                name: 'community-pulse',
                revoked: false,
                created_at: '2026-01-05T09:00:00.000Z',
                description: null,
                scopes: token.scopes,
                user_id: 9001,
                last_used_at: now().toISOString(),
                active: true,
                expires_at: token.expiresAt ?? null,
              })
            : HttpResponse.json({ message: '401 Unauthorized' }, { status: 401 });
          record({ api: 'rest', method: 'GET', path: pathOf(request), status: response.status });
          return response;
        }),
        http.get(`${baseUrl}/api/v4/users/:id`, ({ request, params }) => {
          const refused = gate.check(request, 'rest');
          const response = refused ?? rest.user(String(params.id));
          record({ api: 'rest', method: 'GET', path: pathOf(request), status: response.status });
          if (!refused) for (const [k, v] of Object.entries(gate.rateLimitHeaders())) response.headers.set(k, v);
          return response;
        }),
      ];
    },
  };
}
