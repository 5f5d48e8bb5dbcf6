// The Stats API v2 query for one metric in one period: the period total, so no time dimension.
import type { Period } from '../../goals/periods.ts';
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

/**
 * One month: the period total (no dimension). A run of months: one request with the
 * `time:month` dimension, one result per month (named by its first day; empty months omitted),
 * each computed for that month alone, so `visitors` stays a distinct count per month.
 */
export function queryBody(siteId: string, query: WebAnalyticsQuery, periods: readonly Period[]): object {
  const first = periods[0];
  const last = periods.at(-1);
  if (!first || !last) throw new Error('queryBody needs at least one period');
  const filters = pageFilters(query);
  return {
    site_id: siteId,
    metrics: [query.kind],
    // Local dates: Plausible reads them in the site's own time zone.
    date_range: [periodDates(first).startDate, periodDates(last).endDate],
    ...(filters.length > 0 ? { filters } : {}),
    ...(periods.length > 1 ? { dimensions: ['time:month'] } : {}),
  };
}
