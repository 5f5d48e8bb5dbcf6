// The Stats API v2 query for one metric in one period: the period total, so no time dimension.
import type { Period } from '../../periods/periods.ts';
import { periodDates, type WebAnalyticsQuery } from '../web-analytics-query.ts';

/** Escapes RE2 metacharacters so a prefix like "/c++/" or "/v1.0" is matched literally. */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Prefixes become anchored regexes in one `matches` filter (its values are OR-ed); `path_regex`
 * is passed as is — Plausible's `matches` is an unanchored search, like GA4's PARTIAL_REGEXP.
 */
export function pageFilters(query: WebAnalyticsQuery): Array<[string, string, string[]]> {
  if (query.path_regex !== undefined) return [['matches', 'event:page', [query.path_regex]]];
  if (query.path_prefixes && query.path_prefixes.length > 0) {
    return [['matches', 'event:page', query.path_prefixes.map((p) => `^${escapeRegex(p)}`)]];
  }
  return [];
}

export function queryBody(siteId: string, query: WebAnalyticsQuery, period: Period): object {
  const { startDate, endDate } = periodDates(period);
  const filters = pageFilters(query);
  return {
    site_id: siteId,
    metrics: [query.kind],
    // Local dates: Plausible reads them in the site's own time zone.
    date_range: [startDate, endDate],
    ...(filters.length > 0 ? { filters } : {}),
  };
}
