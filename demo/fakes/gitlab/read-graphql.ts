// The read side of GitLab's GraphQL schema beyond merged MRs, for the indicator kinds: group
// milestones (per-release series), group/project issues filtered by label and by created, closed
// and due dates, and the MR fields and arguments the age and time-to-merge kinds read. Names,
// types and nullability follow doc/api/graphql/reference: `Issue.dueDate: Date`,
// `Issue.closedAt: Time`, `MergeRequest.closedAt: Time`, `Milestone.dueDate: Time`,
// `issues(dueAfter: Time, dueBefore: Time, closedAfter: Time, ...)`. Date bounds are inclusive,
// like IssuableFinder's, except `dueBefore`, which is STRICT as in the model code
// (app/models/issue.rb `scope :due_before, ->(date) { where('issues.due_date < ?', date) }`), whatever
// the reference's "on or before" says; group issues leave archived projects out unless
// `includeArchived: true`; `confidential` is returned as GitLab does. See README.md.
// `first` is capped at 100 and cursors are keyset (by id).
import { GraphQLError } from 'graphql';
import { z } from 'zod';
import { namespaceOf, projectIds, type FakeGitlabData, type FakeIssue, type FakeMergeRequest } from './data.ts';

export const readSdl = /* GraphQL */ `
  scalar Date

  enum IssuableState {
    opened
    closed
    locked
    all
  }

  enum MilestoneStateEnum {
    active
    closed
  }

  extend type Query {
    project(fullPath: ID!): Project
  }

  extend type Group {
    milestones(state: MilestoneStateEnum, includeDescendants: Boolean, includeAncestors: Boolean, searchTitle: String, first: Int, after: String): MilestoneConnection
    issues(
      labelName: [String]
      includeSubgroups: Boolean = false
      includeArchived: Boolean = false
      state: IssuableState
      createdAfter: Time
      createdBefore: Time
      closedAfter: Time
      closedBefore: Time
      dueAfter: Time
      dueBefore: Time
      first: Int
      after: String
    ): IssueConnection
  }

  extend type Project {
    issues(labelName: [String], state: IssuableState, createdAfter: Time, createdBefore: Time, closedAfter: Time, closedBefore: Time, dueAfter: Time, dueBefore: Time, first: Int, after: String): IssueConnection
  }

  type Milestone {
    id: ID!
    title: String!
    state: MilestoneStateEnum!
    dueDate: Time
    startDate: Time
    webPath: String!
  }

  type MilestoneConnection {
    count: Int!
    pageInfo: PageInfo!
    nodes: [Milestone]
  }

  type Issue {
    id: ID!
    iid: String!
    title: String!
    state: IssuableState!
    webUrl: String!
    createdAt: Time!
    closedAt: Time
    dueDate: Date
    confidential: Boolean!
    projectId: Int
  }

  type IssueConnection {
    count: Int!
    pageInfo: PageInfo!
    nodes: [Issue]
  }

  extend type MergeRequest {
    createdAt: Time!
    updatedAt: Time!
    closedAt: Time
    milestone: Milestone
    notes(first: Int, after: String): NoteConnection!
  }

  extend type Project {
    mergeRequest(iid: String!): MergeRequest
  }

  type UserCore {
    id: ID!
    username: String!
    bot: Boolean!
  }

  type Note {
    id: ID!
    system: Boolean!
    createdAt: Time!
    author: UserCore
  }

  type NoteConnection {
    count: Int!
    pageInfo: PageInfo!
    nodes: [Note]
  }
`;

/** An MR's notes, oldest first, paged like every connection (ids are the notes' positions). */
export function notesResolver(mr: FakeMergeRequest, userOf: (id: number) => { id: number; username: string; bot?: boolean } | undefined) {
  return (rawArgs: unknown) => {
    // Keyset pages go newest-id first in `page`; notes are oldest first, so number them downwards.
    const list = (mr.notes ?? []).map((n, i, all) => ({ ...n, id: all.length - i }));
    return page(list, rawArgs, (n) => {
      const author = userOf(n.authorId);
      return {
        id: `gid://gitlab/Note/${mr.id * 1000 + n.id}`,
        system: n.system ?? false,
        createdAt: gitlabTime(Date.parse(n.createdAt)),
        author: author ? { id: `gid://gitlab/User/${author.id}`, username: author.username, bot: author.bot ?? false } : null,
      };
    });
  };
}

const MAX_PAGE_SIZE = 100;

const pageArgs = z.object({ first: z.number().int().nullish(), after: z.string().nullish() });

function gitlabTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function timeArg(value: string | null | undefined, arg: string): number | undefined {
  if (value == null) return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new GraphQLError(`Argument '${arg}' has an invalid value (${JSON.stringify(value)}). Expected type 'Time'.`);
  return ms;
}

const cursorOf = (id: number) => Buffer.from(JSON.stringify({ id: String(id) })).toString('base64');
function afterIndex<T extends { id: number }>(list: readonly T[], after: string | null | undefined): number {
  if (after == null) return 0;
  let id: number;
  try {
    id = Number(z.object({ id: z.string() }).parse(JSON.parse(Buffer.from(after, 'base64').toString('utf8'))).id);
  } catch {
    throw new GraphQLError('Please provide a valid cursor');
  }
  const at = list.findIndex((x) => x.id < id);
  return at < 0 ? list.length : at;
}

/** A keyset page over a list ordered by id descending (GitLab's default created_desc). */
export function page<T extends { id: number }, N>(list: readonly T[], rawArgs: unknown, toNode: (x: T) => N) {
  const args = pageArgs.parse(rawArgs);
  const first = args.first ?? MAX_PAGE_SIZE;
  if (first > MAX_PAGE_SIZE || first < 0) throw new GraphQLError(`Argument 'first' must be between 0 and ${MAX_PAGE_SIZE}, got ${first}`);
  const start = afterIndex(list, args.after);
  const slice = list.slice(start, start + first);
  const last = slice.at(-1);
  return {
    count: list.length,
    pageInfo: { hasNextPage: start + slice.length < list.length, hasPreviousPage: start > 0, startCursor: slice[0] ? cursorOf(slice[0].id) : null, endCursor: last ? cursorOf(last.id) : null },
    nodes: () => slice.map(toNode),
  };
}

const issuesArgs = z.object({
  labelName: z.array(z.string().nullable()).nullish(),
  includeSubgroups: z.boolean().nullish(),
  includeArchived: z.boolean().nullish(),
  state: z.enum(['opened', 'closed', 'locked', 'all']).nullish(),
  createdAfter: z.string().nullish(),
  createdBefore: z.string().nullish(),
  closedAfter: z.string().nullish(),
  closedBefore: z.string().nullish(),
  dueAfter: z.string().nullish(),
  dueBefore: z.string().nullish(),
});

/** `group.issues` / `project.issues`: every filter inclusive, newest first. */
export function issuesResolver(data: FakeGitlabData, baseUrl: string, scope: { group: string } | { project: string }) {
  const pids = projectIds(data);
  return (rawArgs: unknown) => {
    const args = issuesArgs.parse(rawArgs);
    const labels = (args.labelName ?? []).filter((l): l is string => l !== null);
    const createdAfter = timeArg(args.createdAfter, 'createdAfter');
    const createdBefore = timeArg(args.createdBefore, 'createdBefore');
    const closedAfter = timeArg(args.closedAfter, 'closedAfter');
    const closedBefore = timeArg(args.closedBefore, 'closedBefore');
    // due_date is a date: the Time argument's calendar day (UTC) bounds it, both ends inclusive.
    const dueAfter = args.dueAfter == null ? undefined : new Date(timeArg(args.dueAfter, 'dueAfter') ?? 0).toISOString().slice(0, 10);
    const dueBefore = args.dueBefore == null ? undefined : new Date(timeArg(args.dueBefore, 'dueBefore') ?? 0).toISOString().slice(0, 10);
    const inScope = (issue: FakeIssue) => {
      if ('project' in scope) return issue.project === scope.project;
      if (args.includeArchived !== true && (data.archivedProjects ?? []).includes(issue.project)) return false;
      const ns = namespaceOf(issue.project);
      return ns === scope.group || (args.includeSubgroups === true && ns.startsWith(`${scope.group}/`));
    };
    const list = (data.issues ?? [])
      .filter((i) => inScope(i))
      .filter((i) => (args.state ?? 'all') === 'all' || i.state === args.state)
      .filter((i) => labels.every((l) => i.labels.includes(l)))
      .filter((i) => createdAfter === undefined || Date.parse(i.createdAt) >= createdAfter)
      .filter((i) => createdBefore === undefined || Date.parse(i.createdAt) <= createdBefore)
      .filter((i) => closedAfter === undefined || (i.closedAt !== undefined && Date.parse(i.closedAt) >= closedAfter))
      .filter((i) => closedBefore === undefined || (i.closedAt !== undefined && Date.parse(i.closedAt) <= closedBefore))
      .filter((i) => dueAfter === undefined || (i.dueDate !== undefined && i.dueDate >= dueAfter))
      // Strict, as the model code has it (see the header).
      .filter((i) => dueBefore === undefined || (i.dueDate !== undefined && i.dueDate < dueBefore))
      .sort((a, b) => b.id - a.id);
    return page(list, rawArgs, (i) => ({
      id: `gid://gitlab/Issue/${i.id}`,
      iid: String(i.iid),
      title: i.title,
      state: i.state,
      webUrl: `${baseUrl}/${i.project}/-/issues/${i.iid}`,
      createdAt: gitlabTime(Date.parse(i.createdAt)),
      closedAt: i.closedAt === undefined ? null : gitlabTime(Date.parse(i.closedAt)),
      dueDate: i.dueDate ?? null,
      confidential: i.confidential ?? false,
      projectId: pids.get(i.project) ?? null,
    }));
  };
}

const milestonesArgs = z.object({ state: z.enum(['active', 'closed']).nullish(), includeDescendants: z.boolean().nullish(), searchTitle: z.string().nullish() });

export function milestoneNode(data: FakeGitlabData, title: string, group: string) {
  const m = (data.milestones ?? []).find((x) => x.title === title && (x.group === group || group.startsWith(`${x.group}/`)));
  if (!m) return null;
  return { id: `gid://gitlab/Milestone/${m.id}`, title: m.title, state: m.state ?? 'active', dueDate: m.dueDate === undefined ? null : `${m.dueDate}T00:00:00Z`, startDate: null, webPath: `/groups/${m.group}/-/milestones/${m.id}` };
}

/** `group.milestones`: the group's own, plus its subgroups' with includeDescendants. */
export function milestonesResolver(data: FakeGitlabData, group: string) {
  return (rawArgs: unknown) => {
    const args = milestonesArgs.parse(rawArgs);
    const list = (data.milestones ?? [])
      .filter((m) => m.group === group || (args.includeDescendants === true && m.group.startsWith(`${group}/`)))
      .filter((m) => args.state == null || (m.state ?? 'active') === args.state)
      .filter((m) => args.searchTitle == null || m.title.includes(args.searchTitle))
      .sort((a, b) => b.id - a.id);
    return page(list, rawArgs, (m) => milestoneNode(data, m.title, m.group));
  };
}
