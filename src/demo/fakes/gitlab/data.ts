// The data set a fake GitLab serves: groups, users, merge requests and the tokens it accepts.
// Tests build one by hand (so their expected numbers are hand counts); the benchmark generates one.

export interface FakeUser {
  id: number;
  username: string;
  name: string;
  /** GitLab's `bot` flag: project/group access-token users, service accounts, GitLab's own bots. */
  bot?: boolean;
}

export type FakeMrState = 'merged' | 'opened' | 'closed';

export interface FakeMergeRequest {
  /** Global id (GraphQL `gid://gitlab/MergeRequest/<id>`); also the creation order. */
  id: number;
  /** Per-project id. */
  iid: number;
  /** Full path of the target project, e.g. "gitlab-org/gitlab" or "gitlab-org/sub/tool". */
  project: string;
  authorId: number;
  state: FakeMrState;
  labels: string[];
  /** ISO instant; required for merged MRs. */
  mergedAt?: string;
}

export interface FakeToken {
  value: string;
  /** GitLab personal-access-token scopes; reading needs read_api or api. */
  scopes: string[];
}

export interface FakeGitlabData {
  /** Full paths of every group and subgroup that exists (and is visible to valid tokens). */
  groups: string[];
  users: FakeUser[];
  mergeRequests: FakeMergeRequest[];
  tokens: FakeToken[];
}

/** The namespace (group path) a project lives in: its full path minus the last segment. */
export function namespaceOf(projectPath: string): string {
  const slash = projectPath.lastIndexOf('/');
  return slash < 0 ? '' : projectPath.slice(0, slash);
}

/** Numeric project ids are stable per path within one data set (REST `project_id`). */
export function projectIds(data: FakeGitlabData): Map<string, number> {
  const ids = new Map<string, number>();
  for (const mr of data.mergeRequests) if (!ids.has(mr.project)) ids.set(mr.project, 1000 + ids.size);
  return ids;
}

/** Numeric group ids are stable per path within one data set (REST accepts an id or a path). */
export function groupIds(data: FakeGitlabData): Map<string, number> {
  return new Map(data.groups.map((g, i) => [g, 100 + i]));
}
