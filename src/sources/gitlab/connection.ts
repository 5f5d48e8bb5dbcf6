// The GitLab GraphQL endpoint as this source talks to it, through the one GitLab client
// (src/http/gitlab.ts): the token, the fix hint for a refused token, and the per-host budget
// gitlab.com documents.
import type { z } from 'zod';
import type { PulseError } from '../../errors.ts';
import { gitlabNotFound } from '../../errors/gitlab.ts';
import { gitlabReadTokenHint } from '../../errors/hints.ts';
import { gitlabClient } from '../../http/gitlab.ts';
import type { HostBudget } from '../../http/types.ts';
import type { SourceContext } from '../types.ts';
import type { GitlabConfig } from './config.ts';

/**
 * The budget until GitLab's first answer: from then on its `RateLimit-Limit` header sets the rate
 * (src/http), unless goals.yml fixes `requests_per_minute`.
 * gitlab.com allows 2,000 authenticated API requests a minute per user (≈33 a second). The
 * benchmark (bench/run.ts, 50 ms a request) saturates that pace from concurrency 4 on (240 pages:
 * 13.9 s at 1, 6.3 s at 4, 8 and 16). The concurrency needed is ≈ 33/s × server time per page; at
 * gitlab.com's ~0.3–1 s for a 100-MR page, 8 gives 8–27 requests a second: close to, not over, the cap.
 */
export const GITLAB_BUDGET: HostBudget = { concurrency: 8, requestsPerMinute: 2000 };

export interface GitlabApi {
  /** The configured instance, for error messages. */
  readonly instance: string;
  query<T>(what: string, query: string, variables: Record<string, unknown>, dataSchema: z.ZodType<T>): Promise<T>;
}

export function gitlabApi(ctx: SourceContext, config: GitlabConfig, budget: HostBudget): GitlabApi {
  const client = gitlabClient(ctx.http, {
    url: config.url,
    // Read lazily: a missing env var fails this metric (EENV), not the creation of the collector.
    token: () => ctx.secret(config.token_env),
    authHint: gitlabReadTokenHint({ env: config.token_env }),
  });
  // A limit from goals.yml is fixed; otherwise the budget follows GitLab's RateLimit-Limit header.
  ctx.http.setBudget(new URL(client.instance).host, config.requests_per_minute === undefined ? budget : { ...budget, requestsPerMinute: config.requests_per_minute, fixed: true });
  return { instance: client.instance, query: (what, query, variables, dataSchema) => client.graphql(what, query, variables, dataSchema) };
}

/** The one wording of "this group does not exist for this token" (collection and verification). */
export function groupNotFound(group: string, instance: string): PulseError {
  return gitlabNotFound({ root: 'group', path: group, instance });
}
