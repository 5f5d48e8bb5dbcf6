// What the goals file may say about a `youtube` source: its connection and its query kinds.
// The API's answers are described in responses.ts.
import { z } from 'zod';
import { envVarName, httpUrl } from '../../fields/fields.ts';
import type { KindTable } from '../types.ts';

export const youtubeConfigSchema = z
  .strictObject({
    type: z.literal('youtube'),
    channel_id: z
      .string()
      .regex(/^UC[\w-]{22}$/, { error: 'must be a channel id like UCnMGQ8QHMAnVIsI3xJrihhg (24 characters starting with UC)' })
      .describe('The channel id.'),
    oauth: z
      .strictObject({
        client_id_env: envVarName('Env var holding the OAuth client id.'),
        client_secret_env: envVarName('Env var holding the OAuth client secret.'),
        refresh_token_env: envVarName("Env var holding the channel owner's refresh token (scopes yt-analytics.readonly and youtube.readonly)."),
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

export const youtubeQuerySchema = z.discriminatedUnion('kind', [z.strictObject({ kind: z.literal('views') }).describe('Video views in the period.'), z.strictObject({ kind: z.literal('subscribers_gained') }).describe('Subscribers gained in the period.')]);
export type YoutubeQuery = z.infer<typeof youtubeQuerySchema>;
export const youtubeKinds: KindTable<YoutubeQuery> = { views: { aggregation: 'sum' }, subscribers_gained: { aggregation: 'sum' } };
