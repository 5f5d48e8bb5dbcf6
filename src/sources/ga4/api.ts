// The runReport body for one metric in one period. One date range and only the yearMonth
// dimension, so GA4 answers with (at most) one row: activeUsers is a distinct count and cannot be
// summed over rows split by page or day.
import type { Period } from '../../periods/periods.ts';
import { periodDates } from '../../periods/names.ts';
import type { PageQuery, SignupsQuery, WebAnalyticsQuery } from '../web-analytics-query.ts';

export const GA4_METRIC = { pageviews: 'screenPageViews', visitors: 'activeUsers' } as const;

// Paths are case-sensitive on the web; GA4 string filters default to case-insensitive.
const pagePath = (matchType: string, value: string) => ({
  filter: { fieldName: 'pagePath', stringFilter: { matchType, value, caseSensitive: true } },
});

/**
 * `path_prefixes` → BEGINS_WITH (OR-ed in an orGroup); `path_regex` → PARTIAL_REGEXP, an
 * unanchored RE2 search like Plausible's `matches`, so the same goals entry means the same pages
 * on both sources (anchor with ^ and $ to match whole paths).
 */
export function dimensionFilter(query: PageQuery): object | undefined {
  if (query.path_regex !== undefined) return pagePath('PARTIAL_REGEXP', query.path_regex);
  const prefixes = query.path_prefixes ?? [];
  if (prefixes.length === 0) return undefined;
  if (prefixes.length === 1) return pagePath('BEGINS_WITH', prefixes[0] ?? '');
  return { orGroup: { expressions: prefixes.map((p) => pagePath('BEGINS_WITH', p)) } };
}

const exact = (fieldName: string, value: string) => ({ filter: { fieldName, stringFilter: { matchType: 'EXACT', value, caseSensitive: true } } });

/**
 * Sign-ups attributed to DevRel content: the key event `keyEvents:<event>` counted for sessions
 * whose landing page begins with a prefix (landingPagePlusQueryString, session-scoped) OR whose
 * user was first acquired from a listed source / medium or campaign (firstUserSourceMedium,
 * firstUserCampaignName: user-scoped first-touch attribution), all OR-ed in one orGroup.
 */
export function signupsFilter(query: SignupsQuery): object {
  const expressions = [
    ...(query.landing_page_prefixes ?? []).map((p) => ({ filter: { fieldName: 'landingPagePlusQueryString', stringFilter: { matchType: 'BEGINS_WITH', value: p, caseSensitive: true } } })),
    ...(query.source_mediums ?? []).map((sm) => exact('firstUserSourceMedium', sm)),
    ...(query.campaigns ?? []).map((c) => exact('firstUserCampaignName', c)),
  ];
  return expressions.length === 1 ? (expressions[0] ?? {}) : { orGroup: { expressions } };
}

/**
 * One date range split by the yearMonth dimension: one row per month, each computed by GA4 for
 * that month alone (so activeUsers stays a distinct count per month). A single month is the same
 * request with a range of one month; a backfill asks for a run of months at once.
 */
export function runReportBody(query: WebAnalyticsQuery, periods: readonly Period[]): object {
  const filter = query.kind === 'signups' ? signupsFilter(query) : dimensionFilter(query);
  const first = periods[0];
  const last = periods.at(-1);
  if (!first || !last) throw new Error('runReportBody needs at least one period');
  return {
    dateRanges: [{ startDate: periodDates(first).startDate, endDate: periodDates(last).endDate }],
    dimensions: [{ name: 'yearMonth' }],
    metrics: [{ name: query.kind === 'signups' ? `keyEvents:${query.event}` : GA4_METRIC[query.kind] }],
    ...(filter ? { dimensionFilter: filter } : {}),
    // One row per month at most: ask for all of them (GA4 pages at `limit`, default 10,000).
    limit: Math.max(10, periods.length),
    returnPropertyQuota: true,
  };
}

/** GA4's yearMonth value of a period: "202610". */
export const yearMonth = (period: Period) => period.label.replace('-', '');
