// Exact monthly figures from the YouTube Analytics API v2, with the channel owner's OAuth refresh
// token. One request per period answers both kinds (views and subscribersGained), so it is
// shared by every metric of the run that asks for the same month.
import type { Period } from '../../periods/periods.ts';
import { refreshTokenAccessToken, tokenCache } from '../../auth/google/index.ts';
import { MonthlyRange, rangeDates } from '../range.ts';
import type { SourceContext } from '../types.ts';
import type { YoutubeConfig } from './config.ts';
import { PulseError } from '../../errors.ts';
import { mineChannelsSchema, monthlyReportSchema, type MonthlyReport } from './responses.ts';

/** reports.query needs both: the analytics scope and, since 2025, youtube.readonly (reports.query page, "Important"). */
export const YOUTUBE_SCOPES = ['https://www.googleapis.com/auth/yt-analytics.readonly', 'https://www.googleapis.com/auth/youtube.readonly'] as const;

/** The Analytics API's names for the query kinds. */
export const ANALYTICS_METRIC = { views: 'views', subscribers_gained: 'subscribersGained' } as const;
const METRICS = Object.values(ANALYTICS_METRIC);
const reportSchema = monthlyReportSchema(METRICS);

export type OAuthConfig = NonNullable<YoutubeConfig['oauth']>;

export interface MonthlyFigures {
  /** metric name → value in the period; 0 when the channel had no activity. */
  value(metric: (typeof METRICS)[number]): number;
}

function scopeHint(config: YoutubeConfig, oauth: OAuthConfig): string {
  return `The refresh token in ${oauth.refresh_token_env} must be granted by the owner of channel ${config.channel_id} with both scopes ${YOUTUBE_SCOPES.join(' and ')} (reports.query refuses a token without youtube.readonly): grant it again with both.`;
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
      // The configured channel by id, not channel==MINE: MINE silently reports whatever channel the
      // token's account owns; by id Google refuses (403) a token whose account does not own it.
      // With dimensions=month the range must start on a 1st and end on a month's last day.
      query: { ids: `channel==${config.channel_id}`, ...rangeDates(periods), metrics: METRICS.join(','), dimensions: 'month' },
      headers: { authorization: `Bearer ${token}` },
      schema: reportSchema,
      what: `YouTube Analytics monthly report of ${span}`,
      authHint: scopeHint(config, oauth),
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
    /**
     * The channel the token's account owns (Data API `channels?mine=true`, which also needs
     * youtube.readonly) is the configured one; otherwise a configuration error with its fix.
     */
    async checkChannel(): Promise<void> {
      const token = await accessToken();
      const res = await ctx.http.request({
        url: `${config.data_url.replace(/\/+$/, '')}/youtube/v3/channels`,
        query: { part: 'id', mine: 'true' },
        headers: { authorization: `Bearer ${token}` },
        schema: mineChannelsSchema,
        what: 'YouTube Data API channel of the OAuth grant',
        authHint: scopeHint(config, oauth),
      });
      const owned = (res.data.items ?? []).map((item) => item.id);
      if (!owned.includes(config.channel_id)) {
        throw new PulseError(
          'EAUTH',
          `the refresh token in ${oauth.refresh_token_env} belongs to ${owned.length > 0 ? `channel ${owned.join(', ')}` : 'an account without a channel'}, not to channel ${config.channel_id}`,
          `Grant the refresh token again signed in as channel ${config.channel_id} (for a Brand Account channel, pick that channel when Google asks which account to use), or correct channel_id in goals.yml.`,
        );
      }
    },
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
