// The GA4 Data API's runReport (v1beta) over a list of page-view events, so numbers are computed
// the way GA4 computes them: screenPageViews sums, activeUsers counts DISTINCT users per row (a
// client that splits by page and adds rows up gets a bigger, wrong number). Every value is a
// string, `rows`/`rowCount` are absent when nothing matched, errors use Google's envelope
// ({"error":{code,message,status}}), and 429 RESOURCE_EXHAUSTED carries no Retry-After.
import { http, HttpResponse, type RequestHandler } from 'msw';
import type { GoogleOAuthFake } from '../google-oauth/index.ts';

export interface PageViewEvent {
  /** "YYYY-MM-DD" in the property's time zone. */
  date: string;
  path: string;
  userId: string;
  views: number;
}

/**
 * Key events (sign-ups, trials) with the session's landing page and the user's first-touch
 * acquisition, for `keyEvents:<event_name>` metrics.
 */
export interface KeyEventRecord {
  /** "YYYY-MM-DD" in the property's time zone. */
  date: string;
  /** The event name, e.g. sign_up. */
  name: string;
  /** landingPagePlusQueryString: the session's first page, path and query string. */
  landingPage: string;
  /** firstUserSourceMedium, e.g. "youtube / video"; "(direct) / (none)" when unknown. */
  firstUserSourceMedium: string;
  /** firstUserCampaignName; "(direct)" or "(not set)" when none. */
  firstUserCampaign: string;
  count: number;
}

export type Ga4Failure = 'quota' | 'server_error' | 'missing_fields' | 'not_numeric' | 'not_json';

export interface Ga4FakeOptions {
  apiUrl: string;
  property: string;
  /** Service accounts with Viewer on the property. */
  viewers: string[];
  oauth: GoogleOAuthFake;
  events: PageViewEvent[];
  keyEvents?: KeyEventRecord[];
}

export interface Ga4Fake {
  handlers: RequestHandler[];
  failNext(...failures: Ga4Failure[]): void;
  /** Bodies of the runReport requests, as sent. */
  bodies: unknown[];
}

const googleError = (code: number, status: string, message: string) => HttpResponse.json({ error: { code, message, status } }, { status: code });

interface StringFilter {
  matchType?: string;
  value?: string;
  caseSensitive?: boolean;
}
interface FilterExpression {
  filter?: { fieldName?: string; stringFilter?: StringFilter };
  orGroup?: { expressions?: FilterExpression[] };
  andGroup?: { expressions?: FilterExpression[] };
  notExpression?: FilterExpression;
}
interface RunReportBody {
  dateRanges?: Array<{ startDate?: string; endDate?: string }>;
  dimensions?: Array<{ name?: string }>;
  metrics?: Array<{ name?: string }>;
  dimensionFilter?: FilterExpression;
  returnPropertyQuota?: boolean;
  limit?: number | string;
  offset?: number | string;
}

const DIMENSIONS: Record<string, (e: PageViewEvent) => string> = {
  yearMonth: (e) => e.date.slice(0, 7).replace('-', ''),
  date: (e) => e.date.replaceAll('-', ''),
  pagePath: (e) => e.path,
};
const METRICS = ['screenPageViews', 'activeUsers'];
const KEY_EVENT_DIMENSIONS: Record<string, (e: KeyEventRecord) => string> = {
  yearMonth: (e) => e.date.slice(0, 7).replace('-', ''),
  date: (e) => e.date.replaceAll('-', ''),
  landingPagePlusQueryString: (e) => e.landingPage,
  firstUserSourceMedium: (e) => e.firstUserSourceMedium,
  firstUserCampaignName: (e) => e.firstUserCampaign,
};

class InvalidArgument extends Error {}

function stringMatch(filter: StringFilter, text: string): boolean {
  const sensitive = filter.caseSensitive === true;
  const value = sensitive ? (filter.value ?? '') : (filter.value ?? '').toLowerCase();
  const subject = sensitive ? text : text.toLowerCase();
  const regex = () => {
    try {
      return new RegExp(filter.value ?? '', sensitive ? '' : 'i');
    } catch {
      throw new InvalidArgument(`Invalid regular expression: ${filter.value ?? ''}`);
    }
  };
  switch (filter.matchType ?? 'EXACT') {
    case 'EXACT':
      return subject === value;
    case 'BEGINS_WITH':
      return subject.startsWith(value);
    case 'ENDS_WITH':
      return subject.endsWith(value);
    case 'CONTAINS':
      return subject.includes(value);
    case 'FULL_REGEXP':
      return new RegExp(`^(?:${regex().source})$`, regex().flags).test(text);
    case 'PARTIAL_REGEXP':
      return regex().test(text);
    default:
      throw new InvalidArgument(`Invalid value at 'dimension_filter.filter.string_filter.match_type' (${filter.matchType})`);
  }
}

function matches<E>(expression: FilterExpression | undefined, event: E, dimensions: Record<string, (e: E) => string>): boolean {
  if (!expression) return true;
  if (expression.orGroup) return (expression.orGroup.expressions ?? []).some((e) => matches(e, event, dimensions));
  if (expression.andGroup) return (expression.andGroup.expressions ?? []).every((e) => matches(e, event, dimensions));
  if (expression.notExpression) return !matches(expression.notExpression, event, dimensions);
  const field = expression.filter?.fieldName ?? '';
  const dimension = dimensions[field];
  if (!dimension) throw new InvalidArgument(`Field ${field} is not a valid dimension. For a list of valid dimensions and metrics, see https://developers.google.com/analytics/devguides/reporting/data/v1/api-schema`);
  if (!expression.filter?.stringFilter) throw new InvalidArgument('A filter must have one of string_filter, in_list_filter, numeric_filter, between_filter.');
  return stringMatch(expression.filter.stringFilter, dimension(event));
}

export function ga4Fake(options: Ga4FakeOptions): Ga4Fake {
  const queue: Ga4Failure[] = [];
  const bodies: unknown[] = [];
  let consumedToday = 0;

  /**
   * `keyEvents:<event_name>`: the count of that key event (every metric of the request must be one),
   * by the key-event dimensions; a month without a matching event has no row, as GA4 answers.
   */
  const keyEventReport = (body: RunReportBody, start: string, end: string, metrics: string[]): Record<string, unknown> => {
    const names = metrics.map((m) => {
      const name = /^keyEvents:(.+)$/.exec(m)?.[1];
      if (!name) throw new InvalidArgument(`Field ${m} is not a valid metric.`);
      return name;
    });
    const dims = (body.dimensions ?? []).map((d) => {
      const f = KEY_EVENT_DIMENSIONS[d.name ?? ''];
      if (!f) throw new InvalidArgument(`Field ${d.name ?? ''} is not a valid dimension.`);
      return f;
    });
    const groups = new Map<string, KeyEventRecord[]>();
    for (const event of options.keyEvents ?? []) {
      if (event.date < start || event.date > end || !matches(body.dimensionFilter, event, KEY_EVENT_DIMENSIONS)) continue;
      const key = JSON.stringify(dims.map((d) => d(event)));
      groups.set(key, [...(groups.get(key) ?? []), event]);
    }
    const rows = [...groups.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([key, events]) => ({
        dimensionValues: (JSON.parse(key) as string[]).map((value) => ({ value })),
        metricValues: names.map((name) => ({ value: String(events.filter((e) => e.name === name).reduce((s, e) => s + e.count, 0)) })),
      }))
      .filter((r) => r.metricValues.some((v) => v.value !== '0'));
    return {
      dimensionHeaders: (body.dimensions ?? []).map((d) => ({ name: d.name })),
      metricHeaders: metrics.map((name) => ({ name, type: 'TYPE_INTEGER' })),
      ...(rows.length > 0 ? { rows, rowCount: rows.length } : {}),
      metadata: { currencyCode: 'USD', timeZone: 'Etc/UTC' },
      kind: 'analyticsData#runReport',
    };
  };

  const runReport = http.post(`${options.apiUrl}/v1beta/properties/*`, async ({ request }) => {
    const match = /\/v1beta\/properties\/([^/:]+):runReport$/.exec(new URL(request.url).pathname);
    if (!match) return googleError(404, 'NOT_FOUND', 'Requested entity was not found.');
    const token = options.oauth.tokenFor(request.headers.get('authorization'));
    if (!token) {
      return googleError(
        401,
        'UNAUTHENTICATED',
        'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
      );
    }
    if (!token.scopes.includes('https://www.googleapis.com/auth/analytics.readonly')) {
      return googleError(403, 'PERMISSION_DENIED', 'Request had insufficient authentication scopes.');
    }
    if (match[1] !== options.property || !options.viewers.includes(token.subject)) {
      return googleError(403, 'PERMISSION_DENIED', 'User does not have sufficient permissions for this property. To learn more about Property ID, see https://developers.google.com/analytics/devguides/reporting/data/v1/property-id.');
    }
    const body = (await request.json()) as RunReportBody;
    bodies.push(body);
    const next = queue.shift();
    if (next === 'quota') return googleError(429, 'RESOURCE_EXHAUSTED', 'Exhausted property tokens per hour for a property. The default property token per hour quota is 5000.');
    if (next === 'server_error') return googleError(503, 'UNAVAILABLE', 'The service is currently unavailable.');
    if (next === 'not_json') return new HttpResponse('<html><title>Error 502 (Server Error)!!1</title></html>', { status: 200, headers: { 'Content-Type': 'text/html' } });

    try {
      const range = body.dateRanges?.[0];
      if (!range?.startDate || !range.endDate || body.dateRanges?.length !== 1) throw new InvalidArgument('This fake supports exactly one date range with startDate and endDate.');
      const dims = (body.dimensions ?? []).map((d) => {
        const f = DIMENSIONS[d.name ?? ''];
        if (!f) throw new InvalidArgument(`Field ${d.name ?? ''} is not a valid dimension.`);
        return f;
      });
      const metrics = (body.metrics ?? []).map((m) => m.name ?? '');
      if (metrics.length === 0) throw new InvalidArgument('Metrics are required.');
      if (metrics.some((m) => m.startsWith('keyEvents:'))) return HttpResponse.json(keyEventReport(body, range.startDate, range.endDate, metrics));
      for (const m of metrics) if (!METRICS.includes(m)) throw new InvalidArgument(`Field ${m} is not a valid metric.`);

      const groups = new Map<string, PageViewEvent[]>();
      for (const event of options.events) {
        if (event.date < range.startDate || event.date > range.endDate || !matches(body.dimensionFilter, event, DIMENSIONS)) continue;
        const key = JSON.stringify(dims.map((d) => d(event)));
        groups.set(key, [...(groups.get(key) ?? []), event]);
      }
      consumedToday += 3;
      const rows = [...groups.entries()]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([key, events]) => ({
          dimensionValues: (JSON.parse(key) as string[]).map((value) => ({ value })),
          metricValues: metrics.map((m) => ({
            value: m === 'screenPageViews' ? String(events.reduce((s, e) => s + e.views, 0)) : String(new Set(events.map((e) => e.userId)).size),
          })),
        }));
      const answer: Record<string, unknown> = {
        dimensionHeaders: (body.dimensions ?? []).map((d) => ({ name: d.name })),
        metricHeaders: metrics.map((name) => ({ name, type: 'TYPE_INTEGER' })),
        metadata: { currencyCode: 'USD', timeZone: 'Etc/UTC' },
        kind: 'analyticsData#runReport',
      };
      // GA4 pages rows at `limit` (default 10,000, at most 250,000) from `offset`; rowCount is the total.
      const limit = Number(body.limit ?? 10_000);
      const offset = Number(body.offset ?? 0);
      if (!Number.isInteger(limit) || limit < 0 || limit > 250_000) throw new InvalidArgument(`limit must be between 0 and 250000 (got ${String(body.limit)})`);
      const pageRows = rows.slice(offset, offset + (limit === 0 ? 10_000 : limit));
      if (pageRows.length > 0) {
        const rows = pageRows;
        answer.rows = next === 'missing_fields' ? rows.map((r) => ({ dimensionValues: r.dimensionValues })) : next === 'not_numeric' ? rows.map((r) => ({ ...r, metricValues: [{ value: 'n/a' }] })) : rows;
        answer.rowCount = rows.length;
      }
      if (body.returnPropertyQuota) {
        answer.propertyQuota = {
          tokensPerDay: { consumed: 3, remaining: 200_000 - consumedToday },
          tokensPerHour: { consumed: 3, remaining: 40_000 - consumedToday },
          concurrentRequests: { consumed: 0, remaining: 10 },
          serverErrorsPerProjectPerHour: { consumed: 0, remaining: 10 },
          potentiallyThresholdedRequestsPerHour: { consumed: 0, remaining: 120 },
          tokensPerProjectPerHour: { consumed: 3, remaining: 14_000 - consumedToday },
        };
      }
      return HttpResponse.json(answer);
    } catch (error) {
      if (error instanceof InvalidArgument) return googleError(400, 'INVALID_ARGUMENT', error.message);
      throw error;
    }
  });

  return { handlers: [runReport], failNext: (...f) => void queue.push(...f), bodies };
}
