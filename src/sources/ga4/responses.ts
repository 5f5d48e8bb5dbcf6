// What the GA4 Data API answers to runReport (index.ts sends it), naming only the fields read.
import { z } from 'zod';
import { apiCount } from '../boundary.ts';

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
