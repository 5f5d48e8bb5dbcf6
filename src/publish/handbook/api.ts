// The GitLab endpoints the handbook publisher needs, called through the project's one HTTP client
// (retries, host budget, masking, zod at the boundary). Every call names what it is for and how
// to fix a 401/403/404, so a failure reads as an instruction.
import { z } from 'zod';
import type { HttpClient, StatusMeaning } from '../../http/types.ts';
import { maskDeep } from '../../secrets.ts';
import { branchSchema, commitSchema, fileSchema, mergeRequestSchema, noteSchema, projectSchema, tokenSelfSchema, type BranchInfo, type CommitInfo, type MergeRequestInfo, type ProjectInfo } from './responses.ts';

export interface HandbookApiOptions {
  http: HttpClient;
  /** GitLab instance, e.g. https://gitlab.com */
  url: string;
  project: string;
  token: string;
  tokenEnv: string;
}

export interface RepoFile {
  content: Buffer;
  lastCommitId: string;
}

export type CommitAction =
  | { action: 'create'; file_path: string; content: string; encoding: 'text' | 'base64' }
  | { action: 'update'; file_path: string; content: string; encoding: 'text' | 'base64'; last_commit_id: string };

export interface CreateCommit {
  branch: string;
  startBranch?: string;
  message: string;
  actions: CommitAction[];
}

/** GitLab's JSON `message` of an error answer. */
function gitlabMessage(body: unknown): string {
  const message = typeof body === 'object' && body !== null && 'message' in body ? body.message : undefined;
  return typeof message === 'string' ? message : Array.isArray(message) ? message.join('; ') : '';
}

/** A 404 whose message says this is missing is the answer `undefined` (any other 404 stays an error). */
function missingAs<T>(message: string) {
  return { 404: (body: unknown): StatusMeaning<T | undefined> | undefined => (gitlabMessage(body) === message ? { answer: undefined } : undefined) };
}

/**
 * GitLab refuses a commit whose reads are out of date with 400 and one of these messages (a
 * last_commit_id that is no longer the file's last commit; a create or update that no longer fits).
 */
const STALE = /changed since you started editing|file with this name already exists|file with this name doesn't exist/i;

/** The commit was refused because a file changed since it was read: read again and retry. */
export class StaleWriteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StaleWriteError';
  }
}

export class HandbookApi {
  readonly #o: HandbookApiOptions;

  constructor(options: HandbookApiOptions) {
    this.#o = options;
  }

  get instanceUrl(): string {
    return this.#o.url.replace(/\/+$/, '');
  }

  #api(path: string): string {
    return `${this.instanceUrl}/api/v4${path}`;
  }

  #project(path = ''): string {
    return this.#api(`/projects/${encodeURIComponent(this.#o.project)}${path}`);
  }

  #common(what: string) {
    return {
      headers: { 'PRIVATE-TOKEN': this.#o.token },
      what,
      authHint: `${this.#o.tokenEnv} must hold a project or group access token of ${this.#o.project} with the api scope and the Developer role (Maintainer for a protected branch).`,
      notFoundHint: `Check publish.handbook.project (${this.#o.project}) and url in goals.yml, and that ${this.#o.tokenEnv} is a member of the project.`,
    };
  }

  async project(): Promise<ProjectInfo> {
    return (await this.#o.http.request({ url: this.#project(), schema: projectSchema, ...this.#common(`GitLab project ${this.#o.project}`) })).data;
  }

  /** undefined when the branch does not exist. */
  async branch(name: string): Promise<BranchInfo | undefined> {
    const { data } = await this.#o.http.request({
      url: this.#project(`/repository/branches/${encodeURIComponent(name)}`),
      schema: branchSchema.optional(),
      statusMap: missingAs<BranchInfo>('404 Branch Not Found'),
      ...this.#common(`branch ${name} of ${this.#o.project}`),
    });
    return data;
  }

  async tokenScopes(): Promise<string[]> {
    return (await this.#o.http.request({ url: this.#api('/personal_access_tokens/self'), schema: tokenSelfSchema, ...this.#common(`the scopes of ${this.#o.tokenEnv}`) })).data.scopes;
  }

  /** A file's bytes and the commit that last changed it; undefined when it does not exist on `ref`. */
  async readFile(path: string, ref: string): Promise<RepoFile | undefined> {
    const { data } = await this.#o.http.request({
      url: this.#project(`/repository/files/${encodeURIComponent(path)}`),
      query: { ref },
      schema: fileSchema.optional(),
      statusMap: missingAs<z.infer<typeof fileSchema>>('404 File Not Found'),
      ...this.#common(`${path} on ${ref} of ${this.#o.project}`),
    });
    return data && { content: Buffer.from(data.content, data.encoding === 'base64' ? 'base64' : 'utf8'), lastCommitId: data.last_commit_id };
  }

  async commit(sha: string): Promise<CommitInfo> {
    return (await this.#o.http.request({ url: this.#project(`/repository/commits/${encodeURIComponent(sha)}`), schema: commitSchema, ...this.#common(`commit ${sha.slice(0, 8)}`) })).data;
  }

  /** Throws StaleWriteError when GitLab refuses the commit because a file changed since it was read. */
  async createCommit(commit: CreateCommit): Promise<CommitInfo> {
    const { data } = await this.#o.http.request<CommitInfo | { stale: string }>({
      method: 'POST',
      url: this.#project('/repository/commits'),
      json: maskDeep({ branch: commit.branch, ...(commit.startBranch ? { start_branch: commit.startBranch } : {}), commit_message: commit.message, actions: commit.actions }),
      schema: commitSchema,
      statusMap: { 400: (body) => (STALE.test(gitlabMessage(body)) ? { answer: { stale: gitlabMessage(body) } } : undefined) },
      ...this.#common(`commit to ${commit.branch} of ${this.#o.project}`),
    });
    if ('stale' in data) throw new StaleWriteError(`GitLab refused the commit to ${commit.branch}: ${data.stale}`);
    return data;
  }

  async openMergeRequests(filter: { sourceBranch?: string; targetBranch: string }): Promise<MergeRequestInfo[]> {
    const { data } = await this.#o.http.request({
      url: this.#project('/merge_requests'),
      query: { state: 'opened', target_branch: filter.targetBranch, source_branch: filter.sourceBranch, per_page: 100 },
      schema: z.array(mergeRequestSchema),
      ...this.#common(`open merge requests of ${this.#o.project}`),
    });
    return data;
  }

  async createMergeRequest(mr: { sourceBranch: string; targetBranch: string; title: string; description: string }): Promise<MergeRequestInfo> {
    const { data } = await this.#o.http.request({
      method: 'POST',
      url: this.#project('/merge_requests'),
      json: maskDeep({ source_branch: mr.sourceBranch, target_branch: mr.targetBranch, title: mr.title, description: mr.description, remove_source_branch: true }),
      schema: mergeRequestSchema,
      ...this.#common(`merge request from ${mr.sourceBranch}`),
    });
    return data;
  }

  async updateMergeRequest(iid: number, change: { title: string; description: string }): Promise<MergeRequestInfo> {
    const { data } = await this.#o.http.request({ method: 'PUT', url: this.#project(`/merge_requests/${iid}`), json: maskDeep(change), schema: mergeRequestSchema, ...this.#common(`merge request !${iid}`) });
    return data;
  }

  async addNote(iid: number, body: string): Promise<void> {
    await this.#o.http.request({ method: 'POST', url: this.#project(`/merge_requests/${iid}/notes`), json: maskDeep({ body }), schema: noteSchema, ...this.#common(`a note on merge request !${iid}`) });
  }
}
