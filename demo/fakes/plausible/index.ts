// Plausible's Stats API v2 (`POST /api/v2/query`) over a list of page-view events, with the
// real auth plug's answers (PlausibleWeb.Plugs.AuthorizePublicAPI): 401 for a missing or invalid
// key or a site the key cannot see, 402 when the owner's plan lacks the Stats API, 429 "Too many
// API requests..." (no Retry-After). `visitors` counts distinct visitors, `pageviews` sums.
import { http, HttpResponse, type RequestHandler } from 'msw';

export interface PlausibleEvent {
  date: string;
  path: string;
  visitorId: string;
  views: number;
}

/** Goal conversions (custom events) with their visit's entry page and UTM tags, for `events` filtered by `event:goal`. */
export interface PlausibleConversion {
  date: string;
  /** The goal's display name, e.g. Signup. */
  goal: string;
  /** visit:entry_page: the session's first page. */
  entryPage: string;
  utmSource?: string;
  utmMedium?: string;
  utmCampaign?: string;
  count: number;
}

export type PlausibleFailure = 'rate_limit' | 'server_error' | 'missing_fields' | 'not_json' | 'empty_results';

export interface PlausibleFakeOptions {
  url: string;
  siteId: string;
  /** Keys of team members who can read the site. */
  keys: string[];
  /** Keys whose account has no Stats API in its plan. */
  keysWithoutStatsApi?: string[];
  events: PlausibleEvent[];
  conversions?: PlausibleConversion[];
}

export interface PlausibleFake {
  handlers: RequestHandler[];
  failNext(...failures: PlausibleFailure[]): void;
  bodies: unknown[];
}

const error = (status: number, message: string) => HttpResponse.json({ error: message }, { status });

interface QueryBody {
  site_id?: string;
  metrics?: string[];
  date_range?: [string, string] | string;
  filters?: Filter[];
  dimensions?: string[];
  pagination?: { limit?: number; offset?: number };
}

class BadRequest extends Error {}

/** `[operator, dimension, clauses]` or `["and" | "or", [filters]]` / `["not", filter]` (Stats API v2 "Logical operations"). */
type Filter = [string, string, string[]] | ['and' | 'or', Filter[]] | ['not', Filter];

const CONVERSION_DIMENSIONS: Record<string, (c: PlausibleConversion) => string> = {
  'event:goal': (c) => c.goal,
  'visit:entry_page': (c) => c.entryPage,
  'visit:utm_source': (c) => c.utmSource ?? '',
  'visit:utm_medium': (c) => c.utmMedium ?? '',
  'visit:utm_campaign': (c) => c.utmCampaign ?? '',
};

function matchesConversion(filter: Filter, c: PlausibleConversion): boolean {
  const [op, second] = filter;
  if (op === 'and' || op === 'or') {
    const list = second as Filter[];
    return op === 'and' ? list.every((f) => matchesConversion(f, c)) : list.some((f) => matchesConversion(f, c));
  }
  if (op === 'not') return !matchesConversion(second as unknown as Filter, c);
  const [, dimension, values] = filter as [string, string, string[]];
  const value = CONVERSION_DIMENSIONS[dimension];
  if (!value) throw new BadRequest(`#/filters/0: Invalid filter dimension ${dimension}`);
  // "only is and contains operators are valid for event:goal dimension" (Stats API v2 reference).
  if (dimension === 'event:goal' && op !== 'is' && op !== 'contains') throw new BadRequest(`#/filters/0: Invalid filter: operator ${op} is not supported for event:goal`);
  const text = value(c);
  if (op === 'is') return values.includes(text);
  if (op === 'contains') return values.some((v) => text.includes(v));
  if (op === 'matches') return values.some((v) => new RegExp(v).test(text));
  throw new BadRequest(`#/filters/0: Invalid filter operator ${op}`);
}

const goalOf = (filters: readonly Filter[]): boolean => filters.some((f) => f[0] === 'is' && f[1] === 'event:goal');

function matchesFilter(filter: Filter, event: PlausibleEvent): boolean {
  const [operator, dimension, values] = filter as [string, string, string[]];
  if (dimension !== 'event:page') throw new BadRequest(`#/filters/0: Invalid filter dimension ${dimension}`);
  switch (operator) {
    case 'is':
      return values.includes(event.path);
    case 'contains':
      return values.some((v) => event.path.includes(v));
    case 'matches':
      return values.some((v) => {
        try {
          return new RegExp(v).test(event.path);
        } catch {
          throw new BadRequest(`#/filters/0: Invalid regular expression ${v}`);
        }
      });
    default:
      throw new BadRequest(`#/filters/0: Invalid filter operator ${operator}`);
  }
}

export function plausibleFake(options: PlausibleFakeOptions): PlausibleFake {
  const queue: PlausibleFailure[] = [];
  const bodies: unknown[] = [];
  const base = options.url.replace(/\/+$/, '');

  const query = http.post(`${base}/api/v2/query`, async ({ request }) => {
    const auth = request.headers.get('authorization');
    if (!auth?.startsWith('Bearer ')) return error(401, 'Missing API key. Please use a valid Plausible API key as a Bearer Token.');
    const key = auth.slice(7).trim();
    const body = (await request.json()) as QueryBody;
    bodies.push(body);
    if (!body.site_id) return error(400, 'Missing site ID. Please provide the required site_id parameter with your request.');
    const known = options.keys.includes(key) || options.keysWithoutStatsApi?.includes(key);
    if (!known || body.site_id !== options.siteId) {
      return error(401, "Invalid API key or site ID. Please make sure you're using a valid API key with access to the site you've requested.");
    }
    if (options.keysWithoutStatsApi?.includes(key)) {
      return error(402, "The account that owns this API key does not have access to Stats API. Please make sure you're using the API key of a subscriber account and that the subscription plan includes Stats API");
    }
    const next = queue.shift();
    if (next === 'rate_limit') return error(429, 'Too many API requests. Your API key is limited to 600 requests per hour. Please contact us to request more capacity.');
    if (next === 'server_error') return new HttpResponse('Internal Server Error', { status: 500, headers: { 'Content-Type': 'text/plain' } });
    if (next === 'not_json') return new HttpResponse('<html><title>Plausible · Login</title></html>', { status: 200, headers: { 'Content-Type': 'text/html' } });
    try {
      if (!Array.isArray(body.date_range) || body.date_range.length !== 2) throw new BadRequest('#/date_range: Invalid date range');
      const [from, to] = body.date_range;
      const metrics = body.metrics ?? [];
      if (metrics.length === 0) throw new BadRequest('#/metrics: Expected a minimum of 1 items but got 0.');
      // `events` filtered by a goal: "Total Conversions" (Stats API v2 reference, metrics).
      if (metrics.length === 1 && metrics[0] === 'events' && goalOf(body.filters ?? [])) {
        const matching = (options.conversions ?? []).filter((c) => c.date >= from && c.date <= to && (body.filters ?? []).every((f) => matchesConversion(f, c)));
        const dims = body.dimensions ?? [];
        for (const d of dims) if (d !== 'time:month') throw new BadRequest(`#/dimensions/0: Invalid dimension '${d}' (this fake knows time:month)`);
        const total = (cs: PlausibleConversion[]) => cs.reduce((sum, c) => sum + c.count, 0);
        let results: Array<{ metrics: number[]; dimensions: string[] }>;
        if (dims.length === 0) results = [{ metrics: [total(matching)], dimensions: [] }];
        else {
          const byMonth = new Map<string, PlausibleConversion[]>();
          for (const c of matching) byMonth.set(`${c.date.slice(0, 7)}-01`, [...(byMonth.get(`${c.date.slice(0, 7)}-01`) ?? []), c]);
          results = [...byMonth.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([month, cs]) => ({ metrics: [total(cs)], dimensions: [month] }));
        }
        return HttpResponse.json({ results, meta: {}, query: { ...body, filters: body.filters ?? [], dimensions: dims } });
      }
      for (const m of metrics) if (m !== 'pageviews' && m !== 'visitors') throw new BadRequest(`#/metrics/0: Invalid metric "${m}"`);
      const dimensions = body.dimensions ?? [];
      for (const d of dimensions) if (d !== 'time:month') throw new BadRequest(`#/dimensions/0: Invalid dimension '${d}' (this fake knows time:month)`);
      const matching = options.events.filter((e) => e.date >= from && e.date <= to && (body.filters ?? []).every((f) => matchesFilter(f, e)));
      const valuesOf = (events: PlausibleEvent[]) => metrics.map((m) => (m === 'pageviews' ? events.reduce((s, e) => s + e.views, 0) : new Set(events.map((e) => e.visitorId)).size));
      if (next === 'missing_fields') return HttpResponse.json({ results: [{ dimensions: [] }], meta: {}, query: body });
      let results: Array<{ metrics: number[]; dimensions: string[] }>;
      if (dimensions.length === 0) results = [{ metrics: valuesOf(matching), dimensions: [] }];
      else {
        // time:month buckets are named by the month's first day; buckets without events are omitted.
        const byMonth = new Map<string, PlausibleEvent[]>();
        for (const e of matching) byMonth.set(`${e.date.slice(0, 7)}-01`, [...(byMonth.get(`${e.date.slice(0, 7)}-01`) ?? []), e]);
        results = [...byMonth.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([month, events]) => ({ metrics: valuesOf(events), dimensions: [month] }));
      }
      const limit = body.pagination?.limit ?? 10_000;
      const offset = body.pagination?.offset ?? 0;
      if (next === 'empty_results') results = [];
      return HttpResponse.json({
        results: results.slice(offset, offset + limit),
        meta: {},
        query: { ...body, filters: body.filters ?? [], dimensions, order_by: [], include: {}, pagination: { limit, offset } },
      });
    } catch (e) {
      if (e instanceof BadRequest) return error(400, e.message);
      throw e;
    }
  });

  return { handlers: [query], failNext: (...f) => void queue.push(...f), bodies };
}
