// The manual source: numbers a person types into the goals file for indicators no API offers yet
// (e.g. a partner program's quarterly seats). Reports mark them as manual so nobody mistakes them
// for measured values.
import { defineSource } from '../types.ts';
import { manualConfigSchema, manualKinds, manualQuerySchema } from './config.ts';

export const manualSource = defineSource({
  type: 'manual',
  summary: 'Values typed into the goals file (no API).',
  configSchema: manualConfigSchema,
  querySchema: manualQuerySchema,
  kinds: manualKinds,
  createCollector: () => ({
    async collect({ query }, period) {
      const value = query.values[period.label];
      if (value === undefined) {
        return { value: null, status: 'unavailable', reason: `no manual value for ${period.label} in the goals file (add "${period.label}": <number> under query.values)` };
      }
      return { value, status: 'manual', note: 'entered by hand in the goals file' };
    },
  }),
});
