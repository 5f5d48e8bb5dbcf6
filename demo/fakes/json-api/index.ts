// A small statistics API of the kind the generic `json` source reads: monthly figures by date
// range, as GET with query parameters or POST with a JSON body, behind an API key in a header.
// It has no vendor reference of its own; its HTTP behaviour follows the HTTP standards the
// source relies on (README.md): 401 with WWW-Authenticate, 429 with Retry-After, JSON bodies.
import { http, HttpResponse, type RequestHandler } from 'msw';

export type JsonApiFailure = 'rate_limit' | 'server_error' | 'html' | 'huge' | 'string_number' | 'negative' | 'overflow';

export interface JsonApiFakeOptions {
  url: string;
  /** The header the key must arrive in, and its prefix ("Bearer "). */
  header: string;
  prefix: string;
  key: string;
  /** Figures per month (YYYY-MM). */
  months: Record<string, { signups: number; active: number; rate: number }>;
  /** Member names or strings an attacker controls, echoed in every answer. */
  hostile?: string;
}

export interface JsonApiFake {
  handlers: RequestHandler[];
  failNext(...failures: JsonApiFailure[]): void;
  requests: Array<{ method: string; path: string; headers: Record<string, string>; body?: unknown }>;
}

function answer(options: JsonApiFakeOptions, from: string | null, to: string | null, failure: JsonApiFailure | undefined) {
  if (!from || !to || !/^\d{4}-\d{2}-\d{2}$/.test(from) || !/^\d{4}-\d{2}-\d{2}$/.test(to)) {
    return HttpResponse.json({ error: 'from and to must be dates (YYYY-MM-DD)' }, { status: 400 });
  }
  const month = from.slice(0, 7);
  const figures = options.months[month] ?? { signups: 0, active: 0, rate: 0 };
  if (failure === 'huge') return HttpResponse.json({ padding: 'x'.repeat(2 * 1024 * 1024), data: figures });
  if (failure === 'overflow') return new HttpResponse(`{"data":{"signups":1e400}}`, { headers: { 'content-type': 'application/json' } });
  const signups = failure === 'string_number' ? String(figures.signups) : failure === 'negative' ? -figures.signups : figures.signups;
  return HttpResponse.json({
    range: { from, to },
    data: { signups, 'active users': figures.active, rates: [{ name: 'conversion', value: figures.rate }] },
    ...(options.hostile ? { note: options.hostile, [options.hostile]: 1 } : {}),
  });
}

export function jsonApiFake(options: JsonApiFakeOptions): JsonApiFake {
  const queue: JsonApiFailure[] = [];
  const requests: JsonApiFake['requests'] = [];
  const base = options.url.replace(/\/+$/, '');

  const gate = (request: Request): Response | undefined => {
    const failure = queue[0];
    if (failure === 'rate_limit') {
      queue.shift();
      return HttpResponse.json({ error: 'rate limited' }, { status: 429, headers: { 'Retry-After': '2' } });
    }
    if (failure === 'server_error') {
      queue.shift();
      return HttpResponse.json({ error: 'internal error' }, { status: 503 });
    }
    if (failure === 'html') {
      queue.shift();
      return new HttpResponse('<!doctype html><title>Sign in</title><p>Please sign in', { headers: { 'content-type': 'text/html' } });
    }
    if (request.headers.get(options.header) !== `${options.prefix}${options.key}`) {
      return HttpResponse.json({ error: 'invalid API key' }, { status: 401, headers: { 'WWW-Authenticate': 'Bearer realm="stats"' } });
    }
    return undefined;
  };
  const record = (request: Request, body?: unknown) => {
    const url = new URL(request.url);
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => (headers[name] = value));
    requests.push({ method: request.method, path: url.pathname + url.search, headers, ...(body === undefined ? {} : { body }) });
  };

  return {
    handlers: [
      http.get(`${base}/v1/stats`, ({ request }) => {
        record(request);
        const url = new URL(request.url);
        return gate(request) ?? answer(options, url.searchParams.get('from'), url.searchParams.get('to'), queue.shift());
      }),
      http.post(`${base}/v1/query`, async ({ request }) => {
        const body = (await request.json()) as { range?: { from?: string; to?: string } };
        record(request, body);
        return gate(request) ?? answer(options, body.range?.from ?? null, body.range?.to ?? null, queue.shift());
      }),
    ],
    failNext: (...failures) => void queue.push(...failures),
    requests,
  };
}
