// The data set a fake GitLab serves: groups, users, merge requests and the tokens it accepts.
// Tests build one by hand (so their expected numbers are hand counts); the benchmark generates one.

export interface FakeUser {
  id: number;
  username: string;
  name: string;
  /** GitLab's `bot` flag: project/group access-token users, service accounts, GitLab's own bots. */
  bot?: boolean;
  /** The email the user chose to show on their profile (GraphQL `publicEmail`); most users show none. */
  publicEmail?: string;
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
  /** ISO instant; default the merge time (or 2020-01-01 for open MRs). */
  createdAt?: string;
  /** ISO instant, for closed (not merged) MRs. */
  closedAt?: string;
  /** Title of the MR's milestone, e.g. "17.5". */
  milestone?: string;
  /** Comments and system notes, oldest first (GitLab's order for an MR's notes). */
  notes?: FakeNote[];
}

export interface FakeNote {
  authorId: number;
  createdAt: string;
  /** System notes ("added 1 commit", "approved this merge request") are not comments. */
  system?: boolean;
}

export interface FakeMilestone {
  id: number;
  title: string;
  /** Full path of the group that owns it. */
  group: string;
  /** "YYYY-MM-DD" */
  dueDate?: string;
  state?: 'active' | 'closed';
}

export interface FakeIssue {
  id: number;
  iid: number;
  project: string;
  title: string;
  labels: string[];
  state: 'opened' | 'closed';
  createdAt: string;
  closedAt?: string;
  /** "YYYY-MM-DD" (a date, no time zone) */
  dueDate?: string;
  /** Confidential issues are returned to members with `confidential: true` (GraphQL `Issue.confidential`). */
  confidential?: boolean;
}

/** When an MR was opened (the fake's default when a data set does not say). */
export function createdAtOf(mr: FakeMergeRequest): string {
  return mr.createdAt ?? mr.mergedAt ?? '2020-01-01T00:00:00Z';
}

/** GitLab touches updated_at on every change: opening, merging, closing. */
export function updatedAtOf(mr: FakeMergeRequest): number {
  return Math.max(...[createdAtOf(mr), mr.mergedAt, mr.closedAt].filter((t): t is string => t !== undefined).map((t) => Date.parse(t)));
}

export interface FakeToken {
  value: string;
  /** GitLab personal-access-token scopes; reading needs read_api or api. */
  scopes: string[];
  /**
   * `expires_at` of GET /personal_access_tokens/self: "YYYY-MM-DD", or null for a token without
   * expiry (doc/api/personal_access_tokens.md shows both). Default: null.
   */
  expiresAt?: string | null;
}

export interface FakeGitlabData {
  /** Full paths of every group and subgroup that exists (and is visible to valid tokens). */
  groups: string[];
  users: FakeUser[];
  mergeRequests: FakeMergeRequest[];
  tokens: FakeToken[];
  /** Group milestones (releases), for the per-milestone series. */
  milestones?: FakeMilestone[];
  /** Issues, for the issue-count kinds. */
  issues?: FakeIssue[];
  /** Full paths of archived projects: group `mergeRequests`/`issues` leave them out unless `includeArchived: true`. */
  archivedProjects?: string[];
  /** Direct group memberships (REST `GET /groups/:id/members/all`). */
  memberships?: FakeMembership[];
  /** Groups invited to (shared with) a group: their direct members are listed in its members/all. */
  groupShares?: FakeGroupShare[];
  /** Project full path → `visibility` (GraphQL `Project.visibility`, REST `visibility`); default `public`. */
  projectVisibility?: Record<string, FakeVisibility>;
}

export interface FakeMembership {
  /** Full path of the group the user is a direct member of. */
  group: string;
  userId: number;
  /** ISO instant the membership began (`created_at`). */
  createdAt: string;
  /** 10 Guest … 50 Owner; default 30 (Developer). */
  accessLevel?: number;
  /** `awaiting` (pending seat approval) or `active` (default). */
  state?: 'active' | 'awaiting';
}

export interface FakeGroupShare {
  /** The shared group. */
  group: string;
  /** The group invited to it. */
  invited: string;
}

/** GitLab's three visibility levels (doc/api/projects.md: `visibility` "private, internal, or public"). */
export type FakeVisibility = 'public' | 'internal' | 'private';

/** A project's visibility in this data set (public unless the data set says otherwise). */
export function visibilityOf(data: FakeGitlabData, projectPath: string): FakeVisibility {
  return data.projectVisibility?.[projectPath] ?? 'public';
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
  // Projects with issues only come after, so the MR projects' ids stay what they were.
  for (const issue of data.issues ?? []) if (!ids.has(issue.project)) ids.set(issue.project, 1000 + ids.size);
  return ids;
}

/** Numeric group ids are stable per path within one data set (REST accepts an id or a path). */
export function groupIds(data: FakeGitlabData): Map<string, number> {
  return new Map(data.groups.map((g, i) => [g, 100 + i]));
}
