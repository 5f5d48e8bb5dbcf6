// PLACEHOLDER until the source's collector lands: it refuses to collect.
import { PulseError } from '../../errors.ts';
import { defineSource } from '../types.ts';
import { discourseConfigSchema, discourseKinds, discourseQuerySchema } from './schema.ts';

export const discourseSource = defineSource({
  type: 'discourse',
  summary: 'Discourse (collector not implemented yet).',
  configSchema: discourseConfigSchema,
  querySchema: discourseQuerySchema,
  kinds: discourseKinds,
  secretEnvNames: () => [],
  createCollector: () => ({
    async collect() {
      throw new PulseError('EINTERNAL', 'the discourse collector is not implemented yet', 'wait for the source to land');
    },
  }),
});
