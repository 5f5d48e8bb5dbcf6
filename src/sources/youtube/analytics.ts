// Exact monthly figures from the YouTube Analytics API v2, with the channel owner's OAuth refresh
// token. One request per period answers both kinds (views and subscribersGained), so it is
// shared by every metric of the run that asks for the same month.
import type { Period } from '../../periods/periods.ts';
import { refreshTokenAccessToken, tokenCache } from '../../auth/google/index.ts';
import { periodDates } from '../../periods/names.ts';
import type { SourceContext } from '../types.ts';
import { monthlyReportSchema, type MonthlyReport, type YoutubeConfig } from './config.ts';

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
  const reports = new Map<string, Promise<MonthlyReport>>();
  const base = config.analytics_url.replace(/\/+$/, '');

  async function fetchMonth(period: Period): Promise<MonthlyReport> {
    const token = await accessToken();
    const res = await ctx.http.request({
      url: `${base}/v2/reports`,
      // channel==MINE: the channel the refresh token was granted for (see README: brand accounts).
      query: { ids: 'channel==MINE', ...periodDates(period), metrics: METRICS.join(','), dimensions: 'month' },
      headers: { authorization: `Bearer ${token}` },
      schema: reportSchema,
      what: `YouTube Analytics monthly report of ${period.label}`,
      authHint: `The refresh token in ${oauth.refresh_token_env} must be granted by the owner of channel ${config.channel_id} with scope https://www.googleapis.com/auth/yt-analytics.readonly.`,
    });
    return res.data;
  }

  return {
    /** The period's figures; failures are shared too, so a broken month costs one set of retries. */
    month(period: Period): Promise<MonthlyFigures> {
      let report = reports.get(period.label);
      if (!report) {
        report = fetchMonth(period);
        reports.set(period.label, report);
      }
      return report.then((byMonth) => ({ value: (metric) => byMonth.get(period.label)?.get(metric) ?? 0 }));
    },
  };
}
