// Plausible Analytics (Stats API v2): page views and unique visitors of a site in a period,
// optionally for some paths only. A backfill asks once for its run of months (time:month).
import type { Period } from '../../periods/periods.ts';
import { MonthlyRange } from '../range.ts';
import { defineSource } from '../types.ts';
import { webAnalyticsKinds, webAnalyticsQuerySchema, type WebAnalyticsQuery } from '../web-analytics-query.ts';
import { postQuery, queryBody, verifyBody } from './api.ts';
import { plausibleConfigSchema } from './config.ts';

export const plausibleSource = defineSource({
  type: 'plausible',
  summary: 'Plausible Analytics: page views and unique visitors, optionally of some paths; sign-ups (goal conversions) attributed to DevRel content.',
  configSchema: plausibleConfigSchema,
  querySchema: webAnalyticsQuerySchema,
  kinds: webAnalyticsKinds,
  createCollector: (ctx, name, config) => {
    // 600 requests per hour per key (plausible.io): the whole hour's 600 may go at once.
    ctx.http.setBudget(new URL(config.url).host, { concurrency: 2, requestsPerMinute: 10, window: { requests: 600, ms: 3_600_000 } });

    async function ask(query: WebAnalyticsQuery, periods: readonly Period[]): Promise<Map<string, number>> {
      const span = periods.length === 1 ? (periods[0]?.label ?? '') : `${periods[0]?.label ?? ''}..${periods.at(-1)?.label ?? ''}`;
      const data = await postQuery(ctx, name, config, queryBody(config.site_id, query, periods), `Plausible ${query.kind} of ${config.site_id} for ${span}`);
      const byMonth = new Map<string, number>();
      if (periods.length === 1) byMonth.set(periods[0]?.label ?? '', data.results[0]?.metrics[0] ?? 0);
      else for (const r of data.results) byMonth.set(String(r.dimensions?.[0] ?? '').slice(0, 7), r.metrics[0] ?? 0);
      return byMonth;
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
  verify: async (ctx, name, config) => {
    await postQuery(ctx, name, config, verifyBody(config.site_id, ctx.now()), `Plausible check of ${config.site_id}`);
  },
});
