import { z } from 'zod';
import { apiCount } from '../boundary.ts';
import { envVarName, httpUrl, nonEmpty } from '../../fields/fields.ts';

export const plausibleConfigSchema = z
  .strictObject({
    type: z.literal('plausible'),
    url: httpUrl('Plausible base URL (self-hosted or https://plausible.io).').default('https://plausible.io'),
    site_id: nonEmpty('The site domain as registered in Plausible, e.g. about.gitlab.com.'),
    api_key_env: envVarName('Env var holding a Stats API key.'),
  })
  .describe('Plausible Analytics (Stats API v2).');
export type PlausibleConfig = z.infer<typeof plausibleConfigSchema>;

// ---- API responses (only the fields used) ----

/**
 * `POST /api/v2/query` without dimensions: one result whose `metrics` follow the requested
 * metrics' order. Plausible omits empty buckets, so `results` may be empty.
 */
export const queryResponseSchema = z.object({
  results: z.array(z.object({ metrics: z.array(apiCount()).min(1) })),
});
export type QueryResponse = z.infer<typeof queryResponseSchema>;
