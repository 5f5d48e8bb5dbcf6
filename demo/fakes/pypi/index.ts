// PyPI Stats (pypistats.org) as its API page describes it; README.md beside this file cites each
// behaviour.
import { http, HttpResponse, type RequestHandler } from 'msw';

export type PypiFailure = 'rate_limit' | 'server_error' | 'not_json';

export interface PypiFakeOptions {
  url: string;
  /** Downloads per project (normalised name) per UTC day, without and with mirrors. */
  projects: Record<string, Record<string, { without: number; with: number }>>;
  /** The last day counted ("updated once daily"); the series holds the 180 days ending there. */
  lastDay: string;
}

export interface PypiFake {
  handlers: RequestHandler[];
  failNext(...failures: PypiFailure[]): void;
  /** Paths and queries asked, in order ("/api/packages/acme-sdk/overall?mirrors=false"). */
  asked: string[];
}

/** Werkzeug's default error page (Flask's abort()). */
const werkzeug = (status: number, title: string, text: string) => new HttpResponse(`<!doctype html>\n<html lang=en>\n<title>${status} ${title}</title>\n<h1>${title}</h1>\n<p>${text}</p>\n`, { status, headers: { 'content-type': 'text/html; charset=utf-8' } });

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export function pypiFake(options: PypiFakeOptions): PypiFake {
  const queue: PypiFailure[] = [];
  const asked: string[] = [];
  const base = options.url.replace(/\/+$/, '');
  const first = addDays(options.lastDay, -179);

  const failure = (): Response | undefined => {
    const next = queue.shift();
    // Flask-Limiter answers Werkzeug's 429 page (pypistats.org is a Flask app with IP-based limits).
    if (next === 'rate_limit') return werkzeug(429, 'Too Many Requests', 'rate limit exceeded');
    if (next === 'server_error') return new HttpResponse('Internal Server Error', { status: 500, headers: { 'content-type': 'text/plain' } });
    if (next === 'not_json') return new HttpResponse('<html><title>PyPI Stats</title></html>', { status: 200, headers: { 'content-type': 'text/html' } });
    return undefined;
  };
  const notFound = () => werkzeug(404, 'Not Found', 'The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.');

  const overall = http.get(`${base}/api/packages/:project/overall`, ({ request, params }) => {
    const url = new URL(request.url);
    asked.push(url.pathname + url.search);
    const failed = failure();
    if (failed) return failed;
    const project = String(params.project);
    const days = options.projects[project];
    if (!days) return notFound();
    const mirrors = url.searchParams.get('mirrors');
    const data: Array<{ category: string; date: string; downloads: number }> = [];
    for (let day = first; day <= options.lastDay; day = addDays(day, 1)) {
      const counts = days[day] ?? { without: 0, with: 0 };
      if (mirrors !== 'false') data.push({ category: 'with_mirrors', date: day, downloads: counts.with });
      if (mirrors !== 'true') data.push({ category: 'without_mirrors', date: day, downloads: counts.without });
    }
    return HttpResponse.json({ data, package: project, type: 'overall_downloads' });
  });

  const recent = http.get(`${base}/api/packages/:project/recent`, ({ request, params }) => {
    const url = new URL(request.url);
    asked.push(url.pathname + url.search);
    const failed = failure();
    if (failed) return failed;
    const days = options.projects[String(params.project)];
    if (!days) return notFound();
    return HttpResponse.json({ data: { last_day: days[options.lastDay]?.without ?? 0 }, package: String(params.project), type: 'recent_downloads' });
  });

  return { handlers: [overall, recent], failNext: (...f) => void queue.push(...f), asked };
}
