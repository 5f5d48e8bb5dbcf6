// PLACEHOLDER until the source's collector lands: it refuses to collect.
import { PulseError } from '../../errors.ts';
import { defineSource } from '../types.ts';
import { webAnalyticsKinds, webAnalyticsQuerySchema } from '../web-analytics-query.ts';
import { ga4ConfigSchema } from './schema.ts';

export const ga4Source = defineSource({
  type: 'ga4',
  summary: 'Ga4 (collector not implemented yet).',
  configSchema: ga4ConfigSchema,
  querySchema: webAnalyticsQuerySchema,
  kinds: webAnalyticsKinds,
  secretEnvNames: () => [],
  createCollector: () => ({
    async collect() {
      throw new PulseError('EINTERNAL', 'the ga4 collector is not implemented yet', 'wait for the source to land');
    },
  }),
});
