// Counts entries of a YAML or CSV file kept in a GitLab repository (an activity log, a list of
// events) whose date falls in the period, optionally only those matching `where`.
import { defineSource } from '../types.ts';
import { gitlabTokenExpiry } from '../gitlab-token-expiry.ts';
import { countEntries } from './count.ts';
import { fileReader } from './api.ts';
import { repoFileConfigSchema, repoFileKinds, repoFileQuerySchema } from './config.ts';

export const repoFileSource = defineSource({
  type: 'repo-file',
  summary: 'Entries of a YAML or CSV file in a GitLab repository whose date falls in the period.',
  configSchema: repoFileConfigSchema,
  querySchema: repoFileQuerySchema,
  kinds: repoFileKinds,
  createCollector: (ctx, name, config) => {
    const reader = fileReader(ctx, name, config);
    return {
      async collect({ query }, period) {
        const { ref, items } = await reader.entries(query.file);
        return countEntries(items, query, period, ref);
      },
    };
  },
  // Reads the first file the metrics name: proves the token (if any), project, ref and path.
  verify: async (ctx, name, config, queries) => {
    const file = queries[0]?.file;
    if (file !== undefined) await fileReader(ctx, name, config).entries(file);
  },
  // A public project needs no token: nothing to read then.
  tokenExpiry: (ctx, _name, config) => gitlabTokenExpiry(ctx, config.url, config.token_env),
});
