// What the goals file may say about a `ga4` source: its connection (the query kinds are shared: ../web-analytics-query.ts).
// The API's answers are described in responses.ts.
import { z } from 'zod';
import { envVarName, httpUrl } from '../../fields/fields.ts';

export const ga4ConfigSchema = z
  .strictObject({
    type: z.literal('ga4'),
    property: z.string().regex(/^\d+$/, { error: 'must be the numeric GA4 property id, e.g. "123456789" (quote it)' }).describe('GA4 property id (digits).'),
    credentials_env: envVarName('Env var holding the service account key JSON (Viewer on the property).'),
    api_url: httpUrl('Data API base URL (override for proxies and tests).').default('https://analyticsdata.googleapis.com'),
    token_url: httpUrl('OAuth token endpoint (override for tests).').default('https://oauth2.googleapis.com/token'),
  })
  .describe('Google Analytics 4 (Data API v1beta).');
export type Ga4Config = z.infer<typeof ga4ConfigSchema>;
