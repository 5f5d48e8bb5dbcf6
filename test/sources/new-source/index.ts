// The `tally` source's descriptor: the only thing besides its folder that the registry needs.
import { defineSource } from '../../../src/sources/types.ts';
import { tallyCount } from './api.ts';
import { tallyConfigSchema, tallyKinds, tallyQuerySchema } from './config.ts';

export const tallySource = defineSource({
  type: 'tally',
  summary: 'Tally (a fixture): events, distinct people, queue age and per-release items of a workspace.',
  configSchema: tallyConfigSchema,
  querySchema: tallyQuerySchema,
  kinds: tallyKinds,
  connectionSettings: ['api_url'],
  createCollector: (ctx, _name, config) => ({
    async collect({ query }, period) {
      return { value: await tallyCount(ctx, config, query, period), status: 'ok' };
    },
  }),
});
