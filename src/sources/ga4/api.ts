// The runReport body for one metric in one period. One date range and only the yearMonth
// dimension, so GA4 answers with (at most) one row: activeUsers is a distinct count and cannot be
// summed over rows split by page or day.
import type { Period } from '../../periods/periods.ts';
import { periodDates } from '../../periods/names.ts';
import type { WebAnalyticsQuery } from '../web-analytics-query.ts';

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
export function dimensionFilter(query: WebAnalyticsQuery): object | undefined {
  if (query.path_regex !== undefined) return pagePath('PARTIAL_REGEXP', query.path_regex);
  const prefixes = query.path_prefixes ?? [];
  if (prefixes.length === 0) return undefined;
  if (prefixes.length === 1) return pagePath('BEGINS_WITH', prefixes[0] ?? '');
  return { orGroup: { expressions: prefixes.map((p) => pagePath('BEGINS_WITH', p)) } };
}

export function runReportBody(query: WebAnalyticsQuery, period: Period): object {
  const filter = dimensionFilter(query);
  return {
    dateRanges: [periodDates(period)],
    dimensions: [{ name: 'yearMonth' }],
    metrics: [{ name: GA4_METRIC[query.kind] }],
    ...(filter ? { dimensionFilter: filter } : {}),
    limit: 10,
    returnPropertyQuota: true,
  };
}

/** GA4's yearMonth value of a period: "202610". */
export const yearMonth = (period: Period) => period.label.replace('-', '');
