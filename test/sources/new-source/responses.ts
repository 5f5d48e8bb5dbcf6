// What the Tally API answers: one number for the asked range.
import { z } from 'zod';

export const tallyCountSchema = z.object({ value: z.number().min(0) });
export type TallyCount = z.infer<typeof tallyCountSchema>;
