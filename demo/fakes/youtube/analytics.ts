// YouTube Analytics API v2 `GET /v2/reports` (https://developers.google.com/youtube/analytics/reference/reports/query)
// for one channel: a bearer token the token endpoint issued, with an analytics scope AND the
// youtube.readonly scope (see README.md); `ids=channel==MINE` reports the channel the token's
// account owns, `ids=channel==<id>` of any other channel is 403 Forbidden; with `dimensions=month` the range must start on a 1st and end on a month's last day; the
// columns follow the requested metric order, and months without activity have no row.
import { http, HttpResponse, type RequestHandler } from 'msw';
import { badRequest, faultResponse, forbidden, googleError, invalidCredentials } from './google-errors.ts';
import { type MonthFigures, ownedChannel, YT_ANALYTICS_SCOPE, YT_READONLY_SCOPE, type YoutubeFake } from './state.ts';

const ANALYTICS_SCOPES = [YT_ANALYTICS_SCOPE, 'https://www.googleapis.com/auth/yt-analytics-monetary.readonly'];
/** `youtube` (manage) includes what `youtube.readonly` (view) grants. */
const YOUTUBE_SCOPES = [YT_READONLY_SCOPE, 'https://www.googleapis.com/auth/youtube'];

const METRICS = ['views', 'subscribersGained', 'estimatedMinutesWatched'] as const satisfies ReadonlyArray<keyof MonthFigures>;
type Metric = (typeof METRICS)[number];
const isMetric = (name: string): name is Metric => (METRICS as readonly string[]).includes(name);

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const UNSUPPORTED = 'The query is not supported. Check the documentation at https://developers.google.com/youtube/analytics/v2/available_reports for a list of supported queries.';

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function youtubeAnalyticsHandlers(analyticsUrl: string, fake: YoutubeFake): RequestHandler[] {
  const base = analyticsUrl.replace(/\/+$/, '');
  return [
    http.get(`${base}/v2/reports`, ({ request }) => {
      fake.requests.analytics.push(request.url);
      const fault = fake.faults.analytics.shift();
      if (fault) return faultResponse(fault);
      const token = fake.tokenServer?.tokenFor(request.headers.get('authorization'));
      if (!token) return invalidCredentials();
      const has = (accepted: string[]) => token.scopes.some((s) => accepted.includes(s));
      if (!has(ANALYTICS_SCOPES) || !has(YOUTUBE_SCOPES)) {
        const message = 'Request had insufficient authentication scopes.';
        return googleError(403, 'PERMISSION_DENIED', message, [{ message: 'Insufficient Permission', domain: 'global', reason: 'insufficientPermissions' }]);
      }

      const params = new URL(request.url).searchParams;
      const ids = params.get('ids');
      if (ids === null) return badRequest('Required parameter: ids');
      const owned = ownedChannel(fake);
      if (ids !== 'channel==MINE' && ids !== `channel==${owned}`) return forbidden();
      // The figures held are those of fake.channelId: another owned channel had no activity.
      const months: Record<string, MonthFigures> = owned === fake.channelId ? fake.months : {};

      const start = DATE.exec(params.get('startDate') ?? '');
      const end = DATE.exec(params.get('endDate') ?? '');
      if (!start || !end) return badRequest('Required parameter: startDate / endDate (YYYY-MM-DD)');
      const metrics = (params.get('metrics') ?? '').split(',').filter((m) => m !== '');
      if (metrics.length === 0) return badRequest('Required parameter: metrics');
      const unknown = metrics.find((m) => !isMetric(m));
      if (unknown !== undefined) return badRequest(`Unknown identifier (${unknown}) given in field parameters.metrics.`);
      const wanted = metrics.filter(isMetric);

      const dimensions = params.get('dimensions');
      if (dimensions !== null && dimensions !== 'month') return badRequest(UNSUPPORTED);
      const [, sy, sm, sd] = start.map(Number);
      const [, ey, em, ed] = end.map(Number);
      if (sy === undefined || sm === undefined || sd === undefined || ey === undefined || em === undefined || ed === undefined) return badRequest(UNSUPPORTED);
      if (dimensions === 'month' && (sd !== 1 || ed !== lastDayOfMonth(ey, em))) return badRequest(UNSUPPORTED);

      const startLabel = `${String(sy)}-${String(sm).padStart(2, '0')}`;
      const endLabel = `${String(ey)}-${String(em).padStart(2, '0')}`;
      const inRange = Object.keys(months)
        .filter((label) => label >= startLabel && label <= endLabel)
        .sort();
      const columnHeaders = [...(dimensions === 'month' ? [{ name: 'month', columnType: 'DIMENSION', dataType: 'STRING' }] : []), ...wanted.map((name) => ({ name, columnType: 'METRIC', dataType: 'INTEGER' }))];
      let rows: Array<Array<string | number>>;
      if (dimensions === 'month') {
        rows = inRange.map((label) => [label, ...wanted.map((m) => months[label]?.[m] ?? 0)]);
      } else {
        rows = inRange.length === 0 ? [] : [wanted.map((m) => inRange.reduce((sum, label) => sum + (months[label]?.[m] ?? 0), 0))];
      }
      // An empty result has no `rows` member at all.
      return HttpResponse.json({ kind: 'youtubeAnalytics#resultTable', columnHeaders, ...(rows.length > 0 ? { rows } : {}) });
    }),
  ];
}
