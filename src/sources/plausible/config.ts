// What the goals file may say about a `plausible` source: its connection (the query kinds are shared: ../web-analytics-query.ts).
// The API's answers are described in responses.ts.
import { z } from 'zod';
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
