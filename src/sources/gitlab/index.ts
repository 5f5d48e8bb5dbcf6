// PLACEHOLDER until the source's collector lands: it refuses to collect.
import { PulseError } from '../../errors.ts';
import { defineSource } from '../types.ts';
import { gitlabConfigSchema, gitlabKinds, gitlabQuerySchema } from './schema.ts';

export const gitlabSource = defineSource({
  type: 'gitlab',
  summary: 'Gitlab (collector not implemented yet).',
  configSchema: gitlabConfigSchema,
  querySchema: gitlabQuerySchema,
  kinds: gitlabKinds,
  secretEnvNames: () => [],
  createCollector: () => ({
    async collect() {
      throw new PulseError('EINTERNAL', 'the gitlab collector is not implemented yet', 'wait for the source to land');
    },
  }),
});
