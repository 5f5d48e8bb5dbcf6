// PLACEHOLDER until the source's collector lands: it refuses to collect.
import { PulseError } from '../../errors.ts';
import { defineSource } from '../types.ts';
import { repoFileConfigSchema, repoFileKinds, repoFileQuerySchema } from './schema.ts';

export const repoFileSource = defineSource({
  type: 'repo-file',
  summary: 'RepoFile (collector not implemented yet).',
  configSchema: repoFileConfigSchema,
  querySchema: repoFileQuerySchema,
  kinds: repoFileKinds,
  secretEnvNames: () => [],
  createCollector: () => ({
    async collect() {
      throw new PulseError('EINTERNAL', 'the repo-file collector is not implemented yet', 'wait for the source to land');
    },
  }),
});
