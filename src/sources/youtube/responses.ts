// What the YouTube Analytics API (analytics.ts) and Data API (lifetime.ts) answer, naming only
// the fields read.
import { z } from 'zod';

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
        statistics: z.object({
          viewCount: z
            .string()
            .regex(/^\d{1,15}$/, { error: 'expected a decimal count as a string' })
            .transform(Number),
        }),
      }),
    )
    .optional(),
});
export type ChannelStatistics = z.infer<typeof channelStatisticsSchema>;

/** Data API channels.list with `mine=true`: the channel(s) of the token's account. */
export const mineChannelsSchema = z.object({ items: z.array(z.object({ id: z.string() })).optional() });
export type MineChannels = z.infer<typeof mineChannelsSchema>;
