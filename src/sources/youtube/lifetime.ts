// The Data API v3 fallback when only an API key is configured: the channel's LIFETIME view count,
// sampled now. It is not a monthly figure, so it is only offered for the latest finished period
// (for an older one it would be recorded in history as that month's value) and always carries a
// note. Subscribers gained has no such stand-in: the Data API only knows the current total,
// rounded to three significant figures, which is a different number, not a rough one.
import { PulseError } from '../../errors.ts';
import type { Period } from '../../periods/periods.ts';
import { HttpError, isHttpError } from '../../http/errors.ts';
import type { MetricOutcome, SourceContext } from '../types.ts';
import type { YoutubeConfig } from './config.ts';
import { channelStatisticsSchema } from './responses.ts';

/** A lifetime total sampled up to this long after the period's end still stands for "this report". */
const LATEST_PERIOD_MS = 31 * 24 * 3600 * 1000;

const QUOTA_FIX = 'The Data API quota (10,000 units a day per Google Cloud project; channels.list costs 1) resets at midnight Pacific time: re-run the job later, or use a key from a project with quota to spare.';

export function dataApi(ctx: SourceContext, config: YoutubeConfig, apiKeyEnv: string) {
  let lifetimeViews: Promise<number> | undefined;
  const base = config.data_url.replace(/\/+$/, '');

  async function fetchViews(): Promise<number> {
    const key = ctx.secret(apiKeyEnv);
    try {
      const res = await ctx.http.request({
        url: `${base}/youtube/v3/channels`,
        // The key travels in the query string; the client never puts query strings in messages.
        query: { part: 'statistics', id: config.channel_id, key },
        schema: channelStatisticsSchema,
        what: `YouTube Data API statistics of channel ${config.channel_id}`,
        authHint: `Check the API key in ${apiKeyEnv}: its Google Cloud project must have the YouTube Data API v3 enabled, and any key restrictions must allow this API.`,
      });
      const channel = res.data.items?.find((item) => item.id === config.channel_id);
      if (!channel) {
        throw new PulseError(
          'ENOTFOUND',
          `YouTube channel ${config.channel_id} not found (the Data API returned no channel with that id)`,
          "Check channel_id in goals.yml: it is the UC… id in the channel's URL or in YouTube Studio > Settings > Channel > Advanced settings.",
        );
      }
      return channel.statistics.viewCount;
    } catch (error) {
      throw reclassify(error, apiKeyEnv);
    }
  }

  return {
    /** One channels.list call (1 quota unit): the key is accepted and the channel exists. */
    async check(): Promise<void> {
      await fetchViews();
    },
    async views(period: Period): Promise<MetricOutcome> {
      const now = ctx.now();
      if (now.getTime() - period.end.getTime() > LATEST_PERIOD_MS) {
        return {
          value: null,
          status: 'unavailable',
          reason: `with only an API key YouTube gives lifetime channel views as of today, which cannot describe ${period.label}: set oauth on the source for monthly views`,
        };
      }
      lifetimeViews ??= fetchViews();
      return {
        value: await lifetimeViews,
        status: 'ok',
        note: `lifetime channel views sampled on ${now.toISOString().slice(0, 10)}, not views in ${period.label} — set oauth for monthly views`,
      };
    },
  };
}

/**
 * A spent quota is temporary: give it a fix that says when it comes back. A 400 to this fixed
 * request is Google's "API key not valid" answer, a configuration problem, so it becomes EAUTH.
 */
function reclassify(error: unknown, apiKeyEnv: string): unknown {
  if (!isHttpError(error) || error.status === undefined) return error;
  const details = { status: error.status, host: error.host, transient: error.transient };
  // Google's quota message links the word "quota" with an <a> tag: keep the words only.
  if (error.code === 'ETRANSIENT' && error.status === 403) return new HttpError('ETRANSIENT', error.message.replace(/<[^>]*>/g, ''), QUOTA_FIX, details);
  if (error.code === 'EQUERY' && error.status === 400) {
    const fix = `Check the API key in ${apiKeyEnv}: create one in Google Cloud Console > APIs & Services > Credentials, in a project with the YouTube Data API v3 enabled.`;
    return new HttpError('EAUTH', error.message, fix, details);
  }
  return error;
}
