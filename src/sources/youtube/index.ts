// PLACEHOLDER until the source's collector lands: it refuses to collect.
import { PulseError } from '../../errors.ts';
import { defineSource } from '../types.ts';
import { youtubeConfigSchema, youtubeKinds, youtubeQuerySchema } from './schema.ts';

export const youtubeSource = defineSource({
  type: 'youtube',
  summary: 'Youtube (collector not implemented yet).',
  configSchema: youtubeConfigSchema,
  querySchema: youtubeQuerySchema,
  kinds: youtubeKinds,
  secretEnvNames: () => [],
  createCollector: () => ({
    async collect() {
      throw new PulseError('EINTERNAL', 'the youtube collector is not implemented yet', 'wait for the source to land');
    },
  }),
});
