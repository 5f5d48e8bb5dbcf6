// What the goals file may say about a `manual` source: its entry and the `value` kind.
// It calls no API, so there are no answers to describe (no responses.ts).
import { z } from 'zod';
import { metricAmount } from '../../fields/fields.ts';
import type { KindTable } from '../types.ts';

export const manualConfigSchema = z.strictObject({ type: z.literal('manual') }).describe('Values typed into the goals file, for indicators with no API yet.');
export type ManualConfig = z.infer<typeof manualConfigSchema>;

export const manualQuerySchema = z.discriminatedUnion('kind', [
  z
    .strictObject({
      kind: z.literal('value'),
      values: z.record(z.string().regex(/^20\d{2}-(0[1-9]|1[0-2])$/, { error: 'keys must be months from 2000-01 on, like 2026-10' }), metricAmount()).describe('The value for each month, e.g. { "2026-10": 12 }. A month without a value is unavailable.'),
    })
    .describe('A number per month, typed in by a person; reports mark it as manual.'),
]);
export type ManualQuery = z.infer<typeof manualQuerySchema>;
export const manualKinds: KindTable<ManualQuery> = {
  // Typed-in numbers are taken as counts of the month; a quarter's total adds them up.
  // The numbers are data, not definition: typing in October's value must not break the series.
  value: { aggregation: 'sum', dataFields: ['values'] },
};
