// What the Plausible Stats API v2 answers to this source's queries (api.ts), naming only the fields read.
import { z } from 'zod';
import { apiCount } from '../boundary.ts';

/**
 * `POST /api/v2/query` without dimensions: one result whose `metrics` follow the requested
 * metrics' order. Plausible omits empty buckets, so `results` may be empty.
 */
export const queryResponseSchema = z.object({
  // `dimensions` holds the time:month bucket ("2026-10-01") when a run of months is asked at once.
  results: z.array(z.object({ metrics: z.array(apiCount()).min(1), dimensions: z.array(z.string()).optional() })),
});
export type QueryResponse = z.infer<typeof queryResponseSchema>;
