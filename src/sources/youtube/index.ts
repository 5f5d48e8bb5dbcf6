// YouTube channel views and subscribers gained per month. With OAuth (the channel owner's refresh
// token) the Analytics API gives exact calendar-month figures; with only an API key the Data API
// gives lifetime totals, which stand in for views (with a note) but not for subscribers gained.
import { PulseError } from '../../errors.ts';
import { defineSource, type MetricOutcome } from '../types.ts';
import { ANALYTICS_METRIC, analyticsApi } from './analytics.ts';
import { dataApi } from './lifetime.ts';
import { youtubeConfigSchema, youtubeKinds, youtubeQuerySchema } from './config.ts';

/** A run makes a handful of requests; pace them gently (Google's binding limits are daily per-project quotas). */
const BUDGET = { concurrency: 2, requestsPerMinute: 60 };

export const youtubeSource = defineSource({
  type: 'youtube',
  summary: 'A YouTube channel: views and subscribers gained per month (Analytics API), or lifetime views (Data API key).',
  configSchema: youtubeConfigSchema,
  querySchema: youtubeQuerySchema,
  // YouTube Analytics answers only up to the last day all requested metrics are available, days
  // after the fact: a month is final about 72 hours after it ends (docs/sources/youtube.md).
  settleHours: 72,
  kinds: youtubeKinds,
  connectionSettings: ['analytics_url', 'data_url', 'token_url'],
  createCollector: (ctx, _name, config) => {
    const { oauth, api_key_env: apiKeyEnv } = config;
    if (oauth) {
      ctx.http.setBudget(new URL(config.analytics_url).host, BUDGET);
      const api = analyticsApi(ctx, config, oauth);
      return {
        prefetch(_metric, periods) {
          api.prefetch(periods);
        },
        async collect({ query }, period): Promise<MetricOutcome> {
          const figures = await api.month(period);
          return { value: figures.value(ANALYTICS_METRIC[query.kind]), status: 'ok' };
        },
      };
    }
    if (!apiKeyEnv) {
      // The config schema already refuses this; kept so the types need no cast.
      throw new PulseError('EGOALSINVALID', 'the youtube source needs `oauth` or `api_key_env`', 'Set oauth (monthly figures) or api_key_env (lifetime views) on the source in goals.yml.');
    }
    ctx.http.setBudget(new URL(config.data_url).host, BUDGET);
    const api = dataApi(ctx, config, apiKeyEnv);
    return {
      async collect({ query }, period): Promise<MetricOutcome> {
        if (query.kind === 'views') return api.views(period);
        return {
          value: null,
          status: 'unavailable',
          reason: 'with only an API key YouTube gives the current subscriber total (rounded to 3 significant figures), not subscribers gained in a month: set oauth on the source',
        };
      },
    };
  },
  // OAuth: the refresh-token grant (client and token accepted), then the token's channel is the
  // configured one (channels?mine=true). API key: one channels.list call.
  verify: async (ctx, _name, config) => {
    const { oauth, api_key_env: apiKeyEnv } = config;
    if (oauth) {
      await analyticsApi(ctx, config, oauth).checkChannel();
    } else if (apiKeyEnv) {
      await dataApi(ctx, config, apiKeyEnv).check();
    }
  },
});
