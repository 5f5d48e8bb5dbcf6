// Plausible Analytics (Stats API v2): page views and unique visitors of a site in a period,
// optionally for some paths only.
import { defineSource } from '../types.ts';
import { webAnalyticsKinds, webAnalyticsQuerySchema } from '../web-analytics-query.ts';
import { postQuery, queryBody, verifyBody } from './api.ts';
import { plausibleConfigSchema } from './config.ts';

export const plausibleSource = defineSource({
  type: 'plausible',
  summary: 'Plausible Analytics: page views and unique visitors, optionally of some paths.',
  configSchema: plausibleConfigSchema,
  querySchema: webAnalyticsQuerySchema,
  kinds: webAnalyticsKinds,
  secretEnvNames: (config) => [config.api_key_env],
  createCollector: (ctx, name, config) => {
    // 600 requests per hour per key (plausible.io): ten a minute, one at a time.
    ctx.http.setBudget(new URL(config.url).host, { concurrency: 1, requestsPerMinute: 10 });
    return {
      async collect({ query }, period) {
        const data = await postQuery(ctx, name, config, queryBody(config.site_id, query, period), `Plausible ${query.kind} of ${config.site_id} for ${period.label}`);
        return { value: data.results[0]?.metrics[0] ?? 0, status: 'ok' };
      },
    };
  },
  verify: async (ctx, name, config) => {
    await postQuery(ctx, name, config, verifyBody(config.site_id, ctx.now()), `Plausible check of ${config.site_id}`);
  },
});
