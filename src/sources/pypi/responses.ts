// What PyPI Stats answers (api.ts), naming only the fields read.
import { z } from 'zod';
import { apiCount } from '../boundary.ts';

/**
 * `GET /api/packages/{package}/overall?mirrors=false` (pypistats.org/api): the daily series of the
 * last 180 days, one row per day and category ("with_mirrors" or "without_mirrors").
 */
export const overallSchema = z.object({
  data: z.array(z.object({ category: z.string(), date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), downloads: apiCount() })),
});
export type Overall = z.infer<typeof overallSchema>;

/** `GET /api/packages/{package}/recent?period=day`: a small answer, used to check a name exists. */
export const recentSchema = z.object({ data: z.record(z.string(), apiCount()) });
export type Recent = z.infer<typeof recentSchema>;
