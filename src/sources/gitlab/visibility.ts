// Which projects are public. An issue or MR of a private or internal project may be counted, but its
// title and link must never reach the public page, the PI data or the committed snapshot: the
// handbook repository is as public as its page. GitLab's issue nodes carry only `projectId`
// (app/graphql/types/issue_type.rb, `field :project_id`), so the visibility of each distinct project
// is asked once per run, up to 100 projects a request (`projects(ids:)` takes global ids,
// app/graphql/resolvers/projects_resolver.rb; `Project.visibility` is "private", "internal" or
// "public", app/graphql/types/project_type.rb). A project the answer leaves out (not visible to the
// token) counts as not public: when in doubt, nothing is shown.
import type { GitlabApi } from './connection.ts';
import { ProjectsPage } from './responses.ts';

const PROJECTS_QUERY = /* GraphQL */ `
  query PulseProjectVisibility($ids: [ID!], $first: Int!, $cursor: String) {
    projects(ids: $ids, first: $first, after: $cursor) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        visibility
      }
    }
  }
`;

/** Projects per request: GitLab's page size. */
export const VISIBILITY_BATCH = 100;

const gid = (id: number) => `gid://gitlab/Project/${id}`;

export class ProjectVisibility {
  readonly #api: GitlabApi;
  /** project id → whether it is public, asked once per run. */
  readonly #known = new Map<number, Promise<boolean>>();

  constructor(api: GitlabApi) {
    this.#api = api;
  }

  /** The ids among `ids` whose project is public; every other id (private, internal, unknown) is not. */
  async publicOf(ids: Iterable<number>): Promise<Set<number>> {
    const wanted = [...new Set(ids)];
    const missing = wanted.filter((id) => !this.#known.has(id));
    for (let i = 0; i < missing.length; i += VISIBILITY_BATCH) {
      const batch = missing.slice(i, i + VISIBILITY_BATCH);
      const answer = this.#ask(batch);
      // A failed lookup fails the metrics that needed it (and is asked again by the next one).
      answer.catch(() => batch.forEach((id) => this.#known.delete(id)));
      for (const id of batch)
        this.#known.set(
          id,
          answer.then((found) => found.get(id) === 'public'),
        );
    }
    const out = new Set<number>();
    await Promise.all(wanted.map(async (id) => ((await this.#known.get(id)) === true ? out.add(id) : undefined)));
    return out;
  }

  async #ask(ids: readonly number[]): Promise<Map<number, string | null>> {
    const found = new Map<number, string | null>();
    let cursor: string | null = null;
    // One page holds the whole batch; a server that pages anyway is followed (bounded by the batch).
    for (let page = 0; page <= ids.length; page++) {
      const data: ProjectsPage = await this.#api.query(`GitLab visibility of ${ids.length} projects`, PROJECTS_QUERY, { ids: ids.map(gid), first: VISIBILITY_BATCH, cursor }, ProjectsPage);
      for (const node of data.projects?.nodes ?? []) {
        const id = node ? Number(/\/(\d+)$/.exec(node.id)?.[1]) : Number.NaN;
        if (node && Number.isInteger(id)) found.set(id, node.visibility);
      }
      const info = data.projects?.pageInfo;
      if (!info?.hasNextPage || info.endCursor === null || info.endCursor === cursor) break;
      cursor = info.endCursor;
    }
    return found;
  }
}
