// What the goals file may say about a `gitlab` source: its connection and its query kinds.
// The API's answers are described in responses.ts.
import { z } from 'zod';
import { envVarName, httpUrl, nonEmpty } from '../../fields/fields.ts';
import type { KindTable } from '../types.ts';

/** Why the organisation kinds are internal by default (shown by `check`). */
const CONFIDENTIAL = 'it reads the organisations file: customer names and ARR are confidential';

export const gitlabConfigSchema = z
  .strictObject({
    type: z.literal('gitlab'),
    url: httpUrl('Base URL of the GitLab instance.').default('https://gitlab.com'),
    token_env: envVarName('Env var holding a GitLab token with the read_api scope.'),
    requests_per_minute: z
      .number()
      .int()
      .min(1)
      .describe("Requests a minute to send at most, fixed: overrides the limit GitLab announces in its RateLimit-Limit header (set it when your plan's limit is lower than the header says, e.g. 100 on gitlab.com Free).")
      .optional(),
    organisations: z
      .strictObject({
        project: nonEmpty('Project path or id holding the file, e.g. gitlab-com/marketing/developer-relations/contributing-orgs.'),
        file: z
          .string()
          .trim()
          .regex(/^[^/].*\.(ya?ml|csv)$/i, { error: 'must be a path inside the repository ending in .yml, .yaml or .csv (the extension picks the format)' })
          .describe('Path of the organisations file in the repository (YAML or CSV).'),
        ref: nonEmpty('Branch, tag or commit to read.').default('main'),
        url: httpUrl("GitLab instance holding the file; default: this source's url.").optional(),
        token_env: envVarName("Env var holding a token with read_api on that project; default: this source's token_env.").optional(),
      })
      .describe('The organisations file (who works for which organisation, customers and ARR) that the organisation kinds read, once per run. Confidential: see docs/sources/gitlab.md.')
      .optional(),
  })
  .describe('A GitLab instance: merge requests, milestones and issues of groups (GraphQL API).');
export type GitlabConfig = z.infer<typeof gitlabConfigSchema>;

/** The label every MR must carry when the goals file names neither `labels` nor `community`. */
export const DEFAULT_COMMUNITY_LABEL = 'Community contribution';

/**
 * Who the wider community is when the company labels nothing: everyone who is NOT a member of the
 * company's groups (members/all: direct, inherited from ancestors, and members of invited groups),
 * bots always out; labels and a username list are optional refinements.
 */
export const communitySchema = z
  .strictObject({
    exclude_members_of: z
      .array(nonEmpty('Full path of a group whose members are not the wider community, e.g. gitlab-com.'))
      .min(1)
      .describe("Groups whose members are the company, not the community (full paths). A group's members include those inherited from its ancestors and the members of groups invited to it, but not the members of its subgroups only: list such subgroups too."),
    labels: z.array(nonEmpty('A label name.')).default([]).describe('MRs must also carry ALL of these labels (default: none, every merged MR of a non-member counts).'),
    exclude_usernames: z.array(nonEmpty('A username, without @.')).default([]).describe('Usernames never counted besides the members (e.g. former employees, contractors).'),
  })
  .describe('The wider community by membership: authors who are not members of these groups (bots always out), optionally with labels and a username list.');
export type CommunityFilter = z.infer<typeof communitySchema>;

const mrFilter = {
  group: nonEmpty('Full path of one group, e.g. gitlab-org. Subgroups are included.').optional(),
  groups: z.array(nonEmpty('Full path of a group.')).min(1).describe('Several groups; an author counted in two groups counts once.').optional(),
  labels: z.array(nonEmpty('A label name.')).min(1).describe('MRs must carry ALL of these labels. Default: ["Community contribution"], or none with `community` (its own `labels` then refine).').optional(),
  exclude_users: z.array(nonEmpty('A username, without @.')).default([]).describe('Usernames never counted (besides bots, which are always excluded).'),
  community: communitySchema.optional(),
};

function exactlyOneGroup(q: { group?: string | undefined; groups?: string[] | undefined; labels?: string[] | undefined; community?: CommunityFilter | undefined }, ctx: z.RefinementCtx) {
  if ((q.group === undefined) === (q.groups === undefined)) {
    ctx.addIssue({ code: 'custom', message: 'set exactly one of `group` or `groups`', path: ['group'] });
  }
  if (q.community !== undefined && q.labels !== undefined) {
    ctx.addIssue({ code: 'custom', message: 'with `community`, put the labels in `community.labels` (they refine the membership rule); remove this `labels`', path: ['labels'] });
  }
}

/** The labels the MRs must carry: the query's, the community's, or the default label. */
function withLabels<Q extends { labels?: string[] | undefined; community?: CommunityFilter | undefined }>(q: Q): Omit<Q, 'labels'> & { labels: string[] } {
  return { ...q, labels: q.labels ?? q.community?.labels ?? [DEFAULT_COMMUNITY_LABEL] };
}

export const mergedMrAuthorsQuery = z
  .strictObject({ kind: z.literal('merged_mr_authors'), ...mrFilter })
  .superRefine(exactlyOneGroup)
  .transform(withLabels)
  .describe('Distinct human authors of merged MRs with the labels, merged in the period.');
export const mergedMrsQuery = z
  .strictObject({ kind: z.literal('merged_mrs'), ...mrFilter })
  .superRefine(exactlyOneGroup)
  .transform(withLabels)
  .describe('Merged MRs with the labels, merged in the period (bots excluded).');
export const firstTimeContributorsQuery = z
  .strictObject({ kind: z.literal('first_time_contributors'), ...mrFilter })
  .superRefine(exactlyOneGroup)
  .transform(withLabels)
  .describe('Authors whose first merged MR with the labels in these groups was merged in the period.');

export const mergedMrsPerMilestoneQuery = z
  .strictObject({
    kind: z.literal('merged_mrs_per_milestone'),
    ...mrFilter,
    milestone_pattern: nonEmpty('Regular expression a release milestone title matches; default "^\\d+\\.\\d+$" (17.5).').default('^\\d+\\.\\d+$'),
  })
  .superRefine(exactlyOneGroup)
  .transform(withLabels)
  .describe('Per-release series: merged MRs with the labels in each release milestone (a milestone set, e.g. 17.5), bots excluded. The month shows the releases whose milestone is due in it; the breakdown lists each release.');

export const openMrAgeQuery = z
  .strictObject({ kind: z.literal('open_mr_age'), ...mrFilter })
  .superRefine(exactlyOneGroup)
  .transform(withLabels)
  .describe('Open Community MR Age (OCMA): median age in days, at the end of the period, of the MRs with the labels open at that instant (lower is better); p75 in the breakdown.');

export const timeToMergeQuery = z
  .strictObject({
    kind: z.literal('time_to_merge'),
    ...mrFilter,
    statistic: z.enum(['median', 'p75']).default('median').describe('Which figure is the value: the median (default) or the 75th percentile; both are in the breakdown.'),
  })
  .superRefine(exactlyOneGroup)
  .transform(withLabels)
  .describe('Days from opening to merge of the MRs with the labels merged in the period (lower is better).');

export const timeToFirstReviewQuery = z
  .strictObject({
    kind: z.literal('time_to_first_review'),
    ...mrFilter,
    statistic: z.enum(['median', 'p75']).default('median').describe('Which figure is the value: the median (default) or the 75th percentile; both are in the breakdown.'),
  })
  .superRefine(exactlyOneGroup)
  .transform(withLabels)
  .describe('Hours from opening to the first comment by someone other than the author (not a bot, not a system note), of the MRs with the labels merged in the period (lower is better).');

export const returningContributorsQuery = z
  .strictObject({ kind: z.literal('returning_contributors'), ...mrFilter })
  .superRefine(exactlyOneGroup)
  .transform(withLabels)
  .describe('Authors of the period who had a matching MR merged before it (the complement of first_time_contributors).');

export const contributorRetentionQuery = z
  .strictObject({
    kind: z.literal('contributor_retention'),
    ...mrFilter,
    within_months: z.number().int().min(1).max(12).default(3).describe('How many months after their first month a first-time contributor must contribute again to count as retained (default 3).'),
  })
  .superRefine(exactlyOneGroup)
  .transform(withLabels)
  .describe('Share (%) of the first-time contributors of the month `within_months` before the period who had another MR merged within `within_months` months; the breakdown shows that cohort and the younger ones still filling in.');

export const issuesQuery = z
  .strictObject({
    kind: z.literal('issues'),
    group: nonEmpty('Full path of a group; subgroups are included.').optional(),
    project: nonEmpty('Full path of a project, e.g. gitlab-com/marketing/community-relations/meetups.').optional(),
    labels: z.array(nonEmpty('A label name.')).default([]).describe('Issues must carry ALL of these labels (e.g. [Meetups]).'),
    date_field: z.enum(['due_date', 'created_at', 'closed_at']).default('created_at').describe("Which date must fall in the period: due_date (e.g. a meetup's event date), created_at or closed_at."),
    state: z.enum(['opened', 'closed', 'all']).default('all').describe('Only issues in this state now (default all).'),
  })
  .superRefine((q, ctx) => {
    if ((q.group === undefined) === (q.project === undefined)) ctx.addIssue({ code: 'custom', message: 'set exactly one of `group` or `project`', path: ['group'] });
  })
  .describe('Issues with the labels in a group or project whose due date, creation or closing falls in the period.');

/** The organisation kinds read the organisations file and ARR: internal unless the goals file says public: true. */
const organisationFilter = {
  ...mrFilter,
  state: z.enum(['merged', 'any']).default('merged').describe('merged (default): MRs merged in the period; any: MRs opened in the period, whatever their state now.'),
};

export const contributingOrganisationsQuery = z
  .strictObject({
    kind: z.literal('contributing_organisations'),
    ...organisationFilter,
    unmapped_min_mrs: z.number().int().min(1).default(2).describe('The team-only list of unmapped contributors shows authors without an organisation with at least this many matching MRs in the trailing three months (default 2).'),
  })
  .superRefine(exactlyOneGroup)
  .transform(withLabels)
  .describe(
    'Distinct organisations (from the organisations file) with at least one matching MR in the period, each author counted for the organisation they belonged to on the day. Breakdown: MRs by organisation, and (team only) unmapped authors with several MRs.',
  );
export const contributingCustomersQuery = z
  .strictObject({ kind: z.literal('contributing_customers'), ...organisationFilter })
  .superRefine(exactlyOneGroup)
  .transform(withLabels)
  .describe('Distinct customer organisations (customer: true or a tier in the organisations file, ARR 0 included) with at least one matching MR in the period.');
export const customerContributionsQuery = z
  .strictObject({ kind: z.literal('customer_contributions'), ...mrFilter })
  .superRefine(exactlyOneGroup)
  .transform(withLabels)
  .describe('Merged MRs with the labels, merged in the period, whose author belonged to a customer organisation on the day of the merge (bots excluded).');
export const mrarrQuery = z
  .strictObject({ kind: z.literal('mrarr'), ...mrFilter })
  .superRefine(exactlyOneGroup)
  .transform(withLabels)
  .describe("MRARR: the sum over customer organisations of their merged MRs in the period times the organisation's ARR (from the organisations file).");
export const leadingOrganisationsQuery = z
  .strictObject({
    kind: z.literal('leading_organisations'),
    ...mrFilter,
    min_mrs: z.number().int().min(1).default(5).describe('Merged MRs an organisation needs in the trailing three months to lead (default 5).'),
  })
  .superRefine(exactlyOneGroup)
  .transform(withLabels)
  .describe('Organisations with at least min_mrs merged MRs in the three months ending with the period (the trailing quarter). Breakdown: each one and its MRs; the note: their MRs open at the end of the period and their median age.');
export const organisationalDiversityQuery = z
  .strictObject({ kind: z.literal('organisational_diversity'), ...mrFilter })
  .superRefine(exactlyOneGroup)
  .transform(withLabels)
  .describe("Organizational Diversity (CHAOSS): the share (%) of the period's merged community MRs that come from the largest organisation; unaffiliated authors belong to none (lower is more diverse).");

export const gitlabQuerySchema = z.discriminatedUnion('kind', [
  mergedMrAuthorsQuery,
  mergedMrsQuery,
  firstTimeContributorsQuery,
  returningContributorsQuery,
  contributorRetentionQuery,
  mergedMrsPerMilestoneQuery,
  timeToMergeQuery,
  timeToFirstReviewQuery,
  openMrAgeQuery,
  issuesQuery,
  contributingOrganisationsQuery,
  contributingCustomersQuery,
  customerContributionsQuery,
  mrarrQuery,
  leadingOrganisationsQuery,
  organisationalDiversityQuery,
]);
export type GitlabQuery = z.infer<typeof gitlabQuerySchema>;
/** How each kind's months make a quarter's or year's total, and what one value covers. */
export const gitlabKinds: KindTable<GitlabQuery> = {
  // A person active in three months is one contributor of the quarter: asked for the whole period.
  merged_mr_authors: { aggregation: 'distinct' },
  merged_mrs: { aggregation: 'sum' },
  // A person's first merged MR falls in exactly one month, so the months add up.
  first_time_contributors: { aggregation: 'sum' },
  returning_contributors: { aggregation: 'distinct' },
  contributor_retention: { aggregation: 'none', why: 'a share of one cohort (a percentage) cannot be added across months' },
  merged_mrs_per_milestone: { aggregation: 'sum', per: 'release' },
  time_to_merge: { aggregation: 'none', why: 'medians and percentiles cannot be added across months, and no whole-period figure is collected' },
  time_to_first_review: { aggregation: 'none', why: 'medians and percentiles cannot be added across months, and no whole-period figure is collected' },
  // The age of the MRs open at an instant: the period's value is that of its last month.
  open_mr_age: { aggregation: 'level' },
  issues: { aggregation: 'sum' },
  // An organisation active in three months is one organisation of the quarter: asked for the whole period.
  contributing_organisations: { aggregation: 'distinct', internal: CONFIDENTIAL },
  contributing_customers: { aggregation: 'distinct', internal: CONFIDENTIAL },
  customer_contributions: { aggregation: 'sum', internal: CONFIDENTIAL },
  // Each merged MR is weighted once by its organisation's ARR, so the months add up.
  mrarr: { aggregation: 'sum', internal: CONFIDENTIAL },
  // A trailing three-month figure at the end of the month: the period's value is its last month's.
  leading_organisations: { aggregation: 'level', internal: CONFIDENTIAL },
  organisational_diversity: { aggregation: 'none', why: 'a share of the largest organisation cannot be added across months, and no whole-period figure is collected', internal: CONFIDENTIAL },
};
