// A Discourse forum as the admin API and /about.json answer it (app/models/report.rb,
// app/controllers/admin/reports_controller.rb): Api-Key/Api-Username checked, per-day report
// points filtered by start_date/end_date (inclusive days), an ALL-TIME `report.total`, timeouts
// as 200 with `report.error`, 404 for unknown report types and for non-admin keys, and the real
// 429 body with Retry-After.
import { http, HttpResponse, type RequestHandler } from 'msw';
import { type DataExplorerRequest, type FakeExplorerQuery, runExplorerQuery } from './data-explorer.ts';

export { FakeSqlError, type FakeExplorerQuery } from './data-explorer.ts';

export interface Point {
  x: string;
  y: number;
}

/** One scripted misbehaviour, consumed by the next matching request. */
export type DiscourseFailure = 'rate_limit' | 'ip_rate_limit' | 'timeout' | 'exception' | 'server_error' | 'not_json' | 'missing_fields';

export interface DiscourseFakeOptions {
  url: string;
  /** The admin key the forum accepts (with `apiUsername`). */
  apiKey: string;
  apiUsername?: string;
  /** A non-admin key: valid, but admin routes answer 404. */
  userKey?: string;
  /** Every day's value per report type, all time (the fake filters by the requested range). */
  reports?: Record<string, Point[]>;
  /** `visits` as recent Discourse stacks it: desktop and mobile series. */
  visits?: { desktop: Point[]; mobile: Point[] } | Point[];
  activeUsers30Days?: number;
  /** Saved Data Explorer queries by id; the plugin counts as installed and enabled when set. */
  explorerQueries?: Record<number, FakeExplorerQuery>;
}

export interface DiscourseFake {
  handlers: RequestHandler[];
  /** Failures to serve before answering normally, in order. */
  failNext(...failures: DiscourseFailure[]): void;
  requests: Array<{ path: string; startDate: string | null; endDate: string | null; apiKey: string | null }>;
  /** Data Explorer runs received (after authentication), with the params as sent. */
  explorerRuns: DataExplorerRequest[];
}

const invalidAccess = () => HttpResponse.json({ errors: ['You are not permitted to view the requested resource. The API username or key is invalid.'], error_type: 'invalid_access' }, { status: 403 });
const notFound = () => HttpResponse.json({ errors: ['The requested URL or resource could not be found.'], error_type: 'not_found' }, { status: 404 });

function failure(kind: DiscourseFailure, type: string): Response {
  switch (kind) {
    case 'rate_limit':
      return HttpResponse.json(
        {
          errors: ['You’ve performed this action too many times. Please wait 37 seconds before trying again.'],
          error_type: 'rate_limit',
          extras: { wait_seconds: 37, time_left: '37 seconds' },
        },
        { status: 429, headers: { 'Retry-After': '37' } },
      );
    case 'ip_rate_limit':
      return new HttpResponse('Slow down, too many requests from this IP address', { status: 429, headers: { 'Content-Type': 'text/plain', 'Retry-After': '10' } });
    case 'timeout':
      return HttpResponse.json({ report: { type, title: type, data: null, total: null, error: 'timeout' } });
    case 'exception':
      return HttpResponse.json({ report: { type, title: type, data: null, total: null, error: 'exception' } });
    case 'server_error':
      return new HttpResponse('<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>', { status: 502, headers: { 'Content-Type': 'text/html' } });
    case 'not_json':
      return new HttpResponse('<!DOCTYPE html><html><head><title>Log In</title></head></html>', { status: 200, headers: { 'Content-Type': 'text/html' } });
    case 'missing_fields':
      return HttpResponse.json({ report: { type, title: type, total: 12 } });
  }
}

const inRange = (p: Point, start: string, end: string) => p.x >= start && p.x <= end;

export function discourseFake(options: DiscourseFakeOptions): DiscourseFake {
  const base = options.url.replace(/\/+$/, '');
  const queue: DiscourseFailure[] = [];
  const requests: DiscourseFake['requests'] = [];
  const username = options.apiUsername ?? 'system';

  /** undefined: anonymous; 'admin' / 'user': a valid key; Response: refused. */
  const authenticate = (request: Request): 'anonymous' | 'admin' | 'user' | Response => {
    const key = request.headers.get('api-key');
    if (key === null) return 'anonymous';
    if (request.headers.get('api-username') !== username) return invalidAccess();
    if (key === options.apiKey) return 'admin';
    if (options.userKey !== undefined && key === options.userKey) return 'user';
    return invalidAccess();
  };

  const report = http.get(`${base}/admin/reports/:type`, ({ request, params }) => {
    const url = new URL(request.url);
    const type = String(params.type).replace(/\.json$/, '');
    const startDate = url.searchParams.get('start_date');
    const endDate = url.searchParams.get('end_date');
    requests.push({ path: url.pathname, startDate, endDate, apiKey: request.headers.get('api-key') });
    const who = authenticate(request);
    if (who instanceof Response) return who;
    if (who !== 'admin') return notFound(); // admin routes are invisible to others
    const next = queue.shift();
    if (next) return failure(next, type);
    if (!startDate || !endDate) return HttpResponse.json({ errors: ['param is missing or the value is empty: start_date'] }, { status: 400 });
    const meta = { type, title: type, start_date: `${startDate}T00:00:00Z`, end_date: `${endDate}T23:59:59Z`, prev30Days: 7, error: null };
    if (type === 'visits' && options.visits) {
      if (Array.isArray(options.visits)) {
        const all = options.visits;
        return HttpResponse.json({ report: { ...meta, data: all.filter((p) => inRange(p, startDate, endDate)), total: all.reduce((s, p) => s + p.y, 0) } });
      }
      const { desktop, mobile } = options.visits;
      const series = [
        { req: 'desktop', label: 'Desktop', color: '#1EB8D1', data: desktop.filter((p) => inRange(p, startDate, endDate)) },
        { req: 'mobile', label: 'Mobile', color: '#9BC53D', data: mobile.filter((p) => inRange(p, startDate, endDate)) },
      ];
      const data = series.every((s) => s.data.length === 0) ? [] : series;
      return HttpResponse.json({ report: { ...meta, data, total: [...desktop, ...mobile].reduce((s, p) => s + p.y, 0) } });
    }
    const points = options.reports?.[type];
    if (!points) return notFound();
    const data = points.filter((p) => inRange(p, startDate, endDate));
    // total is all-time, as in Discourse: a source that reads it is wrong, and the tests show it.
    return HttpResponse.json({ report: { ...meta, data, total: points.reduce((s, p) => s + p.y, 0) } });
  });

  const about = http.get(`${base}/about.json`, ({ request }) => {
    const url = new URL(request.url);
    requests.push({ path: url.pathname, startDate: null, endDate: null, apiKey: request.headers.get('api-key') });
    const who = authenticate(request);
    if (who instanceof Response) return who;
    const next = queue.shift();
    if (next === 'missing_fields') return HttpResponse.json({ about: { title: 'Forum', stats: { topic_count: 10 } } });
    if (next) return failure(next, 'about');
    const n = options.activeUsers30Days ?? 0;
    return HttpResponse.json({
      about: {
        title: 'GitLab Forum',
        version: '3.4.0',
        stats: { topics_count: 41_000, posts_count: 180_000, users_count: 90_000, active_users_7_days: Math.round(n / 3), active_users_30_days: n, users_30_days: 310 },
      },
    });
  });

  const explorerRuns: DataExplorerRequest[] = [];
  const explorer = http.post(`${base}/admin/plugins/explorer/queries/:id/run`, async ({ request, params }) => {
    const url = new URL(request.url);
    requests.push({ path: url.pathname, startDate: null, endDate: null, apiKey: request.headers.get('api-key') });
    const who = authenticate(request);
    if (who instanceof Response) return who;
    // Admin routes, and the whole plugin when it is not enabled, are invisible: 404.
    if (who !== 'admin' || !options.explorerQueries) return notFound();
    const next = queue.shift();
    if (next === 'timeout' || next === 'exception') {
      // A statement timeout inside the plugin is a failed query (422), not a report error.
      return HttpResponse.json({ success: false, errors: ['ActiveRecord::QueryCanceled: PG::QueryCanceled: ERROR:  canceling statement due to statement timeout'] }, { status: 422 });
    }
    if (next === 'missing_fields') return HttpResponse.json({ success: true, errors: [], result_count: 1 });
    if (next) return failure(next, 'explorer');
    return runExplorerQuery(request, Number(params.id), options.explorerQueries, explorerRuns);
  });

  return { handlers: [report, about, explorer], failNext: (...f) => void queue.push(...f), requests, explorerRuns };
}
