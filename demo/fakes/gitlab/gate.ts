// What happens before a fake GitLab request reaches its endpoint: authentication, rate limiting and
// injected faults, each answered the way gitlab.com answers it (status, headers, body).
import { HttpResponse } from 'msw';
import type { FakeToken } from './data.ts';

export type Fault =
  /** Rack::Attack throttle: 429, text/plain "Retry later", Retry-After seconds, RateLimit-* headers. */
  | { kind: 'rate-limit'; retryAfterSeconds: number }
  /** A proxy/Workhorse failure: an HTML error page. */
  | { kind: 'status'; status: 500 | 502 | 503 | 504 }
  /** HTTP 200 with a GraphQL `errors` array and `data: null` (GraphQL endpoint only). */
  | { kind: 'graphql-errors'; messages: string[] };

export interface RecordedRequest {
  api: 'graphql' | 'rest';
  method: string;
  /** Path and query string. */
  path: string;
  /** GraphQL only. */
  query?: string;
  variables?: Record<string, unknown>;
  status: number;
}

export interface GateOptions {
  tokens: FakeToken[];
  now: () => Date;
  /** Enforce gitlab.com's per-user limit (2,000/min); off unless set. */
  rateLimitPerMinute?: number;
}

const LIMIT_HEADER_DEFAULT = 2000;

/** Reads `PRIVATE-TOKEN` or `Authorization: Bearer`, like GitLab's API auth finders. */
export function tokenOf(request: Request): string | undefined {
  const privateToken = request.headers.get('private-token');
  if (privateToken) return privateToken;
  const auth = request.headers.get('authorization');
  const match = auth ? /^Bearer\s+(.+)$/i.exec(auth) : null;
  return match?.[1];
}

export class Gate {
  readonly #options: GateOptions;
  readonly #faults = new Map<number, Fault>();
  #seen = 0;
  #windowStart = 0;
  #windowCount = 0;

  constructor(options: GateOptions) {
    this.#options = options;
  }

  /** Answers the request with this index (0-based, over every API request the fake receives) with a fault. */
  failAt(index: number, fault: Fault): void {
    this.#faults.set(index, fault);
  }

  /** Answers the next `times` requests with a fault. */
  failNext(fault: Fault, times = 1): void {
    for (let i = 0; i < times; i++) this.#faults.set(this.#seen + i, fault);
  }

  /** Rate-limit headers every authenticated gitlab.com response carries. Reset is epoch SECONDS. */
  rateLimitHeaders(): Record<string, string> {
    const limit = this.#options.rateLimitPerMinute ?? LIMIT_HEADER_DEFAULT;
    const reset = Math.floor(this.#windowStart / 1000) + 60;
    return {
      'ratelimit-limit': String(limit),
      'ratelimit-observed': String(this.#windowCount),
      'ratelimit-remaining': String(Math.max(0, limit - this.#windowCount)),
      'ratelimit-reset': String(reset),
      'ratelimit-name': 'throttle_authenticated_api',
    };
  }

  /**
   * Returns a response when the request must be answered before reaching the endpoint (bad token,
   * throttled, injected fault), or undefined to let it through.
   */
  check(request: Request, api: RecordedRequest['api']): Response | undefined {
    const index = this.#seen++;
    const token = tokenOf(request);
    if (token === undefined || !this.#options.tokens.some((t) => t.value === token)) {
      return api === 'graphql' ? HttpResponse.json({ errors: [{ message: 'Invalid token' }] }, { status: 401 }) : HttpResponse.json({ message: '401 Unauthorized' }, { status: 401 });
    }
    const scopes = this.#options.tokens.find((t) => t.value === token)?.scopes ?? [];
    if (!scopes.includes('read_api') && !scopes.includes('api')) {
      return HttpResponse.json({ error: 'insufficient_scope', error_description: 'The request requires higher privileges than provided by the access token.', scope: 'api read_api' }, { status: 403 });
    }
    this.#count();
    const fault = this.#faults.get(index);
    if (fault) {
      this.#faults.delete(index);
      return this.#faultResponse(fault);
    }
    const limit = this.#options.rateLimitPerMinute;
    if (limit !== undefined && this.#windowCount > limit) return this.#throttled(Math.ceil((this.#windowStart + 60_000 - this.#options.now().getTime()) / 1000));
    return undefined;
  }

  #count(): void {
    const now = this.#options.now().getTime();
    if (now - this.#windowStart >= 60_000) {
      this.#windowStart = now;
      this.#windowCount = 0;
    }
    this.#windowCount++;
  }

  #throttled(retryAfterSeconds: number): Response {
    const resetAt = new Date(this.#options.now().getTime() + retryAfterSeconds * 1000);
    return new HttpResponse('Retry later\n', {
      status: 429,
      headers: {
        'content-type': 'text/plain',
        'retry-after': String(Math.max(1, retryAfterSeconds)),
        'ratelimit-resettime': resetAt.toUTCString(),
        ...this.rateLimitHeaders(),
        'ratelimit-remaining': '0',
      },
    });
  }

  #faultResponse(fault: Fault): Response {
    switch (fault.kind) {
      case 'rate-limit':
        return this.#throttled(fault.retryAfterSeconds);
      case 'status':
        return new HttpResponse(`<!DOCTYPE html>\n<html><head><title>GitLab is not responding (${fault.status})</title></head><body><h1>${fault.status}</h1></body></html>\n`, {
          status: fault.status,
          headers: { 'content-type': 'text/html; charset=utf-8' },
        });
      case 'graphql-errors':
        return HttpResponse.json({ errors: fault.messages.map((message) => ({ message, locations: [{ line: 1, column: 1 }] })), data: null }, { headers: this.rateLimitHeaders() });
    }
  }
}
