// What the npm downloads API answers (api.ts), naming only the fields read.
import { z } from 'zod';
import { apiCount } from '../boundary.ts';

/**
 * `GET /downloads/range/{start}:{end}/{package}` (github.com/npm/registry docs/download-counts.md,
 * "Ranges"): one entry per day, `start` and `end` inclusive. `end` is the last day npm has counted,
 * which may be earlier than the one asked for while a day's logs are still being processed.
 */
export const rangeSchema = z.object({
  downloads: z.array(z.object({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), downloads: apiCount() })),
  start: z.string(),
  end: z.string(),
});
export type Range = z.infer<typeof rangeSchema>;
