// Plausible Analytics (Stats API v2): page views and unique visitors of a site in a period,
// optionally for some paths only.
import { PulseError } from '../../errors.ts';
import { isHttpError } from '../../http/errors.ts';
import { defineSource } from '../types.ts';
import type { Period } from '../../goals/periods.ts';
import { MonthlyRange } from '../range.ts';
import { webAnalyticsKinds, webAnalyticsQuerySchema, type WebAnalyticsQuery } from '../web-analytics-query.ts';
import { queryBody } from './request.ts';
import { plausibleConfigSchema, queryResponseSchema } from './schema.ts';

export const plausibleSource = defineSource({
  type: 'plausible',
  summary: 'Plausible Analytics: page views and unique visitors, optionally of some paths.',
  configSchema: plausibleConfigSchema,
  querySchema: webAnalyticsQuerySchema,
  kinds: webAnalyticsKinds,
  secretEnvNames: (config) => [config.api_key_env],
  createCollector: (ctx, name, config) => {
    const base = config.url.replace(/\/+$/, '');
    // 600 requests per hour per key (plausible.io): the whole hour's 600 may go at once.
    ctx.http.setBudget(new URL(base).host, { concurrency: 2, requestsPerMinute: 10, window: { requests: 600, ms: 3_600_000 } });
    async function ask(query: WebAnalyticsQuery, periods: readonly Period[]): Promise<Map<string, number>> {
      const key = ctx.secret(config.api_key_env);
      const span = periods.length === 1 ? (periods[0]?.label ?? '') : `${periods[0]?.label ?? ''}..${periods.at(-1)?.label ?? ''}`;
      try {
        const res = await ctx.http.request({
          method: 'POST',
          url: `${base}/api/v2/query`,
          headers: { Authorization: `Bearer ${key}` },
          json: queryBody(config.site_id, query, periods),
          schema: queryResponseSchema,
          what: `Plausible ${query.kind} of ${config.site_id} for ${span}`,
          authHint: `${config.api_key_env} must hold a Plausible Stats API key of a member of the team that owns "${config.site_id}" (sources.${name}.site_id must be the site's domain as registered).`,
          notFoundHint: `Check sources.${name}.url (${base}): the Stats API v2 lives at /api/v2/query (self-hosted Plausible CE 2.1 or later).`,
        });
        const byMonth = new Map<string, number>();
        if (periods.length === 1) byMonth.set(periods[0]?.label ?? '', res.data.results[0]?.metrics[0] ?? 0);
        else for (const r of res.data.results) byMonth.set(String(r.dimensions?.[0] ?? '').slice(0, 7), r.metrics[0] ?? 0);
        return byMonth;
      } catch (error) {
        // 402 is not a bad query: the account's plan has no Stats API (or the site is locked).
        if (isHttpError(error) && error.status === 402) {
          throw new PulseError('EAUTH', error.message, `The account that owns ${config.api_key_env} needs a Plausible plan that includes the Stats API (Business), or use the API key of an account that has it.`, { cause: error });
        }
        throw error;
      }
    }
    const ranges = new Map<string, MonthlyRange<number>>();
    const rangeFor = (query: WebAnalyticsQuery): MonthlyRange<number> => {
      const k = JSON.stringify(query);
      let range = ranges.get(k);
      if (!range) {
        range = new MonthlyRange<number>({
          fetchRange: (run) => ask(query, run),
          fetchMonth: async (period) => (await ask(query, [period])).get(period.label) ?? 0,
          empty: 0,
          onFallback: (run, error) => ctx.log.info(`Plausible ${query.kind} for ${run.length} months in one request failed (${error instanceof Error ? error.message : String(error)}); asking month by month`),
        });
        ranges.set(k, range);
      }
      return range;
    };
    return {
      prefetch({ query }, periods) {
        rangeFor(query).prefetch(periods);
      },
      async collect({ query }, period) {
        return { value: await rangeFor(query).month(period), status: 'ok' };
      },
    };
  },
});
