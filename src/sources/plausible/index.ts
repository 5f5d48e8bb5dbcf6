// PLACEHOLDER until the source's collector lands: it refuses to collect.
import { PulseError } from '../../errors.ts';
import { defineSource } from '../types.ts';
import { webAnalyticsKinds, webAnalyticsQuerySchema } from '../web-analytics-query.ts';
import { plausibleConfigSchema } from './schema.ts';

export const plausibleSource = defineSource({
  type: 'plausible',
  summary: 'Plausible (collector not implemented yet).',
  configSchema: plausibleConfigSchema,
  querySchema: webAnalyticsQuerySchema,
  kinds: webAnalyticsKinds,
  secretEnvNames: () => [],
  createCollector: () => ({
    async collect() {
      throw new PulseError('EINTERNAL', 'the plausible collector is not implemented yet', 'wait for the source to land');
    },
  }),
});
