// The npm downloads API (api.npmjs.org) as github.com/npm/registry docs/download-counts.md
// describes it; README.md beside this file cites each behaviour.
import { http, HttpResponse, type RequestHandler } from 'msw';

export type NpmFailure = 'rate_limit' | 'server_error' | 'not_json';

export interface NpmFakeOptions {
  url: string;
  /** Downloads per package per UTC day ("YYYY-MM-DD" → count); a package not here is unknown (404). */
  packages: Record<string, Record<string, number>>;
  /** The last day npm has counted (later days of a range are cut off); default: no cut. */
  lastDay?: string;
}

export interface NpmFake {
  handlers: RequestHandler[];
  failNext(...failures: NpmFailure[]): void;
  /** Paths asked, in order ("2026-09-01:2026-12-31/@acme/widget"). */
  asked: string[];
}

/** "Limits": the earliest date for which data will be returned. */
const EARLIEST = '2015-01-10';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** "All other queries are limited to at most 18 months of data": the end may not pass start + 18 months. */
function within18Months(start: string, end: string): boolean {
  const s = new Date(`${start}T00:00:00Z`);
  const limit = new Date(Date.UTC(s.getUTCFullYear(), s.getUTCMonth() + 18, s.getUTCDate()));
  return Date.parse(`${end}T00:00:00Z`) < limit.getTime();
}

export function npmFake(options: NpmFakeOptions): NpmFake {
  const queue: NpmFailure[] = [];
  const asked: string[] = [];
  const base = options.url.replace(/\/+$/, '');
  const error = (status: number, message: string) => HttpResponse.json({ error: message }, { status });

  const range = http.get(`${base}/downloads/range/*`, ({ request }) => {
    const path = decodeURIComponent(new URL(request.url).pathname.slice(new URL(`${base}/downloads/range/`).pathname.length));
    asked.push(path);
    const next = queue.shift();
    if (next === 'rate_limit') return new HttpResponse('Too Many Requests', { status: 429, headers: { 'content-type': 'text/plain' } });
    if (next === 'server_error') return new HttpResponse('Internal Server Error', { status: 500, headers: { 'content-type': 'text/plain' } });
    if (next === 'not_json') return new HttpResponse('<html><title>Cloudflare</title></html>', { status: 200, headers: { 'content-type': 'text/html' } });
    const slash = path.indexOf('/');
    const period = slash < 0 ? path : path.slice(0, slash);
    const names = slash < 0 ? '' : path.slice(slash + 1);
    const [start = '', end = ''] = period.split(':');
    if (!DAY.test(start) || !DAY.test(end) || end < start) return error(400, 'invalid date range');
    if (!within18Months(start, end)) return error(400, 'range must be less than 18 months');
    // "Bulk Queries": scoped packages are not supported in a comma-separated list.
    if (names.includes(',')) return error(400, 'bulk queries are not supported by this fake');
    const days = options.packages[names];
    if (days === undefined) return error(404, `package ${names} not found`);
    const from = start < EARLIEST ? EARLIEST : start;
    const to = options.lastDay !== undefined && options.lastDay < end ? options.lastDay : end;
    const downloads: Array<{ day: string; downloads: number }> = [];
    for (let day = from; day <= to; day = addDays(day, 1)) downloads.push({ day, downloads: days[day] ?? 0 });
    return HttpResponse.json({ start: from, end: to, package: names, downloads });
  });

  return { handlers: [range], failNext: (...f) => void queue.push(...f), asked };
}
