// Discourse forum activity: calendar-period sums from the admin reports (an admin API key), or
// the public rolling 30-day active-user figure when no key is configured.
import { discourseKeyUnset } from '../../errors/env.ts';
import type { Period } from '../../periods/periods.ts';
import { periodDates } from '../../periods/names.ts';
import { MonthlyRange, rangeDates } from '../range.ts';
import { defineSource, type MetricOutcome, type SourceContext } from '../types.ts';
import { dailyVisitors, monthlyActiveUsers } from './active-users.ts';
import { discourseApi, type DiscourseApi } from './api.ts';
import { discourseConfigSchema, discourseKinds, discourseQuerySchema, type DiscourseQuery } from './config.ts';
import { visitsReportSchema } from './responses.ts';
import { dataExplorer } from './data-explorer.ts';

/** Report types that count things per day; their sum over the period is the period's count. */
const COUNT_REPORTS = { new_topics: 'topics', posts: 'posts', signups: 'signups' } as const;

/** The public about.json only knows the last 30 days: it cannot answer for an older period. */
const ABOUT_MAX_LAG_MS = 31 * 24 * 3600 * 1000;

function needAdminKey(api: DiscourseApi, kind: string): void {
  if (!api.hasAdminKey) {
    throw discourseKeyUnset({ kind, needs: 'needs the admin reports', scope: 'Admin > API > New key, scope "global" or "reports"' });
  }
}

/** Days of one report type (a stacked report's series added up per day), one month at a time. */
type Days = ReadonlyMap<string, number>;

function sumOfDays(days: Days): MetricOutcome {
  // `report.total` is an all-time count: the period's value is the sum of its days.
  let sum = 0;
  for (const y of days.values()) sum += y;
  return { value: sum, status: 'ok' };
}

function timeToFirstResponse(days: Days, period: Period): MetricOutcome {
  // Each day's value is the average hours to first reply of the topics created that day; the
  // report gives no topic counts, so the period's value is the plain mean of those daily values.
  if (days.size === 0) {
    return { value: null, status: 'unavailable', unit: 'hours', reason: `no topic created in ${period.label} has a first reply yet` };
  }
  let sum = 0;
  for (const y of days.values()) sum += y;
  const mean = sum / days.size;
  return { value: Math.round(mean * 100) / 100, status: 'ok', unit: 'hours', note: 'Mean of the daily average hours to first reply (days without new topics are skipped).' };
}

/**
 * Admin reports answer any start/end range with daily points, so a backfill asks each report
 * type once for its run of months and splits the days by month; one month asks for that month.
 */
function reportDays(api: DiscourseApi, log: SourceContext['log']): (type: string) => MonthlyRange<Days> {
  const ranges = new Map<string, MonthlyRange<Days>>();
  const fetchDays = async (type: string, periods: readonly Period[]): Promise<Map<string, Days>> => {
    const range = rangeDates(periods);
    const report = await api.report(type, range, visitsReportSchema);
    const byMonth = new Map<string, Map<string, number>>(periods.map((p) => [p.label, new Map<string, number>()]));
    for (const [day, y] of dailyVisitors(report)) {
      if (day < range.startDate || day > range.endDate) continue;
      const month = byMonth.get(day.slice(0, 7));
      month?.set(day, (month.get(day) ?? 0) + y);
    }
    return byMonth;
  };
  return (type) => {
    let range = ranges.get(type);
    if (!range) {
      range = new MonthlyRange<Days>({
        fetchRange: (run) => fetchDays(type, run),
        fetchMonth: async (period) => (await fetchDays(type, [period])).get(period.label) ?? new Map(),
        empty: new Map(),
        // A long range is the likeliest to hit Discourse's statement timeout: months one by one then.
        onFallback: (run, error) => log.info(`Discourse report "${type}" for ${run.length} months in one request failed (${error instanceof Error ? error.message : String(error)}); asking month by month`),
      });
      ranges.set(type, range);
    }
    return range;
  };
}

/** The report types a kind reads (none: data_explorer and active_users without a key). */
function reportTypesOf(query: DiscourseQuery, hasAdminKey: boolean): string[] {
  switch (query.kind) {
    case 'active_users':
      return hasAdminKey ? ['dau_by_mau', 'visits'] : [];
    case 'time_to_first_response':
      return ['time_to_first_response'];
    case 'data_explorer':
      return [];
    default:
      return [COUNT_REPORTS[query.kind]];
  }
}

async function activeUsers(api: DiscourseApi, days: (type: string) => MonthlyRange<Days>, period: Period, now: Date): Promise<MetricOutcome> {
  if (api.hasAdminKey) {
    const [ratio, visits] = await Promise.all([days('dau_by_mau').month(period), days('visits').month(period)]);
    return monthlyActiveUsers(ratio, visits, periodDates(period));
  }
  if (now.getTime() - period.end.getTime() > ABOUT_MAX_LAG_MS) {
    return {
      value: null,
      status: 'unavailable',
      reason: `without an admin key only the rolling 30-day figure of /about.json is available, which cannot describe ${period.label}`,
    };
  }
  const { about } = await api.about();
  const sampled = now.toISOString().slice(0, 10);
  return {
    value: about.stats.active_users_30_days,
    status: 'ok',
    estimate: true,
    note: `Estimate: rolling 30-day active users from /about.json, sampled on ${sampled} — not the calendar month ${period.label} (set api_key_env to an admin key for that).`,
  };
}

export const discourseSource = defineSource({
  type: 'discourse',
  summary: 'A Discourse forum: active users (exact with Data Explorer, else estimated), new topics, posts, signups, time to first response.',
  configSchema: discourseConfigSchema,
  querySchema: discourseQuerySchema,
  kinds: discourseKinds,
  connectionSettings: ['api_username'],
  createCollector: (ctx, _name, config) => {
    const api = discourseApi(ctx, config);
    const days = reportDays(api, ctx.log);
    const explorer = dataExplorer(api, ctx.log);
    return {
      prefetch({ query }, periods) {
        if (query.kind === 'data_explorer') explorer.prefetch(query, periods);
        for (const type of reportTypesOf(query, api.hasAdminKey)) days(type).prefetch(periods);
      },
      async collect({ query }: { query: DiscourseQuery }, period) {
        switch (query.kind) {
          case 'active_users':
            return activeUsers(api, days, period, ctx.now());
          case 'data_explorer':
            return explorer.collect(query, period);
          case 'time_to_first_response':
            needAdminKey(api, query.kind);
            return timeToFirstResponse(await days('time_to_first_response').month(period), period);
          default:
            needAdminKey(api, query.kind);
            return sumOfDays(await days(COUNT_REPORTS[query.kind]).month(period));
        }
      },
    };
  },
  // about.json with the key's headers: one request that a refused key or a wrong URL fails.
  verify: async (ctx, _name, config) => {
    await discourseApi(ctx, config).about();
  },
});
