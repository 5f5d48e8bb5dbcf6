// The Stats API v2 queries: one month's total (no dimension), or a run of months split by time:month.
import type { SourceContext } from '../types.ts';
import type { PlausibleConfig } from './config.ts';
import { queryResponseSchema, type QueryResponse } from './responses.ts';
import type { Period } from '../../periods/periods.ts';
import { periodDates } from '../../periods/names.ts';
import type { PageQuery, SignupsQuery, WebAnalyticsQuery } from '../web-analytics-query.ts';

/** Escapes RE2 metacharacters so a prefix like "/c++/" or "/v1.0" is matched literally. */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Prefixes become anchored regexes in one `matches` filter (its values are OR-ed); `path_regex`
 * is passed as is — Plausible's `matches` is an unanchored search, like GA4's PARTIAL_REGEXP.
 */
export function pageFilters(query: PageQuery): Array<[string, string, string[]]> {
  if (query.path_regex !== undefined) return [['matches', 'event:page', [query.path_regex]]];
  if (query.path_prefixes && query.path_prefixes.length > 0) {
    return [['matches', 'event:page', query.path_prefixes.map((p) => `^${escapeRegex(p)}`)]];
  }
  return [];
}

/** A Stats API v2 filter: simple `[operator, dimension, clauses]` or logical `["or" | "and", [filters]]`. */
export type StatsFilter = [string, string, string[]] | ['or' | 'and', StatsFilter[]];

/**
 * Sign-ups: the goal's conversions (`events` filtered by `event:goal` is "Total Conversions") of
 * visits whose entry page starts with a prefix, OR whose UTM source and medium, OR campaign, are
 * listed (visit dimensions: the session's first pageview).
 */
export function signupsFilters(query: SignupsQuery): StatsFilter[] {
  const any: StatsFilter[] = [
    ...(query.landing_page_prefixes?.length ? [['matches', 'visit:entry_page', query.landing_page_prefixes.map((p) => `^${escapeRegex(p)}`)] as StatsFilter] : []),
    ...(query.source_mediums ?? []).map((sm): StatsFilter => {
      const [source = '', medium = ''] = sm.split(' / ');
      return [
        'and',
        [
          ['is', 'visit:utm_source', [source]],
          ['is', 'visit:utm_medium', [medium]],
        ],
      ];
    }),
    ...(query.campaigns?.length ? [['is', 'visit:utm_campaign', query.campaigns] as StatsFilter] : []),
  ];
  const which = any.length === 1 ? (any[0] as StatsFilter) : (['or', any] as StatsFilter);
  return [['is', 'event:goal', [query.event]], which];
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
  const filters = query.kind === 'signups' ? signupsFilters(query) : pageFilters(query);
  return {
    site_id: siteId,
    metrics: [query.kind === 'signups' ? 'events' : query.kind],
    // Local dates: Plausible reads them in the site's own time zone.
    date_range: [periodDates(first).startDate, periodDates(last).endDate],
    ...(filters.length > 0 ? { filters } : {}),
    ...(periods.length > 1 ? { dimensions: ['time:month'] } : {}),
  };
}

/** POSTs one Stats API v2 query. A 402 (the plan has no Stats API) is a credentials problem, mapped per request. */
export async function postQuery(ctx: SourceContext, name: string, config: PlausibleConfig, body: object, what: string): Promise<QueryResponse> {
  const base = config.url.replace(/\/+$/, '');
  const key = ctx.secret(config.api_key_env);
  const res = await ctx.http.request({
    method: 'POST',
    url: `${base}/api/v2/query`,
    headers: { Authorization: `Bearer ${key}` },
    json: body,
    schema: queryResponseSchema,
    what,
    authHint: `${config.api_key_env} must hold a Plausible Stats API key of a member of the team that owns "${config.site_id}" (sources.${name}.site_id must be the site's domain as registered).`,
    notFoundHint: `Check sources.${name}.url (${base}): the Stats API v2 lives at /api/v2/query (self-hosted Plausible CE 2.1 or later).`,
    statusMap: {
      402: () => ({ code: 'EAUTH', fix: `The account that owns ${config.api_key_env} needs a Plausible plan that includes the Stats API (Business), or use the API key of an account that has it.` }),
    },
  });
  return res.data;
}

/** The cheapest authenticated query: today's visitors of the site (verification before collecting). */
export function verifyBody(siteId: string, now: Date): object {
  const today = now.toISOString().slice(0, 10);
  return { site_id: siteId, metrics: ['visitors'], date_range: [today, today] };
}
