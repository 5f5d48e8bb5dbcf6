import { z } from 'zod';
import { apiCount } from '../boundary.ts';
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

// ---- API responses (only the fields used) ----

/** GA4 sends every metric value as a string ("1234"); parse it, refusing anything not a number. */
const numericString = z
  .string()
  .regex(/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/, { error: 'expected a numeric string' })
  .transform(Number)
  .pipe(apiCount());

const quotaStatusSchema = z.object({ consumed: z.number().optional(), remaining: z.number().optional() });

/** `POST /v1beta/properties/{id}:runReport`; `rows` is absent when nothing matched. */
export const runReportResponseSchema = z.object({
  rows: z
    .array(
      z.object({
        dimensionValues: z.array(z.object({ value: z.string() })),
        metricValues: z.array(z.object({ value: numericString })).min(1),
      }),
    )
    .optional(),
  propertyQuota: z.object({ tokensPerDay: quotaStatusSchema.optional(), tokensPerHour: quotaStatusSchema.optional() }).optional(),
});
export type RunReportResponse = z.infer<typeof runReportResponseSchema>;
