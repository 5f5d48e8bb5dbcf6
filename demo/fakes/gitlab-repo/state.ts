// The state of the fake GitLab repository API: projects with branches, files and commits, tokens
// with their user, scopes and role, merge requests and their notes. Tests may edit `branches`
// directly (a file that appears there without a commit is attributed to the project's first
// commit), or call `commitAs` to make a hand edit the way a person would.
import { createHash } from 'node:crypto';

/** A failure the next request gets instead of its answer (consumed in order). */
export type GitlabFault = 'rate-limited' | 'server-error' | 'bad-gateway';

/** GitLab role levels: 20 Reporter, 30 Developer, 40 Maintainer, 50 Owner. */
export type AccessLevel = 10 | 20 | 30 | 40 | 50;

export interface FakeToken {
  value: string;
  /** Default ['api']. */
  scopes?: string[];
  /** Role on every project the fake holds. Default 40 (Maintainer). */
  accessLevel?: AccessLevel;
  username?: string;
  name?: string;
  /**
   * `expires_at` of GET /personal_access_tokens/self: a date "YYYY-MM-DD", or null for a token
   * without expiry (GitLab's doc/api/personal_access_tokens.md shows both). Default: a year after now().
   */
  expiresAt?: string | null;
}

export type FileContent = string | Uint8Array;

export interface FakeProject {
  /** Numeric id; the API accepts it in place of the encoded path. */
  id: number;
  visibility: 'public' | 'private';
  /** branch → file path → content */
  branches: Record<string, Record<string, FileContent>>;
  /** What a request without `ref` reads; default main. */
  defaultBranch?: string;
  /** Branches only Maintainers may push to. */
  protectedBranches?: string[];
}

export interface FakeCommit {
  id: string;
  branch: string;
  title: string;
  message: string;
  authorName: string;
  authorEmail: string;
  createdAt: string;
  parentId: string | null;
  files: string[];
}

export interface FakeMergeRequest {
  id: number;
  iid: number;
  project: string;
  title: string;
  description: string;
  state: 'opened' | 'merged' | 'closed';
  sourceBranch: string;
  targetBranch: string;
  authorUsername: string;
  notes: Array<{ id: number; body: string; authorUsername: string }>;
}

export type RepoApi = 'tree' | 'raw' | 'file' | 'commit' | 'commits' | 'project' | 'branch' | 'token' | 'merge-requests' | 'notes' | 'other';

export interface RepoRequest {
  api: RepoApi;
  method: string;
  /** Decoded project id or path as the request named it. */
  project: string;
  /** Decoded file path (file APIs), tree path, or URL path for the rest. */
  path: string;
  ref: string | null;
  page: string | null;
  token: string | undefined;
}

export interface GitlabRepoFake {
  /** project full path → project */
  projects: Record<string, FakeProject>;
  /** Tokens the fake accepts (PRIVATE-TOKEN or Authorization: Bearer); a string is a Maintainer with `api`. */
  tokens: Array<string | FakeToken>;
  faults: GitlabFault[];
  /** With `persistentFault`, every request fails this way (an exhausted retry budget). */
  persistentFault?: GitlabFault;
  requests: RepoRequest[];
  /** Commits in order, per project path. */
  commits: Record<string, FakeCommit[]>;
  /** project path → branch → file path → id of the commit that last changed it. */
  lastCommits: Record<string, Record<string, Record<string, string>>>;
  mergeRequests: FakeMergeRequest[];
  /** Runs once when the next commit request arrives, before it is applied (a concurrent edit). */
  beforeNextCommit?: () => void;
  /**
   * The next commit is applied, but its answer is lost: a 502 from the proxy in front of GitLab,
   * or a 201 whose body is not JSON (a cut connection). Consumed once.
   */
  loseNextCommitAnswer?: 'bad-gateway' | 'unparsable';
  /** The message of the 400 for a stale last_commit_id (GitLab's wording by default; tests try others). */
  staleMessage?: string;
  /** The next files-API answer carries content that is not valid base64 (its content_sha256 is right). Consumed once. */
  corruptNextFileAnswer?: boolean;
  /**
   * Called with file reads and commits; when it returns a promise, the request waits for it: a
   * file read's answer (computed when it arrived) is delivered late, a commit is applied late.
   */
  hold?: (request: RepoRequest) => Promise<void> | undefined;
  now(): Date;
}

export function gitlabRepoFake(init: Partial<GitlabRepoFake> & Pick<GitlabRepoFake, 'projects'>): GitlabRepoFake {
  const fake: GitlabRepoFake = { tokens: [], faults: [], requests: [], commits: {}, lastCommits: {}, mergeRequests: [], now: () => new Date('2026-11-02T06:00:00Z'), ...init };
  for (const [path, project] of Object.entries(fake.projects)) {
    if (fake.commits[path]) continue;
    const id = commitId(`${path}:initial`);
    const branch = project.defaultBranch ?? 'main';
    fake.commits[path] = [
      { id, branch, title: 'Initial import', message: 'Initial import', authorName: 'Handbook Team', authorEmail: 'handbook@example.com', createdAt: '2020-01-01T00:00:00.000Z', parentId: null, files: Object.keys(project.branches[branch] ?? {}) },
    ];
  }
  return fake;
}

export function commitId(seed: string): string {
  return createHash('sha1').update(seed).digest('hex');
}

/** The default expiry: a year from the fake's clock (GitLab's longest), so no default token ever expires in a test. */
function aYearAfter(now: Date): string {
  return new Date(now.getTime() + 365 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

export function tokenInfo(fake: GitlabRepoFake, value: string): Required<FakeToken> | undefined {
  for (const t of fake.tokens) {
    const token: FakeToken = typeof t === 'string' ? { value: t } : t;
    if (token.value !== value) continue;
    return {
      value,
      scopes: token.scopes ?? ['api'],
      accessLevel: token.accessLevel ?? 40,
      username: token.username ?? 'project_7_bot_5e1f0c',
      name: token.name ?? 'community-pulse',
      expiresAt: token.expiresAt === undefined ? aYearAfter(fake.now()) : token.expiresAt,
    };
  }
  return undefined;
}

export function findProject(fake: GitlabRepoFake, idOrPath: string): { path: string; project: FakeProject } | undefined {
  if (/^\d+$/.test(idOrPath)) {
    const hit = Object.entries(fake.projects).find(([, p]) => p.id === Number(idOrPath));
    return hit && { path: hit[0], project: hit[1] };
  }
  const project = fake.projects[idOrPath];
  return project && { path: idOrPath, project };
}

export function lastCommitOf(fake: GitlabRepoFake, projectPath: string, branch: string, file: string): FakeCommit {
  const commits = fake.commits[projectPath] ?? [];
  const id = fake.lastCommits[projectPath]?.[branch]?.[file];
  return commits.find((c) => c.id === id) ?? (commits[0] as FakeCommit);
}

export function headOf(fake: GitlabRepoFake, projectPath: string, branch: string): FakeCommit {
  const commits = fake.commits[projectPath] ?? [];
  return [...commits].reverse().find((c) => c.branch === branch) ?? (commits[0] as FakeCommit);
}

export function contentBytes(content: FileContent): Buffer {
  return typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
}

/** Applies a commit to one branch (no checks): what a person's push does. */
export function applyCommit(fake: GitlabRepoFake, projectPath: string, branch: string, changes: Record<string, FileContent | null>, meta: { title: string; message?: string; authorName: string; authorEmail: string }): FakeCommit {
  const project = fake.projects[projectPath];
  if (!project) throw new Error(`fake GitLab: no project ${projectPath}`);
  const files = (project.branches[branch] ??= {});
  const commits = (fake.commits[projectPath] ??= []);
  const parent = headOf(fake, projectPath, branch);
  const id = commitId(`${projectPath}:${branch}:${commits.length}:${meta.title}`);
  const commit: FakeCommit = { id, branch, title: meta.title, message: meta.message ?? meta.title, authorName: meta.authorName, authorEmail: meta.authorEmail, createdAt: fake.now().toISOString(), parentId: parent?.id ?? null, files: Object.keys(changes) };
  commits.push(commit);
  const last = ((fake.lastCommits[projectPath] ??= {})[branch] ??= {});
  for (const [path, content] of Object.entries(changes)) {
    if (content === null) delete files[path];
    else files[path] = content;
    last[path] = id;
  }
  return commit;
}

/** A person edits files on a branch (a hand edit in the web IDE). */
export function commitAs(fake: GitlabRepoFake, projectPath: string, branch: string, changes: Record<string, string>, author: { name: string; email: string; title?: string }): FakeCommit {
  return applyCommit(fake, projectPath, branch, changes, { title: author.title ?? `Update ${Object.keys(changes).join(', ')}`, authorName: author.name, authorEmail: author.email });
}

/** Creates `branch` from `from` (files and last-commit ids copied), as start_branch does. */
export function branchFrom(fake: GitlabRepoFake, projectPath: string, branch: string, from: string): void {
  const project = fake.projects[projectPath];
  if (!project) return;
  project.branches[branch] = { ...(project.branches[from] ?? {}) };
  const last = (fake.lastCommits[projectPath] ??= {});
  last[branch] = { ...(last[from] ?? {}) };
  for (const file of Object.keys(project.branches[branch] ?? {})) last[branch]![file] ??= lastCommitOf(fake, projectPath, from, file).id;
}
