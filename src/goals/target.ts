// A metric's target: what "on track" means. A monthly side (monthly or ramp), a period side
// (quarterly or yearly), or one of each: both are judged, and the health is the worse of the two.
import { z } from 'zod';

import { metricAmount } from '../fields/fields.ts';

export { LARGEST_VALUE, metricAmount } from '../fields/fields.ts';

const amount = (description: string) => metricAmount().describe(description);

export const FISCAL_QUARTER_RE = /^FY\d{2}-Q[1-4]$/;

export const targetSchema = z
  .strictObject({
    monthly: amount('Target for every calendar month, e.g. 170.').optional(),
    quarterly: amount('Target for the total of each fiscal quarter; months are judged cumulatively with a forecast.').optional(),
    yearly: amount('Target for the total of the fiscal year; months are judged cumulatively with a forecast.').optional(),
    ramp: z
      .record(z.string().regex(FISCAL_QUARTER_RE, { error: 'keys must be fiscal quarters like FY27-Q1' }), amount('Monthly target during this fiscal quarter.'))
      .refine((r) => Object.keys(r).length > 0, { error: 'list at least one fiscal quarter, e.g. FY27-Q1: 150' })
      .describe('A monthly target that changes each fiscal quarter, e.g. { FY27-Q1: 150, FY27-Q2: 160 }. Months of quarters not listed have no target.')
      .optional(),
    direction: z.enum(['higher', 'lower'], { error: 'must be "higher" (more is better) or "lower" (less is better, e.g. response times)' }).default('higher').describe('higher: at least the target is good. lower: at most the target is good.'),
    tolerance: z
      .number({ error: 'must be a number between 0 and 1' })
      .min(0, { error: 'must be between 0 and 1 (0.1 = 10%)' })
      .max(1, { error: 'must be between 0 and 1 (0.1 = 10%)' })
      .default(0.1)
      .describe('How far off target (as a fraction, 0.1 = 10%) still counts as Attention rather than Problem.'),
  })
  .superRefine((t, ctx) => {
    // One monthly side (monthly or ramp) and one period side (quarterly or yearly), each optional:
    // "at least 40 a month and 150 this quarter" is one target, judged on both sides.
    const monthlySide = (['monthly', 'ramp'] as const).filter((k) => t[k] !== undefined);
    const periodSide = (['quarterly', 'yearly'] as const).filter((k) => t[k] !== undefined);
    if (monthlySide.length + periodSide.length === 0) {
      ctx.addIssue({ code: 'custom', message: 'set one of monthly, quarterly, yearly or ramp (or a monthly one and a period one together, e.g. monthly: 40 and quarterly: 150)' });
    }
    for (const side of [monthlySide, periodSide]) {
      if (side.length > 1) ctx.addIssue({ code: 'custom', message: `set only one of ${side.join(', ')} (a monthly target and a quarterly or yearly one may go together)` });
    }
  })
  .describe('What on track means for this metric.');

export type Target = z.infer<typeof targetSchema>;
