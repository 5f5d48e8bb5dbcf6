import { z } from 'zod';
import { envVarName, httpUrl, nonEmpty } from '../../fields/fields.ts';

export const gitlabConfigSchema = z
  .strictObject({
    type: z.literal('gitlab'),
    url: httpUrl('Base URL of the GitLab instance.').default('https://gitlab.com'),
    token_env: envVarName('Env var holding a GitLab token with the read_api scope.'),
  })
  .describe('A GitLab instance: merged merge requests of groups (GraphQL API).');
export type GitlabConfig = z.infer<typeof gitlabConfigSchema>;

const mrFilter = {
  group: nonEmpty('Full path of one group, e.g. gitlab-org. Subgroups are included.').optional(),
  groups: z.array(nonEmpty('Full path of a group.')).min(1).describe('Several groups; an author counted in two groups counts once.').optional(),
  labels: z
    .array(nonEmpty('A label name.'))
    .min(1)
    .default(['Community contribution'])
    .describe('MRs must carry ALL of these labels. Default: ["Community contribution"].'),
  exclude_users: z.array(nonEmpty('A username, without @.')).default([]).describe('Usernames never counted (besides bots, which are always excluded).'),
};

function exactlyOneGroup(q: { group?: string | undefined; groups?: string[] | undefined }, ctx: z.RefinementCtx) {
  if ((q.group === undefined) === (q.groups === undefined)) {
    ctx.addIssue({ code: 'custom', message: 'set exactly one of `group` or `groups`', path: ['group'] });
  }
}

export const mergedMrAuthorsQuery = z.strictObject({ kind: z.literal('merged_mr_authors'), ...mrFilter }).superRefine(exactlyOneGroup).describe('Distinct human authors of merged MRs with the labels, merged in the period.');
export const mergedMrsQuery = z.strictObject({ kind: z.literal('merged_mrs'), ...mrFilter }).superRefine(exactlyOneGroup).describe('Merged MRs with the labels, merged in the period (bots excluded).');
export const firstTimeContributorsQuery = z
  .strictObject({ kind: z.literal('first_time_contributors'), ...mrFilter })
  .superRefine(exactlyOneGroup)
  .describe('Authors whose first merged MR with the labels in these groups was merged in the period.');

export const gitlabQuerySchema = z.discriminatedUnion('kind', [mergedMrAuthorsQuery, mergedMrsQuery, firstTimeContributorsQuery]);
export type GitlabQuery = z.infer<typeof gitlabQuerySchema>;
export const gitlabKinds = ['merged_mr_authors', 'merged_mrs', 'first_time_contributors'] as const;
