import { z } from 'zod';
import { envVarName, httpUrl } from '../../fields/fields.ts';

export const youtubeConfigSchema = z
  .strictObject({
    type: z.literal('youtube'),
    channel_id: z.string().regex(/^UC[\w-]{22}$/, { error: 'must be a channel id like UCnMGQ8QHMAnVIsI3xJrihhg (24 characters starting with UC)' }).describe('The channel id.'),
    oauth: z
      .strictObject({
        client_id_env: envVarName('Env var holding the OAuth client id.'),
        client_secret_env: envVarName('Env var holding the OAuth client secret.'),
        refresh_token_env: envVarName("Env var holding the channel owner's refresh token (scope yt-analytics.readonly)."),
      })
      .describe('Analytics API credentials: exact monthly views and subscribers gained.')
      .optional(),
    api_key_env: envVarName('Env var holding a Data API key: lifetime statistics only, used when oauth is not set.').optional(),
    analytics_url: httpUrl('Analytics API base URL (override for tests).').default('https://youtubeanalytics.googleapis.com'),
    data_url: httpUrl('Data API base URL (override for tests).').default('https://www.googleapis.com'),
    token_url: httpUrl('OAuth token endpoint (override for tests).').default('https://oauth2.googleapis.com/token'),
  })
  .superRefine((c, ctx) => {
    if (!c.oauth && !c.api_key_env) ctx.addIssue({ code: 'custom', message: 'set `oauth` (exact monthly figures) or `api_key_env` (lifetime statistics)', path: ['oauth'] });
  })
  .describe('A YouTube channel.');
export type YoutubeConfig = z.infer<typeof youtubeConfigSchema>;

export const youtubeQuerySchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('views') }).describe('Video views in the period.'),
  z.strictObject({ kind: z.literal('subscribers_gained') }).describe('Subscribers gained in the period.'),
]);
export type YoutubeQuery = z.infer<typeof youtubeQuerySchema>;
export const youtubeKinds = ['views', 'subscribers_gained'] as const;

/** A Google API's answer cell: the Analytics API sends dimension values as strings, metrics as numbers. */
const cell = z.union([z.string(), z.number()]);

/**
 * The Analytics API's result table, read by column NAME (the column order follows the request
 * and Google may add columns): month label → metric name → value. `rows` is left out when no
 * month has data.
 */
export function monthlyReportSchema(metrics: readonly string[]) {
  return z
    .object({
      columnHeaders: z.array(z.object({ name: z.string() })),
      rows: z.array(z.array(cell)).optional(),
    })
    .transform((table, ctx) => {
      const names = table.columnHeaders.map((h) => h.name);
      const monthAt = names.indexOf('month');
      if (monthAt < 0) ctx.addIssue({ code: 'custom', path: ['columnHeaders'], message: `no "month" column (columns: ${names.join(', ')})` });
      const metricAt = new Map<string, number>();
      for (const metric of metrics) {
        const at = names.indexOf(metric);
        if (at < 0) ctx.addIssue({ code: 'custom', path: ['columnHeaders'], message: `no "${metric}" column (columns: ${names.join(', ')})` });
        metricAt.set(metric, at);
      }
      const byMonth = new Map<string, Map<string, number>>();
      (table.rows ?? []).forEach((row, r) => {
        const month = row[monthAt];
        if (typeof month !== 'string') {
          ctx.addIssue({ code: 'custom', path: ['rows', r, monthAt], message: 'expected the month as a string like "2026-10"' });
          return;
        }
        const values = byMonth.get(month) ?? new Map<string, number>();
        for (const [metric, at] of metricAt) {
          const value = row[at];
          if (typeof value !== 'number' || !Number.isFinite(value)) {
            ctx.addIssue({ code: 'custom', path: ['rows', r, at], message: `expected ${metric} as a number` });
            continue;
          }
          // Views and subscribers gained are counts (YouTube reports lost subscribers separately).
          if (value < 0 || value > Number.MAX_SAFE_INTEGER) {
            ctx.addIssue({ code: 'custom', path: ['rows', r, at], message: `${metric} is ${value < 0 ? 'negative, which a count never is' : 'too large to be a real count'}` });
            continue;
          }
          values.set(metric, (values.get(metric) ?? 0) + value);
        }
        byMonth.set(month, values);
      });
      return byMonth;
    });
}
export type MonthlyReport = z.infer<ReturnType<typeof monthlyReportSchema>>;

/** Data API channels.list: lifetime statistics, counts as decimal STRINGS; no `items` for an unknown id. */
export const channelStatisticsSchema = z.object({
  items: z
    .array(
      z.object({
        id: z.string(),
        statistics: z.object({ viewCount: z.string().regex(/^\d{1,15}$/, { error: 'expected a decimal count as a string' }).transform(Number) }),
      }),
    )
    .optional(),
});
export type ChannelStatistics = z.infer<typeof channelStatisticsSchema>;
