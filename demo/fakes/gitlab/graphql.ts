// POST /api/graphql: executes the incoming document against the SDL slice of GitLab's schema with
// resolvers over the data set. Errors come back as HTTP 200 `{errors, data}` like GitLab's.
import { graphql, GraphQLError } from 'graphql';
import { z } from 'zod';
import type { FakeGitlabData, FakeMergeRequest } from './data.ts';
import { createdAtOf, groupIds, namespaceOf, projectIds, updatedAtOf, visibilityOf } from './data.ts';
import { issuesResolver, milestoneNode, milestonesResolver, notesResolver, page } from './read-graphql.ts';
import { gitlabSchema } from './graphql-schema.ts';
import type { MrStore, StateFilter } from './store.ts';

/**
 * MergeRequestConnection's `count` is a LIMITED count (app/graphql/types/limited_countable_connection_type.rb:
 * `COUNT_LIMIT = 1000`, "Returns limit + 1 for counts greater than the limit"): above 1000 it says 1001.
 */
export const COUNT_LIMIT = 1000;

/** GitLab's `default_max_page_size`: `first` above it is refused (the fake is strict about it). */
export const MAX_PAGE_SIZE = 100;

const requestBody = z.object({
  query: z.string(),
  variables: z.record(z.string(), z.unknown()).nullish(),
  operationName: z.string().nullish(),
});

const mergeRequestsArgs = z.object({
  state: z.enum(['opened', 'closed', 'locked', 'all', 'merged']).nullish(),
  labelName: z.array(z.string().nullable()).nullish(),
  labels: z.array(z.string().nullable()).nullish(),
  mergedAfter: z.string().nullish(),
  mergedBefore: z.string().nullish(),
  includeSubgroups: z.boolean().nullish(),
  includeArchived: z.boolean().nullish(),
  sort: z.enum(['CREATED_DESC', 'CREATED_ASC', 'MERGED_AT_ASC', 'MERGED_AT_DESC']).nullish(),
  authorUsername: z.string().nullish(),
  milestoneTitle: z.string().nullish(),
  createdAfter: z.string().nullish(),
  createdBefore: z.string().nullish(),
  updatedAfter: z.string().nullish(),
  first: z.number().int().nullish(),
  after: z.string().nullish(),
  last: z.number().int().nullish(),
  before: z.string().nullish(),
});

/** GitLab serialises Time with whole seconds: "2026-10-01T07:00:00Z". */
function gitlabTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function parseTime(value: string, arg: string): number {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new GraphQLError(`Argument '${arg}' on Field 'mergeRequests' has an invalid value (${JSON.stringify(value)}). Expected type 'Time'.`);
  return ms;
}

function encodeCursor(id: number): string {
  return Buffer.from(JSON.stringify({ id: String(id) })).toString('base64');
}

function decodeCursor(cursor: string): number {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8'));
    const id = z.object({ id: z.string() }).parse(parsed).id;
    return Number(id);
  } catch {
    throw new GraphQLError('Please provide a valid cursor');
  }
}

export interface GraphqlAnswer {
  body: unknown;
}

export function createGraphqlExecutor(store: MrStore, baseUrl: string) {
  const data: FakeGitlabData = store.data;
  const gids = groupIds(data);
  const pids = projectIds(data);

  const node = (mr: FakeMergeRequest) => {
    const author = store.user(mr.authorId);
    return {
      id: `gid://gitlab/MergeRequest/${mr.id}`,
      iid: String(mr.iid),
      title: `MR ${mr.iid}`,
      state: mr.state,
      webUrl: `${baseUrl}/${mr.project}/-/merge_requests/${mr.iid}`,
      mergedAt: mr.mergedAt === undefined ? null : gitlabTime(Date.parse(mr.mergedAt)),
      createdAt: gitlabTime(Date.parse(createdAtOf(mr))),
      updatedAt: gitlabTime(updatedAtOf(mr)),
      closedAt: mr.closedAt === undefined ? null : gitlabTime(Date.parse(mr.closedAt)),
      milestone: mr.milestone === undefined ? null : milestoneNode(data, mr.milestone, namespaceOf(mr.project)),
      notes: notesResolver(mr, (id) => store.user(id)),
      project: { id: `gid://gitlab/Project/${pids.get(mr.project) ?? 0}`, fullPath: mr.project, visibility: visibilityOf(data, mr.project) },
      author: author ? { id: `gid://gitlab/User/${author.id}`, username: author.username, name: author.name, bot: author.bot ?? false, webUrl: `${baseUrl}/${author.username}`, publicEmail: author.publicEmail ?? null } : null,
    };
  };

  const mergeRequests = (group: string) => (rawArgs: unknown) => {
    const args = mergeRequestsArgs.parse(rawArgs);
    if (args.last != null || args.before != null) throw new GraphQLError('the fake GitLab implements forward pagination only (first/after)');
    const first = args.first ?? MAX_PAGE_SIZE;
    if (first > MAX_PAGE_SIZE || first < 0) throw new GraphQLError(`Argument 'first' on Field 'mergeRequests' must be between 0 and ${MAX_PAGE_SIZE}, got ${first}`);
    const labels = [...(args.labelName ?? []), ...(args.labels ?? [])].filter((l): l is string => l !== null);
    const state: StateFilter = args.state ?? 'all';
    if (args.sort === 'CREATED_ASC') throw new GraphQLError('the fake GitLab does not implement sort CREATED_ASC');
    const sort = args.sort ?? 'CREATED_DESC';
    if (sort !== 'CREATED_DESC' && args.after != null) throw new GraphQLError('the fake GitLab pages (after:) only in the default sort');
    const list = store.find({
      group,
      includeSubgroups: args.includeSubgroups ?? false,
      includeArchived: args.includeArchived ?? false,
      sort,
      state,
      labels,
      ...(args.mergedAfter != null ? { mergedAfter: parseTime(args.mergedAfter, 'mergedAfter') } : {}),
      ...(args.mergedBefore != null ? { mergedBefore: parseTime(args.mergedBefore, 'mergedBefore') } : {}),
      ...(args.authorUsername != null ? { authorUsername: args.authorUsername } : {}),
      ...(args.milestoneTitle != null ? { milestoneTitle: args.milestoneTitle } : {}),
      ...(args.createdAfter != null ? { createdAfter: parseTime(args.createdAfter, 'createdAfter') } : {}),
      ...(args.createdBefore != null ? { createdBefore: parseTime(args.createdBefore, 'createdBefore') } : {}),
      ...(args.updatedAfter != null ? { updatedAfter: parseTime(args.updatedAfter, 'updatedAfter') } : {}),
    });
    let start = 0;
    if (args.after != null) {
      // Keyset: continue after the cursor's id in the newest-first order.
      const afterId = decodeCursor(args.after);
      start = list.findIndex((mr) => mr.id < afterId);
      if (start < 0) start = list.length;
    }
    const page = list.slice(start, start + first);
    const last = page.at(-1);
    return {
      count: Math.min(list.length, COUNT_LIMIT + 1),
      pageInfo: {
        hasNextPage: start + page.length < list.length,
        hasPreviousPage: start > 0,
        startCursor: page[0] ? encodeCursor(page[0].id) : null,
        endCursor: last ? encodeCursor(last.id) : null,
      },
      nodes: () => page.map(node),
    };
  };

  /**
   * `projects(ids:)`: the projects with these global ids the caller can see (ProjectsFinder with
   * `project_ids_relation`, app/graphql/resolvers/projects_resolver.rb); an id that is not a
   * Project global id is an error (`GitlabSchema.parse_gid(gid, expected_type: ::Project)`).
   */
  const projects = (rawArgs: unknown) => {
    const args = z.object({ ids: z.array(z.string()).nullish() }).parse(rawArgs);
    const wanted = args.ids?.map((gid) => {
      const match = /^gid:\/\/gitlab\/Project\/(\d+)$/.exec(gid);
      if (!match) throw new GraphQLError(`${gid} is not a valid ID for Project.`);
      return Number(match[1]);
    });
    const list = [...pids]
      .map(([path, id]) => ({ id, path }))
      .filter((p) => wanted === undefined || wanted.includes(p.id))
      .sort((a, b) => b.id - a.id);
    return page(list, rawArgs, (p) => ({ id: `gid://gitlab/Project/${p.id}`, fullPath: p.path, visibility: visibilityOf(data, p.path) }));
  };

  const rootValue = {
    projects,
    group: ({ fullPath }: { fullPath: string }) =>
      store.hasGroup(fullPath)
        ? {
            id: `gid://gitlab/Group/${gids.get(fullPath) ?? 0}`,
            fullPath,
            mergeRequests: mergeRequests(fullPath),
            milestones: milestonesResolver(data, fullPath),
            issues: issuesResolver(data, baseUrl, { group: fullPath }),
          }
        : null,
    project: ({ fullPath }: { fullPath: string }) =>
      store.hasProject(fullPath)
        ? {
            id: `gid://gitlab/Project/${pids.get(fullPath) ?? 0}`,
            fullPath,
            visibility: visibilityOf(data, fullPath),
            issues: issuesResolver(data, baseUrl, { project: fullPath }),
            mergeRequest: ({ iid }: { iid: string }) => {
              const mr = store.mergeRequest(fullPath, iid);
              return mr ? node(mr) : null;
            },
          }
        : null,
  };

  return async (rawBody: unknown): Promise<GraphqlAnswer> => {
    const parsed = requestBody.safeParse(rawBody);
    if (!parsed.success) return { body: { errors: [{ message: 'No query string was present' }] } };
    const result = await graphql({
      schema: gitlabSchema,
      source: parsed.data.query,
      rootValue,
      variableValues: parsed.data.variables ?? undefined,
      operationName: parsed.data.operationName ?? undefined,
    });
    return { body: JSON.parse(JSON.stringify(result)) as unknown };
  };
}
