// What the Plausible Stats API v2 answers, only the fields used.
import { z } from 'zod';

/**
 * `POST /api/v2/query` without dimensions: one result whose `metrics` follow the requested
 * metrics' order. Plausible omits empty buckets, so `results` may be empty.
 */
export const queryResponseSchema = z.object({
  results: z.array(z.object({ metrics: z.array(z.number()).min(1) })),
});
export type QueryResponse = z.infer<typeof queryResponseSchema>;
