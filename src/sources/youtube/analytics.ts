// Exact monthly figures from the YouTube Analytics API v2, with the channel owner's OAuth refresh
// token. One request per period answers both kinds (views and subscribersGained), so it is
// shared by every metric of the run that asks for the same month.
import type { Period } from '../../periods/periods.ts';
import { refreshTokenAccessToken, tokenCache } from '../../auth/google/index.ts';
import { MonthlyRange, rangeDates } from '../range.ts';
import type { SourceContext } from '../types.ts';
import type { YoutubeConfig } from './config.ts';
import { monthlyReportSchema, type MonthlyReport } from './responses.ts';

/** The Analytics API's names for the query kinds. */
export const ANALYTICS_METRIC = { views: 'views', subscribers_gained: 'subscribersGained' } as const;
const METRICS = Object.values(ANALYTICS_METRIC);
const reportSchema = monthlyReportSchema(METRICS);

export type OAuthConfig = NonNullable<YoutubeConfig['oauth']>;

export interface MonthlyFigures {
  /** metric name → value in the period; 0 when the channel had no activity. */
  value(metric: (typeof METRICS)[number]): number;
}

export function analyticsApi(ctx: SourceContext, config: YoutubeConfig, oauth: OAuthConfig) {
  const accessToken = tokenCache(ctx, () =>
    refreshTokenAccessToken(ctx, {
      clientId: ctx.secret(oauth.client_id_env),
      clientSecret: ctx.secret(oauth.client_secret_env),
      refreshToken: ctx.secret(oauth.refresh_token_env),
      tokenUrl: config.token_url,
    }),
  );
  const base = config.analytics_url.replace(/\/+$/, '');

  /** Months first..last with `dimensions=month`: one row per month with activity. */
  async function fetchMonths(periods: readonly Period[]): Promise<MonthlyReport> {
    const token = await accessToken();
    const span = periods.length === 1 ? (periods[0]?.label ?? '') : `${periods[0]?.label ?? ''}..${periods.at(-1)?.label ?? ''}`;
    const res = await ctx.http.request({
      url: `${base}/v2/reports`,
      // channel==MINE: the channel the refresh token was granted for (see README: brand accounts).
      // With dimensions=month the range must start on a 1st and end on a month's last day.
      query: { ids: 'channel==MINE', ...rangeDates(periods), metrics: METRICS.join(','), dimensions: 'month' },
      headers: { authorization: `Bearer ${token}` },
      schema: reportSchema,
      what: `YouTube Analytics monthly report of ${span}`,
      authHint: `The refresh token in ${oauth.refresh_token_env} must be granted by the owner of channel ${config.channel_id} with scope https://www.googleapis.com/auth/yt-analytics.readonly.`,
    });
    return res.data;
  }

  const EMPTY: ReadonlyMap<string, number> = new Map();
  // One answer per month serves both kinds; a backfill asks for its whole run of months at once.
  const months = new MonthlyRange<ReadonlyMap<string, number>>({
    fetchRange: async (run) => await fetchMonths(run),
    fetchMonth: async (period) => (await fetchMonths([period])).get(period.label) ?? EMPTY,
    empty: EMPTY,
    cacheMonths: true,
    onFallback: (run, error) => ctx.log.info(`YouTube Analytics for ${run.length} months in one request failed (${error instanceof Error ? error.message : String(error)}); asking month by month`),
  });

  return {
    prefetch(periods: readonly Period[]): void {
      months.prefetch(periods);
    },
    /** The period's figures; failures are shared too, so a broken month costs one set of retries. */
    async month(period: Period): Promise<MonthlyFigures> {
      const byMetric = await months.month(period);
      return { value: (metric) => byMetric.get(metric) ?? 0 };
    },
  };
}
