// Discourse forum activity: calendar-period sums from the admin reports (an admin API key), or
// the public rolling 30-day active-user figure when no key is configured.
import { PulseError } from '../../errors.ts';
import type { Period } from '../../periods/periods.ts';
import { defineSource, type MetricOutcome } from '../types.ts';
import { periodDates } from '../../periods/names.ts';
import { monthlyActiveUsers } from './active-users.ts';
import { discourseApi, type DiscourseApi } from './api.ts';
import { discourseConfigSchema, discourseKinds, discourseQuerySchema, type DiscourseQuery, reportSchema } from './config.ts';

/** Report types that count things per day; their sum over the period is the period's count. */
const COUNT_REPORTS = { new_topics: 'topics', posts: 'posts', signups: 'signups' } as const;

/** The public about.json only knows the last 30 days: it cannot answer for an older period. */
const ABOUT_MAX_LAG_MS = 31 * 24 * 3600 * 1000;

function needAdminKey(api: DiscourseApi, kind: string): void {
  if (!api.hasAdminKey) {
    throw new PulseError(
      'EENV',
      `the Discourse query "${kind}" needs the admin reports, and this source has no api_key_env`,
      'Set api_key_env on the source to the name of a masked CI/CD variable holding an admin API key (Admin > API > New key, scope "global" or "reports").',
    );
  }
}

async function sumOfDays(api: DiscourseApi, type: string, period: Period): Promise<MetricOutcome> {
  needAdminKey(api, type);
  // `report.total` is an all-time count: the period's value is the sum of its days.
  const { report } = await api.report(type, periodDates(period), reportSchema);
  return { value: report.data.reduce((sum, p) => sum + p.y, 0), status: 'ok' };
}

async function timeToFirstResponse(api: DiscourseApi, period: Period): Promise<MetricOutcome> {
  needAdminKey(api, 'time_to_first_response');
  // Each day's value is the average hours to first reply of the topics created that day; the
  // report gives no topic counts, so the period's value is the plain mean of those daily values.
  const { report } = await api.report('time_to_first_response', periodDates(period), reportSchema);
  if (report.data.length === 0) {
    return { value: null, status: 'unavailable', unit: 'hours', reason: `no topic created in ${period.label} has a first reply yet` };
  }
  const mean = report.data.reduce((sum, p) => sum + p.y, 0) / report.data.length;
  return { value: Math.round(mean * 100) / 100, status: 'ok', unit: 'hours', note: 'Mean of the daily average hours to first reply (days without new topics are skipped).' };
}

async function activeUsers(api: DiscourseApi, period: Period, now: Date): Promise<MetricOutcome> {
  if (api.hasAdminKey) return monthlyActiveUsers(api, periodDates(period));
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
    note: `Rolling 30-day active users from /about.json, sampled on ${sampled} — not the calendar month ${period.label} (set api_key_env to an admin key for that).`,
  };
}

export const discourseSource = defineSource({
  type: 'discourse',
  summary: 'A Discourse forum: active users, new topics, posts, signups, time to first response.',
  configSchema: discourseConfigSchema,
  querySchema: discourseQuerySchema,
  kinds: discourseKinds,
  secretEnvNames: (config) => (config.api_key_env ? [config.api_key_env] : []),
  createCollector: (ctx, _name, config) => {
    const api = discourseApi(ctx, config);
    return {
      collect({ query }: { query: DiscourseQuery }, period) {
        switch (query.kind) {
          case 'active_users':
            return activeUsers(api, period, ctx.now());
          case 'time_to_first_response':
            return timeToFirstResponse(api, period);
          default:
            return sumOfDays(api, COUNT_REPORTS[query.kind], period);
        }
      },
    };
  },
  // about.json with the key's headers: one request that a refused key or a wrong URL fails.
  verify: async (ctx, _name, config) => {
    await discourseApi(ctx, config).about();
  },
});
