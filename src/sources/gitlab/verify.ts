// Verification before collecting: one GraphQL request that looks up every group the metrics name
// (aliases g0, g1, …). It proves the token is accepted and each group is visible to it.
import type { SourceContext } from '../types.ts';
import type { GitlabConfig, GitlabQuery } from './config.ts';
import { GITLAB_BUDGET, gitlabApi, groupNotFound } from './connection.ts';
import { GroupAnswer } from './responses.ts';

export function groupsOf(queries: readonly GitlabQuery[]): string[] {
  // An `issues` query names a group or a project; projects are not looked up here (collection says if one is missing).
  // A `community` rule's groups are read too (their members): the token must see them as well.
  const community = (q: GitlabQuery) => ('community' in q ? (q.community?.exclude_members_of ?? []) : []);
  return [...new Set(queries.flatMap((q) => [...(q.group !== undefined ? [q.group] : 'groups' in q ? (q.groups ?? []) : []), ...community(q)]))];
}

export async function verifyGitlab(ctx: SourceContext, config: GitlabConfig, queries: readonly GitlabQuery[]): Promise<void> {
  const groups = groupsOf(queries);
  if (groups.length === 0) return;
  const api = gitlabApi(ctx, config, GITLAB_BUDGET);
  const variables = Object.fromEntries(groups.map((group, i) => [`g${i}`, group]));
  const query = `query PulseVerify(${groups.map((_, i) => `$g${i}: ID!`).join(', ')}) { ${groups.map((_, i) => `g${i}: group(fullPath: $g${i}) { id }`).join(' ')} }`;
  const answer = await api.query(`GitLab lookup of ${groups.length === 1 ? `group ${groups[0]}` : `${groups.length} groups`}`, query, variables, GroupAnswer);
  const missing = groups.find((_, i) => !answer[`g${i}`]);
  if (missing !== undefined) throw groupNotFound(missing, api.instance);
}
