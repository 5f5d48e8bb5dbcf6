// Plausible Analytics (Stats API v2): page views and unique visitors of a site in a period,
// optionally for some paths only.
import { PulseError } from '../../errors.ts';
import { isHttpError } from '../../http/errors.ts';
import { defineSource } from '../types.ts';
import { webAnalyticsKinds, webAnalyticsQuerySchema } from '../web-analytics-query.ts';
import { queryBody } from './api.ts';
import { plausibleConfigSchema, queryResponseSchema } from './config.ts';

export const plausibleSource = defineSource({
  type: 'plausible',
  summary: 'Plausible Analytics: page views and unique visitors, optionally of some paths.',
  configSchema: plausibleConfigSchema,
  querySchema: webAnalyticsQuerySchema,
  kinds: webAnalyticsKinds,
  secretEnvNames: (config) => [config.api_key_env],
  createCollector: (ctx, name, config) => {
    const base = config.url.replace(/\/+$/, '');
    // 600 requests per hour per key (plausible.io): ten a minute, one at a time.
    ctx.http.setBudget(new URL(base).host, { concurrency: 1, requestsPerMinute: 10 });
    return {
      async collect({ query }, period) {
        const key = ctx.secret(config.api_key_env);
        try {
          const res = await ctx.http.request({
            method: 'POST',
            url: `${base}/api/v2/query`,
            headers: { Authorization: `Bearer ${key}` },
            json: queryBody(config.site_id, query, period),
            schema: queryResponseSchema,
            what: `Plausible ${query.kind} of ${config.site_id} for ${period.label}`,
            authHint: `${config.api_key_env} must hold a Plausible Stats API key of a member of the team that owns "${config.site_id}" (sources.${name}.site_id must be the site's domain as registered).`,
            notFoundHint: `Check sources.${name}.url (${base}): the Stats API v2 lives at /api/v2/query (self-hosted Plausible CE 2.1 or later).`,
          });
          return { value: res.data.results[0]?.metrics[0] ?? 0, status: 'ok' };
        } catch (error) {
          // 402 is not a bad query: the account's plan has no Stats API (or the site is locked).
          if (isHttpError(error) && error.status === 402) {
            throw new PulseError('EAUTH', error.message, `The account that owns ${config.api_key_env} needs a Plausible plan that includes the Stats API (Business), or use the API key of an account that has it.`, { cause: error });
          }
          throw error;
        }
      },
    };
  },
});
