// The GitLab source: merged merge requests of groups (and their subgroups) over the GraphQL API.
// How each number is defined, the token it needs and what it costs: README.md beside this file.
import { defineSource } from '../types.ts';
import { createGitlabCollector } from './collector.ts';
import { gitlabConfigSchema, gitlabKinds, gitlabQuerySchema } from './config.ts';
import { verifyGitlab } from './verify.ts';
import { gitlabTokenExpiry } from '../gitlab-token-expiry.ts';

export const gitlabSource = defineSource({
  type: 'gitlab',
  summary:
    'GitLab: merged MRs of groups and subgroups (authors, count, first-time and returning contributors, retention, per release, time to merge), open MR age, issues by date, contributions by organisation and MRARR (with an organisations file); bots excluded.',
  configSchema: gitlabConfigSchema,
  querySchema: gitlabQuerySchema,
  kinds: gitlabKinds,
  // How fast to ask is not what is counted: changing the pace must not break the series. Where the
  // organisations file lives is not either (its content changes month to month and is not hashed):
  // adding one must not break the series of every other gitlab metric.
  connectionSettings: ['requests_per_minute', 'organisations'],
  createCollector: (ctx, name, config) => createGitlabCollector(ctx, name, config),
  verify: (ctx, _name, config, queries) => verifyGitlab(ctx, config, queries),
  tokenExpiry: (ctx, _name, config) => gitlabTokenExpiry(ctx, config.url, config.token_env),
});
